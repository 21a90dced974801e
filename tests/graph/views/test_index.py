"""armsgraph.views.index: the read index refreshed by difference, read whole under writes, saved
beside the store and loaded cold."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Any

import pytest
from rdflib import RDFS, Literal

from armsgraph import ids
from armsgraph.load.build import build
from armsgraph.load.ingest import Article, ingest, load_article
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import OxigraphStore
from armsgraph.views import catalog as catalog_module
from armsgraph.views import index as index_module
from armsgraph.views.catalog import Catalog, catalog
from tests.conftest import DATA_DIR, ONTOLOGY_DIR

# -- incremental refresh after ingest ------------------------------------------------------

GOLD = sorted((PROJECT_ROOT / "tests" / "gold").glob("*.txt"))


def _built() -> OxigraphStore:
    store = OxigraphStore()
    build(store, ONTOLOGY_DIR, DATA_DIR)
    return store


class _Over(Catalog):
    """A catalog over one given index (default: one built from the whole store), not the
    store's snapshot: what a full rebuild lists, or what a reader holding an old index
    sees."""

    def __init__(self, store: OxigraphStore, index: Any = None):
        super().__init__(store)
        self._own = index if index is not None else index_module._build_index(store)

    def _index(self) -> Any:
        return self._own


def _content(cat: Catalog) -> tuple[object, ...]:
    """Everything the catalog lists: entities, facts (with roles), sources, labels."""
    index = cat._index()
    return (
        cat.entities(),
        cat.facts(),
        cat.sources(),
        dict(cat.labels()),
        {k: tuple(v) for k, v in index.by_entity.items()},
        {k: list(v) for k, v in index.names.items()},
        [cat.entity(e.id).facts for e in cat.entities(type="person")],
    )


@pytest.fixture(params=["by-difference", "in-full"])
def relist(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A refresh relists the statements by difference (every stale share allowed) or in
    full (none allowed); returns a list that grows by one per relisting by difference."""
    calls: list[int] = []
    by_difference = index_module._relist_facts

    def counted(index: Any, old: Any, stale: set[str]) -> None:
        calls.append(len(stale))
        by_difference(index, old, stale)

    monkeypatch.setattr(index_module, "_relist_facts", counted)
    monkeypatch.setattr(index_module, "_RELIST_SHARE",
                        float("inf") if request.param == "by-difference" else -1.0)
    return calls


def _ingest_two(store: OxigraphStore) -> None:
    for path in GOLD[:2]:
        assert ingest(store, load_article(path)).added


def test_index_after_ingests_is_refreshed_and_equals_a_full_rebuild(relist: list[int]) -> None:
    store = _built()
    cat = Catalog(store)
    before = cat._index()
    old = _content(cat)
    _ingest_two(store)
    ingest(store, Article("people", "Ola Nordmann, who was appointed Norway's ambassador to "
                          "Finland last year, threatened Russia with retaliation.",
                          {"published": "2024-03-23"}))
    # A source graph may also rename an entity that old facts show: they show the new name.
    assert store.add_graph(ids.source_graph("relabel"), [
        (ids.state("USA"), RDFS.label, Literal("AAA United States"))])
    after = cat._index()
    assert after is not before
    assert _content(cat) == _content(_Over(store))
    assert cat.entity("person/ola-nordmann").facts_total == 1
    assert any(r.label == "AAA United States" for f in cat.facts() for rs in f.roles.values()
               for r in rs)
    assert {s.fact_count for s in cat.sources() if s.graph and "source/" in s.graph} != {0}
    # Refreshed, not rebuilt: summaries of facts no article touched are the same objects.
    kept = [f for f in before.facts if f.iri in after.fact_at]
    assert kept and sum(after.facts[after.fact_at[f.iri]] is f for f in kept) > len(kept) // 2
    # A reader holding the old index still sees the old content, unchanged.
    assert _content(_Over(store, before)) == old
    # in-full never relists by difference; by-difference did for each refresh
    assert (len(relist) > 0) == (index_module._RELIST_SHARE > 0)


def test_index_after_reviews_is_refreshed_and_equals_a_full_rebuild(relist: list[int]) -> None:
    # `armsgraph review …` saves the derived data like ingest: the index is refreshed with
    # the review graph (seconds with the register), not rebuilt (minutes).
    import datetime as dt  # noqa: PLC0415

    from armsgraph.reason import review  # noqa: PLC0415
    from tests.graph.reason.test_review import _facts, _store  # noqa: PLC0415

    store, result = _store()
    cat = Catalog(store)
    before = cat._index()
    at = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC)
    consent, *_ = _facts(result, "ReExportConsent")
    transfer, *_ = _facts(result, "Transfer")
    review.accept(store, transfer.id, reviewer="Ann", at=at)
    corrected = review.correct(store, consent.id, review.Correction(status="refused"),
                               reviewer="Ann", reason="misread", at=at)
    assert corrected.generated
    after = cat._index()
    assert after is not before
    assert _content(cat) == _content(_Over(store))
    assert any(f.review for f in cat.facts())  # the marks show
    kept = [f for f in before.facts if f.iri in after.fact_at]
    assert kept and sum(after.facts[after.fact_at[f.iri]] is f for f in kept) > len(kept) // 2
    withdrawn = review.withdraw(store, corrected.id, reviewer="Ann", at=at)
    assert withdrawn.id and _content(cat) == _content(_Over(store))
    assert (len(relist) > 0) == (index_module._RELIST_SHARE > 0)


def test_index_after_put_graph_is_rebuilt_from_the_store() -> None:
    store = _built()
    cat = Catalog(store)
    before = cat._index()
    _ingest_two(store)
    store.put_graph(ids.reference_graph("test"), [
        (ids.state("NOR"), RDFS.label, Literal("Kingdom of Norway", lang="de"))])
    after = cat._index()
    assert _content(cat) == _content(_Over(store))
    assert not any(after.facts[after.fact_at[f.iri]] is f for f in before.facts)


def test_readers_during_ingests_see_the_old_or_the_new_index_whole() -> None:
    store = _built()
    cat = Catalog(store)
    states = [(len(cat.facts()), len(cat.sources()))]
    stop = threading.Event()
    seen: set[tuple[int, int]] = set()
    torn: list[str] = []

    def read() -> None:
        while not stop.is_set():
            time.sleep(0.01)  # spinning readers would starve the ingesting thread of the GIL
            index = cat._index()
            seen.add((len(index.facts), len(index.sources)))
            if len(index.fact_at) != len(index.facts):
                torn.append(f"{len(index.fact_at)} positions for {len(index.facts)} facts")

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    for path in GOLD[:3]:
        ingest(store, load_article(path))
        full = _Over(store)
        states.append((len(full.facts()), len(full.sources())))
    stop.set()
    for t in readers:
        t.join()
    assert torn == []
    assert seen <= set(states), seen - set(states)
    assert _content(cat) == _content(_Over(store))


def _queries_to_refresh(graphs: int) -> int:
    """How many store queries one index refresh over ``graphs`` new articles asks."""
    store = _built()
    cat = Catalog(store)
    sources_before = len(cat.sources())
    for path in GOLD[:graphs]:
        assert ingest(store, load_article(path)).added
    calls = []
    real_select, real_ask = store.select, store.ask

    def select(query: str, bindings: Any = None) -> Any:
        calls.append(query)
        return real_select(query, bindings)

    def ask(query: str, bindings: Any = None) -> bool:
        calls.append(query)
        return real_ask(query, bindings)

    store.select, store.ask = select, ask  # type: ignore[method-assign]
    cat._index()
    assert len(cat.sources()) == sources_before + graphs
    return len(calls)


def test_a_refresh_reads_all_new_graphs_in_one_batch_of_queries() -> None:
    """Readers waited behind refreshes that asked 6 queries per new graph (issue 18): now
    the graphs go in one VALUES block, and only each new source's record is read alone."""
    # 5 batched queries (structure, subjects, names, types, statements), then the record
    # of each new source (2 queries each). Per graph, that was 5 + 2.
    assert _queries_to_refresh(1) == 5 + 2
    assert _queries_to_refresh(3) == 5 + 3 * 2


# -- events: the statements of one event, listed once -------------------------------------



def test_the_read_index_is_saved_beside_the_store_and_loaded_cold(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cold process loads the index from ``<store>.snapshot/index-…`` instead of reading
    the store again; what it answers is the same."""
    from armsgraph.store.snapshot import forget, saved_folder

    store = OxigraphStore(tmp_path / "store")
    build(store, ONTOLOGY_DIR, DATA_DIR, articles=False)
    built = catalog(store).entities("patriot")
    folder = saved_folder(store)
    assert folder is not None and len(list(folder.glob("index-*"))) == 1
    forget(store)

    def no_build(_: object) -> None:
        raise AssertionError("the index was built again, not loaded")

    monkeypatch.setattr(catalog_module, "INDEX",
                        dataclasses.replace(index_module.INDEX, build=no_build))
    assert built and catalog(store).entities("patriot") == built
    store.close()


def test_equal_values_of_the_facts_are_one_object() -> None:
    # Pickle writes a shared object once: the saved index of the register loads faster.
    index = index_module._build_index(_built())
    refs: dict[object, set[int]] = {}
    for f in index.facts:
        for group in f.roles.values():
            for ref in group:
                refs.setdefault(ref, set()).add(id(ref))
    assert len(refs) < sum(len(g) for f in index.facts for g in f.roles.values())
    assert all(len(ids_) == 1 for ids_ in refs.values())
    dates = [f.date for f in index.facts if f.date == index.facts[0].date]
    assert len(dates) > 1 and len({id(d) for d in dates}) == 1
    assert [f.iri for f in index.facts] == sorted(index.fact_at, key=index.fact_at.get)
