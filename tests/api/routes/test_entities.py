"""GET /entities and /entities/{id}: expected values read from data/reference/*.ttl."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, RDFS, Graph, URIRef

from armsgraph import ids
from armsgraph.namespace import ARMS
from armsgraph.settings import PROJECT_ROOT

STATES = PROJECT_ROOT / "data" / "reference" / "states.ttl"


@pytest.fixture(scope="module")
def states() -> Graph:
    return Graph().parse(STATES)


def test_list_entities_of_type_state_counts_states_and_former_states(
    client: TestClient, states: Graph
) -> None:
    expected = set(states.subjects(RDF.type, ARMS.State)) | set(
        states.subjects(RDF.type, ARMS.FormerState)
    )
    r = client.get("/entities", params={"type": "state", "limit": 1000})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(expected)
    assert {e["iri"] for e in body["items"]} == {str(s) for s in expected}


def test_list_entities_former_state_is_a_subtype(client: TestClient, states: Graph) -> None:
    former = {str(s) for s in states.subjects(RDF.type, ARMS.FormerState)}
    body = client.get("/entities", params={"type": "former-state", "limit": 1000}).json()
    assert {e["iri"] for e in body["items"]} == former
    assert all("state" in e["types"] for e in body["items"])


def test_search_entities_by_label_puts_exact_match_first(client: TestClient) -> None:
    body = client.get("/entities", params={"q": "japan"}).json()
    assert body["items"][0]["id"] == "state/JPN"
    assert body["items"][0]["label"] == "Japan"
    assert all("japan" in " ".join([e["label"], *e["aliases"]]).lower() for e in body["items"])


def test_search_entities_by_alias(client: TestClient, states: Graph) -> None:
    alias = str(next(states.objects(ids.state("JPN"), URIRef(str(ARMS) + "iso3166Alpha2"))))
    body = client.get("/entities", params={"q": alias, "type": "state"}).json()
    assert body["items"][0]["id"] == "state/JPN"


def test_list_entities_paginates_with_total(client: TestClient) -> None:
    first = client.get("/entities", params={"type": "state", "limit": 5}).json()
    second = client.get("/entities", params={"type": "state", "limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}


def test_get_entity_returns_values_from_reference_data(client: TestClient, states: Graph) -> None:
    jpn = ids.state("JPN")
    r = client.get("/entities/state/JPN")
    assert r.status_code == 200
    body = r.json()
    assert body["iri"] == str(jpn)
    assert body["label"] == str(states.value(jpn, RDFS.label))
    assert body["attributes"]["capital"] == [str(states.value(jpn, ARMS.capital))]
    assert body["facts_total"] >= len(body["facts"]) > 0
    assert all(
        any(ref["id"] == "state/JPN" for refs in f["roles"].values() for ref in refs)
        for f in body["facts"]
    )


def test_get_entity_system_links_to_its_family(client: TestClient) -> None:
    body = client.get("/entities/system/patriot-pac-3").json()
    assert "system" in body["types"]
    assert [ref["id"] for ref in body["links"]["part_of"]] == ["system/patriot"]


def test_get_entity_unknown_is_404_problem(client: TestClient) -> None:
    r = client.get("/entities/state/XYZ")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "no entity 'state/XYZ' in the graph"


def test_list_entities_unknown_type_is_422_naming_value(client: TestClient) -> None:
    r = client.get("/entities", params={"type": "spaceship"})
    assert r.status_code == 422
    assert "query parameter 'type'" in r.json()["detail"]
    assert "spaceship" in r.json()["detail"]


@pytest.mark.parametrize("text", [
    "state/JPN", "state:JPN", "https://w3id.org/armsgraph/id/state/JPN", "JPN", "Japan",
    "japan", "JP",
])
def test_get_entity_takes_every_id_form(client: TestClient, text: str) -> None:
    r = client.get(f"/entities/{text}")
    assert r.status_code == 200, r.text
    assert r.json()["id"] == "state/JPN" and r.json()["label"] == "Japan"


def test_get_entity_lists_events_and_every_statement_on_request(client: TestClient) -> None:
    body = client.get("/entities/state/JPN", params={"limit": 1000}).json()
    every = client.get("/entities/state/JPN", params={"events": "false"}).json()
    assert body["facts_total"] < body["statements_total"] == every["facts_total"] == \
        every["statements_total"]
    threats = [f for f in body["facts"] if f["type"] == "threat"]
    (event,) = client.get("/facts", params={"type": "threat", "party": "state/JPN"}).json()[
        "items"]
    assert [(f["id"], f["statements"]) for f in threats] == [(event["id"], event["statements"])]
    assert all(f["statements"] == [] for f in every["facts"])
    assert client.get("/entities/state/JPN", params={"events": "maybe"}).status_code == 422


@pytest.mark.parametrize("q", ["state/JPN", "state:JPN", "https://w3id.org/armsgraph/id/state/JPN"])
def test_search_entities_by_an_id_finds_it_first(client: TestClient, q: str) -> None:
    # /entities returns ids; searching for one (as the CLI's `entities state/JPN`) finds it
    items = client.get("/entities", params={"q": q}).json()["items"]
    assert items and items[0]["id"] == "state/JPN"
