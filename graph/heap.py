"""The cyclic garbage collector and the long-lived derived state: pauses, freezing, budgets.

Python's cyclic collector walks every live container object on each full collection. A
process that holds the projection of the SIPRI register holds millions of them, so a full
collection is a pause of a second or more, and it lands wherever an allocation triggers it,
typically inside the next question. Three tools keep such pauses out of answers:

- :func:`no_cyclic_gc` pauses the collector while millions of acyclic objects are made
  (building or loading a part of a snapshot);
- :func:`settle` moves the objects that exist once such a part is made into the
  collector's permanent generation (:func:`gc.freeze`), so that no later collection walks
  them again — unless state was let go since the last time (:func:`release`), in which
  case everything is unfrozen and collected first, so frozen garbage does not accumulate;
- :class:`Budget` measures a time budget as wall time minus the collector's pauses
  (:func:`gc_seconds`), so a collection that lands inside a search does not use up the
  search's budget and truncate its answer.

:func:`collect_all` is the full collection that also reaches frozen objects (a caller that
needs a cycle released now, e.g. a store handle).
"""

from __future__ import annotations

import gc
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["no_cyclic_gc", "settle", "release", "collect_all", "gc_seconds", "Budget",
           "SETTLE_MIN_OBJECTS"]

#: A part whose making left fewer new tracked objects than this is not worth a freeze
#: (the seed graph's parts, most tests): the collector's scans of it are short. The
#: register's projection leaves ~175,000 (its values shared), its read index ~390,000.
SETTLE_MIN_OBJECTS = 100_000

_lock = threading.Lock()
#: Whether something was let go since the last freeze (frozen objects may be garbage).
_stale = False
_frozen = False

# -- time spent in the collector -------------------------------------------------------

_gc_total = 0.0
_gc_start: float | None = None


def _on_gc(phase: str, info: dict[str, Any]) -> None:
    global _gc_total, _gc_start
    if phase == "start":
        _gc_start = time.perf_counter()
    elif _gc_start is not None:
        _gc_total += time.perf_counter() - _gc_start
        _gc_start = None


gc.callbacks.append(_on_gc)


def gc_seconds() -> float:
    """Seconds this process has spent in cyclic garbage collections so far (all threads:
    a collection holds the interpreter, so every thread waits for it).

    >>> before = gc_seconds(); _ = gc.collect(); gc_seconds() >= before
    True
    """
    start = _gc_start
    running = time.perf_counter() - start if start is not None else 0.0
    return _gc_total + running


class Budget:
    """A time budget that does not count the collector's pauses.

    ``over()`` says whether more than ``seconds`` of wall time went by since it was made,
    not counting the time spent in cyclic garbage collections meanwhile.

    >>> b = Budget(60.0)
    >>> b.over(), 0.0 <= b.elapsed() < 60.0
    (False, True)
    >>> Budget(-1.0).over()
    True
    """

    __slots__ = ("seconds", "_t0", "_gc0")

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._t0 = time.perf_counter()
        self._gc0 = gc_seconds()

    def elapsed(self) -> float:
        """Wall seconds since it was made, less the collector's pauses since."""
        return (time.perf_counter() - self._t0) - (gc_seconds() - self._gc0)

    def over(self) -> bool:
        """Whether the budget is spent."""
        return self.elapsed() > self.seconds


# -- pausing and freezing ---------------------------------------------------------------


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of acyclic objects are made.

    With it running, each full collection walks every live object, so making *n* objects
    costs more than *n* times one: a bulk import of 3x the SIPRI register took 4.1x the
    time (2.7x without collections), and unpickling the saved projection of the register
    9.9 s instead of 1.8 s. Reference counting still frees everything; the collector's
    previous state is restored on exit.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _let_go() -> None:
    global _stale
    _stale = True


def release(holder: object) -> None:
    """Say that ``holder`` (a replaced snapshot) holds long-lived state that is no longer
    needed: once ``holder`` itself is freed, the next :func:`settle` unfreezes and collects
    first, so that the frozen cycles it held are freed too."""
    weakref.finalize(holder, _let_go)


def settle(new_objects: int | None = None) -> bool:
    """After long-lived state was made (a part built or loaded, the collector still paused
    by :func:`no_cyclic_gc`): move every object into the collector's permanent generation
    (:func:`gc.freeze`), so that later collections do not walk it; the first question would
    otherwise pay for the collections the making deferred (a second and more with the
    register). ``new_objects``: how many tracked objects the making left (default
    ``gc.get_count()[0]``, which counts them while the collector is paused); below
    :data:`SETTLE_MIN_OBJECTS` nothing is done. When a holder of earlier state was freed
    since the last freeze (:func:`release`), everything is unfrozen and collected first.
    Returns whether it froze.
    """
    global _stale, _frozen
    if new_objects is None:
        new_objects = gc.get_count()[0]
    if new_objects < SETTLE_MIN_OBJECTS:
        return False
    with _lock:
        if _frozen and _stale:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        _frozen, _stale = True, False
    return True


def collect_all() -> int:
    """A full collection that reaches frozen objects too (they are frozen again after it,
    when they were); returns what :func:`gc.collect` found."""
    global _stale
    with _lock:
        if not _frozen:
            return gc.collect()
        gc.unfreeze()
        found = gc.collect()
        gc.freeze()
        _stale = False
        return found
