"""Read-only SPARQL for the public: query forms, capped answers, and a time budget.

The service and the CLI answer arbitrary SPARQL from users. Three guards apply:

- :func:`query_form` reads the query's prologue and first keyword, so the answer's format
  can be negotiated before the query runs, and refuses SPARQL Update
  (``INSERT``, ``DELETE``, ``LOAD`` …) and federated ``SERVICE`` clauses (the store would
  send HTTP requests wherever a query names) with a :class:`~graph.errors.QueryError`.
- :func:`check_shape` bounds the query's shape before any engine parses it: nesting depth
  of brackets, braces and parentheses, the number of operators (a path sequence, a chain
  of ``&&``, ``!`` or ``+``), of clauses (``UNION``, ``OPTIONAL``, ``BIND`` …) and of terms.
  pyoxigraph's parser and planner recurse on each of these, and a few KB past the limits
  overflow its stack and kill the process (SIGSEGV), so a query over a limit is refused
  with a :class:`~graph.errors.QueryError` naming it.
- :func:`check_functions` refuses functions called by IRI other than XSD casts: a remote
  store's vendor functions (Virtuoso's ``bif:http_get``, ``bif:exec``, ``sql:`` …) fetch
  URLs or run commands.
- :func:`check_growth` refuses, for a store whose memory armsgraph does not bound (a
  remote one), string functions fed by string functions: a chain of
  ``BIND(CONCAT(?a, ?a) AS ?b)`` doubles a string at each step (30 steps grew Virtuoso
  to 7.8 GB, past its ``MaxQueryMem`` and its timeout).
- :func:`answer` runs the query and serialises at most ``cap`` rows or triples; a bigger
  answer raises :class:`~graph.errors.LimitExceeded` naming the cap. The answer is taken
  from the store in a line-based format (SPARQL TSV, N-Triples), counted, and re-encoded,
  which works the same for the embedded and a remote store.
- :class:`QueryRunner` runs queries with a deadline: user SPARQL on the embedded store in
  worker processes with a memory budget (:mod:`graph.store.sandbox`), killed at the deadline;
  a query that does not finish in time raises :class:`~graph.errors.QueryTimeout`.

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
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Literal, ParamSpec, TypeVar

import pyoxigraph as ox

from ..errors import LimitExceeded, QueryError, QueryTimeout
from ..prefixes import PREFIXES
from . import RDF_FORMATS, RESULT_FORMATS, OxigraphStore, Store, serialized
from .sandbox import DEFAULT_MEMORY_MB, Sandbox

__all__ = [
    "QueryForm", "query_form", "check_shape", "check_functions", "check_growth", "ShapeLimits",
    "answer",
    "QueryRunner",
]

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]
P = ParamSpec("P")
R = TypeVar("R")


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


@dataclass(frozen=True)
class ShapeLimits:
    """Bounds on a query's shape, each well below what overflows pyoxigraph's stack.

    Measured crash sizes (issue 18): nested groups, sub-SELECT, MINUS, OPTIONAL, BIND
    chains and FILTER parentheses at ~5,000; path sequences at ~10,000; UNION, ``!``,
    ``+`` and ``&&`` chains at ~20,000.
    """

    depth: int = 32
    """Most nested ``{`` ``(`` ``[`` ``<<`` at any point."""
    operators: int = 1_000
    """Most operator tokens: ``/ | ^ ! + - * && || = != < > <= >=``."""
    clauses: int = 500
    """Most group keywords: ``SELECT UNION OPTIONAL MINUS BIND FILTER GRAPH EXISTS VALUES``."""
    terms: int = 100_000
    """Most tokens of any kind."""


LIMITS = ShapeLimits()
_OPEN = {"{": "}", "(": ")", "[": "]", "<<": ">>"}
_CLOSE = set(_OPEN.values())
_OPERATORS = {"/", "|", "^", "!", "+", "-", "*", "&&", "||", "=", "!=", "<", ">", "<=", ">="}
_CLAUSES = {"SELECT", "UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "GRAPH", "EXISTS",
            "VALUES"}
_TOKEN = re.compile(r"[\w?$][\w.:\-]*|<<|>>|&&|\|\||[!<>]=|\S")


def check_shape(query: str, limits: ShapeLimits = LIMITS) -> None:
    """Refuse a query whose nesting or size is over ``limits`` (QueryError naming the limit).

    Strings, IRIs and comments are read as one term each, so braces inside them count
    for nothing. The scan is one pass and stops at the first limit crossed.

    >>> check_shape("SELECT * WHERE { { ?s ?p ?o } }")
    >>> check_shape("SELECT * WHERE " + "{" * 40 + "}" * 40)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: the query nests deeper than 32 levels of brackets...
    """
    depth = operators = clauses = terms = 0
    for token in _TOKEN.finditer(_NOT_SYNTAX.sub(" _ ", query)):
        tok = token.group()
        terms += 1
        if tok in _OPEN:
            depth += 1
            if depth > limits.depth:
                raise QueryError(
                    f"the query nests deeper than {limits.depth} levels of brackets, braces "
                    "or parentheses (at character "
                    f"{token.start()}); flatten it"
                )
        elif tok in _CLOSE:
            depth = max(0, depth - 1)
        elif tok in _OPERATORS:
            operators += 1
            if operators > limits.operators:
                raise QueryError(
                    f"the query has more than {limits.operators} operators (path steps, "
                    "&&, ||, !, + …); split it"
                )
        elif tok.upper() in _CLAUSES:
            clauses += 1
            if clauses > limits.clauses:
                raise QueryError(
                    f"the query has more than {limits.clauses} clauses (UNION, OPTIONAL, "
                    "MINUS, BIND, FILTER, sub-SELECT …); split it"
                )
        if terms > limits.terms:
            raise QueryError(f"the query has more than {limits.terms} terms; split it")


#: Strings and comments, but not IRIs: what hides a function call from :data:`_CALL`.
_NOT_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*'
)
_CALL = re.compile(r"(?:<([^<>\s]*)>|(?<![\w?$:])([A-Za-z][\w.\-]*)?:([\w.\-]*))\s*\(")
_PREFIX = re.compile(r"(?i:PREFIX)\s*([^\s:<>]*):\s*<([^<>\s]*)>")
#: Functions called by IRI that are accepted: the XSD casts of SPARQL 1.1 §17.5.
ALLOWED_FUNCTIONS = ("http://www.w3.org/2001/XMLSchema#",)


def check_functions(query: str) -> None:
    """Refuse calls of functions by IRI other than XSD casts (QueryError naming the call).

    A remote store may take vendor functions that reach outside (Virtuoso's
    ``bif:http_get`` fetches a URL, ``bif:exec`` runs a command, ``sql:`` calls stored
    procedures); the embedded store has none. A prefixed name is resolved through the
    query's own ``PREFIX`` lines, so an undeclared ``bif:`` is refused by name.
    (A collection object right after a prefixed predicate, ``ex:p (1 2)``, reads as a
    call; write it with a space-free IRI or a blank-node list instead.)

    >>> check_functions("PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    ...                 "SELECT (xsd:integer('1') AS ?n) {}")
    >>> check_functions("SELECT (bif:http_get('http://h/') AS ?x) {}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: the query calls bif:http_get: ...
    """
    code = _NOT_CODE.sub(" ", query)
    prefixes = {m.group(1): m.group(2) for m in _PREFIX.finditer(code)}
    for m in _CALL.finditer(code):
        iri, prefix, local = m.group(1), m.group(2) or "", m.group(3)
        name = f"<{iri}>" if iri is not None else f"{prefix}:{local}"
        full = iri if iri is not None else prefixes.get(prefix, "") + local
        if iri is None and prefix not in prefixes or not full.startswith(ALLOWED_FUNCTIONS):
            raise QueryError(
                f"the query calls {name}: functions named by IRI are not accepted except "
                "XSD casts (xsd:integer …); vendor functions (bif:, sql: …) reach outside "
                "the graph"
            )


#: String functions whose result can be longer than their longest argument.
GROWING_FUNCTIONS = frozenset({"CONCAT", "REPLACE", "ENCODE_FOR_URI", "GROUP_CONCAT"})
_EXPR_TOKEN = re.compile(r"[?$]\w+|\w+|\S")


def check_growth(query: str) -> None:
    """Refuse a query where a growing string function (:data:`GROWING_FUNCTIONS`) takes the
    result of another one, nested or through variables bound with ``AS`` (QueryError).

    One step can make a string at most a few times longer than what the store or the
    query holds; a chain of steps grows it exponentially, and a server that bounds neither
    a query's memory nor stops it at its timeout (Virtuoso 7.2 on a ``CONCAT`` chain) grows
    until the machine runs out. Variables are followed by name across the whole query
    (a sub-SELECT's ``?b`` is the outer ``?b``), which refuses a little more than it must.

    >>> check_growth("SELECT (CONCAT(?a, '-', ?b) AS ?c) WHERE { ?a ?p ?b }")
    >>> check_growth("SELECT ?c WHERE { BIND(CONCAT('x', 'x') AS ?b) "
    ...              "BIND(CONCAT(?b, ?b) AS ?c) }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: CONCAT takes ?b, the result of another string function: ...
    """
    tokens = [t.group() for t in _EXPR_TOKEN.finditer(_NOT_SYNTAX.sub(" _ ", query))]
    # Each parenthesised group: its span, and the variable it binds (``( … AS ?v )``).
    groups: list[tuple[int, int, str | None]] = []
    stack: list[int] = []
    for i, tok in enumerate(tokens):
        if tok == "(":
            stack.append(i)
        elif tok == ")" and stack:
            start = stack.pop()
            bound = (tokens[i - 1] if i - start > 2 and tokens[i - 2].upper() == "AS"
                     and tokens[i - 1][:1] in "?$" else None)
            groups.append((start, i, bound))
    calls = [(i, next(end for start, end, _ in groups if start == i + 1))
             for i, tok in enumerate(tokens[:-1])
             if tok.upper() in GROWING_FUNCTIONS and tokens[i + 1] == "("]
    for i, end in calls:
        for j, _ in calls:
            if i < j < end:
                raise QueryError(
                    f"{tokens[i].upper()} takes the result of {tokens[j].upper()}: a string "
                    "function fed by another one can grow without bound on this store; "
                    "concatenate once"
                )
    grown: set[str] = set()
    changed = True
    while changed:  # a variable bound from a grown string is grown too
        changed = False
        for start, end, bound in groups:
            if bound is None or bound[1:] in grown:
                continue
            body = tokens[start:end - 2]
            if any(i > start and end_ < end for i, end_ in calls) or any(
                    t[:1] in "?$" and t[1:] in grown for t in body):
                grown.add(bound[1:])
                changed = True
    for i, end in calls:
        for tok in tokens[i + 2:end]:
            if tok[:1] in "?$" and tok[1:] in grown:
                raise QueryError(
                    f"{tokens[i].upper()} takes {tok}, the result of another string "
                    "function: chained string functions can grow without bound on this "
                    "store; concatenate once"
                )


def query_form(query: str) -> QueryForm | None:
    """The form of a query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``).

    Returns None when the text starts with something else (the store's parser then says
    what is wrong).

    Raises
    ------
    QueryError
        If the text is a SPARQL Update, is over the shape limits (:func:`check_shape`) or
        calls a function that is not accepted (:func:`check_functions`).
    """
    check_shape(query)
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
    check_functions(query)
    return keyword if keyword in _FORMS else None  # type: ignore[return-value]


def answer(store: Store, query: str, fmt: str, *, cap: int,
           timeout: float | None = None) -> bytes:
    """Run a read query and serialise its answer in ``fmt``, refusing more than ``cap`` rows.

    Parameters
    ----------
    store : the store to ask.
    query : SPARQL 1.1 query text (no update).
    fmt : ``json``, ``xml``, ``csv`` or ``tsv`` for SELECT and ASK; an RDF format name
        of :data:`graph.store.RDF_FORMATS` for CONSTRUCT and DESCRIBE.
    cap : the most rows (SELECT) or triples (CONSTRUCT, DESCRIBE) an answer may have.
    timeout : seconds a remote store is asked to stop the query after (see
        :meth:`graph.store.remote.SparqlStore.query_serialized`).

    Raises
    ------
    QueryError
        The query is malformed, an update, or ``fmt`` does not fit its form.
    LimitExceeded
        The answer has more than ``cap`` rows or triples.
    """
    form = query_form(query)
    if not isinstance(store, OxigraphStore):
        check_growth(query)  # the embedded store runs in a worker with bounded memory
    if form is None:
        # Not passed on for the store's parser to judge: a remote server may take words
        # that are not SPARQL (Virtuoso's DEFINE pragmas can make it fetch URLs).
        word = _WORD.match(_NOT_SYNTAX.sub(" ", _DECL.sub(" ", query)).strip())
        raise QueryError(
            "malformed SPARQL: a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE "
            f"(after PREFIX and BASE), not {word.group() if word else query[:20]!r}"
        )
    if form == "SELECT" and fmt.lower() in RESULT_FORMATS:
        tsv = store.query_serialized(query, "tsv", max_rows=cap, timeout=timeout)
        _check_cap(tsv.count(b"\n") - 1, cap, "rows")
        if fmt.lower() == "tsv":
            return tsv
        try:
            results = ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV)
            return serialized(results.serialize(format=RESULT_FORMATS[fmt.lower()]))
        except (SyntaxError, ValueError) as err:
            raise QueryError(f"the answer cannot be encoded as {fmt}: {err}") from err
    if form == "ASK":
        return store.query_serialized(query, fmt, timeout=timeout)
    if form in ("CONSTRUCT", "DESCRIBE") and fmt.lower() in RDF_FORMATS:
        nt = store.query_serialized(query, "nt", max_rows=cap, timeout=timeout)
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
    (a query that has not started yet is dropped).

    :meth:`answer` runs user SPARQL on the embedded store in worker *processes*
    (:class:`~graph.store.sandbox.Sandbox`): the deadline kills the query and each process has
    ``memory_mb`` of address space. On a remote store the query runs on the server, which
    is told the deadline. :meth:`run` runs any function on a thread; a function that runs
    past the deadline cannot be interrupted and finishes in the background.

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

    def __init__(self, *, workers: int = 4, timeout: float = 10.0,
                 memory_mb: int = DEFAULT_MEMORY_MB):
        self.timeout = timeout
        self.workers = workers
        self.memory_mb = memory_mb
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="armsgraph-q")
        self._boxes: weakref.WeakKeyDictionary[OxigraphStore, Sandbox] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def sandbox(self, store: OxigraphStore) -> Sandbox:
        """The worker processes that answer queries on ``store`` (made on first use)."""
        with self._lock:
            box = self._boxes.get(store)
            if box is None:
                box = self._boxes[store] = Sandbox(store, workers=self.workers,
                                                   memory_mb=self.memory_mb)
            return box

    async def answer(self, store: Store, query: str, fmt: str, *, cap: int) -> bytes:
        """:func:`answer` within the deadline: in a worker process on the embedded store."""
        if not isinstance(store, OxigraphStore):
            return await self.run(answer, store, query, fmt, cap=cap, timeout=self.timeout)
        query_form(query)  # refused queries never reach a worker
        box = self.sandbox(store)
        # The sandbox ends the query at the deadline; the grace covers killing the worker.
        future = self._pool.submit(box.answer, query, fmt, cap=cap, timeout=self.timeout)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout + 5.0)
        except TimeoutError:
            future.cancel()
            raise QueryTimeout(
                f"the query took longer than {self.timeout:g} s (ARMSGRAPH_QUERY_TIMEOUT)"
            ) from None

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
        """Stop taking queries; queued ones are dropped, running ones finish; the worker
        processes stop."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            boxes = list(self._boxes.values())
            self._boxes.clear()
        for box in boxes:
            box.close()
