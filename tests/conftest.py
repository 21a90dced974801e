"""Shared fixtures: the project's paths, and the graph built once per test session."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from armsgraph.load.build import build
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import OxigraphStore

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
DATA_DIR = PROJECT_ROOT / "data"
#: Reference datasets beside the checkout (never committed: SIPRI's terms).
SHARED_DATASETS = PROJECT_ROOT.parent / "shared" / "datasets"
SIPRI_REGISTER = SHARED_DATASETS / "sipri-trade-register" / "trade-register.csv"
TEST_OUTPUT = PROJECT_ROOT / "test-output"
#: Child processes (the CLI, uvicorn, query workers, scripts) import this checkout too, by
#: the same names (the ``pythonpath`` setting of pytest reaches only this process).
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(PROJECT_ROOT / ".pkg"), os.environ.get("PYTHONPATH")) if p)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run when a module was imported by its folder's name (``graph.x``, ``api.x``):
    the import names are ``armsgraph`` and ``armsgraph_api``, and a module imported under
    two names has two copies of every class (isinstance and ``except`` then fail)."""
    stale = sorted(m for m in sys.modules if m.split(".")[0] in ("graph", "api"))
    if stale:
        print(f"\nimported by folder name, not armsgraph/armsgraph_api: {stale[:10]}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def built_store() -> Iterator[OxigraphStore]:
    """The graph as ``armsgraph build`` makes it (in memory), shared by read-only tests."""
    store = OxigraphStore()
    build(store, ONTOLOGY_DIR, DATA_DIR)
    yield store


@pytest.fixture()
def empty_store() -> OxigraphStore:
    """A fresh in-memory store for tests that write."""
    return OxigraphStore()


@pytest.fixture(scope="session")
def test_output() -> Path:
    TEST_OUTPUT.mkdir(exist_ok=True)
    return TEST_OUTPUT


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A real Virtuoso SPARQL server on loopback for the whole session."""
    from tests.utils.virtuoso import Virtuoso, available

    reason = available()
    if reason:
        pytest.skip(reason)
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"))
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def remote_store(virtuoso: object) -> Iterator[object]:
    """An empty remote store on the session's Virtuoso server."""
    from armsgraph.store.remote import SparqlStore

    server = virtuoso
    store = SparqlStore(
        server.query, server.update, server.crud,  # type: ignore[attr-defined]
        user=server.user, password=server.password,  # type: ignore[attr-defined]
    )
    store.clear()
    yield store
    store.clear()
    store.close()


@pytest.fixture(params=["embedded", "remote"])
def any_store(request: pytest.FixtureRequest) -> object:
    """An empty store of each kind: the embedded pyoxigraph one and a remote Virtuoso one."""
    if request.param == "embedded":
        return OxigraphStore()
    return request.getfixturevalue("remote_store")


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 MB tmpfs (a disk that fills up); skipped where mounting is not allowed."""
    import subprocess  # noqa: PLC0415

    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_disk(folder: Path) -> Path:
    """Write a file in ``folder`` until its disk is full; the file is returned."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as f:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                pass
    return filler
