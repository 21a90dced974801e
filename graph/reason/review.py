"""Analyst review: accept, reject and correct statements, add facts by hand, withdraw.

Extraction misreads sentences; an analyst who cites an answer must be able to fix the
fact behind it without editing what the extractor wrote. Each review is one
``arms:Review`` (a ``prov:Activity``) in its own named graph ``graph/review/{key}``:

- ``arms:reviewAction`` — ``arms:Accepted``, ``arms:Rejected``, ``arms:Corrected``,
  ``arms:AddedByHand`` or ``arms:Withdrawn``;
- ``prov:wasAttributedTo`` the reviewer (a ``prov:Agent`` with its name as label),
  ``prov:endedAtTime`` when, ``arms:reason`` why;
- ``arms:reviewOf`` the statement (or ``arms:Deal``: every statement of that event), with
  an anchor of what the statement was when reviewed (``arms:reviewedSource``,
  ``arms:reviewedStart``/``arms:reviewedEnd``, ``arms:reviewedType``,
  ``arms:reviewedRoles``);
- ``prov:generated`` the statement a correction or a hand-added fact writes (a corrected
  copy is ``prov:wasRevisionOf`` the original, confidence 1.00);
- ``arms:withdraws`` the review a withdrawal cancels.

:func:`overlay` reads every review and says what the *curated* graph hides: rejected
statements, the originals of corrections, and statements written by reviews that no
longer apply. The projection (:func:`armsgraph.reason.project.project`) applies it, so
destinations, paths, exports and the fact views follow reviews; ``reviewed=False`` asks
for the raw graph instead, which hides what reviews wrote.

Reviews survive re-ingest: a re-ingested article mints the same statement IRIs; when a
changed extractor mints others, a review is re-anchored to the statement of the same
source, sentence span and class (the roles break ties), and :attr:`Overlay.unmatched`
lists reviews that match nothing. SIPRI statements are named by the register's own
identity of a deal (``fact/sipri-…``, see :mod:`armsgraph.load.sipri`), so their reviews survive
re-imports by IRI.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from .. import ids
from ..errors import InputError, ParseError, UnknownEntity
from ..namespace import ARMS
from ..prefixes import PREFIXES as _PREFIX_MAP
from ..prefixes import sparql_prefixes
from ..store import Store, from_ox, parse_rdf, serialized, to_ox

__all__ = [
    "Action",
    "Anchor",
    "Correction",
    "NewFact",
    "Review",
    "Mark",
    "Overlay",
    "ImportReport",
    "accept",
    "reject",
    "correct",
    "add_fact",
    "withdraw",
    "reviews",
    "overlay",
    "export_reviews",
    "import_reviews",
    "statement_iri",
    "review_iri",
]

Triple = tuple[Node, Node, Node]


class Action(StrEnum):
    """What a review does (the words of the CLI and the API)."""

    ACCEPT = "accept"
    REJECT = "reject"
    CORRECT = "correct"
    ADD = "add"
    WITHDRAW = "withdraw"


_TERMS: dict[Action, URIRef] = {
    Action.ACCEPT: ARMS.Accepted, Action.REJECT: ARMS.Rejected,
    Action.CORRECT: ARMS.Corrected, Action.ADD: ARMS.AddedByHand,
    Action.WITHDRAW: ARMS.Withdrawn,
}
_ACTIONS = {str(term): action for action, term in _TERMS.items()}
#: What :class:`Mark` says of each action that leaves a statement in the curated graph.
_DONE = {Action.ACCEPT: "accepted", Action.CORRECT: "corrected", Action.ADD: "added"}
#: Roles a hand-added fact needs for it to be an edge of the projection.
_NEEDS: dict[str, tuple[str, ...]] = {
    "Transfer": ("supplier", "recipient"),
    "ReExportConsent": ("holder", "destination", "consent_holder"),
    "ProductionLicense": ("licensor", "licensee"),
    "Request": ("requester", "addressee"),
    "Threat": ("actor", "target"),
    "Policy": (),
    "Assurance": (),
}
_MAX_TEXT = 2000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

PREFIXES = sparql_prefixes()


@dataclass(frozen=True)
class Anchor:
    """What a reviewed statement was when reviewed: how a review finds it again."""

    source: str | None
    start: int | None
    end: int | None
    type: str | None
    roles: str


@dataclass(frozen=True)
class Correction:
    """The changes a correction makes; fields left ``None`` (or roles absent) are kept.

    ``roles`` maps a role name (``holder``, ``destination``, ``item`` …) to an entity (an
    IRI, ``state/JPN``, an ISO code or a label); ``status`` is a status word of the
    extractor (``refused``, ``granted``, ``delivered`` …); ``date`` is ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD`` (its precision follows from its form); ``type`` a fact
    type (``Transfer``, ``ReExportConsent`` …).
    """

    roles: Mapping[str, str] = field(default_factory=dict)
    status: str | None = None
    date: str | None = None
    type: str | None = None

    def is_empty(self) -> bool:
        return not self.roles and self.status is None and self.date is None and \
            self.type is None


@dataclass(frozen=True)
class NewFact:
    """A fact an analyst adds by hand from a sentence of a stored source."""

    source: str
    sentence: str
    type: str
    status: str
    roles: Mapping[str, str]
    date: str | None = None


@dataclass(frozen=True)
class Review:
    """One stored review, as read back from its named graph."""

    id: str
    graph: str
    action: Action
    reviewer: str
    reviewer_name: str
    at: dt.datetime
    target: str | None = None
    reason: str | None = None
    generated: str | None = None
    withdraws: str | None = None
    anchor: Anchor | None = None


@dataclass(frozen=True)
class Mark:
    """What the evidence of a statement says about its review: "accepted by … on …"."""

    action: str
    reviewer: str
    reviewer_name: str
    on: dt.date
    review: str
    reason: str | None = None
    revision_of: str | None = None

    def text(self) -> str:
        """The line an evidence panel shows.

        >>> Mark("rejected", "r", "Ann", dt.date(2026, 1, 2), "x").text()
        'rejected by Ann on 2026-01-02'
        """
        return f"{self.action} by {self.reviewer_name} on {self.on.isoformat()}"


@dataclass(frozen=True)
class Overlay:
    """What reviews change in the graph at one store generation.

    ``hidden`` are the statements the curated graph leaves out (rejected ones, originals
    of corrections, statements written by reviews that no longer apply); ``written`` the
    statements reviews wrote (the raw graph leaves those out); ``marks`` the review of each
    statement that stays; ``rejected`` the rejected statements with their marks;
    ``unmatched`` the reviews whose statement is gone; ``rematched`` the reviews anchored to
    a statement with a new IRI (review IRI → statement IRI).
    """

    reviews: tuple[Review, ...] = ()
    hidden: frozenset[str] = frozenset()
    written: frozenset[str] = frozenset()
    marks: Mapping[str, Mark] = field(default_factory=dict)
    rejected: Mapping[str, Mark] = field(default_factory=dict)
    unmatched: tuple[Review, ...] = ()
    rematched: Mapping[str, str] = field(default_factory=dict)

    def hides(self, *, reviewed: bool = True) -> frozenset[str]:
        """The statements left out of the curated (``reviewed``) or the raw graph."""
        return self.hidden if reviewed else self.written

    def mark(self, statement: str, *, reviewed: bool = True) -> Mark | None:
        """The review mark of a statement in the curated graph (none in the raw one)."""
        return self.marks.get(statement) if reviewed else None


EMPTY = Overlay()


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_reviews` did: review graphs written and already present."""

    added: int
    present: int


# ---------------------------------------------------------------------------------------
# Names


def statement_iri(value: str) -> URIRef:
    """A statement's IRI from its IRI, ``fact/KEY`` or ``KEY``.

    >>> str(statement_iri("fact/abc")) == str(statement_iri("abc")) == str(ids.fact("abc"))
    True
    """
    return _iri(value, "fact")


def review_iri(value: str) -> URIRef:
    """A review's IRI from its IRI, ``review/KEY`` or ``KEY``."""
    return _iri(value, "review")


def _iri(value: str, kind: str) -> URIRef:
    text = ids.from_prefixed(value.strip())
    if text.startswith(("http://", "https://")):
        if not text.startswith(ids.BASE) or any(c in text for c in ' <>"{}|\\^`'):
            raise InputError(f"{value!r} is not an armsgraph {kind} IRI")
        return URIRef(text)
    if text.startswith(kind + "/"):
        text = text[len(kind) + 1:]
    if not text or not re.fullmatch(r"[A-Za-z0-9._~-]+", text):
        raise InputError(f"{value!r} is not a {kind} id")
    return ids.ID[f"{kind}/{text}"]


def _text(value: str | None, what: str, *, required: bool = False) -> str | None:
    if value is None or not value.strip():
        if required:
            raise InputError(f"a {what} is required")
        return None
    text = value.strip()
    if len(text) > _MAX_TEXT or _CONTROL.search(text):
        raise InputError(f"{what} {text[:40]!r}… is over {_MAX_TEXT} characters or holds "
                         "control characters")
    return text


# ---------------------------------------------------------------------------------------
# Reading the store

_Q_TARGET = PREFIXES + """
SELECT ?t ?cls ?src ?start ?end WHERE {
  ?t a ?cls .
  OPTIONAL { ?t prov:wasDerivedFrom ?src }
  OPTIONAL { ?t arms:startChar ?start }
  OPTIONAL { ?t arms:endChar ?end }
}"""
_Q_ROLES = PREFIXES + "SELECT ?t ?p ?o WHERE { ?t ?p ?o }"
_Q_MEMBERS = PREFIXES + "SELECT ?d ?s WHERE { ?s arms:deal ?d }"
_Q_CANDIDATES = PREFIXES + """
SELECT ?src ?a ?b ?cls ?s WHERE {
  ?s prov:wasDerivedFrom ?src ; arms:startChar ?start ; arms:endChar ?end ; a ?cls .
  FILTER(?start = ?a && ?end = ?b)
}"""
_Q_TRIPLES = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
_Q_SOURCE = PREFIXES + "SELECT ?src WHERE { ?src a arms:Source }"
_Q_SPAN = PREFIXES + """
SELECT ?src ?sentence ?start ?end WHERE {
  ?s prov:wasDerivedFrom ?src ; arms:sentence ?sentence ;
     arms:startChar ?start ; arms:endChar ?end .
} LIMIT 1"""
_Q_ENTITY = PREFIXES + """
SELECT ?name ?e WHERE {
  ?e rdfs:label|skos:altLabel|arms:iso3166Alpha3|arms:iso3166Alpha2|arms:designation ?l .
  FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
}"""
_Q_REVIEWS = PREFIXES + """
SELECT ?g ?rev ?action ?agent ?name ?at ?reason ?target ?gen ?withdraws
       ?src ?start ?end ?type ?roles WHERE {
  GRAPH ?g {
    ?rev a arms:Review ; arms:reviewAction ?action ; prov:wasAttributedTo ?agent ;
         prov:endedAtTime ?at .
    OPTIONAL { ?agent rdfs:label ?name }
    OPTIONAL { ?rev arms:reason ?reason }
    OPTIONAL { ?rev arms:reviewOf ?target }
    OPTIONAL { ?rev prov:generated ?gen }
    OPTIONAL { ?rev arms:withdraws ?withdraws }
    OPTIONAL { ?rev arms:reviewedSource ?src }
    OPTIONAL { ?rev arms:reviewedStart ?start }
    OPTIONAL { ?rev arms:reviewedEnd ?end }
    OPTIONAL { ?rev arms:reviewedType ?type }
    OPTIONAL { ?rev arms:reviewedRoles ?roles }
  }
}"""


class _Tables:
    """The ingest tables (fact types, roles, statuses), imported on first use: ingest
    loads the extractor, which answering questions does not need."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        from ..load import ingest  # noqa: PLC0415

        tables = {
            "classes": ingest.FACT_CLASSES, "roles": ingest.ROLE_PROPERTIES,
            "modalities": ingest.MODALITIES, "consent": ingest.CONSENT_TERMS,
            "precisions": ingest.PRECISIONS, "date_literal": ingest.date_literal,
            "class_names": {str(c): n for n, c in ingest.FACT_CLASSES.items()},
            "role_by_prop": {str(p): n for n, p in ingest.ROLE_PROPERTIES.items()},
        }
        if name not in tables:
            raise AttributeError(name)
        value = tables[name]
        setattr(self, name, value)
        return value


_T = _Tables()


def _int(term: Node | None) -> int | None:
    try:
        return None if term is None else int(str(term))
    except ValueError:
        return None


def _statement(store: Store, iri: URIRef) -> Anchor | None:
    """The anchor of an existing statement (or a Deal: ``type`` is arms:Deal); None if
    nothing of that IRI is typed in the store."""
    rows = store.select(_Q_TARGET, bindings={"t": iri})
    if not rows:
        return None
    classes = {str(r["cls"]) for r in rows}
    kind = next((c for c in sorted(classes) if c in _T.class_names or c == str(ARMS.Deal)),
                sorted(classes)[0])
    row = rows[0]
    return Anchor(source=str(row["src"]) if "src" in row else None,
                  start=_int(row.get("start")), end=_int(row.get("end")), type=kind,
                  roles=_roles_key(store, iri))


def _roles_key(store: Store, iri: URIRef) -> str:
    pairs = sorted(f"{_T.role_by_prop[str(r['p'])]}={r['o']}"
                   for r in store.select(_Q_ROLES, bindings={"t": iri})
                   if str(r["p"]) in _T.role_by_prop)
    return " ".join(pairs)


def _entity(store: Store, value: str) -> URIRef:
    """An entity's IRI from its IRI, ``kind/key``, ISO code, label or alias."""
    text = value.strip()
    if not text:
        raise InputError("an empty entity")
    candidates: list[URIRef] = []
    if text.startswith(ids.BASE):
        candidates.append(URIRef(text))
    elif re.fullmatch(r"[a-z]+[/:][A-Za-z0-9._~-]+", text):
        candidates.extend(URIRef(c) for c in ids.id_candidates(text) if c.startswith(ids.BASE))
    for iri in candidates:
        if store.select(_Q_TARGET, bindings={"t": iri}):
            return iri
    hits = sorted({str(r["e"]) for r in store.select(_Q_ENTITY, bindings={"name": Literal(text)})})
    states = [h for h in hits if h.startswith(str(ids.ID["state/"]))]
    if len(states) == 1 or len(hits) == 1:
        return URIRef(states[0] if len(states) == 1 else hits[0])
    if hits:
        raise InputError(f"entity {value!r} is ambiguous: {', '.join(hits[:5])}")
    raise UnknownEntity(f"no entity {value!r} in the graph")


def reviews(store: Store) -> list[Review]:
    """Every stored review, oldest first."""
    acc: dict[str, dict[str, Node]] = {}
    for row in store.select(_Q_REVIEWS):
        g = str(row["g"])
        if not g.startswith(ids.REVIEW_GRAPHS):
            continue
        acc.setdefault(str(row["rev"]), row)
    out: list[Review] = []
    for rev, row in acc.items():
        action = _ACTIONS.get(str(row["action"]))
        at = _datetime(row["at"])
        if action is None or at is None:
            continue  # not one of ours: import_reviews and the shapes refuse such graphs
        anchor = None
        if "target" in row:
            anchor = Anchor(
                source=str(row["src"]) if "src" in row else None,
                start=_int(row.get("start")), end=_int(row.get("end")),
                type=str(row["type"]) if "type" in row else None,
                roles=str(row.get("roles", "")))
        out.append(Review(
            id=rev, graph=str(row["g"]), action=action, reviewer=str(row["agent"]),
            reviewer_name=str(row.get("name", "")) or str(row["agent"]).rsplit("/", 1)[-1],
            at=at, target=str(row["target"]) if "target" in row else None,
            reason=str(row["reason"]) if "reason" in row else None,
            generated=str(row["gen"]) if "gen" in row else None,
            withdraws=str(row["withdraws"]) if "withdraws" in row else None, anchor=anchor))
    out.sort(key=lambda r: (r.at, r.id))
    return out


def _datetime(term: Node) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(str(term).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def overlay(store: Store) -> Overlay:
    """What the stored reviews change, at the store's current generation.

    The latest review of a statement that is not withdrawn decides: rejected → hidden;
    corrected → the original hidden and its corrected copy marked; accepted → marked.
    A review of an ``arms:Deal`` applies to every statement of that deal.
    """
    stored = reviews(store)
    if not stored:
        return EMPTY
    withdrawn = {r.withdraws for r in stored if r.action is Action.WITHDRAW}
    written = frozenset(r.generated for r in stored if r.generated)
    active = [r for r in stored if r.id not in withdrawn and r.action is not Action.WITHDRAW]
    latest: dict[str, Review] = {}
    unmatched: list[Review] = []
    rematched: dict[str, str] = {}
    for r in active:
        if r.target is None:
            continue
        found = _resolve(store, r, written)
        if not found:
            unmatched.append(r)
            continue
        if found != [r.target] and len(found) == 1:
            rematched[r.id] = found[0]
        for s in found:
            latest[s] = r  # active is oldest first: the latest review wins
    hidden: set[str] = set(written)
    marks: dict[str, Mark] = {}
    rejected: dict[str, Mark] = {}
    for s, r in latest.items():
        if r.action is Action.REJECT:
            hidden.add(s)
            rejected[s] = _mark(r, "rejected")
        elif r.action is Action.CORRECT and r.generated:
            hidden.add(s)
            hidden.discard(r.generated)
            marks[r.generated] = _mark(r, "corrected", revision_of=s)
        elif r.action is Action.ACCEPT:
            marks[s] = _mark(r, "accepted")
    for r in active:
        if r.action is Action.ADD and r.generated:
            hidden.discard(r.generated)
            marks[r.generated] = _mark(r, "added")
    for s in list(latest):  # a review may judge what another review wrote
        r = latest[s]
        if s in written and r.action is Action.REJECT:
            hidden.add(s)
            marks.pop(s, None)
    return Overlay(reviews=tuple(stored), hidden=frozenset(hidden), written=written,
                   marks=marks, rejected=rejected, unmatched=tuple(unmatched),
                   rematched=rematched)


def _mark(r: Review, action: str, *, revision_of: str | None = None) -> Mark:
    return Mark(action=action, reviewer=r.reviewer, reviewer_name=r.reviewer_name,
                on=r.at.date(), review=r.id, reason=r.reason, revision_of=revision_of)


def _resolve(store: Store, r: Review, written: frozenset[str]) -> list[str]:
    """The statements a review applies to now: its target, the statements of its deal,
    or the statement its anchor finds again."""
    assert r.target is not None
    here = _statement(store, URIRef(r.target))
    if here is not None:
        if here.type == str(ARMS.Deal):
            return sorted(str(x["s"]) for x in
                          store.select(_Q_MEMBERS, bindings={"d": URIRef(r.target)}))
        return [r.target]
    a = r.anchor
    if a is None or a.source is None or a.start is None or a.end is None or a.type is None:
        return []
    rows = store.select(_Q_CANDIDATES, bindings={
        "src": URIRef(a.source), "a": Literal(a.start), "b": Literal(a.end),
        "cls": URIRef(a.type)})
    cands = sorted({str(x["s"]) for x in rows} - written)
    if len(cands) <= 1:
        return cands
    want = set(a.roles.split())
    scored = sorted(((len(want & set(_roles_key(store, URIRef(c)).split())), c)
                     for c in cands), reverse=True)
    if scored[0][0] > scored[1][0]:
        return [scored[0][1]]
    return []  # two statements fit equally: the review stays unmatched


# ---------------------------------------------------------------------------------------
# Writing reviews


def _now(at: dt.datetime | None) -> dt.datetime:
    value = at or dt.datetime.now(dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _write(store: Store, action: Action, reviewer: str, at: dt.datetime | None, *,
           target: URIRef | None = None, anchor: Anchor | None = None,
           reason: str | None = None, generated: list[Triple] | None = None,
           generated_iri: URIRef | None = None, withdraws: URIRef | None = None) -> Review:
    name = _text(reviewer, "reviewer name", required=True)
    assert name is not None
    why = _text(reason, "reason")
    when = _now(at)
    key = ids.digest(action.value, str(target or generated_iri or withdraws), name,
                     when.isoformat())
    rev, agent = ids.review(key), ids.reviewer(name)
    out: list[Triple] = [
        (rev, RDF.type, ARMS.Review), (rev, RDF.type, PROV.Activity),
        (rev, ARMS.reviewAction, _TERMS[action]), (rev, PROV.wasAttributedTo, agent),
        (rev, PROV.endedAtTime, Literal(when.isoformat(), datatype=XSD.dateTime)),
        (agent, RDF.type, PROV.Agent), (agent, RDFS.label, Literal(name)),
    ]
    if why:
        out.append((rev, ARMS.reason, Literal(why)))
    if target is not None:
        out.append((rev, ARMS.reviewOf, target))
    if anchor is not None:
        if anchor.source:
            out.append((rev, ARMS.reviewedSource, URIRef(anchor.source)))
        if anchor.type:
            out.append((rev, ARMS.reviewedType, URIRef(anchor.type)))
        for prop, n in ((ARMS.reviewedStart, anchor.start), (ARMS.reviewedEnd, anchor.end)):
            if n is not None:
                out.append((rev, prop, Literal(n, datatype=XSD.nonNegativeInteger)))
        out.append((rev, ARMS.reviewedRoles, Literal(anchor.roles)))
    if generated_iri is not None:
        out.append((rev, PROV.generated, generated_iri))
    if withdraws is not None:
        out.append((rev, ARMS.withdraws, withdraws))
    graph = ids.review_graph(key)
    store.add_graph(graph, out + (generated or []))
    return Review(id=str(rev), graph=str(graph), action=action, reviewer=str(agent),
                  reviewer_name=name, at=when, target=str(target) if target else None,
                  reason=why, generated=str(generated_iri) if generated_iri else None,
                  withdraws=str(withdraws) if withdraws else None, anchor=anchor)


def _target(store: Store, statement: str) -> tuple[URIRef, Anchor]:
    iri = statement_iri(statement) if not statement.strip().startswith(
        (ids.BASE + "id/deal/", "deal/")) else _iri(statement, "deal")
    anchor = _statement(store, iri)
    if anchor is None:
        raise UnknownEntity(f"no statement {statement!r} in the graph")
    return iri, anchor


def accept(store: Store, statement: str, *, reviewer: str, reason: str | None = None,
           at: dt.datetime | None = None) -> Review:
    """Confirm a statement (or every statement of a deal) as extracted."""
    iri, anchor = _target(store, statement)
    return _write(store, Action.ACCEPT, reviewer, at, target=iri, anchor=anchor, reason=reason)


def reject(store: Store, statement: str, *, reviewer: str, reason: str,
           at: dt.datetime | None = None) -> Review:
    """Declare a statement (or a deal's statements) wrong; a reason is required."""
    iri, anchor = _target(store, statement)
    _text(reason, "reason for a rejection", required=True)
    return _write(store, Action.REJECT, reviewer, at, target=iri, anchor=anchor, reason=reason)


def correct(store: Store, statement: str, change: Correction, *, reviewer: str,
            reason: str | None = None, at: dt.datetime | None = None) -> Review:
    """Replace a statement by a corrected copy that answers use instead.

    The copy keeps everything the original states (sentence, span, source …) except what
    ``change`` sets; it is ``prov:wasRevisionOf`` the original, with confidence 1.00 and
    the rule ``review.correct``.
    """
    iri = statement_iri(statement)
    anchor = _statement(store, iri)
    if anchor is None or anchor.type not in _T.class_names:
        raise UnknownEntity(f"no statement {statement!r} in the graph")
    if change.is_empty():
        raise InputError("a correction must change a role, the status, the date or the type")
    when = _now(at)
    new = ids.fact("review-" + ids.digest(str(iri), reviewer, when.isoformat(), repr(change)))
    triples: list[Triple] = [(new, p, o) for row in store.select(_Q_TRIPLES, bindings={"s": iri})
                             for p, o in [(row["p"], row["o"])]]
    kind = change.type or _T.class_names[anchor.type]
    if kind not in _T.classes:
        raise InputError(f"unknown fact type {kind!r}; use one of {sorted(_T.classes)}")
    replace: dict[URIRef, list[Node]] = {
        ARMS.confidence: [Literal("1.00", datatype=XSD.decimal)],
        ARMS.extractionRule: [Literal("review.correct")],
        PROV.wasRevisionOf: [iri],
    }
    if change.type is not None:
        replace[RDF.type] = [_T.classes[kind]]
    for role, value in change.roles.items():
        prop = _T.roles.get(role)
        if prop is None:
            raise InputError(f"unknown role {role!r}; use one of {sorted(_T.roles)}")
        replace[prop] = [_entity(store, value)]
    if change.status is not None:
        replace.update(_status(kind, change.status))
    elif change.type is not None and kind != "ReExportConsent":
        replace[ARMS.consentStatus] = []
    if change.date is not None:
        replace.update(_date(change.date))
    triples = [t for t in triples if t[1] not in replace]
    triples += [(new, p, o) for p, objs in replace.items() for o in objs]
    if kind == "ReExportConsent" and not any(p == ARMS.consentStatus for _, p, _ in triples):
        raise InputError("a consent needs a status: give --status granted, refused, "
                         "requested or required")
    return _write(store, Action.CORRECT, reviewer, when, target=iri, anchor=anchor,
                  reason=reason, generated=triples, generated_iri=new)


def _status(kind: str, status: str) -> dict[URIRef, list[Node]]:
    word = status.strip().lower()
    if kind == "ReExportConsent":
        if word not in _T.consent:
            raise InputError(f"unknown consent status {status!r}; use one of "
                             f"{sorted(_T.consent)}")
        return {ARMS.consentStatus: [_T.consent[word]], ARMS.modality: [_T.modalities[word]]}
    if word not in _T.modalities:
        raise InputError(f"unknown status {status!r}; use one of {sorted(_T.modalities)}")
    return {ARMS.modality: [_T.modalities[word]], ARMS.consentStatus: []}


def _date(value: str) -> dict[URIRef, list[Node]]:
    text = value.strip()
    try:
        lit = _T.date_literal(text)
        if len(text) == 10:
            dt.date.fromisoformat(text)
    except ValueError as err:
        raise InputError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from err
    precision = {10: "day", 7: "month", 4: "year"}[len(text)]
    return {ARMS.date: [lit], ARMS.datePrecision: [_T.precisions[precision]]}


def add_fact(store: Store, fact: NewFact, *, reviewer: str, reason: str | None = None,
             at: dt.datetime | None = None) -> Review:
    """State a fact the extractor missed, from a sentence of a source in the store."""
    src = _iri(fact.source, "source")
    if not store.select(_Q_SOURCE, bindings={"src": src}):
        raise UnknownEntity(f"no source {fact.source!r} in the graph")
    sentence = _text(fact.sentence, "sentence", required=True)
    assert sentence is not None
    if fact.type not in _T.classes:
        raise InputError(f"unknown fact type {fact.type!r}; use one of {sorted(_T.classes)}")
    missing = [r for r in _NEEDS.get(fact.type, ()) if r not in fact.roles]
    if missing:
        raise InputError(f"a {fact.type} needs the roles {', '.join(missing)}")
    when = _now(at)
    new = ids.fact("review-" + ids.digest(str(src), sentence, reviewer, when.isoformat()))
    triples: list[Triple] = [
        (new, RDF.type, _T.classes[fact.type]), (new, PROV.wasDerivedFrom, src),
        (new, ARMS.sentence, Literal(sentence)),
        (new, ARMS.confidence, Literal("1.00", datatype=XSD.decimal)),
        (new, ARMS.extractionRule, Literal("review.add")),
    ]
    span = store.select(_Q_SPAN, bindings={"src": src, "sentence": Literal(sentence)})
    if span:
        triples += [(new, ARMS.startChar, span[0]["start"]), (new, ARMS.endChar, span[0]["end"])]
    for p, objs in _status(fact.type, fact.status).items():
        triples += [(new, p, o) for o in objs]
    for role, value in fact.roles.items():
        prop = _T.roles.get(role)
        if prop is None:
            raise InputError(f"unknown role {role!r}; use one of {sorted(_T.roles)}")
        triples.append((new, prop, _entity(store, value)))
    if fact.date:
        for p, objs in _date(fact.date).items():
            triples += [(new, p, o) for o in objs]
    return _write(store, Action.ADD, reviewer, when, reason=reason, generated=triples,
                  generated_iri=new)


def withdraw(store: Store, review: str, *, reviewer: str, reason: str | None = None,
             at: dt.datetime | None = None) -> Review:
    """Cancel an earlier review: what it did no longer applies (it stays on record)."""
    iri = review_iri(review)
    known = {r.id: r for r in reviews(store)}
    old = known.get(str(iri))
    if old is None:
        raise UnknownEntity(f"no review {review!r} in the graph")
    if old.action is Action.WITHDRAW:
        raise InputError(f"review {review!r} is a withdrawal; it cannot be withdrawn")
    return _write(store, Action.WITHDRAW, reviewer, at, reason=reason, withdraws=iri)


# ---------------------------------------------------------------------------------------
# Exchange as TriG

_Q_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def export_reviews(store: Store) -> bytes:
    """Every review graph as TriG (graph names kept), for another store or an archive."""
    quads = []
    for g in sorted(str(x) for x in store.graphs() if str(x).startswith(ids.REVIEW_GRAPHS)):
        for row in store.select(_Q_QUADS, bindings={"g": URIRef(g)}):
            quads.append(ox.Quad(to_ox(row["s"]), to_ox(row["p"]), to_ox(row["o"]),  # type: ignore[arg-type]
                                 ox.NamedNode(g)))
    prefixes = {**_PREFIX_MAP, "review": ids.REVIEW_GRAPHS,
                "reviewer": str(ids.ID["reviewer/"]), "xsd": str(XSD)}
    return serialized(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes))


def import_reviews(store: Store, data: bytes, shapes: Graph, ontology: Graph | None = None
                   ) -> ImportReport:
    """Load review graphs exported by :func:`export_reviews` (idempotent).

    Every quad must be in a review graph and every graph must hold one review that
    conforms to the shapes; otherwise :class:`ParseError` or
    :class:`~armsgraph.errors.ShapeViolation` names the graph and nothing is written.
    """
    from ..load.validate import validate_graph  # noqa: PLC0415 - pySHACL: 0.25 s of imports

    by_graph: dict[str, list[Triple]] = defaultdict(list)
    for q in parse_rdf(data, "trig"):
        g = q.graph_name
        if not isinstance(g, ox.NamedNode) or not g.value.startswith(ids.REVIEW_GRAPHS):
            name = g.value if isinstance(g, ox.NamedNode) else "the default graph"
            raise ParseError(f"quad in {name!r}: only review graphs ({ids.REVIEW_GRAPHS}…) "
                             "can be imported")
        by_graph[g.value].append(_from_quad(q))
    for name, triples in sorted(by_graph.items()):
        data_graph = Graph()
        for t in triples:
            data_graph.add(t)
        revs = set(data_graph.subjects(RDF.type, ARMS.Review))
        if len(revs) != 1:
            raise ParseError(f"graph {name!r} holds {len(revs)} reviews; each holds exactly one")
        validate_graph(data_graph, _review_shape(shapes), ontology, raise_on_error=True)
    added = sum(store.add_graph(URIRef(g), t) for g, t in sorted(by_graph.items()))
    return ImportReport(added=added, present=len(by_graph) - added)


#: The shape a review graph is checked by (the other shapes judge the extracted graph).
REVIEW_SHAPE = URIRef("https://w3id.org/armsgraph/shapes#ReviewShape")


def _review_shape(shapes: Graph) -> Graph:
    """``armsh:ReviewShape`` with its property shapes, alone."""
    out = Graph()
    todo: list[Node] = [REVIEW_SHAPE]
    while todo:
        node = todo.pop()
        for p, o in shapes.predicate_objects(node):
            out.add((node, p, o))
            if isinstance(o, BNode):
                todo.append(o)
    if not len(out):
        raise ParseError("the shapes hold no armsh:ReviewShape: cannot check reviews")
    return out


def _from_quad(q: ox.Quad) -> Triple:
    return (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object))

