"""Response and request bodies of the API, with the examples the OpenAPI page shows.

Names follow the template's habit: ``…Public`` for one thing as the API shows it,
``…Page`` for a paginated list (``total``, ``limit``, ``offset``, ``items``). Models are
built from the records of :mod:`armsgraph.views.index` with ``from_graph``.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from armsgraph.reason.review_queue import QueueEntry
from armsgraph.views.records import EntityDetail, FactDetail, SourceDetail
from armsgraph.views.vocab import EntityType, Scalar

__all__ = [
    "Problem",
    "EntityRef",
    "EntityPublic",
    "EntityDetailPublic",
    "EntityPage",
    "FactPublic",
    "FactDetailPublic",
    "FactPage",
    "Span",
    "Evidence",
    "SourcePublic",
    "SourceDetailPublic",
    "SourcePage",
    "Health",
    "ArticleMeta",
    "ArticleIn",
    "ArticleResult",
    "DestinationsPublic",
    "PathsPublic",
    "ReviewIn",
    "ReviewPublic",
    "ReviewList",
    "QueuePage",
    "ReviewImport",
]


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


_JPN = {
    "id": "state/JPN",
    "iri": "https://w3id.org/armsgraph/id/state/JPN",
    "label": "Japan",
}
_USA = {
    "id": "state/USA",
    "iri": "https://w3id.org/armsgraph/id/state/USA",
    "label": "United States",
}
_PAC3 = {
    "id": "system/patriot-pac-3",
    "iri": "https://w3id.org/armsgraph/id/system/patriot-pac-3",
    "label": "Patriot PAC-3",
}
_SOURCE = {
    "key": "nationthailand-40058546",
    "iri": "https://w3id.org/armsgraph/id/source/nationthailand-40058546",
    "title": "The Nation Thailand, 20 November 2025: Japan exports Patriot missiles to the "
    "United States",
    "outlet": "The Nation Thailand (Jiji Press)",
    "url": "https://www.nationthailand.com/blogs/news/world/40058546",
    "issued": "2025-11-20",
    "reliability": 0.85,
    "graph": "https://w3id.org/armsgraph/graph/case/japan-us-pac3-transfer",
    "fact_count": 2,
}
_FACT = {
    "id": "fact/japan-us-pac-3-delivered",
    "iri": "https://w3id.org/armsgraph/id/fact/japan-us-pac-3-delivered",
    "type": "transfer",
    "label": "Japan delivers PAC-3 missiles to the United States",
    "status": ["delivered"],
    "date": "2025-11",
    "date_precision": "month",
    "confidence": 0.9,
    "source": "nationthailand-40058546",
    "roles": {"supplier": [_JPN], "recipient": [_USA], "item": [_PAC3]},
}


class Problem(BaseModel):
    """An error as RFC 9457 problem details (``application/problem+json``)."""

    model_config = _examples(
        {
            "type": "https://w3id.org/armsgraph/problems/unknown-entity",
            "title": "Not Found",
            "status": 404,
            "detail": "no entity 'state/XYZ' in the graph",
            "instance": "/entities/state/XYZ",
        }
    )

    type: str = Field("about:blank", description="A URI naming the kind of problem.")
    title: str = Field(description="The HTTP status phrase of the problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong, naming the offending value.")
    instance: str | None = Field(None, description="The path of the request.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="For 422: each invalid parameter, its location and value."
    )


class EntityRef(BaseModel):
    """A link to an entity: its id (the IRI path after ``/id/``), IRI and label."""

    model_config = ConfigDict(from_attributes=True, **_examples(_JPN))

    id: str
    iri: str
    label: str


class EntityPublic(BaseModel):
    """An entity as lists show it."""

    model_config = ConfigDict(
        from_attributes=True,
        **_examples({**_JPN, "types": ["state"], "aliases": ["Nihon", "Nippon", "JP", "JPN"]}),
    )

    id: str
    iri: str
    label: str
    types: list[EntityType]
    aliases: list[str]


class FactPublic(BaseModel):
    """A fact (an ``arms:Statement``) as lists show it."""

    model_config = ConfigDict(from_attributes=True, **_examples(_FACT))

    id: str
    iri: str
    type: str = Field(description="transfer, production-licence, threat … (see /facts?type=)")
    label: str | None
    status: list[str] = Field(description="Modality, or consent status (granted, refused …).")
    date: str | None = Field(description="xsd:date, gYearMonth or gYear, read with precision.")
    date_precision: str | None
    confidence: float | None
    source: str | None = Field(description="Key of the source (see /sources/{key}).")
    roles: dict[str, list[EntityRef]] = Field(
        description="Role name (supplier, recipient, item, consent_holder …) → entities."
    )
    review: str | None = Field(None, description="The analyst review it carries: "
                               "\"accepted by Ann on 2026-12-03\".")
    statements: list[str] = Field(default_factory=list, description="With `events=true`: "
                                  "every statement of this event (each is a /facts/{id}).")
    sources: list[str] = Field(default_factory=list, description="With `events=true`: the "
                               "keys of the sources that state the event.")


class SourcePublic(BaseModel):
    """A source document facts are derived from."""

    model_config = ConfigDict(from_attributes=True, **_examples(_SOURCE))

    key: str
    iri: str
    title: str | None
    outlet: str | None
    url: str | None
    issued: str | None
    reliability: float | None
    graph: str | None = Field(description="The named graph holding the source's statements.")
    fact_count: int = Field(description="How many facts cite this source.")


class Span(BaseModel):
    """Where the supporting sentence stands in the source text (code points, end exclusive)."""

    start: int
    end: int


class Evidence(BaseModel):
    """The sentence that states a fact, where it is in the text, and the source."""

    sentence: str | None
    span: Span | None
    source: SourcePublic | None


class FactDetailPublic(FactPublic):
    """One fact with its evidence, extraction rule, values and related facts."""

    model_config = _examples(
        {
            **_FACT,
            "evidence": {
                "sentence": "Japan has exported Patriot PAC-3 missiles to the United States …",
                "span": None,
                "source": _SOURCE,
            },
            "extraction_rule": "manual",
            "attributes": {"quantity_withheld": [True]},
            "related": {},
        }
    )

    evidence: Evidence
    extraction_rule: str | None
    attributes: dict[str, list[Scalar]] = Field(description="Literal values (quantity, note …).")
    related: dict[str, list[str]] = Field(description="Links to other facts by id.")

    @classmethod
    def from_graph(cls, d: FactDetail) -> FactDetailPublic:
        ev = d.evidence
        span = Span(start=ev.start, end=ev.end) if ev.start is not None and ev.end else None
        return cls(
            **asdict(d.fact),
            evidence=Evidence(
                sentence=ev.sentence,
                span=span,
                source=SourcePublic.model_validate(ev.source) if ev.source else None,
            ),
            extraction_rule=d.extraction_rule,
            attributes={k: list(v) for k, v in d.attributes.items()},
            related={k: list(v) for k, v in d.related.items()},
        )


class EntityDetailPublic(EntityPublic):
    """One entity with its values, links, and the facts it takes part in (first 100)."""

    model_config = _examples(
        {
            **_JPN,
            "types": ["state"],
            "aliases": ["Nihon", "Nippon", "JP", "JPN"],
            "attributes": {"capital": ["Tokyo"], "iso3166_alpha3": ["JPN"]},
            "links": {},
            "facts": [_FACT],
            "facts_total": 1,
            "statements_total": 1,
        }
    )

    attributes: dict[str, list[Scalar]]
    links: dict[str, list[EntityRef]]
    facts: list[FactPublic] = Field(description="One per event (default; each lists its "
                                    "`statements` and `sources`), or every statement with "
                                    "`events=false`.")
    facts_total: int = Field(description="All facts of the entity (see /facts?party=).")
    statements_total: int = Field(description="How many statements they stand for.")

    @classmethod
    def from_graph(cls, d: EntityDetail) -> EntityDetailPublic:
        return cls(
            **asdict(d.entity),
            attributes={k: list(v) for k, v in d.attributes.items()},
            links={k: [EntityRef.model_validate(r) for r in v] for k, v in d.links.items()},
            facts=[FactPublic.model_validate(f) for f in d.facts],
            facts_total=d.facts_total,
            statements_total=d.statements_total,
        )


class SourceDetailPublic(SourcePublic):
    """One source with the size of its named graph and its facts (first 100)."""

    model_config = _examples({**_SOURCE, "triples": 52, "facts": [_FACT], "facts_total": 2,
                              "statements_total": 2})

    triples: int
    facts: list[FactPublic] = Field(description="One per event (default; each lists its "
                                    "`statements` and `sources`), or every statement with "
                                    "`events=false`.")
    facts_total: int
    statements_total: int = Field(description="How many statements they stand for.")

    @classmethod
    def from_graph(cls, d: SourceDetail) -> SourceDetailPublic:
        return cls(
            **asdict(d.source),
            triples=d.triples,
            facts=[FactPublic.model_validate(f) for f in d.facts],
            facts_total=d.facts_total,
            statements_total=d.statements_total,
        )


class _Page(BaseModel):
    """Common fields of a page; built from a :class:`armsgraph.views.records.Page` by attributes."""

    model_config = ConfigDict(from_attributes=True)

    total: int = Field(description="How many items match in all.")
    limit: int
    offset: int


class EntityPage(_Page):
    """A page of entities."""

    model_config = _examples(
        {"total": 1, "limit": 50, "offset": 0, "items": [{**_JPN, "types": ["state"],
                                                          "aliases": ["Nippon"]}]}
    )
    items: list[EntityPublic]


class FactPage(_Page):
    """A page of facts."""

    model_config = _examples({"total": 1, "limit": 50, "offset": 0, "items": [_FACT]})
    items: list[FactPublic]


class SourcePage(_Page):
    """A page of sources."""

    model_config = _examples({"total": 1, "limit": 50, "offset": 0, "items": [_SOURCE]})
    items: list[SourcePublic]


class Health(BaseModel):
    """Whether the service runs, and the size and version of the graph it serves."""

    model_config = _examples({"status": "ok", "triples": 8213, "graphs": 9, "generation": 9})

    status: Literal["ok", "empty", "read-only"] = Field(
        description="`empty` when the graph holds nothing: run `armsgraph build`. "
        "`read-only` when a write failed with an I/O error (a full disk) and the store "
        "cannot be opened for writing again yet: reads are served, writes answer 503; "
        "it becomes `ok` once the disk has room."
    )
    triples: int = Field(description="Quads in the store.")
    graphs: int = Field(description="Named graphs in the store.")
    generation: int = Field(description="Grows with every write; caches key on it.")
    detail: str | None = Field(
        default=None, description="Why writes are refused (`read-only`), else null."
    )


class ArticleMeta(BaseModel):
    """Metadata of an article; other fields are kept as they are."""

    model_config = ConfigDict(extra="allow")

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = Field(None, description="Publication day, YYYY-MM-DD.")
    language: str | None = None


class ArticleIn(BaseModel):
    """A news article to ingest: its text and optional metadata."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "text": "Germany sent 14 Leopard 2A6 tanks to Ukraine, the defence "
                    "ministry said on Friday.",
                    "meta": {
                        "title": "Germany sends Leopards",
                        "outlet": "Example Times",
                        "url": "https://example.org/leopards",
                        "published": "2023-03-24",
                    },
                }
            ]
        },
    )

    text: str = Field(min_length=1, description="The article's plain text (UTF-8).")
    meta: ArticleMeta = Field(default_factory=ArticleMeta)


class ArticleResult(BaseModel):
    """What an ingest extracted and added (201), or found already present (200)."""

    source: str = Field(description="IRI of the source the article became.")
    key: str = Field(description="Key of the source (see /sources/{key}).")
    graph: str = Field(description="Named graph of the article.")
    added: bool = Field(description="False when the same text was ingested before.")
    facts: int = Field(description="How many facts were extracted.")
    triples: int = Field(description="How many triples the article's graph holds.")
    extraction: dict[str, Any] = Field(
        description="The extraction: source, entities, facts (with roles, status, date, "
        "sentence and span) and warnings."
    )


_EXACT = ConfigDict(extra="forbid")
_EXACT_BY_NAME = ConfigDict(extra="forbid", populate_by_name=True)


class Node(BaseModel):
    """A state, system or holder in an answer: IRI and label."""

    model_config = _EXACT

    id: str
    label: str


class SourceRef(BaseModel):
    """Where a statement comes from."""

    model_config = _EXACT

    id: str | None = None
    title: str | None = None
    url: str | None = None


class DealEvidence(BaseModel):
    """What a register row (SIPRI) says about the deal behind a hop."""

    model_config = _EXACT

    designation: str | None = Field(None, description="The weapon designation as SIPRI writes it.")
    ordered: int | None = Field(None, description="Number ordered.")
    delivered: int | None = Field(None, description="Number delivered.")
    order_year: int | None = None
    delivery_years: list[int] = Field(default_factory=list)
    comment: str | None = Field(None, description="SIPRI's comment, verbatim.")
    status: str | None = Field(None, description="New, Second hand …")
    uncertain: list[str] = Field(
        default_factory=list, description="Fields SIPRI flags with '?': orderYear, quantity, "
        "quantityDelivered.")
    lines: int | None = Field(
        None, description="Set when the deal was made on several production lines, one hop "
        "each: how many. 'ordered' and 'delivered' are then the line's own (not said: null).")
    deal_ordered: int | None = Field(
        None, description="With 'lines': the number the whole deal ordered.")
    deal_delivered: int | None = Field(
        None, description="With 'lines': the number the whole deal delivered.")


class ReviewMark(BaseModel):
    """An analyst's review of a statement, as its evidence shows it."""

    model_config = _EXACT

    action: str = Field(description="accepted, corrected or added.")
    reviewer: str
    on: str
    review: str = Field(description="The review's IRI.")
    text: str = Field(description="'corrected by Ann on 2026-12-03'.")
    reason: str | None = None
    revision_of: str | None = Field(None, description="The statement a correction replaces.")


class HopEvidence(BaseModel):
    """A statement that backs a hop, with its sentence, date and source."""

    model_config = _EXACT

    statement: str
    sentence: str | None = None
    date: str | None = Field(None, description="At its precision: 1993, 1993-05 or 1993-05-12.")
    date_precision: str | None = Field(None, description="day, month, year or approximate.")
    source: SourceRef
    deal: DealEvidence | None = None
    stated_after_as_of: bool | None = Field(
        None, description="True when the statement was made after the date asked about.")
    before_arrival: bool | None = Field(
        None, description="True when the transfer ended before the traced items could be at "
        "its supplier (the supplier's own stock).")
    broader_item: bool | None = Field(
        None, description="True when the statement is only about a wider system that contains "
        "the item.")
    review: ReviewMark | None = None


class Uncertain(BaseModel):
    """The date asked about lies inside the period a hop's next stage is dated to."""

    model_config = _EXACT

    what: str = Field(description="What may have happened: delivered, planned …")
    date: str | None = None
    date_precision: str | None = None


class Hop(BaseModel):
    """One hop of a path: who passes the item to whom, on what evidence."""

    model_config = _EXACT_BY_NAME

    from_: Node = Field(alias="from")
    to: Node
    kind: str = Field(description="delivered, planned, possible re-export or backfill.")
    status: str | None = None
    date: str | None = Field(None, description="At its precision: 1993, 1993-05 or 1993-05-12.")
    date_precision: str | None = Field(None, description="day, month, year or approximate.")
    uncertain: Uncertain | None = Field(
        None, description="Present when whether the hop had reached `what` by the date is "
        "not known (a year-precision delivery in the year asked about).")
    evidence: list[HopEvidence]


class Reason(BaseModel):
    """A rule or fact that blocks, allows or may apply to a hop."""

    model_config = _EXACT

    label: str
    reason: str = Field(description="Why, with the parties named by their labels.")
    rule: str | None = Field(None, description="The rule (policy version) behind it.")
    statement: str | None = Field(None, description="The fact behind it.")
    fact: str | None = Field(None, description="What the fact is ('delivered': a delivery "
                             "from the origin made by the date).")
    version: str | None = None
    destination: str | None = Field(None, description="IRI of the destination it names.")
    holder: str | None = Field(None, description="IRI of the consent holder it names.")
    exporter: str | None = Field(None, description="IRI of the exporter it names.")
    assigner: str | None = Field(None, description="IRI of the rule's assigner it names.")
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    review: str | None = None


class Risk(BaseModel):
    """A threat whose condition the path would meet."""

    model_config = _EXACT

    statement: str
    label: str
    sentence: str | None = None
    event: str = Field(description="The statement that leads this risk's "
                              "event: the same threat stated in a headline and in quotes "
                              "shares one (armsgraph.reason.paths.risk_events).")


class HopEnds(BaseModel):
    """A hop by its ends."""

    model_config = _EXACT_BY_NAME

    from_: Node = Field(alias="from")
    to: Node


class Certainty(BaseModel):
    """How certain a chain is: the level of its weakest hop."""

    model_config = _EXACT

    level: Literal["delivered", "delivered, maybe other stock", "maybe delivered", "planned",
                   "possible"]
    weakest: HopEnds | None = Field(description="The weakest hop; none when every hop is a "
                                    "delivery of these items.")
    note: str
    confidence: float = Field(description="The chain's confidence, from its statements'.")


class PathPublic(BaseModel):
    """One chain from the origin to a destination, with its verdict and reasons."""

    model_config = _EXACT

    kind: str = Field(description="physical, or backfill (indirect: the recipient's own items).")
    verdict: Literal["open", "conditional", "blocked"]
    needs_consent_from: list[Node]
    verdict_basis: Literal["rules and facts", "no known rule"] = Field(
        description="'no known rule' when the verdict is open and some hop is decided by no "
        "rule or fact.")
    blocked_by: list[Reason] = Field(description="Rules or facts that forbid a hop.")
    allowed_by: list[Reason] = Field(description="Rules or facts that permit hops.")
    no_known_rule: list[HopEnds] = Field(
        default_factory=list, description="Hops no rule or fact decides.")
    uncertain: list[Reason] = Field(
        default_factory=list, description="What would also apply if rules, conflicts, "
        "embargoes or consents dated to a period containing the date already held.")
    risks: list[Risk]
    certainty: Certainty
    hops: list[Hop]


class Presence(BaseModel):
    """Whether the items are already at a destination on the date."""

    model_config = _EXACT

    status: Literal["already there", "possibly there", "could go next"]
    since: str | None = Field(None, description="Date of the delivery, at its precision.")
    note: str


class OwnStock(BaseModel):
    """A hop out of a reached state resting only on deliveries older than the items'
    arrival there: the intermediate's own stock, not a route for the origin's items."""

    model_config = _EXACT_BY_NAME

    from_: Node = Field(alias="from")
    to: Node
    items_there_from: str | None = Field(
        description="Earliest the traced items could be at `from`.")
    hop: Hop
    note: str


class StillItem(BaseModel):
    """What still stands in a what-if answer."""

    model_config = _EXACT

    kind: Literal["blocked", "needs consent", "risk"]
    id: str
    label: str


class DestinationWhatIf(BaseModel):
    """A destination's verdict without the assumptions, and what still stands."""

    model_config = _EXACT

    baseline_verdict: Literal["open", "conditional", "blocked"] | None
    changed: bool
    still: list[StillItem]


class DestinationPublic(BaseModel):
    """A state the item could reach, the verdict of its best path, and the paths."""

    model_config = _EXACT

    state: Node
    verdict: Literal["open", "conditional", "blocked"]
    verdict_basis: Literal["rules and facts", "no known rule"]
    presence: Presence
    paths: list[PathPublic]
    what_if: DestinationWhatIf | None = Field(
        None, description="With assume_consent or lift_policy: the verdict without them, and "
        "what still stands.")


class AnswerWhatIf(BaseModel):
    """The assumptions of a what-if answer."""

    model_config = _EXACT

    assume_consent: list[Node]
    lift_policies: list[Node]


class DestinationsPublic(BaseModel):
    """Where an item made in (or first held by) an origin could end up, as of a date."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "item": {"id": "https://w3id.org/armsgraph/id/system/patriot",
                             "label": "Patriot"},
                    "origin": {"id": "https://w3id.org/armsgraph/id/state/JPN",
                               "label": "Japan"},
                    "as_of": "2025-12-01",
                    "truncated": False,
                    "destinations": [],
                }
            ]
        },
    )

    item: Node
    origin: Node
    as_of: str
    truncated: bool = Field(description="True when the path cap or time budget was reached.")
    destinations: list[DestinationPublic]
    own_stock: list[OwnStock] = Field(
        default_factory=list, description="Hops left out of the routes: intermediates' own "
        "stock, delivered before the traced items could be there.")
    what_if: AnswerWhatIf | None = None
    empty_because: str | None = Field(
        None, description="Only when there is no destination: why, in the graph's terms "
                          "(e.g. the origin only makes the item under licence, or only "
                          "received it).")


class PathsPublic(DestinationsPublic):
    """The paths from an origin to one state (at most one destination)."""


# ---------------------------------------------------------------------------------------
# Analyst review

_Reviewer = Field(min_length=1, max_length=200, description="Your name; it is recorded.")
_Reason = Field(None, max_length=2000, description="Why, in your words.")
_Statement = Field(min_length=1, max_length=500,
                   description="The statement (or deal): IRI, fact/KEY or KEY.")


class _ReviewBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reviewer: str = _Reviewer
    reason: str | None = _Reason


class AcceptIn(_ReviewBase):
    """Confirm a statement as extracted."""

    action: Literal["accept"]
    statement: str = _Statement


class RejectIn(_ReviewBase):
    """Declare a statement wrong: it stops affecting answers. A reason is required."""

    action: Literal["reject"]
    statement: str = _Statement
    reason: str = Field(min_length=1, max_length=2000, description="Why it is wrong.")


class ChangeIn(BaseModel):
    """What a correction changes; what is left out is kept."""

    model_config = ConfigDict(extra="forbid")

    roles: dict[str, str] = Field(default_factory=dict, max_length=20,
                                  description="Role → entity (IRI, state/JPN, ISO code, label).")
    status: str | None = Field(None, max_length=40, examples=["refused"])
    date: str | None = Field(None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    type: str | None = Field(None, max_length=40, examples=["ReExportConsent"])


class CorrectIn(_ReviewBase):
    """Replace a statement by a corrected copy that answers use instead."""

    action: Literal["correct"]
    statement: str = _Statement
    change: ChangeIn


class NewFactIn(BaseModel):
    """A fact the extractor missed, from a sentence of a stored source."""

    model_config = ConfigDict(extra="forbid")

    source: str = Field(min_length=1, max_length=500, description="Source IRI or source/KEY.")
    sentence: str = Field(min_length=1, max_length=2000)
    type: str = Field(max_length=40, examples=["Transfer"])
    status: str = Field(max_length=40, examples=["delivered"])
    roles: dict[str, str] = Field(max_length=20)
    date: str | None = Field(None, max_length=10)


class AddIn(_ReviewBase):
    """Add a fact by hand."""

    action: Literal["add"]
    fact: NewFactIn


class WithdrawIn(_ReviewBase):
    """Cancel an earlier review (it stays on record)."""

    action: Literal["withdraw"]
    review: str = Field(min_length=1, max_length=500, description="The review: IRI or KEY.")


ReviewIn = Annotated[AcceptIn | RejectIn | CorrectIn | AddIn | WithdrawIn,
                     Field(discriminator="action")]


class ReviewPublic(BaseModel):
    """One stored review."""

    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="IRI of the review.")
    graph: str = Field(description="The named graph the review is stored in.")
    action: Literal["accept", "reject", "correct", "add", "withdraw"]
    reviewer: str = Field(description="IRI of the reviewer (a prov:Agent).")
    reviewer_name: str
    at: datetime
    target: str | None = Field(None, description="The statement or deal reviewed.")
    reason: str | None = None
    generated: str | None = Field(None, description="The statement a correction or an "
                                  "added fact wrote.")
    withdraws: str | None = Field(None, description="The review a withdrawal cancels.")
    matches: bool = Field(True, description="False when the reviewed statement is gone "
                          "(a changed extractor or a removed source).")


class ReviewList(BaseModel):
    """Every review, oldest first, and how many no longer match a statement."""

    total: int
    unmatched: int
    items: list[ReviewPublic]


class QueuePage(BaseModel):
    """The review queue of one answer, lowest confidence first."""

    total: int
    limit: int
    items: list[QueueEntry]


class ReviewImport(BaseModel):
    """What an import of reviews did."""

    added: int
    present: int
