"""The exceptions armsgraph raises, one small tree.

::

    ArmsGraphError                 base of everything below; never raised itself
    ├── InputError                 bad input from a user: a file, a parameter, an article
    │   ├── ParseError             RDF or CSV that cannot be read (names file and line)
    │   ├── ExtractionError        text that cannot be extracted from (empty, HTML, binary …)
    │   │   └── WorkBudgetExceeded  an article whose extraction ran past its work budget
    │   └── QueryError             a SPARQL query that is malformed or not allowed (updates)
    ├── ExtractionCancelled        an extraction whose caller went away
    ├── ExtractorUnavailable       the worker process that extracted an article died
    ├── UnknownEntity              an IRI or name that is not in the graph
    ├── ShapeViolation             data that does not conform to ontology/shapes.ttl
    ├── StoreError                 the store cannot be opened, read or written
    │   ├── StoreBusy              another process holds the embedded store's lock
    │   └── EmptyGraph             a read of a graph never built (missing or empty store)
    ├── ResourceMissing            a shipped file (ontology, shapes, reference data) is missing
    ├── RenderError                Graphviz is missing or could not render an image
    └── LimitExceeded              a query ran past its result cap
        └── QueryTimeout           … or past its time budget (retrying later may help)

Messages always name the offending value, and foreign exceptions are chained with
``raise … from err`` at the boundary of :mod:`armsgraph`, so callers (the CLI and the API)
only ever handle these classes. The API maps them to HTTP statuses in one table.
"""

from __future__ import annotations

__all__ = [
    "ArmsGraphError",
    "InputError",
    "ParseError",
    "ExtractionError",
    "WorkBudgetExceeded",
    "ExtractionCancelled",
    "ExtractorUnavailable",
    "QueryError",
    "UnknownEntity",
    "ShapeViolation",
    "StoreError",
    "StoreBusy",
    "EmptyGraph",
    "ResourceMissing",
    "RenderError",
    "LimitExceeded",
    "QueryTimeout",
]


class ArmsGraphError(Exception):
    """Base class of every error armsgraph raises on purpose."""


class InputError(ArmsGraphError, ValueError):
    """Input from a user that armsgraph cannot accept."""


class ParseError(InputError):
    """A file or payload that cannot be parsed; ``source`` and ``line`` say where.

    Examples
    --------
    >>> str(ParseError("unexpected token", source="data/x.ttl", line=3))
    'data/x.ttl, line 3: unexpected token'
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        where = source or ""
        if line is not None:
            where = f"{where}, line {line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)


class ExtractionError(InputError):
    """Text that extraction cannot work on (empty, binary, markup, not English …)."""


class WorkBudgetExceeded(ExtractionError):
    """An article whose extraction took more CPU time than its budget (nothing written)."""


class ExtractionCancelled(ArmsGraphError):
    """An extraction stopped because its caller went away (the HTTP client disconnected)."""


class ExtractorUnavailable(ArmsGraphError):
    """The process that extracted an article died (killed, out of memory): nothing was
    written, and the next ingest starts a new one (:mod:`armsgraph.extract.pool`)."""


class QueryError(InputError):
    """A SPARQL query that is malformed or not allowed here."""


class UnknownEntity(ArmsGraphError, LookupError):
    """A name or IRI that the graph does not hold."""


class ShapeViolation(ArmsGraphError):
    """Data that does not conform to the SHACL shapes; ``report`` holds the readable report."""

    def __init__(self, message: str, *, report: str = ""):
        self.report = report
        super().__init__(message)


class StoreError(ArmsGraphError):
    """The store cannot be opened, read or written."""


class StoreBusy(StoreError):
    """Another process holds the embedded store (RocksDB allows one writer)."""


#: What every read of an empty or missing graph says (the CLI and the API alike).
EMPTY_GRAPH = "the graph is empty: run `armsgraph build`"


class EmptyGraph(StoreError):
    """A read of a store that holds nothing (never built) or does not exist.

    >>> str(EmptyGraph())
    'the graph is empty: run `armsgraph build`'
    >>> str(EmptyGraph("no store at /tmp/x"))
    'the graph is empty: run `armsgraph build` (no store at /tmp/x)'
    """

    def __init__(self, where: str | None = None):
        super().__init__(f"{EMPTY_GRAPH} ({where})" if where else EMPTY_GRAPH)


class ResourceMissing(ArmsGraphError):
    """A file armsgraph ships (ontology, shapes, reference data, the parser model) is not
    where the settings say (:mod:`armsgraph.resources`)."""


class RenderError(ArmsGraphError):
    """Graphviz is missing or could not turn DOT into an image (:mod:`armsgraph.render.draw`)."""


class LimitExceeded(ArmsGraphError):
    """A query exceeded its time budget or result cap."""


class QueryTimeout(LimitExceeded):
    """A query did not finish (or could not start) within its time budget."""
