"""``/facts``: statements with their evidence, filtered by type, status, party, date …"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from armsgraph.views.records import FactFilter, page
from armsgraph.views.vocab import FactType, StatusName

from ..deps import CatalogDep, Day, EventsQuery, PagingDep
from ..errors import responses
from ..models import FactDetailPublic, FactPage

router = APIRouter(prefix="/facts", tags=["facts"])

_Id = Query(max_length=300, description="An entity id (IRI path after `/id/`) or IRI.")


@router.get("", responses=responses(404, 409, 422))
def list_facts(
    catalog: CatalogDep,
    paging: PagingDep,
    type: Annotated[FactType | None, Query(description="Statement type.")] = None,
    status: Annotated[StatusName | None, Query(description="Modality or consent status.")] = None,
    source: Annotated[str | None, Query(max_length=300, description="A source key.")] = None,
    party: Annotated[str | None, _Id] = None,
    item: Annotated[str | None, _Id] = None,
    date_from: Annotated[Day | None, Query(description="Dated on or after (overlap).")] = None,
    date_to: Annotated[Day | None, Query(description="Dated on or before (overlap).")] = None,
    reviewed: Annotated[bool, Query(description="Apply analyst reviews (default); false "
                                    "lists the facts as extracted.")] = True,
    events: EventsQuery = True,
) -> FactPage:
    """Facts passing every filter, newest first; `item` includes variants and lots."""
    where = FactFilter(type, status, source, party, item, date_from, date_to, reviewed,
                       events)
    return FactPage.model_validate(page(catalog.facts(where), paging.limit, paging.offset))


@router.get("/{id:path}", responses=responses(404, 422))
def get_fact(
    catalog: CatalogDep,
    id: Annotated[
        str,
        Path(description="`fact/<key>` or the key alone.",
             examples=["fact/japan-us-pac-3-delivered"]),
    ],
) -> FactDetailPublic:
    """One fact with its evidence: sentence, source and span."""
    return FactDetailPublic.from_graph(catalog.fact(id))
