"""``/entities``: states, companies, people, systems … searched by name and type."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from armsgraph.views.records import page
from armsgraph.views.vocab import EntityType

from ..deps import CatalogDep, EventsQuery, PagingDep
from ..errors import responses
from ..models import EntityDetailPublic, EntityPage

router = APIRouter(prefix="/entities", tags=["entities"])


@router.get("", responses=responses(422))
def list_entities(
    catalog: CatalogDep,
    paging: PagingDep,
    q: Annotated[
        str | None,
        Query(max_length=200, description="Part of a label or alias, any case.",
              examples=["patriot"]),
    ] = None,
    type: Annotated[
        EntityType | None, Query(description="Only entities of this type (or a subtype).")
    ] = None,
) -> EntityPage:
    """Entities whose label or alias contains `q`: exact matches first, then prefixes."""
    found = page(catalog.entities(q, type), paging.limit, paging.offset)
    return EntityPage.model_validate(found)


@router.get("/{id:path}", responses=responses(404, 422))
def get_entity(
    catalog: CatalogDep,
    id: Annotated[
        str,
        Path(description="The IRI path after `/id/`.", examples=["state/JPN"]),
    ],
    events: EventsQuery = True,
) -> EntityDetailPublic:
    """One entity with its values, links and the facts it takes part in, one per event."""
    return EntityDetailPublic.from_graph(catalog.entity(id, events=events))
