"""One snapshot per store generation: parts built once, refreshed from the writes since,
saved beside an on-disk store and loaded by the next process."""

from __future__ import annotations

import threading
import time
import weakref
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from armsgraph import ids
from armsgraph.namespace import ARMS
from armsgraph.store import Change, OxigraphStore, Store
from armsgraph.store.snapshot import Part, forget, is_saved, save_parts, saved_folder, snapshot

G1, G2 = ids.source_graph("one"), ids.source_graph("two")


def _triple(n: int) -> tuple[URIRef, URIRef, Literal]:
    return (ids.fact(f"t{n}"), ARMS.sentence, Literal(f"sentence {n}"))


class Counting:
    """A part that lists the store's graphs and counts how it was made."""

    def __init__(self, *, refresh: bool = True, saved: bool = False, code: str = "1"):
        self.builds = 0
        self.refreshes: list[list[Change]] = []
        self.loads = 0
        self.part: Part[tuple[str, ...]] = Part(
            "graphs", build=self._build, refresh=self._refresh if refresh else None,
            save=self._save if saved else None, load=self._load if saved else None, code=code)

    def _build(self, store: Store) -> tuple[str, ...]:
        self.builds += 1
        return tuple(str(g) for g in store.graphs())

    def _refresh(self, store: Store, old: tuple[str, ...],
                 changes: list[Change]) -> tuple[str, ...] | None:
        self.refreshes.append(changes)
        if any(kind != "add" for kind, _ in changes):
            return None
        return tuple(sorted({*old, *(str(g) for _, g in changes)}))

    def _save(self, value: tuple[str, ...], folder: Path) -> None:
        (folder / "graphs.txt").write_text("\n".join(value))

    def _load(self, folder: Path) -> tuple[str, ...]:
        self.loads += 1
        text = (folder / "graphs.txt").read_text()
        if text == "damaged":
            raise ValueError("damaged")
        return tuple(text.split("\n")) if text else ()


def test_one_snapshot_per_generation() -> None:
    store = OxigraphStore()
    first = snapshot(store)
    assert snapshot(store) is first and first.generation == 0
    store.add_graph(G1, [_triple(1)])
    second = snapshot(store)
    assert second is not first and second.generation == 1
    assert snapshot(store) is second


def test_a_part_is_built_once_per_snapshot_and_refreshed_from_the_writes_since() -> None:
    store = OxigraphStore()
    c = Counting()
    assert snapshot(store).get(c.part) == ()
    assert snapshot(store).get(c.part) == ()
    assert (c.builds, c.refreshes) == (1, [])
    store.add_graph(G1, [_triple(1)])
    store.add_graph(G2, [_triple(2)])
    assert snapshot(store).get(c.part) == (str(G1), str(G2))
    assert (c.builds, c.refreshes) == (1, [[("add", G1), ("add", G2)]])
    # A write the refresh cannot follow: it gives None, and the part is built again.
    store.drop_graph(G1)
    assert snapshot(store).get(c.part) == (str(G2),)
    assert c.builds == 2 and c.refreshes[-1] == [("drop", G1)]


def test_an_old_snapshot_keeps_its_value() -> None:
    store = OxigraphStore()
    c = Counting()
    old = snapshot(store)
    assert old.get(c.part) == ()
    store.add_graph(G1, [_triple(1)])
    assert snapshot(store).get(c.part) == (str(G1),)
    assert old.get(c.part) == ()


def test_concurrent_callers_share_one_build() -> None:
    store = OxigraphStore()
    store.add_graph(G1, [_triple(1)])
    c = Counting()
    got: list[tuple[str, ...]] = []
    threads = [threading.Thread(target=lambda: got.append(snapshot(store).get(c.part)))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == [(str(G1),)] * 8 and c.builds == 1


def test_a_write_during_a_build_refreshes_from_what_that_build_made() -> None:
    store = OxigraphStore()
    started, release = threading.Event(), threading.Event()
    builds: list[int] = []

    def slow(s: Store) -> int:
        builds.append(s.generation)
        n = len(s.graphs())  # read before the write below
        started.set()
        release.wait(10)
        return n

    part: Part[int] = Part("slow", build=slow, refresh=lambda s, old, ch: old + len(ch))
    old = snapshot(store)
    worker = threading.Thread(target=old.get, args=(part,))
    worker.start()
    assert started.wait(10)
    store.add_graph(G1, [_triple(1)])
    new = snapshot(store)
    assert new is not old
    release.set()
    assert new.get(part) == 0 + 1  # the old snapshot's value (0 graphs) plus one write
    worker.join()
    assert builds == [0]


def test_memos_go_with_their_snapshot() -> None:
    store = OxigraphStore()
    snapshot(store).memo("answers").put("q", 1)
    assert snapshot(store).memo("answers").get("q") == 1
    store.add_graph(G1, [_triple(1)])
    assert snapshot(store).memo("answers").get("q") is None


def test_a_saved_part_is_loaded_by_the_next_open_of_the_same_content(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    store.add_graph(G1, [_triple(1)])
    c = Counting(saved=True)
    assert snapshot(store).get(c.part) == (str(G1),)
    version = store.version
    assert version is not None
    assert saved_folder(store) == tmp_path / "store.snapshot"
    assert [p.name for p in (tmp_path / "store.snapshot").iterdir()] == [f"graphs-{version}-1"]
    store.close()

    again = OxigraphStore(path)
    assert again.version == version
    c2 = Counting(saved=True)
    assert snapshot(again).get(c2.part) == (str(G1),)
    assert (c2.builds, c2.loads) == (0, 1)
    # Other code (another key) does not load it.
    forget(again)
    c3 = Counting(saved=True, code="2")
    assert snapshot(again).get(c3.part) == (str(G1),)
    assert (c3.builds, c3.loads) == (1, 0)
    assert [p.name for p in (tmp_path / "store.snapshot").iterdir()] == [f"graphs-{version}-2"]


def test_a_write_makes_the_saved_part_stale(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    c = Counting(saved=True)
    snapshot(store).get(c.part)
    before = store.version
    store.add_graph(G1, [_triple(1)])
    assert store.version not in (None, before)
    store.close()
    again = OxigraphStore(path)
    c2 = Counting(saved=True)
    assert snapshot(again).get(c2.part) == (str(G1),)
    assert (c2.builds, c2.loads) == (1, 0)


def test_a_damaged_saved_part_is_built_again_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    store.add_graph(G1, [_triple(1)])
    c = Counting(saved=True)
    snapshot(store).get(c.part)
    entry = next((tmp_path / "store.snapshot").iterdir())
    (entry / "graphs.txt").write_text("damaged")
    forget(store)
    c2 = Counting(saved=True)
    assert snapshot(store).get(c2.part) == (str(G1),)
    assert (c2.loads, c2.builds) == (1, 1)
    assert (entry / "graphs.txt").read_text() == str(G1)


def test_save_parts_makes_what_is_not_saved_and_saves_a_refreshed_value(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store"
    store = OxigraphStore(path)
    store.add_graph(G1, [_triple(1)])
    c, unsaved = Counting(saved=True), Counting(saved=False)
    assert not is_saved(store, c.part)
    assert save_parts(store, [c.part, unsaved.part]) == ["graphs"]  # no save: not made
    assert is_saved(store, c.part) and (c.builds, unsaved.builds) == (1, 0)
    assert save_parts(store, [c.part]) == [] and c.builds == 1  # saved already
    # After an added graph the part is refreshed in memory, not built, and that is saved.
    store.add_graph(G2, [_triple(2)])
    assert not is_saved(store, c.part)
    assert save_parts(store, [c.part]) == ["graphs"]
    assert (c.builds, len(c.refreshes)) == (1, 1) and is_saved(store, c.part)
    version = store.version
    store.close()
    again = OxigraphStore(path)
    c2 = Counting(saved=True)
    assert again.version == version
    assert snapshot(again).get(c2.part) == tuple(sorted((str(G1), str(G2))))
    assert (c2.builds, c2.loads) == (0, 1)
    again.close()
    assert save_parts(OxigraphStore(), [c.part]) == []  # in memory: nothing to save


def test_a_store_in_memory_saves_nothing() -> None:
    store = OxigraphStore()
    c = Counting(saved=True)
    snapshot(store).get(c.part)
    assert store.version is None and saved_folder(store) is None


def test_a_read_during_a_write_sees_a_generation_whole() -> None:
    """While a large graph is replaced in steps (removed, then written again), a reader
    whose snapshot has the part gets the old generation's value at once, and one whose
    snapshot lacks it waits for the write and gets the new one: never half a write."""
    store = OxigraphStore()
    old = [_triple(n) for n in range(10)]
    new = [_triple(n) for n in range(10, 30)]
    store.put_graph(G1, old)
    size = Part("size-before", build=lambda s: len(list(s.triples(G1))))
    later = Part("size-during", build=lambda s: len(list(s.triples(G1))))
    assert snapshot(store).get(size) == 10
    halfway, reading = threading.Event(), threading.Event()
    seen: dict[str, object] = {}
    write = store._write

    def paused_write(graph: object, triples: object, step: str | None = None) -> None:
        if getattr(graph, "value", None) == str(G1):  # old graph gone, new one not yet written
            seen["torn"] = len(list(store.triples(G1)))
            halfway.set()
            reading.wait(10)
            time.sleep(0.3)  # the reader is inside get() by now: it must wait for us
        write(graph, triples)  # type: ignore[arg-type]

    def reader() -> None:
        halfway.wait(10)
        during = snapshot(store)
        seen["before"] = during.get(size)
        reading.set()
        seen["during"] = during.get(later)

    store._write = paused_write  # type: ignore[method-assign]
    thread = threading.Thread(target=reader)
    thread.start()
    store.put_graph(G1, new)
    thread.join(10)
    assert seen["torn"] == 0  # what a read outside the snapshot could have seen
    assert seen["before"] == 10 and seen["during"] == 20
    assert snapshot(store).get(size) == 20  # the next generation rebuilt it


class _Cyclic:
    """A part's value that only the cyclic collector frees (like a NetworkX graph)."""

    def __init__(self, graphs: tuple[str, ...]):
        self.graphs, self.me = graphs, self


def test_a_made_part_is_frozen_and_freed_once_its_snapshot_is_replaced(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import gc  # noqa: PLC0415

    from armsgraph import heap  # noqa: PLC0415

    monkeypatch.setattr(heap, "SETTLE_MIN_OBJECTS", 0)  # every part counts as large
    part: Part[_Cyclic] = Part("cyclic", build=lambda s: _Cyclic(tuple(map(str, s.graphs()))))
    store = OxigraphStore()
    try:
        first = snapshot(store).get(part)
        # Frozen: the collections after it never walk it (the first question does not pay
        # for the collections its making deferred).
        assert all(o is not first for o in gc.get_objects())
        old = weakref.ref(first)
        del first
        store.add_graph(G1, [_triple(1)])
        second = snapshot(store).get(part)  # built again; the old snapshot was let go
        assert second.graphs == (str(G1),)
        assert old() is None  # not kept frozen for ever
    finally:
        forget(store)
        heap.collect_all()
        gc.unfreeze()
        heap._frozen = False
