"""Read-side views of the graph: entities, facts and sources, as the API lists them.

A :class:`Catalog` wraps a :class:`~armsgraph.store.Store`. Listing (search, filters,
pagination totals) works on an index of every entity, statement and source that is built
with a handful of SPARQL queries, once per snapshot of the store (:data:`INDEX`,
:mod:`armsgraph.store.snapshot`), so a list request costs a scan of Python records rather than a
query. Looking one thing up
(:meth:`Catalog.entity`, :meth:`Catalog.fact`, :meth:`Catalog.source`) runs SPARQL with the
thing's IRI as a bound value.

Public names for types and statuses (``state``, ``production-licence``, ``granted`` …) are
fixed here, in :data:`ENTITY_TYPES`, :data:`FACT_TYPES` and :data:`STATUSES`; they map to
ontology terms, and a type filter includes subclasses (``organisation`` finds companies).

Examples
--------
>>> from armsgraph.store import OxigraphStore
>>> from rdflib import Literal, RDF, RDFS
>>> from armsgraph.namespace import ARMS
>>> from armsgraph import ids
>>> store = OxigraphStore()
>>> _ = store.put_graph(ids.ONTOLOGY_GRAPH, [(ARMS.FormerState, RDFS.subClassOf, ARMS.State)])
>>> _ = store.put_graph(ids.reference_graph("states"), [
...     (ids.state("JPN"), RDF.type, ARMS.State), (ids.state("JPN"), RDFS.label, Literal("Japan")),
...     (ids.state("SUN"), RDF.type, ARMS.FormerState),
...     (ids.state("SUN"), RDFS.label, Literal("Soviet Union"))])
>>> cat = Catalog(store)
>>> [e.id for e in cat.entities(type="state")]
['state/JPN', 'state/SUN']
>>> [e.label for e in cat.entities(q="soviet")]
['Soviet Union']
>>> cat.entity("state/XYZ")
Traceback (most recent call last):
...
armsgraph.errors.UnknownEntity: no entity 'state/XYZ' in the graph
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Generic, TypeVar

from rdflib import RDF, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.term import Node

from .. import ids
from ..errors import UnknownEntity
from ..namespace import ARMS
from ..store import Store
from ..store.snapshot import snapshot
from .events import events as one_per_event  # `events` is also a keyword argument here
from .index import INDEX, STATS, _Index, _lookup, _ref
from .records import (
    EntityDetail,
    EntityRef,
    EntitySummary,
    Evidence,
    FactDetail,
    FactFilter,
    FactSummary,
    SourceDetail,
    SourceSummary,
)
from .vocab import (
    _FACT_FIELDS,
    _ID_PREFIX,
    FACT_TYPES,
    EntityType,
    Scalar,
    _int,
    _iri_of,
    _key,
    _scalar,
    entity_key,
    source_key,
)

T = TypeVar("T")

__all__ = [
    "Catalog",
    "catalog",
    "PerStore",
]


_Q_DESCRIBE = """SELECT ?s ?p ?o WHERE { ?s ?p ?o }"""

_Q_COUNT_GRAPH = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""


class Catalog:
    """Entities, facts and sources of a store, for listing and looking up.

    Parameters
    ----------
    store : the store to read; the catalog never writes.
    facts_per_detail : how many facts an entity or source detail shows at most (the total
        is always given; the full list is a ``/facts`` query away).
    """

    def __init__(self, store: Store, *, facts_per_detail: int = 100):
        self.store = store
        self.facts_per_detail = facts_per_detail

    # -- lists -------------------------------------------------------------------------

    def entities(
        self, q: str | None = None, type: EntityType | None = None
    ) -> list[EntitySummary]:
        """Entities whose label or an alias contains ``q`` (any case), of ``type``.

        Exact matches come first, then names that start with ``q``, then the rest; ties
        are ordered by label. An id of any form an answer gives (``state/JPN``,
        ``state:JPN``, the IRI) finds its entity, as an exact match.
        """
        index = self._index()
        found = [
            e for e in index.entities.values() if type is None or type in e.types
        ]
        if not q:
            return sorted(found, key=lambda e: (e.label.casefold(), e.id))
        needle = q.casefold().strip()
        named = {c for c in ids.id_candidates(q) if c in index.entities}
        ranked: list[tuple[int, str, str, EntitySummary]] = []
        for e in found:
            names = [n.casefold() for n in index.names.get(e.iri, ())]
            if e.iri in named or any(n == needle for n in names):
                rank = 0
            elif any(n.startswith(needle) for n in names):
                rank = 1
            elif any(needle in n for n in names):
                rank = 2
            else:
                continue
            ranked.append((rank, e.label.casefold(), e.id, e))
        return [r[3] for r in sorted(ranked, key=lambda r: r[:3])]

    def facts(self, where: FactFilter | None = None) -> list[FactSummary]:
        """Statements that pass every condition of ``where``, newest first.

        A date filter keeps facts whose date, read at its own precision, overlaps the
        range: a fact dated ``2023`` is kept by ``date_from=2023-06-01``. Facts without a
        date are dropped when a date filter is given. ``item`` also matches variants and
        lots of the item (``system/patriot`` finds facts about ``lot/patriot-jpn``).
        """
        index = self._index()
        w = where or FactFilter()
        type_iri = str(FACT_TYPES[w.type]) if w.type else None
        source = source_key(w.source) if w.source is not None else None
        party = self.resolve(w.party, "party") if w.party else None
        item = self.resolve(w.item, "item") if w.item else None
        low = w.date_from.isoformat() if w.date_from else None
        high = w.date_to.isoformat() if w.date_to else None
        hidden = index.overlay.hides(reviewed=w.reviewed)
        out = []
        for summary in index.facts:
            if summary.iri in hidden:
                continue
            rec = index.fact_records[summary.iri]
            if type_iri and type_iri not in rec.types:
                continue
            if w.status and w.status not in rec.status:
                continue
            if source is not None and rec.source != source:
                continue
            if party and not any(party in v for v in rec.roles.values()):
                continue
            if item and item not in rec.items:
                continue
            if (low or high) and not _overlaps(rec.date, low, high):
                continue
            out.append(summary if w.reviewed or summary.review is None
                       else replace(summary, review=None))
        return one_per_event(index.fact_records, out) if w.events else out

    def sources(self) -> list[SourceSummary]:
        """Every source, newest first (by ``dcterms:issued``), then by key."""
        found = sorted(self._index().sources.values(), key=lambda s: s.key)
        return sorted(found, key=lambda s: s.issued or "", reverse=True)

    def stats(self) -> tuple[int, int]:
        """How many quads and named graphs the store holds (once per snapshot)."""
        return snapshot(self.store).get(STATS)

    def evidence_of(self, fact: FactSummary) -> tuple[str | None, SourceSummary | None]:
        """The sentence a fact rests on and its source, from the index (no store query).

        >>> from armsgraph.store import OxigraphStore
        >>> Catalog(OxigraphStore()).evidence_of(FactSummary(
        ...     "fact/x", "urn:x", "transfer", None, (), None, None, None, None, {}))
        (None, None)
        """
        index = self._index()
        rec = index.fact_records.get(fact.iri)
        source = index.sources.get(fact.source) if fact.source is not None else None
        return (rec.sentence if rec is not None else None), source

    def labels(self) -> Mapping[str, str]:
        """Display label of every labelled IRI (entities and ontology terms)."""
        return self._index().labels

    # -- one thing ---------------------------------------------------------------------

    def resolve(self, text: str, what: str = "entity") -> str:
        """The IRI of the entity that ``text`` names: an IRI, an id (``state/JPN``), a
        label, alias or ISO code (:func:`armsgraph.ids.resolve`).

        Raises
        ------
        UnknownEntity
            ``no {what} {text!r} in the graph``.
        """
        index = self._index()
        try:
            return ids.resolve(text, index.entities, _lookup(index), what)
        except UnknownEntity:
            raise UnknownEntity(f"no {what} {text!r} in the graph") from None

    def entity(self, key: str, *, events: bool = True) -> EntityDetail:
        """One entity by id (``state/JPN``) or IRI, with its values, links and facts:
        one per event (:func:`armsgraph.views.events.events`: the statements of one threat
        from a headline and two quotes are one fact with ``statements`` and ``sources``),
        or every statement with ``events=False``.

        Raises
        ------
        UnknownEntity
            If the graph holds no entity with that id.
        """
        index = self._index()
        iri = self.resolve(key)
        summary = index.entities[iri]
        attributes: dict[str, list[Scalar]] = defaultdict(list)
        links: dict[str, list[EntityRef]] = defaultdict(list)
        for row in self.store.select(_Q_DESCRIBE, bindings={"s": URIRef(iri)}):
            p, o = row["p"], row["o"]
            if p == RDF.type:
                continue
            name = _key(str(p))
            if isinstance(o, URIRef) and str(o).startswith(_ID_PREFIX):
                links[name].append(self._ref(index, str(o)))
            elif isinstance(o, RdfLiteral | URIRef):
                attributes[name].append(_scalar(o))
        statements = [index.facts[index.fact_at[i]] for i in index.by_entity.get(iri, [])]
        facts = one_per_event(index.fact_records, statements) if events else statements
        return EntityDetail(
            entity=summary,
            attributes={k: tuple(v) for k, v in sorted(attributes.items())},
            links={k: tuple(v) for k, v in sorted(links.items())},
            facts=facts[: self.facts_per_detail],
            facts_total=len(facts),
            statements_total=len(statements),
        )

    def fact(self, key: str) -> FactDetail:
        """One statement by id (``fact/…`` or the key after it) with its evidence.

        Raises
        ------
        UnknownEntity
            If the graph holds no statement with that id.
        """
        index = self._index()
        key = ids.from_prefixed(key)
        iri = _iri_of(key if key.startswith(("fact/", _ID_PREFIX)) else f"fact/{key}")
        if iri not in index.fact_records:
            raise UnknownEntity(f"no fact {key!r} in the graph")
        summary = index.facts[index.fact_at[iri]]
        attributes: dict[str, list[Scalar]] = defaultdict(list)
        related: dict[str, list[str]] = defaultdict(list)
        values: dict[URIRef, Node] = {}
        for row in self.store.select(_Q_DESCRIBE, bindings={"s": URIRef(iri)}):
            p, o = row["p"], row["o"]
            if not isinstance(p, URIRef):
                continue
            if p in _FACT_FIELDS:
                values[p] = o
            elif isinstance(o, URIRef) and str(o) in index.fact_records:
                related[_key(str(p))].append(entity_key(str(o)))
            elif isinstance(o, RdfLiteral) or (
                isinstance(o, URIRef) and not str(p).startswith(str(ARMS))
            ):
                attributes[_key(str(p))].append(_scalar(o))
        sentence = values.get(ARMS.sentence)
        rule = values.get(ARMS.extractionRule)
        source = index.sources.get(summary.source) if summary.source is not None else None
        return FactDetail(
            fact=summary,
            evidence=Evidence(
                sentence=str(sentence) if sentence is not None else None,
                start=_int(values.get(ARMS.startChar)),
                end=_int(values.get(ARMS.endChar)),
                source=source,
            ),
            extraction_rule=str(rule) if rule is not None else None,
            attributes={k: tuple(v) for k, v in sorted(attributes.items())},
            related={k: tuple(v) for k, v in sorted(related.items())},
        )

    def source(self, key: str, *, events: bool = True) -> SourceDetail:
        """One source by key, with the size of its named graph and its facts: one per
        event, as :meth:`entity`, or every statement with ``events=False``.

        Raises
        ------
        UnknownEntity
            If no source has that key.
        """
        summary = self._index().sources.get(source_key(key))
        if summary is None:
            raise UnknownEntity(f"no source {key!r} in the graph")
        triples = 0
        if summary.graph is not None:
            rows = self.store.select(_Q_COUNT_GRAPH, bindings={"g": URIRef(summary.graph)})
            triples = (_int(rows[0].get("n")) or 0) if rows else 0
        statements = self.facts(FactFilter(source=summary.key))
        facts = one_per_event(self._index().fact_records, statements) if events else statements
        return SourceDetail(
            source=summary,
            triples=triples,
            facts=facts[: self.facts_per_detail],
            facts_total=len(facts),
            statements_total=len(statements),
        )

    def source_graph(self, key: str) -> URIRef:
        """The named graph that holds a source's statements.

        Raises
        ------
        UnknownEntity
            If no source has that key, or the source lies in no named graph.
        """
        summary = self._index().sources.get(source_key(key))
        if summary is None or summary.graph is None:
            raise UnknownEntity(f"no source {key!r} with a named graph in the graph")
        return URIRef(summary.graph)

    # -- building the index ------------------------------------------------------------

    def _index(self) -> _Index:
        # The index of the store's current snapshot (:mod:`armsgraph.store.snapshot`): made once per
        # generation, refreshed from the one before when only source graphs were added.
        return snapshot(self.store).get(INDEX)

    def _ref(self, index: _Index, iri: str) -> EntityRef:
        return _ref(index, iri)


class PerStore(Generic[T]):
    """One object per store, made by ``factory(store)`` on first use and shared after.

    >>> from armsgraph.store import OxigraphStore
    >>> s = OxigraphStore()
    >>> catalog(s) is catalog(s)
    True
    """

    def __init__(self, factory: Callable[[Store], T]):
        self.factory = factory
        self._made: weakref.WeakKeyDictionary[Store, T] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, store: Store) -> T:
        with self._lock:
            found = self._made.get(store)
            if found is None:
                found = self._made[store] = self.factory(store)
            return found


#: The one :class:`Catalog` of a store.
catalog: PerStore[Catalog] = PerStore(Catalog)



def _overlaps(value: str | None, low: str | None, high: str | None) -> bool:
    """Whether a date of any precision (``2023``, ``2023-12``, ``2023-12-20``) meets a range.

    >>> _overlaps("2023", "2023-06-01", None), _overlaps("2023-05", "2023-06-01", None)
    (True, False)
    """
    if value is None:
        return False
    text = value[:10]
    n = len(text)
    return (low is None or text >= low[:n]) and (high is None or text <= high[:n])
