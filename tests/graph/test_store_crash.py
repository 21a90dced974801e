"""Crash safety of the embedded store: SIGKILL in the middle of writes loses nothing.

A worker process (``tests/utils/crash_worker.py``) ingests articles, or imports SIPRI
files, into an on-disk store; the test kills it with SIGKILL at varying moments, reopens
the store and checks that every source is whole or absent and that everything committed
before the kill is intact.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graph import ids
from graph.build import build
from graph.settings import PROJECT_ROOT
from graph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR
from tests.utils.crash_worker import variant

SEED = DATA_DIR / "articles" / "article-japan-patriots.txt"
KILL_DELAYS = [0.0, 0.05, 0.2]


def run_and_kill(args: list[str], after_commits: int, delay: float) -> list[int]:
    """Start the worker, wait for ``after_commits`` commits plus ``delay`` s, SIGKILL it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.utils.crash_worker", *args],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    committed: list[int] = []
    assert proc.stdout is not None
    while len(committed) < after_commits:
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"worker ended early: {proc.stderr.read() if proc.stderr else ''}")
        committed.append(int(line.split()[1]))
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rest = proc.stdout.read()
    committed += [int(ln.split()[1]) for ln in rest.splitlines() if ln.startswith("committed")]
    return committed


@pytest.fixture(scope="module")
def base_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the built reference graph (what was committed before)."""
    path = tmp_path_factory.mktemp("crash") / "base"
    store = OxigraphStore(path)
    build(store, ONTOLOGY_DIR, DATA_DIR, articles=False)
    store.close()
    return path


def copy_store(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


@pytest.mark.parametrize("delay", KILL_DELAYS, ids=lambda d: f"kill-after-{d}s")
def test_sigkill_during_ingest_keeps_sources_whole(
    base_store_dir: Path, tmp_path: Path, delay: float
) -> None:
    from graph.ingest import Article, ingest, load_article

    path = copy_store(base_store_dir, tmp_path / "store")
    before = OxigraphStore(path)
    reference_graphs = {g: len(list(before.triples(g))) for g in before.graphs()}
    before.close()

    committed = run_and_kill(["ingest", str(path), str(SEED), "20"], 2, delay)

    base = load_article(SEED)
    expected: dict[str, int] = {}
    mem = OxigraphStore()
    build(mem, ONTOLOGY_DIR, DATA_DIR, articles=False)
    for i in range(20):
        result = ingest(mem, Article(f"v{i}", variant(base.text, i), base.meta))
        expected[str(result.graph)] = result.triples

    after = OxigraphStore(path)
    try:
        for g, n in reference_graphs.items():
            assert len(list(after.triples(g))) == n, f"committed graph {g} changed"
        sources = [g for g in after.graphs() if str(g).startswith(str(ids.GRAPH["source/"]))]
        assert len(sources) >= len(committed)
        for g in sources:
            assert len(list(after.triples(g))) == expected[str(g)], f"{g} is half-written"
    finally:
        after.close()


SIPRI_FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "sipri-sample.csv"


def scaled_register(src: Path, dst: Path, copies: int) -> Path:
    """Our SIPRI-format fixture with its deals repeated ``copies`` times under other order
    years, so that an import takes long enough to be killed in the middle."""
    lines = src.read_text(encoding="cp1252").splitlines(keepends=True)
    head, rows = lines[:12], list(csv.reader(lines[12:]))
    out = io.StringIO()
    out.writelines(head)
    writer = csv.writer(out, lineterminator="\n")
    for k in range(copies):
        for row in rows:
            if len(row) > 2 and row[2].isdigit():
                row = [*row[:2], str(1900 + k), *row[3:]]
            writer.writerow(row)
    dst.write_text(out.getvalue(), encoding="cp1252")
    return dst


@pytest.fixture(scope="module")
def sipri_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[int]]:
    """Two SIPRI-format files and the size of the SIPRI graph each gives when imported whole."""
    from graph.sipri import import_register

    if not SIPRI_FIXTURE.exists():
        pytest.skip(f"{SIPRI_FIXTURE} missing")
    big = scaled_register(SIPRI_FIXTURE, tmp_path_factory.mktemp("sipri") / "big.csv", 120)
    sizes = set()
    for f in (SIPRI_FIXTURE, big):
        mem = OxigraphStore()
        build(mem, ONTOLOGY_DIR, DATA_DIR, articles=False)
        import_register(mem, f, progress=False)
        sizes.add(len(list(mem.triples(ids.SIPRI_GRAPH))))
    return SIPRI_FIXTURE, big, sizes


@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0, 2.0], ids=lambda d: f"kill-after-{d}s")
def test_sigkill_during_sipri_import_keeps_release_whole(
    base_store_dir: Path, tmp_path: Path, delay: float,
    sipri_releases: tuple[Path, Path, set[int]],
) -> None:
    small, big, sizes = sipri_releases
    path = copy_store(base_store_dir, tmp_path / "store")
    run_and_kill(["sipri", str(path), str(small), str(big), "6"], 1, delay)
    after = OxigraphStore(path)
    try:
        n = len(list(after.triples(ids.SIPRI_GRAPH)))
        assert n in sizes, f"SIPRI graph holds {n} triples: neither release whole ({sizes})"
        assert all(not str(g).startswith("urn:armsgraph:staging:") for g in after.graphs())
    finally:
        after.close()
