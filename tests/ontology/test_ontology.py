"""The ontology documents itself, and everything else uses only terms it defines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from armsgraph.namespace import ARMS
from armsgraph.store import parse_turtle
from tests.conftest import ONTOLOGY_DIR
from tests.conftest import PROJECT_ROOT as ROOT
from tests.utils.embedded_sparql import embedded_queries

NS = str(ARMS)
KINDS = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme]


def _defined(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects() if isinstance(s, URIRef) and s.startswith(NS)}


def test_declare_ontology_with_version_iri(ontology: Graph) -> None:
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    version = ontology.value(header, OWL.versionIRI)
    assert version is not None and str(version).startswith(str(header))


@pytest.mark.parametrize("kind", KINDS, ids=["class", "object-property", "datatype-property",
                                             "concept-scheme"])
def test_label_and_comment_every_term(ontology: Graph, kind: URIRef) -> None:
    terms = [t for t in ontology.subjects(RDF.type, kind) if str(t).startswith(NS)]
    assert terms
    missing = [
        str(t) for t in terms
        if ontology.value(t, RDFS.label) is None or ontology.value(t, RDFS.comment) is None
    ]
    assert missing == []


def test_label_and_comment_every_concept(ontology: Graph) -> None:
    concepts = {s for s in ontology.subjects(SKOS.inScheme, None)}
    assert len(concepts) >= 30
    for concept in concepts:
        assert ontology.value(concept, RDFS.label) is not None, concept
        assert ontology.value(concept, RDFS.comment) is not None, concept


def _turtle_files() -> list[Path]:
    return [ONTOLOGY_DIR / "shapes.ttl", *sorted((ONTOLOGY_DIR / "examples").glob("*.ttl"))]


@pytest.mark.parametrize("path", _turtle_files(), ids=lambda p: p.stem)
def test_use_only_defined_terms_in_turtle(ontology: Graph, path: Path) -> None:
    used = {
        term for triple in parse_turtle(path) for term in triple
        if isinstance(term, URIRef) and term.startswith(NS)
    }
    assert used - _defined(ontology) == set()


CHECKS = sorted((ONTOLOGY_DIR / "checks").glob("*.rq"))


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.stem)
def test_use_only_defined_terms_in_checks(ontology: Graph, path: Path) -> None:
    used = {URIRef(NS + name) for name in re.findall(r"\barms:(\w+)", path.read_text())}
    assert used and used - _defined(ontology) == set()


#: The SPARQL embedded in the code (tests/utils/embedded_sparql.py), by module.
EMBEDDED = embedded_queries("graph", "api")
_BY_MODULE = sorted({q.path for q in EMBEDDED if "arms:" in q.text})


def test_embedded_queries_are_found() -> None:
    # the scan reads the queries of every layer that asks the store (not an empty list)
    modules = {str(p.relative_to(ROOT)) for p in _BY_MODULE}
    assert {"graph/reason/project.py", "graph/views/index.py", "graph/extract/catalog.py",
            "graph/load/sipri/link.py", "graph/reason/review.py"} <= modules
    assert len(EMBEDDED) >= 50


@pytest.mark.parametrize("path", _BY_MODULE, ids=lambda p: str(p.relative_to(ROOT)))
def test_use_only_defined_terms_in_embedded_queries(ontology: Graph, path: Path) -> None:
    used = {URIRef(NS + name) for q in EMBEDDED if q.path == path
            for name in re.findall(r"\barms:(\w+)", q.text)}
    assert used and sorted(used - _defined(ontology)) == []
