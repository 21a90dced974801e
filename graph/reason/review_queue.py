"""The review queue: the unreviewed statements behind one answer, weakest first.

An analyst who is about to cite "Ukraine: conditional" wants to check the facts that
answer rests on, starting with those the extractor was least sure of. :func:`queue`
collects every statement an answer of :func:`armsgraph.reason.paths.destinations` or
:func:`armsgraph.reason.paths.paths` cites — hop evidence, the facts and consents behind
``blocked_by`` and ``allowed_by``, and risks — drops those a review already settled
(accepted, corrected, added by hand), and orders the rest by confidence, lowest first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

__all__ = ["QueueEntry", "cited_statements", "queue"]

#: Confidence of a statement that states none (the projection's default trust).
_UNSTATED = 0.5


@dataclass(frozen=True)
class QueueEntry:
    """One statement to review: what it is, where it is from, and why it is in the queue."""

    statement: str
    kind: str
    confidence: float
    sentence: str | None
    source: str | None
    source_title: str | None
    cited_as: tuple[str, ...]
    """How the answer uses it: ``evidence``, ``blocked_by``, ``allowed_by``, ``risk``."""


def cited_statements(answer: Mapping[str, Any], *, rules: bool = False
                     ) -> dict[str, list[str]]:
    """Every statement IRI an answer cites, with how it is cited, in answer order;
    with ``rules`` also the policy rules behind ``blocked_by``/``allowed_by`` (as ``rule``).

    >>> a = {"destinations": [{"paths": [{"hops": [{"evidence": [{"statement": "f:1"}]}],
    ...     "blocked_by": [{"statement": "f:2", "rule": "r:1"}], "allowed_by": [],
    ...     "risks": [{"statement": "f:1"}]}]}]}
    >>> cited_statements(a)
    {'f:1': ['evidence', 'risk'], 'f:2': ['blocked_by']}
    >>> list(cited_statements(a, rules=True))
    ['f:1', 'f:2', 'r:1']
    """
    out: dict[str, list[str]] = {}
    for iri, how in _citations(answer):
        if how == "rule" and not rules:
            continue
        uses = out.setdefault(iri, [])
        if how not in uses:
            uses.append(how)
    return out


def _citations(answer: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for dest in answer.get("destinations", ()):
        for path in dest.get("paths", ()):
            for hop in path.get("hops", ()):
                for ev in hop.get("evidence", ()):
                    if ev.get("statement"):
                        yield ev["statement"], "evidence"
            for how in ("blocked_by", "allowed_by"):
                for entry in path.get(how, ()):
                    if entry.get("statement"):
                        yield entry["statement"], how
                    if entry.get("rule"):
                        yield entry["rule"], "rule"
            for risk in path.get("risks", ()):
                if risk.get("statement"):
                    yield risk["statement"], "risk"


def queue(G: nx.MultiDiGraph, answer: Mapping[str, Any]) -> list[QueueEntry]:
    """The unreviewed statements ``answer`` cites, lowest confidence first.

    ``G`` is the projection the answer was computed on (reviewed: its edges carry the
    review marks, and rejected statements are not in it). A statement with a review
    mark (accepted, corrected, added by hand) is settled and left out. Ties are broken
    by the order the answer cites them in.
    """
    cited = cited_statements(answer)
    facts = _statement_facts(G, set(cited))
    overlay = G.graph.get("overlay")
    marks: Mapping[str, object] = overlay.marks if overlay is not None else {}
    entries = []
    for order, (statement, uses) in enumerate(cited.items()):
        if statement in marks:
            continue
        d = facts.get(statement, {})
        conf = d.get("confidence")
        entries.append((
            _UNSTATED if conf is None else float(conf), order,
            QueueEntry(statement=statement, kind=d.get("kind") or "statement",
                       confidence=_UNSTATED if conf is None else float(conf),
                       sentence=d.get("sentence"), source=d.get("source"),
                       source_title=d.get("source_title"), cited_as=tuple(uses)),
        ))
    entries.sort(key=lambda e: (e[0], e[1]))
    return [e[2] for e in entries]


def _statement_facts(G: nx.MultiDiGraph, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """Edge or threat attributes of each wanted statement (edges are keyed by it)."""
    out: dict[str, dict[str, Any]] = {}
    for _, _, key, d in G.edges(keys=True, data=True):
        if key in wanted and key not in out:
            out[key] = d
    for t in G.graph.get("threats", ()):
        s = t.get("statement")
        if s in wanted and s not in out:
            out[s] = {**t, "kind": "threat"}
    return out
