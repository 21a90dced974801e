"""Problem details (RFC 9457) for every error, the body limit, and the error table."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient

from armsgraph import errors as graph_errors
from armsgraph.store import OxigraphStore
from armsgraph_api.errors import STATUS
from armsgraph_api.main import create_app
from tests.api.conftest import make_settings

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.mark.parametrize(
    ("method", "url", "status", "detail"),
    [
        pytest.param("GET", "/no/such/path", 404, "no resource at /no/such/path", id="404"),
        pytest.param("DELETE", "/entities", 405, "DELETE is not allowed on /entities; use GET",
                     id="405"),
        pytest.param("GET", "/entities?limit=0", 422,
                     "query parameter 'limit': Input should be greater than or equal to 1 "
                     "(got '0')", id="422-limit"),
        pytest.param("GET", "/facts?date_from=2024-13-01", 422, "query parameter 'date_from'",
                     id="422-date"),
        pytest.param("GET", "/facts?date_from=0", 422, "expected a date YYYY-MM-DD, not '0'",
                     id="422-date-number"),
        pytest.param("GET", "/sparql", 422, "query parameter 'query': Field required",
                     id="422-missing"),
    ],
)
def test_errors_are_problem_details(
    client: TestClient, method: str, url: str, status: int, detail: str
) -> None:
    r = client.request(method, url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert PROBLEM_KEYS <= set(body)
    assert body["status"] == status
    assert body["instance"] == url.split("?")[0]
    assert body["type"].startswith("https://w3id.org/armsgraph/problems/")
    assert detail in body["detail"]


def test_405_allow_lists_every_method_of_the_path(client: TestClient) -> None:
    r = client.put("/sparql")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, POST"


def test_validation_problem_lists_each_error(client: TestClient) -> None:
    r = client.get("/entities", params={"limit": "x", "offset": "-1"})
    errors = r.json()["errors"]
    assert [e["loc"] for e in errors] == [["query", "limit"], ["query", "offset"]]
    assert [e["input"] for e in errors] == ["x", "-1"]


def test_body_over_limit_is_413_before_reading(api_store: OxigraphStore) -> None:
    with TestClient(create_app(make_settings(max_body_bytes=1000), api_store)) as c:
        r = c.post("/sparql", content=b"A" * 1001,
                   headers={"Content-Type": "application/sparql-query"})
        ok = c.post("/sparql", content=b"ASK {}",
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert "1001 bytes" in r.json()["detail"] and "limit of 1000" in r.json()["detail"]
    assert ok.status_code == 200


def test_chunked_body_over_limit_is_413(api_store: OxigraphStore) -> None:
    def chunks():  # no Content-Length: the client sends Transfer-Encoding: chunked
        for _ in range(20):
            yield b"A" * 100

    with TestClient(create_app(make_settings(max_body_bytes=1000), api_store)) as c:
        r = c.post("/sparql", content=chunks(),
                   headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert "over the limit of 1000" in r.json()["detail"]


def test_error_table_covers_every_graph_error() -> None:
    for name in graph_errors.__all__:
        cls = getattr(graph_errors, name)
        status, _ = next(STATUS[c] for c in cls.__mro__ if c in STATUS)
        if cls is not graph_errors.ArmsGraphError:
            assert 400 <= status < 500 or status == 503, name
    assert STATUS[graph_errors.UnknownEntity][0] == 404
    assert STATUS[graph_errors.QueryTimeout][0] == 503
    assert STATUS[graph_errors.QueryError][0] == 400


def test_openapi_declares_problem_json_for_errors(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "Problem" in spec["components"]["schemas"]
    for path in spec["paths"].values():
        for op in path.values():
            for code, response in op["responses"].items():
                if code[0] in "45":
                    assert set(response["content"]) == {"application/problem+json"}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b'{"text": "\xff\xfe caf\xe9"}', id="latin-1-in-json"),
        pytest.param(b"\xff\xfe{\x00}\x00", id="utf-16-bytes"),
    ],
)
def test_json_body_that_is_not_utf8_is_a_4xx_problem(client: TestClient, body: bytes) -> None:
    """The 422 handler itself used to crash (500) showing the bytes it could not decode."""
    r = client.post("/articles", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["errors"][0]["loc"][0] == "body"


# -- an empty graph: every read is a 409 problem, /health says "empty" -------------------


#: Values for the path and required query parameters of the read routes.
_VALUES = {"id": "state/JPN", "key": "15aa59eee5944eed", "kind": "graphml", "item": "Patriot",
           "origin": "Japan", "to": "USA", "query": "ASK {}"}


def _read_routes() -> list[str]:
    """Every GET route of the OpenAPI document, its required parameters filled in, except
    the two that need no graph: /health, and the map page itself (its data routes are
    reads)."""
    routes = []
    for path, ops in create_app(make_settings(), OxigraphStore()).openapi()["paths"].items():
        if "get" not in ops or path in ("/health", "/map"):
            continue
        query = {p["name"]: _VALUES[p["name"]] for p in ops["get"].get("parameters", [])
                 if p.get("required") and p["in"] == "query"}
        routes.append(path.format(**_VALUES) + (f"?{urlencode(query)}" if query else ""))
    return sorted([*routes, "/network.gexf"])


READ_ROUTES = _read_routes()


def test_every_read_route_is_checked_on_an_empty_graph() -> None:
    # the routes the issue names are among those derived from the OpenAPI document
    assert {"/entities", "/facts.csv", "/network.graphml", "/map/start", "/review/queue"
            "?item=Patriot&origin=Japan", "/destinations.svg?item=Patriot&origin=Japan",
            "/sources/15aa59eee5944eed/export"} <= set(READ_ROUTES)
    assert len(READ_ROUTES) >= 24  # 23 GET paths of the app in December 2026, and GEXF


@pytest.mark.parametrize("path", READ_ROUTES)
def test_reads_of_an_empty_graph_are_409_build_first(path: str) -> None:
    with TestClient(create_app(make_settings(), OxigraphStore())) as c:
        r = c.get(path)
        assert r.status_code == 409, r.text
        assert r.headers["content-type"] == "application/problem+json"
        body = r.json()
        assert body["type"] == "https://w3id.org/armsgraph/problems/graph-empty"
        assert body["detail"] == "the graph is empty: run `armsgraph build`"
        health = c.get("/health").json()
        assert health["status"] == "empty" and health["triples"] == 0  # nothing created


def test_openapi_documents_the_409_of_reads() -> None:
    with TestClient(create_app(make_settings(), OxigraphStore())) as c:
        paths = c.get("/openapi.json").json()["paths"]
    assert "409" in paths["/entities"]["get"]["responses"]
    assert "409" not in paths["/health"]["get"]["responses"]
