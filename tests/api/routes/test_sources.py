"""GET /sources and /sources/{key}."""

from __future__ import annotations

from fastapi.testclient import TestClient
from rdflib import Graph
from rdflib.namespace import DCTERMS

from armsgraph import ids
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import Store

CASE = PROJECT_ROOT / "ontology" / "examples" / "japan-us-pac3-transfer.ttl"
KEY = "nationthailand-40058546"


def test_list_sources_newest_first(client: TestClient) -> None:
    body = client.get("/sources", params={"limit": 1000}).json()
    assert body["total"] == len(body["items"]) > 0
    issued = [s["issued"] for s in body["items"] if s["issued"]]
    assert issued == sorted(issued, reverse=True)


def test_get_source_has_title_from_case_file_and_its_facts(client: TestClient) -> None:
    case = Graph().parse(CASE)
    r = client.get(f"/sources/{KEY}")
    assert r.status_code == 200
    body = r.json()
    assert body["title"] == str(case.value(ids.source(KEY), DCTERMS.title))
    assert body["statements_total"] == body["fact_count"] >= body["facts_total"] == \
        len(body["facts"]) > 0
    assert {f["source"] for f in body["facts"]} == {KEY}


def test_get_source_of_article_names_its_own_graph(
    client: TestClient, api_store: Store
) -> None:
    graphs = [str(g) for g in api_store.graphs() if "/graph/source/" in str(g)]
    assert graphs, "the build ingests data/articles"
    key = graphs[0].rsplit("/", 1)[-1]
    body = client.get(f"/sources/{key}").json()
    assert body["graph"] == graphs[0]
    assert body["triples"] == len(list(api_store.triples(ids.source_graph(key))))


def test_get_source_unknown_is_404(client: TestClient) -> None:
    r = client.get("/sources/nope")
    assert r.status_code == 404 and r.json()["detail"] == "no source 'nope' in the graph"


def test_get_source_takes_every_id_form_an_answer_gives(client: TestClient) -> None:
    fact = client.get("/facts/fact/japan-us-pac-3-decided").json()
    iri = fact["evidence"]["source"]["iri"]
    key = iri.rsplit("/", 1)[-1]
    expected = client.get(f"/sources/{key}").json()
    assert expected["iri"] == iri and expected["facts_total"] > 0
    for form in (f"source/{key}", f"source:{key}", iri):
        r = client.get(f"/sources/{form}")
        assert r.status_code == 200, (form, r.text)
        assert r.json() == expected
        exported = client.get(f"/sources/{form}/export", params={"format": "nt"})
        assert exported.status_code == 200
        assert exported.content == client.get(f"/sources/{key}/export",
                                              params={"format": "nt"}).content


def test_get_source_unknown_id_form_is_404(client: TestClient) -> None:
    r = client.get("/sources/source/nope")
    assert r.status_code == 404 and r.json()["detail"] == "no source 'source/nope' in the graph"


def test_get_source_lists_events_and_every_statement_on_request(client: TestClient) -> None:
    seed = "15aa59eee5944eed"  # the seed article: one threat to Japan, stated several times
    body = client.get(f"/sources/{seed}").json()
    every = client.get(f"/sources/{seed}", params={"events": "false"}).json()
    events = client.get("/facts", params={"source": seed, "limit": 1000}).json()["items"]
    assert [f["id"] for f in body["facts"]] == [f["id"] for f in events]
    assert body["facts_total"] == len(events) < body["statements_total"] == body["fact_count"]
    assert every["facts_total"] == every["statements_total"] == body["statements_total"]
    assert sorted(s for f in body["facts"] for s in f["statements"]) == sorted(
        f["id"] for f in every["facts"])
    threats = [f for f in body["facts"] if f["type"] == "threat"
               and any(r["id"] == "state/JPN" for r in f["roles"].get("target", []))]
    assert len(threats) == 1 and len(threats[0]["statements"]) > 1
    for statement in threats[0]["statements"]:  # each statement is still reachable
        assert client.get(f"/facts/{statement}").json()["id"] == statement
