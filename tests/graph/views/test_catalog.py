"""armsgraph.views.catalog: the catalog on the built graph, one per store and store generation."""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef

from armsgraph import ids
from armsgraph.errors import UnknownEntity
from armsgraph.namespace import ARMS
from armsgraph.store import OxigraphStore
from armsgraph.views.catalog import catalog
from armsgraph.views.records import FactFilter


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


#: The seed article (data/articles), whose Russian threat to Japan is stated several times.
SEED = "15aa59eee5944eed"


def test_source_detail_lists_events_with_their_statements(built_store: OxigraphStore) -> None:
    cat = catalog(built_store)
    detail = cat.source(SEED)
    statements = cat.source(SEED, events=False)
    expected = cat.facts(FactFilter(source=SEED, events=True))
    assert [f.id for f in detail.facts] == [f.id for f in expected]
    assert detail.facts_total == len(expected) < detail.statements_total
    assert detail.statements_total == statements.facts_total == len(statements.facts) == \
        statements.statements_total == detail.source.fact_count
    # Every statement is in exactly one event, and reachable on its own.
    listed = [s for f in detail.facts for s in f.statements]
    assert sorted(listed) == sorted(f.id for f in statements.facts)
    assert all(cat.fact(s).fact.id == s for s in listed)
    (threat,) = [f for f in detail.facts if f.type == "threat"
                 and any(r.id == "state/JPN" for r in f.roles.get("target", ()))]
    stated = cat.facts(FactFilter(type="threat", party="state/JPN", source=SEED))
    assert len(stated) > 1 and threat.sources == (SEED,)
    assert sorted(threat.statements) == sorted(f.id for f in stated)


def test_entity_detail_lists_events_with_their_statements(built_store: OxigraphStore) -> None:
    cat = catalog(built_store)
    detail = cat.entity("state/JPN")
    statements = cat.entity("Japan", events=False)
    assert statements.facts_total == statements.statements_total == detail.statements_total
    assert detail.facts_total < detail.statements_total
    listed = [s for f in detail.facts for s in f.statements]
    assert sorted(listed) == sorted(f.id for f in statements.facts)
    threats = [f for f in detail.facts if f.type == "threat"]
    (event,) = cat.facts(FactFilter(type="threat", party="state/JPN", events=True))
    assert [(f.id, f.statements) for f in threats] == [(event.id, event.statements)]
    assert statements.facts[0].statements == ()  # statements are listed bare
