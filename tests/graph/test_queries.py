"""graph.queries: the public vocabularies match the ontology; the catalog on the built graph."""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest
from rdflib import RDF, RDFS, Graph, Literal, URIRef

from graph import ids
from graph.errors import InputError, UnknownEntity
from graph.namespace import ARMS
from graph.queries import (
    ENTITY_TYPES,
    FACT_TYPES,
    STATUSES,
    EntityType,
    FactFilter,
    FactType,
    StatusName,
    catalog,
)
from graph.settings import PROJECT_ROOT
from graph.store import OxigraphStore


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(PROJECT_ROOT / "ontology" / "armsgraph.ttl")


def test_vocabularies_match_their_literal_types() -> None:
    assert list(ENTITY_TYPES) == list(get_args(EntityType))
    assert list(FACT_TYPES) == list(get_args(FactType))
    assert list(STATUSES) == list(get_args(StatusName))


def test_fact_types_are_every_statement_class(ontology: Graph) -> None:
    statements = set(ontology.subjects(RDFS.subClassOf, ARMS.Statement))
    assert set(FACT_TYPES.values()) == statements


def test_status_names_are_the_labels_of_their_terms(ontology: Graph) -> None:
    for name, terms in STATUSES.items():
        for term in terms:
            assert str(ontology.value(term, RDFS.label)) == name
    coded = set(ontology.subjects(RDF.type, ARMS.Modality)) | set(
        ontology.subjects(RDF.type, ARMS.ConsentStatus))
    assert {t for terms in STATUSES.values() for t in terms} == coded


def test_entity_types_are_classes(ontology: Graph) -> None:
    for cls in ENTITY_TYPES.values():
        assert (cls, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in ontology


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


def test_fact_filter_refuses_an_inverted_range() -> None:
    with pytest.raises(InputError, match="date_from 2024-01-02 is after date_to 2024-01-01"):
        FactFilter(date_from=date(2024, 1, 2), date_to=date(2024, 1, 1))


def test_facts_by_item_reach_lots_and_variants(built_store: OxigraphStore) -> None:
    cat = catalog(built_store)
    family = {f.id for f in cat.facts(FactFilter(item="system/patriot"))}
    items = {r.id for f in cat.facts(FactFilter(item="system/patriot"))
             for r in f.roles.get("item", ())}
    assert "fact/japan-us-pac-3-decided" in family
    assert "system/patriot-pac-3" in items
