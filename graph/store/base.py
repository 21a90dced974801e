"""What every store shares: the :class:`Store` protocol, the change log, RDF formats, and
conversions between rdflib and pyoxigraph terms and files.

The embedded store (:class:`armsgraph.store.OxigraphStore`) and the remote one
(:class:`armsgraph.store.remote.SparqlStore`) both build on this module, and neither imports
the other; :func:`armsgraph.store.open_store` chooses between them.
"""

from __future__ import annotations

import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.term import Node

from ..errors import ParseError, StoreError
from ..files import read_input

__all__ = [
    "GraphUpdate",
    "GraphDigest",
    "to_nt",
    "Store",
    "Triple",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "to_ox",
    "from_ox",
    "serialized",
    "rdf_format",
    "parse_rdf",
    "parse_turtle",
    "check_xml_entities",
    "MAX_ENTITY_EXPANSION",
    "Change",
    "ChangeLog",
    "ALL_GRAPHS",
    "added_graphs",
    "added_in",
    "VERSION_FILE",
    "is_empty",
]

Triple = tuple[Node, Node, Node]

#: Serialisation names accepted by :meth:`Store.dump` and :meth:`Store.load`.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}

#: SPARQL result serialisations for SELECT and ASK answers.
RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}

#: One write as :meth:`Store.changes_since` reports it: its kind ("add", "put", "drop",
#: "load", "clear") and the named graph it touched (:data:`ALL_GRAPHS` when it could touch
#: any graph: a ``load`` of N-Quads, a ``clear``).
Change = tuple[str, URIRef]
#: The graph a write that may touch every graph is logged with.
ALL_GRAPHS = URIRef("urn:armsgraph:all-graphs")
#: The file in an embedded store's folder that names its content (see
#: :attr:`OxigraphStore.version`).
VERSION_FILE = "armsgraph-version"


class ChangeLog:
    """The last writes of a store and the generation each one made, in a bounded log.

    Caches derived from a store (the API index, the projection, the extraction catalog)
    ask what changed since the generation they were built at: when it was only new source
    graphs they read just those graphs instead of the whole store. The log keeps the last
    ``size`` writes; asking about an older generation answers ``None`` (rebuild everything).

    Writers call :meth:`record` with the store's write lock held; the log's own lock makes
    the generation and the log change together, so a reader never sees a generation whose
    write is not logged yet.

    >>> log = ChangeLog(size=2)
    >>> log.record("add", URIRef("urn:g1")), log.record("put", URIRef("urn:g2"))
    (1, 2)
    >>> log.since(1)
    [('put', rdflib.term.URIRef('urn:g2'))]
    >>> _ = log.record("drop", URIRef("urn:g2"))
    >>> log.since(0) is None, log.since(3)
    (True, [])
    """

    def __init__(self, size: int = 4096):
        self.generation = 0
        self._entries: deque[tuple[int, str, URIRef]] = deque(maxlen=size)
        self._lock = threading.Lock()

    def record(self, kind: str, graph: URIRef) -> int:
        """Log one write and return the new generation."""
        with self._lock:
            self.generation += 1
            self._entries.append((self.generation, kind, graph))
            return self.generation

    def since(self, generation: int) -> list[Change] | None:
        """The writes made after ``generation``, oldest first; None if not all are logged.

        A generation from the future (another store, a reopened one) also gives None.
        """
        with self._lock:
            if generation == self.generation:
                return []
            if generation > self.generation or generation < 0:
                return None
            out = [(kind, g) for gen, kind, g in self._entries if gen > generation]
            if len(out) != self.generation - generation:
                return None
            return out


@dataclass(frozen=True)
class GraphUpdate:
    """What :meth:`Store.update_graph` wrote.

    Attributes
    ----------
    triples : the graph's triples after the update.
    added, removed : triples written and deleted when only the difference was written;
        None when the graph was written whole (it was new, the difference was large, or
        the store cannot compare).
    """

    triples: int
    added: int | None
    removed: int | None

    @property
    def written(self) -> bool:
        """False when the graph already held exactly these triples (nothing written)."""
        return self.added is None or self.removed is None or bool(self.added or self.removed)


@dataclass(frozen=True)
class GraphDigest:
    """What a writer said a graph was made from (:meth:`Store.update_graph`'s ``digest``).

    Attributes
    ----------
    key : the writer's key of everything the triples were made from (the input and the
        code that converted it).
    triples : the graph's triples when the key was written.
    """

    key: str
    triples: int


@runtime_checkable
class Store(Protocol):
    """What armsgraph needs from a quad store.

    Writes are per named graph and atomic: a reader sees a graph's old content or its new
    content, never a mix. ``generation`` grows with every write, so caches built from the
    store (the NetworkX projection, pre-encoded exports) know when to refresh, and
    ``changes_since(generation)`` says which graphs those writes touched (None when the
    store no longer remembers), so a cache can read just the graphs that were added.
    """

    @property
    def generation(self) -> int: ...
    @property
    def version(self) -> str | None: ...
    def changes_since(self, generation: int) -> list[Change] | None: ...
    def steady(self) -> AbstractContextManager[None]: ...

    def __len__(self) -> int: ...
    def graphs(self) -> list[URIRef]: ...
    def has_graph(self, graph: URIRef) -> bool: ...
    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int: ...
    def update_graph(self, graph: URIRef, triples: Iterable[Triple], *,
                     digest: str | None = None) -> GraphUpdate: ...
    def graph_digest(self, graph: URIRef) -> GraphDigest | None: ...
    def add_graph(self, graph: URIRef, triples: Iterable[Triple]) -> bool: ...
    def drop_graph(self, graph: URIRef) -> None: ...
    def triples(self, graph: URIRef | None = None) -> Iterator[Triple]: ...
    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]: ...
    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool: ...
    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph: ...
    def query_serialized(self, query: str, fmt: str, max_rows: int | None = None,
                         timeout: float | None = None) -> bytes: ...
    def dump(self, fmt: str, graph: URIRef | None = None) -> bytes: ...
    def load(self, data: bytes, fmt: str, graph: URIRef | None = None) -> int: ...
    def close(self) -> None: ...


def is_empty(store: Store) -> bool:
    """True when the store holds no quad at all (a graph never built).

    >>> from armsgraph.store import OxigraphStore
    >>> is_empty(OxigraphStore())
    True
    """
    return not store.graphs() and len(store) == 0


def added_graphs(
    store: Store, generation: int, prefix: str | tuple[str, ...]
) -> list[URIRef] | None:
    """The graphs added since ``generation`` if every write since added a graph under
    ``prefix``; None if any write did something else or the store no longer remembers.

    This is the test a cache passes before refreshing incrementally: new source graphs can
    be read on their own and merged, anything else (a replaced or dropped graph, a load, a
    clear) needs a rebuild from the whole store.

    >>> from armsgraph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> g = URIRef("urn:src:1")
    >>> _ = s.add_graph(g, [])
    >>> added_graphs(s, 0, "urn:src:"), added_graphs(s, 0, "urn:other:")
    ([rdflib.term.URIRef('urn:src:1')], None)
    """
    return added_in(store.changes_since(generation), prefix)


def added_in(
    changes: Sequence[Change] | None, prefix: str | tuple[str, ...]
) -> list[URIRef] | None:
    """The graphs ``changes`` added if every one added a graph under ``prefix``, else None.

    >>> added_in([("add", URIRef("urn:src:1"))], "urn:src:"), added_in(None, "urn:src:")
    ([rdflib.term.URIRef('urn:src:1')], None)
    >>> added_in([("put", URIRef("urn:src:1"))], "urn:src:") is None
    True
    """
    if changes is None:
        return None
    if any(kind != "add" or not str(g).startswith(prefix) for kind, g in changes):
        return None
    return [g for _, g in changes]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to its pyoxigraph equivalent."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store term {term!r} of type {type(term).__name__}")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r",
                             "\t": "\\t"})


def to_nt(term: Node) -> str:
    """A term as pyoxigraph writes it in N-Triples (for :meth:`OxigraphStore.update_graph`).

    >>> to_nt(URIRef("urn:a")), to_nt(Literal('say "hi"\\n', lang="en")), to_nt(Literal(3))
    ('<urn:a>', '"say \\\\"hi\\\\"\\\\n"@en', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def from_ox(term: object) -> Node:
    """Convert a pyoxigraph term to its rdflib equivalent."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unexpected term {term!r}")


def serialized(data: bytes | None) -> bytes:
    """pyoxigraph's serialisers return bytes when given no output file; say so to mypy."""
    if data is None:
        raise StoreError("serialiser wrote to a file instead of returning bytes")
    return data


_ENTITY_DECL = re.compile(rb"<!ENTITY\b")
_ENTITY = re.compile(
    rb"""<!ENTITY\s+(%\s*)?([^\s>]+)\s+(?:"([^"]*)"|'([^']*)'|((?:SYSTEM|PUBLIC)\b[^>]*))\s*>"""
)
#: The most characters entity references in one RDF/XML document may expand to.
MAX_ENTITY_EXPANSION = 16_000_000


def check_xml_entities(data: bytes) -> None:
    """Refuse RDF/XML whose DTD could read files, reach the network or blow up in memory.

    Plain internal entities (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``, as ontology
    editors write them) are accepted. External entities (``SYSTEM``/``PUBLIC``), parameter
    entities, entities that refer to other entities (the "billion laughs") and documents
    whose references could expand past :data:`MAX_ENTITY_EXPANSION` characters raise
    :class:`~armsgraph.errors.ParseError` naming the entity, before any parser sees them.

    >>> check_xml_entities(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    Traceback (most recent call last):
    ...
    armsgraph.errors.ParseError: RDF/XML entity 'x' is external (SYSTEM or PUBLIC): refused
    """
    if not _ENTITY_DECL.search(data):
        return
    decls = list(_ENTITY.finditer(data))
    if len(decls) != len(_ENTITY_DECL.findall(data)):
        raise ParseError("RDF/XML has an entity declaration that cannot be checked: refused")
    longest = 0
    for m in decls:
        name = m.group(2).decode("utf-8", "replace")
        if m.group(1) is not None:
            raise ParseError(f"RDF/XML parameter entity {name!r}: refused")
        if m.group(5) is not None:
            raise ParseError(f"RDF/XML entity {name!r} is external (SYSTEM or PUBLIC): refused")
        value = m.group(3) if m.group(3) is not None else m.group(4)
        if b"&" in value or b"%" in value:
            raise ParseError(f"RDF/XML entity {name!r} refers to other entities: refused")
        longest = max(longest, len(value))
    if data.count(b"&") * longest > MAX_ENTITY_EXPANSION:
        raise ParseError(
            f"RDF/XML entity references could expand past {MAX_ENTITY_EXPANSION} characters: "
            "refused"
        )


def parse_rdf(data: bytes, fmt: str) -> list[ox.Quad]:
    """Parse serialised RDF completely (RDF/XML entities checked first); ParseError if bad."""
    rdf_fmt = rdf_format(fmt)
    if rdf_fmt == ox.RdfFormat.RDF_XML:
        check_xml_entities(data)
    try:
        return list(ox.parse(data, format=rdf_fmt))
    except SyntaxError as err:
        raise ParseError(f"invalid {fmt}: {err}") from err


def rdf_format(fmt: str) -> ox.RdfFormat:
    """The pyoxigraph format for a format name; ParseError naming it when unknown."""
    try:
        return RDF_FORMATS[fmt.lower()]
    except KeyError:
        raise ParseError(f"unknown RDF format {fmt!r}; use one of {sorted(RDF_FORMATS)}") from None


#: Largest Turtle file read (the ontology and reference files are well under 1 MB).
MAX_TURTLE_BYTES = 200_000_000


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file; a syntax error becomes a ParseError with file and line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.ttl"
    >>> _ = p.write_text('@prefix ex: <http://e/> .\\nex:a ex:b ex:c .\\nex:a ex:b "x\\n')
    >>> parse_turtle(p)
    Traceback (most recent call last):
    ...
    armsgraph.errors.ParseError: .../bad.ttl, line 3: newline found in string literal
    """
    data = read_input(Path(path), "Turtle file", limit=MAX_TURTLE_BYTES, error=ParseError)
    g = Graph()
    try:
        g.parse(data=data, format="turtle", publicID=Path(path).resolve().as_uri())
    except BadSyntax as err:
        raise ParseError(str(err._why), source=str(path), line=err.lines + 1) from err
    except (OSError, UnicodeDecodeError) as err:
        raise ParseError(f"cannot read: {err}", source=str(path)) from err
    except Exception as err:  # rdflib raises plain exceptions for some bad input
        raise ParseError(f"invalid Turtle: {err}", source=str(path)) from err
    return g
