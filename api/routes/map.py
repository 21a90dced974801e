"""The transfer-chain map: the page (``/`` and ``/map``), its static files, ``/map/meta``,
and (from :mod:`api.routes.images`) the same chains as SVG or PNG images.

The page (``api/static/index.html`` with ``map.js`` and the vendored Cytoscape.js) draws
what ``GET /destinations`` answers. ``GET /map/meta`` tells it what it can ask for: the
weapons systems that statements carry, the states they start from, and the years the
graph's statements and policies cover (the range of the date slider).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from graph.namespace import ARMS
from graph.reason.project import PROJECTION, item_family, label_of, project
from graph.store import Store
from graph.store.snapshot import Part, code_key, snapshot
from graph.when import When, today

from ..deps import StoreDep
from . import images

__all__ = ["router", "STATIC_DIR", "MapMeta", "MAP_META", "meta"]

#: The page and its assets (``vendor/`` holds the npm libraries, see scripts/vendor-js.sh).
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(tags=["map"])
router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
router.include_router(images.router)

#: Edges whose first end holds the item: where a chain can start.
_HOLDING = {"transfer", "consent", "request", "backfill"}


class MapRef(BaseModel):
    """A state or system as the map's pickers list it (full IRI and label)."""

    id: str
    label: str


class MapItem(MapRef):
    """A weapons system with the states its chains can start from."""

    origins: list[str] = Field(description="IRIs of states it can be traced from.")
    maker: str | None = Field(None, description="IRI of the state it is made in (its "
                              "designer's or producer's), when its chains can start there.")


class MapDefault(BaseModel):
    """What the page shows first: the item and origin that the most sentences of the
    articles speak about (a register such as SIPRI's, without sentences, does not count),
    today."""

    item: str
    origin: str
    as_of: str


class MapMeta(BaseModel):
    """What the map can ask ``/destinations`` for."""

    items: list[MapItem]
    origins: list[MapRef]
    first_year: int = Field(description="First year of the date slider.")
    last_year: int = Field(description="Last year of the date slider.")
    default: MapDefault | None
    regions: dict[str, str] = Field(default_factory=dict, description="IRI of each state "
                                    "-> its region (`arms:region`: Africa, Americas, Asia, "
                                    "Europe, Oceania …), by which the page groups a large "
                                    "answer.")


#: Each state's region (``?p`` is bound to ``arms:region``).
_Q_REGIONS = "SELECT ?s ?p ?region WHERE { ?s ?p ?region . FILTER(isIRI(?s)) }"


@router.get("/", include_in_schema=False)
def landing() -> FileResponse:
    """The map is the landing page."""
    return FileResponse(STATIC_DIR / "index.html")


@router.get("/map", response_class=FileResponse, responses={
    200: {"content": {"text/html": {}}, "description": "The map page."}})
def map_page() -> FileResponse:
    """The transfer-chain map: chains drawn left to right, evidence, a table view."""
    return FileResponse(STATIC_DIR / "index.html")


@router.get("/map/meta")
def map_meta(store: StoreDep) -> MapMeta:
    """Items, origins and the years covered, for the map's pickers and date slider, and
    the region of each state."""
    return meta(store, today())


def meta(store: Store, day: dt.date) -> MapMeta:
    """What ``/map/meta`` answers on ``day``, from the snapshot's :data:`MAP_META`."""
    core, years = snapshot(store).get(MAP_META)
    first, last = min([*years, day.year]), max([*years, day.year])
    default = core.default and core.default.model_copy(
        update={"as_of": min(day, dt.date(last, 12, 31)).isoformat()})
    return core.model_copy(update={"first_year": first, "last_year": last,
                                   "default": default})


def _build_meta(store: Store) -> tuple[MapMeta, tuple[int, ...]]:
    """The pickers' content, whatever the day: the meta (its years and the default's date
    are the day's, set by :func:`meta`) and the years of the dated statements and policy
    versions."""
    G = project(store)
    made = _meta(G, dt.date.min)
    rows = store.select(_Q_REGIONS, bindings={"p": ARMS.region})
    made.regions = {str(r["s"]): str(r["region"]) for r in sorted(
        rows, key=lambda r: str(r["s"]))}
    return made, tuple(sorted(_data_years(G)))


def _save_meta(value: tuple[MapMeta, tuple[int, ...]], folder: Path) -> None:
    made, years = value
    (folder / "meta.json").write_text(made.model_dump_json())
    (folder / "years.json").write_text(json.dumps(list(years)))


def _load_meta(folder: Path) -> tuple[MapMeta, tuple[int, ...]]:
    made = MapMeta.model_validate_json((folder / "meta.json").read_bytes())
    years = json.loads((folder / "years.json").read_text())
    if not isinstance(years, list) or not all(isinstance(y, int) for y in years):
        raise TypeError(f"{folder} holds no map meta")
    return made, tuple(years)


#: What ``/map/meta`` lists, as a part of the store's snapshot made from its projection,
#: saved beside an on-disk store: with the SIPRI register it walks the statements of
#: 4,000 systems (about 3 s), its saved form loads in a few hundredths of a second, so a
#: cold server paints its first map without loading the projection first.
MAP_META: Part[tuple[MapMeta, tuple[int, ...]]] = Part(
    "map-meta", build=_build_meta, save=_save_meta, load=_load_meta,
    code=PROJECTION.code + code_key(__file__), steady=False,
)


def _meta(G: nx.MultiDiGraph, today: dt.date) -> MapMeta:
    systems: dict[str, dict[str, Any]] = G.graph.get("systems", {})
    index: dict[str, list[tuple[str, str, str]]] = G.graph.get("item_index", {})
    items: list[MapItem] = []
    weight: Counter[tuple[str, str]] = Counter()
    for iri, info in systems.items():
        if info.get("kind") != "system":
            continue
        family = item_family(G, iri)
        starts: Counter[str] = Counter()
        told: Counter[str] = Counter()
        for member in family:
            for u, v, key in index.get(member, ()):
                kind = G.edges[u, v, key].get("kind")
                if G.nodes[u].get("type") == "state" and kind in _HOLDING:
                    starts[u] += 1
                    if G.edges[u, v, key].get("sentence"):
                        told[u] += 1
            produced = systems.get(member, {}).get("produced_in")
            if produced and produced in G:
                starts[produced] += 1
        if not starts:
            continue
        items.append(MapItem(id=iri, label=str(info["label"]),
                             origins=sorted(starts, key=lambda s: label_of(G, s)),
                             maker=_maker(G, iri, starts)))
        if not info.get("part_of"):
            for s, n in told.items():
                weight[(iri, s)] += n
    items.sort(key=lambda i: (i.label.lower(), i.id))
    origin_ids = sorted({o for i in items for o in i.origins}, key=lambda s: label_of(G, s))
    years = _data_years(G)
    first, last = min(years | {today.year}), max(years | {today.year})
    default = None
    if weight:
        (item, origin), _ = min(weight.items(), key=lambda kv: (-kv[1], kv[0]))
        as_of = min(today, dt.date(last, 12, 31))
        default = MapDefault(item=label_of(G, item), origin=label_of(G, origin),
                             as_of=as_of.isoformat())
    return MapMeta(
        items=items,
        origins=[MapRef(id=o, label=label_of(G, o)) for o in origin_ids],
        first_year=first, last_year=last, default=default,
    )


def _maker(G: nx.MultiDiGraph, iri: str, starts: Counter[str]) -> str | None:
    """The state an item is made in, among the states its chains start from: its own
    origin state (``arms:originState``), else its wider system's, else the state of the
    most statements. Searching "Leopard 2" then starts in Germany, not alphabetically."""
    systems: dict[str, dict[str, Any]] = G.graph.get("systems", {})
    todo, seen = [iri], set()
    while todo:
        node = todo.pop(0)
        if node in seen:
            continue
        seen.add(node)
        info = systems.get(node, {})
        made: list[str] = sorted(str(s) for s in info.get("origin_states", ()) if s in starts)
        if made:
            return max(made, key=lambda s: starts[s])
        todo.extend(sorted(info.get("part_of", ())))
    return max(sorted(starts), key=lambda s: starts[s]) if starts else None


def _data_years(G: nx.MultiDiGraph) -> set[int]:
    """The years of the dated statements and policy versions."""
    dates = [data.get("date") for _u, _v, data in G.edges(data=True)]
    dates += [version.valid_from for version in G.graph.get("policies", ())]
    return {d.value.year for d in dates if isinstance(d, When)}
