"""A store on a shared triple store, over the SPARQL 1.1 Query, Update and Graph Store protocols.

:class:`SparqlStore` implements the same :class:`~armsgraph.store.Store` interface as the
embedded store, so a team can point every armsgraph process at one server (Virtuoso,
Fuseki, GraphDB …) with ``ARMSGRAPH_STORE=http://host:8890/sparql``.

- reads go to the query endpoint (SPARQL JSON results, N-Triples for graphs);
- a named graph is written with one Graph Store Protocol ``PUT`` into a staging graph,
  then moved over the target by one SPARQL ``MOVE`` update, so readers see the old or the
  new content; without a Graph Store endpoint, ``INSERT DATA`` carries the triples;
- only graphs under ``graph_prefix`` (armsgraph's own named graphs by default) are listed,
  counted, dumped or cleared: the server's system graphs are never touched.

The protocols take no bound values, so :meth:`SparqlStore.select` appends the bindings as
a ``VALUES`` block whose terms are serialised by rdflib (``Node.n3()``), the approach of
rdflib's own SPARQLStore; callers still never format values into query text.
"""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import httpx
import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .. import ids
from ..errors import LimitExceeded, ParseError, QueryError, QueryTimeout, StoreError
from .base import (
    RDF_FORMATS,
    RESULT_FORMATS,
    Change,
    ChangeLog,
    GraphDigest,
    GraphUpdate,
    Triple,
    from_ox,
    parse_rdf,
    rdf_format,
    serialized,
    to_ox,
)

__all__ = ["SparqlStore"]

_RESULT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
_STAGING = "urn:armsgraph:staging:"
_WHERE = re.compile(r"\bWHERE\b", re.IGNORECASE)
#: How servers say a query would run too long (Virtuoso: MaxQueryCostEstimationTime).
_TOO_COSTLY = re.compile(r"estimated execution time .* exceeds the limit", re.IGNORECASE)


def _term(binding: Mapping[str, Any]) -> Node:
    """An rdflib term from one SPARQL JSON results binding."""
    kind = binding["type"]
    value = binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    lang = binding.get("xml:lang")
    dtype = binding.get("datatype")
    return Literal(value, lang=lang, datatype=URIRef(dtype) if dtype and not lang else None)


class SparqlStore:
    """A :class:`~armsgraph.store.Store` on a remote SPARQL 1.1 server.

    Parameters
    ----------
    query_endpoint : the SPARQL query URL (``http://127.0.0.1:8890/sparql`` for Virtuoso).
    update_endpoint : the SPARQL update URL; Virtuoso's authenticated one is ``…/sparql-auth``.
    graph_store_endpoint : the Graph Store Protocol URL (``…/sparql-graph-crud-auth``), or
        None to write with SPARQL updates only.
    user, password : HTTP digest credentials for the write endpoints.
    graph_prefix : the named graphs this store manages.
    timeout : seconds for one HTTP request.

    Notes
    -----
    ``generation`` and :meth:`changes_since` count and log the writes made through this
    object only: a write by another process (or another ``SparqlStore`` on the same
    server) is not seen, so caches over a shared server refresh on this process's writes.
    """

    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        graph_store_endpoint: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        graph_prefix: str = str(ids.GRAPH),
        timeout: float = 60.0,
    ):
        self.query_endpoint = query_endpoint
        self.update_endpoint = update_endpoint or query_endpoint
        self.graph_store_endpoint = graph_store_endpoint
        self.graph_prefix = graph_prefix
        self._log = ChangeLog()
        auth = httpx.DigestAuth(user, password or "") if user else None
        self._http = httpx.Client(timeout=timeout, auth=auth)
        self._write_lock = threading.RLock()
        try:
            self._request("GET", self.query_endpoint, params={"query": "ASK {}"})
        except StoreError as err:
            raise StoreError(f"SPARQL endpoint {query_endpoint} is not reachable: {err}") from err

    # -- HTTP ----------------------------------------------------------------------------

    def _request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        try:
            resp = self._http.request(method, url, **kw)
        except httpx.HTTPError as err:
            raise StoreError(f"{method} {url} failed: {err}") from err
        if resp.status_code == 400:
            # Virtuoso repeats the whole query (with its dataset clauses) after the message.
            said = resp.text.split("\n\nSPARQL query:", 1)[0].strip()
            raise QueryError(f"malformed SPARQL (the server says): {said[:500]}")
        if resp.status_code >= 300 and _TOO_COSTLY.search(resp.text[:2000]):
            said = resp.text.split("\n\nSPARQL query:", 1)[0].strip()
            raise QueryTimeout(f"the SPARQL server refused to run the query: {said[:300]}")
        if resp.status_code >= 300:
            raise StoreError(f"{method} {url} answered {resp.status_code}: {resp.text[:500]}")
        return resp

    def _post_query(self, query: str, accept: str, *, dataset: bool = True,
                    timeout: float | None = None) -> httpx.Response:
        """POST a query; the dataset is this store's graphs (their union as default graph).

        Naming the graphs keeps the server's own system graphs out of every answer, as the
        embedded store's union default graph holds only armsgraph's graphs. With
        ``timeout`` the server is asked to stop the query then (Virtuoso's ``timeout``
        parameter, in ms); the incomplete answer it then sends is refused.
        """
        data: dict[str, str | list[str]] = {"query": query}
        if timeout is not None:
            data["timeout"] = str(max(1, round(timeout * 1000)))
        if dataset:
            own = [str(g) for g in self.graphs()] or ["urn:armsgraph:empty"]
            data["default-graph-uri"] = own
            data["named-graph-uri"] = own
        kw: dict[str, Any] = {} if timeout is None else {"timeout": timeout + 5.0}
        resp = self._request("POST", self.query_endpoint, data=data, headers={"Accept": accept},
                             **kw)
        if resp.headers.get("x-sql-state") == "S1TAT":
            # Virtuoso's "anytime query": stopped at the timeout, it answers with the rows
            # found so far and says so only in this header.
            raise QueryTimeout(
                f"the SPARQL server stopped the query after {timeout:g} s "
                "(ARMSGRAPH_QUERY_TIMEOUT) and sent an incomplete answer; it is refused"
            )
        cut = resp.headers.get("x-sparql-maxrows")
        if cut is not None:
            # Virtuoso answers at most ResultSetMaxRows rows and says so only in this header:
            # a cut answer is refused rather than taken as whole.
            raise LimitExceeded(
                f"the SPARQL server cut its answer at {cut} rows (Virtuoso: ResultSetMaxRows "
                "in virtuoso.ini); narrow the query or raise the server's limit"
            )
        return resp

    def _update(self, update: str) -> None:
        self._request("POST", self.update_endpoint, data={"update": update})

    @staticmethod
    def _with_values(query: str, bindings: Mapping[str, Node] | None) -> str:
        """Put the bindings as a VALUES block at the start of the WHERE group.

        The block goes inside the group (not after the query) because servers such as
        Virtuoso do not accept a trailing VALUES clause after ASK.
        """
        if not bindings:
            return query
        names = " ".join(f"?{k}" for k in bindings)
        row = " ".join(v.n3() for v in bindings.values())
        where = _WHERE.search(query)
        brace = query.find("{", where.end() if where else 0)
        if brace < 0:
            raise QueryError("cannot bind values: the query has no WHERE group")
        return f"{query[: brace + 1]} VALUES ({names}) {{ ({row}) }} {query[brace + 1 :]}"

    @property
    def generation(self) -> int:
        """Grows by one with every write made through this object (not other processes')."""
        return self._log.generation

    @contextmanager
    def steady(self) -> Iterator[None]:
        """A stretch in which no write of this process runs (other processes' writes are
        the server's to isolate)."""
        with self._write_lock:
            yield

    def update_graph(self, graph: URIRef, triples: Iterable[Triple], *,
                     digest: str | None = None) -> GraphUpdate:
        """:meth:`put_graph`: comparing a large graph over the protocol costs about what
        writing it does, so a remote store always writes the graph whole (``digest`` is
        not kept: other processes write the server's graphs unseen)."""
        items = list(triples)
        return GraphUpdate(self.put_graph(graph, items), None, None)

    def graph_digest(self, graph: URIRef) -> GraphDigest | None:
        """None: see :meth:`update_graph`."""
        return None

    @property
    def version(self) -> str | None:
        """None: a shared server's content has no name that lasts (other processes write
        it unseen), so nothing derived from it is saved to disk."""
        return None

    def changes_since(self, generation: int) -> list[Change] | None:
        """What this object's writes after ``generation`` touched (see
        :class:`~armsgraph.store.ChangeLog`); None when the log no longer reaches back.

        Writes by other processes on the same server are not logged (nor counted in
        ``generation``).
        """
        return self._log.since(generation)

    def _own(self, graph: str) -> bool:
        return graph.startswith(self.graph_prefix) and not graph.startswith(_STAGING)

    # -- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(str(rows[0]["n"])) if rows else 0

    def graphs(self) -> list[URIRef]:
        body = self._post_query(
            # GROUP BY rather than DISTINCT: Virtuoso answers it from its graph index in
            # milliseconds instead of scanning every quad (0.3 s on the built graph).
            "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            _RESULT_MEDIA["json"], dataset=False,
        ).json()
        names = (row["g"]["value"] for row in body["results"]["bindings"])
        return sorted(URIRef(g) for g in names if self._own(g))

    def has_graph(self, graph: URIRef) -> bool:
        body = self._post_query(
            self._with_values("SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", {"g": graph}),
            _RESULT_MEDIA["json"], dataset=False,
        ).json()
        return bool(body["results"]["bindings"])

    def triples(self, graph: URIRef | None = None) -> Iterator[Triple]:
        for g in [graph] if graph is not None else self.graphs():
            data = self._post_query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {g.n3()} {{ ?s ?p ?o }} }}",
                "application/n-triples", dataset=False,
            ).content
            for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
                yield from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]:
        """Run a SELECT; bound values are appended as a VALUES block of rdflib-serialised terms."""
        resp = self._post_query(self._with_values(query, bindings), _RESULT_MEDIA["json"])
        try:
            body = resp.json()
        except ValueError as err:
            sent = resp.text[:200]
            raise QueryError(f"expected a SELECT query; the server sent {sent!r}") from err
        if "results" not in body:
            raise QueryError("expected a SELECT query")
        return [
            {k: _term(v) for k, v in row.items()} for row in body["results"]["bindings"]
        ]

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        """Run an ASK over the server's whole dataset.

        No dataset is named: Virtuoso 7.2 answers ``true`` to any ASK sent with a
        ``named-graph-uri`` (seen in tests/graph/store/test_store.py), so ASK sees the server's
        system graphs too, which hold no armsgraph terms.
        """
        body = self._post_query(
            self._with_values(query, bindings), _RESULT_MEDIA["json"], dataset=False
        ).json()
        if "boolean" not in body:
            raise QueryError("expected an ASK query")
        return bool(body["boolean"])

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        data = self._post_query(
            self._with_values(query, bindings), "application/n-triples"
        ).content
        g = Graph()
        for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES):
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def query_serialized(self, query: str, fmt: str, max_rows: int | None = None,
                         timeout: float | None = None) -> bytes:
        """Run a read query on the server; ``max_rows`` is left to the server's own limits
        (Virtuoso: ``ResultSetMaxRows``, ``MaxQueryExecutionTime`` in virtuoso.ini);
        ``timeout`` (seconds) is sent for the server to stop the query then."""
        if fmt.lower() in RESULT_FORMATS:
            # Asked in SPARQL JSON and re-encoded here: servers differ in the other formats
            # (Virtuoso heads its TSV with "s" instead of ?s, which parsers refuse).
            data = self._post_query(query, _RESULT_MEDIA["json"], timeout=timeout).content
            try:
                results = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
            except SyntaxError as err:
                raise QueryError(f"the SPARQL server sent an unreadable answer: {err}") from err
            return serialized(results.serialize(format=RESULT_FORMATS[fmt.lower()]))
        rdf = RDF_FORMATS.get(fmt.lower())
        if rdf is None:
            raise QueryError(f"unknown result format {fmt!r}")
        nt = self._post_query(query, "application/n-triples", timeout=timeout).content
        return serialized(ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=rdf))

    def dump(self, fmt: str, graph: URIRef | None = None) -> bytes:
        rdf = rdf_format(fmt)
        graphs = [graph] if graph is not None else self.graphs()
        if rdf.supports_datasets and graph is None:
            quads = [
                ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))  # type: ignore[arg-type]
                for g in graphs
                for s, p, o in self.triples(g)
            ]
            return serialized(ox.serialize(quads, format=rdf))
        triples = {
            ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
            for g in graphs
            for s, p, o in self.triples(g)
        }
        return serialized(ox.serialize(triples, format=rdf))

    # -- writing -------------------------------------------------------------------------

    def _write_new(self, graph: str, triples: list[Triple]) -> None:
        """Write triples into an empty graph, in bounded requests."""
        if self.graph_store_endpoint:
            body = ox.serialize(
                [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples],  # type: ignore[arg-type]
                format=ox.RdfFormat.N_TRIPLES,
            )
            self._request(
                "PUT", self.graph_store_endpoint, params={"graph-uri": graph},
                content=body, headers={"Content-Type": "text/turtle"},
            )
            return
        for i in range(0, len(triples), 5000):
            chunk = triples[i : i + 5000]
            data = " ".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in chunk)
            self._update(f"INSERT DATA {{ GRAPH {URIRef(graph).n3()} {{ {data} }} }}")

    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Replace ``graph``: write a staging graph, then ``MOVE`` it over the target."""
        items = list(triples)
        with self._write_lock:
            self._put(graph, items)
        return len(items)

    def _put(self, graph: URIRef, items: list[Triple], kind: str = "put") -> None:
        """put_graph's write (logged as ``kind``); the caller holds the write lock."""
        staging = f"{_STAGING}{uuid.uuid4().hex}"
        self._write_new(staging, items)
        self._update(f"MOVE SILENT GRAPH {URIRef(staging).n3()} TO GRAPH {graph.n3()}")
        self._log.record(kind, graph)

    def add_graph(self, graph: URIRef, triples: Iterable[Triple]) -> bool:
        """Write ``graph`` unless it already holds triples; True when written.

        The check and the write happen under one lock, so two threads of this process
        adding the same graph write it once (other processes can still race).
        """
        items = list(triples)
        with self._write_lock:
            if self.has_graph(graph):
                return False
            self._put(graph, items, "add")
        return True

    def drop_graph(self, graph: URIRef) -> None:
        with self._write_lock:
            self._update(f"DROP SILENT GRAPH {graph.n3()}")
            self._log.record("drop", graph)

    def load(self, data: bytes, fmt: str, graph: URIRef | None = None) -> int:
        """Parse ``data`` completely, then write each of its graphs."""
        quads = parse_rdf(data, fmt)
        by_graph: dict[str, list[Triple]] = {}
        for q in quads:
            name = graph if graph is not None else q.graph_name
            key = str(name) if isinstance(name, URIRef) else getattr(name, "value", "")
            if not key:
                raise ParseError("triples outside a named graph need a target graph")
            by_graph.setdefault(key, []).append(
                (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))
            )
        for key, items in by_graph.items():
            existing = list(self.triples(URIRef(key)))
            self.put_graph(URIRef(key), existing + items)
        return len(quads)

    def clear(self) -> None:
        """Drop every graph this store manages (never the server's own graphs)."""
        for g in self.graphs():
            self.drop_graph(g)

    def close(self) -> None:
        self._http.close()
