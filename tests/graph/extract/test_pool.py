"""graph/extract/pool.py: extraction in worker processes, with the caller's budget.

One pool (one worker process) serves the module: starting a worker loads the parser,
which takes seconds.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from armsgraph.errors import (
    ExtractionCancelled,
    ExtractionError,
    ExtractorUnavailable,
    WorkBudgetExceeded,
)
from armsgraph.extract import extract
from armsgraph.extract.budget import Budget
from armsgraph.extract.catalog import default_catalog
from armsgraph.extract.pool import ExtractionPool
from armsgraph.settings import PROJECT_ROOT

ARTICLE = PROJECT_ROOT / "data" / "articles" / "article-japan-patriots.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
META = json.loads(ARTICLE.with_name("article-japan-patriots.meta.json").read_text())


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractionPool]:
    p = ExtractionPool(1)
    try:
        yield p
    finally:
        p.close()


def test_a_worker_extracts_what_this_thread_extracts(pool: ExtractionPool) -> None:
    catalog = default_catalog()
    there = pool.extract(TEXT, META, catalog, Budget(600))
    assert there.to_json() == extract(TEXT, META, catalog).to_json()
    assert there.facts  # the seed article has facts: the comparison compared something
    again = pool.extract(TEXT, META, catalog, Budget(600))  # the same catalog, kept
    assert again.to_json() == there.to_json()


def test_the_budget_counts_in_the_worker(pool: ExtractionPool) -> None:
    with pytest.raises(WorkBudgetExceeded, match="ARMSGRAPH_EXTRACT_SECONDS"):
        pool.extract(TEXT, META, default_catalog(), Budget(0.001))


def test_extraction_errors_come_back_as_they_are(pool: ExtractionPool) -> None:
    with pytest.raises(ExtractionError, match="HTML"):
        pool.extract("<html><body><p>Germany sent tanks.</p></body></html>", {},
                     default_catalog())


def test_cancel_stops_the_worker_at_its_next_checkpoint(pool: ExtractionPool) -> None:
    """20 copies of the seed article are parsed in chunks; a cancel 0.3 s in stops the
    worker before the last chunk, and the worker then serves the next call."""
    long = "\n\n".join(f"{TEXT}\n\nUpdate {i}." for i in range(20))
    work = Budget(600)
    threading.Timer(0.3, work.cancel).start()
    started = time.monotonic()
    with pytest.raises(ExtractionCancelled, match="its caller went away") as err:
        pool.extract(long, {}, default_catalog(), work)
    where = int(str(err.value).split("parsing characters ")[1].split("-")[0].replace(",", ""))
    assert where < len(long) - 20_000, str(err.value)
    assert time.monotonic() - started < 60
    assert pool.extract(TEXT, META, default_catalog()).facts  # the flag was reset


def test_a_worker_that_dies_fails_its_call_and_the_next_call_gets_a_new_one(
    pool: ExtractionPool,
) -> None:
    assert pool.extract(TEXT, META, default_catalog()).facts  # a worker is up
    (first,) = pool.pids()
    long = "\n\n".join(f"{TEXT}\n\nUpdate {i}." for i in range(40))
    killer = threading.Timer(1.0, os.kill, (first, signal.SIGKILL))
    killer.start()
    with pytest.raises(ExtractorUnavailable, match="died"):
        pool.extract(long, {}, default_catalog(), Budget(600))
    killer.join()
    assert pool.extract(TEXT, META, default_catalog()).facts
    assert pool.pids() and first not in pool.pids()


def test_a_pool_needs_a_worker() -> None:
    with pytest.raises(ValueError, match="at least one worker"):
        ExtractionPool(0)
