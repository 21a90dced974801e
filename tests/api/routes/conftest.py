"""Every route test runs against both stores: the embedded one and a remote Virtuoso one.

Both hold the graph built from ``ontology/`` and ``data/`` by the same code; tests that write
get a copy of the same kind (``writable_store``).
"""

from __future__ import annotations

from typing import Any

import pytest

from armsgraph.store import OxigraphStore, Store
from tests.api.conftest import copy_store


@pytest.fixture(scope="session", params=["embedded", "remote"])
def api_store(request: pytest.FixtureRequest, built_store: OxigraphStore) -> Store:
    """The built graph in an embedded store, then in a remote one (read-only for tests)."""
    if request.param == "embedded":
        return built_store
    store: Store = request.getfixturevalue("remote_api_store")
    return store


@pytest.fixture()
def writable_store(request: pytest.FixtureRequest, api_store: Store) -> Store:
    """A copy of ``api_store`` of the same kind, for tests that write."""
    if isinstance(api_store, OxigraphStore):
        return copy_store(api_store)
    store: Any = request.getfixturevalue("remote_store")  # empty, cleared after the test
    store.load(api_store.dump("nquads"), "nquads")
    return store  # type: ignore[no-any-return]
