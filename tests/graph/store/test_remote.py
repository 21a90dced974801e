"""Tests of graph/store/remote.py that only concern the remote store (a real Virtuoso server)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef

from graph import ids
from graph.errors import LimitExceeded, QueryError, QueryTimeout, StoreError
from graph.store.remote import SparqlStore
from graph.store.sparql import answer
from tests.utils.virtuoso import Virtuoso, free_port

G = ids.GRAPH["test/remote"]
P = URIRef("https://example.org/p")


def test_unreachable_endpoint_is_a_store_error_naming_it() -> None:
    url = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(StoreError, match=url):
        SparqlStore(url, timeout=2)


def test_values_go_inside_the_where_group() -> None:
    q = SparqlStore._with_values(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {"s": URIRef("https://example.org/a")}
    )
    assert q.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s)")
    assert "<https://example.org/a>" in q


def test_values_need_a_group() -> None:
    with pytest.raises(QueryError, match="no WHERE group"):
        SparqlStore._with_values("DESCRIBE ?s", {"s": URIRef("https://example.org/a")})


def test_server_system_graphs_stay_hidden(remote_store: SparqlStore) -> None:
    any_store = remote_store
    assert any_store.graphs() == []
    assert len(any_store) == 0
    any_store.put_graph(G, [(URIRef("https://example.org/a"), P, Literal("x"))])
    assert any_store.graphs() == [G]
    # the server's own graphs (Virtuoso keeps several) are neither listed nor queried
    rows = any_store.select("SELECT ?s WHERE { ?s ?p ?o }")
    assert [str(r["s"]) for r in rows] == ["https://example.org/a"]


def test_select_binds_values_remotely(remote_store: SparqlStore) -> None:
    any_store = remote_store
    a, b = URIRef("https://example.org/a"), URIRef("https://example.org/b")
    any_store.put_graph(G, [(a, P, Literal(1)), (b, P, Literal(2))])
    rows = any_store.select("SELECT ?o WHERE { ?s ?p ?o }", bindings={"s": b})
    assert [r["o"].toPython() for r in rows] == [2]



def test_a_query_stopped_at_its_timeout_is_refused_not_taken_as_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Virtuoso stops a query at the ``timeout`` it is sent (ms) and answers the rows found
    so far, saying so only in ``X-SQL-State: S1TAT`` (seen on Virtuoso 7.2 for a COUNT
    over a 4-way cartesian product: a partial count after 2 s); that answer is refused."""
    sent: list[bytes] = []
    empty = b'{"head":{"vars":["g"]},"results":{"bindings":[]}}'

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request.content)
        if b"COUNT" not in request.content:
            return httpx.Response(200, content=empty)
        partial = (b'{"head":{"vars":["n"]},"results":{"bindings":'
                   b'[{"n":{"type":"literal","value":"7"}}]}}')
        return httpx.Response(200, content=partial, headers={"X-SQL-State": "S1TAT"})

    client = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **kw: client(
        transport=httpx.MockTransport(server), **kw))
    store = SparqlStore("http://127.0.0.1:9/sparql")
    with pytest.raises(QueryTimeout, match="stopped the query after 1.5 s"):
        store.query_serialized("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }", "json",
                               timeout=1.5)
    assert b"timeout=1500" in sent[-1]


_TEXT = URIRef("https://example.org/text")
#: Memory attacks on Virtuoso (issue 18) at 10x the size that grew it to 7.8 GB (a chain of
#: 30 ``CONCAT`` steps), and the biggest single steps that are still sent to it.
ATTACKS = {
    "concat-chain-300": "SELECT ?a300 WHERE { BIND('ab' AS ?a0) " + " ".join(
        f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(300)) + " }",
    "replace-chain-300": "SELECT ?a300 WHERE { BIND('ab' AS ?a0) " + " ".join(
        f"BIND(REPLACE(?a{i}, 'a', ?a{i}) AS ?a{i + 1})" for i in range(300)) + " }",
    "nested-concat-30": "SELECT ?x WHERE { BIND(" + "CONCAT(" * 30 + "'ab', 'ab'"
                        + ")" * 30 + " AS ?x) }",
    # accepted: one CONCAT of 100 copies of a stored 12,000-character text (1.2 MB a row;
    # Virtuoso itself refuses one step past about 10 MB: "SR578 … string concatenation is
    # too large")
    "one-concat-of-100-texts": "SELECT (STRLEN(?x) AS ?n) WHERE { ?s <" + str(_TEXT)
                               + "> ?t BIND(CONCAT(" + ", ".join(["?t"] * 100) + ") AS ?x) }",
    # accepted: GROUP_CONCAT over a 3-way cartesian product (27 rows here; the timeout
    # and ResultSetMaxRows bound a bigger store)
    "group-concat-of-cartesian": "SELECT (STRLEN(GROUP_CONCAT(STR(?c); separator=' ')) AS ?n) "
                                 "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
}


def test_memory_attacks_leave_virtuoso_alive_small_and_answering(
    remote_store: SparqlStore, virtuoso: Virtuoso, test_output: Path,
) -> None:
    """Each attack is refused (400-class QueryError) before it is sent, or is ended by the
    timeout or the row cap; Virtuoso stays under 2 GB resident and answers ``ASK`` within
    1 s during and after each. Numbers in test-output/virtuoso-attacks.json."""
    remote_store.put_graph(G, [(URIRef(f"https://example.org/s{i}"), _TEXT,
                                Literal(f"{i:05d} " * 2_000)) for i in range(3)])
    report: dict[str, dict[str, object]] = {}
    for name, query in ATTACKS.items():
        outcome: list[str] = []

        def attack(q: str = query, out: list[str] = outcome) -> None:
            try:
                answer(remote_store, q, "json", cap=1000, timeout=5)
                out.append("answered")
            except (QueryError, QueryTimeout, LimitExceeded, StoreError) as err:
                out.append(f"{type(err).__name__}: {err}")

        thread = threading.Thread(target=attack)
        peak, slowest, checks = virtuoso.rss_mb(), 0.0, 0
        thread.start()
        while thread.is_alive() or checks == 0:
            started = time.monotonic()
            assert httpx.get(virtuoso.query, params={"query": "ASK {}"}, timeout=10
                             ).status_code == 200
            slowest = max(slowest, time.monotonic() - started)
            peak = max(peak, virtuoso.rss_mb())
            checks += 1
            time.sleep(0.2)
        thread.join()
        started = time.monotonic()
        after = httpx.get(virtuoso.query, params={"query": "ASK {}"}, timeout=10)
        report[name] = {"outcome": outcome[0][:160], "peak_rss_mb": peak,
                        "ask_checks": checks, "ask_max_s": round(slowest, 3),
                        "ask_after_s": round(time.monotonic() - started, 3)}
        (test_output / "virtuoso-attacks.json").write_text(json.dumps(report, indent=2))
        assert virtuoso.proc is not None and virtuoso.proc.poll() is None, report
        assert after.status_code == 200
        assert peak < 2048 and slowest < 1 and report[name]["ask_after_s"] < 1, report  # type: ignore[operator]
    for name in ("concat-chain-300", "replace-chain-300", "nested-concat-30"):
        assert report[name]["outcome"].startswith("QueryError"), report[name]  # type: ignore[union-attr]
        assert "string function" in str(report[name]["outcome"])
    assert report["one-concat-of-100-texts"]["outcome"] == "answered", report
