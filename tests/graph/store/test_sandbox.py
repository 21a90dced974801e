"""armsgraph.store.sandbox: user SPARQL in worker processes, killed at the deadline, memory bounded.

The runaway queries are the small ones of issue 18: a chain of ``BIND(CONCAT(?a, ?a))``
(each step doubles a string: 2^40 bytes at the end) and a counted cartesian product (no
row comes out before the count is done). Both pass the shape guard of
:mod:`armsgraph.store.sparql`; on a thread both kept running after the client's 503.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from armsgraph.errors import LimitExceeded, QueryError, QueryTimeout
from armsgraph.store import OxigraphStore
from armsgraph.store.sandbox import Sandbox

G = URIRef("urn:test:g")
P = URIRef("urn:test:p")


def concat_chain(steps: int) -> str:
    """``?a0`` is 'ab'; each BIND doubles it, so ``?a{steps}`` has 2 ** (steps + 1) chars."""
    binds = " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(steps))
    return f"SELECT ?a{steps} WHERE {{ BIND('ab' AS ?a0) {binds} }}"


def count_query() -> str:
    return "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count_of(data: bytes) -> int:
    return int(json.loads(data)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def store() -> OxigraphStore:
    s = OxigraphStore()
    s.put_graph(G, [(URIRef(f"urn:test:s{i}"), P, Literal(i)) for i in range(50)])
    return s


def test_answers_in_a_worker_like_on_a_thread(store: OxigraphStore) -> None:
    box = Sandbox(store, workers=1)
    try:
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 50
        small = box.answer(concat_chain(3), "csv", cap=10, timeout=60)
        assert small.decode().splitlines() == ["a3", "ab" * 8]
    finally:
        box.close()


def test_memory_runaway_is_refused_and_the_next_query_answers(store: OxigraphStore) -> None:
    box = Sandbox(store, workers=1, memory_mb=256)
    try:
        with pytest.raises(LimitExceeded, match="more than 256 MB of memory"):
            box.answer(concat_chain(40), "json", cap=10, timeout=120)
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 50
    finally:
        box.close()


def test_deadline_kills_the_worker(store: OxigraphStore) -> None:
    box = Sandbox(store, workers=1)
    try:
        box.answer(count_query(), "json", cap=10, timeout=60)  # the worker is up
        (worker,) = box._idle
        # 50 ** 5 joined rows, counted: no row comes out before the count is done
        cartesian = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                     "?j ?k ?l . ?m ?n2 ?o }")
        with pytest.raises(QueryTimeout, match="longer than 1 s"):
            box.answer(cartesian, "json", cap=10, timeout=1)
        assert worker.proc.returncode == -9  # SIGKILL, reaped
        assert box._idle == []
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 50
    finally:
        box.close()


def test_errors_cross_the_process_boundary(store: OxigraphStore) -> None:
    box = Sandbox(store, workers=1)
    try:
        with pytest.raises(QueryError, match="malformed SPARQL"):
            box.answer("SELECT ?x WHERE {", "json", cap=10, timeout=60)
        with pytest.raises(LimitExceeded, match="more than the cap of 5"):
            box.answer("SELECT * WHERE { ?s ?p ?o }", "json", cap=5, timeout=60)
    finally:
        box.close()


def test_memory_store_is_copied_per_generation(store: OxigraphStore) -> None:
    box = Sandbox(store, workers=1)
    try:
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 50
        store.add_graph(URIRef("urn:test:h"), [(URIRef("urn:test:x"), P, Literal("new"))])
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 51
    finally:
        box.close()


def test_disk_store_is_reopened_read_only_at_each_generation(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    store.put_graph(G, [(URIRef(f"urn:test:s{i}"), P, Literal(i)) for i in range(7)])
    box = Sandbox(store, workers=1)
    try:
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 7
        store.add_graph(URIRef("urn:test:h"), [(URIRef("urn:test:x"), P, Literal("new"))])
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 8
    finally:
        box.close()
        store.close()


def test_worker_reads_a_checkpoint_not_the_live_folder(tmp_path: Path) -> None:
    """The flake of the test above (2 of 25 runs under load: "No such file … .sst" at
    query time): the worker read the live folder, whose table files the writer's
    compaction removes. It reads a checkpoint (hard links) now. With the live folder
    moved away, a new worker at the same generation still answers from it; the
    checkpoints of generations no worker holds are removed, all of them at close."""
    folder = tmp_path / "store"
    store = OxigraphStore(folder)
    store.put_graph(G, [(URIRef(f"urn:test:s{i}"), P, Literal(i)) for i in range(7)])
    box = Sandbox(store, workers=1)
    roots: list[Path] = []
    try:
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 7
        roots = list(tmp_path.glob(".store-queries-*"))
        assert len(roots) == 1 and [p.name for p in roots[0].iterdir()] == [
            str(store.generation)]
        box._idle[0].kill()  # the next query starts a new worker, which opens anew
        folder.rename(tmp_path / "moved")
        try:
            assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 7
        finally:
            (tmp_path / "moved").rename(folder)
        store.add_graph(URIRef("urn:test:h"), [(URIRef("urn:test:x"), P, Literal("new"))])
        assert count_of(box.answer(count_query(), "json", cap=10, timeout=60)) == 8
        # the worker moved on: only the new generation's checkpoint is left
        assert [p.name for p in roots[0].iterdir()] == [str(store.generation)]
    finally:
        box.close()
        store.close()
    assert roots and not roots[0].exists()
