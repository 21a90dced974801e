"""/sparql: the SPARQL 1.1 Protocol, read-only, with a result cap and a time budget."""

from __future__ import annotations

import csv
import io
import json
import time

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph

from api.main import create_app
from graph.namespace import ARMS
from graph.settings import PROJECT_ROOT
from graph.store import Store
from tests.api.conftest import make_settings
from tests.graph.store.test_sparql import CRASH_SHAPES

STATES_QUERY = (
    "PREFIX arms: <https://w3id.org/armsgraph/ontology#> "
    "SELECT ?s WHERE { ?s a arms:State } ORDER BY ?s"
)


@pytest.fixture(scope="module")
def state_iris() -> list[str]:
    g = Graph().parse(PROJECT_ROOT / "data" / "reference" / "states.ttl")
    return sorted(str(s) for s in g.subjects(RDF.type, ARMS.State))


def test_get_select_answers_sparql_json(client: TestClient, state_iris: list[str]) -> None:
    r = client.get("/sparql", params={"query": STATES_QUERY})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/sparql-results+json"
    rows = r.json()["results"]["bindings"]
    assert [b["s"]["value"] for b in rows] == state_iris


@pytest.mark.parametrize(
    ("accept", "media", "fmt"),
    [
        pytest.param("application/sparql-results+xml", "application/sparql-results+xml",
                     ox.QueryResultsFormat.XML, id="xml"),
        pytest.param("text/tab-separated-values", "text/tab-separated-values",
                     ox.QueryResultsFormat.TSV, id="tsv"),
        pytest.param("application/json", "application/sparql-results+json",
                     ox.QueryResultsFormat.JSON, id="json-alias"),
    ],
)
def test_select_negotiates_result_format(
    client: TestClient, state_iris: list[str], accept: str, media: str,
    fmt: ox.QueryResultsFormat,
) -> None:
    r = client.get("/sparql", params={"query": STATES_QUERY}, headers={"Accept": accept})
    assert r.headers["content-type"].startswith(media)
    parsed = ox.parse_query_results(r.content, fmt)
    assert [s["s"].value for s in parsed] == state_iris


def test_select_as_csv(client: TestClient, state_iris: list[str]) -> None:
    r = client.get("/sparql", params={"query": STATES_QUERY}, headers={"Accept": "text/csv"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["s"] and [row[0] for row in rows[1:]] == state_iris


def test_post_form_and_sparql_query_bodies(client: TestClient) -> None:
    ask = "ASK { <https://w3id.org/armsgraph/id/state/JPN> ?p ?o }"
    form = client.post("/sparql", data={"query": ask})
    body = client.post(
        "/sparql", content=ask, headers={"Content-Type": "application/sparql-query"}
    )
    assert form.json() == body.json() == {"head": {}, "boolean": True}


def test_construct_negotiates_rdf_format(client: TestClient) -> None:
    q = ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o "
         "FILTER(?s = <https://w3id.org/armsgraph/id/state/JPN>) }")
    ttl = client.get("/sparql", params={"query": q}, headers={"Accept": "text/turtle"})
    nt = client.get("/sparql", params={"query": q},
                    headers={"Accept": "application/n-triples"})
    ld = client.get("/sparql", params={"query": q}, headers={"Accept": "application/ld+json"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    g1 = Graph().parse(data=ttl.text, format="turtle")
    g2 = Graph().parse(data=nt.text, format="nt")
    g3 = Graph().parse(data=ld.text, format="json-ld")
    assert len(g1) == len(g2) == len(g3) > 5
    assert set(g1) == set(g2) == set(g3)


@pytest.mark.parametrize(
    "request_kwargs",
    [
        pytest.param({"params": {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}}, id="get-update"),
        pytest.param({"params": {"query": "ASK {}", "update": "CLEAR ALL"}}, id="update-param"),
        pytest.param({"method": "POST", "data": {"update": "DROP ALL"}}, id="form-update"),
        pytest.param({"method": "POST", "content": "DROP ALL",
                      "headers": {"Content-Type": "application/sparql-update"}}, id="update-body"),
    ],
)
def test_updates_are_refused(
    client: TestClient, api_store: Store, request_kwargs: dict[str, object]
) -> None:
    before = len(api_store)
    kwargs = dict(request_kwargs)
    method = str(kwargs.pop("method", "GET"))
    r = client.request(method, "/sparql", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    assert "read-only" in r.json()["detail"]
    assert len(api_store) == before


def test_federated_service_is_refused(client: TestClient) -> None:
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 400 and "SERVICE" in r.json()["detail"]


def test_malformed_query_is_400_naming_the_problem(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x "})
    assert r.status_code == 400
    detail = r.json()["detail"]
    # pyoxigraph says where ("error at 1:21"); Virtuoso says what ("syntax error at …").
    assert detail.startswith("malformed SPARQL")
    assert "error at 1:" in detail or "syntax error at" in detail


def test_unsupported_post_media_type_is_415(client: TestClient) -> None:
    r = client.post("/sparql", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415 and "text/plain" in r.json()["detail"]


def test_unacceptable_accept_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "application/sparql-results+json" in r.json()["detail"]


def test_result_cap_refuses_bigger_answers(api_store: Store) -> None:
    with TestClient(create_app(make_settings(result_cap=5), api_store)) as c:
        r = c.get("/sparql", params={"query": STATES_QUERY})
        small = c.get("/sparql", params={"query": STATES_QUERY + " LIMIT 5"})
    assert r.status_code == 422
    assert "more than the cap of 5" in r.json()["detail"]
    assert len(small.json()["results"]["bindings"]) == 5


def test_query_timeout_is_503_with_retry_after(api_store: Store) -> None:
    # about 4 million joined rows: well over 50 ms, and finished within a second or two
    slow = ("SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?a WHERE { ?a ?p ?b } LIMIT 2000 } "
            "{ SELECT ?c WHERE { ?c ?q ?d } LIMIT 2000 } FILTER(?a != ?c) }")
    with TestClient(create_app(make_settings(query_timeout=0.05), api_store)) as c:
        r = c.get("/sparql", params={"query": slow})
    assert r.status_code == 503
    assert r.headers["retry-after"]
    assert "0.05 s" in json.loads(r.text)["detail"]


CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(CARTESIAN, id="rows"),
        pytest.param("CONSTRUCT { ?a ?b ?g } WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
                     id="triples"),
    ],
)
def test_cartesian_product_is_stopped_and_the_server_answers_after(
    api_store: Store, query: str
) -> None:
    # 8,600 triples cubed: some 6e11 rows. The embedded store stops reading at the cap;
    # Virtuoso refuses by its cost estimate. Either way a problem, well within the timeout.
    timeout = 5.0
    with TestClient(create_app(make_settings(query_timeout=timeout), api_store)) as c:
        start = time.monotonic()
        r = c.get("/sparql", params={"query": query})
        took = time.monotonic() - start
        health_start = time.monotonic()
        health = c.get("/health")
        health_took = time.monotonic() - health_start
        small = c.get("/sparql", params={"query": STATES_QUERY + " LIMIT 2"})
    assert r.status_code in (422, 503), r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert took < timeout + 2
    assert health.status_code == 200 and health_took < 1.0
    assert small.status_code == 200



def test_non_sparql_pragmas_are_refused(client: TestClient) -> None:
    # Virtuoso reads DEFINE pragmas (get:soft makes it fetch the URLs a query names): such
    # text never reaches a store.
    query = 'DEFINE get:soft "soft" SELECT * FROM <http://127.0.0.1:9/x> WHERE { ?s ?p ?o }'
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert "not 'DEFINE'" in r.json()["detail"]


@pytest.mark.parametrize("shape", ["nested-groups", "optional", "path-sequence", "union"])
def test_crash_shapes_get_400_and_the_server_keeps_answering(
    client: TestClient, shape: str
) -> None:

    make, crashed_at = CRASH_SHAPES[shape]
    r = client.post("/sparql", content=make(10 * crashed_at),
                    headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    assert "split it" in r.json()["detail"] or "flatten it" in r.json()["detail"]
    assert client.get("/health").status_code == 200


@pytest.mark.parametrize(
    "query",
    ["SELECT (bif:http_get('http://127.0.0.1:9/') AS ?x) {}",
     "SELECT ?x { BIND(bif:exec('id') AS ?x) }",
     "SELECT ?x { BIND(sql:anything(1) AS ?x) }"],
)
def test_vendor_functions_are_refused_before_the_store_sees_them(
    client: TestClient, query: str
) -> None:
    """Over the remote store (Virtuoso) these would fetch a URL or run a command."""
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 400
    assert "vendor functions" in r.json()["detail"]


def test_a_concat_chain_is_refused_by_the_remote_store_and_bounded_by_the_embedded_one(
    api_store: Store,
) -> None:
    """The CONCAT chain of issue 18 at 10x its size on Virtuoso (30 steps: 7.8 GB):
    a remote store gets 400 before the server sees it; the embedded store's worker
    runs out of its memory budget (422, tests/graph/store/test_sandbox.py)."""
    from graph.store import OxigraphStore

    chain = "SELECT ?a300 WHERE { BIND('ab' AS ?a0) " + " ".join(
        f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(300)) + " }"
    with TestClient(create_app(make_settings(query_timeout=10), api_store)) as c:
        r = c.get("/sparql", params={"query": chain})
        assert c.get("/health").status_code == 200
    assert r.headers["content-type"] == "application/problem+json"
    if isinstance(api_store, OxigraphStore):
        assert r.status_code == 422, r.text
        assert "ARMSGRAPH_QUERY_MEMORY_MB" in r.json()["detail"]
    else:
        assert r.status_code == 400, r.text
        assert "CONCAT takes ?a1" in r.json()["detail"]
