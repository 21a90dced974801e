"""Read-side views of the graph: entities, facts and sources, as the API lists them.

A :class:`Catalog` wraps a :class:`~graph.store.Store`. Listing (search, filters,
pagination totals) works on an index of every entity, statement and source that is built
with a handful of SPARQL queries, once per snapshot of the store (:data:`INDEX`,
:mod:`graph.store.snapshot`), so a list request costs a scan of Python records rather than a
query. Looking one thing up
(:meth:`Catalog.entity`, :meth:`Catalog.fact`, :meth:`Catalog.source`) runs SPARQL with the
thing's IRI as a bound value.

Public names for types and statuses (``state``, ``production-licence``, ``granted`` …) are
fixed here, in :data:`ENTITY_TYPES`, :data:`FACT_TYPES` and :data:`STATUSES`; they map to
ontology terms, and a type filter includes subclasses (``organisation`` finds companies).

Examples
--------
>>> from graph.store import OxigraphStore
>>> from rdflib import Literal, RDF, RDFS
>>> from graph.namespace import ARMS
>>> from graph import ids
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
graph.errors.UnknownEntity: no entity 'state/XYZ' in the graph
"""

from __future__ import annotations

import pickle
import re
import threading
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Generic, Literal, TypeVar

from rdflib import RDF, RDFS, SKOS, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from .. import ids
from ..errors import InputError, UnknownEntity
from ..namespace import ARMS
from ..prefixes import sparql_prefixes
from ..reason import review as _review
from ..reason.review import EMPTY as EMPTY_OVERLAY
from ..reason.review import Overlay, overlay
from ..store import Change, Store, added_in
from ..store.snapshot import Part, code_key, snapshot

__all__ = [
    "source_key",
    "events",
    "ENTITY_TYPES",
    "FACT_TYPES",
    "STATUSES",
    "Scalar",
    "EntityRef",
    "EntitySummary",
    "EntityDetail",
    "FactSummary",
    "FactDetail",
    "Evidence",
    "SourceSummary",
    "SourceDetail",
    "FactFilter",
    "Page",
    "Catalog",
    "catalog",
    "PerStore",
    "EntityType",
    "FactType",
    "StatusName",
    "entity_key",
    "page",
]

EntityType = Literal[
    "state", "former-state", "organisation", "company", "government-body", "news-agency",
    "international-organisation", "alliance", "non-state-actor", "unknown-party", "person",
    "system", "lot", "category", "policy", "policy-version", "deal",
]
FactType = Literal[
    "transfer", "production-licence", "re-export-consent", "policy-decision", "threat",
    "request", "assurance", "backfill", "conflict-participation", "embargo", "membership",
]
StatusName = Literal[
    "delivered", "planned", "promised", "reported", "requested", "approved", "refused",
    "hypothetical", "conditional", "threatened", "required", "granted",
]

#: Public entity type names and the ontology classes they stand for (with subclasses).
ENTITY_TYPES: dict[EntityType, URIRef] = {
    "state": ARMS.State,
    "former-state": ARMS.FormerState,
    "organisation": ARMS.Organisation,
    "company": ARMS.Company,
    "government-body": ARMS.GovernmentBody,
    "news-agency": ARMS.NewsAgency,
    "international-organisation": ARMS.InternationalOrganisation,
    "alliance": ARMS.Alliance,
    "non-state-actor": ARMS.NonStateActor,
    "unknown-party": ARMS.UnknownParty,
    "person": ARMS.Person,
    "system": ARMS.WeaponSystem,
    "lot": ARMS.Lot,
    "category": ARMS.SystemCategory,
    "policy": ARMS.Policy,
    "policy-version": ARMS.PolicyVersion,
    "deal": ARMS.Deal,
}

#: Public statement type names and their ontology classes.
FACT_TYPES: dict[FactType, URIRef] = {
    "transfer": ARMS.Transfer,
    "production-licence": ARMS.ProductionLicence,
    "re-export-consent": ARMS.ReExportConsent,
    "policy-decision": ARMS.PolicyDecision,
    "threat": ARMS.Threat,
    "request": ARMS.Request,
    "assurance": ARMS.Assurance,
    "backfill": ARMS.Backfill,
    "conflict-participation": ARMS.ConflictParticipation,
    "embargo": ARMS.Embargo,
    "membership": ARMS.Membership,
}

#: Statuses a fact can have: its modality, or the status of a re-export consent. A name
#: may stand for two terms (``requested`` is a modality and a consent status).
STATUSES: dict[StatusName, tuple[URIRef, ...]] = {
    "delivered": (ARMS.Delivered,),
    "planned": (ARMS.Planned,),
    "promised": (ARMS.Promised,),
    "reported": (ARMS.Reported,),
    "requested": (ARMS.Requested, ARMS.ConsentRequested),
    "approved": (ARMS.Approved,),
    "refused": (ARMS.Refused, ARMS.ConsentRefused),
    "hypothetical": (ARMS.Hypothetical,),
    "conditional": (ARMS.Conditional,),
    "threatened": (ARMS.Threatened,),
    "required": (ARMS.ConsentRequired,),
    "granted": (ARMS.ConsentGranted,),
}

_PRECISIONS: dict[URIRef, str] = {
    ARMS.DayPrecision: "day",
    ARMS.MonthPrecision: "month",
    ARMS.YearPrecision: "year",
    ARMS.ApproximatePrecision: "approximate",
}

Scalar = str | int | float | bool
T = TypeVar("T")

_ID_PREFIX = str(ids.ID)
#: Where ingest writes: one named graph per source under this prefix.
_SOURCE_GRAPHS = str(ids.GRAPH["source/"])
_SCHEMA_URL = URIRef("https://schema.org/url")
_STATUS_OF: dict[URIRef, str] = {t: name for name, terms in STATUSES.items() for t in terms}
_ENTITY_SLUG: dict[URIRef, str] = {v: k for k, v in ENTITY_TYPES.items()}
_FACT_SLUG: dict[URIRef, str] = {v: k for k, v in FACT_TYPES.items()}
#: Predicates of a statement that the fact record shows in their own fields.
_FACT_FIELDS = {
    RDF.type, ARMS.modality, ARMS.consentStatus, ARMS.datePrecision, PROV.wasDerivedFrom,
    ARMS.sentence, ARMS.startChar, ARMS.endChar, ARMS.date, ARMS.confidence,
    ARMS.extractionRule,
}


def entity_key(iri: str) -> str:
    """The API id of an IRI: its path after ``/id/`` (other IRIs are kept whole).

    >>> entity_key("https://w3id.org/armsgraph/id/state/JPN")
    'state/JPN'
    """
    return iri[len(_ID_PREFIX):] if iri.startswith(_ID_PREFIX) else iri


def _iri_of(key: str) -> str:
    """Inverse of :func:`entity_key`; a full IRI given as a key is accepted as is."""
    return key if key.startswith(_ID_PREFIX) else _ID_PREFIX + key


def _snake(name: str) -> str:
    """``consentHolder`` → ``consent_holder``: JSON names of predicates."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


_CURIES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/2002/07/owl#": "owl",
    "http://www.w3.org/2004/02/skos/core#": "skos",
    "http://purl.org/dc/terms/": "dcterms",
    "http://www.w3.org/ns/prov#": "prov",
    "https://schema.org/": "schema",
}


def _key(predicate: str) -> str:
    """JSON name of a predicate: ``consent_holder`` for ours, ``skos:altLabel`` for others.

    >>> _key(str(ARMS.consentHolder)), _key("http://www.w3.org/2004/02/skos/core#altLabel")
    ('consent_holder', 'skos:altLabel')
    """
    if predicate.startswith(str(ARMS)):
        return _snake(predicate[len(str(ARMS)):])
    for ns, prefix in _CURIES.items():
        if predicate.startswith(ns):
            return f"{prefix}:{predicate[len(ns):]}"
    return predicate


def _scalar(term: Node) -> Scalar:
    """A literal as a JSON scalar: numbers and booleans as such, dates ISO, else text."""
    if not isinstance(term, RdfLiteral):
        return str(term)
    value = term.toPython()
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return str(term)


def _float(term: Node | None) -> float | None:
    value = _scalar(term) if term is not None else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(term: Node | None) -> int | None:
    value = _scalar(term) if term is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# -- records -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A link to a thing in the graph: its API id, IRI and display label."""

    id: str
    iri: str
    label: str


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity as lists show it."""

    id: str
    iri: str
    label: str
    types: tuple[str, ...]
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FactSummary:
    """A statement as lists show it: type, status, date, confidence, source and roles."""

    id: str
    iri: str
    type: str
    label: str | None
    status: tuple[str, ...]
    date: str | None
    date_precision: str | None
    confidence: float | None
    source: str | None
    roles: dict[str, tuple[EntityRef, ...]]
    #: "accepted by Ann on 2026-12-03" when an analyst reviewed it (see graph.reason.review).
    review: str | None = None
    #: Listed as one event (``FactFilter(events=True)``): the ids of every statement of
    #: the event (this one first) and the keys of their sources; empty otherwise.
    statements: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A source document: where facts come from."""

    key: str
    iri: str
    title: str | None
    outlet: str | None
    url: str | None
    issued: str | None
    reliability: float | None
    graph: str | None
    fact_count: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """What supports a fact: the sentence, where it stands in the source text, the source."""

    sentence: str | None
    start: int | None
    end: int | None
    source: SourceSummary | None


@dataclass(frozen=True, slots=True)
class FactDetail:
    """One statement with its evidence, extraction rule, values and related statements."""

    fact: FactSummary
    evidence: Evidence
    extraction_rule: str | None
    attributes: dict[str, tuple[Scalar, ...]]
    related: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class EntityDetail:
    """One entity: its values, its links to other entities, and the facts it is part of."""

    entity: EntitySummary
    attributes: dict[str, tuple[Scalar, ...]]
    links: dict[str, tuple[EntityRef, ...]]
    facts: list[FactSummary]
    facts_total: int


@dataclass(frozen=True, slots=True)
class SourceDetail:
    """One source with the facts it states."""

    source: SourceSummary
    triples: int
    facts: list[FactSummary]
    facts_total: int


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: the items and how many there are in all."""

    total: int
    limit: int
    offset: int
    items: list[T]


def page(items: list[T], limit: int, offset: int) -> Page[T]:
    """Cut ``items`` to one page.

    >>> page(list("abcde"), 2, 3)
    Page(total=5, limit=2, offset=3, items=['d', 'e'])
    """
    return Page(len(items), limit, offset, items[offset:offset + limit])


@dataclass(frozen=True, slots=True)
class FactFilter:
    """Which facts to list; every field set narrows the list (ids as in the API)."""

    type: FactType | None = None
    status: StatusName | None = None
    source: str | None = None
    party: str | None = None
    item: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    #: Apply analyst reviews (the curated graph); False lists the facts as extracted.
    reviewed: bool = True
    #: One item per event: statements of the same type, status and parties (who said it
    #: aside) at compatible dates are listed once, with every statement and source.
    events: bool = False

    def __post_init__(self) -> None:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise InputError(
                f"date_from {self.date_from} is after date_to {self.date_to}"
            )


# -- the index ---------------------------------------------------------------------------


@dataclass
class _Fact:
    iri: str
    types: set[str] = field(default_factory=set)
    status: set[str] = field(default_factory=set)
    date: str | None = None
    precision: str | None = None
    confidence: float | None = None
    source: str | None = None
    roles: dict[str, list[str]] = field(default_factory=dict)
    items: set[str] = field(default_factory=set)
    sentence: str | None = None


@dataclass
class _Index:
    entities: dict[str, EntitySummary]
    names: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    facts: list[FactSummary]
    fact_at: dict[str, int]
    fact_records: dict[str, _Fact]
    sources: dict[str, SourceSummary]
    by_entity: dict[str, list[int]]
    #: Every class with its superclasses, and every item with its wider systems: kept so
    #: that an incremental refresh reads them from here instead of the store.
    supers: dict[str, set[str]] = field(default_factory=dict)
    ancestors: dict[str, set[str]] = field(default_factory=dict)
    #: Casefolded name → IRI, made on first use (:meth:`Catalog.resolve`).
    lookup: dict[str, str] | None = None
    #: What analyst reviews hide, write and mark at this index's generation.
    overlay: Overlay = EMPTY_OVERLAY


_TYPE_PRIORITY = {"state": 0, "former-state": 0, "system": 1, "organisation": 2}


def _lookup(index: _Index) -> dict[str, str]:
    """Every name, alias and code of an entity → its IRI. A name shared by several
    entities names a state first, then a system, then an organisation, then by IRI."""
    if index.lookup is None:
        def rank(iri: str) -> tuple[int, str]:
            e = index.entities[iri]
            return min((_TYPE_PRIORITY.get(t, 9) for t in e.types), default=9), iri

        lookup: dict[str, str] = {}
        for iri in sorted(index.entities, key=rank, reverse=True):
            for name in index.names.get(iri, ()):
                lookup[name.casefold()] = iri
        index.lookup = lookup
    return index.lookup


def source_key(text: str) -> str:
    """A source's key from any form an answer gives it: the key, ``source/KEY`` or its IRI.

    >>> source_key("https://w3id.org/armsgraph/id/source/15aa"), source_key("source/15aa")
    ('15aa', '15aa')
    """
    text = text.strip()
    for prefix in (str(ids.ID["source/"]), "source/"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


_Q_SUBCLASSES = sparql_prefixes("rdfs") + """
SELECT ?sub ?sup WHERE { ?sub rdfs:subClassOf ?sup . FILTER(isIRI(?sub) && isIRI(?sup)) }
"""

_Q_TYPED = """
SELECT DISTINCT ?e ?cls ?prefix WHERE {
  ?e a ?cls . FILTER(isIRI(?e) && STRSTARTS(STR(?e), ?prefix))
}
"""

_Q_NAMES = sparql_prefixes("rdfs", "skos", "arms") + """
SELECT DISTINCT ?e ?p ?name ?prefix WHERE {
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:hiddenLabel arms:designation
              arms:iso3166Alpha2 arms:iso3166Alpha3 }
  ?e ?p ?name . FILTER(isIRI(?e) && isLiteral(?name) && STRSTARTS(STR(?e), ?prefix))
}
"""

_Q_STATEMENTS = sparql_prefixes("rdfs") + """
SELECT DISTINCT ?f ?p ?o WHERE {
  %s
  ?f a ?cls ; ?p ?o .
  FILTER(isIRI(?f))
}
"""

_Q_ITEM_ANCESTORS = sparql_prefixes("arms") + """
SELECT DISTINCT ?i ?anc WHERE { ?i arms:partOf|arms:ofSystem ?anc . FILTER(isIRI(?anc)) }
"""

_Q_SOURCES = """
SELECT DISTINCT ?s ?p ?o ?source WHERE { ?s a ?source ; ?p ?o . FILTER(isIRI(?s)) }
"""

_Q_SOURCE_GRAPHS = """
SELECT DISTINCT ?s ?g ?source WHERE { GRAPH ?g { ?s a ?source } }
"""

_Q_DESCRIBE = """SELECT ?s ?p ?o WHERE { ?s ?p ?o }"""

# The incremental refresh: each query reads what the new named graphs ?g name (their
# subjects), with everything the whole store says about those subjects. The graphs come in
# one VALUES block (``%s``), so a refresh asks five queries however many graphs it adds.
_Q_SUBJECTS_IN = """SELECT DISTINCT ?s ?g WHERE { %s GRAPH ?g { ?s ?p ?o } }"""

_Q_STRUCTURE_IN = sparql_prefixes("rdfs", "arms") + """
ASK { %s GRAPH ?g { ?a rdfs:subClassOf|arms:partOf|arms:ofSystem ?b } }
"""

_Q_TYPED_IN = """
SELECT DISTINCT ?e ?cls ?prefix ?g WHERE {
  %s
  GRAPH ?g { ?e ?gp ?go } ?e a ?cls . FILTER(isIRI(?e) && STRSTARTS(STR(?e), ?prefix))
}
"""

_Q_NAMES_IN = sparql_prefixes("rdfs", "skos", "arms") + """
SELECT DISTINCT ?e ?p ?name ?prefix ?g WHERE {
  %s
  GRAPH ?g { ?e ?gp ?go }
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:hiddenLabel arms:designation
              arms:iso3166Alpha2 arms:iso3166Alpha3 }
  ?e ?p ?name . FILTER(isIRI(?e) && isLiteral(?name) && STRSTARTS(STR(?e), ?prefix))
}
"""

_Q_STATEMENTS_IN = """
SELECT DISTINCT ?f ?p ?o ?g WHERE {
  %s
  %s
  GRAPH ?g { ?f ?gp ?go }
  ?f a ?cls ; ?p ?o .
  FILTER(isIRI(?f))
}
"""

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
        are ordered by label.
        """
        index = self._index()
        found = [
            e for e in index.entities.values() if type is None or type in e.types
        ]
        if not q:
            return sorted(found, key=lambda e: (e.label.casefold(), e.id))
        needle = q.casefold().strip()
        ranked: list[tuple[int, str, str, EntitySummary]] = []
        for e in found:
            names = [n.casefold() for n in index.names.get(e.iri, ())]
            if any(n == needle for n in names):
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
        return events(index.fact_records, out) if w.events else out

    def sources(self) -> list[SourceSummary]:
        """Every source, newest first (by ``dcterms:issued``), then by key."""
        found = sorted(self._index().sources.values(), key=lambda s: s.key)
        return sorted(found, key=lambda s: s.issued or "", reverse=True)

    def stats(self) -> tuple[int, int]:
        """How many quads and named graphs the store holds (once per snapshot)."""
        return snapshot(self.store).get(STATS)

    def evidence_of(self, fact: FactSummary) -> tuple[str | None, SourceSummary | None]:
        """The sentence a fact rests on and its source, from the index (no store query).

        >>> from graph.store import OxigraphStore
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
        label, alias or ISO code (:func:`graph.ids.resolve`).

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

    def entity(self, key: str) -> EntityDetail:
        """One entity by id (``state/JPN``) or IRI, with its values, links and facts.

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
        positions = index.by_entity.get(iri, [])
        return EntityDetail(
            entity=summary,
            attributes={k: tuple(v) for k, v in sorted(attributes.items())},
            links={k: tuple(v) for k, v in sorted(links.items())},
            facts=[index.facts[i] for i in positions[: self.facts_per_detail]],
            facts_total=len(positions),
        )

    def fact(self, key: str) -> FactDetail:
        """One statement by id (``fact/…`` or the key after it) with its evidence.

        Raises
        ------
        UnknownEntity
            If the graph holds no statement with that id.
        """
        index = self._index()
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

    def source(self, key: str) -> SourceDetail:
        """One source by key, with the size of its named graph and its facts.

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
        facts = self.facts(FactFilter(source=summary.key))
        return SourceDetail(
            source=summary,
            triples=triples,
            facts=facts[: self.facts_per_detail],
            facts_total=len(facts),
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
        # The index of the store's current snapshot (:mod:`graph.store.snapshot`): made once per
        # generation, refreshed from the one before when only source graphs were added.
        return snapshot(self.store).get(INDEX)

    def _ref(self, index: _Index, iri: str) -> EntityRef:
        return _ref(index, iri)


def _ref(index: _Index, iri: str) -> EntityRef:
    return EntityRef(entity_key(iri), iri, index.labels.get(iri) or entity_key(iri))

def _build_index(store: Store) -> _Index:
    """The read index from the whole store."""
    prefix = {"prefix": RdfLiteral(_ID_PREFIX)}
    supers = _closure((str(r["sub"]), str(r["sup"])) for r in store.select(_Q_SUBCLASSES))
    for cls in (*ENTITY_TYPES.values(), *FACT_TYPES.values()):
        supers[str(cls)].add(str(cls))

    labels, names = _names(store.select(_Q_NAMES, bindings=prefix))
    types: dict[str, set[str]] = defaultdict(set)
    for row in store.select(_Q_TYPED, bindings=prefix):
        for sup in supers.get(str(row["cls"]), {str(row["cls"])}):
            slug = _ENTITY_SLUG.get(URIRef(sup))
            if slug is not None:
                types[str(row["e"])].add(slug)
    entities = {
        iri: EntitySummary(
            id=entity_key(iri),
            iri=iri,
            label=labels.get(iri) or entity_key(iri),
            types=tuple(sorted(t)),
            aliases=tuple(n for n in names.get(iri, ()) if n != labels.get(iri)),
        )
        for iri, t in types.items()
    }
    for iri, label in _ontology_labels(store).items():
        labels.setdefault(iri, label)

    ancestors = _closure(
        ((str(r["i"]), str(r["anc"])) for r in store.select(_Q_ITEM_ANCESTORS)),
        reflexive=False,
    )
    statement_classes = sorted(
        {str(ARMS.Statement)} | {c for c, sups in supers.items() if str(ARMS.Statement) in sups}
    )
    records = _facts(store.select(_Q_STATEMENTS % _values("cls", statement_classes)), supers)
    for rec in records.values():
        for item in rec.roles.get("item", []):
            rec.items.add(item)
            rec.items.update(ancestors.get(item, ()))

    index = _Index(entities, names, labels, [], {}, records, {}, defaultdict(list),
                   supers=supers, ancestors=ancestors, overlay=overlay(store))
    counts = _list_facts(index, {})
    index.sources = _sources(store, counts)
    return index

def _list_facts(index: _Index, summaries: Mapping[str, FactSummary]) -> dict[str, int]:
    """Fill ``index.facts``, ``fact_at`` and ``by_entity`` from ``index.fact_records``,
    newest first; a summary in ``summaries`` is reused, others are made. Returns how
    many facts cite each source."""
    ordered = sorted(index.fact_records.values(), key=lambda r: r.iri)
    ordered.sort(key=lambda r: r.date or "", reverse=True)
    counts: dict[str, int] = defaultdict(int)
    for rec in ordered:
        index.fact_at[rec.iri] = len(index.facts)
        summary = summaries.get(rec.iri)
        index.facts.append(summary if summary is not None else _summary(index, rec))
        if rec.source is not None:
            counts[rec.source] += 1
        for iri in {v for vs in rec.roles.values() for v in vs} | rec.items:
            index.by_entity[iri].append(len(index.facts) - 1)
    return counts

def _refresh(store: Store, old: _Index, graphs: list[URIRef]) -> _Index | None:
    """A new index: ``old`` with what the new named ``graphs`` add; ``old`` is unchanged.

    Every IRI that a new graph says something about is read again over the whole store
    (its types, names, statement values, source record), so its records are the ones
    a full build makes. ``None`` (build from scratch) when a graph changes what is
    kept from the rest of the store: class or part-of hierarchies, names of IRIs
    outside ``/id/``, or statements that old statements refer to.
    """
    prefix = RdfLiteral(_ID_PREFIX)
    touched: set[str] = set()
    in_graphs = _values("g", graphs)
    if store.ask(_Q_STRUCTURE_IN % in_graphs):
        return None
    for row in store.select(_Q_SUBJECTS_IN % in_graphs):
        if isinstance(row["s"], URIRef):
            if not str(row["s"]).startswith(_ID_PREFIX):
                return None
            touched.add(str(row["s"]))
    statement_classes = sorted(
        {c for c, sups in old.supers.items() if str(ARMS.Statement) in sups}
        | {str(ARMS.Statement)}
    )
    bound = {"prefix": prefix}
    name_rows = store.select(_Q_NAMES_IN % in_graphs, bindings=bound)
    typed_rows = store.select(_Q_TYPED_IN % in_graphs, bindings=bound)
    fact_rows = store.select(
        _Q_STATEMENTS_IN % (_values("cls", statement_classes), in_graphs)
    )

    new_labels, new_names = _names(name_rows)
    labels = dict(old.labels)
    labels.update(new_labels)
    names = dict(old.names)
    names.update(new_names)
    changed = {iri for iri in touched if labels.get(iri) != old.labels.get(iri)}

    types: dict[str, set[str]] = defaultdict(set)
    sources_touched: set[str] = set()
    for row in typed_rows:
        if row["cls"] == ARMS.Source:
            sources_touched.add(str(row["e"]))
        for sup in old.supers.get(str(row["cls"]), {str(row["cls"])}):
            slug = _ENTITY_SLUG.get(URIRef(sup))
            if slug is not None:
                types[str(row["e"])].add(slug)
    entities = dict(old.entities)
    for iri, t in types.items():
        entities[iri] = EntitySummary(
            id=entity_key(iri),
            iri=iri,
            label=labels.get(iri) or entity_key(iri),
            types=tuple(sorted(t)),
            aliases=tuple(n for n in names.get(iri, ()) if n != labels.get(iri)),
        )

    new_records = _facts(fact_rows, old.supers, known=old.fact_records)
    if any(iri in old.by_entity for iri in new_records if iri not in old.fact_records):
        return None  # an old statement names a new one: its roles would change
    for rec in new_records.values():
        for item in rec.roles.get("item", []):
            rec.items.add(item)
            rec.items.update(old.ancestors.get(item, ()))
    records = dict(old.fact_records)
    records.update(new_records)

    # A new article may bring back the statement of a review that matched nothing
    # (only source graphs were added: without reviews before, there are none now).
    reviews = overlay(store) if old.overlay.reviews else old.overlay
    # Summaries are reused unless their statement is new, shows a label that changed
    # or has another review mark.
    stale = set(new_records) | changed
    for iri in changed:
        stale.update(old.facts[i].iri for i in old.by_entity.get(iri, ()))
    stale.update(i for i in {*old.overlay.marks, *reviews.marks}
                 if old.overlay.marks.get(i) != reviews.marks.get(i))
    kept = {f.iri: f for f in old.facts if f.iri not in stale}
    index = _Index(entities, names, labels, [], {}, records, {}, defaultdict(list),
                   supers=old.supers, ancestors=old.ancestors, overlay=reviews)
    counts = _list_facts(index, kept)
    sources = {
        key: s if s.fact_count == counts.get(key, 0)
        else replace(s, fact_count=counts.get(key, 0))
        for key, s in old.sources.items()
    }
    for iri in sorted(sources_touched):
        sources.update(_sources(store, counts, only=URIRef(iri)))
    index.sources = sources
    return index

def _summary(index: _Index, rec: _Fact) -> FactSummary:
    fact_type = next(
        (slug for cls, slug in _FACT_SLUG.items() if str(cls) in rec.types), "statement"
    )
    return FactSummary(
        id=entity_key(rec.iri),
        iri=rec.iri,
        type=fact_type,
        label=index.labels.get(rec.iri),
        status=tuple(sorted(rec.status)),
        date=rec.date,
        date_precision=rec.precision,
        confidence=rec.confidence,
        source=rec.source,
        roles={
            role: tuple(_ref(index, v) for v in vs)
            for role, vs in sorted(rec.roles.items())
        },
        review=mark.text() if (mark := index.overlay.marks.get(rec.iri)) else None,
    )




def _refresh_index(store: Store, old: _Index, changes: list[Change]) -> _Index | None:
    added = added_in(changes, _SOURCE_GRAPHS)
    if added is None:
        return None
    return _refresh(store, old, added) if added else old


def _save_index(index: _Index, folder: Path) -> None:
    with (folder / "index.pickle").open("wb") as f:
        pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)


def _load_index(folder: Path) -> _Index:
    with (folder / "index.pickle").open("rb") as f:
        index = pickle.load(f)  # noqa: S301 - our own file, keyed by content and code
    if not isinstance(index, _Index):
        raise TypeError(f"{folder} holds no read index")
    return index


#: The read index as a part of a store's snapshot (:mod:`graph.store.snapshot`), saved beside
#: an on-disk store: with the SIPRI register a build reads ~800,000 quads (tens of
#: seconds), a load of the saved index about a second.
INDEX: Part[_Index] = Part(
    "index", build=_build_index, refresh=_refresh_index, save=_save_index, load=_load_index,
    code=code_key(__file__, _review.__file__, ids.__file__),
)
#: How many quads and named graphs the store holds, per snapshot.
STATS: Part[tuple[int, int]] = Part("stats", build=lambda s: (len(s), len(s.graphs())))


#: Roles that say who stated or passed on a statement, not who takes part in the event.
_ATTRIBUTION_ROLES = frozenset({"speaker", "attributed_to", "reported_via"})


def _compatible(a: str | None, b: str | None) -> bool:
    """Dates that may name the same time: equal, or one a coarser prefix of the other."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def events(
    records: Mapping[str, _Fact], facts: Sequence[FactSummary]
) -> list[FactSummary]:
    """``facts`` with the statements of one event merged into one item.

    Statements are one event when they have the same type, the same status and the same
    parties in the same roles (leaving aside who said it: speaker, attributed_to,
    reported_via), and dates that do not contradict each other (equal, one coarser, or
    missing): the same threat read from a headline and from two quotes. The item is the
    event's most confident statement (then the dated, then the first listed), with
    ``statements`` (that one first) and ``sources``; order is kept.
    """
    keyed: dict[tuple[object, ...], list[list[FactSummary]]] = defaultdict(list)
    order: list[list[FactSummary]] = []
    for f in facts:
        rec = records.get(f.iri)
        roles = rec.roles if rec is not None else {}
        key = (f.type, f.status, tuple(sorted(
            (role, tuple(sorted(vs))) for role, vs in roles.items()
            if role not in _ATTRIBUTION_ROLES)))
        for group in keyed[key]:
            if all(_compatible(f.date, g.date) for g in group):
                group.append(f)
                break
        else:
            group = [f]
            keyed[key].append(group)
            order.append(group)
    out = []
    for group in order:
        lead = max(group, key=lambda g: (g.confidence or 0.0, g.date is not None,
                                         -group.index(g)))
        members = [lead, *(g for g in group if g is not lead)]
        sources = tuple(dict.fromkeys(g.source for g in members if g.source is not None))
        out.append(replace(lead, statements=tuple(g.id for g in members), sources=sources))
    return out


class PerStore(Generic[T]):
    """One object per store, made by ``factory(store)`` on first use and shared after.

    >>> from graph.store import OxigraphStore
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


#: Properties of names, in the order :func:`_names` lists their values.
_NAME_ORDER = {
    str(p): i for i, p in enumerate((
        RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, ARMS.designation,
        ARMS.iso3166Alpha2, ARMS.iso3166Alpha3,
    ))
}


def _names(rows: Iterable[dict[str, Node]]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Display labels (English or untagged rdfs:label first) and all names of each IRI.

    Names are listed in the order of their properties (:data:`_NAME_ORDER`), then
    alphabetically: the same from every store, whatever order its answer rows come in.
    """
    labels: dict[str, tuple[int, str]] = {}
    names: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        iri, p, name = str(row["e"]), row["p"], row["name"]
        text = str(name)
        order = _NAME_ORDER.get(str(p), len(_NAME_ORDER))
        names[iri][text] = min(order, names[iri].get(text, order))
        lang = name.language if isinstance(name, RdfLiteral) else None
        rank = (0 if p == RDFS.label else 2 if p == SKOS.prefLabel else 9) + (
            0 if lang in (None, "en") else 1
        )
        if rank < 9 and (iri not in labels or (rank, text) < labels[iri]):
            labels[iri] = (rank, text)
    listed = {k: tuple(sorted(v, key=lambda n: (v[n], n))) for k, v in names.items()}
    return {k: v[1] for k, v in labels.items()}, listed


def _closure(edges: Iterable[tuple[str, str]], *, reflexive: bool = True) -> dict[str, set[str]]:
    """Everything each node reaches over ``edges`` (and itself when ``reflexive``).

    The transitive paths are followed here rather than by a ``p*`` or ``p+`` property path
    in SPARQL: Virtuoso refuses paths with neither end bound ("transitive start not given")
    and answers wrongly when only the far end is bound.

    >>> sorted(_closure([("a", "b"), ("b", "c")], reflexive=False)["a"])
    ['b', 'c']
    >>> sorted(_closure([("a", "b")])["b"])
    ['b']
    """
    direct: dict[str, set[str]] = defaultdict(set)
    nodes: set[str] = set()
    for low, high in edges:
        direct[low].add(high)
        nodes.update((low, high))
    out: dict[str, set[str]] = defaultdict(set)
    for node in nodes:
        seen: set[str] = {node} if reflexive else set()
        todo = list(direct.get(node, ()))
        while todo:
            nxt = todo.pop()
            if nxt not in seen:
                seen.add(nxt)
                todo.extend(direct.get(nxt, ()))
        if seen:
            out[node] = seen
    return out


def _values(var: str, iris: Iterable[str]) -> str:
    """A ``VALUES ?var { <iri> … }`` block of IRIs taken from the store (ontology classes,
    named graphs), each written by rdflib (``URIRef.n3()``), never text from a user."""
    return f"VALUES ?{var} {{ {' '.join(URIRef(i).n3() for i in iris)} }}"


def _ontology_labels(store: Store) -> dict[str, str]:
    """English labels of ontology terms (statuses, categories) for display."""
    rows = store.select(
        "SELECT ?t ?label ?ns WHERE { ?t <http://www.w3.org/2000/01/rdf-schema#label> ?label . "
        "FILTER(STRSTARTS(STR(?t), ?ns) && (LANG(?label) = 'en' || LANG(?label) = ''))}",
        bindings={"ns": RdfLiteral(str(ARMS))},
    )
    return {str(r["t"]): str(r["label"]) for r in rows}


def _facts(
    rows: Iterable[dict[str, Node]],
    supers: Mapping[str, set[str]],
    known: Mapping[str, _Fact] | None = None,
) -> dict[str, _Fact]:
    """Fact records from (statement, predicate, object) rows.

    A role value that is itself a statement (of these rows or of ``known``) is dropped.
    """
    known = known or {}
    records: dict[str, _Fact] = {}
    for row in rows:
        iri, p, o = str(row["f"]), row["p"], row["o"]
        rec = records.get(iri)
        if rec is None:
            rec = records[iri] = _Fact(iri)
        if p == RDF.type:
            rec.types.update(supers.get(str(o), {str(o)}))
        elif p in (ARMS.modality, ARMS.consentStatus) and isinstance(o, URIRef):
            if o in _STATUS_OF:
                rec.status.add(_STATUS_OF[o])
        elif p == ARMS.datePrecision and isinstance(o, URIRef):
            rec.precision = _PRECISIONS.get(o)
        elif p == ARMS.date:
            rec.date = str(o)
        elif p == ARMS.confidence:
            rec.confidence = _float(o)
        elif p == ARMS.sentence:
            rec.sentence = str(o)
        elif p == PROV.wasDerivedFrom:
            rec.source = entity_key(str(o)).removeprefix("source/")
        elif p not in _FACT_FIELDS and isinstance(o, URIRef) and str(p).startswith(str(ARMS)):
            rec.roles.setdefault(_key(str(p)), []).append(str(o))
    for rec in records.values():
        for role, values in list(rec.roles.items()):
            kept = sorted(v for v in values if v not in records and v not in known)
            if kept:
                rec.roles[role] = kept
            else:
                del rec.roles[role]
    return records


def _sources(
    store: Store, counts: Mapping[str, int], only: URIRef | None = None
) -> dict[str, SourceSummary]:
    """Source records with their named graph and how many facts cite them.

    With ``only``, the record of that one source (an incremental refresh).
    """
    bound: dict[str, Node] = {"source": ARMS.Source}
    if only is not None:
        bound["s"] = only
    graphs: dict[str, str] = {}
    for row in store.select(_Q_SOURCE_GRAPHS, bindings=bound):
        iri, graph = str(row["s"]), str(row["g"])
        own = str(ids.source_graph(entity_key(iri).removeprefix("source/")))
        # Its own graph if it has one, else the first by name (not by the store's row order).
        if graph == own or iri not in graphs or (graphs[iri] != own and graph < graphs[iri]):
            graphs[iri] = graph
    values: dict[str, dict[URIRef, Node]] = defaultdict(dict)
    for row in store.select(_Q_SOURCES, bindings=bound):
        p = row["p"]
        if isinstance(p, URIRef):
            values[str(row["s"])].setdefault(p, row["o"])
    out = {}
    for iri, v in values.items():
        key = entity_key(iri).removeprefix("source/")
        issued, url = v.get(DCTERMS.issued), v.get(_SCHEMA_URL)
        title, outlet = v.get(DCTERMS.title), v.get(ARMS.outlet)
        out[key] = SourceSummary(
            key=key,
            iri=iri,
            title=str(title) if title is not None else None,
            outlet=str(outlet) if outlet is not None else None,
            url=str(url) if url is not None else None,
            issued=str(issued) if issued is not None else None,
            reliability=_float(v.get(ARMS.reliability)),
            graph=graphs.get(iri),
            fact_count=counts.get(key, 0),
        )
    return out


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

