"""The records the read views return (frozen dataclasses): entities, facts, sources, their
details, a page of a list and the filter of a fact list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from ..errors import InputError
from .vocab import FactType, Scalar, StatusName

__all__ = [
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
    "page",
]


T = TypeVar("T")



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
    #: "accepted by Ann on 2026-12-03" when an analyst reviewed it (see armsgraph.reason.review).
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
    #: One per event (each with its ``statements``), or every statement.
    facts: list[FactSummary]
    facts_total: int
    #: How many statements the facts stand for (``facts_total`` when listing statements).
    statements_total: int


@dataclass(frozen=True, slots=True)
class SourceDetail:
    """One source with the facts it states."""

    source: SourceSummary
    triples: int
    #: One per event (each with its ``statements``), or every statement.
    facts: list[FactSummary]
    facts_total: int
    #: How many statements the facts stand for (``facts_total`` when listing statements).
    statements_total: int


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
