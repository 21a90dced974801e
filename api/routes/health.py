"""``/health``: is the service up, and how big is the graph it serves."""

from __future__ import annotations

from fastapi import APIRouter

from ..deps import CatalogDep, StoreDep
from ..models import Health

router = APIRouter(tags=["service"])


@router.get("/health")
async def health(store: StoreDep, catalog: CatalogDep) -> Health:
    """Status, quads and named graphs in the store, and its generation."""
    triples, graphs = catalog.stats()
    return Health(status="ok", triples=triples, graphs=graphs, generation=store.generation)
