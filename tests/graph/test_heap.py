"""The collector's pauses: a budget that does not count them, freezing long-lived state,
and letting frozen state go."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from armsgraph import heap


class Node:
    """A cyclic object: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def slow_collections() -> Iterator[None]:
    """Every collection takes at least 0.3 s (a full collection over a large heap)."""

    def pause(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            time.sleep(0.3)

    gc.callbacks.append(pause)
    try:
        yield
    finally:
        gc.callbacks.remove(pause)


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Leave the collector as the test found it (nothing frozen by the test)."""
    yield
    heap.collect_all()
    gc.unfreeze()
    heap._frozen = False


def test_gc_seconds_counts_the_time_of_collections(slow_collections: None) -> None:
    before = heap.gc_seconds()
    gc.collect()
    assert heap.gc_seconds() - before >= 0.3


def test_a_collection_does_not_spend_a_budget(slow_collections: None) -> None:
    budget = heap.Budget(0.2)
    gc.collect()  # 0.3 s in the collector: more than the whole budget
    assert not budget.over()
    assert budget.elapsed() < 0.2


def test_wall_time_outside_collections_spends_a_budget() -> None:
    budget = heap.Budget(0.05)
    time.sleep(0.1)
    assert budget.over() and budget.elapsed() >= 0.05


def test_settle_freezes_only_after_many_new_objects(unfrozen: None) -> None:
    assert heap.settle(heap.SETTLE_MIN_OBJECTS - 1) is False
    kept = Node()
    assert heap.settle(heap.SETTLE_MIN_OBJECTS) is True
    assert gc.get_freeze_count() > 0
    assert all(o is not kept for o in gc.get_objects())  # frozen: no collection walks it


def test_frozen_state_is_collected_once_its_holder_is_let_go(unfrozen: None) -> None:
    class Holder:
        pass

    holder = Holder()
    holder.state = Node()  # type: ignore[attr-defined]
    gone = weakref.ref(holder.state)  # type: ignore[attr-defined]
    heap.settle(heap.SETTLE_MIN_OBJECTS)  # the state is frozen
    heap.release(holder)
    del holder
    gc.collect()
    assert gone() is not None  # frozen cycles survive ordinary collections
    heap.settle(heap.SETTLE_MIN_OBJECTS)  # the next long-lived state: unfreeze, collect
    assert gone() is None


def test_collect_all_reaches_frozen_cycles(unfrozen: None) -> None:
    state = Node()
    gone = weakref.ref(state)
    heap.settle(heap.SETTLE_MIN_OBJECTS)
    del state
    heap.collect_all()
    assert gone() is None and gc.get_freeze_count() > 0
