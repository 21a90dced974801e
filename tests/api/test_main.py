"""create_app and its lifespan: the store opened once and seeded, loopback, CORS."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import URIRef

from armsgraph.errors import InputError, StoreError
from armsgraph.store import OxigraphStore
from armsgraph_api.main import create_app
from tests.api.conftest import make_settings

G = URIRef("https://example.org/g")


def test_empty_store_is_built_from_data_at_startup(api_store: OxigraphStore) -> None:
    app = create_app(make_settings(store="memory"))
    with TestClient(app) as c:
        health = c.get("/health").json()
        jpn = c.get("/entities/state/JPN")
    assert health["triples"] == len(api_store)
    assert health["graphs"] == len(api_store.graphs())
    assert jpn.status_code == 200


def test_store_is_opened_once_and_closed_at_shutdown(tmp_path: Path) -> None:
    folder = f"{tmp_path}/store"
    seeded = OxigraphStore(folder)
    seeded.put_graph(G, [(G, G, G)])
    seeded.close()
    app = create_app(make_settings(store=folder))
    with TestClient(app) as c:
        store = app.state.store
        assert c.get("/health").json() == {"status": "ok", "triples": 1, "graphs": 1,
                                           "generation": 0, "detail": None}
        assert app.state.store is store
    with pytest.raises(StoreError, match="is closed"):
        len(store)  # closed: the embedded store is released at shutdown


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_refuses_to_listen_beyond_loopback_without_token(
    api_store: OxigraphStore, host: str
) -> None:
    app = create_app(make_settings(host=host), api_store)
    with pytest.raises(InputError, match="without a write token"), TestClient(app):
        pass


def test_listens_beyond_loopback_with_token(api_store: OxigraphStore) -> None:
    app = create_app(make_settings(host="0.0.0.0", write_token="t"), api_store)
    with TestClient(app) as c:
        assert c.get("/health").status_code == 200


def test_cors_is_closed_by_default(client: TestClient) -> None:
    r = client.get("/health", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in r.headers


def test_cors_allows_configured_origins(api_store: OxigraphStore) -> None:
    app = create_app(make_settings(cors_origins=["https://example.org"]), api_store)
    with TestClient(app) as c:
        ok = c.get("/health", headers={"Origin": "https://example.org"})
        other = c.get("/health", headers={"Origin": "https://evil.example"})
        pre = c.options("/sparql", headers={"Origin": "https://example.org",
                                            "Access-Control-Request-Method": "POST"})
    assert ok.headers["access-control-allow-origin"] == "https://example.org"
    assert "access-control-allow-origin" not in other.headers
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]


def test_dependency_override_swaps_the_store(api_store: OxigraphStore) -> None:
    from armsgraph_api.deps import get_store

    app = create_app(make_settings(), api_store)
    other = OxigraphStore()
    app.dependency_overrides[get_store] = lambda: other
    with TestClient(app) as c:
        body = c.get("/health").json()
        entities = c.get("/entities")
    # The empty stand-in is served: /health counts nothing, reads say it is empty.
    assert body["triples"] == 0 and body["status"] == "empty"
    assert entities.status_code == 409


def test_warm_loads_what_the_first_paint_asks_for(tmp_path: Path) -> None:
    """A cold server loads the map's pickers, the projection (the default /destinations)
    and the read index in its warm-up thread: the pickers alone load from disk without the
    projection, so the projection is asked for itself (issue 14: first answers)."""
    from armsgraph.load.build import build  # noqa: PLC0415
    from armsgraph.reason.project import PROJECTION  # noqa: PLC0415
    from armsgraph.store.snapshot import forget, save_parts, snapshot  # noqa: PLC0415
    from armsgraph.views.index import INDEX  # noqa: PLC0415
    from armsgraph_api.main import warm  # noqa: PLC0415
    from armsgraph_api.routes.map import MAP_META  # noqa: PLC0415
    from tests.conftest import DATA_DIR, ONTOLOGY_DIR  # noqa: PLC0415

    store = OxigraphStore(tmp_path / "store")
    try:
        build(store, ONTOLOGY_DIR, DATA_DIR, articles=False)
        save_parts(store, (PROJECTION, INDEX, MAP_META))
        forget(store)  # as a new process: nothing in memory, everything saved
        warm(store)
        snap = snapshot(store)
        assert all(snap.has(p) for p in (MAP_META, PROJECTION, INDEX))
    finally:
        store.close()
