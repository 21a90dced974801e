"""The read index: every entity, statement and source of a store as Python records, built with
a handful of SPARQL queries once per snapshot (:data:`INDEX`, :mod:`armsgraph.store.snapshot`),
refreshed by difference when articles are added, saved beside an on-disk store."""

from __future__ import annotations

import pickle
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from .. import ids
from ..namespace import ARMS
from ..prefixes import sparql_prefixes
from ..reason import review as _review
from ..reason.review import EMPTY as EMPTY_OVERLAY
from ..reason.review import Overlay, overlay
from ..store import Change, Store, added_in
from ..store.snapshot import Part, code_key
from . import records as _records
from . import vocab as _vocab
from .records import EntityRef, EntitySummary, FactSummary, SourceSummary
from .vocab import (
    _ENTITY_SLUG,
    _FACT_FIELDS,
    _FACT_SLUG,
    _ID_PREFIX,
    _PRECISIONS,
    _SCHEMA_URL,
    _SOURCE_GRAPHS,
    _STATUS_OF,
    ENTITY_TYPES,
    FACT_TYPES,
    _float,
    _key,
    entity_key,
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
    #: Each statement's place in ``facts``.
    fact_at: dict[str, int]
    fact_records: dict[str, _Fact]
    sources: dict[str, SourceSummary]
    #: Each entity's statements (IRIs, in the order of ``facts``).
    by_entity: dict[str, list[str]]
    #: Every class with its superclasses, and every item with its wider systems: kept so
    #: that an incremental refresh reads them from here instead of the store.
    supers: dict[str, set[str]] = field(default_factory=dict)
    ancestors: dict[str, set[str]] = field(default_factory=dict)
    #: Casefolded name → IRI, made on first use (:meth:`armsgraph.views.catalog.Catalog.resolve`).
    lookup: dict[str, str] | None = None
    #: What analyst reviews hide, write and mark at this index's generation.
    overlay: Overlay = EMPTY_OVERLAY
    #: How many statements cite each source (IRI), kept so a refresh counts by difference.
    source_counts: dict[str, int] = field(default_factory=dict)


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

_Q_ONTOLOGY_LABELS = sparql_prefixes("rdfs") + """
SELECT ?t ?label ?ns WHERE {
  ?t rdfs:label ?label .
  FILTER(STRSTARTS(STR(?t), ?ns) && (LANG(?label) = 'en' || LANG(?label) = ''))
}
"""

_Q_SOURCES = """
SELECT DISTINCT ?s ?p ?o ?source WHERE { ?s a ?source ; ?p ?o . FILTER(isIRI(?s)) }
"""

_Q_SOURCE_GRAPHS = """
SELECT DISTINCT ?s ?g ?source WHERE { GRAPH ?g { ?s a ?source } }
"""


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

    index = _Index(entities, names, labels, [], {}, records, {}, {},
                   supers=supers, ancestors=ancestors, overlay=overlay(store))
    _list_facts(index, {})
    index.sources = _sources(store, index.source_counts)
    _share_values(index)
    return index


def _share_values(index: _Index) -> None:
    """Make equal values of the facts one object each (role references, IRIs, dates,
    statuses), so pickle writes each once: with the register 32,000 facts name a few
    thousand entities in ~100,000 role references. Only the index being built is changed
    (summaries are replaced by equal ones at the same places)."""
    pool: dict[Any, Any] = {}

    def one(x: Any) -> Any:
        return pool.setdefault(x, x)

    for i, f in enumerate(index.facts):
        index.facts[i] = replace(
            f, type=one(f.type), status=one(f.status), date=one(f.date),
            date_precision=one(f.date_precision), source=one(f.source),
            roles={one(r): one(tuple(one(e) for e in refs)) for r, refs in f.roles.items()})
    for rec in index.fact_records.values():
        rec.types = {one(t) for t in rec.types}
        rec.status = {one(t) for t in rec.status}
        rec.items = {one(t) for t in rec.items}
        rec.roles = {one(r): [one(v) for v in vs] for r, vs in rec.roles.items()}
        rec.date, rec.precision, rec.source = one(rec.date), one(rec.precision), one(rec.source)

def _order(date: str | None, iri: str) -> tuple[tuple[int, ...], str]:
    """The listing order of statements as an ascending key: newest date first (ISO dates
    compared as text, a more precise date before its year: ``2024-05`` before ``2024``,
    undated last), then by IRI.

    >>> dated = [("2024", "c"), (None, "a"), ("2024-05", "b"), ("2023-01-02", "a")]
    >>> [i for _, i in sorted(dated, key=lambda d: _order(*d))]
    ['b', 'c', 'a', 'a']
    """
    return (*(-ord(c) for c in date or ""), 1), iri


def _entities_of(rec: _Fact) -> set[str]:
    """The entities a statement is listed under: every role value and every item family."""
    return {v for vs in rec.roles.values() for v in vs} | rec.items


def _list_facts(index: _Index, summaries: Mapping[str, FactSummary]) -> None:
    """Fill ``index.facts``, ``fact_at``, ``by_entity`` and ``source_counts`` from
    ``index.fact_records``, in :func:`_order`; a summary in ``summaries`` is reused,
    others are made."""
    ordered = sorted(index.fact_records.values(), key=lambda r: _order(r.date, r.iri))
    counts: dict[str, int] = defaultdict(int)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for rec in ordered:
        index.fact_at[rec.iri] = len(index.facts)
        summary = summaries.get(rec.iri)
        index.facts.append(summary if summary is not None else _summary(index, rec))
        if rec.source is not None:
            counts[rec.source] += 1
        for iri in _entities_of(rec):
            by_entity[iri].append(rec.iri)
    index.by_entity = dict(by_entity)
    index.source_counts = dict(counts)


#: Above this share of stale statements a refresh lists every statement again
#: (:func:`_list_facts`) instead of moving the stale ones (:func:`_relist_facts`).
_RELIST_SHARE = 0.1


def _relist_facts(index: _Index, old: _Index, stale: set[str]) -> None:
    """Like :func:`_list_facts`, by difference from ``old`` (left unchanged): the
    ``stale`` statements leave their places and come back with a new summary, every other
    summary and entity list is reused. With the register an ingest touches tens of its
    32,000 statements: relisting all of them cost ~0.4 s of CPU under the interpreter lock
    per ingest, and the ~100,000 objects it made a full collection at the next freeze."""
    records = index.fact_records
    facts = [f for f in old.facts if f.iri not in stale]
    by_entity = dict(old.by_entity)
    counts = dict(old.source_counts)
    copied: set[str] = set()

    def listed(entity: str) -> list[str]:
        if entity not in copied:  # old lists are shared with old readers: copy on write
            by_entity[entity] = list(by_entity.get(entity, ()))
            copied.add(entity)
        return by_entity[entity]

    for iri in stale:
        prev = old.fact_records.get(iri)
        if prev is None:
            continue
        for entity in _entities_of(prev):
            listed(entity).remove(iri)
            if not by_entity[entity]:
                del by_entity[entity]
                copied.discard(entity)
        if prev.source is not None:
            counts[prev.source] -= 1
            if not counts[prev.source]:
                del counts[prev.source]

    def place(i: str) -> tuple[tuple[int, ...], str]:
        return _order(records[i].date, i)

    for iri in sorted((i for i in stale if i in records), key=place):
        rec = records[iri]
        insort(facts, _summary(index, rec), key=lambda f: _order(f.date, f.iri))
        for entity in _entities_of(rec):
            insort(listed(entity), iri, key=place)
        if rec.source is not None:
            counts[rec.source] = counts.get(rec.source, 0) + 1
    index.facts = facts
    index.fact_at = {f.iri: i for i, f in enumerate(facts)}
    index.by_entity = by_entity
    index.source_counts = counts

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

    # A new article may bring back the statement of a review that matched nothing, and a
    # review graph changes the reviews (without reviews before and none added, there are
    # none now).
    reviewed = old.overlay.reviews or any(str(g).startswith(ids.REVIEW_GRAPHS) for g in graphs)
    reviews = overlay(store) if reviewed else old.overlay
    # Summaries are reused unless their statement is new, shows a label that changed
    # or has another review mark.
    stale = set(new_records) | changed
    for iri in changed:
        stale.update(old.by_entity.get(iri, ()))
    stale.update(i for i in {*old.overlay.marks, *reviews.marks}
                 if old.overlay.marks.get(i) != reviews.marks.get(i))
    index = _Index(entities, names, labels, [], {}, records, {}, {},
                   supers=old.supers, ancestors=old.ancestors, overlay=reviews)
    if len(stale) > _RELIST_SHARE * len(old.facts):
        _list_facts(index, {f.iri: f for f in old.facts if f.iri not in stale})
    else:
        _relist_facts(index, old, stale)
    counts = index.source_counts
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
    # Ingests add source graphs, reviews add review graphs (``armsgraph review …``).
    added = added_in(changes, (_SOURCE_GRAPHS, ids.REVIEW_GRAPHS))
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


#: The read index as a part of a store's snapshot (:mod:`armsgraph.store.snapshot`), saved beside
#: an on-disk store: with the SIPRI register a build reads ~800,000 quads (tens of
#: seconds), a load of the saved index about a second.
INDEX: Part[_Index] = Part(
    "index", build=_build_index, refresh=_refresh_index, save=_save_index, load=_load_index,
    code=code_key(__file__, _vocab.__file__, _records.__file__, _review.__file__, ids.__file__),
)
#: How many quads and named graphs the store holds, per snapshot.
STATS: Part[tuple[int, int]] = Part("stats", build=lambda s: (len(s), len(s.graphs())))


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
    rows = store.select(_Q_ONTOLOGY_LABELS, bindings={"ns": RdfLiteral(str(ARMS))})
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
