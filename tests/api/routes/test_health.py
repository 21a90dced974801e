"""GET /health."""

from __future__ import annotations

from fastapi.testclient import TestClient

from armsgraph.store import Store


def test_get_health_reports_store_size(client: TestClient, api_store: Store) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {
        "status": "ok",
        "triples": len(api_store),
        "graphs": len(api_store.graphs()),
        "generation": api_store.generation,
    }
