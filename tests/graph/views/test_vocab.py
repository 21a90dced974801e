"""graph.views.vocab: the public type and status names match the ontology."""

from __future__ import annotations

from typing import get_args

import pytest
from rdflib import RDF, RDFS, Graph, URIRef

from graph.namespace import ARMS
from graph.settings import PROJECT_ROOT
from graph.views.vocab import ENTITY_TYPES, FACT_TYPES, STATUSES, EntityType, FactType, StatusName


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
