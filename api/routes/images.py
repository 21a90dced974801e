"""``/destinations.svg`` and ``/destinations.png``: the chains as an image, for reports.

Same question as ``/destinations`` (the same parameters), drawn by :mod:`armsgraph.render.draw` with
Graphviz under the map's styling rules. Each image is made once per question and store
generation, then served from the cache with an ``ETag``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from armsgraph.reason.paths import destinations
from armsgraph.render.draw import draw

from ..deps import ExportsDep, ReachDep, StoreDep
from ..errors import responses

__all__ = ["router", "MEDIA"]

#: Image formats and their media types.
MEDIA = {"svg": "image/svg+xml", "png": "image/png"}

router = APIRouter(tags=["paths"])


def _image(fmt: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"content": {MEDIA[fmt]: {}}, "description": f"The chains as {fmt.upper()}."},
            **responses(404, 422)}


def _drawn(fmt: str, store: StoreDep, exports: ExportsDep, reach: ReachDep) -> Response:
    encoded = exports.get(
        (f"destinations.{fmt}", *reach.key()),
        lambda: draw(destinations(reach.graph_of(store), **reach.kwargs()), fmt),
    )
    return Response(encoded.data, media_type=MEDIA[fmt], headers={"ETag": encoded.etag})


@router.get("/destinations.svg", response_class=Response, responses=_image("svg"))
def destinations_svg(store: StoreDep, exports: ExportsDep, reach: ReachDep) -> Response:
    """The answer of `/destinations` drawn as SVG: states left to right, hops styled by
    verdict (colour, symbol, arrow) and movement (solid, dashed, dotted)."""
    return _drawn("svg", store, exports, reach)


@router.get("/destinations.png", response_class=Response, responses=_image("png"))
def destinations_png(store: StoreDep, exports: ExportsDep, reach: ReachDep) -> Response:
    """The answer of `/destinations` drawn as PNG (same drawing as the SVG)."""
    return _drawn("png", store, exports, reach)
