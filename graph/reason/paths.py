"""Where could an item made in one state end up? Consent-aware re-export paths.

A *re-export path* is a simple path ``origin → s1 → … → destination`` in the projection
(:func:`armsgraph.reason.project.project`) whose every hop is backed by statements about the item
(or a member of its family): a transfer (delivered or planned), or a *possible re-export* (a
hypothetical or conditional transfer, a re-export consent statement, a request towards a
destination). Every route the graph knows is considered at every date, but a hop's status
comes only from the statements made on or before ``as_of``: a hop stated only later is a
*possible re-export* (status ``possible``, its evidence marked ``stated_after_as_of``),
never a delivery or a plan before it was stated. A query for one member of a family
(PAC-3) also follows statements about the wider system (Patriot), marked ``broader_item``.

Each path gets a *verdict* from the rules and facts in the graph (:mod:`armsgraph.reason.policy`):

- **blocked** names the refusal or the rule in force that forbids a hop,
- **conditional** names whose consent is needed and not yet given,
- **open** otherwise,

plus *risks*: threats whose condition is one of the path's hops or its outcome.

A *backfill path* (``kind: "backfill"``) is never a physical re-export: the traced items
reach a recipient, whose *own* items may then go to a beneficiary (``arms:Backfill``). It
is listed beside the physical paths, labelled indirect, and judged by the recipient's own
direct-export rules.

A destination's verdict is that of its best physical path (or of its best backfill path
when it is reached only indirectly); paths rank by verdict, then fewer hops, then the
confidence of their weakest hop.

"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import networkx as nx

from .. import ids
from ..errors import InputError, UnknownEntity
from ..heap import Budget
from ..namespace import ARMS
from ..store import Store
from ..store.snapshot import Memo, Snapshot, snapshot
from ..when import When, parse_day
from . import answer as A
from .policy import (
    Context,
    HopVerdict,
    ItemFacts,
    evaluate_direct_export,
    evaluate_hop,
    reason_text,
    worst,
)
from .project import PROJECTION, Deal, Stage, item_family, label_of, resolve_item, resolve_state
from .review import Mark

__all__ = ["destinations", "paths", "DEFAULT_MAX_PATHS", "DEFAULT_BUDGET_S"]

DEFAULT_MAX_PATHS = 200
DEFAULT_BUDGET_S = 0.2
#: At most this many paths per destination (the best are kept: shortest first).
PER_DESTINATION = 10

_HOP_RANK = {"delivered": 0, "planned": 1, "possible re-export": 2, "backfill": 3}
_VERDICT_RANK = {"open": 0, "conditional": 1, "blocked": 2}
_DELIVERED = {str(ARMS.Delivered)}
_PLANNED = {str(ARMS.Planned), str(ARMS.Promised), str(ARMS.Approved)}
_REFUSED = str(ARMS.Refused)
#: The status of a hop stated only after the date asked about.
_POSSIBLE = "possible"
_PHYSICAL_KINDS = {"transfer", "consent", "request"}
#: Nodes that cannot hold items on a path: an unknown party is no place, a person no state.
_NOT_PARTIES = {"unknown party", "person"}
#: How many hop graphs and rule contexts a snapshot keeps for answers.
_MEMO_SIZE = 256
#: How many judged paths a hop graph keeps per item facts and what-if.
_JUDGED_MAX = 20_000


@dataclass(frozen=True)
class _Memos:
    """What answers share within one snapshot of a store (see :mod:`armsgraph.store.snapshot`):
    hop graphs per item family and date, rule contexts with their hop verdicts, labels.
    A bare projection passed in gets fresh ones per call."""

    hops: Memo
    contexts: Memo
    labels: dict[str, str]

    @classmethod
    def of(cls, snap: Snapshot | None, reviewed: bool) -> _Memos:
        if snap is None:
            return cls(Memo(_MEMO_SIZE), Memo(_MEMO_SIZE), {})
        tag = "reviewed" if reviewed else "raw"
        labels: dict[str, str] = snap.memo(f"paths-labels-{tag}", 1).put("labels", {})
        return cls(snap.memo(f"paths-hops-{tag}", _MEMO_SIZE),
                   snap.memo(f"paths-contexts-{tag}", _MEMO_SIZE), labels)

#: A store, one of its snapshots, or a projection (answers then share no memos).
Source: TypeAlias = Store | Snapshot | nx.MultiDiGraph


def destinations(
    source: Source,
    item: str,
    origin: str,
    as_of: str | dt.date | None = None,
    max_hops: int = 4,
    *,
    lot: str | None = None,
    assume_consent: Iterable[str] = (),
    lift_policies: Iterable[str] = (),
    max_paths: int = DEFAULT_MAX_PATHS,
    budget_s: float = DEFAULT_BUDGET_S,
    only_stated: bool = False,
    reviewed: bool = True,
) -> A.Answer:
    """Every state ``item`` made in (or first held by) ``origin`` could reach, with verdicts.

    Parameters
    ----------
    source : a store (its current snapshot is used), a snapshot, or a projection
        (:func:`armsgraph.reason.project.project`; answers then share nothing between calls)
    item : a system IRI, name, alias or designation; a family includes its members, and a
        member also follows statements about its wider systems (``broader_item`` evidence)
    origin : a state IRI, ISO code or name
    as_of : ``YYYY-MM-DD`` (default today): rules, consents and facts as of that day
    max_hops : longest path considered
    lot : a lot IRI or name, to trace one production lot only
    assume_consent : holders (IRI, code or name) whose consent is assumed granted
    lift_policies : policy or version IRIs whose rules are ignored (what-if)
    max_paths : cap on the paths enumerated
    budget_s : time budget in seconds; past it the answer is marked ``truncated``
        (pauses of the garbage collector do not count: :class:`armsgraph.heap.Budget`)
    only_stated : keep only hops stated on or before ``as_of`` ("what was known then").
        By default every known route is followed: one stated only after ``as_of`` is a
        ``possible re-export`` (status ``possible``, evidence ``stated_after_as_of``).
        Either way verdicts come from the rules, consents and facts of ``as_of``.
    reviewed : with a store or snapshot, the graph as reviewed (default) or as extracted

    Returns
    -------
    dict
        ``{"item", "origin", "as_of", "truncated", "destinations": [...]}``; see
        ``docs/reasoning.md`` for the full contract. With ``assume_consent`` or
        ``lift_policies``, each destination also has ``what_if`` (``baseline_verdict``,
        ``changed``, ``still``).

    Raises
    ------
    UnknownEntity
        ``item``, ``origin``, ``lot``, a holder or a policy is not in the graph.
    InputError
        ``as_of`` is not a date, or ``max_hops`` / ``max_paths`` is not positive.

    Examples
    --------
    >>> from armsgraph.store import OxigraphStore
    >>> from rdflib import Graph, URIRef
    >>> ttl = '''
    ... @prefix arms: <https://w3id.org/armsgraph/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    ... @prefix st: <https://w3id.org/armsgraph/id/state/> .
    ... @prefix sy: <https://w3id.org/armsgraph/id/system/> .
    ... @prefix f: <https://w3id.org/armsgraph/id/fact/> .
    ... st:AAA a arms:State ; rdfs:label "Aland" .
    ... st:BBB a arms:State ; rdfs:label "Borduria" .
    ... st:CCC a arms:State ; rdfs:label "Carpania" .
    ... sy:sam a arms:WeaponSystem ; rdfs:label "SAM" .
    ... f:t1 a arms:Transfer ; arms:supplier st:AAA ; arms:recipient st:BBB ;
    ...     arms:item sy:sam ; arms:modality arms:Delivered ; arms:date "2020-01-01" .
    ... f:c1 a arms:ReExportConsent ; arms:holder st:BBB ;
    ...     arms:destination st:CCC ; arms:item sy:sam ;
    ...     arms:consentHolder st:AAA ; arms:consentStatus arms:ConsentRequested ;
    ...     arms:date "2021-05-01" .
    ... f:c2 a arms:ReExportConsent ; arms:holder st:BBB ;
    ...     arms:destination st:CCC ; arms:item sy:sam ;
    ...     arms:consentHolder st:AAA ; arms:consentStatus arms:ConsentGranted ;
    ...     arms:date "2021-06-01" .
    ... '''
    >>> store = OxigraphStore()
    >>> _ = store.put_graph(URIRef("https://example.org/g"), Graph().parse(data=ttl))
    >>> r = destinations(store, "SAM", "Aland", as_of="2021-05-15")
    >>> [(d["state"]["label"], d["verdict"]) for d in r["destinations"]]
    [('Borduria', 'open'), ('Carpania', 'conditional')]
    >>> [n["label"] for n in r["destinations"][1]["paths"][0]["needs_consent_from"]]
    ['Aland']
    >>> r = destinations(store, "SAM", "Aland", as_of="2021-06-01")
    >>> [(d["state"]["label"], d["verdict"]) for d in r["destinations"]]
    [('Borduria', 'open'), ('Carpania', 'open')]

    Before the consent statements were made, Borduria → Carpania was only *possible*:

    >>> r = destinations(store, "SAM", "Aland", as_of="2020-06-01")
    >>> [(h["kind"], h["status"]) for h in r["destinations"][-1]["paths"][0]["hops"]]
    [('delivered', 'delivered'), ('possible re-export', 'possible')]
    >>> r["destinations"][-1]["paths"][0]["hops"][1]["evidence"][0]["stated_after_as_of"]
    True
    >>> r = destinations(store, "SAM", "Aland", as_of="2020-06-01", only_stated=True)
    >>> [d["state"]["label"] for d in r["destinations"]]
    ['Borduria']

    Notes
    -----
    Reachability is one breadth-first search within ``max_hops`` over the hops that carry
    the item; ``nx.all_simple_paths`` is then given only reachable targets, and stops at
    ``max_paths`` or ``budget_s``. Dense graphs have exponentially many simple paths:
    that is what the cap and the budget are for.
    """
    return _run(source, item, origin, None, as_of, max_hops, lot, assume_consent,
                lift_policies, max_paths, budget_s, only_stated, reviewed)


def paths(
    source: Source,
    item: str,
    origin: str,
    to: str,
    as_of: str | dt.date | None = None,
    max_hops: int = 4,
    *,
    lot: str | None = None,
    assume_consent: Iterable[str] = (),
    lift_policies: Iterable[str] = (),
    max_paths: int = DEFAULT_MAX_PATHS,
    budget_s: float = DEFAULT_BUDGET_S,
    only_stated: bool = False,
    reviewed: bool = True,
) -> A.Answer:
    """The paths of ``item`` from ``origin`` to one state ``to``; same shape as
    :func:`destinations`, with at most one destination (none when unreachable).

    Raises
    ------
    UnknownEntity
        Any of ``item``, ``origin``, ``to`` is not in the graph.
    """
    return _run(source, item, origin, to, as_of, max_hops, lot, assume_consent,
                lift_policies, max_paths, budget_s, only_stated, reviewed)


# ---------------------------------------------------------------------------------------


def _run(
    source: Source, item: str, origin: str, to: str | None,
    as_of: str | dt.date | None, max_hops: int, lot: str | None,
    assume_consent: Iterable[str], lift_policies: Iterable[str], max_paths: int,
    budget_s: float, only_stated: bool, reviewed: bool,
) -> A.Answer:
    if isinstance(source, nx.MultiDiGraph):
        G, memos = source, _Memos.of(None, reviewed)
    else:
        snap = source if isinstance(source, Snapshot) else snapshot(source)
        G, memos = snap.get(PROJECTION).graph(reviewed), _Memos.of(snap, reviewed)
    day = parse_day(as_of)
    if max_hops < 1:
        raise InputError(f"max_hops must be at least 1, not {max_hops}")
    if max_paths < 1:
        raise InputError(f"max_paths must be at least 1, not {max_paths}")
    q = _Query.make(G, memos, item, origin, to, day, max_hops, lot, max_paths, budget_s,
                    only_stated)
    assumed = frozenset(resolve_state(G, h) for h in assume_consent)
    lifted = frozenset(_resolve_policy(G, p) for p in lift_policies)
    result = _search(G, q, assumed, lifted)
    if assumed or lifted:
        base = _search(G, q, frozenset(), frozenset())
        base_verdicts = {d["state"]["id"]: d["verdict"] for d in base["destinations"]}
        for d in result["destinations"]:
            before = base_verdicts.get(d["state"]["id"])
            d["what_if"] = {"baseline_verdict": before, "changed": before != d["verdict"],
                            "still": _still(d)}
        result["what_if"] = {
            "assume_consent": [_node(G, h) for h in sorted(assumed)],
            "lift_policies": [{"id": p, "label": label_of(G, p)} for p in sorted(lifted)],
        }
        result["truncated"] = result["truncated"] or base["truncated"]
    return result


def _resolve_policy(G: nx.MultiDiGraph, value: str) -> str:
    """A policy or policy version by IRI, id (``policy/…``) or label (:func:`ids.resolve`)."""
    versions = G.graph.get("policies", ())
    known = {v.id for v in versions} | {v.policy for v in versions}
    names: dict[str, str] = {}
    for v in versions:
        names.setdefault(v.policy_label.casefold(), v.policy)
        names[v.label.casefold()] = v.id
    return ids.resolve(value, known, names, "policy or policy version")


@dataclass
class _Query:
    """A resolved query and the item-filtered hop graph it searches."""

    item: str
    origin: str
    to: str | None
    as_of: dt.date
    max_hops: int
    max_paths: int
    budget_s: float
    facts: ItemFacts
    family: frozenset[str]
    broader: frozenset[str]
    hops: dict[tuple[str, str], list[dict[str, Any]]]
    backfills: dict[tuple[str, str], list[dict[str, Any]]]
    H: nx.DiGraph
    shared: dict[Any, Any]
    memos: _Memos
    #: The time budget, from the start of :meth:`make`; the collector's pauses do not
    #: count (a full collection over a large heap would otherwise truncate the answer).
    budget: Budget = field(default_factory=lambda: Budget(DEFAULT_BUDGET_S))

    @classmethod
    def make(
        cls, G: nx.MultiDiGraph, memos: _Memos, item: str, origin: str, to: str | None,
        as_of: dt.date, max_hops: int, lot: str | None, max_paths: int, budget_s: float,
        only_stated: bool,
    ) -> _Query:
        budget = Budget(budget_s)
        item_iri = resolve_item(G, item)
        origin_iri = resolve_state(G, origin)
        to_iri = resolve_state(G, to) if to is not None else None
        systems: dict[str, dict[str, Any]] = G.graph.get("systems", {})
        if lot is not None:
            lot_iri = resolve_item(G, lot)
            if systems[lot_iri]["kind"] != "lot":
                raise UnknownEntity(f"{lot!r} is not a production lot")
            # The lot and the statements about its system's family, no other lot.
            root = systems[lot_iri]["of_system"] or lot_iri
            family = frozenset(
                s for s in item_family(G, root)
                if systems.get(s, {}).get("kind") != "lot" or s == lot_iri
            )
        else:
            # Lots made in the origin, or elsewhere under the origin's licence (Spike made
            # in Germany is Germany's, and Israel's as licensor); no other state's lots.
            family = frozenset(
                s for s in item_family(G, item_iri)
                if systems.get(s, {}).get("produced_in") in (None, origin_iri)
                or origin_iri in _lot_licensors(G, s)
            )
            root = item_iri
        facts = _item_facts(G, family, root, origin_iri)
        # A statement about the wider system (Patriot) may concern the member (PAC-3).
        broader = frozenset(_ancestors(systems, root) - family)
        hops, backfills, H, shared = _hop_graph(G, memos.hops, family, broader, as_of,
                                                only_stated)
        return cls(item_iri, origin_iri, to_iri, as_of, max_hops, max_paths, budget_s,
                   facts, family, broader, hops, backfills, H, shared, memos, budget)

    def over_budget(self) -> bool:
        return self.budget.over()


def _lot_licensors(G: nx.MultiDiGraph, lot: str) -> frozenset[str]:
    """The licensor states of the licences a lot was made under (``arms:underLicence``)."""
    by_licence: dict[str, str] = G.graph.get("licensor_states", {})
    info = G.graph.get("systems", {}).get(lot, {})
    return frozenset(by_licence[x] for x in info.get("licences", ()) if x in by_licence)


def _ancestors(systems: dict[str, dict[str, Any]], iri: str) -> set[str]:
    """``iri`` and the wider systems whose statements may concern it (PAC-3 → Patriot).

    Ammunition is fired from its platform, not delivered as part of it: a deal for the
    Gepard vehicle says nothing about its 35 mm rounds, so rounds do not climb ``partOf``
    (docs/reasoning.md, "Item identity").
    """
    out, todo = set(), [iri]
    while todo:
        s = todo.pop()
        if s in out:
            continue
        out.add(s)
        info = systems.get(s, {})
        if not info.get("ammunition"):
            todo.extend(info.get("part_of", ()))
        if info.get("of_system"):
            todo.append(info["of_system"])
    return out


def _nearest_origin(systems: dict[str, dict[str, Any]], iri: str) -> frozenset[str]:
    """The technology-origin states of ``iri``, else of its nearest ancestors that have one
    (PAC-3 inherits Patriot's; Gepard ammunition keeps its own, not the Gepard's)."""
    level, seen = [iri], set()
    while level:
        found = {st for s in level for st in systems.get(s, {}).get("origin_states", ())}
        if found:
            return frozenset(found)
        seen.update(level)
        nxt = []
        for s in level:
            info = systems.get(s, {})
            nxt += [p for p in info.get("part_of", ()) if p not in seen]
            if info.get("of_system") and info["of_system"] not in seen:
                nxt.append(info["of_system"])
        level = nxt
    return frozenset()


def _item_facts(G: nx.MultiDiGraph, family: frozenset[str], root: str, origin: str) -> ItemFacts:
    systems: dict[str, dict[str, Any]] = G.graph.get("systems", {})
    up = _ancestors(systems, root)
    related = up | family
    origin_states = _nearest_origin(systems, root)
    licensors = {
        lic["licensor_state"] for lic in G.graph.get("licences", ())
        if lic["licensee_state"] == origin and (not lic["items"] or related & set(lic["items"]))
        and lic["licensor_state"] != origin
    }
    lot_licences = {x for s in family for x in systems.get(s, {}).get("licences", ())}
    licensors |= {
        lic["licensor_state"] for lic in G.graph.get("licences", ())
        if lic["statement"] in lot_licences and lic["licensor_state"] != origin
    }
    return ItemFacts(origin=origin, licensor_states=frozenset(licensors),
                     origin_states=frozenset(origin_states), systems=frozenset(related))


def _hop_graph(
    G: nx.MultiDiGraph, memo: Memo, family: frozenset[str], broader: frozenset[str],
    as_of: dt.date, only_stated: bool,
) -> tuple[dict[tuple[str, str], list[dict[str, Any]]],
           dict[tuple[str, str], list[dict[str, Any]]], nx.DiGraph, dict[Any, Any]]:
    """The hops that carry the item (memoised per family and date), with a dict in which
    answers keep what they derive from the hops alone (hop JSON, confidence).

    Each hop lists its statements in evidence order as of ``as_of``: those stated by then
    first, strongest first, then those stated later, earliest first (so a hop whose first
    statement is late was stated only after ``as_of``). With ``only_stated`` the late ones
    are left out.
    """
    key = (family, broader, as_of, only_stated)
    hit = memo.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    index: dict[str, list[tuple[str, str, str]]] = G.graph.get("item_index", {})
    disputed: set[str] = G.graph.get("disputed", set())
    hops: dict[tuple[str, str], list[dict[str, Any]]] = {}
    backfills: dict[tuple[str, str], list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for it in [*sorted(family), *sorted(broader)]:
        for u, v, s in index.get(it, ()):
            if s in seen or u == v or G.nodes[u]["type"] in _NOT_PARTIES \
                    or G.nodes[v]["type"] in _NOT_PARTIES:
                continue
            seen.add(s)
            d = G.edges[u, v, s]
            if s in disputed or (only_stated and _late(d, as_of)):
                continue
            if d["kind"] in _PHYSICAL_KINDS:
                hops.setdefault((u, v), []).append(d)
            elif d["kind"] == "backfill":
                backfills.setdefault((u, v), []).append(d)
    views = {d["statement"]: _seen(d, as_of)
             for table in (hops, backfills) for edges in table.values() for d in edges}
    for table in (hops, backfills):
        for edges in table.values():
            edges.sort(key=lambda d: _evidence_order(d, views[d["statement"]]))
    H = nx.DiGraph()
    H.add_edges_from(hops)
    shared: dict[Any, Any] = {"seen": views}
    return memo.put(key, (hops, backfills, H, shared))


def _late(d: dict[str, Any], as_of: dt.date) -> bool:
    """Was the statement surely made only after ``as_of``? (Undated, sourceless ones
    count; one dated to a period that contains ``as_of`` is not late, but uncertain.)"""
    known: When | None = d["known_by"]
    return known is not None and known.earliest > as_of


@dataclass(frozen=True)
class _Seen:
    """A statement as of the date asked about.

    ``stage`` is its latest stage surely reached by the date; ``pending`` the next one
    when the date lies inside that stage's period (a delivery "in 1993" asked about on
    1993-06-01), so the data cannot tell whether it had happened; ``furthest`` the latest
    stage the statement may have reached (a deal ordered and first delivered in 2022,
    asked about on 2022-12-01: pending the order, furthest the delivery); ``late`` when
    the statement was made only after the date.
    """

    stage: Stage | None
    pending: Stage | None
    late: bool
    furthest: Stage | None = None

    @property
    def current(self) -> Stage | None:
        """The stage the hop is shown at: the sure one, else the uncertain one."""
        return self.stage or self.pending


def _seen(d: dict[str, Any], as_of: dt.date) -> _Seen:
    """How ``d`` stands on ``as_of`` (see :class:`_Seen`)."""
    if _late(d, as_of):
        return _Seen(None, None, True)
    stage: Stage | None = None
    pending: Stage | None = None
    furthest: Stage | None = None
    for st in d["stages"]:
        reached = True if st.when is None else st.when.by(as_of)
        if reached is False:
            break
        if reached is True and pending is None:
            stage = st
            continue
        # inside the stage's period (or after a stage that is): it may have been reached
        pending = pending or st
        furthest = st
    return _Seen(stage, pending, stage is None and pending is None, furthest)


def _span(d: dict[str, Any]) -> tuple[When | None, dt.date | None]:
    """When the statement's transfer could move items: from (its last stage's date: a
    delivery, else the plan or offer) and until (the last day of a delivery; ``None`` for
    plans, offers, consents: they stay open)."""
    stages: tuple[Stage, ...] = d["stages"]
    start = stages[-1].when or stages[0].when
    if d["modality"] not in _DELIVERED:
        return start, None
    deal: Deal | None = d.get("deal")
    last = deal.delivered_until if deal else None
    last = last or stages[-1].when
    return start, last.latest if last else None


@dataclass
class _Path:
    kind: str
    nodes: list[str]
    verdict: A.Verdict
    needs: list[str]
    blocked_by: list[dict[str, str]]
    allowed_by: list[dict[str, str]]
    risks: list[dict[str, Any]]
    #: (from, to, "hop" | "backfill", the earliest day the items can be at ``from``)
    hops: list[tuple[str, str, str, When | None]]
    confidence: float
    #: Hops that no rule or fact decides ("no known rule").
    undecided: list[tuple[str, str]] = field(default_factory=list)
    #: What would also apply if what only may have held on the date did.
    uncertain: list[dict[str, str]] = field(default_factory=list)
    #: The path as the answer shows it, made once (:meth:`_Answer.path_json`).
    shown: A.Path | None = None

    def rank(self) -> tuple[int, int, int, float]:
        return (0 if self.kind == "physical" else 1, _VERDICT_RANK[self.verdict],
                len(self.hops), -self.confidence)


#: The earliest the traced items can be somewhere (a date at its precision; ``None``:
#: no constraint).
Arrival = When | None


class _Timeline:
    """When the traced items can be where along a path (time-consistent chains).

    A hop rests on the statements that could move the items *after* they reached its
    start: a delivery that ended before then (:func:`_span`) was of the intermediate's
    own stock. The items reach the hop's end no earlier than they reached its start, and
    no earlier than the earliest of those statements. ``None`` is "no constraint" (the
    origin, undated statements).
    """

    def __init__(self, hops: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
        self._hops = hops
        self._spans: dict[tuple[str, str], list[tuple[Arrival, dt.date | None]]] = {}
        self._steps: dict[tuple[str, str, Arrival], tuple[bool, Arrival]] = {}

    def spans(self, u: str, v: str) -> list[tuple[Arrival, dt.date | None]]:
        got = self._spans.get((u, v))
        if got is None:
            got = self._spans[(u, v)] = [_span(d) for d in self._hops[(u, v)]]
        return got

    def step(self, u: str, v: str, at: Arrival) -> tuple[bool, Arrival]:
        """(whether the hop can carry items that reached ``u`` at ``at``, when they can
        be at ``v``)."""
        key = (u, v, at)
        got = self._steps.get(key)
        if got is None:
            ok = [a for a, b in self.spans(u, v)
                  if at is None or b is None or b >= at.earliest]
            if not ok:
                got = (False, None)
            else:
                first = None if any(a is None for a in ok) else min(
                    (a for a in ok if a is not None), key=When.key)
                got = (True, _later(at, first))
            self._steps[key] = got
        return got

    def arrivals(self, nodes: Sequence[str]) -> list[Arrival] | None:
        """The earliest day the items can be at each node of ``nodes``; ``None`` when a
        hop rests only on statements older than the items' arrival at its start."""
        out: list[Arrival] = [None]
        for u, v in zip(nodes, nodes[1:], strict=False):
            ok, at = self.step(u, v, out[-1])
            if not ok:
                return None
            out.append(at)
        return out


def _later(a: Arrival, b: Arrival) -> Arrival:
    if a is None:
        return b
    return a if b is None or b.earliest <= a.earliest else b


def _earlier(a: Arrival, b: Arrival) -> bool:
    return b is not None and (a is None or a.earliest < b.earliest)


def _before_arrival(d: dict[str, Any], at: Arrival) -> bool:
    """Did the statement's transfer end before the items could reach its supplier?"""
    end = _span(d)[1]
    return at is not None and end is not None and end < at.earliest


def _reach(q: _Query, tl: _Timeline) -> tuple[dict[str, list[str]], dict[str, Arrival]]:
    """Breadth-first over time-consistent chains within ``max_hops``: one shortest chain
    to each reachable state, and the earliest arrival there (chains that arrive earlier
    may continue where a shorter one cannot). Cached per hop graph."""
    key = ("reach", q.origin, q.max_hops)
    hit = q.shared.get(key)
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    shortest: dict[str, list[str]] = {q.origin: [q.origin]}
    best: dict[str, Arrival] = {q.origin: None}
    via: dict[str, list[str]] = {q.origin: [q.origin]}
    frontier = [q.origin] if q.origin in q.H else []
    for _ in range(q.max_hops):
        nxt: list[str] = []
        for u in frontier:
            at, pu = best[u], via[u]
            for v in q.H.succ[u]:
                if v in pu:
                    continue
                ok, nv = tl.step(u, v, at)
                if not ok:
                    continue
                if v not in shortest:
                    shortest[v] = [*pu, v]
                if v not in best or _earlier(nv, best[v]):
                    best[v], via[v] = nv, [*pu, v]
                    nxt.append(v)
        frontier = list(dict.fromkeys(nxt))
    out = (shortest, best)
    q.shared[key] = out
    return out


def _search(
    G: nx.MultiDiGraph, q: _Query, assumed: frozenset[str], lifted: frozenset[str]
) -> A.Answer:
    ctx, memo = _context(G, q, assumed, lifted)
    tl: _Timeline = q.shared.setdefault("timeline", _Timeline(q.hops))
    truncated = False
    found: dict[str, list[list[str]]] = {}
    shortest: dict[str, list[str]] = {}
    arrival: dict[str, Arrival] = {}
    count = 0
    if q.origin in q.H:
        shortest, arrival = _reach(q, tl)
        targets = {t for t in shortest if t != q.origin}
        if q.to is not None:
            targets &= {q.to}
        for t in sorted(targets, key=lambda t: (len(shortest[t]), t)):
            if count >= q.max_paths:
                truncated = True
                break
            found[t] = [shortest[t]]
            count += 1
        if targets and not truncated:
            only = next(iter(targets)) if len(targets) == 1 else targets
            # Paths skipped (destination full, already found, not time-consistent) count
            # against a wider cap, so a search that keeps finding nothing new stops early.
            for examined, p in enumerate(
                nx.all_simple_paths(q.H, q.origin, only, cutoff=q.max_hops)
            ):
                if count >= q.max_paths or examined >= 4 * q.max_paths or q.over_budget():
                    truncated = True
                    break
                got = found.setdefault(p[-1], [])
                if len(got) >= PER_DESTINATION or p in got or tl.arrivals(p) is None:
                    continue
                got.append(p)
                count += 1
    a = _Answer(G, q, ctx, memo, tl, (assumed, lifted))
    by_dest: dict[str, list[_Path]] = {}
    for t, plist in found.items():
        for p in plist:
            if q.over_budget() and by_dest.get(t):
                truncated = True
                break
            by_dest.setdefault(t, []).append(a.judged(p))
    for t in by_dest:
        by_dest[t].sort(key=_Path.rank)
    for (r, b), edges in sorted(q.backfills.items()):
        if b == q.origin or r == q.origin or (q.to and b != q.to):
            continue
        if r in by_dest:
            prefixes = by_dest[r][:1]
        elif r in shortest:  # paths(to=…): the recipient is not itself a destination
            prefixes = [a.judged(shortest[r])]
        else:
            continue
        for prefix in prefixes:
            if b in prefix.nodes or len(prefix.nodes) > q.max_hops:
                continue
            # The backfill must be fed by the traced items: its supplier is on the path.
            ok = [e for e in edges if not e.get("supplier") or e["supplier"] in prefix.nodes]
            if ok:
                by_dest.setdefault(b, []).append(a.backfill(prefix, r, b, ok))
    out = []
    for t, ranked in by_dest.items():
        ranked.sort(key=_Path.rank)
        out.append((ranked[0].rank(), a.label(t), t, ranked))
    out.sort(key=lambda x: (x[0], x[1]))
    dests: list[A.Destination] = []
    for _, _, t, ranked in out:
        paths_json = [a.path_json(p) for p in ranked]
        best = paths_json[0]
        dests.append({
            "state": a.node(t), "verdict": ranked[0].verdict,
            "verdict_basis": best["verdict_basis"],
            "presence": _presence(paths_json),
            "paths": paths_json,
        })
    answer: A.Answer = {
        "item": {"id": q.item, "label": label_of(G, q.item)},
        "origin": a.node(q.origin),
        "as_of": q.as_of.isoformat(),
        "truncated": truncated,
        "destinations": dests,
        "own_stock": a.own_stock(arrival, {t for _, _, t, _ in out}),
    }
    if not out:
        answer["empty_because"] = _why_empty(q, a)
    return answer


def _why_empty(q: _Query, a: _Answer) -> str:
    """Why an answer has no destination, in the graph's terms (issue 11: an origin that
    only makes the item under licence, or only received it, is told so)."""
    item, origin = a.label(q.item), a.label(q.origin)
    if q.to is not None and any(u == q.origin for u, _ in q.hops):
        return (f"no known route of {item} from {origin} reaches {a.label(q.to)} within "
                f"{q.max_hops} hops")
    why = f"no statement the graph holds moves {item} out of {origin}"
    if q.facts.licensor_states:
        names = ", ".join(sorted(a.label(x) for x in q.facts.licensor_states))
        why += f"; {origin} makes it under licence from {names}"
    received = sorted({a.label(u) for u, v in q.hops if v == q.origin})
    if received:
        why += f"; {origin} received it from {', '.join(received)}"
    return why


#: How far the items surely got, best first (see :func:`_presence`).
PRESENCE: tuple[A.PresenceStatus, ...] = ("already there", "possibly there", "could go next")
#: At most this many hops of intermediates' own stock are listed.
OWN_STOCK_MAX = 20


#: How certain a chain is, strongest first (a path's ``certainty.level``): the level of its
#: weakest hop (:meth:`_Answer.certainty`).
CERTAINTY: tuple[A.CertaintyLevel, ...] = (
    "delivered", "delivered, maybe other stock", "maybe delivered", "planned", "possible")
_CERTAINTY_NOTES = (
    "every hop a delivery of these items made by the date",
    "every hop delivered by the date; a later delivery may have been of an intermediate's "
    "other stock",
    "a delivery dated to a period that contains the date: whether before it is not known",
    "a hop only planned (ordered, promised or approved) by the date",
    "a hop only possible (a re-export considered, asked for, refused, or stated later)",
)


def _presence(paths_json: list[A.Path]) -> A.Presence:
    """Whether the items are already at a destination on the date, from the certainty of
    its physical paths.

    *already there*: a chain of deliveries of these items surely made by the date (one
    from the origin, or a lot its supplier made under the origin's licence);
    *possibly there*: a chain of deliveries whose later ones may have been of an
    intermediate's other stock, or one with a delivery dated to a period that contains the
    date; *could go next*: otherwise (planned, possible, refused …).
    """
    best: tuple[int, str | None, str] = (2, None, "no delivery to it by the date")
    for p in paths_json:
        if p["kind"] != "physical":
            continue
        level = CERTAINTY.index(p["certainty"]["level"])
        if level > 2:
            continue
        last = p["hops"][-1]
        since = last["date"] if last["kind"] == "delivered" else last["uncertain"]["date"]
        if level == 0:
            note = ("delivered from the origin by the date" if len(p["hops"]) == 1 else
                    "delivered along the chain by the date, each hop of these items")
            cand = (0, since, note)
        elif level == 1:
            cand = (1, since, "delivered along the chain; a later delivery may "
                              "have been of an intermediate's other stock")
        else:
            cand = (1, since, "delivered in a period that contains the date: "
                              "whether before it is not known")
        if cand[0] < best[0]:
            best = cand
    return {"status": PRESENCE[best[0]], "since": best[1], "note": best[2]}


def _context(
    G: nx.MultiDiGraph, q: _Query, assumed: frozenset[str], lifted: frozenset[str]
) -> tuple[Context, dict[Any, Any]]:
    """The rules, facts and consent decisions as of the date, and a memo of the hop
    verdicts judged under them (both memoised per date, family and what-if)."""
    items = q.family | q.broader
    key = (q.as_of, items, assumed, lifted)
    hit = q.memos.contexts.get(key)
    if hit is None:
        consents = [
            c for c in G.graph.get("consents", ()) if not c.items or items & set(c.items)
        ]
        ctx = Context.build(
            q.as_of, G.graph.get("policies", ()), conflicts=G.graph.get("conflicts", ()),
            embargoes=G.graph.get("embargoes", ()), consents=consents,
            assume_consent=assumed, lift=lifted,
        )
        memo: dict[Any, Any] = {}
        hit = q.memos.contexts.put(key, (ctx, memo))
    return hit  # type: ignore[no-any-return]


class _Answer:
    """Judges and renders the paths of one answer.

    Hop verdicts are memoised per context (date, family, what-if) and hop JSON per hop
    graph, so they are computed once across answers: answers share those dicts, which
    callers must treat as read-only.
    """

    def __init__(
        self, G: nx.MultiDiGraph, q: _Query, ctx: Context, memo: dict[Any, Any],
        tl: _Timeline, what_if: tuple[frozenset[str], frozenset[str]],
    ) -> None:
        self.G, self.q, self.ctx, self.tl = G, q, ctx, tl
        self.threats = [t for t in G.graph.get("threats", ()) if not _late(t, q.as_of)]
        self._risk_event = risk_events(G, self.threats)
        self._labels = q.memos.labels
        self._seen: dict[str, _Seen] = q.shared["seen"]
        self._hop_json: dict[tuple[str, str, str, Arrival], A.Hop] = \
            q.shared.setdefault("hop_json", {})
        self._hop_conf: dict[tuple[str, str, str], float] = q.shared.setdefault("conf", {})
        self._made: dict[tuple[str, str, Arrival], bool] = q.shared.setdefault("made", {})
        self._verdicts: dict[tuple[Any, ...], HopVerdict] = memo.setdefault("verdicts", {})
        self._readable: dict[tuple[tuple[str, str], ...], A.Reason] = memo.setdefault(
            "readable", {})
        # Judged physical paths of this hop graph, per item facts (origin, licensors) and
        # what-if: a path is judged and rendered once, whichever answer meets it first.
        self._judged: dict[tuple[str, ...], _Path] = q.shared.setdefault(
            ("judged", q.facts, *what_if), {})

    def label(self, iri: str) -> str:
        got = self._labels.get(iri)
        if got is None:
            got = self._labels[iri] = label_of(self.G, iri)
        return got

    def node(self, iri: str) -> A.NodeRef:
        return {"id": iri, "label": self.label(iri)}

    def judged(self, nodes: list[str]) -> _Path:
        """The physical path ``nodes``, judged and shown (memoised per hop graph, item facts
        and what-if; at most :data:`_JUDGED_MAX` paths each). Treat it as read-only."""
        key = tuple(nodes)
        got = self._judged.get(key)
        if got is None:
            got = self.physical(nodes)
            self.path_json(got)
            if len(self._judged) < _JUDGED_MAX:
                got = self._judged.setdefault(key, got)
        return got

    def physical(self, nodes: list[str]) -> _Path:
        needs: list[str] = []
        blocked: list[dict[str, str]] = []
        allowed: list[dict[str, str]] = []
        undecided: list[tuple[str, str]] = []
        uncertain: list[dict[str, str]] = []
        conf = 1.0
        for i in range(len(nodes) - 1):
            hv = self._verdict(nodes, i)
            _merge(needs, hv.needs_consent_from)
            _merge(blocked, hv.blocked_by)
            _merge(allowed, hv.allowed_by)
            _merge(uncertain, hv.uncertain)
            if not hv.decided:
                undecided.append((nodes[i], nodes[i + 1]))
            conf = min(conf, self._confidence(nodes[i], nodes[i + 1], self.q.hops))
        verdict: A.Verdict = "blocked" if blocked else "conditional" if needs else "open"
        at = self.tl.arrivals(nodes) or [None] * len(nodes)
        hops = [(u, v, "hop", at[i]) for i, (u, v) in enumerate(zip(nodes, nodes[1:],
                                                                      strict=False))]
        risks = self._risks(nodes, backfill=None)
        return _Path("physical", nodes, verdict, needs, blocked, allowed, risks, hops, conf,
                     undecided, uncertain)

    def backfill(self, prefix: _Path, r: str, b: str, edges: list[dict[str, Any]]) -> _Path:
        own = ItemFacts(origin=r, origin_states=self.q.facts.origin_states,
                        systems=self.q.facts.systems)
        hv = evaluate_direct_export(self.ctx, r, b, own)
        needs = list(prefix.needs)
        _merge(needs, hv.needs_consent_from)
        blocked = list(prefix.blocked_by)
        _merge(blocked, hv.blocked_by)
        allowed = list(prefix.allowed_by)
        _merge(allowed, hv.allowed_by)
        verdict = worst(prefix.verdict, hv.verdict)
        hops = [*prefix.hops, (r, b, "backfill", None)]
        conf = min(prefix.confidence, self._confidence(r, b, self.q.backfills))
        nodes = [*prefix.nodes, b]
        risks = self._risks(nodes, backfill={e["statement"] for e in edges})
        undecided = [*prefix.undecided, *([] if hv.decided else [(r, b)])]
        uncertain = list(prefix.uncertain)
        _merge(uncertain, hv.uncertain)
        return _Path("backfill", nodes, verdict, needs, blocked, allowed, risks, hops, conf,
                     undecided, uncertain)

    def _verdict(self, nodes: list[str], i: int) -> HopVerdict:
        key = (self.q.facts, *nodes[: i + 2])
        hv = self._verdicts.get(key)
        if hv is None:
            hv = evaluate_hop(self.ctx, nodes, i, self.q.facts)
            u, v = nodes[i], nodes[i + 1]
            done = [(d, st) for d in self.q.hops[(u, v)]
                    if (st := self._seen[d["statement"]].stage) is not None
                    and st.modality in _DELIVERED]
            if i == 0 and done:
                # A delivery from the origin surely made by the date is a fact, not a
                # question of rules: the items are there, whatever a new transfer would
                # need. (Later hops stay judged: a delivery there may have been of other
                # items; a delivery dated to a period containing the date is no fact yet.)
                # the first delivery, as the hop is dated (:func:`_first_date`)
                d, st = min(done, key=lambda x: x[1].when.key() if x[1].when else (
                    dt.date.min, dt.date.min))
                when = f" ({st.when.text()})" if st.when else ""
                what = f"delivered {self.label(u)} → {self.label(v)}{when}"
                hv = HopVerdict(allowed_by=[{
                    "statement": d["statement"], "label": d["label"] or what,
                    "reason": f"{what}, before {self.q.as_of.isoformat()}",
                    "fact": "delivered"}])
            for d in self.q.hops[(u, v)]:
                # A refusal stated after the date was no fact yet on that date.
                if d["kind"] == "transfer" and d["modality"] == _REFUSED \
                        and not _late(d, self.q.as_of):
                    hv.block({"statement": d["statement"], "label": d["label"] or "refused",
                              "reason": f"the transfer {self.label(u)} → {self.label(v)} "
                                        "was refused"})
            self._verdicts[key] = hv
        return hv

    def _confidence(
        self, u: str, v: str, table: dict[tuple[str, str], list[dict[str, Any]]]
    ) -> float:
        key = (u, v, "backfill" if table is self.q.backfills else "hop")
        got = self._hop_conf.get(key)
        if got is None:
            got = self._hop_conf[key] = max((e["confidence"] or 0.5) for e in table[(u, v)])
        return got

    def _risks(self, nodes: list[str], backfill: set[str] | None) -> list[dict[str, Any]]:
        """Threats whose condition is one of the path's hops or the item reaching its end.

        A threat is scoped to what it names: its target must be a party to the path (a
        state on it, or a licensor or technology origin of the traced items), and a
        condition about items must be about the traced ones (family or wider system).
        Russia's threat against Japan over Japanese Patriots reaching Ukraine is no risk
        of US-made Patriots nor of F-16s on a route through the United States.
        """
        if not self.threats:
            return []
        if backfill is not None:
            physical = set(zip(nodes[:-2], nodes[1:-1], strict=True))
            statements = set(backfill)
        else:
            physical = set(zip(nodes, nodes[1:], strict=False))
            statements = set()
        for u, v in physical:
            statements |= {d["statement"] for d in self.q.hops[(u, v)]}
        facts = self.q.facts
        parties = {*nodes, *facts.licensor_states, *facts.origin_states}
        items = self.q.family | self.q.broader
        out = []
        for t in self.threats:
            cond = t.get("condition")
            if not cond or (t.get("target") and t["target"] not in parties):
                continue
            cu, cv, about = _condition(self.G, cond)
            if about and not about & items:
                continue
            hit = cond in statements
            if not hit and backfill is None and cv is not None:
                # The condition may be a transfer that is not a hop here (another item of
                # the family, undated, dated later): match it by its ends, a hop or the
                # outcome.
                hit = (cu, cv) in physical or (cv == nodes[-1] and cu in nodes[:-1])
            if hit:
                out.append(t)
        return out

    def hop_json(self, u: str, v: str, kind: str, at: Arrival = None) -> A.Hop:
        """One hop as the answer shows it, for items that reached ``u`` at ``at``."""
        key = (u, v, kind, at)
        got = self._hop_json.get(key)
        if got is None:
            table = self.q.backfills if kind == "backfill" else self.q.hops
            ordered = table[(u, v)]  # in evidence order as of the date (see _hop_graph)
            if at is not None:  # what the items could rest on first, then older stock
                ordered = sorted(ordered, key=lambda d: _before_arrival(d, at))
            lead = ordered[0]
            seen = self._seen[lead["statement"]]
            when: When | None = lead["date"]
            uncertain: Stage | None = None
            status: str | None = _POSSIBLE
            if seen.late:  # every statement behind the hop came later
                hop_kind = "backfill" if kind == "backfill" else "possible re-export"
            else:
                stage = seen.current
                assert stage is not None  # a statement not late has a stage
                hop_kind, status = _hop_kind(lead, stage), self._status(lead, stage)
                when = _first_date(ordered, lead, self._seen, at) or stage.when or when
                uncertain = seen.furthest
            got = {
                "from": self.node(u), "to": self.node(v), "kind": hop_kind,
                "status": status, "date": when.iso if when else None,
                "date_precision": when.precision if when else None,
                "evidence": [self._evidence(d, at) for d in ordered],
            }
            if uncertain is not None:
                # The date lies inside the period of the stage the hop may have reached.
                got["uncertain"] = {
                    "what": _hop_kind(lead, uncertain),
                    "date": uncertain.when.iso if uncertain.when else None,
                    "date_precision": uncertain.when.precision if uncertain.when else None,
                }
            self._hop_json[key] = got
        return got

    def _status(self, d: dict[str, Any], stage: Stage) -> str | None:
        if stage.modality == d["modality"]:
            return d["status"]  # type: ignore[no-any-return]
        labels: dict[str, str] = self.G.graph.get("labels", {})
        return labels.get(stage.modality or "") or (
            stage.modality.rsplit("#", 1)[-1].lower() if stage.modality else None)

    def _evidence(self, d: dict[str, Any], at: Arrival = None) -> A.Evidence:
        when: When | None = d["date"]
        out: A.Evidence = {
            "statement": d["statement"], "sentence": d["sentence"],
            "date": when.iso if when else None,
            "date_precision": when.precision if when else None,
            "source": {"id": d["source"], "title": d["source_title"], "url": d["source_url"]},
        }
        deal: Deal | None = d.get("deal")
        if deal is not None:
            ref: A.DealRef = {
                "designation": deal.designation, "ordered": deal.ordered,
                "delivered": deal.delivered, "order_year": deal.order_year,
                "delivery_years": list(deal.delivery_years), "comment": deal.comment,
                "status": deal.status, "uncertain": sorted(deal.uncertain),
            }
            if deal.lines > 1:  # the numbers are the whole deal's, shared by its lines
                ref["lines"] = deal.lines
                ref["deal_ordered"] = deal.deal_ordered
                ref["deal_delivered"] = deal.deal_delivered
            out["deal"] = ref
        if self._seen[d["statement"]].late:
            out["stated_after_as_of"] = True
        if _before_arrival(d, at):
            out["before_arrival"] = True
        if not self.q.family & set(d["items"]):  # only about a wider system
            out["broader_item"] = True
        mark = d.get("review")
        if mark is not None:
            out["review"] = _review_json(mark)
        return out

    def made_there(self, u: str, v: str, at: Arrival) -> bool:
        """Does hop u → v rest on a delivery, surely made by the date, of a lot of the traced
        items that ``u`` made itself (Spike made in Germany, Germany → Belgium)? Then it
        carries the traced items whatever ``u`` held before."""
        key = (u, v, at)
        got = self._made.get(key)
        if got is None:
            systems: dict[str, dict[str, Any]] = self.G.graph.get("systems", {})
            got = any(
                (st := self._seen[d["statement"]].stage) is not None
                and st.modality in _DELIVERED and not _before_arrival(d, at)
                and any(i in self.q.family and systems.get(i, {}).get("produced_in") == u
                        for i in d["items"])
                for d in self.q.hops[(u, v)])
            self._made[key] = got
        return got

    def certainty(self, p: _Path, hops: list[A.Hop]) -> A.Certainty:
        """How certain the chain is: the level (:data:`CERTAINTY`) of its weakest hop.

        A delivery surely made by the date is *delivered* when it is the first hop (from
        the origin) or of a lot its supplier made (:meth:`made_there`), else *delivered,
        maybe other stock*; a hop that may already be delivered (dated to a period that
        contains the date) is *maybe delivered*; a planned hop *planned*; anything else
        (possible re-export, backfill, stated later) *possible*."""
        worst, at_hop = 0, None  # the weakest hop (None: every hop is delivered)
        for i, h in enumerate(hops):
            unc = h["uncertain"]["what"] if "uncertain" in h else None
            if h["kind"] == "delivered" and not unc and h["status"] != _POSSIBLE:
                u, v, _, at = p.hops[i]
                level = 0 if i == 0 or self.made_there(u, v, at) else 1
            elif unc == "delivered" or (h["kind"] == "delivered" and unc):
                level = 2
            elif h["kind"] == "planned" and h["status"] != _POSSIBLE:
                level = 3
            else:
                level = 4
            if level > worst:
                worst, at_hop = level, h
        weakest: A.HopEnds | None = (
            {"from": at_hop["from"], "to": at_hop["to"]} if at_hop else None)
        return {"level": CERTAINTY[worst], "weakest": weakest,
                "note": _CERTAINTY_NOTES[worst], "confidence": round(p.confidence, 3)}

    def path_json(self, p: _Path) -> A.Path:
        if p.shown is None:
            p.shown = self._path_json(p)
        return p.shown

    def _path_json(self, p: _Path) -> A.Path:
        no_rule: list[A.HopEnds] = [{"from": self.node(u), "to": self.node(v)}
                                    for u, v in p.undecided]
        hops = [self.hop_json(u, v, k, at) for u, v, k, at in p.hops]
        return {
            "kind": p.kind,
            "verdict": p.verdict,
            # An open verdict that some hop owes to no rule or fact is "no known rule".
            "verdict_basis": "no known rule" if p.verdict == "open" and no_rule
            else "rules and facts",
            "needs_consent_from": [self.node(h) for h in p.needs],
            "blocked_by": [self.readable(b) for b in p.blocked_by],
            "allowed_by": [self.readable(x) for x in p.allowed_by],
            "no_known_rule": no_rule,
            "uncertain": [self.readable(x) for x in p.uncertain],
            "risks": [{"statement": t["statement"], "label": _risk_label(self.G, t),
                       "sentence": t["sentence"],
                       "event": self._risk_event.get(t["statement"], t["statement"])}
                      for t in p.risks],
            "certainty": self.certainty(p, hops),
            "hops": hops,
        }

    def own_stock(self, arrival: dict[str, Arrival], reached: set[str]) -> list[A.OwnStock]:
        """Hops out of a reached state that rest only on deliveries made before the traced
        items could be there: the intermediate's own stock, not a route for the origin's
        items (at most :data:`OWN_STOCK_MAX`, to states not otherwise reached)."""
        out: list[A.OwnStock] = []
        for u in sorted(arrival, key=self.label):
            at = arrival[u]
            if at is None or u == self.q.origin:
                continue
            for v in sorted(self.q.H.succ[u], key=self.label):
                if v in reached or v == self.q.origin or self.tl.step(u, v, at)[0] \
                        or (self.q.to is not None and v != self.q.to):
                    continue  # paths(to=…): only what explains the destination asked about
                hop = self.hop_json(u, v, "hop", None)
                out.append({
                    "from": self.node(u), "to": self.node(v),
                    "items_there_from": at.iso, "hop": hop,
                    "note": f"{self.label(u)}'s own stock: every statement behind "
                            f"{self.label(u)} → {self.label(v)} ended before the items "
                            f"could be in {self.label(u)}",
                })
                if len(out) >= OWN_STOCK_MAX:
                    return out
        return out

    def readable(self, entry: dict[str, str]) -> A.Reason:
        """A reason of the rules as the answer shows it: its text with the parties named by
        their labels (:func:`~armsgraph.reason.policy.reason_text`; their IRIs stay in the
        party fields, ``rule`` and ``statement``), and the review of the fact behind it."""
        key = tuple(sorted(entry.items()))
        got = self._readable.get(key)
        if got is None:
            got = self._readable[key] = self._relabel(entry)
        return got

    def _relabel(self, entry: dict[str, str]) -> A.Reason:
        out: A.Reason = {"label": entry["label"], "reason": reason_text(entry, self.label)}
        if "rule" in entry:
            out["rule"] = entry["rule"]
        if "statement" in entry:
            out["statement"] = entry["statement"]
        if "fact" in entry:
            out["fact"] = entry["fact"]
        if "version" in entry:
            out["version"] = entry["version"]
        if "destination" in entry:
            out["destination"] = entry["destination"]
        if "holder" in entry:
            out["holder"] = entry["holder"]
        if "exporter" in entry:
            out["exporter"] = entry["exporter"]
        if "assigner" in entry:
            out["assigner"] = entry["assigner"]
        ov = self.G.graph.get("overlay")
        mark = ov.marks.get(entry.get("statement", "")) if ov is not None else None
        if mark is not None:  # the consent or fact behind the reason was reviewed
            out["reviewed_by"] = mark.reviewer_name
            out["reviewed_on"] = mark.on.isoformat()
            out["review"] = mark.review
        return out


def _review_json(mark: Mark) -> A.ReviewRef:
    """A review mark as evidence shows it: "corrected by Ann on 2026-12-03"."""
    out: A.ReviewRef = {"action": mark.action, "reviewer": mark.reviewer_name,
                        "on": mark.on.isoformat(), "review": mark.review, "text": mark.text()}
    if mark.reason:
        out["reason"] = mark.reason
    if mark.revision_of:
        out["revision_of"] = mark.revision_of
    return out


def _first_date(ordered: list[dict[str, Any]], lead: dict[str, Any],
                seen: dict[str, _Seen], at: Arrival) -> When | None:
    """The hop's date: the earliest among the statements that stand where its lead does
    (the same kind, surely or not), not the lead's own: Norway's F-16s from the Dutch line
    were delivered from 1980 on, though the row listed first (the most certain) is of 1988."""
    ls = seen[lead["statement"]]
    assert ls.current is not None
    kind, sure = _hop_kind(lead, ls.current), ls.stage is not None
    best: When | None = None
    for d in ordered:
        s = seen[d["statement"]]
        if s.late or s.current is None or (s.stage is not None) != sure \
                or _hop_kind(d, s.current) != kind or _before_arrival(d, at):
            continue
        w = s.current.when
        if w is not None and (best is None or w.key() < best.key()):
            best = w
    return best


def _hop_kind(d: dict[str, Any], stage: Stage | None = None) -> str:
    """The kind of hop ``d`` makes at ``stage`` (default: its last stage)."""
    if d["kind"] == "backfill":
        return "backfill"
    if d["kind"] == "transfer":
        modality = (stage or d["stages"][-1]).modality
        if modality in _DELIVERED:
            return "delivered"
        if modality in _PLANNED:
            return "planned"
    return "possible re-export"


def _evidence_order(d: dict[str, Any], seen: _Seen) -> tuple[bool, tuple[Any, ...], float,
                                                              float, str]:
    """Statements made by the date first, strongest first (a stage surely reached before
    one the date falls inside); then later ones, earliest first."""
    if seen.late:
        known: When | None = d["known_by"]
        return (True, known.key() if known else (), 0.0, -(d["confidence"] or 0.0),
                d["statement"])
    rank = _HOP_RANK[_hop_kind(d, seen.stage)] if seen.stage else \
        _HOP_RANK[_hop_kind(d, seen.pending)] + 0.5
    return (False, (), rank, -(d["confidence"] or 0.0), d["statement"])


def _merge(into: list[Any], items: Sequence[Any]) -> None:
    for x in items:
        if x not in into:
            into.append(x)


def _condition(
    G: nx.MultiDiGraph, cond: str
) -> tuple[str | None, str | None, frozenset[str]]:
    """A threat's condition: its ends when it is a transfer, and the items it is about
    (``conditions`` of the projection)."""
    info: dict[str, tuple[str | None, str | None, frozenset[str]]] = G.graph.get(
        "conditions", {})
    return info.get(cond, (None, None, frozenset()))


def _node(G: nx.MultiDiGraph, iri: str) -> A.NodeRef:
    return {"id": iri, "label": label_of(G, iri)}


def risk_events(G: nx.MultiDiGraph, threats: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each threat's event: the statement IRI of the event's most confident statement.

    Threats by the same actor against the same target, over the same condition (the same
    transfer of the same items, when it is one, however many statements state it) and with
    dates that do not contradict each other (overlapping periods, or one undated), are one
    event: the same threat read from a headline and from quotes, as
    :func:`armsgraph.views.events.events` lists facts. A path's risks keep every statement; the
    ``event`` of each lets a reader show them once.

    >>> from armsgraph.when import When
    >>> G = nx.MultiDiGraph(conditions={"c1": ("J", "U", frozenset({"p"})),
    ...                                 "c2": ("J", "U", frozenset({"p"}))})
    >>> t = {"actor": "R", "target": "J", "confidence": 0.6}
    >>> risk_events(G, [{**t, "statement": "a", "condition": "c1", "date": When.parse("2024-03")},
    ...                 {**t, "statement": "b", "condition": "c2", "confidence": 0.9},
    ...                 {**t, "statement": "c", "condition": "c1", "date": When.parse("2023")},
    ...                 {**t, "statement": "d", "condition": "c3"}])
    {'b': 'b', 'a': 'b', 'c': 'c', 'd': 'd'}
    """
    def key(t: dict[str, Any]) -> tuple[object, ...]:
        cond = t.get("condition")
        cu, cv, about = _condition(G, cond) if cond else (None, None, frozenset())
        meant = (cu, cv, about) if cu or cv or about else cond
        return t.get("actor"), t.get("target"), meant

    groups: list[tuple[tuple[object, ...], list[dict[str, Any]]]] = []
    for t in threats:
        k = key(t)
        for gk, group in groups:
            if gk == k and all(_overlap(t.get("date"), g.get("date")) for g in group):
                group.append(t)
                break
        else:
            groups.append((k, [t]))
    out: dict[str, str] = {}
    for _k, group in groups:
        lead = max(group, key=lambda g: (g.get("confidence") or 0.0, -group.index(g)))
        out[lead["statement"]] = lead["statement"]
        for g in group:
            out.setdefault(g["statement"], lead["statement"])
    return out


def _overlap(a: When | None, b: When | None) -> bool:
    """Dates that may name the same time: undated, or periods that overlap."""
    if not isinstance(a, When) or not isinstance(b, When):
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


def _risk_label(G: nx.MultiDiGraph, t: dict[str, Any]) -> str:
    if t.get("label"):
        return str(t["label"])
    text = f"{label_of(G, t['actor'])} threatens {label_of(G, t['target'])}"
    return f"{text}: {t['consequence']}" if t.get("consequence") else text




def _still(d: A.Destination) -> list[A.StillItem]:
    best = d["paths"][0]
    out: list[A.StillItem] = [
        {"kind": "blocked", "id": b.get("rule") or b.get("statement", ""),
         "label": f"{b['label']}: {b['reason']}"} for b in best["blocked_by"]]
    out += [{"kind": "needs consent", "id": h["id"], "label": h["label"]}
            for h in best["needs_consent_from"]]
    out += [{"kind": "risk", "id": r["statement"], "label": r["label"]} for r in best["risks"]]
    return out
