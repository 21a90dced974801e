"""The answer to "where could this item end up?": its typed shape, from reasoning to the API.

:func:`armsgraph.reason.paths.destinations` and :func:`~armsgraph.reason.paths.paths` give an
:class:`Answer`: plain JSON values (strings, numbers, lists, dicts) whose keys and types
are declared here as ``TypedDict``\\ s, so mypy checks every place that builds or reads one
and the API's response models (``api/models.py``) are tested against them key for key.
Dates are ISO strings at their precision (``1993``, ``1993-05``, ``1993-05-12``) beside a
``date_precision`` (day, month, year or approximate): the answer never shows a day the data
does not have.

A key marked ``NotRequired`` is present only when it says something (a hop's
``uncertain``, an evidence's ``deal`` …).
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict

__all__ = [
    "NodeRef", "SourceRef", "DealRef", "ReviewRef", "Evidence", "Uncertain", "Hop",
    "Reason", "Risk", "HopEnds", "Certainty", "CertaintyLevel", "Path", "Presence",
    "OwnStock", "StillItem", "DestinationWhatIf", "Destination", "AnswerWhatIf", "Answer",
    "Verdict", "VerdictBasis", "PresenceStatus",
]

Verdict = Literal["open", "conditional", "blocked"]
VerdictBasis = Literal["rules and facts", "no known rule"]
PresenceStatus = Literal["already there", "possibly there", "could go next"]


class NodeRef(TypedDict):
    """A state, system, policy or holder named in an answer: its IRI and label."""

    id: str
    label: str


class SourceRef(TypedDict):
    """Where a statement comes from."""

    id: str | None
    title: str | None
    url: str | None


class DealRef(TypedDict):
    """What a register row (SIPRI) says about the deal behind a hop. For a deal made on
    several production lines (``lines``), ``ordered`` and ``delivered`` are the line's
    (not said: ``None``) and ``deal_ordered`` / ``deal_delivered`` the whole deal's."""

    designation: str | None
    ordered: int | None
    delivered: int | None
    order_year: int | None
    delivery_years: list[int]
    comment: str | None
    status: str | None
    uncertain: list[str]
    lines: NotRequired[int]
    deal_ordered: NotRequired[int | None]
    deal_delivered: NotRequired[int | None]


class ReviewRef(TypedDict):
    """An analyst's review of a statement, as evidence shows it."""

    action: str
    reviewer: str
    on: str
    review: str
    text: str
    reason: NotRequired[str]
    revision_of: NotRequired[str]


class Evidence(TypedDict):
    """A statement behind a hop: its sentence, date and source."""

    statement: str
    sentence: str | None
    date: str | None
    date_precision: str | None
    source: SourceRef
    deal: NotRequired[DealRef]
    stated_after_as_of: NotRequired[bool]
    before_arrival: NotRequired[bool]
    broader_item: NotRequired[bool]
    review: NotRequired[ReviewRef]


class Uncertain(TypedDict):
    """The date asked about lies inside the period of the stage a hop may have reached."""

    what: str
    date: str | None
    date_precision: str | None


Hop = TypedDict("Hop", {
    "from": NodeRef,
    "to": NodeRef,
    "kind": str,
    "status": str | None,
    "date": str | None,
    "date_precision": str | None,
    "evidence": list[Evidence],
    "uncertain": NotRequired[Uncertain],
})
Hop.__doc__ = "One hop of a path: who passes the item to whom, on what evidence."


class Reason(TypedDict):
    """A rule or fact that blocks, allows or may apply to a hop: ``reason`` names the
    parties by label, and ``destination``, ``holder``, ``exporter``, ``assigner`` give the
    IRIs of those it names."""

    label: str
    reason: str
    rule: NotRequired[str]
    statement: NotRequired[str]
    fact: NotRequired[str]
    version: NotRequired[str]
    destination: NotRequired[str]
    holder: NotRequired[str]
    exporter: NotRequired[str]
    assigner: NotRequired[str]
    reviewed_by: NotRequired[str]
    reviewed_on: NotRequired[str]
    review: NotRequired[str]


class Risk(TypedDict):
    """A threat whose condition the path would meet."""

    statement: str
    label: str
    sentence: str | None
    #: The statement that leads the risk's event (one threat stated several times).
    event: str


HopEnds = TypedDict("HopEnds", {"from": NodeRef, "to": NodeRef})
HopEnds.__doc__ = "A hop by its ends (one that no rule or fact decides)."


CertaintyLevel = Literal["delivered", "delivered, maybe other stock", "maybe delivered",
                         "planned", "possible"]


class Certainty(TypedDict):
    """How certain a chain is: the level of its weakest hop (none when every hop is a
    delivery of these items), and the chain's confidence."""

    level: CertaintyLevel
    weakest: HopEnds | None
    note: str
    confidence: float


class Path(TypedDict):
    """One chain from the origin to a destination, its verdict and the reasons."""

    kind: str
    verdict: Verdict
    verdict_basis: VerdictBasis
    needs_consent_from: list[NodeRef]
    blocked_by: list[Reason]
    allowed_by: list[Reason]
    no_known_rule: list[HopEnds]
    uncertain: list[Reason]
    risks: list[Risk]
    certainty: Certainty
    hops: list[Hop]


class Presence(TypedDict):
    """Whether the items are already at a destination on the date."""

    status: PresenceStatus
    since: str | None
    note: str


OwnStock = TypedDict("OwnStock", {
    "from": NodeRef, "to": NodeRef, "items_there_from": str | None, "hop": Hop, "note": str,
})
OwnStock.__doc__ = ("A hop out of a reached state resting only on deliveries older than the "
                    "items' arrival there: the intermediate's own stock.")


class StillItem(TypedDict):
    """What still stands in a what-if answer: a block, a needed consent or a risk."""

    kind: Literal["blocked", "needs consent", "risk"]
    id: str
    label: str


class DestinationWhatIf(TypedDict):
    """A destination's verdict without the assumptions, and what still stands."""

    baseline_verdict: Verdict | None
    changed: bool
    still: list[StillItem]


class Destination(TypedDict):
    """A state the item could reach, the verdict of its best path, and the paths."""

    state: NodeRef
    verdict: Verdict
    verdict_basis: VerdictBasis
    presence: Presence
    paths: list[Path]
    what_if: NotRequired[DestinationWhatIf]


class AnswerWhatIf(TypedDict):
    """The assumptions of a what-if answer."""

    assume_consent: list[NodeRef]
    lift_policies: list[NodeRef]


class Answer(TypedDict):
    """Where an item made in (or first held by) an origin could end up, as of a date."""

    item: NodeRef
    origin: NodeRef
    as_of: str
    truncated: bool
    destinations: list[Destination]
    own_stock: list[OwnStock]
    empty_because: NotRequired[str]
    what_if: NotRequired[AnswerWhatIf]
