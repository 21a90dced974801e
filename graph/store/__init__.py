"""Where the graph lives: a small store interface and its embedded implementation.

A *store* holds an RDF dataset with one named graph per source (the ontology, each
reference file, each curated case, each article, the SIPRI register). Everything else
in armsgraph talks to it through :class:`Store`, so a shared triple store reached over
the SPARQL 1.1 protocols can stand in for the embedded one.

:class:`OxigraphStore` is the default: pyoxigraph on a RocksDB folder, which needs no
server, persists across restarts and writes each named graph in one transaction. It was
chosen over rdflib's in-memory store on measurements (``bench/bench_store.py``): parsing,
SPARQL and serialisation are one to two orders of magnitude faster at 0.5 M triples.

Terms cross the interface as rdflib terms, so callers never depend on pyoxigraph.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> s = OxigraphStore()                       # in memory; pass a folder to persist
>>> g = URIRef("https://example.org/g")
>>> s.put_graph(g, [(URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(1))])
1
>>> s.has_graph(g), len(s)
(True, 1)
>>> [row["o"].toPython() for row in s.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }")]
[1]
"""

from __future__ import annotations

import itertools
import re
import shutil
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import EmptyGraph, ParseError, QueryError, StoreBusy, StoreError

__all__ = [
    "Store",
    "OxigraphStore",
    "Triple",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "open_store",
    "to_ox",
    "from_ox",
    "serialized",
    "rdf_format",
    "parse_rdf",
    "check_xml_entities",
    "Change",
    "GraphUpdate",
    "ChangeLog",
    "ALL_GRAPHS",
    "added_graphs",
    "added_in",
    "VERSION_FILE",
    "is_empty",
    "require_store_folder",
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

_STAGING = "urn:armsgraph:staging:"
#: The journal of replacements in progress (a staging graph, hidden like the stages).
_JOURNAL = ox.NamedNode(f"{_STAGING}journal")
_REPLACES = ox.NamedNode("urn:armsgraph:replaces")
_WRITING = ox.NamedNode("urn:armsgraph:writing")
_OxTriple = tuple[object, object, object]
#: Above this many triples a graph is bulk-loaded rather than written in one transaction.
_BULK = 50_000
#: Above this many triples added and removed, :meth:`OxigraphStore.update_graph` rewrites
#: the graph whole (a bulk load) instead of applying the difference in one transaction.
_DIFFERENCE = 50_000

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
    def update_graph(self, graph: URIRef, triples: Iterable[Triple]) -> GraphUpdate: ...
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


def _tsv_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A term as SPARQL TSV writes it: an RDF 1.2 triple term as ``<<( s p o )>>``.

    >>> _tsv_term(ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c")))
    '<<( <urn:a> <urn:b> "c" )>>'
    """
    if isinstance(term, ox.Triple):
        return (f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} "
                f"{_tsv_term(term.object)} )>>")
    return str(term)


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


def _nt(term: Node) -> str:
    """A term as pyoxigraph writes it in N-Triples (for :meth:`OxigraphStore.update_graph`).

    >>> _nt(URIRef("urn:a")), _nt(Literal('say "hi"\\n', lang="en")), _nt(Literal(3))
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
    :class:`~graph.errors.ParseError` naming the entity, before any parser sees them.

    >>> check_xml_entities(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>')
    Traceback (most recent call last):
    ...
    graph.errors.ParseError: RDF/XML entity 'x' is external (SYSTEM or PUBLIC): refused
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


class OxigraphStore:
    """The embedded store: pyoxigraph, on disk when given a folder, else in memory.

    Parameters
    ----------
    path : folder of the RocksDB database, created if missing; ``None`` keeps the store in
        memory (tests, throw-away graphs).
    read_only : open an existing folder without its lock (RocksDB's read-only open), as the
        CLI does beside a running ``armsgraph serve``: it sees the store as it was when
        opened, takes no lock, runs no crash recovery, and every write raises
        :class:`StoreBusy` saying how to write instead.

    Raises
    ------
    StoreBusy
        If another process has the folder open.
    StoreError
        If the folder cannot be opened as a store.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only and self.path is not None
        self._log = ChangeLog()
        # Re-entrant: a part built inside steady() may ask for another part.
        self._write_lock = threading.RLock()
        self._version: str | None = None
        before = self._read_version()
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif self.read_only:
                if not self.path.is_dir():
                    raise StoreError(f"cannot open store {self.path}: no such folder")
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreBusy(f"store {self.path} is in use by another process") from err
            raise StoreError(f"cannot open store {self.path}: {err}") from err
        if self.read_only:
            # The stamp read before and after the open agree: no write ended in between,
            # so the content this open sees is the one the stamp names.
            self._version = before if before == self._read_version() else None
        else:
            self._recover()
            self._version = before
            if before is None and self.path is not None:
                self._stamp()

    def _read_version(self) -> str | None:
        if self.path is None:
            return None
        try:
            return (self.path / VERSION_FILE).read_text().strip() or None
        except OSError:
            return None

    def _unstamp(self) -> None:
        """Before a write: the content is about to change, so it has no name until
        :meth:`_stamp` (a crash in between leaves none, and the next open makes one)."""
        self._version = None
        if self.path is not None:
            (self.path / VERSION_FILE).unlink(missing_ok=True)

    def _stamp(self) -> None:
        """After a write: a new name for the new content, written atomically."""
        if self.path is None:
            return
        stamp = uuid.uuid4().hex
        tmp = self.path / f"{VERSION_FILE}.tmp"
        tmp.write_text(stamp + "\n")
        tmp.replace(self.path / VERSION_FILE)
        self._version = stamp

    @contextmanager
    def _renamed(self) -> Iterator[None]:
        """Around one write: the stamp goes before it and a new one comes after, also when
        the write fails (it may have written part of its work)."""
        self._unstamp()
        try:
            yield
        finally:
            self._stamp()

    def _check_writable(self) -> None:
        """Refuse a write on a read-only open, saying how to write instead."""
        if self.read_only:
            raise StoreBusy(
                f"store {self.path} is open read-only because another process (a running "
                "'armsgraph serve'?) holds it: write through that server's API "
                "(POST /articles), or stop the server and run the command again"
            )

    # -- reading -----------------------------------------------------------------------

    @property
    def generation(self) -> int:
        """Grows by one with every write (starts at 0 when the store is opened)."""
        return self._log.generation

    @property
    def version(self) -> str | None:
        """A name for the store's content that lasts across processes, or None.

        An on-disk store keeps a random stamp in its folder (:data:`VERSION_FILE`),
        removed before every write and made anew after it, so two opens that see the same
        stamp see the same content. Snapshots saved beside the store are keyed by it
        (:mod:`graph.store.snapshot`). None in memory, during a write, and for a read-only open
        that a write overlapped.
        """
        return self._version

    def changes_since(self, generation: int) -> list[Change] | None:
        """What each write after ``generation`` touched, oldest first (see :class:`ChangeLog`).

        ``None`` when the bounded log no longer reaches back that far: rebuild from scratch.
        """
        return self._log.since(generation)

    @contextmanager
    def steady(self) -> Iterator[None]:
        """A stretch in which no write of this process runs (it waits for one running).

        What is read inside is one generation, each write whole: :mod:`graph.store.snapshot`
        builds its parts in one, so a part built while an import runs is never made from
        a half-written graph (:meth:`put_graph` replaces a large graph in steps). Reads
        outside it need no lock: each query sees one state of the store, and readers
        holding a snapshot keep the parts of the generation before, whole.
        """
        with self._write_lock:
            yield

    def __len__(self) -> int:
        return len(self._ox)

    def graphs(self) -> list[URIRef]:
        """Named graphs in the store (staging graphs of unfinished writes excluded)."""
        return sorted(
            URIRef(g.value)
            for g in self._ox.named_graphs()
            if isinstance(g, ox.NamedNode) and not g.value.startswith(_STAGING)
        )

    def has_graph(self, graph: URIRef) -> bool:
        return bool(self._ox.contains_named_graph(ox.NamedNode(str(graph))))

    def triples(self, graph: URIRef | None = None) -> Iterator[Triple]:
        """Triples of one named graph, or of all graphs when ``graph`` is None."""
        g = ox.NamedNode(str(graph)) if graph is not None else None
        for q in self._ox.quads_for_pattern(None, None, None, g):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(_STAGING):
                continue
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def _query(self, query: str, bindings: Mapping[str, Node] | None) -> object:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()
        }
        try:
            return self._ox.query(query, substitutions=subs, use_default_graph_as_union=True)
        except SyntaxError as err:
            raise QueryError(f"malformed SPARQL: {err}") from err
        except RuntimeError as err:
            # pyoxigraph substitutes bound values only into projected variables (SEP-0007):
            # write ``SELECT ?x ?y`` including every bound variable, or ``SELECT *``.
            raise QueryError(
                f"query cannot run with bindings {sorted(bindings or {})}: {err}"
            ) from err
        except (OSError, ValueError) as err:
            raise QueryError(f"query failed: {err}") from err

    def select(
        self, query: str, bindings: Mapping[str, Node] | None = None
    ) -> list[dict[str, Node]]:
        """Run a SELECT over the union of all graphs with bound values; rows as dicts.

        Every variable in ``bindings`` must appear in the projection (``SELECT ?x ?y`` or
        ``SELECT *``): pyoxigraph substitutes values the SEP-0007 way.
        """
        res = self._query(query, bindings)
        if not isinstance(res, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in res.variables]
        out = []
        for sol in res:
            row: dict[str, Node] = {}
            for n in names:
                t = sol[n]
                if t is not None:
                    row[n] = from_ox(t)
            out.append(row)
        return out

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        res = self._query(query, bindings)
        if not isinstance(res, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(res)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        res = self._query(query, bindings)
        if not isinstance(res, ox.QueryTriples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        g = Graph()
        for t in res:
            g.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return g

    def query_serialized(self, query: str, fmt: str, max_rows: int | None = None,
                         timeout: float | None = None) -> bytes:
        """Run any read query and serialise its answer in ``fmt``.

        ``timeout`` is not enforced here (pyoxigraph cannot interrupt a query): user
        queries with a deadline run in a worker process that is killed then
        (:mod:`graph.store.sandbox`).

        ``fmt`` is a result format (json, xml, csv, tsv) for SELECT and ASK, or an RDF
        format (turtle, jsonld, nt …) for CONSTRUCT and DESCRIBE.

        With ``max_rows``, a SELECT answered as ``tsv`` or a CONSTRUCT/DESCRIBE answered as
        ``nt`` stops after ``max_rows + 1`` rows or triples: the caller sees that the answer
        is over its cap without the store evaluating the rest (a cartesian product of the
        whole graph would otherwise run for hours on a worker that cannot be interrupted).
        """
        res = self._query(query, None)
        if max_rows is not None and fmt.lower() in ("tsv", "nt", "ntriples"):
            if isinstance(res, ox.QuerySolutions):
                names = [v.value for v in res.variables]
                lines = ["\t".join(f"?{n}" for n in names)]
                for sol in itertools.islice(res, max_rows + 1):
                    lines.append("\t".join(_tsv_term(t) if (t := sol[n]) is not None else ""
                                           for n in names))
                return ("\n".join(lines) + "\n").encode()
            if isinstance(res, ox.QueryTriples):
                return "".join(f"{t} .\n" for t in itertools.islice(res, max_rows + 1)).encode()
        if isinstance(res, ox.QueryTriples):
            return serialized(res.serialize(format=rdf_format(fmt)))
        try:
            rfmt = RESULT_FORMATS[fmt.lower()]
        except KeyError:
            raise QueryError(f"unknown result format {fmt!r}") from None
        return bytes(res.serialize(format=rfmt))  # type: ignore[attr-defined]

    def dump(self, fmt: str, graph: URIRef | None = None) -> bytes:
        """Serialise one named graph, or the whole dataset (N-Quads or TriG keep graphs)."""
        rdf_fmt = rdf_format(fmt)
        if graph is not None:
            return serialized(self._ox.dump(format=rdf_fmt, from_graph=ox.NamedNode(str(graph))))
        if rdf_fmt.supports_datasets:
            quads = (
                q for q in self._ox
                if not (isinstance(q.graph_name, ox.NamedNode)
                        and q.graph_name.value.startswith(_STAGING))
            )
            return serialized(ox.serialize(quads, format=rdf_fmt))
        # The union of the graphs, merged and serialised inside pyoxigraph.
        merged = self._ox.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } "
            f'FILTER(!STRSTARTS(STR(?g), "{_STAGING}")) }}'
        )
        assert isinstance(merged, ox.QueryTriples)
        return serialized(merged.serialize(format=rdf_fmt))

    # -- writing -----------------------------------------------------------------------

    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Replace the content of ``graph`` with ``triples``; return the count.

        Whatever the moment of a crash, the next open finds the old content whole or the
        new content whole (:meth:`_recover`):

        - a graph that does not exist yet is written in one transaction or, when large,
          bulk-loaded between two journal entries (an entry left by a crash means the
          graph is incomplete, and it is dropped);
        - an existing graph is replaced through a stage: the new triples are written to a
          staging graph, one transactional journal entry then records that the stage is
          complete (the commit point), and the stage is written over the old graph. A crash
          before the commit point leaves the old graph; after it, the next open finishes
          the replacement from the stage.

        Bulk loading is what keeps the full SIPRI register fast on disk: a transactional
        write, or a SPARQL ``MOVE``, of 300,000 triples takes 5 to 30 times longer.
        Writers take a lock; readers in the same process may see a replacement in progress.
        """
        self._check_writable()
        target = ox.NamedNode(str(graph))
        new = [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
        with self._write_lock, self._renamed():
            try:
                if not self._ox.contains_named_graph(target):
                    self._write_whole(target, new)
                else:
                    staging = ox.NamedNode(f"{_STAGING}{uuid.uuid4().hex}")
                    self._write(staging, new)
                    self._ox.extend([ox.Quad(staging, _REPLACES, target, _JOURNAL)])
                    self._roll_forward(staging, target)
            except OSError as err:
                raise StoreError(f"cannot write graph {graph}: {err}") from err
            self._log.record("put", graph)
        return len(new)

    def update_graph(self, graph: URIRef, triples: Iterable[Triple]) -> GraphUpdate:
        """Make ``graph`` hold exactly ``triples``, writing only the difference.

        The stored graph is serialised by pyoxigraph as N-Triples and compared line by
        line with ``triples`` written the same way (:func:`_nt`), which is several times
        faster than reading the stored triples back as rdflib terms. No difference: nothing
        is written (the generation and the version stay). A difference of up to
        :data:`_DIFFERENCE` triples is applied as one SPARQL update (``DELETE DATA`` then
        ``INSERT DATA``, built from pyoxigraph's own serialisation of the terms, never from
        user text), which is one transaction: a crash leaves the old graph or the new one,
        and a query running meanwhile sees the old graph or the new one. A new graph, a
        larger difference, or one with blank nodes (``DELETE DATA`` cannot name them) is
        written whole by :meth:`put_graph`. A term that the two serialisers write
        differently is deleted and inserted again: the result is the same.
        """
        self._check_writable()
        items = list(triples)
        target = ox.NamedNode(str(graph))
        lines = {f"{_nt(s)} {_nt(p)} {_nt(o)} .": (s, p, o) for s, p, o in items}
        # Compared without the write lock (a snapshot part waits for that lock); the
        # comparison is made again under it if a write ended meanwhile.
        generation = self.generation
        diff = self._difference(target, lines)
        with self._write_lock:
            if self.generation != generation:
                diff = self._difference(target, lines)
            if diff is not None:
                removed, added = diff
                if not removed and not added:
                    return GraphUpdate(len(lines), 0, 0)
                insert = " ".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in added)
                update = (f"DELETE DATA {{ GRAPH {target} {{ {' '.join(removed)} }} }} ;\n"
                          f"INSERT DATA {{ GRAPH {target} {{ {insert} }} }}")
                with self._renamed():
                    try:
                        self._ox.update(update)
                    except (OSError, SyntaxError) as err:
                        raise StoreError(f"cannot write graph {graph}: {err}") from err
                    self._log.record("put", graph)
                return GraphUpdate(len(lines), len(added), len(removed))
            self.put_graph(graph, items)  # re-entrant lock: one write
        return GraphUpdate(len(lines), None, None)

    def _difference(
        self, target: ox.NamedNode, lines: Mapping[str, Triple]
    ) -> tuple[list[str], list[Triple]] | None:
        """The stored lines of ``target`` that ``lines`` lacks and the triples of ``lines``
        it lacks; None when the graph is to be written whole (see :meth:`update_graph`)."""
        if not self._ox.contains_named_graph(target):
            return None
        data = serialized(self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=target))
        stored = set(data.decode().splitlines())
        removed = [line for line in stored if line not in lines]
        added = [t for line, t in lines.items() if line not in stored]
        if len(removed) + len(added) > _DIFFERENCE:
            return None
        if any(isinstance(term, BNode) for t in added for term in t) or any(
            line.startswith("_:") or " _:" in line for line in removed
        ):
            return None
        return removed, added

    def _write(self, graph: ox.NamedNode, new: Sequence[_OxTriple]) -> None:
        """Add triples to ``graph``: one transaction when small, a bulk load when large."""
        quads = [ox.Quad(s, p, o, graph) for s, p, o in new]  # type: ignore[arg-type]
        if len(quads) > _BULK:
            self._ox.bulk_extend(quads)
            self._ox.flush()
        else:
            self._ox.extend(quads)
        if not quads:
            self._ox.add_graph(graph)

    def _write_whole(self, graph: ox.NamedNode, new: Sequence[_OxTriple]) -> None:
        """Write a new graph so that a crash leaves all of it or none of it."""
        if len(new) <= _BULK:
            self._write(graph, new)
            return
        mark = ox.Quad(graph, _WRITING, graph, _JOURNAL)
        self._ox.extend([mark])
        self._write(graph, new)
        self._ox.remove(mark)

    def _roll_forward(self, staging: ox.NamedNode, target: ox.NamedNode) -> None:
        """Write a complete stage over its target, then forget the stage."""
        staged = [
            (q.subject, q.predicate, q.object)
            for q in self._ox.quads_for_pattern(None, None, None, staging)
        ]
        if self._ox.contains_named_graph(target):
            self._ox.remove_graph(target)
        self._write(target, staged)
        self._ox.remove_graph(staging)
        self._ox.remove(ox.Quad(staging, _REPLACES, target, _JOURNAL))

    def add_graph(self, graph: URIRef, triples: Iterable[Triple]) -> bool:
        """Write ``graph`` atomically unless it exists; True when it was written.

        This is what makes ingest idempotent: a source's graph is named by its content.
        """
        self._check_writable()
        items = list(triples)
        with self._write_lock:
            if self.has_graph(graph):
                return False
            with self._renamed():
                self._add(graph, items)
        return True

    def _add(self, graph: URIRef, items: list[Triple]) -> None:
        quads = [
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(graph)))  # type: ignore[arg-type]
            for s, p, o in items
        ]
        try:
            self._ox.extend(quads)
            if not quads:
                self._ox.add_graph(ox.NamedNode(str(graph)))
        except OSError as err:
            raise StoreError(f"cannot write graph {graph}: {err}") from err
        self._log.record("add", graph)

    def drop_graph(self, graph: URIRef) -> None:
        self._check_writable()
        with self._write_lock:
            node = ox.NamedNode(str(graph))
            if self._ox.contains_named_graph(node):
                with self._renamed():
                    self._ox.remove_graph(node)
                    self._log.record("drop", graph)

    def load(self, data: bytes, fmt: str, graph: URIRef | None = None) -> int:
        """Load serialised RDF; graphs of N-Quads/TriG are kept, triples go to ``graph``.

        The data is parsed completely before anything is written, so a syntax error
        leaves the store untouched. Returns the number of quads loaded.
        """
        self._check_writable()
        quads = parse_rdf(data, fmt)
        target = ox.NamedNode(str(graph)) if graph is not None else None
        if target is not None:
            quads = [ox.Quad(q.subject, q.predicate, q.object, target) for q in quads]
        with self._write_lock, self._renamed():
            self._ox.extend(quads)
            self._log.record("load", graph if graph is not None else ALL_GRAPHS)
        return len(quads)

    def clear(self) -> None:
        """Remove everything."""
        self._check_writable()
        with self._write_lock, self._renamed():
            self._ox.clear()
            self._log.record("clear", ALL_GRAPHS)

    def to_dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for SHACL and small graphs only)."""
        ds = Dataset()
        ds.parse(data=self.dump("nquads"), format="nquads")
        return ds

    def copy(self, path: str | Path | None = None, *,
             without_subjects: frozenset[str] = frozenset()) -> OxigraphStore:
        """A new store with this one's quads, except those whose subject is one of the
        IRIs ``without_subjects`` (and staging graphs of unfinished writes).

        ``path`` puts the copy on disk (a folder that must not hold anything yet), else it
        is kept in memory. An on-disk store is copied as a RocksDB backup (hard links to
        its immutable files: 0.1 s for the SIPRI register, where copying quads takes
        27 s) and the left-out quads are then removed from the copy. Views of the graph
        that SPARQL must see whole, such as the curated graph (:mod:`graph.views.curated`), are
        such copies.

        >>> from rdflib import URIRef
        >>> s = OxigraphStore()
        >>> _ = s.put_graph(URIRef("urn:g"), [(URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")),
        ...                                   (URIRef("urn:b"), URIRef("urn:p"), URIRef("urn:a"))])
        >>> [t[0] for t in s.copy(without_subjects=frozenset({"urn:a"})).triples()]
        [rdflib.term.URIRef('urn:b')]
        """
        folder = Path(path) if path is not None else None
        if folder is not None and folder.exists():
            if any(folder.iterdir()):
                raise StoreError(f"cannot copy the store into {folder}: the folder is not empty")
            folder.rmdir()
        backed_up = False
        if folder is not None and self.path is not None:
            try:
                self._ox.backup(str(folder))
                backed_up = True
            except OSError:  # e.g. another file system: copy the quads instead
                shutil.rmtree(folder, ignore_errors=True)
        target = OxigraphStore(folder)
        with target._write_lock, target._renamed():
            if not backed_up:
                target._ox.bulk_extend(q for q in self._ox if not (
                    isinstance(q.graph_name, ox.NamedNode)
                    and q.graph_name.value.startswith(_STAGING)))
            for g in list(target._ox.named_graphs()):
                if isinstance(g, ox.NamedNode) and g.value.startswith(_STAGING):
                    target._ox.remove_graph(g)
            for s in sorted(without_subjects):
                for q in list(target._ox.quads_for_pattern(ox.NamedNode(s), None, None)):
                    target._ox.remove(q)
            target._log.record("clear", ALL_GRAPHS)
        target.flush()
        return target

    def checkpoint(self, folder: Path) -> None:
        """A consistent copy of this on-disk store in ``folder`` (which must not exist):
        a RocksDB backup, hard links to the immutable files on the same file system.

        Raises StoreError when the store is in memory or the backup cannot be written.
        """
        if self.path is None:
            raise StoreError("an in-memory store has no checkpoint")
        try:
            self._ox.backup(str(folder))
        except OSError as err:
            raise StoreError(f"cannot checkpoint the store into {folder}: {err}") from err

    def flush(self) -> None:
        if not self.read_only:
            self._ox.flush()

    def close(self) -> None:
        """Flush to disk; the object must not be used afterwards."""
        if self.path is not None and not self.read_only:
            self._ox.flush()
        del self._ox

    def _recover(self) -> None:
        """After a crash: finish committed replacements, drop graphs whose bulk load did
        not finish, drop stages that never reached their commit point."""
        for q in list(self._ox.quads_for_pattern(None, _REPLACES, None, _JOURNAL)):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                self._roll_forward(q.subject, q.object)
        for q in list(self._ox.quads_for_pattern(None, _WRITING, None, _JOURNAL)):
            if isinstance(q.subject, ox.NamedNode):
                self._ox.remove_graph(q.subject)
            self._ox.remove(q)
        for g in list(self._ox.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(_STAGING):
                self._ox.remove_graph(g)


def open_store(
    spec: str | Path | None,
    *,
    update_endpoint: str | None = None,
    graph_store_endpoint: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> Store:
    """Open the store named by ``spec``: a folder path, ``memory``, or a SPARQL endpoint.

    ``http(s)://…`` opens a remote store over the SPARQL 1.1 protocols (see
    :mod:`graph.store.remote`; the keyword arguments configure it); ``memory`` or ``None`` an
    in-memory store; anything else is a folder for the embedded store.
    """
    if spec is None or str(spec) == "memory":
        return OxigraphStore()
    text = str(spec)
    if text.startswith(("http://", "https://")):
        from .remote import SparqlStore  # noqa: PLC0415 - optional backend

        return SparqlStore(
            text, update_endpoint, graph_store_endpoint, user=user, password=password
        )
    return OxigraphStore(text)



def require_store_folder(spec: str | Path | None) -> None:
    """Before a read: the folder of an embedded store exists and holds files.

    Checked before opening, so that a read never creates a store directory ("memory" and
    SPARQL URLs pass; their emptiness is :func:`is_empty`'s to say).

    Raises
    ------
    EmptyGraph
        The folder is missing or empty: ``armsgraph build`` first.
    """
    text = "memory" if spec is None else str(spec)
    if text == "memory" or text.startswith(("http://", "https://")):
        return
    folder = Path(text)
    if not folder.is_dir() or not any(folder.iterdir()):
        raise EmptyGraph(f"no store at {folder}")
