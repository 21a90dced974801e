"""Fixtures of the API tests: the app over the built graph, through TestClient.

``api_store`` is the embedded built graph here; ``tests/api/routes/conftest.py`` makes it
each kind of store (embedded, and remote on a Virtuoso server built with the same data), so
every route test runs against both.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from armsgraph.load.build import build
from armsgraph.settings import Settings
from armsgraph.store import OxigraphStore, Store
from armsgraph_api.main import create_app
from tests.conftest import DATA_DIR, ONTOLOGY_DIR, SIPRI_REGISTER


def make_settings(**overrides: Any) -> Settings:
    """Settings independent of the environment: loopback, no token, closed CORS."""
    values: dict[str, Any] = {
        "store": "memory", "host": "127.0.0.1", "write_token": None, "cors_origins": [],
        "query_timeout": 10.0, "result_cap": 10_000, "max_body_bytes": 5_000_000,
        "extract_workers": 0,  # on the request thread: no worker process per test app
    }
    values.update(overrides)
    return Settings(**values)


def copy_store(store: Store) -> OxigraphStore:
    """An independent in-memory copy of ``store`` (for tests that write)."""
    copy = OxigraphStore()
    copy.load(store.dump("nquads"), "nquads")
    return copy


@pytest.fixture(scope="session")
def api_store(built_store: OxigraphStore) -> OxigraphStore:
    """The built graph; read-only for the API tests."""
    return built_store


@pytest.fixture(scope="module")
def client(api_store: OxigraphStore) -> Iterator[TestClient]:
    """A client of the app over the built graph, with default settings."""
    with TestClient(create_app(make_settings(), api_store)) as c:
        yield c


@pytest.fixture(scope="session")
def remote_api_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The graph built into a remote store, on a Virtuoso server of its own (read-only use).

    Its own server, so that the ``remote_store`` fixture (which clears the session server)
    never empties it.
    """
    from armsgraph.store.remote import SparqlStore
    from tests.utils.virtuoso import Virtuoso, available

    reason = available()
    if reason:
        pytest.skip(reason)
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso-api"))
    server.start()
    try:
        store = SparqlStore(server.query, server.update, server.crud,
                            user=server.user, password=server.password)
        store.clear()
        build(store, ONTOLOGY_DIR, DATA_DIR)
        yield store
        store.close()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def sipri_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the built graph and the whole SIPRI register, its derived
    data saved (what ``armsgraph build`` then ``armsgraph import sipri`` leave).

    Made once per session (the import and the derived data take minutes) and shared by
    every test at SIPRI scale: the cold server of the first paint and the map's browser
    tests. Skipped when the register is absent (it is never committed).
    """
    if not SIPRI_REGISTER.exists():
        pytest.skip(f"SIPRI trade register not present at {SIPRI_REGISTER} (not redistributable)")
    from armsgraph.cli import save_derived
    from armsgraph.load.sipri import import_register

    folder = tmp_path_factory.mktemp("sipri") / "store"
    store = OxigraphStore(folder)
    try:
        build(store, ONTOLOGY_DIR, DATA_DIR)
        import_register(store, SIPRI_REGISTER)
        save_derived(store)
    finally:
        store.close()
    return folder
