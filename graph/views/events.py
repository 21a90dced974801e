"""Statements of one event listed once (:func:`events`): the same threat read from a headline
and from two quotes is one item with every statement and source."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .index import _Fact
from .records import FactSummary

__all__ = [
    "events",
]


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
