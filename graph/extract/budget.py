"""A work budget for one article's extraction, and a way to stop it when its caller goes.

Extraction is CPU-bound and runs on a thread the caller cannot interrupt, so the work
checks its :class:`Budget` at checkpoints (:func:`checkpoint`): between the chunks the
parser reads and between extraction's stages. The budget counts the CPU time of the
extracting thread (``time.thread_time``), so other work on a shared machine does not use
it up; :meth:`Budget.cancel` (from another thread, e.g. when the HTTP client disconnects)
makes the next checkpoint stop. Nothing is written during extraction, so a stop leaves
the store as it was.

>>> work = Budget(seconds=60)
>>> with within(work):
...     checkpoint("start")
>>> work.cancel()
>>> with within(work):
...     checkpoint("parsing")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
graph.errors.ExtractionCancelled: extraction stopped at start: its caller went away
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from ..errors import ExtractionCancelled, WorkBudgetExceeded

__all__ = ["Budget", "within", "checkpoint"]


class Budget:
    """At most ``seconds`` of CPU time on the thread that first checks it; cancellable."""

    def __init__(self, seconds: float | None = None, *, setting: str = "ARMSGRAPH_EXTRACT_SECONDS"):
        self.seconds = seconds
        self.setting = setting
        self._cancelled = threading.Event()
        self._start: float | None = None

    def cancel(self) -> None:
        """Stop the work at its next checkpoint (thread-safe)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def used(self) -> float:
        """CPU seconds used since the first check."""
        return 0.0 if self._start is None else time.thread_time() - self._start

    def check(self, where: str) -> None:
        if self._start is None:
            self._start = time.thread_time()
        if self._cancelled.is_set():
            raise ExtractionCancelled(f"extraction stopped at {where}: its caller went away")
        if self.seconds is not None and self.used() > self.seconds:
            raise WorkBudgetExceeded(
                f"the article took more than {self.seconds:g} s of CPU time to extract "
                f"(stopped at {where}; {self.setting}); nothing was written: split it"
            )


_CURRENT: ContextVar[Budget | None] = ContextVar("armsgraph_extract_budget", default=None)


@contextmanager
def within(budget: Budget) -> Iterator[Budget]:
    """Run the block's extraction within ``budget`` (checked at each :func:`checkpoint`)."""
    token = _CURRENT.set(budget)
    try:
        budget.check("start")
        yield budget
    finally:
        _CURRENT.reset(token)


def checkpoint(where: str) -> None:
    """Check the current budget, if any (raises WorkBudgetExceeded or ExtractionCancelled)."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.check(where)
