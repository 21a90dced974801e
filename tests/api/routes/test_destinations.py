"""/destinations, /paths and /destinations/export over armsgraph.reason.paths."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from armsgraph.namespace import ARMS
from armsgraph.reason.paths import destinations, paths
from armsgraph.store import Store
from armsgraph.views.exports import answer_statements

AS_OF = "2025-12-01"
PATRIOT_FROM_JAPAN = {"item": "patriot", "origin": "JPN", "as_of": AS_OF}


def test_destinations_is_the_reasoners_answer(
    client: TestClient, api_store: Store
) -> None:
    r = client.get("/destinations", params=PATRIOT_FROM_JAPAN)
    assert r.status_code == 200
    expected = json.loads(json.dumps(destinations(api_store, "patriot", "JPN", as_of=AS_OF)))
    assert r.json() == expected
    states = {d["state"]["id"].rsplit("/", 1)[-1]: d["verdict"] for d in r.json()["destinations"]}
    assert "USA" in states


def test_destinations_what_if_assume_consent(client: TestClient, api_store: Store) -> None:
    params = {**PATRIOT_FROM_JAPAN, "assume_consent": ["USA"], "max_hops": 3}
    body = client.get("/destinations", params=params).json()
    expected = destinations(api_store, "patriot", "JPN", as_of=AS_OF, max_hops=3,
                            assume_consent=["USA"])
    assert body == json.loads(json.dumps(expected))
    assert body["what_if"]["assume_consent"][0]["label"] == "United States"
    assert all("what_if" in d for d in body["destinations"])


def test_paths_to_one_state(client: TestClient, api_store: Store) -> None:
    body = client.get("/paths", params={**PATRIOT_FROM_JAPAN, "to": "USA"}).json()
    expected = paths(api_store, "patriot", "JPN", "USA", as_of=AS_OF)
    assert body == json.loads(json.dumps(expected))
    assert [d["state"]["label"] for d in body["destinations"]] == ["United States"]
    hop = body["destinations"][0]["paths"][0]["hops"][0]
    assert hop["from"]["label"] == "Japan" and hop["evidence"]


def test_destinations_unknown_item_is_404_naming_it(client: TestClient) -> None:
    r = client.get("/destinations", params={"item": "zeppelin-xyz", "origin": "JPN"})
    assert r.status_code == 404
    assert "zeppelin-xyz" in r.json()["detail"]


def test_destinations_bad_parameters_are_422(client: TestClient) -> None:
    r = client.get("/destinations", params={**PATRIOT_FROM_JAPAN, "max_hops": 0})
    assert r.status_code == 422 and "max_hops" in r.json()["detail"]
    r = client.get("/destinations", params={"item": "patriot"})
    assert r.status_code == 422 and "origin" in r.json()["detail"]


def test_destinations_export_holds_the_evidence(
    client: TestClient, api_store: Store
) -> None:
    r = client.get("/destinations/export", params=PATRIOT_FROM_JAPAN,
                   headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    answer = destinations(api_store, "patriot", "JPN", as_of=AS_OF)
    statements = answer_statements(answer)
    assert statements
    assert {str(s) for s in g.subjects()} >= set(statements)
    hop = answer["destinations"][0]["paths"][0]["hops"][0]["evidence"][0]
    fact = URIRef(hop["statement"])
    assert str(g.value(fact, ARMS.sentence)) == hop["sentence"]
    source = g.value(fact, PROV.wasDerivedFrom)
    assert source is not None and (source, None, None) in g


@pytest.mark.parametrize(("item", "origin"), [
    ("system/patriot", "state/JPN"),
    ("system:patriot", "state:JPN"),  # prefixed names, as the Turtle export writes ids
    ("https://w3id.org/armsgraph/id/system/patriot", "https://w3id.org/armsgraph/id/state/JPN"),
    ("Patriot", "Japan"),
    ("MIM-104", "JP"),
])
def test_destinations_takes_every_id_form_the_api_returns(
    client: TestClient, item: str, origin: str
) -> None:
    # The ids /entities and /facts return (state/JPN, system/patriot) are accepted, as
    # are full IRIs, labels, designations and ISO codes: all ask the same question.
    expected = client.get("/destinations", params=PATRIOT_FROM_JAPAN).json()
    r = client.get("/destinations", params={"item": item, "origin": origin, "as_of": AS_OF})
    assert r.status_code == 200, r.text
    assert r.json()["destinations"] == expected["destinations"]
    assert r.json()["origin"] == expected["origin"]


def test_paths_takes_an_entity_id_as_destination(client: TestClient) -> None:
    by_code = client.get("/paths", params={**PATRIOT_FROM_JAPAN, "to": "USA"}).json()
    by_id = client.get("/paths", params={**PATRIOT_FROM_JAPAN, "to": "state/USA"}).json()
    assert by_id == by_code
    assert [d["state"]["label"] for d in by_id["destinations"]] == ["United States"]


def test_destinations_unknown_id_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/destinations", params={"item": "system/patriot", "origin": "state/XYZ"})
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "unknown state or party 'state/XYZ'"
