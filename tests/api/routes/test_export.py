"""Exports: RDF by Accept or ?format=, per-generation cache, CSV, GraphML, GEXF."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef

from armsgraph import ids
from armsgraph.reason.project import project
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import Store
from armsgraph_api.main import create_app
from tests.api.conftest import make_settings

TODAY = datetime.now(UTC).date().isoformat()


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        pytest.param("text/turtle", "turtle", id="turtle"),
        pytest.param("application/n-triples", "nt", id="nt"),
    ],
)
def test_export_graph_triple_formats_merge_named_graphs(
    client: TestClient, api_store: Store, accept: str, fmt: str
) -> None:
    by_accept = client.get("/export", headers={"Accept": accept})
    by_param = client.get("/export", params={"format": fmt})
    assert by_accept.content == by_param.content
    assert by_accept.headers["content-disposition"] == (
        f'inline; filename="armsgraph-{TODAY}.{_ext(fmt)}"'
    )
    g = Graph().parse(data=by_accept.content, format=fmt)
    assert set(g) == set(api_store.triples())


def test_export_graph_jsonld_keeps_every_quad(client: TestClient, api_store: Store) -> None:
    r = client.get("/export", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"] == "application/ld+json"
    ds = Dataset()
    ds.parse(data=r.content, format="json-ld")
    assert sum(1 for _ in ds.quads()) == len(api_store)


def _ext(fmt: str) -> str:
    return {"turtle": "ttl", "nt": "nt", "jsonld": "jsonld", "nquads": "nq", "trig": "trig"}[fmt]


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_export_graph_quads_keep_named_graphs(
    client: TestClient, api_store: Store, fmt: str
) -> None:
    r = client.get("/export", params={"format": fmt, "download": "true"})
    assert r.headers["content-disposition"] == (
        f'attachment; filename="armsgraph-{TODAY}.{_ext(fmt)}"'
    )
    ds = Dataset()
    ds.parse(data=r.content, format=fmt)
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {
        str(g) for g in api_store.graphs() if any(True for _ in api_store.triples(g))
    }
    assert sum(1 for _ in ds.quads()) == len(api_store)


def test_export_is_cached_per_generation_with_etag(writable_store: Store) -> None:
    store = writable_store
    with TestClient(create_app(make_settings(), store)) as c:
        first = c.get("/export", params={"format": "nt"})
        again = c.get("/export", params={"format": "nt"})
        unchanged = c.get("/export", params={"format": "nt"},
                          headers={"If-None-Match": first.headers["etag"]})
        extra = (ids.state("JPN"), URIRef("https://example.org/p"), ids.state("USA"))
        store.put_graph(ids.GRAPH["test/etag"], [extra])
        after = c.get("/export", params={"format": "nt"})
    assert first.headers["etag"] == again.headers["etag"]
    assert unchanged.status_code == 304
    assert after.headers["etag"] != first.headers["etag"]
    assert len(after.text.splitlines()) == len(first.text.splitlines()) + 1


def test_export_is_gzipped_when_accepted(client: TestClient) -> None:
    r = client.get("/export", params={"format": "nt"}, headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    plain = client.get("/export", params={"format": "nt"}, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert r.content == plain.content


def test_export_source_is_its_named_graph(client: TestClient) -> None:
    case = Graph().parse(PROJECT_ROOT / "ontology" / "examples" / "patriot-backfill.ttl")
    sources = [str(s) for s in case.subjects(
        URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        URIRef("https://w3id.org/armsgraph/ontology#Source"))]
    key = sources[0].rsplit("/", 1)[-1]
    source = client.get(f"/sources/{key}").json()
    r = client.get(f"/sources/{key}/export", params={"format": "nt"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == (
        f'inline; filename="armsgraph-source-{key}-{TODAY}.nt"'
    )
    if source["graph"] == str(ids.case_graph("patriot-backfill")):
        assert set(Graph().parse(data=r.text, format="nt")) == set(case)


def test_export_unknown_source_is_404(client: TestClient) -> None:
    assert client.get("/sources/nope/export").status_code == 404


def test_export_unacceptable_is_406(client: TestClient) -> None:
    r = client.get("/export", headers={"Accept": "text/html"})
    assert r.status_code == 406 and "text/turtle" in r.json()["detail"]


def test_facts_csv_has_one_row_per_fact(client: TestClient) -> None:
    total = client.get("/facts", params={"limit": 1}).json()["total"]
    r = client.get("/facts.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total
    row = next(x for x in rows if x["id"] == "fact/japan-us-pac-3-decided")
    assert (row["supplier"], row["recipient"], row["status"]) == ("state/JPN", "state/USA",
                                                                  "planned")


@pytest.mark.parametrize("kind", ["graphml", "gexf"])
def test_network_matches_projection(
    client: TestClient, api_store: Store, kind: str
) -> None:
    r = client.get(f"/network.{kind}")
    assert r.status_code == 200
    read = nx.read_graphml if kind == "graphml" else nx.read_gexf
    H = read(io.BytesIO(r.content))
    G = project(api_store)
    linked = {n for n in G if G.degree(n) > 0}
    isolated = G.number_of_nodes() - len(linked)
    assert isolated > 100  # the reference states and organisations no statement links
    # By default only what the transfer network links: no isolated reference nodes.
    assert set(H.nodes) == linked
    assert H.number_of_edges() == G.number_of_edges()
    assert r.headers["content-disposition"].endswith(f'network-{TODAY}.{kind}"')
    every = read(io.BytesIO(client.get(f"/network.{kind}?isolated=true").content))
    assert every.number_of_nodes() == G.number_of_nodes()
    assert every.number_of_edges() == G.number_of_edges()


def test_export_names_no_file_from_the_request(client: TestClient) -> None:
    # The API writes no files: no operation
    # takes a parameter that names a file or folder, so none can point outside a folder.
    schema = client.get("/openapi.json").json()
    names = {
        p["name"].lower()
        for ops in schema["paths"].values()
        for op in ops.values()
        for p in op.get("parameters", [])
    }
    assert not names & {"file", "filename", "path", "output", "out", "dir", "folder", "dest"}


@pytest.mark.parametrize("key", ["../../etc/x", "..%2F..%2Fetc%2Fx", "x\" evil"])
def test_export_source_with_a_path_for_key_is_404(client: TestClient, key: str) -> None:
    r = client.get(f"/sources/{key}/export")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert "content-disposition" not in r.headers


def test_export_source_content_disposition_is_a_plain_name(client: TestClient) -> None:
    key = client.get("/sources", params={"limit": 1}).json()["items"][0]["key"]
    r = client.get(f"/sources/{key}/export", params={"download": "true"})
    disposition = r.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="armsgraph-source-')
    name = disposition.split('filename="', 1)[1].rstrip('"')
    assert all(ch.isalnum() or ch in "-_." for ch in name) and ".." not in name


def test_facts_csv_lists_events_by_default(client: TestClient) -> None:
    events = client.get("/facts", params={"limit": 1}).json()["total"]
    statements = client.get("/facts", params={"events": "false", "limit": 1}).json()["total"]
    rows = list(csv.DictReader(io.StringIO(client.get("/facts.csv").text)))
    assert len(rows) == events < statements
    each = list(csv.DictReader(io.StringIO(client.get("/facts.csv?events=false").text)))
    assert len(each) == statements and all(r["statements"] == "" for r in each)
    threat = next(r for r in rows if r["id"] == "fact/russia-threatens-japan-patriots-ukraine")
    assert len(threat["statements"].split(";")) > 1
    assert threat["sources"] == "15aa59eee5944eed"
    assert threat["outlet"] == "EurAsian Times"
