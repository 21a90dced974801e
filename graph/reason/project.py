"""The one projection of the RDF graph onto a NetworkX multigraph.

:func:`project` reads the store with a few SPARQL SELECTs and returns a
``networkx.MultiDiGraph`` whose nodes are states and organisations (``label``, ``type``)
and whose edges are statements, keyed by the statement's IRI:

===========  =============================  =========================================
kind         edge                           from
===========  =============================  =========================================
transfer     supplier → recipient           ``arms:Transfer`` (any modality)
licence      licensor state → licensee st.  ``arms:ProductionLicence`` (companies
                                            resolved to their ``arms:basedIn`` state)
consent      holder → destination           ``arms:ReExportConsent``
request      requester → destination        ``arms:Request`` that names a destination
backfill     recipient → beneficiary        ``arms:Backfill``
threat       actor → target                 ``arms:Threat`` (``condition`` kept)
===========  =============================  =========================================

Every edge carries ``statement`` (the IRI), ``item`` (and ``items``), ``modality``,
``date`` (a :class:`~armsgraph.when.When`: the date at its ``arms:datePrecision``, never a
year read as a day), ``stages`` (:class:`Stage`: from when the statement has which
modality; a SIPRI deal is planned from its year of order and delivered from its first
year of delivery), ``deal`` (:class:`Deal`, for register rows), ``known_by`` (the first
stage's date, else the source's ``dcterms:issued``: when the fact was known), ``source``,
``source_title``, ``source_url``, ``sentence``, ``confidence`` and ``label``. Endpoints that
are organisations with an ``arms:basedIn`` state are resolved to that state.

``G.graph`` holds what is not an edge: ``systems`` (weapons systems and lots with names,
``part_of``, ``origin_states``), ``children``, ``item_index`` (item IRI → edge keys),
``policies`` (:class:`~armsgraph.reason.policy.PolicyVersion` with rules), ``conflicts``,
``embargoes``, ``memberships`` (:class:`~armsgraph.reason.policy.Interval`), ``consents``
(:class:`~armsgraph.reason.policy.ConsentFact`), ``threats``, ``licences`` (and ``licensor_states``:
licence → licensor state), ``sources``, ``names`` (lower-case name or code → actor IRI),
``conditions`` (threat condition → its ends when a transfer, and its items) and
``overlay`` (the reviews applied).

The projection is a part of the store's snapshot (:data:`PROJECTION`,
:mod:`armsgraph.store.snapshot`): made once per store generation (from the SELECT answers of the
snapshot before plus the rows that new source graphs change, when ingest is all that
happened), saved beside an on-disk store, and never changed once made.

Examples
--------
>>> from armsgraph.store import OxigraphStore
>>> from rdflib import Graph
>>> ttl = '''
... @prefix arms: <https://w3id.org/armsgraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix prov: <http://www.w3.org/ns/prov#> .
... @prefix st: <https://w3id.org/armsgraph/id/state/> .
... @prefix sy: <https://w3id.org/armsgraph/id/system/> .
... @prefix f: <https://w3id.org/armsgraph/id/fact/> .
... st:JPN a arms:State ; rdfs:label "Japan" .
... st:USA a arms:State ; rdfs:label "United States" .
... sy:patriot a arms:WeaponSystem ; rdfs:label "Patriot" .
... f:t1 a arms:Transfer ; arms:supplier st:JPN ;
...     arms:recipient st:USA ; arms:item sy:patriot ;
...     arms:modality arms:Planned ; arms:date "2023-12-22" ;
...     arms:sentence "Japan will send Patriots to the US." .
... '''
>>> store = OxigraphStore()
>>> _ = store.put_graph(URIRef("https://example.org/g"), Graph().parse(data=ttl))
>>> G = project(store)
>>> [(G.nodes[u]["label"], G.nodes[v]["label"], d["kind"], d["date"].iso)
...  for u, v, d in G.edges(data=True)]
[('Japan', 'United States', 'transfer', '2023-12-22')]
>>> project(store) is G                       # the same until the store changes
True
"""

from __future__ import annotations

import pickle
import re
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.term import Node

from .. import ids
from ..namespace import ARMS
from ..prefixes import sparql_prefixes
from ..store import Change, Store, added_in
from ..store.snapshot import Part, code_key, snapshot
from ..when import When
from .policy import (
    DUTY,
    PERMISSION,
    PROHIBITION,
    ConsentFact,
    Interval,
    PolicyVersion,
    Rule,
)
from .review import EMPTY, Overlay, overlay

__all__ = ["project", "Projection", "PROJECTION", "resolve_state", "resolve_item", "label_of",
           "item_family", "when_of", "Deal", "Stage"]

_NS = str(ARMS)
#: Rounds are fired from their platform, not part of it (see docs/reasoning.md).
_AMMUNITION = ids.category("ammunition")

_PREFIXES = sparql_prefixes("arms", "rdf", "rdfs", "skos", "prov", "dcterms", "schema")

#: The answers of the projection's SELECTs, by name (see :data:`_READS`).
Rows = dict[str, list[dict[str, Node]]]


def project(store: Store, *, reviewed: bool = True) -> nx.MultiDiGraph:
    """The NetworkX view of ``store``, from its current snapshot (:mod:`armsgraph.store.snapshot`).

    With ``reviewed`` (the default) analyst reviews apply (:mod:`armsgraph.reason.review`): rejected
    statements and originals of corrections are left out, corrected copies and facts
    added by hand are in, and reviewed edges carry ``review`` (a
    :class:`~armsgraph.reason.review.Mark`). ``reviewed=False`` is the raw graph, without what
    reviews wrote; it is built on first use and kept with the reviewed one.

    Parameters
    ----------
    store : any :class:`~armsgraph.store.Store`

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are actor IRIs, edges are statements keyed by their IRI (see module docs).
        Never changed once returned.

    Notes
    -----
    One build runs a dozen SELECTs and is linear in the number of statements
    (:data:`PROJECTION`). When every write since the snapshot before added a source or
    review graph (ingest, review), the SELECTs are not run over the whole store again:
    their answers are kept, except the rows about the resources the new graphs mention,
    which are read again (:func:`_reread`), and the same :func:`_build` makes a new graph
    from them. Anything else reads everything again, unless the projection of the same
    store content was saved beside it by another process (:class:`Projection`).
    """
    return snapshot(store).get(PROJECTION).graph(reviewed)


class Projection:
    """The projection of one snapshot: the reviewed graph, the raw one (made on first
    use), and the SELECT answers both come from (kept for refreshes).

    Saved, it is the pickled reviewed graph (fast to load) and, apart, the pickled
    answers: a cold process loads the graph and reads the answers only when it needs
    them (a refresh after a write, the raw graph).
    """

    def __init__(self, G: nx.MultiDiGraph, ov: Overlay, rows: Rows | None,
                 folder: Path | None = None):
        self._G, self._overlay = G, ov
        self._rows, self._folder = rows, folder
        self._raw: nx.MultiDiGraph | None = None
        self._lock = threading.Lock()

    @classmethod
    def made(cls, rows: Rows, ov: Overlay) -> Projection:
        return cls(_build(rows, ov), ov, rows)

    def graph(self, reviewed: bool = True) -> nx.MultiDiGraph:
        if reviewed or not self._overlay.reviews:
            return self._G
        with self._lock:
            if self._raw is None:
                self._raw = _build(self.rows(), self._overlay, reviewed=False)
            return self._raw

    def rows(self) -> Rows:
        """The SELECT answers (read from the saved copy on first use after a load)."""
        if self._rows is None:
            assert self._folder is not None, "a projection without rows was loaded"
            with (self._folder / "rows.pickle").open("rb") as f:
                self._rows = pickle.load(f)  # noqa: S301 - our own file, keyed by content
        return self._rows

    def save(self, folder: Path) -> None:
        for name, obj in (("graph.pickle", self._G), ("rows.pickle", self.rows())):
            with (folder / name).open("wb") as f:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, folder: Path) -> Projection:
        with (folder / "graph.pickle").open("rb") as f:
            G = pickle.load(f)  # noqa: S301 - our own file, keyed by content
        if not isinstance(G, nx.MultiDiGraph):
            raise TypeError(f"{folder} holds no projection")
        return cls(G, G.graph["overlay"], None, folder)


def _build_projection(store: Store) -> Projection:
    return Projection.made(_read(store), overlay(store))


def _refresh_projection(store: Store, old: Projection, changes: list[Change]) -> Projection | None:
    added = added_in(changes, (_SOURCE_GRAPHS, ids.REVIEW_GRAPHS))
    if added is None:
        return None
    if not added:
        return old
    rows = _reread(store, old.rows(), added)
    return None if rows is None else Projection.made(rows, overlay(store))


#: The projection as a part of a store's snapshot (saved beside an on-disk store).
PROJECTION: Part[Projection] = Part(
    "projection", build=_build_projection, refresh=_refresh_projection,
    save=Projection.save, load=Projection.load,
    code=code_key(__file__, Path(__file__).with_name("policy.py"),
                  Path(__file__).with_name("review.py")) + nx.__version__.replace(".", ""),
)


# ---------------------------------------------------------------------------------------
# Resolution of user input against the projection


def resolve_state(G: nx.MultiDiGraph, value: str) -> str:
    """The actor IRI for an IRI, id (``state/JPN``), ISO code, name, alias or demonym.

    Unknown text raises UnknownEntity (:func:`armsgraph.ids.resolve`, the one resolver).

    >>> G = nx.MultiDiGraph(names={"japan": "ex:JPN", "jpn": "ex:JPN"})
    >>> G.add_node("ex:JPN", label="Japan")
    >>> resolve_state(G, "Japan"), resolve_state(G, "ex:JPN")
    ('ex:JPN', 'ex:JPN')
    >>> resolve_state(G, "Atlantis")
    Traceback (most recent call last):
    ...
    armsgraph.errors.UnknownEntity: unknown state or party 'Atlantis'
    """
    return ids.resolve(value, G, G.graph.get("names", {}), "state or party")


def resolve_item(G: nx.MultiDiGraph, value: str) -> str:
    """The system (or lot) IRI for an IRI, id (``system/patriot``), name, alias or
    designation; else UnknownEntity (:func:`armsgraph.ids.resolve`)."""
    systems: dict[str, dict[str, Any]] = G.graph.get("systems", {})
    return ids.resolve(value, systems, G.graph.get("system_names", {}), "weapons system")


def item_family(G: nx.MultiDiGraph, item: str) -> frozenset[str]:
    """``item`` with its ``arms:partOf`` members (transitively) and their lots.

    >>> G = nx.MultiDiGraph(children={"ex:patriot": {"ex:pac3"}, "ex:pac3": {"ex:lot"}})
    >>> sorted(item_family(G, "ex:patriot"))
    ['ex:lot', 'ex:pac3', 'ex:patriot']
    """
    children: dict[str, set[str]] = G.graph.get("children", {})
    seen = {item}
    todo = [item]
    while todo:
        for c in children.get(todo.pop(), ()):
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return frozenset(seen)


def label_of(G: nx.MultiDiGraph, iri: str) -> str:
    """A readable label for a node, system or other IRI (its last segment if unlabelled)."""
    if iri in G:
        return str(G.nodes[iri].get("label") or _tail(iri))
    sysinfo = G.graph.get("systems", {}).get(iri)
    if sysinfo:
        return str(sysinfo["label"])
    return str(G.graph.get("labels", {}).get(iri) or _tail(iri))


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------------------
# The build

_ACTOR_TYPES = {
    str(ARMS.State): "state",
    str(ARMS.FormerState): "state",
    str(ARMS.Organisation): "organisation",
    str(ARMS.Company): "organisation",
    str(ARMS.GovernmentBody): "organisation",
    str(ARMS.NewsAgency): "organisation",
    str(ARMS.InternationalOrganisation): "organisation",
    str(ARMS.Alliance): "organisation",
    str(ARMS.Person): "person",
    str(ARMS.NonStateActor): "non-state actor",
    str(ARMS.UnknownParty): "unknown party",
}
_TYPE_RANK = ["state", "organisation", "non-state actor", "person", "unknown party"]

_Q_ACTORS = _PREFIXES + """
SELECT ?a ?cls ?label ?alt ?a2 ?a3 ?demonym ?capital ?based WHERE {
  ?a a ?cls .
  VALUES ?cls { arms:State arms:FormerState arms:Organisation arms:Company
                arms:GovernmentBody arms:NewsAgency arms:InternationalOrganisation
                arms:Alliance arms:Person arms:NonStateActor arms:UnknownParty }
  OPTIONAL { ?a rdfs:label ?label }
  OPTIONAL { ?a skos:altLabel ?alt }
  OPTIONAL { ?a arms:iso3166Alpha2 ?a2 }
  OPTIONAL { ?a arms:iso3166Alpha3 ?a3 }
  OPTIONAL { ?a arms:demonym ?demonym }
  OPTIONAL { ?a arms:capital ?capital }
  OPTIONAL { ?a arms:basedIn ?based }
}"""

_Q_SYSTEMS = _PREFIXES + """
SELECT ?s ?cls ?label ?alt ?designation ?partOf ?originState ?ofSystem ?producedIn ?licence
       ?top
WHERE {
  ?s a ?cls . VALUES ?cls { arms:WeaponSystem arms:Lot }
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?s skos:altLabel ?alt }
  OPTIONAL { ?s arms:designation ?designation }
  OPTIONAL { ?s arms:partOf ?partOf }
  OPTIONAL { ?s arms:originState ?originState }
  OPTIONAL { ?s arms:ofSystem ?ofSystem }
  OPTIONAL { ?s arms:producedIn ?producedIn }
  OPTIONAL { ?s arms:underLicence ?licence }
  OPTIONAL { ?s arms:category ?top . ?top skos:topConceptOf arms:CategoryScheme }
}"""

# Metadata shared by every statement kind.
_Q_META = _PREFIXES + """
SELECT ?s ?modality ?date ?precision ?sentence ?conf ?label ?src ?title ?url ?reliability
       ?issued WHERE {
  ?s a ?cls . VALUES ?cls { arms:Transfer arms:ProductionLicence arms:ReExportConsent
                            arms:Backfill arms:Threat arms:Request }
  OPTIONAL { ?s arms:modality ?modality }
  OPTIONAL { ?s arms:date ?date }
  OPTIONAL { ?s arms:datePrecision ?precision }
  OPTIONAL { ?s arms:sentence ?sentence }
  OPTIONAL { ?s arms:confidence ?conf }
  OPTIONAL { ?s rdfs:label ?label }
  OPTIONAL { ?s prov:wasDerivedFrom ?src .
             OPTIONAL { ?src dcterms:title ?title }
             OPTIONAL { ?src schema:url ?url }
             OPTIONAL { ?src arms:reliability ?reliability }
             OPTIONAL { ?src dcterms:issued ?issued } }
}"""

# What a register (SIPRI) says about a deal beyond the statement's own date.
_Q_DEALS = _PREFIXES + """
SELECT ?s (SAMPLE(?oy) AS ?orderYear) (GROUP_CONCAT(DISTINCT STR(?dy); separator=" ") AS ?years)
       (SAMPLE(?q) AS ?quantity) (SAMPLE(?qd) AS ?delivered) (SAMPLE(?d) AS ?designation)
       (SAMPLE(?n) AS ?note) (SAMPLE(?st) AS ?sipriStatus)
       (GROUP_CONCAT(DISTINCT STR(?u); separator=" ") AS ?uncertain)
       (SAMPLE(?wq) AS ?dealQuantity) (SAMPLE(?wqd) AS ?dealDelivered)
       (COUNT(DISTINCT ?line) AS ?lines)
       (GROUP_CONCAT(DISTINCT STR(?wu); separator=" ") AS ?dealUncertain) WHERE {
  ?s a arms:Transfer ; arms:orderYear ?oy .
  OPTIONAL { ?s arms:deal ?whole . ?whole a arms:Deal . ?line arms:deal ?whole .
             OPTIONAL { ?whole arms:quantity ?wq }
             OPTIONAL { ?whole arms:quantityDelivered ?wqd }
             OPTIONAL { ?whole arms:uncertain ?wu } }
  OPTIONAL { ?s arms:deliveryYear ?dy }
  OPTIONAL { ?s arms:quantity ?q }
  OPTIONAL { ?s arms:quantityDelivered ?qd }
  OPTIONAL { ?s arms:sourceDesignation ?d }
  OPTIONAL { ?s arms:note ?n }
  OPTIONAL { ?s arms:sipriStatus ?st }
  OPTIONAL { ?s arms:uncertain ?u }
} GROUP BY ?s"""

_Q_EDGES = _PREFIXES + """
SELECT ?s ?kind ?u ?v ?item ?x ?status ?cond ?consequence WHERE {
  {
    ?s a arms:Transfer ; arms:supplier ?u ; arms:recipient ?v . BIND("transfer" AS ?kind)
    OPTIONAL { ?s arms:item ?item }
  } UNION {
    ?s a arms:ReExportConsent ; arms:holder ?u ; arms:destination ?v .
    BIND("consent" AS ?kind)
    OPTIONAL { ?s arms:item ?item } OPTIONAL { ?s arms:consentHolder ?x }
    OPTIONAL { ?s arms:consentStatus ?status }
  } UNION {
    ?s a arms:Request ; arms:requester ?u ; arms:destination ?v . BIND("request" AS ?kind)
    OPTIONAL { ?s arms:item ?item } OPTIONAL { ?s arms:addressee ?x }
  } UNION {
    ?s a arms:Backfill ; arms:recipient ?u ; arms:beneficiary ?v .
    BIND("backfill" AS ?kind)
    OPTIONAL { ?s arms:item ?item } OPTIONAL { ?s arms:supplier ?x }
  } UNION {
    ?s a arms:ProductionLicence ; arms:licensor ?u ; arms:licensee ?v .
    BIND("licence" AS ?kind)
    OPTIONAL { ?s arms:item ?item }
  } UNION {
    ?s a arms:Threat ; arms:actor ?u ; arms:target ?v . BIND("threat" AS ?kind)
    OPTIONAL { ?s arms:condition ?cond } OPTIONAL { ?s arms:consequence ?consequence }
  }
}"""

_Q_POLICIES = _PREFIXES + """
SELECT ?v ?vlabel ?p ?plabel ?assigner ?passigner ?from ?to ?decided WHERE {
  ?v a arms:PolicyVersion .
  OPTIONAL { ?v rdfs:label ?vlabel }
  OPTIONAL { ?v arms:versionOf ?p . OPTIONAL { ?p rdfs:label ?plabel }
             OPTIONAL { ?p arms:assigner ?passigner } }
  OPTIONAL { ?v arms:assigner ?assigner }
  OPTIONAL { ?v arms:validFrom ?from }
  OPTIONAL { ?v arms:validTo ?to }
  OPTIONAL { ?d a arms:PolicyDecision ; arms:policyVersion ?v ; arms:date ?decided }
}"""

_Q_RULES = _PREFIXES + """
SELECT ?v ?r ?cls ?label ?content ?stmt ?facet ?value WHERE {
  ?v a arms:PolicyVersion ; arms:rule ?r .
  ?r a ?cls . VALUES ?cls { arms:Permission arms:Prohibition arms:Duty }
  OPTIONAL { ?r rdfs:label ?label }
  OPTIONAL { ?r arms:content ?content }
  OPTIONAL { ?r prov:wasDerivedFrom ?stmt . ?stmt a arms:PolicyDecision }
  OPTIONAL {
    ?r ?facet ?value .
    VALUES ?facet { arms:transferKind arms:productScope arms:productionBasis
                    arms:destinationScope arms:destinationState arms:consentFrom
                    arms:appliesTo arms:inPrinciple arms:directTransferTest }
  }
}"""

_Q_INTERVALS = _PREFIXES + """
SELECT ?s ?cls ?subject ?object ?from ?to ?date ?label WHERE {
  {
    ?s a arms:ConflictParticipation ; arms:party ?subject . BIND(arms:ConflictParticipation AS ?cls)
  } UNION {
    ?s a arms:Embargo ; arms:actor ?subject ; arms:target ?object . BIND(arms:Embargo AS ?cls)
  } UNION {
    ?s a arms:Membership ; arms:member ?subject ; arms:organisation ?object .
    BIND(arms:Membership AS ?cls)
  }
  OPTIONAL { ?s arms:validFrom ?from }
  OPTIONAL { ?s arms:validTo ?to }
  OPTIONAL { ?s arms:date ?date }
  OPTIONAL { ?s rdfs:label ?label }
}"""

_Q_CONTRADICTS = _PREFIXES + """
SELECT ?a ?b WHERE { { ?a arms:contradicts ?b } UNION { ?b arms:contradicts ?a } }"""

_Q_LABELS = _PREFIXES + """
SELECT ?x ?label WHERE {
  ?x rdfs:label ?label .
  VALUES ?cls { arms:Modality arms:ConsentStatus arms:Policy arms:PolicyVersion }
  ?x a ?cls .
}"""


#: The projection's SELECTs by name, with the variable each answer row is about (None:
#: rows about two resources, kept until a full read).
_READS: dict[str, tuple[str, str | None]] = {
    "labels": (_Q_LABELS, "x"),
    "actors": (_Q_ACTORS, "a"),
    "systems": (_Q_SYSTEMS, "s"),
    "meta": (_Q_META, "s"),
    "deals": (_Q_DEALS, "s"),
    "edges": (_Q_EDGES, "s"),
    "policies": (_Q_POLICIES, "v"),
    "rules": (_Q_RULES, "v"),
    "intervals": (_Q_INTERVALS, "s"),
    "contradicts": (_Q_CONTRADICTS, None),
}


def _s(term: Node | None) -> str | None:
    return None if term is None else str(term)


_PRECISION_NAMES: dict[str, str] = {
    str(ARMS.DayPrecision): "day", str(ARMS.MonthPrecision): "month",
    str(ARMS.YearPrecision): "year", str(ARMS.ApproximatePrecision): "approximate",
}


def when_of(term: Node | None, precision: Node | None = None) -> When | None:
    """The :class:`~armsgraph.when.When` of an xsd:date, gYearMonth, gYear or dateTime literal,
    read at its ``arms:datePrecision`` (or at its own form without one).

    >>> when_of(Literal("2024")).iso, when_of(Literal("2023-12-22")).iso
    ('2024', '2023-12-22')
    >>> when_of(Literal("1993-01-01"), ARMS.YearPrecision).iso   # never a pretend day
    '1993'
    >>> when_of(Literal("late last year")) is None
    True
    """
    if term is None:
        return None
    return When.parse(term, _PRECISION_NAMES.get(str(precision)) if precision else None)


@dataclass(frozen=True)
class Stage:
    """From ``when`` on, the statement's transfer has ``modality`` (an IRI)."""

    when: When | None
    modality: str | None


@dataclass(frozen=True)
class Deal:
    """What a register row says about a deal (SIPRI: designation, numbers, years, comment).

    ``uncertain`` names the fields the register flags with ``?`` (``orderYear``,
    ``quantity``, ``quantityDelivered``).

    A row made on several production lines is one statement per line, each pointing to
    the deal (``arms:deal``): ``lines`` counts them, ``ordered`` and ``delivered`` are then
    ``None`` (the register does not say which line made how many) and ``deal_ordered`` /
    ``deal_delivered`` are the whole deal's numbers.
    """

    designation: str | None
    ordered: int | None
    delivered: int | None
    order_year: int | None
    delivery_years: tuple[int, ...]
    comment: str | None
    status: str | None
    uncertain: frozenset[str] = frozenset()
    lines: int = 1
    deal_ordered: int | None = None
    deal_delivered: int | None = None

    def stages(self, modality: str | None) -> tuple[Stage, ...]:
        """Planned from the year of order; delivered from the first year of delivery (a
        delivered deal without delivery years: from the year of order)."""
        ordered = Stage(When.year(self.order_year) if self.order_year else None,
                        str(ARMS.Planned))
        if modality != str(ARMS.Delivered):
            return (ordered,)
        if self.delivery_years:
            return (ordered, Stage(When.year(self.delivery_years[0]), modality))
        return (Stage(ordered.when, modality),)

    @property
    def delivered_until(self) -> When | None:
        """The last year of delivery."""
        return When.year(self.delivery_years[-1]) if self.delivery_years else None


def _deals(rows: list[dict[str, Node]]) -> dict[str, Deal]:
    """One :class:`Deal` per register row (the SELECT groups each deal into one row)."""
    out: dict[str, Deal] = {}
    for row in rows:
        years = sorted({y for y in map(_int, str(row.get("years", "")).split()) if y})
        out[str(row["s"])] = Deal(
            designation=_s(row.get("designation")), ordered=_int(row.get("quantity")),
            delivered=_int(row.get("delivered")), order_year=_int(row.get("orderYear")),
            delivery_years=tuple(years), comment=_s(row.get("note")),
            status=_s(row.get("sipriStatus")),
            uncertain=frozenset(str(row.get("uncertain", "")).split()
                                + str(row.get("dealUncertain", "")).split()),
            lines=max(1, _int(row.get("lines")) or 0),
            deal_ordered=_int(row.get("dealQuantity")),
            deal_delivered=_int(row.get("dealDelivered")))
    return out


def _int(term: Node | str | None) -> int | None:
    try:
        return None if term is None else int(str(term))
    except ValueError:
        return None


def _best_label(labels: Iterable[Node]) -> str | None:
    best: tuple[int, str] | None = None
    for lab in labels:
        lang = lab.language if isinstance(lab, Literal) else None
        rank = 0 if lang in (None, "en") else 1
        if best is None or (rank, str(lab)) < best:
            best = (rank, str(lab))
    return best[1] if best else None


#: Where ingest writes: one named graph per source under this prefix.
_SOURCE_GRAPHS = str(ids.GRAPH["source/"])


def _read(store: Store) -> Rows:
    """Every SELECT of the projection, answered over the whole store."""
    return {name: store.select(query) for name, (query, _) in _READS.items()}


_Q_SUBJECTS_IN = "SELECT DISTINCT ?s ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
#: What only a full read handles: new policies, versions and rules, and contradictions.
_Q_UNSAFE_IN = _PREFIXES + """
ASK { GRAPH ?g {
  { ?x arms:rule|arms:versionOf|arms:contradicts ?y }
  UNION { ?x a ?c . VALUES ?c { arms:Policy arms:PolicyVersion
                                arms:Permission arms:Prohibition arms:Duty } }
} }"""
#: Policy versions whose decisions a graph states something about (their start may move).
_Q_DECIDED_IN = _PREFIXES + """
SELECT DISTINCT ?v ?g WHERE { GRAPH ?g { ?d ?p ?o } ?d arms:policyVersion ?v }"""
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _about(query: str, var: str, iris: Iterable[str]) -> str:
    """``query`` narrowed to rows whose ``var`` is one of ``iris``: a VALUES block of IRIs
    taken from the store (written by rdflib's ``URIRef.n3()``) at the start of its WHERE
    group."""
    where = _WHERE.search(query)
    assert where is not None, "every projection query has a WHERE group"
    block = f" VALUES ?{var} {{ {' '.join(URIRef(i).n3() for i in sorted(iris))} }} "
    return query[: where.end()] + block + query[where.end():]


def _reread(store: Store, old: Rows, graphs: list[URIRef]) -> Rows | None:
    """The SELECT answers after ``graphs`` were added, from the answers ``old`` before.

    Each answer row is about one resource (its key variable in :data:`_READS`) and reads
    triples whose subject is that resource, or (policy versions) the decisions that name
    it. Rows about a resource that a new graph states something about, and about the
    versions of decisions it states something about, are read again over the whole
    store; the other rows cannot have changed and are kept. ``None`` (read everything)
    when a graph touches what rows read beyond that: policies, versions, rules,
    contradictions, an existing source, or a blank node.
    """
    touched: set[str] = set()
    decided: set[str] = set()
    for g in graphs:
        if store.ask(_Q_UNSAFE_IN, bindings={"g": g}):
            return None
        for row in store.select(_Q_SUBJECTS_IN, bindings={"g": g}):
            if not isinstance(row["s"], URIRef):
                return None
            touched.add(str(row["s"]))
        decided.update(str(r["v"]) for r in store.select(_Q_DECIDED_IN, bindings={"g": g}))
    shared = {str(r[k]) for name in ("policies", "rules") for r in old[name]
              for k in ("p", "r") if k in r}
    shared.update(str(r["src"]) for r in old["meta"] if "src" in r)
    if touched & shared:
        return None
    rows: Rows = {}
    for name, (query, key) in _READS.items():
        about = touched | decided if name in ("policies", "rules") else touched
        if key is None or not about:
            rows[name] = old[name]
            continue
        kept = [r for r in old[name] if str(r[key]) not in about]
        rows[name] = kept + store.select(_about(query, key, about))
    return rows


def _build(rows: Rows, ov: Overlay = EMPTY, *, reviewed: bool = True) -> nx.MultiDiGraph:
    """The projection made from the answers of its SELECTs (see the module docs), with
    the statements ``ov`` hides left out (the curated graph, or the raw one)."""
    hidden = ov.hides(reviewed=reviewed)
    if hidden:
        rows = {name: [r for r in got if str(r.get("s", "")) not in hidden]
                if name in ("meta", "edges", "intervals")
                else [r for r in got if str(r.get("stmt", "")) not in hidden]
                if name == "rules" else got  # a rule stated by a hidden decision goes too
                for name, got in rows.items()}
    G = _build_rows(rows)
    G.graph["overlay"] = ov
    G.graph["reviewed"] = reviewed
    if reviewed and ov.marks:
        for _, _, d in G.edges(data=True):
            mark = ov.marks.get(d["statement"])
            if mark is not None:
                d["review"] = mark
    return G


def _build_rows(rows: Rows) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    labels: dict[str, str] = {}
    for row in rows["labels"]:
        labels.setdefault(str(row["x"]), str(row["label"]))
    G.graph["labels"] = labels
    _add_actors(G, rows["actors"])
    _add_systems(G, rows["systems"])
    meta = _statement_meta(rows["meta"], G)
    _add_edges(G, rows["edges"], meta, _deals(rows["deals"]))
    G.graph["disputed"] = _disputed(rows["contradicts"], meta, G.graph["sources"])
    _add_policies(G, rows["policies"], rows["rules"])
    _add_intervals(G, rows["intervals"])
    _share_values(G)
    return G


def _share_values(G: nx.MultiDiGraph) -> None:
    """Make equal values of the edges and of ``item_index`` one object each (IRIs, dates,
    stages, item tuples, a deal's words and years).

    The values are equal before and after; what changes is that pickle writes a shared
    object once: with the register the saved projection is 15 MB instead of 27 MB and
    loads in about half the time (0.6 s instead of 1.3 s on a loaded machine), and the
    graph takes less memory. Runs before the projection is handed out (it is never
    changed after).
    """
    pool: dict[Any, Any] = {n: n for n in G}

    def one(x: Any) -> Any:
        return pool.setdefault(x, x)

    index: dict[str, list[tuple[str, str, str]]] = G.graph.get("item_index", {})
    for it, hops in index.items():
        index[it] = [(one(u), one(v), one(st)) for u, v, st in hops]
    for _, _, d in G.edges(data=True):
        for k, x in d.items():
            if isinstance(x, (str, When, Stage)):
                d[k] = one(x)
            elif type(x) is tuple and all(isinstance(y, (str, When, Stage)) for y in x):
                d[k] = one(tuple(one(y) for y in x))
            elif isinstance(x, Deal):
                d[k] = one(replace(
                    x, designation=one(x.designation), comment=one(x.comment),
                    status=one(x.status), delivery_years=one(x.delivery_years),
                    uncertain=one(x.uncertain)))


def _add_actors(G: nx.MultiDiGraph, rows: list[dict[str, Node]]) -> None:
    acc: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"types": set(), "labels": [], "names": set(), "based": None}
    )
    for row in rows:
        a = acc[str(row["a"])]
        a["types"].add(_ACTOR_TYPES[str(row["cls"])])
        if "label" in row:
            a["labels"].append(row["label"])
        for k in ("label", "alt", "a2", "a3", "demonym", "capital"):
            if k in row:
                a["names"].add(str(row[k]).lower())
        if "based" in row:
            a["based"] = str(row["based"])
    names: dict[str, str] = {}
    for iri, a in sorted(acc.items()):
        kind = min(a["types"], key=_TYPE_RANK.index)
        label = _best_label(a["labels"]) or _tail(iri)
        G.add_node(iri, label=label, type=kind, state=a["based"] if kind != "state" else iri)
        for n in sorted(a["names"]) + [_tail(iri).lower()]:
            # A state's own names win over organisations that share them.
            if n not in names or (kind == "state" and G.nodes[names[n]]["type"] != "state"):
                names[n] = iri
    G.graph["names"] = names


def _add_systems(G: nx.MultiDiGraph, rows: list[dict[str, Node]]) -> None:
    systems: dict[str, dict[str, Any]] = {}
    raw_labels: dict[str, list[Node]] = defaultdict(list)
    for row in rows:
        iri = str(row["s"])
        info = systems.setdefault(iri, {
            "id": iri, "kind": "lot" if row["cls"] == ARMS.Lot else "system",
            "names": set(), "part_of": set(), "origin_states": set(),
            "of_system": None, "produced_in": None, "licences": set(),
            "ammunition": False,
        })
        if row.get("top") == _AMMUNITION:
            info["ammunition"] = True
        if "label" in row:
            raw_labels[iri].append(row["label"])
        for k in ("label", "alt", "designation"):
            if k in row:
                info["names"].add(str(row[k]).lower())
        if "partOf" in row:
            info["part_of"].add(str(row["partOf"]))
        if "originState" in row:
            info["origin_states"].add(str(row["originState"]))
        if "ofSystem" in row:
            info["of_system"] = str(row["ofSystem"])
        if "producedIn" in row:
            info["produced_in"] = str(row["producedIn"])
        if "licence" in row:
            info["licences"].add(str(row["licence"]))
    children: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for iri, info in sorted(systems.items()):
        info["label"] = _best_label(raw_labels[iri]) or _tail(iri)
        for parent in info["part_of"]:
            children[parent].add(iri)
        if info["of_system"]:
            children[info["of_system"]].add(iri)
        for n in sorted(info["names"]) + [_tail(iri).lower()]:
            # Systems win over lots for a shared name.
            if n not in names or info["kind"] == "system":
                names.setdefault(n, iri)
    G.graph["systems"] = systems
    G.graph["children"] = dict(children)
    G.graph["system_names"] = names


def _statement_meta(
    rows: list[dict[str, Node]], G: nx.MultiDiGraph
) -> dict[str, dict[str, Any]]:
    meta: dict[str, dict[str, Any]] = {}
    sources: dict[str, dict[str, Any]] = {}
    labels: dict[str, str] = G.graph["labels"]
    for row in sorted(rows, key=lambda r: str(r.get("src", ""))):
        s = str(row["s"])
        m = meta.setdefault(s, {"modality": None, "date": None, "sentence": None,
                                "confidence": None, "label": None, "source": None})
        if m["modality"] is None and "modality" in row:
            m["modality"] = str(row["modality"])
        if m["date"] is None:
            m["date"] = when_of(row.get("date"), row.get("precision"))
        if m["sentence"] is None and "sentence" in row:
            m["sentence"] = str(row["sentence"])
        if m["confidence"] is None and "conf" in row:
            m["confidence"] = _float(row["conf"])
        if m["label"] is None and "label" in row:
            m["label"] = str(row["label"])
        if m["source"] is None and "src" in row:
            src = str(row["src"])
            m["source"] = src
            sources[src] = {"id": src, "title": _s(row.get("title")), "url": _s(row.get("url")),
                            "reliability": _float(row.get("reliability")),
                            "issued": when_of(row.get("issued"))}
    G.graph["sources"] = sources
    for m in meta.values():
        info = sources.get(m["source"] or "")
        m["source_title"] = info["title"] if info else None
        m["source_url"] = info["url"] if info else None
        # An undated statement was known at the latest when its source appeared.
        m["known_by"] = m["date"] or (info["issued"] if info else None)
        m["modality_label"] = labels.get(m["modality"] or "") or (
            _tail(m["modality"]).lower() if m["modality"] else None
        )
    return meta


def _disputed(
    rows: list[dict[str, Node]], meta: dict[str, dict[str, Any]],
    sources: dict[str, dict[str, Any]],
) -> set[str]:
    """Statements contradicted by a statement that is trusted more (competing claims).

    Trust is the statement's confidence, else its source's reliability, else 0.5; a
    statement is disputed when some statement it contradicts has strictly more trust.
    """

    def trust(s: str) -> float:
        m = meta.get(s, {})
        if m.get("confidence") is not None:
            return float(m["confidence"])
        rel = sources.get(m.get("source") or "", {}).get("reliability")
        return 0.5 if rel is None else float(rel)

    return {
        str(row["a"]) for row in rows
        if trust(str(row["b"])) > trust(str(row["a"]))
    }


def _float(term: Node | None) -> float | None:
    if term is None:
        return None
    try:
        return float(str(term))
    except ValueError:
        return None


def _state_of(G: nx.MultiDiGraph, iri: str) -> str:
    if iri in G:
        st = G.nodes[iri].get("state")
        if st and st != iri:
            return str(st)
    return iri


def _add_edges(
    G: nx.MultiDiGraph, answer: list[dict[str, Node]], meta: dict[str, dict[str, Any]],
    deals: dict[str, Deal],
) -> None:
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for row in answer:
        s, kind = str(row["s"]), str(row["kind"])
        e = rows.setdefault((s, kind), {"u": set(), "v": set(), "items": set(), "x": None,
                                        "status": None, "cond": None, "consequence": None})
        e["u"].add(str(row["u"]))
        e["v"].add(str(row["v"]))
        if "item" in row:
            e["items"].add(str(row["item"]))
        for k in ("x", "status", "cond", "consequence"):
            if k in row and e[k] is None:
                e[k] = str(row[k])
    item_index: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    consents: list[ConsentFact] = []
    threats: list[dict[str, Any]] = []
    licences: list[dict[str, Any]] = []
    for (s, kind), e in sorted(rows.items()):
        m = meta.get(s, {})
        items = tuple(sorted(e["items"]))
        deal = deals.get(s) if kind == "transfer" else None
        stages = deal.stages(m.get("modality")) if deal else (
            Stage(m.get("date"), m.get("modality")),)
        # A deal exists from its order on; a statement without a date was known at the
        # latest when its source appeared.
        known_by = stages[0].when if deal and stages[0].when else m.get("known_by")
        for u_raw in sorted(e["u"]):
            for v_raw in sorted(e["v"]):
                u, v = _state_of(G, u_raw), _state_of(G, v_raw)
                for n in (u, v):
                    if n not in G:
                        G.add_node(n, label=_tail(n), type="unknown", state=None)
                attrs: dict[str, Any] = {
                    "kind": kind, "statement": s, "item": items[0] if items else None,
                    "items": items, "modality": m.get("modality"),
                    "status": m.get("modality_label"),
                    "date": stages[-1].when if deal else m.get("date"),
                    "known_by": known_by, "stages": stages, "deal": deal,
                    "source": m.get("source"), "source_title": m.get("source_title"),
                    "source_url": m.get("source_url"), "sentence": m.get("sentence"),
                    "confidence": m.get("confidence"), "label": m.get("label"),
                }
                if u != u_raw or v != v_raw:
                    attrs["parties"] = (u_raw, v_raw)
                if kind == "consent":
                    attrs["consent_holder"] = _state_of(G, e["x"]) if e["x"] else None
                    attrs["consent_status"] = e["status"]
                    if e["status"]:
                        attrs["status"] = "consent " + G.graph["labels"].get(
                            e["status"], _tail(e["status"]).lower())
                    if attrs["consent_holder"]:
                        consents.append(ConsentFact(
                            statement=s, holder=u, destination=v,
                            consent_holder=attrs["consent_holder"], status=e["status"],
                            date=known_by, label=m.get("label") or "",
                            sentence=m.get("sentence") or "", items=items))
                elif kind == "request":
                    attrs["addressee"] = _state_of(G, e["x"]) if e["x"] else None
                elif kind == "backfill":
                    attrs["supplier"] = _state_of(G, e["x"]) if e["x"] else None
                elif kind == "threat":
                    attrs["condition"] = e["cond"]
                    attrs["consequence"] = e["consequence"]
                    threats.append({"actor": u, "target": v, **attrs})
                elif kind == "licence":
                    licences.append({"licensor_state": u, "licensee_state": v, **attrs})
                G.add_edge(u, v, key=s, **attrs)
                for it in items:
                    item_index[it].append((u, v, s))
    G.graph["item_index"] = dict(item_index)
    # Items named by statements but not (yet) described as systems still resolve.
    systems: dict[str, dict[str, Any]] = G.graph["systems"]
    for it in sorted(item_index):
        if it not in systems:
            systems[it] = {"id": it, "kind": "system", "label": _tail(it), "names": set(),
                           "part_of": set(), "origin_states": set(), "of_system": None,
                           "produced_in": None, "licences": set()}
            G.graph["system_names"].setdefault(_tail(it).lower(), it)
    G.graph["consents"] = consents
    G.graph["threats"] = threats
    G.graph["licences"] = licences
    G.graph["licensor_states"] = {lic["statement"]: lic["licensor_state"] for lic in licences}
    # What a threat's condition names (graph/reason/paths.py): its ends when it is a transfer,
    # and the items it is about; only the conditions, not every edge (31,000 with SIPRI).
    G.graph["conditions"] = _conditions(G, rows, threats)


def _conditions(
    G: nx.MultiDiGraph, rows: dict[tuple[str, str], dict[str, Any]],
    threats: list[dict[str, Any]],
) -> dict[str, tuple[str | None, str | None, frozenset[str]]]:
    """Each threat's condition: its (state) ends when it is a transfer, and its items."""
    kinds: dict[str, list[str]] = defaultdict(list)
    wanted = {t["condition"] for t in threats if t.get("condition")}
    for s, kind in rows:
        if s in wanted:
            kinds[s].append(kind)
    out: dict[str, tuple[str | None, str | None, frozenset[str]]] = {}
    for s in sorted(wanted):
        if not kinds[s]:
            out[s] = (None, None, frozenset())
            continue
        kind = "transfer" if "transfer" in kinds[s] else sorted(kinds[s])[0]
        e = rows[(s, kind)]
        ends = (_state_of(G, min(e["u"])), _state_of(G, min(e["v"]))) \
            if kind == "transfer" else (None, None)
        out[s] = (*ends, frozenset(e["items"]))
    return out


def _add_policies(
    G: nx.MultiDiGraph, policy_rows: list[dict[str, Node]], rule_rows: list[dict[str, Node]]
) -> None:
    versions: dict[str, dict[str, Any]] = {}
    for row in policy_rows:
        v = str(row["v"])
        info = versions.setdefault(v, {"label": None, "policy": None, "policy_label": None,
                                       "assigner": None, "from": None, "to": None})
        for key, var in (("label", "vlabel"), ("policy", "p"), ("policy_label", "plabel")):
            if info[key] is None and var in row:
                info[key] = str(row[var])
        if info["to"] is None and "to" in row:
            info["to"] = when_of(row["to"])
        if info["assigner"] is None and ("assigner" in row or "passigner" in row):
            info["assigner"] = _state_of(G, str(row.get("assigner") or row["passigner"]))
        if "from" in row:
            info["from"] = when_of(row["from"])
            info["from_explicit"] = True
        elif "decided" in row and "from_explicit" not in info:
            # No arms:validFrom: the earliest decision that brought the version into force.
            d = when_of(row["decided"])
            if d and (info["from"] is None or d.key() < info["from"].key()):
                info["from"] = d
    facets: dict[str, dict[str, Any]] = {}
    for row in rule_rows:
        r = str(row["r"])
        f = facets.setdefault(r, {"version": str(row["v"]), "cls": str(row["cls"]),
                                  "label": None, "content": None, "statement": "",
                                  "values": defaultdict(set)})
        if "stmt" in row:
            f["statement"] = str(row["stmt"])
        if f["label"] is None and "label" in row:
            f["label"] = str(row["label"])
        if f["content"] is None and "content" in row:
            f["content"] = str(row["content"])
        if "facet" in row:
            f["values"][str(row["facet"])].add(row["value"])
    effect = {str(ARMS.Permission): PERMISSION, str(ARMS.Prohibition): PROHIBITION,
              str(ARMS.Duty): DUTY}
    rules_by_version: dict[str, list[Rule]] = defaultdict(list)
    for r, f in sorted(facets.items()):
        info = versions[f["version"]]
        vals: dict[str, set[Node]] = f["values"]

        def iris(prop: URIRef, vals: dict[str, set[Node]] = vals) -> frozenset[str]:
            return frozenset(str(x) for x in vals.get(str(prop), ()))

        def flag(prop: URIRef, vals: dict[str, set[Node]] = vals) -> bool:
            return any(str(x).lower() in ("true", "1") for x in vals.get(str(prop), ()))

        rules_by_version[f["version"]].append(Rule(
            id=r, label=f["label"] or f["content"] or _tail(r), effect=effect[f["cls"]],
            version=f["version"], policy=info["policy"] or f["version"],
            assigner=info["assigner"] or "",
            transfer_kinds=iris(ARMS.transferKind), product_scopes=iris(ARMS.productScope),
            production_bases=iris(ARMS.productionBasis),
            destination_scopes=iris(ARMS.destinationScope),
            destination_states=frozenset(_state_of(G, x) for x in iris(ARMS.destinationState)),
            consent_from=frozenset(_state_of(G, x) for x in iris(ARMS.consentFrom)),
            applies_to=iris(ARMS.appliesTo), in_principle=flag(ARMS.inPrinciple),
            direct_transfer_test=flag(ARMS.directTransferTest), content=f["content"] or "",
            statement=f["statement"],
        ))
    G.graph["policies"] = [
        PolicyVersion(
            id=v, label=info["label"] or _tail(v), policy=info["policy"] or v,
            assigner=info["assigner"] or "", valid_from=info["from"], valid_to=info["to"],
            rules=tuple(rules_by_version.get(v, ())),
            policy_label=info["policy_label"] or "",
        )
        for v, info in sorted(versions.items())
    ]


def _add_intervals(G: nx.MultiDiGraph, rows: list[dict[str, Node]]) -> None:
    out: dict[str, list[Interval]] = {"conflicts": [], "embargoes": [], "memberships": []}
    key = {str(ARMS.ConflictParticipation): "conflicts", str(ARMS.Embargo): "embargoes",
           str(ARMS.Membership): "memberships"}
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        s = str(row["s"])
        subj = _state_of(G, str(row["subject"]))
        obj = _state_of(G, str(row["object"])) if "object" in row else None
        if (s, subj, obj or "") in seen:
            continue
        seen.add((s, subj, obj or ""))
        out[key[str(row["cls"])]].append(Interval(
            statement=s, subject=subj, object=obj,
            valid_from=when_of(row.get("from")) or when_of(row.get("date")),
            valid_to=when_of(row.get("to")), label=_s(row.get("label")) or "",
        ))
    for intervals in out.values():  # the same order whatever the order of the rows
        intervals.sort(key=lambda i: (i.statement, i.subject, i.object or ""))
    G.graph.update(out)
