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
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Query
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from graph.errors import UnknownEntity
from graph.namespace import ARMS
from graph.reason.project import PROJECTION, item_family, label_of, project
from graph.store import Store
from graph.store.snapshot import Part, code_key, snapshot
from graph.when import When, today

from ..deps import StoreDep
from ..errors import responses
from . import images

__all__ = ["router", "STATIC_DIR", "MapMeta", "MapStart", "MapItems", "MAP_META", "meta",
           "start", "find_items", "origins_of"]

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


class MapStart(BaseModel):
    """What the page needs for its first paint, without the pickers' lists: the years of
    the slider, the default question, each state's region, and the chosen item (the
    default's, or the one asked for) with the states its chains can start from. The
    pickers ask ``/map/items`` and ``/map/origins`` as the user types."""

    first_year: int
    last_year: int
    default: MapDefault | None
    regions: dict[str, str]
    item: MapItem | None = Field(description="The item asked for (`item`), else the "
                                 "default's, else the first A-Z; none when the map lists "
                                 "no item.")
    origins: list[MapRef] = Field(description="The states `item`'s chains can start from.")


class MapItems(BaseModel):
    """One screenful of the item picker: the best matches and how many match in all."""

    total: int
    items: list[MapItem]


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


@router.get("/map/start", responses=responses(404, 409, 422))
def map_start(
    store: StoreDep,
    item: Annotated[str | None, Query(max_length=300, description="An item's label or "
                                      "IRI (the page's `?item=`); else the default's.")] = None,
) -> MapStart:
    """The first paint's few kilobytes: years, default question, regions, and one item
    with its origins (``/map/meta`` lists every item and origin: 880 kB with SIPRI)."""
    return start(store, today(), item)


@router.get("/map/items", responses=responses(409, 422))
def map_items(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="Part of a label, any case.")] = "",
    limit: Annotated[int, Query(ge=1, le=200)] = 40,
) -> MapItems:
    """Items whose label matches `q` for the type-ahead picker: the exact label first,
    then labels that start with it, then a word inside that starts with it, then labels
    that contain it; A-Z within each."""
    return find_items(store, q, limit)


@router.get("/map/origins", responses=responses(404, 409, 422))
def map_origins(
    store: StoreDep,
    item: Annotated[str | None, Query(max_length=300, description="An item's label or "
                                      "IRI; without it every origin.")] = None,
) -> list[MapRef]:
    """The states an item's chains can start from (every origin without `item`), A-Z."""
    return origins_of(store, item)


def start(store: Store, day: dt.date, item: str | None = None) -> MapStart:
    """What ``/map/start`` answers on ``day``."""
    full = meta(store, day)
    wanted = item or (full.default.item if full.default else None)
    chosen = _item(full, wanted) if wanted else (full.items[0] if full.items else None)
    return MapStart(first_year=full.first_year, last_year=full.last_year,
                    default=full.default, regions=full.regions, item=chosen,
                    origins=_origins(full, chosen))


def find_items(store: Store, q: str, limit: int) -> MapItems:
    """What ``/map/items`` answers (ranked as the picker ranks: :func:`_rank`)."""
    items = snapshot(store).get(MAP_META)[0].items
    needle = q.strip().casefold()
    ranked = sorted(
        ((r, i.label.casefold(), i.id, i) for i in items
         if (r := _rank(i.label.casefold(), needle)) is not None),
        key=lambda t: t[:3])
    return MapItems(total=len(ranked), items=[t[3] for t in ranked[:limit]])


def origins_of(store: Store, item: str | None) -> list[MapRef]:
    """What ``/map/origins`` answers."""
    full = snapshot(store).get(MAP_META)[0]
    if item is None:
        return full.origins
    return _origins(full, _item(full, item))


def _rank(label: str, needle: str) -> int | None:
    """0 exact, 1 prefix, 2 a word starting with it, 3 inside, None no match.

    >>> [_rank("leopard 2a6", n) for n in ("leopard 2a6", "leo", "2a", "pard", "t-72", "")]
    [0, 1, 2, 3, None, 1]
    """
    if label == needle:
        return 0
    if label.startswith(needle):
        return 1
    if f" {needle}" in label or f"-{needle}" in label:
        return 2
    return 3 if needle in label else None


def _item(full: MapMeta, text: str) -> MapItem:
    """The item labelled (any case) or identified by ``text``.

    Raises
    ------
    UnknownEntity
        ``no weapons system 'X' on the map``.
    """
    folded = text.casefold()
    for i in full.items:
        if i.id == text or i.label.casefold() == folded:
            return i
    raise UnknownEntity(f"no weapons system {text!r} on the map (the map lists the "
                        "systems whose chains start in a state)")


def _origins(full: MapMeta, item: MapItem | None) -> list[MapRef]:
    if item is None:
        return []
    wanted = set(item.origins)
    return [o for o in full.origins if o.id in wanted]


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
