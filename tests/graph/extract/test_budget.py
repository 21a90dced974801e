"""graph/extract/budget.py: the work budget of one extraction and stopping it from outside."""

from __future__ import annotations

import json
import re
import threading

import pytest

from armsgraph.errors import ExtractionCancelled, WorkBudgetExceeded
from armsgraph.extract import extract
from armsgraph.extract.budget import Budget, checkpoint, within
from armsgraph.settings import PROJECT_ROOT

ARTICLE = PROJECT_ROOT / "data" / "articles" / "article-japan-patriots.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
META = json.loads(ARTICLE.with_name("article-japan-patriots.meta.json").read_text())


def _copies(n: int) -> str:
    return "\n\n".join(f"{TEXT}\n\nThis is update number {i} of the story." for i in range(n))


def test_no_budget_checks_nothing() -> None:
    checkpoint("anywhere")  # outside within(): no budget, no error


def test_an_extraction_past_its_cpu_budget_stops_naming_the_setting() -> None:
    work = Budget(seconds=0.001)
    with pytest.raises(WorkBudgetExceeded, match=r"more than 0.001 s of CPU time .*"
                       r"ARMSGRAPH_EXTRACT_SECONDS\); nothing was written"), within(work):
        extract(TEXT, META)
    assert work.used() > 0.001


def test_a_budget_large_enough_changes_nothing() -> None:
    with within(Budget(seconds=600)):
        inside = extract(TEXT, META).to_json()
    assert inside == extract(TEXT, META).to_json()


def test_cancel_from_another_thread_stops_a_long_extraction_while_it_parses() -> None:
    """20 copies of the seed article (128 KB, 7 chunks of the parser): cancelled as soon
    as the work has started, it stops at a parsing checkpoint, not after the rules."""
    work = Budget()
    started = threading.Event()
    stopped: list[BaseException] = []

    def run() -> None:
        with within(work):
            started.set()
            try:
                extract(_copies(20), META)
            except ExtractionCancelled as err:
                stopped.append(err)

    thread = threading.Thread(target=run)
    thread.start()
    started.wait(10)
    work.cancel()
    thread.join(120)
    assert len(stopped) == 1
    assert "stopped at parsing characters" in str(stopped[0])
    assert "its caller went away" in str(stopped[0])


class _TightAtRules(Budget):
    """A budget that leaves the rules stage ``left`` CPU seconds once it starts (the parse
    before it takes what it takes on this machine)."""

    def __init__(self, left: float):
        super().__init__(600)
        self.left = left

    def check(self, where: str) -> None:
        if where == "applying rules":
            self.seconds = self.used() + self.left
        super().check(where)


def test_a_dense_article_stops_inside_the_rules_stage_within_its_budget() -> None:
    """1,000 sentences that each state transfers (90 KB, under the API's 100,000-character
    cap): the rules scan the facts found so far, so the stage grows faster than the text.
    The budget is checked per sentence there, so the work stops a sentence past the budget,
    not after the last sentence."""
    text = " ".join(f"Germany sent {i + 2} Leopard tanks to Ukraine, and Poland said it would "
                    f"send {i + 3} more to Kyiv." for i in range(1000))
    assert len(text) < 100_000
    work = _TightAtRules(0.2)
    with pytest.raises(WorkBudgetExceeded) as err, within(work):
        extract(text, META)
    found = re.search(r"stopped at applying rules, sentence ([\d,]+) of ([\d,]+)", str(err.value))
    assert found, str(err.value)
    done, total = (int(g.replace(",", "")) for g in found.groups())
    assert total >= 900 and 1 < done < total
    assert work.seconds is not None and work.used() - work.seconds < 0.2
