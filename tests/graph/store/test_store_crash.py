"""Crash safety of the embedded store: SIGKILL in the middle of writes loses nothing.

A worker process (``tests/utils/crash_worker.py``) ingests articles, or imports SIPRI
files, into an on-disk store; the test kills it with SIGKILL at varying moments, reopens
the store and checks that every source is whole or absent and that everything committed
before the kill is intact.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from armsgraph import ids
from armsgraph.load.build import build
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR
from tests.utils.crash_worker import variant

SEED = DATA_DIR / "articles" / "article-japan-patriots.txt"
#: Where each kill landed, for docs/robustness.md (one entry per test case).
CRASH_LOG = PROJECT_ROOT / "test-output" / "crash.json"


@dataclass
class Run:
    """What the worker printed before it was killed."""

    committed: list[int]
    writes_started: int
    writes_finished: int

    @property
    def killed_in_write(self) -> bool:
        """The last graph write had started and had not returned when the kill came."""
        return self.writes_started > self.writes_finished


def run_and_kill(args: list[str], after_writes: int, delay: float) -> Run:
    """Start the worker, wait until its ``after_writes``-th graph write starts, wait
    ``delay`` s more, SIGKILL it; then read what it had printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.utils.crash_worker", *args],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    started = 0
    while started < after_writes:
        line = proc.stdout.readline()
        if not line:
            pytest.fail(f"worker ended early: {proc.stderr.read() if proc.stderr else ''}")
        lines.append(line)
        started += line.startswith("writing ")
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    lines += proc.stdout.read().splitlines()
    assert proc.returncode == -signal.SIGKILL, "the worker finished before the kill"
    return Run(
        committed=[int(ln.split()[1]) for ln in lines if ln.startswith("committed")],
        writes_started=sum(ln.startswith("writing ") for ln in lines),
        writes_finished=sum(ln.startswith("wrote ") for ln in lines),
    )


def record(case: str, **numbers: object) -> None:
    """Keep where a kill landed in test-output/crash.json (read by the robustness table)."""
    CRASH_LOG.parent.mkdir(exist_ok=True)
    log = json.loads(CRASH_LOG.read_text()) if CRASH_LOG.exists() else {}
    log[case] = numbers
    CRASH_LOG.write_text(json.dumps(log, indent=1, sort_keys=True) + "\n")


@pytest.fixture(scope="module")
def base_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the built reference graph (what was committed before)."""
    path = tmp_path_factory.mktemp("crash") / "base"
    store = OxigraphStore(path)
    build(store, ONTOLOGY_DIR, DATA_DIR, articles=False)
    store.close()
    return path


@pytest.fixture(scope="module")
def expected_sources() -> dict[str, int]:
    """The size of each of the 20 source graphs the ingest worker writes, from the same
    ingests in memory (made once: each case compares the killed store with it)."""
    from armsgraph.load.ingest import Article, ingest, load_article

    base = load_article(SEED)
    expected: dict[str, int] = {}
    mem = OxigraphStore()
    build(mem, ONTOLOGY_DIR, DATA_DIR, articles=False)
    for i in range(20):
        result = ingest(mem, Article(f"v{i}", variant(base.text, i), base.meta))
        expected[str(result.graph)] = result.triples
    return expected


def copy_store(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


@pytest.mark.parametrize(
    ("writes", "delay"),
    [(1, 0.0), (2, 0.0005), (3, 0.002), (4, 0.05), (6, 0.2)],
    ids=lambda v: str(v),
)
def test_sigkill_during_ingest_keeps_sources_whole(
    base_store_dir: Path, expected_sources: dict[str, int], tmp_path: Path, writes: int,
    delay: float,
) -> None:
    path = copy_store(base_store_dir, tmp_path / "store")
    before = OxigraphStore(path)
    reference_graphs = {g: len(list(before.triples(g))) for g in before.graphs()}
    before.close()

    run = run_and_kill(["ingest", str(path), str(SEED), "20"], writes, delay)

    expected = expected_sources
    after = OxigraphStore(path)
    try:
        for g, n in reference_graphs.items():
            assert len(list(after.triples(g))) == n, f"committed graph {g} changed"
        sources = [g for g in after.graphs() if str(g).startswith(str(ids.GRAPH["source/"]))]
        # Every write that returned is kept; the one the kill interrupted is whole or absent.
        assert run.writes_finished <= len(sources) <= run.writes_started
        for g in sources:
            assert len(list(after.triples(g))) == expected[str(g)], f"{g} is half-written"
        assert all(not str(g).startswith("urn:armsgraph:staging:") for g in after.graphs())
    finally:
        after.close()
    record(f"ingest-{writes}-{delay}", commits_before_kill=len(run.committed),
           writes_started=run.writes_started, writes_finished=run.writes_finished,
           killed_in_write=run.killed_in_write, sources_after=len(sources))


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
def sipri_releases(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, Path, dict[Path, int]]:
    """Two SIPRI-format files and the size of the SIPRI graph each gives when imported whole."""
    from armsgraph.load.sipri import import_register

    if not SIPRI_FIXTURE.exists():
        pytest.skip(f"{SIPRI_FIXTURE} missing")
    big = scaled_register(SIPRI_FIXTURE, tmp_path_factory.mktemp("sipri") / "big.csv", 120)
    sizes = {}
    for f in (SIPRI_FIXTURE, big):
        mem = OxigraphStore()
        build(mem, ONTOLOGY_DIR, DATA_DIR, articles=False)
        import_register(mem, f)
        sizes[f] = len(list(mem.triples(ids.SIPRI_GRAPH)))
    assert sizes[big] != sizes[SIPRI_FIXTURE], "the two releases must be told apart"
    return SIPRI_FIXTURE, big, sizes


@pytest.mark.parametrize(
    ("writes", "delay"),
    [(1, 0.0), (2, 0.05), (3, 0.0), (4, 0.1)],
    ids=lambda v: str(v),
)
def test_sigkill_during_sipri_import_keeps_release_whole(
    base_store_dir: Path, tmp_path: Path, writes: int, delay: float,
    sipri_releases: tuple[Path, Path, dict[Path, int]],
) -> None:
    small, big, sizes = sipri_releases
    path = copy_store(base_store_dir, tmp_path / "store")
    before = OxigraphStore(path)
    reference_graphs = {g: len(list(before.triples(g))) for g in before.graphs()}
    before.close()
    run = run_and_kill(["sipri", str(path), str(small), str(big), "6"], writes, delay)
    # Imports alternate small, big, small …: the k-th write is of file (k - 1) % 2.
    k, files = run.writes_started, [small, big]
    old = sizes[files[(k - 2) % 2]] if k > 1 else 0
    new = sizes[files[(k - 1) % 2]]
    after = OxigraphStore(path)
    try:
        n = len(list(after.triples(ids.SIPRI_GRAPH)))
        allowed = {new} if not run.killed_in_write else {old, new}
        assert n in allowed, f"SIPRI graph holds {n} triples: neither release whole ({allowed})"
        for g, count in reference_graphs.items():
            assert len(list(after.triples(g))) == count, f"committed graph {g} changed"
        assert all(not str(g).startswith("urn:armsgraph:staging:") for g in after.graphs())
        # A digest left with the graph names what it holds (else the next import of that
        # release would skip a graph that is not its own), or there is none.
        digest = after.graph_digest(ids.SIPRI_GRAPH)
        assert digest is None or digest.triples == n
    finally:
        after.close()
    record(f"sipri-{writes}-{delay}", commits_before_kill=len(run.committed),
           writes_started=run.writes_started, writes_finished=run.writes_finished,
           killed_in_write=run.killed_in_write, sipri_triples_after=n,
           kept="new" if n == new else "old")
