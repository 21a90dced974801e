"""graph/extract/budget.py: the work budget of one extraction and stopping it from outside."""

from __future__ import annotations

import json
import threading

import pytest

from graph.errors import ExtractionCancelled, WorkBudgetExceeded
from graph.extract import extract
from graph.extract.budget import Budget, checkpoint, within
from graph.settings import PROJECT_ROOT

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
