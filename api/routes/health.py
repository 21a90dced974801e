"""``/health``: is the service up, and how big is the graph it serves."""

from __future__ import annotations

from fastapi import APIRouter

from armsgraph.store import OxigraphStore
from armsgraph.views.catalog import catalog

from ..deps import AnyStoreDep
from ..models import Health

router = APIRouter(tags=["service"])


@router.get("/health")
def health(store: AnyStoreDep) -> Health:
    """Status, quads and named graphs in the store, and its generation (``empty`` when
    the graph was never built: every read then answers 409)."""
    # A worker thread, not the event loop: the counts are a snapshot part, counted once per
    # snapshot (every quad of a large store) and waiting for a write that runs.
    failure = None
    if isinstance(store, OxigraphStore) and not store.resume_writes(blocking=False):
        failure = store.write_failure
    triples, graphs = catalog(store).stats()
    status = "read-only" if failure else "ok" if triples else "empty"
    return Health(status=status, triples=triples, graphs=graphs,
                  generation=store.generation, detail=failure)
