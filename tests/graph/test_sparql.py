"""graph.sparql: query forms, read-only guard, capped answers, the time budget."""

from __future__ import annotations

import asyncio
import time

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from graph.errors import LimitExceeded, QueryError, QueryTimeout
from graph.sparql import QueryRunner, answer, query_form
from graph.store import OxigraphStore

G = URIRef("https://example.org/g")
P = URIRef("https://example.org/p")


@pytest.fixture()
def store() -> OxigraphStore:
    s = OxigraphStore()
    s.put_graph(G, [(URIRef(f"https://example.org/s{i}"), P, Literal(i)) for i in range(20)])
    return s


@pytest.mark.parametrize(
    ("text", "form"),
    [
        pytest.param("SELECT * { ?s ?p ?o }", "SELECT", id="select"),
        pytest.param("  ask {}", "ASK", id="lower-case"),
        pytest.param("# a comment\nPREFIX ex: <http://e/#x>\nBASE <http://b/>\n"
                     "CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", id="prologue"),
        pytest.param("PREFIX : <http://e/> DESCRIBE :a", "DESCRIBE", id="empty-prefix"),
        pytest.param("SELEC * {}", None, id="typo"),
        pytest.param("", None, id="empty"),
    ],
)
def test_query_form(text: str, form: str | None) -> None:
    assert query_form(text) == form


@pytest.mark.parametrize(
    "text",
    ["INSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX ex: <http://e/> DELETE WHERE { ?s ?p ?o }",
     "LOAD <http://example.org/x>", "clear all", "WITH <http://g> DELETE { ?s ?p ?o } WHERE {}"],
)
def test_query_form_refuses_updates(text: str) -> None:
    with pytest.raises(QueryError, match="read-only"):
        query_form(text)


@pytest.mark.parametrize(
    "text",
    ["SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
     "select * { ?a ?b ?c . service silent <http://example.org/sparql> { ?s ?p ?o } }"],
)
def test_query_form_refuses_federated_service(text: str) -> None:
    with pytest.raises(QueryError, match="SERVICE"):
        query_form(text)


@pytest.mark.parametrize(
    "text",
    ['SELECT ?service WHERE { ?service ?p "SERVICE" }',
     "PREFIX service: <http://e/> SELECT * { ?s service:x ?o } # SERVICE",
     'SELECT * { ?s <http://e/SERVICE> """a SERVICE " b""" }'],
)
def test_query_form_lets_the_word_service_through_elsewhere(text: str) -> None:
    assert query_form(text) == "SELECT"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_answer_select_in_every_result_format(store: OxigraphStore, fmt: str) -> None:
    q = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    data = answer(store, q, fmt, cap=100)
    if fmt == "csv":
        assert data.decode().split()[1:] == [str(i) for i in range(20)]
        return
    parsed = ox.parse_query_results(data, getattr(ox.QueryResultsFormat, fmt.upper()))
    assert [int(s["o"].value) for s in parsed] == list(range(20))


def test_answer_refuses_more_rows_than_the_cap(store: OxigraphStore) -> None:
    # Reading stops one row past the cap: the count is "cap + 1 or more".
    with pytest.raises(LimitExceeded, match="20 rows or more, more than the cap of 19"):
        answer(store, "SELECT * WHERE { ?s ?p ?o }", "json", cap=19)
    assert answer(store, "SELECT * WHERE { ?s ?p ?o }", "json", cap=20)


def test_answer_refuses_more_triples_than_the_cap(store: OxigraphStore) -> None:
    with pytest.raises(LimitExceeded, match="11 triples or more, more than the cap of 10"):
        answer(store, "CONSTRUCT WHERE { ?s ?p ?o }", "turtle", cap=10)
    ttl = answer(store, "CONSTRUCT WHERE { ?s ?p ?o }", "turtle", cap=20)
    assert len(list(ox.parse(ttl, format=ox.RdfFormat.TURTLE))) == 20


def test_answer_malformed_and_mismatched(store: OxigraphStore) -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        answer(store, "SELECT ?x WHERE {", "json", cap=10)
    with pytest.raises(QueryError, match="cannot be answered as 'turtle'"):
        answer(store, "SELECT * {}", "turtle", cap=10)


def test_runner_times_out_and_keeps_serving() -> None:
    runner = QueryRunner(workers=1, timeout=0.1)
    try:
        with pytest.raises(QueryTimeout, match="0.1 s"):
            asyncio.run(runner.run(time.sleep, 0.3))
        time.sleep(0.3)
        assert asyncio.run(runner.run(sum, [1, 2, 3])) == 6
    finally:
        runner.close()
