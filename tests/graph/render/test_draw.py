"""graph/render/draw.py: destinations answers as DOT, then SVG and PNG by the real Graphviz."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from graph.errors import InputError
from graph.render.draw import (
    VERDICT_STYLES,
    RenderError,
    draw,
    drawn_hops,
    format_for,
    line_pattern,
    render,
    risk_text,
    to_dot,
)

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' not installed")

SVG = "{http://www.w3.org/2000/svg}"


def st(code: str, label: str) -> dict[str, str]:
    return {"id": f"state/{code}", "label": label}


A, B, C = st("AAA", "Avalon"), st("BBB", "Borduria"), st("CCC", "Carpania")


def hop(frm: dict[str, str], to: dict[str, str], status: str, kind: str = "export",
        **extra: Any) -> dict[str, Any]:
    return {"from": frm, "to": to, "kind": kind, "status": status, "date": "2023-12-20",
            "evidence": [], **extra}


def path(verdict: str, *hops: dict[str, Any], kind: str = "physical",
         consent: list[Any] | None = None, blocked: list[Any] | None = None,
         risks: list[Any] | None = None) -> dict[str, Any]:
    return {"kind": kind, "verdict": verdict, "needs_consent_from": consent or [],
            "blocked_by": blocked or [], "risks": risks or [], "hops": list(hops)}


def answer(*destinations: tuple[dict[str, str], str, list[dict[str, Any]]]) -> dict[str, Any]:
    return {
        "item": {"id": "system/x", "label": "Xiphos"}, "origin": A, "as_of": "2024-04-01",
        "truncated": False,
        "destinations": [{"state": s, "verdict": v, "paths": p} for s, v, p in destinations],
    }


#: A → B open and planned; A → B → C blocked (needs A's consent, threatened); and a
#: backfill chain A ⇢ B → C where B sends its own delivered stock on.
CHAIN = answer(
    (B, "open", [path("open", hop(A, B, "planned"))]),
    (C, "blocked", [
        path("blocked", hop(A, B, "planned"), hop(B, C, "hypothetical", "re-export"),
             consent=[A], blocked=[{"rule": "policy/r", "label": "no re-export to war",
                                    "reason": "prohibited: C is party to an armed conflict"}],
             risks=[{"id": "fact/t", "label": "Dystopia threatens Avalon"}]),
        path("open", hop(A, B, "planned", "backfill"), hop(B, C, "delivered", "transfer"),
             kind="backfill"),
    ]),
)


class TestDrawnHops:
    def test_drawn_hops_merges_a_hop_shared_by_paths(self) -> None:
        hops = drawn_hops(CHAIN)
        pairs = [(h.source_label, h.target_label, h.kind, h.pattern) for h in hops]
        assert pairs == [
            ("Avalon", "Borduria", "export", "dashed"),
            ("Borduria", "Carpania", "re-export", "dashed"),
            ("Avalon", "Borduria", "backfill", "dotted"),
            ("Borduria", "Carpania", "transfer", "solid"),
        ]

    def test_drawn_hops_gives_an_early_hop_the_verdict_of_reaching_its_end(self) -> None:
        blocked_path = answer(
            (B, "blocked", [path("blocked", hop(A, B, "planned"))]),
            (C, "conditional", [path("conditional", hop(A, B, "planned"),
                                     hop(B, C, "planned", "re-export"))]),
        )
        verdicts = {(h.source_label, h.target_label): h.verdict
                    for h in drawn_hops(blocked_path)}
        assert verdicts == {("Avalon", "Borduria"): "blocked",
                            ("Borduria", "Carpania"): "conditional"}

    def test_drawn_hops_prefers_a_verdict_the_hop_carries(self) -> None:
        own = answer((C, "blocked", [path("blocked", hop(A, B, "planned", verdict="open"),
                                          hop(B, C, "planned", verdict="blocked"))]))
        assert [h.verdict for h in drawn_hops(own)] == ["open", "blocked"]

    @pytest.mark.parametrize(
        ("entry", "expected"),
        [
            pytest.param({"label": "2023: no re-export to war", "reason":
                          "prohibited in principle: C is party to an armed conflict"},
                         "C is party to an armed conflict", id="reason-with-subject"),
            pytest.param({"label": "2014: finished products may not be exported",
                          "reason": "prohibited (finished product, licence built)"},
                         "2014: finished products may not be exported", id="bare-reason"),
        ],
    )
    def test_drawn_hops_says_briefly_what_blocks(self, entry: dict[str, str],
                                                 expected: str) -> None:
        one = answer((B, "blocked", [path("blocked", hop(A, B, "planned"), blocked=[entry])]))
        assert list(drawn_hops(one)[0].blocked.values()) == [expected]

    def test_drawn_hops_puts_path_conditions_on_the_last_hop(self) -> None:
        last = [h for h in drawn_hops(CHAIN) if h.kind == "re-export"][0]
        first = drawn_hops(CHAIN)[0]
        assert list(last.consent.values()) == ["Avalon"]
        assert list(last.blocked.values()) == ["C is party to an armed conflict"]
        assert list(last.risks.values()) == ["Dystopia threatens Avalon"]
        assert (first.consent, first.blocked, first.risks) == ({}, {}, {})

    def test_drawn_hops_shows_a_threat_stated_three_times_once(self) -> None:
        # Three statements of one threat event (headline and quotes) and another threat.
        risks = [{"statement": "t2", "label": "Dystopia threatens Avalon: harm", "event": "t1"},
                 {"statement": "t1", "label": "Dystopia threatens Avalon", "event": "t1"},
                 {"statement": "t3", "label": "Dystopia threatens Avalon: ruin", "event": "t1"},
                 {"statement": "t4", "label": "Erewhon threatens Avalon", "event": "t4"}]
        one = answer((B, "blocked", [path("blocked", hop(A, B, "planned"), risks=risks)]))
        [h] = drawn_hops(one)
        assert h.risks == {"t1": "Dystopia threatens Avalon", "t4": "Erewhon threatens Avalon"}
        assert h.risk_statements == {"t1": {"t1", "t2", "t3"}, "t4": {"t4"}}
        assert [risk_text(h, e) for e in h.risks] == [
            "Dystopia threatens Avalon (stated 3 times)", "Erewhon threatens Avalon"]

    @pytest.mark.parametrize(
        ("hop_", "path_kind", "expected"),
        [
            pytest.param({"kind": "export", "status": "delivered"}, "physical", "solid",
                         id="delivered-solid"),
            pytest.param({"kind": "export", "status": "planned"}, "physical", "dashed",
                         id="planned-dashed"),
            pytest.param({"kind": "re-export", "status": "hypothetical"}, "physical",
                         "dashed", id="hypothetical-dashed"),
            pytest.param({"kind": "backfill", "status": "delivered"}, "backfill", "dotted",
                         id="backfill-dotted"),
            pytest.param({"status": "planned"}, "backfill", "dotted",
                         id="unnamed-hop-of-backfill-path-dotted"),
            pytest.param({"kind": "planned", "status": "planned",
                          "uncertain": {"what": "delivered", "date": "1989"}}, "physical",
                         "uncertain", id="maybe-delivered-uncertain"),
            pytest.param({"kind": "delivered", "status": "delivered",
                          "uncertain": {"what": "delivered", "date": "1989"}}, "physical",
                         "uncertain", id="delivery-in-the-year-uncertain"),
        ],
    )
    def test_line_pattern(self, hop_: dict[str, str], path_kind: str, expected: str) -> None:
        assert line_pattern(hop_, path_kind) == expected


class TestToDot:
    def test_to_dot_styles_each_hop_by_verdict_and_movement(self) -> None:
        dot = to_dot(CHAIN)
        edge_lines = [line for line in dot.splitlines() if " -> " in line]
        assert len(edge_lines) == 4
        blocked = [line for line in edge_lines if "re-export" in line][0]
        s = VERDICT_STYLES["blocked"]
        assert f'color="{s.colour}"' in blocked and 'arrowhead="tee"' in blocked
        assert 'style="dashed"' in blocked and "BLOCKED" in blocked
        assert "needs Avalon&#x27;s consent" in blocked
        assert "Dystopia threatens Avalon" in blocked
        backfill = [line for line in edge_lines if "backfill" in line][0]
        assert 'style="dotted"' in backfill and VERDICT_STYLES["open"].colour in backfill

    def test_to_dot_says_a_hop_stated_later_is_only_possible(self) -> None:
        # Every statement behind A -> B was made after the date (the reasoner's "possible"):
        # the label says so, with the date it was first stated, and never "planned".
        later = hop(A, B, "possible", "possible re-export", date="2024-07-01",
                    evidence=[{"statement": "fact/x", "sentence": "A sells to B.",
                               "source": {"id": "s", "title": "News", "url": None},
                               "stated_after_as_of": True}])
        dot = to_dot(answer((B, "blocked", [path("blocked", later)])))
        [line] = [line for line in dot.splitlines() if " -> " in line]
        assert "BLOCKED</b> \u00b7 possible re-export (stated later), Jul 2024" in line
        assert 'style="dashed"' in line
        assert "reported later" not in dot and "planned" not in line

    def test_to_dot_draws_a_hop_uncertain_as_of_the_date_double_dashed(self) -> None:
        """A real answer (graph.reason.paths) as of a date inside the year of the first
        delivery: the line is double dashed, the label says "maybe delivered by the date"
        and the caption explains the pattern."""
        from graph.reason.paths import destinations
        from tests.utils.world import World

        w = World()
        a, b = w.state("AAA", "Avalon"), w.state("BBB", "Borduria")
        w.deal("ab", a, b, w.system("SAM"), order_year=1988, delivery_years=(1989, 1990),
               ordered=12, delivered=12, designation="SAM-1")
        store = w.store()
        unsure = destinations(store, "SAM", "Avalon", as_of="1989-06-01")
        [line] = [x for x in to_dot(unsure).splitlines() if " -> " in x]
        colour = VERDICT_STYLES["open"].colour
        assert f'color="{colour}:white:{colour}"' in line and 'style="dashed"' in line
        assert "planned, 1988; maybe delivered by the date" in line
        assert "double dashed line: uncertain as of the date" in to_dot(unsure)
        # A year later the delivery is a fact: one solid line.
        sure = destinations(store, "SAM", "Avalon", as_of="1990-06-01")
        [line] = [x for x in to_dot(sure).splitlines() if " -> " in x]
        assert f'color="{colour}"' in line and 'style="solid"' in line
        assert "maybe" not in line

    def test_to_dot_escapes_markup_in_labels(self) -> None:
        odd = answer((st("Q", 'Q <&> "state"'), "open",
                      [path("open", hop(A, st("Q", 'Q <&> "state"'), "delivered"))]))
        dot = to_dot(odd)
        assert "Q &lt;&amp;&gt; &quot;state&quot;" in dot
        assert '<&>' not in dot

    def test_to_dot_says_when_nothing_is_reachable(self) -> None:
        assert "No chain in the graph from Avalon" in to_dot(answer())


@needs_dot
class TestRender:
    def test_render_svg_draws_patterns_colours_and_labels(self) -> None:
        svg = draw(CHAIN, "svg")
        root = ET.fromstring(svg)
        edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
        assert len(edges) == 4
        strokes = []
        for g in edges:
            p = g.find(f"{SVG}path")
            assert p is not None
            strokes.append((p.get("stroke"), p.get("stroke-dasharray")))
        open_ = VERDICT_STYLES["open"].colour.lower()
        blocked = VERDICT_STYLES["blocked"].colour.lower()
        assert sorted(strokes, key=str) == sorted(
            [(open_, "5,2"), (blocked, "5,2"), (open_, "1,5"), (open_, None)], key=str
        )
        text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        for word in ("Avalon", "Borduria", "Carpania", "BLOCKED", "needs Avalon's consent",
                     "Where could Xiphos from Avalon go, as of 1 Apr 2024?"):
            assert word in text

    def test_render_png_is_a_png(self) -> None:
        png = draw(CHAIN, "png")
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000

    def test_render_rejects_an_unknown_format(self) -> None:
        with pytest.raises(InputError, match="'pdf'"):
            render("digraph { a -> b }", "pdf")

    def test_render_reports_invalid_dot(self) -> None:
        with pytest.raises(RenderError, match="Graphviz failed"):
            render("digraph { a -> }", "svg")


@pytest.mark.parametrize(
    ("name", "expected"),
    [pytest.param("chains.svg", "svg", id="svg"), pytest.param("x/C.PNG", "png", id="png")],
)
def test_format_for_reads_the_extension(name: str, expected: str) -> None:
    assert format_for(name) == expected


def test_format_for_names_a_bad_file() -> None:
    with pytest.raises(InputError, match="chains.jpeg"):
        format_for("chains.jpeg")
