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
import logging
import shutil
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ..errors import EmptyGraph, QueryError, StoreBusy, StoreError
from ..heap import collect_all
from .base import (
    ALL_GRAPHS,
    MAX_ENTITY_EXPANSION,
    RDF_FORMATS,
    RESULT_FORMATS,
    VERSION_FILE,
    Change,
    ChangeLog,
    GraphDigest,
    GraphUpdate,
    Store,
    Triple,
    added_graphs,
    added_in,
    check_xml_entities,
    from_ox,
    is_empty,
    parse_rdf,
    parse_turtle,
    rdf_format,
    serialized,
    to_nt,
    to_ox,
)

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
    "parse_turtle",
    "check_xml_entities",
    "MAX_ENTITY_EXPANSION",
    "Change",
    "GraphUpdate",
    "GraphDigest",
    "ChangeLog",
    "ALL_GRAPHS",
    "added_graphs",
    "added_in",
    "VERSION_FILE",
    "is_empty",
    "require_store_folder",
]

_STAGING = "urn:armsgraph:staging:"
log = logging.getLogger("armsgraph.store")
#: Seconds between tries to reopen a store for writing that /health makes after a failure.
_RESUME_EVERY = 2.0
#: The journal of replacements in progress (a staging graph, hidden like the stages).
_JOURNAL = ox.NamedNode(f"{_STAGING}journal")
_REPLACES = ox.NamedNode("urn:armsgraph:replaces")
_WRITING = ox.NamedNode("urn:armsgraph:writing")
#: ``<graph> _DIGEST "key count"`` in the journal: what the graph was made from
#: (:meth:`OxigraphStore.update_graph`); removed by every other write to the graph.
_DIGEST = ox.NamedNode("urn:armsgraph:digest")
_OxTriple = tuple[object, object, object]
#: Above this many triples a graph is bulk-loaded rather than written in one transaction.
_BULK = 50_000
#: A recovery step that bulk-writes a graph writes and reports it in parts of this many
#: triples, or a tenth of it when that is more (at most ten reports).
_PROGRESS_EVERY = 50_000
#: Above this many triples added and removed, :meth:`OxigraphStore.update_graph` rewrites
#: the graph whole (a bulk load) instead of applying the difference in one transaction.
_DIFFERENCE = 50_000

def _tsv_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """A term as SPARQL TSV writes it: an RDF 1.2 triple term as ``<<( s p o )>>``.

    >>> _tsv_term(ox.Triple(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("c")))
    '<<( <urn:a> <urn:b> "c" )>>'
    """
    if isinstance(term, ox.Triple):
        return (f"<<( {_tsv_term(term.subject)} {_tsv_term(term.predicate)} "
                f"{_tsv_term(term.object)} )>>")
    return str(term)


class _Closed:
    """What an :class:`OxigraphStore` holds in place of its pyoxigraph store once closed:
    any use after :meth:`OxigraphStore.close` (e.g. a warm-up thread still reading when the
    server shuts down) is a :class:`StoreError` naming the store, not an AttributeError.

    >>> _Closed("memory").query
    Traceback (most recent call last):
    ...
    armsgraph.errors.StoreError: the store 'memory' is closed
    """

    __slots__ = ("where",)

    def __init__(self, where: str):
        self.where = where

    def __getattr__(self, name: str) -> object:
        raise StoreError(f"the store {self.where!r} is closed")

    def __len__(self) -> int:  # special methods are looked up on the type, not by getattr
        raise StoreError(f"the store {self.where!r} is closed")

    def __iter__(self) -> Iterator[object]:
        raise StoreError(f"the store {self.where!r} is closed")


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
        self._write_failure: str | None = None
        self._next_resume = 0.0  # monotonic time before which a non-blocking resume waits
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
        the write fails (it may have written part of its work).

        A write that fails with an I/O error (a full disk) leaves RocksDB refusing every
        later write until it is opened again; the store is then :attr:`write_failure`, and
        the next write (or :meth:`resume_writes`) reopens it first.
        """
        self.resume_writes()
        try:
            self._unstamp()
            try:
                yield
            finally:
                self._stamp()
        except OSError as err:
            self._failed(err)
            raise StoreError(f"cannot write to store {self.path}: {err}") from err
        except StoreError as err:
            if isinstance(err.__cause__, OSError):
                self._failed(err.__cause__)
            raise

    def _failed(self, err: OSError) -> None:
        self._write_failure = str(err)
        self._next_resume = time.monotonic() + _RESUME_EVERY

    @property
    def write_failure(self) -> str | None:
        """Why writes are refused (the I/O error of the last failed write), or None."""
        return self._write_failure

    def resume_writes(self, *, blocking: bool = True) -> bool:
        """After a failed write: reopen the store so that writes work again once the disk
        has room; True when writes are possible (also when nothing had failed).

        Readers in this process keep reading meanwhile: a read-only open of the folder
        serves them while the failed handle is dropped and the folder opened again (no
        writer exists in between). Journal entries left by the failed write are finished
        or dropped as at a start (:meth:`_recover`), and a stamp is written to check the
        disk has room. On failure the store stays read-only and the error is kept.
        Not ``blocking`` (``/health``): answer False without waiting when a write holds the
        lock, and without trying when the last try was less than :data:`_RESUME_EVERY` s ago.
        """
        if self._write_failure is None or self.path is None:
            return True
        if not blocking and time.monotonic() < self._next_resume:
            return False
        if not self._write_lock.acquire(blocking=blocking):
            return False
        try:
            if self._write_failure is None:
                return True
            try:
                self._ox = ox.Store.read_only(str(self.path))  # drops the failed handle
                self._ox = self._open_again()
                self._recover()
                self._stamp()
            except OSError as err:
                self._failed(err)
                return False
            self._write_failure = None
            self._log.record("reopen", ALL_GRAPHS)  # the recovery may have dropped graphs
            return True
        finally:
            self._write_lock.release()

    def _open_again(self) -> ox.Store:
        """Open the folder for writing once the last handle is gone (a reference held in
        a cycle goes at the next collection, which is slow on a large heap: last resort)."""
        try:
            return ox.Store(str(self.path))
        except OSError as err:
            if "lock" not in str(err).lower():
                raise
        collect_all()  # frozen cycles too (armsgraph.heap)
        return ox.Store(str(self.path))

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
        (:mod:`armsgraph.store.snapshot`). None in memory, during a write, and for a read-only open
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

        What is read inside is one generation, each write whole: :mod:`armsgraph.store.snapshot`
        builds its parts in one, so a part built while an import runs is never made from
        a half-written graph (:meth:`put_graph` replaces a large graph in steps). Reads
        outside it need no lock: each query sees one state of the store, and readers
        holding a snapshot keep the parts of the generation before, whole.
        """
        with self._write_lock:
            yield

    def __len__(self) -> int:
        """Quads in the store (the journal's bookkeeping excluded)."""
        return len(self._ox) - sum(1 for _ in self._ox.quads_for_pattern(None, None, None,
                                                                         _JOURNAL))

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
        # A term is converted once per answer and the rows share it: the projection's
        # and the index's SELECTs over the register return ~3 million terms but far fewer
        # distinct ones (the same states, systems, sources, years in row after row).
        terms: dict[object, Node] = {}
        out = []
        for sol in res:
            row: dict[str, Node] = {}
            for n, t in zip(names, sol, strict=True):
                if t is not None:
                    got = terms.get(t)
                    if got is None:
                        got = terms[t] = from_ox(t)
                    row[n] = got
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
        (:mod:`armsgraph.store.sandbox`).

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
                self._forget_digest(target)
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

    def update_graph(self, graph: URIRef, triples: Iterable[Triple], *,
                     digest: str | None = None) -> GraphUpdate:
        """Make ``graph`` hold exactly ``triples``, writing only the difference.

        ``digest`` is the caller's key of everything ``triples`` are made from (its input
        and the code that converts it): it is kept with the graph (:meth:`graph_digest`),
        and when the graph already carries the same key, ``triples`` is not even read and
        nothing is written. The key is written in the same transaction as the difference
        (after a whole write, once the graph is complete), and every other write to the
        graph removes it first, so a crash or another writer leaves no key that the
        content does not match, at worst none (the next update compares).

        The stored graph is serialised by pyoxigraph as N-Triples and compared line by
        line with ``triples`` written the same way (:func:`to_nt`), which is several times
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
        target = ox.NamedNode(str(graph))
        if digest is not None:
            known = self.graph_digest(graph)
            if known is not None and known.key == digest:
                return GraphUpdate(known.triples, 0, 0)
        items = list(triples)
        lines = {f"{to_nt(s)} {to_nt(p)} {to_nt(o)} .": (s, p, o) for s, p, o in items}
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
                    if digest is not None:  # bookkeeping only: the content is the same
                        self._set_digest(target, digest, len(lines))
                    return GraphUpdate(len(lines), 0, 0)
                insert = " ".join(f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in added)
                update = (f"DELETE WHERE {{ GRAPH {_JOURNAL} {{ {target} {_DIGEST} ?k }} }} ;\n"
                          f"DELETE DATA {{ GRAPH {target} {{ {' '.join(removed)} }} }} ;\n"
                          f"INSERT DATA {{ GRAPH {target} {{ {insert} }} }}")
                if digest is not None:
                    key = ox.Literal(f"{digest} {len(lines)}")
                    update += (f" ;\nINSERT DATA {{ GRAPH {_JOURNAL} "
                               f"{{ {target} {_DIGEST} {key} }} }}")
                with self._renamed():
                    try:
                        self._ox.update(update)
                    except (OSError, SyntaxError) as err:
                        raise StoreError(f"cannot write graph {graph}: {err}") from err
                    self._log.record("put", graph)
                return GraphUpdate(len(lines), len(added), len(removed))
            self.put_graph(graph, items)  # re-entrant lock: one write
            if digest is not None:  # the graph is complete: now it may say what it is
                self._set_digest(target, digest, len(lines))
        return GraphUpdate(len(lines), None, None)

    def graph_digest(self, graph: URIRef) -> GraphDigest | None:
        """The digest :meth:`update_graph` last kept with ``graph``, or None."""
        for q in self._ox.quads_for_pattern(ox.NamedNode(str(graph)), _DIGEST, None, _JOURNAL):
            if not isinstance(q.object, ox.Literal):
                continue
            key, _, count = q.object.value.partition(" ")
            if count.isdigit():
                return GraphDigest(key, int(count))
        return None

    def _set_digest(self, target: ox.NamedNode, digest: str, triples: int) -> None:
        self._forget_digest(target)
        self._ox.add(ox.Quad(target, _DIGEST, ox.Literal(f"{digest} {triples}"), _JOURNAL))

    def _forget_digest(self, target: ox.NamedNode | None) -> None:
        """Before any other write to ``target`` (None: to any graph): its digest goes."""
        for q in list(self._ox.quads_for_pattern(target, _DIGEST, None, _JOURNAL)):
            self._ox.remove(q)

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

    def _write(self, graph: ox.NamedNode, new: Sequence[_OxTriple],
               step: str | None = None) -> None:
        """Add triples to ``graph``: one transaction when small, a bulk load when large
        (reported as it goes when ``step`` names a recovery step)."""
        quads = [ox.Quad(s, p, o, graph) for s, p, o in new]  # type: ignore[arg-type]
        if len(quads) > _BULK and step is not None:
            # A recovery step is redone whole after a crash (its journal entry stays until
            # the end), so it can be bulk-loaded in parts, each reported when written.
            total = len(quads)
            every = max(_PROGRESS_EVERY, -(-total // 10))
            for start in range(0, total, every):
                self._ox.bulk_extend(quads[start:start + every])
                done = min(total, start + every)
                log.warning("%s: %s of %s triples written (%d %%)", step, f"{done:,}",
                            f"{total:,}", 100 * done // total)
            self._ox.flush()
        elif len(quads) > _BULK:
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

    def _staged(self, staging: ox.NamedNode) -> list[_OxTriple]:
        return [(q.subject, q.predicate, q.object)
                for q in self._ox.quads_for_pattern(None, None, None, staging)]

    def _roll_forward(self, staging: ox.NamedNode, target: ox.NamedNode,
                      staged: list[_OxTriple] | None = None, step: str | None = None) -> None:
        """Write a complete stage over its target, then forget the stage; a recovery
        ``step`` reports the parts of a large one as they go."""
        if staged is None:
            staged = self._staged(staging)
        large = step is not None and len(staged) > _BULK
        if self._ox.contains_named_graph(target):
            if large:
                log.warning("%s: removing the old %s", step, target.value)
            self._ox.remove_graph(target)
        self._write(target, staged, step if large else None)
        if large:
            log.warning("%s: removing the finished stage", step)
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
                self._forget_digest(ox.NamedNode(str(graph)))
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
                    self._forget_digest(node)
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
            self._forget_digest(target)
            self._ox.extend(quads)
            self._log.record("load", graph if graph is not None else ALL_GRAPHS)
        return len(quads)

    def clear(self) -> None:
        """Remove everything."""
        self._check_writable()
        with self._write_lock, self._renamed():
            self._ox.clear()
            self._log.record("clear", ALL_GRAPHS)

    def copy(self, path: str | Path | None = None, *,
             without_subjects: frozenset[str] = frozenset()) -> OxigraphStore:
        """A new store with this one's quads, except those whose subject is one of the
        IRIs ``without_subjects`` (and staging graphs of unfinished writes).

        ``path`` puts the copy on disk (a folder that must not hold anything yet), else it
        is kept in memory. An on-disk store is copied as a RocksDB backup (hard links to
        its immutable files: 0.1 s for the SIPRI register, where copying quads takes
        27 s) and the left-out quads are then removed from the copy. Views of the graph
        that SPARQL must see whole, such as the curated graph (:mod:`armsgraph.views.curated`), are
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
                self.checkpoint(folder)
                backed_up = True
            except StoreError:  # e.g. another file system: copy the quads instead
                shutil.rmtree(folder, ignore_errors=True)
        target = OxigraphStore(folder)
        with target._write_lock, target._renamed():
            if not backed_up:
                target._ox.bulk_extend(iter(self._ox))
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
        """Flush to disk; afterwards every use is a :class:`StoreError` (closing again is
        a no-op)."""
        if isinstance(self._ox, _Closed):
            return
        if self.path is not None and not self.read_only:
            self._ox.flush()
        self._ox = cast(ox.Store, _Closed(str(self.path) if self.path else "memory"))

    def _recover(self) -> None:
        """After a crash: finish committed replacements, drop graphs whose bulk load did
        not finish, drop stages that never reached their commit point.

        Finishing a replacement rewrites the whole graph (the full SIPRI register took
        37–79 s), so each step is reported on the ``armsgraph.store`` logger as it starts,
        with its number and size, and the end with the time taken."""
        replaces = list(self._ox.quads_for_pattern(None, _REPLACES, None, _JOURNAL))
        writing = list(self._ox.quads_for_pattern(None, _WRITING, None, _JOURNAL))
        stages = [g for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode)
                  and g.value.startswith(_STAGING) and g != _JOURNAL]
        if not (replaces or writing or stages):
            return
        started = time.monotonic()
        steps = len(replaces) + len(writing)
        log.warning("store %s: recovering from an interrupted write (%d step%s)",
                    self.path, steps, "" if steps == 1 else "s")
        for i, q in enumerate(replaces, 1):
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
                staged = self._staged(q.subject)
                step = f"recovery {i}/{steps}"
                log.warning("%s: finishing the replacement of %s (%s triples)",
                            step, q.object.value, f"{len(staged):,}")
                self._roll_forward(q.subject, q.object, staged, step)
        for i, q in enumerate(writing, len(replaces) + 1):
            if isinstance(q.subject, ox.NamedNode):
                log.warning("recovery %d/%d: dropping %s (its write did not finish)",
                            i, steps, q.subject.value)
                self._ox.remove_graph(q.subject)
            self._ox.remove(q)
        for g in list(self._ox.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(_STAGING) and g != _JOURNAL:
                self._ox.remove_graph(g)
        log.warning("store %s: recovered in %.1f s", self.path, time.monotonic() - started)


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
    :mod:`armsgraph.store.remote`; the keyword arguments configure it); ``memory`` or ``None`` an
    in-memory store; anything else is a folder for the embedded store.
    """
    if spec is None or str(spec) == "memory":
        return OxigraphStore()
    text = str(spec)
    if text.startswith(("http://", "https://")):
        from .remote import SparqlStore  # noqa: PLC0415 - imported when asked for

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
