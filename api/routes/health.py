"""``/health``: is the service up, and how big is the graph it serves."""

from __future__ import annotations

from fastapi import APIRouter

from graph.views.catalog import catalog

from ..deps import AnyStoreDep
from ..models import Health

router = APIRouter(tags=["service"])


@router.get("/health")
def health(store: AnyStoreDep) -> Health:
    """Status, quads and named graphs in the store, and its generation (``empty`` when
    the graph was never built: every read then answers 409)."""
    # A worker thread, not the event loop: the counts are a snapshot part, counted once per
    # snapshot (every quad of a large store) and waiting for a write that runs.
    triples, graphs = catalog(store).stats()
    return Health(status="ok" if triples else "empty", triples=triples, graphs=graphs,
                  generation=store.generation)
