"""``/sources``: the documents facts are derived from."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from armsgraph.views.records import page

from ..deps import CatalogDep, EventsQuery, PagingDep
from ..errors import responses
from ..models import SourceDetailPublic, SourcePage

router = APIRouter(prefix="/sources", tags=["sources"])


@router.get("", responses=responses(422))
def list_sources(catalog: CatalogDep, paging: PagingDep) -> SourcePage:
    """Every source, newest first."""
    return SourcePage.model_validate(page(catalog.sources(), paging.limit, paging.offset))


@router.get("/{key:path}", responses=responses(404, 422))
def get_source(
    catalog: CatalogDep,
    key: Annotated[str, Path(max_length=300, description="The key, `source/<key>` (the id "
                             "/facts gives) or the source's IRI.",
                             examples=["nationthailand-40058546"])],
    events: EventsQuery = True,
) -> SourceDetailPublic:
    """One source with the size of its named graph and its facts, one per event."""
    return SourceDetailPublic.from_graph(catalog.source(key, events=events))
