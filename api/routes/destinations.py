"""``/destinations`` and ``/paths``: where could an item made in one state end up?

Answers come from :func:`armsgraph.reason.paths.destinations` and
:func:`armsgraph.reason.paths.paths`; each is encoded once per question and store generation
(on a worker thread), and served from that cache afterwards without leaving the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from armsgraph.reason.paths import destinations, paths

from ..deps import AnswersDep, ReachDep, StoreDep
from ..errors import responses
from ..formats import EncodedCache, cached
from ..models import DestinationsPublic, PathsPublic

router = APIRouter(tags=["paths"])


@router.get(
    "/destinations", response_model=DestinationsPublic, responses=responses(404, 422)
)
async def get_destinations(store: StoreDep, answers: AnswersDep, reach: ReachDep) -> Response:
    """Every state the item could reach from the origin, with a verdict per state:
    open, conditional (whose consent is needed) or blocked (by which rule or fact)."""
    return await _answer(
        answers, ("destinations", *reach.key()),
        lambda: DestinationsPublic.model_validate(
            destinations(reach.graph_of(store), **reach.kwargs())),
    )


@router.get("/paths", response_model=PathsPublic, responses=responses(404, 422))
async def get_paths(
    store: StoreDep,
    answers: AnswersDep,
    reach: ReachDep,
    to: Annotated[
        str, Query(min_length=1, max_length=200, examples=["UKR"],
                   description="The destination state: id, ISO code or name."),
    ],
) -> Response:
    """The chains from the origin to one state (no destination when it is unreachable)."""
    return await _answer(
        answers, ("paths", to, *reach.key()),
        lambda: PathsPublic.model_validate(
            paths(reach.graph_of(store), to=to, **reach.kwargs())),
    )


async def _answer(
    answers: EncodedCache, key: tuple[object, ...], compute: Callable[[], BaseModel]
) -> Response:
    """The encoded answer from the cache; computed on a worker thread when missing."""
    encoded = await cached(
        answers, key,
        lambda: compute().model_dump_json(by_alias=True, exclude_unset=True).encode(),
    )
    return Response(encoded.data, media_type="application/json")
