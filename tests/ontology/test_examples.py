"""Every curated case in ``ontology/examples/`` is valid data, and its quotes are exact.

Each example is validated with the ontology and the reference data (``data/reference``),
the context it is built into. A case may point to statements of another case (competing
claims contradict the official account); those cases are loaded as context too, found by
the subjects they define.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF

from armsgraph import ids
from armsgraph.load.validate import validate_graph
from armsgraph.namespace import ARMS
from armsgraph.store import parse_turtle
from tests.conftest import DATA_DIR, ONTOLOGY_DIR

EXAMPLES = sorted((ONTOLOGY_DIR / "examples").glob("*.ttl"))
ARTICLES = sorted((DATA_DIR / "articles").glob("*.txt"))


def _article_texts() -> dict[URIRef, str]:
    """Source IRI → text, for the articles the graph holds (the extractor's key)."""
    texts = {}
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8")
        texts[ids.source(ids.digest(text))] = text
    return texts


def _context(example: Path, graph: Graph) -> Graph:
    """Reference data plus the other cases whose subjects ``graph`` points to."""
    context = Graph()
    for path in sorted((DATA_DIR / "reference").glob("*.ttl")):
        context += parse_turtle(path)
    pointed = {o for o in graph.objects() if isinstance(o, URIRef)}
    for other in EXAMPLES:
        if other != example:
            g = parse_turtle(other)
            if pointed & set(g.subjects()):
                context += g
    return context


def test_find_ten_examples() -> None:
    assert len(EXAMPLES) >= 10, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_validate_example_conforms(
    example: Path, shapes: Graph, ontology: Graph
) -> None:
    graph = parse_turtle(example)
    result = validate_graph(graph + _context(example, graph), shapes, ontology)
    assert result.conforms, result.text


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_parse_example_header_and_manual_statements(example: Path) -> None:
    graph = parse_turtle(example)
    headers = list(graph.subjects(RDF.type, OWL.Ontology))
    assert headers == [ids.case_graph(example.stem)]
    facts = {s for s in graph.subjects() if str(s).startswith(str(ids.fact("")))}
    assert facts or example.stem == "us-third-party-transfer-rule"
    for fact in facts:
        assert graph.value(fact, ARMS.extractionRule) == Literal("manual"), fact
        assert graph.value(fact, PROV.wasDerivedFrom) is not None, fact


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_check_sentence_offsets_match_article_text(example: Path) -> None:
    texts = _article_texts()
    graph = parse_turtle(example)
    for fact, source in graph.subject_objects(PROV.wasDerivedFrom):
        if not isinstance(source, URIRef) or source not in texts:
            continue
        if graph.value(fact, ARMS.sentence) is None:
            continue
        start = graph.value(fact, ARMS.startChar)
        end = graph.value(fact, ARMS.endChar)
        assert isinstance(start, Literal) and isinstance(end, Literal), fact
        span = texts[source][int(start) : int(end)]
        assert span == str(graph.value(fact, ARMS.sentence)), fact


def test_check_seed_article_cases_cite_the_article() -> None:
    texts = _article_texts()
    graph = parse_turtle(ONTOLOGY_DIR / "examples" / "us-ukraine-hypothetical-reexport.ttl")
    sources = set(graph.objects(None, PROV.wasDerivedFrom))
    assert sources and sources <= set(texts)
