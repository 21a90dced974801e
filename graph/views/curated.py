"""The curated graph (and the raw one) as a store that SPARQL can query.

Analysts' reviews never edit the extracted graph (:mod:`armsgraph.reason.review`): a rejected
statement stays stored, and a correction is a new statement beside the original. The
answers, lists and exports leave out what :meth:`armsgraph.reason.review.Overlay.hides`; SPARQL must
too, or a user's query sees the facts an analyst rejected. A query is arbitrary text, so
it cannot be rewritten to skip them: :func:`view` gives the store a query runs on instead.

- Without reviews that hide anything, the view *is* the store (no copy, no cost).
- Otherwise it is a copy without the hidden statements (:meth:`OxigraphStore.copy`), made
  once per store generation and held by its :class:`~armsgraph.store.snapshot.Snapshot`. An
  on-disk store's copy is written beside it, in ``<store>.snapshot/``, named by the
  store's content stamp (:attr:`OxigraphStore.version`), under a temporary name renamed
  into place; a cold process with the same content opens it read-only instead of copying
  again. When a new copy is made, the copies before the previous one are removed.
- The raw view (``reviewed=False``) leaves out what reviews wrote (corrected copies, facts
  added by hand), as the raw exports do; the review graphs themselves stay in both.

A remote store cannot be copied here: with reviews that hide statements, its curated view
is refused with a :class:`~armsgraph.errors.QueryError` that says to ask for the raw one.

Examples
--------
>>> from armsgraph.store import OxigraphStore
>>> store = OxigraphStore()
>>> view(store) is store
True
"""

from __future__ import annotations

import shutil
import uuid

from ..errors import QueryError
from ..reason.review import overlay
from ..store import OxigraphStore, Store
from ..store.snapshot import Part, saved_folder, snapshot

__all__ = ["view", "CURATED", "RAW"]


def _build(store: Store, *, reviewed: bool) -> Store:
    hidden = overlay(store).hides(reviewed=reviewed)
    if not hidden:
        return store
    if not isinstance(store, OxigraphStore):
        raise QueryError(
            f"reviews hide {len(hidden)} statements, and the curated graph of a remote store "
            "cannot be queried here: ask for the raw graph (reviewed=false, --raw)"
        )
    folder, version = saved_folder(store), store.version
    if folder is None or version is None:
        return store.copy(without_subjects=hidden)
    name = "curated-view" if reviewed else "raw-view"
    entry = folder / f"{name}-{version}"
    if not entry.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}-{uuid.uuid4().hex}"
        store.copy(tmp, without_subjects=hidden).close()
        try:
            tmp.rename(entry)
        except OSError:  # another process made it meanwhile: same content, keep theirs
            shutil.rmtree(tmp, ignore_errors=True)
        # Older copies go, but the one before: a reader may still hold it open.
        older = sorted((p for p in folder.glob(f"{name}-*") if p != entry),
                       key=lambda p: p.stat().st_mtime)
        for old in older[:-1]:
            shutil.rmtree(old, ignore_errors=True)
    return OxigraphStore(entry, read_only=True)


#: The store SPARQL over the curated graph runs on, at one store generation.
CURATED: Part[Store] = Part("curated-view", build=lambda s: _build(s, reviewed=True))
#: The store SPARQL over the raw graph (as extracted, without what reviews wrote) runs on.
RAW: Part[Store] = Part("raw-view", build=lambda s: _build(s, reviewed=False))


def view(store: Store, *, reviewed: bool = True) -> Store:
    """The store a SPARQL query on the curated (``reviewed``) or the raw graph runs on."""
    return snapshot(store).get(CURATED if reviewed else RAW)
