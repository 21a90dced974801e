"""graph/prefixes.py: prefixes built from the namespaces, and the PREFIX lines of queries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph

from armsgraph import ids
from armsgraph.namespace import ARMS
from armsgraph.prefixes import PREFIXES, sparql_prefixes
from tests.utils.embedded_sparql import embedded_queries

ROOT = Path(__file__).resolve().parents[2]


def test_prefixes_come_from_the_namespaces() -> None:
    assert PREFIXES["arms"] == str(ARMS) == "https://w3id.org/armsgraph/ontology#"
    assert PREFIXES["system"] == str(ids.system("patriot"))[: -len("patriot")]
    assert list(PREFIXES)[:2] == ["arms", "state"]


def test_sparql_prefixes_are_lines_in_the_order_asked() -> None:
    assert sparql_prefixes("skos", "arms") == (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        f"PREFIX arms: <{ARMS}>\n")
    assert sparql_prefixes().count("PREFIX ") == len(PREFIXES)
    assert sparql_prefixes("schema") == "PREFIX schema: <https://schema.org/>\n"
    with pytest.raises(KeyError):
        sparql_prefixes("nope")


def test_no_module_of_graph_spells_a_prefix_by_hand() -> None:
    spelled = []
    for path in sorted([*(ROOT / "graph").rglob("*.py"), *(ROOT / "api").rglob("*.py")]):
        if path.name in ("namespace.py", "prefixes.py"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            # doctests may show what a user's query says
            if not line.lstrip().startswith(">>>") and re.search(r"PREFIX \w+: <https?://(w3id\.org|www\.w3\.org|purl\.org|schema\.org)",
                         line):
                spelled.append(f"{path.relative_to(ROOT)}:{n}")
    assert spelled == []


def test_turtle_written_with_the_prefixes_reads_back() -> None:
    g = Graph()
    for name, iri in PREFIXES.items():
        g.bind(name, iri)
    g.parse(data=f"@prefix arms: <{ARMS}> . arms:a arms:b arms:c .", format="turtle")
    text = g.serialize(format="turtle")
    assert "arms:a arms:b arms:c" in text


#: The vocabularies of PREFIXES, spelled out as IRIs.
_SPELLED_IRI = re.compile("<(" + "|".join(
    re.escape(iri) for iri in {*PREFIXES.values(), "https://schema.org/"}) + ")[^>]*>")


def test_embedded_queries_name_terms_through_the_prefixes() -> None:
    # a query names rdfs:label or arms:State by its prefix (lines from sparql_prefixes),
    # never as a full IRI written into the query text
    queries = embedded_queries("graph", "api")
    assert len(queries) >= 50
    spelled = [f"{q} {m.group(0)}" for q in queries for m in _SPELLED_IRI.finditer(q.text)]
    assert spelled == []
