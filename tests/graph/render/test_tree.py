"""The CLI tree of a destinations answer: groups by presence, "no known rule", evidence
for every hop (SIPRI register rows included), dates as precise as the data."""

from __future__ import annotations

from typing import Any

from rich.console import Console

from armsgraph.reason.paths import destinations
from armsgraph.render.tree import render
from tests.graph.reason.test_paths import chain_world, span_world


def text(answer: dict[str, Any]) -> str:
    c = Console(width=200, color_system=None)
    with c.capture() as cap:
        c.print(render(answer))
    return cap.get()


def test_groups_by_presence_and_shows_own_stock() -> None:
    w, _ = chain_world()
    out = text(destinations(w.store(), "SAM", "Aland", as_of="2026-01-01"))
    lines = [ln.strip("│├└─ ") for ln in out.splitlines()]
    heads = [ln for ln in lines if ln in (
        "already there (delivered before the date)",
        "possibly there (the data cannot tell whether before the date)", "could go next")]
    assert heads == ["already there (delivered before the date)",
                     "possibly there (the data cannot tell whether before the date)",
                     "could go next"]
    assert "not routes for these items (intermediates' own stock):" in lines
    assert ("Borduria → Carpania  delivered 1993; the items could be in Borduria only from "
            "2023") in lines
    # the hop resting on the 2025 delivery shows it first, the 1990 one marked own stock
    assert "Borduria → Estrania  delivered 2025" in lines
    assert any(ln.startswith("SIPRI:") and ln.endswith(
        "[before the items got there: own stock]") for ln in lines)


def test_every_hop_shows_its_evidence_and_no_pretend_day() -> None:
    w, _ = span_world()
    out = text(destinations(w.store(), "SAM", "Aland", as_of="1990-06-01"))
    assert "Aland → Borduria  delivered 1989" in out
    assert ("SIPRI: 'SAM-1' 12 ordered 1988, 12 delivered 1989–1991; comment: 'ex-army stock' "
            "(Toy news)") in out
    assert "-01-01" not in out


def test_uncertain_and_no_known_rule_are_said() -> None:
    w, _ = span_world()
    out = text(destinations(w.store(), "SAM", "Aland", as_of="1989-06-01"))
    assert ("Borduria  OPEN (no known rule: nothing known forbids or allows it)") in out
    assert "allowed by the rules and facts in force" not in out
    assert ("Aland → Borduria  planned 1988 (may already be delivered: dated 1989, a period "
            "that contains the date)") in out
    assert "no known rule for Aland → Borduria" in out
    # a delivery surely made is a fact, not "no known rule"
    out = text(destinations(w.store(), "SAM", "Aland", as_of="1990-06-01"))
    assert ("Borduria  OPEN (delivered by the date: a fact, not a question of rules)  "
            "[delivered 1989]") in out
    assert ("a fact, not a question of rules: delivered Aland → Borduria (1989), before "
            "1990-06-01") in out
    assert "allowed by: delivered" not in out


def test_a_line_of_a_deal_made_on_several_lines_shows_the_deals_numbers() -> None:
    """The evidence of one production line of a two-line deal: its own numbers are not
    known, the whole deal's are shown as the deal's."""
    deal = {"designation": "T-72", "ordered": None, "delivered": None, "order_year": 1978,
            "delivery_years": [1979, 1980], "comment": None, "status": "New",
            "uncertain": ["quantity"], "lines": 2, "deal_ordered": 551, "deal_delivered": 551}
    from armsgraph.render.tree import _deal

    assert _deal(deal) == ("SIPRI: 'T-72' 1978, delivered 1979–1980; the whole deal: 551? "
                           "ordered, 551 delivered over 2 production lines (how many on this "
                           "one is not said)")
