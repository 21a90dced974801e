"""SPARQL over the curated and the raw graph (graph/views/curated.py).

The article is the review fixture (our own words, see tests/graph/reason/test_review.py): a
delivery Germany → Poland, a planned transfer Poland → Ukraine and a granted consent.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from armsgraph.errors import QueryError, StoreError
from armsgraph.load.ingest import ingest, load_article
from armsgraph.reason import review
from armsgraph.store import OxigraphStore, Store, snapshot
from armsgraph.store.remote import SparqlStore
from armsgraph.store.sparql import answer
from armsgraph.views import curated

ARTICLE = Path(__file__).parents[2] / "fixtures" / "review" / "polish-leopards.txt"
AT = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
# Every subject that has a type: statements, sources, entities and reviews.
TYPED = "SELECT DISTINCT ?s WHERE { ?s a ?type }"


def _subjects(store: Store) -> set[str]:
    rows = json.loads(answer(store, TYPED, "json", cap=100_000))["results"]["bindings"]
    return {r["s"]["value"] for r in rows}


def _ingested(store: Store) -> tuple[str, str]:
    """The article ingested; the IRIs of its planned transfer and of its granted consent."""
    facts = ingest(store, load_article(ARTICLE)).extraction.facts
    (planned,) = [f for f in facts if f.type == "Transfer" and f.status == "planned"]
    consent = next(f for f in facts if f.type == "ReExportConsent" and f.status == "granted")
    return str(review.statement_iri(planned.id)), str(review.statement_iri(consent.id))


def test_without_reviews_the_view_is_the_store_itself() -> None:
    st = OxigraphStore()
    _ingested(st)
    review.accept(st, _ingested(st)[0], reviewer="Ann", at=AT)  # hides nothing
    assert curated.view(st) is st
    assert curated.view(st, reviewed=False) is st


def test_a_rejected_statement_leaves_the_curated_graph_only() -> None:
    st = OxigraphStore()
    planned, _ = _ingested(st)
    assert planned in _subjects(st)
    review.reject(st, planned, reviewer="Ann", reason="a plan, not a decision", at=AT)
    assert planned not in _subjects(curated.view(st))
    assert planned in _subjects(curated.view(st, reviewed=False))
    # The review itself is part of both views, and the store is unchanged.
    (rev,) = review.reviews(st)
    assert rev.id in _subjects(curated.view(st))
    assert planned in _subjects(st)


def test_a_correction_is_seen_in_its_corrected_form() -> None:
    st = OxigraphStore()
    _, consent = _ingested(st)
    rev = review.correct(st, consent, review.Correction(status="refused"), reviewer="Ann",
                         reason="misread", at=AT)
    assert rev.generated is not None
    seen = _subjects(curated.view(st))
    assert rev.generated in seen and consent not in seen
    raw = _subjects(curated.view(st, reviewed=False))
    assert consent in raw and rev.generated not in raw


def test_a_withdrawn_rejection_brings_the_statement_back() -> None:
    st = OxigraphStore()
    planned, _ = _ingested(st)
    rev = review.reject(st, planned, reviewer="Ann", reason="doubt", at=AT)
    assert planned not in _subjects(curated.view(st))
    review.withdraw(st, rev.id, reviewer="Ann", at=AT)
    assert curated.view(st) is st


def test_an_on_disk_store_keeps_one_copy_per_content_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "store"
    st = OxigraphStore(path)
    planned, consent = _ingested(st)
    review.reject(st, planned, reviewer="Ann", reason="doubt", at=AT)
    first = curated.view(st)
    assert isinstance(first, OxigraphStore) and first.read_only
    assert first.path == tmp_path / "store.snapshot" / f"curated-view-{st.version}"
    assert planned not in _subjects(first)
    made = first.path.stat().st_mtime_ns
    # A cold process with the same content opens the copy instead of making it again.
    st.close()
    snapshot.forget()
    st = OxigraphStore(path)
    again = curated.view(st)
    assert isinstance(again, OxigraphStore)
    assert again.path == first.path and again.path.stat().st_mtime_ns == made
    # Each new content gets a copy; the one before stays (a reader may hold it), older go.
    review.reject(st, consent, reviewer="Ann", reason="doubt", at=AT)
    second = curated.view(st)
    assert isinstance(second, OxigraphStore) and second.path != first.path
    assert consent not in _subjects(second)
    review.accept(st, consent, reviewer="Bo", at=AT)
    third = curated.view(st)
    assert isinstance(third, OxigraphStore)
    kept = sorted(p.name for p in (tmp_path / "store.snapshot").glob("curated-view-*"))
    assert kept == sorted([second.path.name, third.path.name])  # type: ignore[union-attr]
    st.close()


def test_the_copy_leaves_out_only_the_named_subjects() -> None:
    st = OxigraphStore()
    planned, consent = _ingested(st)
    copy = st.copy(without_subjects=frozenset({planned}))
    about = [t for t in st.triples() if str(t[0]) == planned]
    assert about and len(copy) == len(st) - len(about)
    assert _subjects(copy) == _subjects(st) - {planned}


def test_the_copy_refuses_a_folder_that_holds_something(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "file").write_text("mine")
    with pytest.raises(StoreError, match="not empty"):
        OxigraphStore().copy(tmp_path / "x")
    assert (tmp_path / "x" / "file").read_text() == "mine"


def test_the_curated_view_of_a_remote_store_with_hidden_statements_is_refused(
        remote_store: SparqlStore) -> None:
    planned, _ = _ingested(remote_store)  # type: ignore[arg-type]
    assert curated.view(remote_store) is remote_store
    review.reject(remote_store, planned, reviewer="Ann", reason="doubt", at=AT)
    with pytest.raises(QueryError, match="reviewed=false"):
        curated.view(remote_store)
    # A rejection writes no statement: the raw view is the remote store as it is.
    assert curated.view(remote_store, reviewed=False) is remote_store


def test_a_read_only_open_is_copied_too(tmp_path: Path) -> None:
    st = OxigraphStore(tmp_path / "store")
    planned, _ = _ingested(st)
    st.close()
    ro = OxigraphStore(tmp_path / "store", read_only=True)
    copy = ro.copy(tmp_path / "copy", without_subjects=frozenset({planned}))
    assert _subjects(copy) == _subjects(ro) - {planned}
    assert planned in _subjects(OxigraphStore(tmp_path / "store", read_only=True))
