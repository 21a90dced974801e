"""graph.store.sparql: query forms, read-only guard, capped answers, the time budget."""

from __future__ import annotations

import asyncio
import time

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from graph.errors import LimitExceeded, QueryError, QueryTimeout
from graph.store import OxigraphStore
from graph.store.sparql import QueryRunner, answer, check_growth, query_form

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


def _bind_chain(n: int) -> str:
    binds = "".join(f"BIND(?v{i} AS ?v{i + 1}) " for i in range(n))
    return "SELECT * WHERE { BIND(1 AS ?v0) " + binds + "}"


#: Query shapes that overflowed pyoxigraph's stack (issue 18), by size n, and the size at
#: which each crashed the server.
CRASH_SHAPES = {
    "nested-groups": (lambda n: "SELECT * WHERE " + "{" * n + "}" * n, 3_000),
    "sub-select": (lambda n: "SELECT * WHERE " + "{ SELECT * WHERE " * n + "{}" + "}" * n,
                   5_000),
    "minus": (lambda n: "SELECT * WHERE { ?s ?p ?o " + "MINUS { ?s ?p ?o " * n + "}" * n + "}",
              5_000),
    "optional": (lambda n: "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * n
                 + "}" * n + "}", 5_000),
    "bind-chain": (_bind_chain, 5_000),
    "filter-parens": (lambda n: "SELECT * WHERE { FILTER" + "(" * n + "true" + ")" * n + " }",
                      5_000),
    "path-sequence": (lambda n: "SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * n) + " ?o }",
                      10_000),
    "union": (lambda n: "SELECT * WHERE { " + " UNION ".join(["{}"] * n) + " }", 20_000),
    "not": (lambda n: "SELECT * WHERE { FILTER(" + "!" * n + "true) }", 20_000),
    "plus": (lambda n: "SELECT * WHERE { BIND(" + "+".join(["1"] * n) + " AS ?x) }", 20_000),
    "and": (lambda n: "SELECT * WHERE { FILTER(" + " && ".join(["true"] * n) + ") }", 20_000),
}


@pytest.mark.parametrize("shape", CRASH_SHAPES)
def test_crash_shapes_at_ten_times_their_crashing_size_are_refused(shape: str) -> None:
    make, crashed_at = CRASH_SHAPES[shape]
    with pytest.raises(QueryError, match=r"more than|deeper than") as err:
        query_form(make(10 * crashed_at))
    assert "split it" in str(err.value) or "flatten it" in str(err.value)


@pytest.mark.parametrize("shape", CRASH_SHAPES)
def test_crash_shapes_within_the_limits_still_run(shape: str, store: OxigraphStore) -> None:
    make, _ = CRASH_SHAPES[shape]
    body = answer(store, make(8), "tsv", cap=1_000)
    assert body.endswith(b"\n")  # a TSV answer (header and rows): the engine answered


def test_shape_limits_name_which_limit_and_count_nothing_inside_strings() -> None:
    from graph.store.sparql import LIMITS, check_shape

    deep = "SELECT * WHERE " + "{" * (LIMITS.depth + 1) + "}" * (LIMITS.depth + 1)
    with pytest.raises(QueryError, match=f"deeper than {LIMITS.depth} levels"):
        check_shape(deep)
    check_shape("SELECT * WHERE " + "{" * LIMITS.depth + "}" * LIMITS.depth)
    check_shape('SELECT * WHERE { FILTER(?o = "' + "{(" * 10_000 + '") }')
    check_shape("SELECT * WHERE { FILTER(?o = <urn:" + "x" * 50_000 + ">) } # " + "{" * 99)
    ops = "SELECT * WHERE { FILTER(" + " && ".join(["true"] * (LIMITS.operators + 1)) + ") }"
    with pytest.raises(QueryError, match=f"more than {LIMITS.operators} operators"):
        check_shape(ops)
    unions = "SELECT * WHERE { " + " UNION ".join(["{}"] * (LIMITS.clauses + 1)) + " }"
    with pytest.raises(QueryError, match=f"more than {LIMITS.clauses} clauses"):
        check_shape(unions)
    values = "SELECT * WHERE { VALUES ?x { " + "1 " * LIMITS.terms + "} }"
    with pytest.raises(QueryError, match=f"more than {LIMITS.terms} terms"):
        check_shape(values)


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("SELECT (bif:http_get('http://127.0.0.1:9/') AS ?x) {}", id="bif-http-get"),
        pytest.param("SELECT (bif:exec('id') AS ?x) {}", id="bif-exec"),
        pytest.param("SELECT * { BIND(sql:f(1) AS ?x) }", id="sql-call"),
        pytest.param("SELECT (<bif:http_get> ('http://h/') AS ?x) {}", id="bif-as-iri"),
        pytest.param("PREFIX b: <bif:> SELECT (b:http_get ('http://h/') AS ?x) {}",
                     id="bif-renamed"),
        pytest.param("SELECT * { FILTER(<http://example.org/f>(?o)) ?s ?p ?o }", id="other-iri"),
    ],
)
def test_vendor_and_unknown_functions_are_refused(query: str) -> None:
    with pytest.raises(QueryError, match="functions named by IRI are not accepted"):
        query_form(query)


def test_xsd_casts_and_strings_that_look_like_calls_pass(store: OxigraphStore) -> None:
    query = ("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
             "SELECT (xsd:integer('7') AS ?n) (<http://www.w3.org/2001/XMLSchema#string>(1) AS ?t)"
             " ('bif:exec(1)' AS ?s) { } # bif:http_get(1)")
    assert query_form(query) == "SELECT"
    assert answer(store, query, "tsv", cap=10).splitlines()[1] == (
        b'"7"^^<http://www.w3.org/2001/XMLSchema#integer>\t"1"\t"bif:exec(1)"'
    )


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("json", b'"t":{"type":"triple","value":{"subject":{"type":"uri","value":"urn:a"}'),
        ("xml", b"<triple><subject><uri>urn:a</uri></subject>"),
        ("tsv", b"<<( <urn:a> <urn:b> <urn:c> )>>"),
        ("csv", b"urn:a urn:b urn:c"),
    ],
)
def test_select_answering_an_rdf12_triple_term_is_encoded(
    store: OxigraphStore, fmt: str, expected: bytes
) -> None:
    query = "SELECT ?t { BIND(<<( <urn:a> <urn:b> <urn:c> )>> AS ?t) }"
    assert expected in answer(store, query, fmt, cap=10)


# -- a SPARQL grammar fuzzer: nesting, paths, functions (issue 18, item 7) ----------------

_IRI = st.sampled_from(["<urn:p>", "<urn:q>", "<urn:s>"])
_PATH = st.recursive(
    _IRI, lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda t: f"({t[0]}/{t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]}|{t[1]})"),
        inner.map(lambda p: f"^({p})"),
        st.tuples(inner, st.sampled_from("*+?")).map(lambda t: f"({t[0]}){t[1]}"),
        _IRI.map(lambda p: f"!{p}"),
    ), max_leaves=12)
_EXPR = st.recursive(
    st.sampled_from(["?s", "?o", "1", "true", '"x"', "STR(?s)"]), lambda inner: st.one_of(
        inner.map(lambda e: f"(!{e})"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]} && {t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]} + {t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"CONCAT(STR({t[0]}), STR({t[1]}))"),
        inner.map(lambda e: f"STRLEN(STR({e}))"),
        inner.map(lambda e: f'REGEX(STR({e}), "^a")'),
        inner.map(lambda e: f"BOUND(?o) || {e}"),
    ), max_leaves=12)
_PATTERN = st.recursive(
    st.one_of(_PATH.map(lambda p: f"?s {p} ?o ."), st.just("?s ?p ?o ."),
              _EXPR.map(lambda e: f"FILTER({e})"), _EXPR.map(lambda e: f"BIND({e} AS ?b)")),
    lambda inner: st.one_of(
        inner.map(lambda p: "{ " + p + " }"),
        inner.map(lambda p: "OPTIONAL { " + p + " }"),
        inner.map(lambda p: "MINUS { " + p + " }"),
        st.tuples(inner, inner).map(lambda t: "{ " + t[0] + " } UNION { " + t[1] + " }"),
        inner.map(lambda p: "{ SELECT * WHERE { " + p + " } LIMIT 5 }"),
        st.tuples(inner, inner).map(lambda t: t[0] + " " + t[1]),
    ), max_leaves=40)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=_PATTERN, limit=st.sampled_from(["", " LIMIT 10"]))
def test_fuzzed_queries_are_answered_or_refused(store: OxigraphStore, body: str,
                                                limit: str) -> None:
    """Random nesting of groups, OPTIONAL, MINUS, UNION, sub-SELECT, property paths and
    function calls: each is answered (JSON with a head) or refused with a QueryError or
    LimitExceeded, never anything else (and the process survives)."""
    import json  # noqa: PLC0415

    query = "SELECT * WHERE { " + body + " }" + limit
    try:
        data = answer(store, query, "json", cap=1_000)
    except (QueryError, LimitExceeded):
        return
    assert "head" in json.loads(data)


def _chain(fn: str, steps: int) -> str:
    """``?a0`` … ``?aN``, each ``fn`` of the one before with itself (doubling a string)."""
    call = {"CONCAT": "CONCAT(?a{i}, ?a{i})", "REPLACE": "REPLACE(?a{i}, 'a', ?a{i})"}[fn]
    return f"SELECT ?a{steps} WHERE {{ BIND('ab' AS ?a0) " + " ".join(
        f"BIND({call.format(i=i)} AS ?a{i + 1})" for i in range(steps)) + " }"


@pytest.mark.parametrize("query, fed", [
    (_chain("CONCAT", 300), "?a1"),
    (_chain("REPLACE", 300), "?a1"),
    # through a plain copy, and through a sub-SELECT's projection
    ("SELECT ?d WHERE { BIND(CONCAT('a', 'b') AS ?b) BIND(?b AS ?c) "
     "BIND(CONCAT(?c, ?c) AS ?d) }", "?c"),
    ("SELECT ?c WHERE { { SELECT (GROUP_CONCAT(?o) AS ?b) WHERE { ?s ?p ?o } } "
     "BIND(ENCODE_FOR_URI(?b) AS ?c) }", "?b"),
])
def test_growth_chains_are_refused_naming_the_fed_variable(query: str, fed: str) -> None:
    with pytest.raises(QueryError, match=rf"takes \{fed}, the result of another string"):
        check_growth(query)


def test_nested_growth_is_refused() -> None:
    nested = "SELECT ?x WHERE { BIND(" + "CONCAT(" * 30 + "'ab', 'ab'" + ")" * 30 + " AS ?x) }"
    with pytest.raises(QueryError, match="CONCAT takes the result of CONCAT"):
        check_growth(nested)


@pytest.mark.parametrize("query", [
    "SELECT (CONCAT(?a, '-', STR(?b)) AS ?c) WHERE { ?a ?p ?b }",
    # two independent steps, and a shrinking function of a grown string
    "SELECT ?c ?d WHERE { ?s ?p ?o BIND(CONCAT(STR(?s), 'x') AS ?c) "
    "BIND(REPLACE(STR(?o), 'a', 'b') AS ?d) FILTER(STRLEN(?c) > 1) }",
    "SELECT ?e WHERE { BIND(CONCAT('a', 'b') AS ?b) BIND(SUBSTR(?b, 1, 1) AS ?e) }",
    # 'CONCAT(' inside a string is no call
    "SELECT ?b WHERE { BIND(CONCAT('CONCAT(', 'x') AS ?b) BIND(STRLEN(?b) AS ?n) }",
])
def test_single_growth_steps_pass(query: str) -> None:
    check_growth(query)


def test_answer_checks_growth_only_where_memory_is_not_bounded(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The embedded store answers a short chain (its worker's memory is bounded, see
    test_sandbox.py); a store of another kind refuses it before it is sent."""
    short = _chain("CONCAT", 3)
    assert b"abababababababab" in answer(store, short, "json", cap=10)

    class Remote:
        def query_serialized(self, *args: object, **kwargs: object) -> bytes:
            raise AssertionError("sent to the store")

    with pytest.raises(QueryError, match="chained string functions"):
        answer(Remote(), short, "json", cap=10)  # type: ignore[arg-type]
