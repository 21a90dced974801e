"""Extraction in worker processes, so that a server's readers keep its interpreter.

Extraction is CPU-bound Python (the parser, the phrase matcher, the rules). Run on a
server's request threads it holds the interpreter lock most of the time: under 8 ingests
and 32 readers (``tests/api/test_load.py``, profiled with py-spy) ingest threads held it
in 63 % of the samples, and the readers spent 92 % of their time waiting for the one
thread that refreshed the read index, itself waiting for the lock. An
:class:`ExtractionPool` runs :func:`armsgraph.extract.extract` in ``workers`` processes of
their own (``spawn``: never a fork of a threaded server) and gives back the
:class:`~armsgraph.extract.model.Extraction`; the caller writes it (nothing is written
in a worker).

The catalog an extraction links against is sent with each call, pickled once per catalog
object (a catalog is never changed once made: :mod:`armsgraph.extract.catalog`); a
worker keeps the last one it was sent, with its phrase matcher, and reuses it while the
same catalog comes again. The work budget (:mod:`armsgraph.extract.budget`) is counted
in the worker (CPU time of its thread, as on a thread), and :meth:`Budget.cancel` of the
caller's budget reaches the worker through a shared flag that its checkpoints read, so a
client that goes away stops the work as before. A worker that dies (killed, out of
memory) fails the calls it ran with :class:`~armsgraph.errors.ExtractorUnavailable`
(503 through the API); the next call starts new workers.
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
import threading
import uuid
import weakref
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..errors import ExtractorUnavailable
from .budget import Budget, within
from .catalog import Catalog
from .model import Extraction

__all__ = ["ExtractionPool"]

#: How often a caller waiting for a worker looks at its budget's cancel flag (seconds).
POLL_SECONDS = 0.1


class ExtractionPool:
    """``workers`` processes that extract articles; :meth:`extract` is thread-safe.

    At most ``workers`` extractions run at once; further calls wait for a free worker.
    Workers start on first use (a pool never used costs nothing) and load the parser then.
    """

    def __init__(self, workers: int):
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.workers = workers
        self._ctx = multiprocessing.get_context("spawn")
        # One cancel flag per running call; a call takes a free slot for its duration.
        self._flags: Any = self._ctx.Array("b", workers, lock=False)
        self._free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for slot in range(workers):
            self._free.put(slot)
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._pickled: weakref.WeakKeyDictionary[Catalog, tuple[str, bytes]] = (
            weakref.WeakKeyDictionary())

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    self.workers, mp_context=self._ctx, initializer=_start,
                    initargs=(self._flags,))
            return self._executor

    def _broken(self, executor: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is executor:
                self._executor = None
        executor.shutdown(wait=False, cancel_futures=True)

    def _catalog(self, catalog: Catalog) -> tuple[str, bytes]:
        with self._lock:
            got = self._pickled.get(catalog)
        if got is None:
            got = (uuid.uuid4().hex, pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))
            with self._lock:
                got = self._pickled.setdefault(catalog, got)
        return got

    def extract(self, text: str, meta: Mapping[str, Any] | None, catalog: Catalog,
                budget: Budget | None = None) -> Extraction:
        """:func:`armsgraph.extract.extract` of ``text`` in a worker, within ``budget``.

        Raises what extraction raises (ExtractionError, WorkBudgetExceeded when the
        budget's seconds are used up, ExtractionCancelled after ``budget.cancel()``), and
        ExtractorUnavailable when the worker died.
        """
        token, data = self._catalog(catalog)
        seconds = budget.seconds if budget is not None else None
        setting = budget.setting if budget is not None else "ARMSGRAPH_EXTRACT_SECONDS"
        slot = self._free.get()
        try:
            self._flags[slot] = 0
            executor = self._pool()
            try:
                future: Future[Extraction] = executor.submit(
                    _run, text, dict(meta or {}), token, data, seconds, setting, slot)
            except (BrokenProcessPool, RuntimeError) as err:
                self._broken(executor)
                raise ExtractorUnavailable(f"the extraction worker could not start: {err}") \
                    from err
            while True:
                try:
                    return future.result(timeout=POLL_SECONDS)
                except FutureTimeout:
                    if budget is not None and budget.cancelled:
                        self._flags[slot] = 1
                except BrokenProcessPool as err:
                    self._broken(executor)
                    raise ExtractorUnavailable(
                        "the extraction worker died (killed or out of memory); nothing was "
                        "written") from err
        finally:
            self._flags[slot] = 0
            self._free.put(slot)

    def pids(self) -> list[int]:
        """The process ids of the running workers (none before the first call)."""
        with self._lock:
            executor = self._executor
        procs = getattr(executor, "_processes", None) or {}
        return sorted(procs)

    def close(self) -> None:
        """Stop the workers (a running call fails)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


# -- in the worker ----------------------------------------------------------------------

_FLAGS: Any = None
_LAST: list[tuple[str, Catalog]] = []


def _start(flags: Any) -> None:
    """A worker's start: keep the cancel flags and load the parser."""
    global _FLAGS
    _FLAGS = flags
    from .text import nlp  # noqa: PLC0415 - loaded in the worker, not in the caller

    nlp()


class _SharedBudget(Budget):
    """A budget whose cancel flag is the caller's slot in the shared flags."""

    def __init__(self, seconds: float | None, setting: str, slot: int):
        super().__init__(seconds, setting=setting)
        self.slot = slot

    def check(self, where: str) -> None:
        if _FLAGS is not None and _FLAGS[self.slot]:
            self.cancel()
        super().check(where)


def _run(text: str, meta: dict[str, Any], token: str, data: bytes, seconds: float | None,
         setting: str, slot: int) -> Extraction:
    from . import extract  # noqa: PLC0415

    if _LAST and _LAST[0][0] == token:
        catalog = _LAST[0][1]
    else:
        catalog = pickle.loads(data)
        if _LAST and len(_LAST[0][1].docs) <= 50 * len(catalog.entries) + 10_000:
            catalog.docs = _LAST[0][1].docs  # tokenised names: the next one holds most
        _LAST[:] = [(token, catalog)]
    with within(_SharedBudget(seconds, setting, slot)):
        return extract(text, meta, catalog)
