"""graph.views.catalog: the catalog on the built graph, one per store and store generation."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from graph import ids
from graph.errors import UnknownEntity
from graph.namespace import ARMS
from graph.store import OxigraphStore
from graph.views.catalog import catalog
from graph.views.records import FactFilter


def test_catalog_is_rebuilt_when_the_store_changes() -> None:
    store = OxigraphStore()
    g = URIRef("https://example.org/g")
    store.put_graph(g, [(ids.state("AAA"), RDF.type, ARMS.State),
                        (ids.state("AAA"), RDFS.label, Literal("Aland"))])
    cat = catalog(store)
    assert [e.label for e in cat.entities(type="state")] == ["Aland"]
    store.put_graph(g, [(ids.state("BBB"), RDF.type, ARMS.State),
                        (ids.state("BBB"), RDFS.label, Literal("Borduria"))])
    assert [e.label for e in cat.entities(type="state")] == ["Borduria"]
    with pytest.raises(UnknownEntity, match="state/AAA"):
        cat.entity("state/AAA")



def test_facts_by_item_reach_lots_and_variants(built_store: OxigraphStore) -> None:
    cat = catalog(built_store)
    family = {f.id for f in cat.facts(FactFilter(item="system/patriot"))}
    items = {r.id for f in cat.facts(FactFilter(item="system/patriot"))
             for r in f.roles.get("item", ())}
    assert "fact/japan-us-pac-3-decided" in family
    assert "system/patriot-pac-3" in items
