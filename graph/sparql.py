"""Read-only SPARQL for the public: query forms, capped answers, and a time budget.

The service and the CLI answer arbitrary SPARQL from users. Three guards apply:

- :func:`query_form` reads the query's prologue and first keyword, so the answer's format
  can be negotiated before the query runs, and refuses SPARQL Update
  (``INSERT``, ``DELETE``, ``LOAD`` …) and federated ``SERVICE`` clauses (the store would
  send HTTP requests wherever a query names) with a :class:`~graph.errors.QueryError`.
- :func:`answer` runs the query and serialises at most ``cap`` rows or triples; a bigger
  answer raises :class:`~graph.errors.LimitExceeded` naming the cap. The answer is taken
  from the store in a line-based format (SPARQL TSV, N-Triples), counted, and re-encoded,
  which works the same for the embedded and a remote store.
- :class:`QueryRunner` runs queries on a few worker threads with a deadline; a query that
  does not finish in time raises :class:`~graph.errors.QueryTimeout`.

Examples
--------
>>> query_form("PREFIX ex: <http://e/#> # comment\\nSELECT * WHERE { ?s ?p ?o }")
'SELECT'
>>> query_form("DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
graph.errors.QueryError: SPARQL Update (DELETE) is not accepted: this endpoint is read-only
>>> from graph.store import OxigraphStore
>>> answer(OxigraphStore(), "ASK { ?s ?p ?o }", "json", cap=10)
b'{"head":{},"boolean":false}'
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Literal, ParamSpec, TypeVar

import pyoxigraph as ox

from .errors import LimitExceeded, QueryError, QueryTimeout
from .store import RDF_FORMATS, RESULT_FORMATS, Store, serialized

__all__ = ["QueryForm", "query_form", "answer", "QueryRunner", "PREFIXES"]

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
P = ParamSpec("P")
R = TypeVar("R")

#: Prefixes written into Turtle and TriG answers.
PREFIXES = {
    "arms": "https://w3id.org/armsgraph/ontology#",
    **{
        kind: f"https://w3id.org/armsgraph/id/{kind}/"
        for kind in ("state", "org", "person", "system", "lot", "category", "policy", "deal",
                     "fact", "source")
    },
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATES = {
    "INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
}
_SKIP = re.compile(r"(?:\s+|#[^\n]*)+")
_DECL = re.compile(
    r"(?i:BASE)\s*<[^<>\s]*>|(?i:PREFIX)\s*[^\s:<>]*:\s*<[^<>\s]*>"
)
_WORD = re.compile(r"[A-Za-z]+")
#: What is not query syntax: long and short string literals, IRIs, comments.
_NOT_SYNTAX = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_SERVICE = re.compile(r"(?<![?$:\w])SERVICE(?![\w:])", re.IGNORECASE)


def query_form(query: str) -> QueryForm | None:
    """The form of a query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``).

    Returns None when the text starts with something else (the store's parser then says
    what is wrong).

    Raises
    ------
    QueryError
        If the text is a SPARQL Update.
    """
    pos = 0
    while True:
        skipped = _SKIP.match(query, pos)
        if skipped:
            pos = skipped.end()
        decl = _DECL.match(query, pos)
        if decl is None:
            break
        pos = decl.end()
    word = _WORD.match(query, pos)
    keyword = word.group().upper() if word else ""
    if keyword in _UPDATES:
        raise QueryError(
            f"SPARQL Update ({keyword}) is not accepted: this endpoint is read-only"
        )
    if _SERVICE.search(_NOT_SYNTAX.sub(" ", query)):
        raise QueryError(
            "SERVICE (federated query) is not accepted: this endpoint queries no other service"
        )
    return keyword if keyword in _FORMS else None  # type: ignore[return-value]


def answer(store: Store, query: str, fmt: str, *, cap: int) -> bytes:
    """Run a read query and serialise its answer in ``fmt``, refusing more than ``cap`` rows.

    Parameters
    ----------
    store : the store to ask.
    query : SPARQL 1.1 query text (no update).
    fmt : ``json``, ``xml``, ``csv`` or ``tsv`` for SELECT and ASK; an RDF format name
        of :data:`graph.store.RDF_FORMATS` for CONSTRUCT and DESCRIBE.
    cap : the most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may have.

    Raises
    ------
    QueryError
        The query is malformed, an update, or ``fmt`` does not fit its form.
    LimitExceeded
        The answer has more than ``cap`` rows or triples.
    """
    form = query_form(query)
    if form is None:
        # Not passed on for the store's parser to judge: a remote server may take words
        # that are not SPARQL (Virtuoso's DEFINE pragmas can make it fetch URLs).
        word = _WORD.match(_NOT_SYNTAX.sub(" ", _DECL.sub(" ", query)).strip())
        raise QueryError(
            "malformed SPARQL: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
            f"(after PREFIX and BASE), not {word.group() if word else query[:20]!r}"
        )
    if form == "SELECT" and fmt.lower() in RESULT_FORMATS:
        tsv = store.query_serialized(query, "tsv", max_rows=cap)
        _check_cap(tsv.count(b"\n") - 1, cap, "rows")
        if fmt.lower() == "tsv":
            return tsv
        try:
            results = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
        except SyntaxError as err:
            raise QueryError(f"the store sent an unreadable answer: {err}") from err
        return serialized(results.serialize(format=RESULT_FORMATS[fmt.lower()]))
    if form == "ASK":
        return store.query_serialized(query, fmt)
    if form in ("CONSTRUCT", "DESCRIBE") and fmt.lower() in RDF_FORMATS:
        nt = store.query_serialized(query, "nt", max_rows=cap)
        _check_cap(nt.count(b"\n"), cap, "triples")
        rdf = RDF_FORMATS[fmt.lower()]
        triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)
        prefixes = PREFIXES if rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        return serialized(ox.serialize(triples, format=rdf, prefixes=prefixes))
    raise QueryError(f"a {form or 'malformed'} query cannot be answered as {fmt!r}")


def _check_cap(count: int, cap: int, what: str) -> None:
    if count > cap:
        raise LimitExceeded(
            f"the answer has {count} {what} or more, more than the cap of {cap}; "
            "narrow the query or add LIMIT"
        )


class QueryRunner:
    """Run blocking queries on a few worker threads, each within a time budget.

    A query waits for a free worker and runs there; if it has not finished ``timeout``
    seconds after it was submitted, the caller gets :class:`~graph.errors.QueryTimeout`
    (a query that has not started yet is dropped; one that runs cannot be interrupted and
    finishes in the background, keeping its worker busy).

    Examples
    --------
    >>> import asyncio, time
    >>> runner = QueryRunner(workers=1, timeout=0.05)
    >>> asyncio.run(runner.run(sum, [1, 2]))
    3
    >>> asyncio.run(runner.run(time.sleep, 0.2))
    Traceback (most recent call last):
    ...
    graph.errors.QueryTimeout: the query took longer than 0.05 s (ARMSGRAPH_QUERY_TIMEOUT)
    >>> runner.close()
    """

    def __init__(self, *, workers: int = 4, timeout: float = 10.0):
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="armsgraph-q")

    async def run(self, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """``fn(*args, **kwargs)`` on a worker thread, awaited for at most ``timeout`` s."""
        future = self._pool.submit(fn, *args, **kwargs)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            future.cancel()
            raise QueryTimeout(
                f"the query took longer than {self.timeout:g} s (ARMSGRAPH_QUERY_TIMEOUT)"
            ) from None

    def close(self) -> None:
        """Stop taking queries; queued ones are dropped, running ones finish."""
        self._pool.shutdown(wait=False, cancel_futures=True)
