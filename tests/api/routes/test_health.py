"""GET /health."""

from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from armsgraph.store import OxigraphStore, Store
from armsgraph_api.main import create_app
from tests.api.conftest import make_settings


def test_get_health_reports_store_size(client: TestClient, api_store: Store) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ok",
        "triples": len(api_store),
        "graphs": len(api_store.graphs()),
        "generation": api_store.generation,
        "detail": None,
    }


def test_health_says_read_only_on_a_full_disk_and_writes_resume_once_space_is_free(
    small_disk: Path, built_store: OxigraphStore,
) -> None:
    """A real full disk (tmpfs) under the server: an ingest gets 503 problem+json and
    writes nothing, /health answers ``read-only`` naming the disk error, reads go on;
    after the filler is removed /health says ``ok`` (it retries the store every 2 s) and
    the same ingest is 201 — without a restart."""
    from tests.api.routes.test_articles import META, TEXT
    from tests.conftest import fill_disk

    store = OxigraphStore(small_disk / "store")
    store.load(built_store.dump("nquads"), "nquads")
    with TestClient(create_app(make_settings(), store)) as c:
        assert c.get("/health").json()["status"] == "ok"
        sources = c.get("/sources").json()["total"]
        filler = fill_disk(small_disk)
        refused = c.post("/articles", json={"text": TEXT, "meta": META})
        assert refused.status_code == 503, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert "No space left on device" in refused.json()["detail"]
        health = c.get("/health").json()
        assert health["status"] == "read-only"
        assert "No space left on device" in health["detail"]
        assert c.get("/sources").json()["total"] == sources
        filler.unlink()
        deadline = time.monotonic() + 30
        while c.get("/health").json()["status"] != "ok" and time.monotonic() < deadline:
            time.sleep(0.5)
        assert c.get("/health").json() | {"generation": 0} == {
            "status": "ok", "triples": len(store), "graphs": len(store.graphs()),
            "generation": 0, "detail": None}
        added = c.post("/articles", json={"text": TEXT, "meta": META})
        assert added.status_code == 201, added.text
        assert c.get("/sources").json()["total"] == sources + 1
    store.close()
