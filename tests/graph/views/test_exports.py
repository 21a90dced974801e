"""graph.views.exports: dumps with prefixes, triples in every format, CSV, GraphML and GEXF."""

from __future__ import annotations

import csv
import io

import networkx as nx
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from graph.store import OxigraphStore
from graph.views.catalog import catalog
from graph.views.exports import dump, facts_csv, network_gexf, network_graphml, serialize_triples

S, P = URIRef("https://w3id.org/armsgraph/id/state/JPN"), URIRef("https://example.org/p")


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "nquads", "trig"])
def test_serialize_triples_round_trips(fmt: str) -> None:
    triples = [(S, P, Literal("Japan")), (S, P, Literal(3))]
    data = serialize_triples(triples, fmt)
    parse_as = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "nquads": "nquads",
                "trig": "trig"}[fmt]
    ds = Dataset()
    ds.parse(data=data, format=parse_as)
    assert {(s, p, o) for s, p, o, _ in ds.quads()} == set(triples)


def test_dump_turtle_uses_project_prefixes() -> None:
    store = OxigraphStore()
    store.put_graph(URIRef("https://example.org/g"), [(S, P, Literal("x"))])
    ttl = dump(store, "turtle").decode()
    assert "@prefix state: <https://w3id.org/armsgraph/id/state/> ." in ttl
    assert set(Graph().parse(data=ttl, format="turtle")) == {(S, P, Literal("x"))}


def test_facts_csv_of_the_built_graph(built_store: OxigraphStore) -> None:
    cat = catalog(built_store)
    facts = cat.facts()
    rows = list(csv.DictReader(io.StringIO(facts_csv(cat, facts).decode())))
    assert [r["id"] for r in rows] == [f.id for f in facts]
    # A reader can check each fact from the CSV alone: the sentence and its source.
    row = next(r for r in rows if r["id"] == "fact/japan-us-pac-3-decided")
    detail = cat.fact("fact/japan-us-pac-3-decided")
    assert detail.evidence.source is not None and detail.evidence.sentence
    assert row["sentence"] == detail.evidence.sentence
    assert row["sentence"].startswith("News agencies in Japan")
    assert (row["source_title"], row["outlet"], row["issued"]) == (
        "Russia Threatens Japan Of Dire Consequences, Punitive Actions If Patriot Missiles "
        "End-Up In Ukraine", "EurAsian Times", "2024-03-23")
    assert row["url"] == detail.evidence.source.url
    assert (row["date"], row["date_precision"]) == ("2023-12-20", "day")


def test_network_writers_keep_nodes_and_edges() -> None:
    G = nx.MultiDiGraph(generation=3, policies=[object()])
    G.add_node("a", label="A", extra=None)
    G.add_node("b", label="B")
    G.add_edge("a", "b", key="https://e/f1", items=["x", "y"], date=None, confidence=0.5)
    H = nx.read_graphml(io.BytesIO(network_graphml(G)))
    assert H.number_of_nodes() == 2 and H.number_of_edges() == 1
    assert next(iter(H.edges(data=True)))[2]["items"] == '["x", "y"]'
    X = nx.read_gexf(io.BytesIO(network_gexf(G)))
    assert X.number_of_edges() == 1
