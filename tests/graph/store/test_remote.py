"""Tests of graph/store/remote.py that only concern the remote store (a real Virtuoso server)."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Literal, URIRef

from graph import ids
from graph.errors import QueryError, QueryTimeout, StoreError
from graph.store.remote import SparqlStore
from tests.utils.virtuoso import free_port

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
