"""GET /facts and /facts/{id}: expected values read from ontology/examples/*.ttl."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph
from rdflib.namespace import PROV

from armsgraph import ids
from armsgraph.namespace import ARMS
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import Store

CASE = PROJECT_ROOT / "ontology" / "examples" / "japan-us-pac3-transfer.ttl"
FACT = ids.fact("japan-us-pac-3-decided")


@pytest.fixture(scope="module")
def case() -> Graph:
    return Graph().parse(CASE)


@pytest.fixture(scope="module")
def dataset(api_store: Store) -> Dataset:
    """The store as an rdflib dataset: an independent engine to check totals against."""
    ds = Dataset()
    ds.parse(data=api_store.dump("nquads"), format="nquads")
    return ds


def _count(ds: Dataset, query: str) -> int:
    rows = list(ds.query(query))
    return int(rows[0][0])


def test_list_facts_total_matches_statements_in_graph(
    client: TestClient, dataset: Dataset
) -> None:
    expected = _count(dataset, """
        PREFIX arms: <https://w3id.org/armsgraph/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { GRAPH ?g { ?f a ?c } GRAPH ?o {
          ?c rdfs:subClassOf* arms:Statement } }""")
    params = {"limit": 1, "events": "false"}
    assert client.get("/facts", params=params).json()["total"] == expected


def test_list_facts_default_lists_each_statement_in_exactly_one_event(
    client: TestClient,
) -> None:
    statements = client.get("/facts", params={"limit": 1000, "events": "false"}).json()
    body = client.get("/facts", params={"limit": 1000}).json()
    assert body["total"] == len(body["items"]) < statements["total"]
    reached = [s for event in body["items"] for s in event["statements"]]
    assert sorted(reached) == sorted(f["id"] for f in statements["items"])
    assert all(event["statements"][0] == event["id"] for event in body["items"])


def test_list_facts_of_type_transfer(client: TestClient, dataset: Dataset) -> None:
    expected = _count(dataset, """
        PREFIX arms: <https://w3id.org/armsgraph/ontology#>
        SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { GRAPH ?g { ?f a arms:Transfer } }""")
    body = client.get("/facts", params={"type": "transfer", "limit": 1000,
                                        "events": "false"}).json()
    assert body["total"] == expected
    assert {f["type"] for f in body["items"]} == {"transfer"}


def test_list_facts_filters_by_party_source_and_status(client: TestClient, case: Graph) -> None:
    source = case.value(FACT, PROV.wasDerivedFrom)
    key = str(source).rsplit("/", 1)[-1]
    body = client.get(
        "/facts", params={"party": "state/USA", "source": key, "status": "planned"}
    ).json()
    assert "fact/japan-us-pac-3-decided" in {f["id"] for f in body["items"]}
    for f in body["items"]:
        assert f["source"] == key and "planned" in f["status"]
        assert any(r["id"] == "state/USA" for refs in f["roles"].values() for r in refs)


def test_list_facts_by_item_includes_family_members(client: TestClient) -> None:
    family = client.get("/facts", params={"item": "system/patriot", "limit": 1000}).json()
    member = client.get("/facts", params={"item": "system/patriot-pac-3", "limit": 1000}).json()
    assert member["total"] > 0
    assert {f["id"] for f in member["items"]} <= {f["id"] for f in family["items"]}


def test_list_facts_date_range_overlaps_at_fact_precision(client: TestClient) -> None:
    body = client.get(
        "/facts", params={"date_from": "2023-12-01", "date_to": "2023-12-31", "limit": 1000}
    ).json()
    assert "fact/japan-us-pac-3-decided" in {f["id"] for f in body["items"]}
    for f in body["items"]:
        assert f["date"] is not None
        n = len(f["date"][:10])
        assert "2023-12-01"[:n] <= f["date"][:10] <= "2023-12-31"[:n]


def test_list_facts_date_from_after_date_to_is_422(client: TestClient) -> None:
    r = client.get("/facts", params={"date_from": "2024-01-02", "date_to": "2024-01-01"})
    assert r.status_code == 422
    assert r.json()["detail"] == "date_from 2024-01-02 is after date_to 2024-01-01"


def test_get_fact_returns_evidence_from_case_file(client: TestClient, case: Graph) -> None:
    r = client.get("/facts/fact/japan-us-pac-3-decided")
    assert r.status_code == 200
    body = r.json()
    ev = body["evidence"]
    assert ev["sentence"] == str(case.value(FACT, ARMS.sentence))
    assert ev["span"] == {
        "start": int(case.value(FACT, ARMS.startChar)),
        "end": int(case.value(FACT, ARMS.endChar)),
    }
    assert ev["source"]["iri"] == str(case.value(FACT, PROV.wasDerivedFrom))
    assert body["roles"]["supplier"][0]["id"] == "state/JPN"
    assert body["roles"]["recipient"][0]["id"] == "state/USA"
    assert body["status"] == ["planned"]
    assert body["date"] == "2023-12-20" and body["date_precision"] == "day"
    assert body["extraction_rule"] == "manual"


def test_get_fact_by_key_alone(client: TestClient) -> None:
    r = client.get("/facts/japan-us-pac-3-decided")
    assert r.json()["iri"] == str(FACT)


def test_get_fact_unknown_is_404(client: TestClient) -> None:
    r = client.get("/facts/fact/no-such-fact")
    assert r.status_code == 404
    assert "no-such-fact" in r.json()["detail"]


@pytest.mark.parametrize("party", [
    "state/USA", "state:USA", "https://w3id.org/armsgraph/id/state/USA", "USA", "United States",
])
def test_list_facts_party_takes_every_id_form(client: TestClient, party: str) -> None:
    expected = client.get("/facts", params={"party": "state/USA", "limit": 1000}).json()
    assert expected["total"] > 10
    r = client.get("/facts", params={"party": party, "limit": 1000})
    assert r.status_code == 200 and r.json() == expected


@pytest.mark.parametrize("item", ["system/patriot", "system:patriot", "Patriot", "MIM-104"])
def test_list_facts_item_takes_every_id_form(client: TestClient, item: str) -> None:
    expected = client.get("/facts", params={"item": "system/patriot", "limit": 1000}).json()
    r = client.get("/facts", params={"item": item, "limit": 1000})
    assert r.json() == expected and r.json()["total"] > 10


def test_list_facts_source_takes_the_source_id_and_iri(client: TestClient) -> None:
    key = "15aa59eee5944eed"
    expected = client.get("/facts", params={"source": key}).json()
    assert expected["total"] > 0
    for form in (f"source/{key}", f"source:{key}", f"https://w3id.org/armsgraph/id/source/{key}"):
        assert client.get("/facts", params={"source": form}).json() == expected


def test_list_facts_unknown_party_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/facts", params={"party": "Atlantis"})
    assert r.status_code == 404
    assert r.json()["detail"] == "no party 'Atlantis' in the graph"


def test_list_facts_lists_events_with_every_statement_reachable(client: TestClient) -> None:
    params = {"type": "threat", "party": "Japan"}
    statements = client.get("/facts", params={**params, "events": "false"}).json()
    body = client.get("/facts", params=params).json()
    assert statements["total"] > 1 and body["total"] == 1
    (event,) = body["items"]
    assert sorted(event["statements"]) == sorted(f["id"] for f in statements["items"])
    assert event["sources"] == ["15aa59eee5944eed"]
    for key in event["statements"]:
        assert client.get(f"/facts/{key}").status_code == 200
    # Listed as statements, the new fields stay empty.
    assert statements["items"][0]["statements"] == []
