"""Dependencies of the routes, as ``Annotated`` aliases.

The app's lifespan opens the store once and keeps it, the settings and the query runner
on ``app.state``; routes get them through these aliases. Tests swap them with
``app.dependency_overrides[get_store] = …`` or build the app with
``create_app(settings, store)``. Everything derived from the store (the catalog, the
export cache, the projection) is made per store object, so an overridden store brings its
own.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import re
from dataclasses import asdict, astuple, dataclass
from datetime import date
from typing import Annotated, Any

import networkx as nx
from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator

from armsgraph.errors import EmptyGraph
from armsgraph.load.build import build
from armsgraph.reason.project import project
from armsgraph.settings import Settings, store_options
from armsgraph.store import Store, is_empty, open_store
from armsgraph.store.snapshot import snapshot
from armsgraph.store.sparql import QueryRunner
from armsgraph.views.catalog import Catalog, PerStore, catalog
from armsgraph.when import today

from .formats import EncodedCache

__all__ = [
    "get_settings",
    "get_store",
    "get_graph",
    "AnyStoreDep",
    "get_catalog",
    "get_exports",
    "get_answers",
    "get_runner",
    "require_write",
    "open_seeded_store",
    "SettingsDep",
    "StoreDep",
    "CatalogDep",
    "ExportsDep",
    "AnswersDep",
    "RunnerDep",
    "WriteAuth",
    "Paging",
    "get_paging",
    "get_reach",
    "PagingDep",
    "EventsQuery",
    "Reach",
    "Day",
    "ReachDep",
]


async def get_settings(request: Request) -> Settings:
    """The settings the app was made with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> Store:
    """The store opened at startup, empty or not (for writes and ``/health``)."""
    store: Store = request.app.state.store
    return store


AnyStoreDep = Annotated[Store, Depends(get_store)]


async def get_graph(store: AnyStoreDep) -> Store:
    """The store, for a read: an empty graph is a 409 problem (:class:`EmptyGraph`), so
    that no read answers "unknown …" or an empty export from a graph never built."""
    # Not the snapshot's counts (a part): this runs on the event loop, and counting
    # 800,000 quads, or waiting for a write to end as a part being built does, would stall
    # every request. Asked once per snapshot, in its memo.
    memo = snapshot(store).memo("graph-is-empty", 1)
    empty = memo.get("empty")
    if empty is None:
        empty = memo.put("empty", is_empty(store))
    if empty:
        raise EmptyGraph()
    return store


async def get_runner(request: Request) -> QueryRunner:
    """The worker threads that run user SPARQL with a deadline."""
    runner: QueryRunner = request.app.state.runner
    return runner


def _day(value: object) -> object:
    if isinstance(value, str) and not _DAY.fullmatch(value):
        raise ValueError(f"expected a date YYYY-MM-DD, not {value!r}")
    return value


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A calendar day written ``YYYY-MM-DD`` (no timestamps, no other forms).
Day = Annotated[date, BeforeValidator(_day)]

#: ``events``: list one fact per event (default) or every statement (``/facts``,
#: ``/entities/{id}``, ``/sources/{key}``).
EventsQuery = Annotated[bool, Query(
    description="One item per event (default): the statements of one event (the same "
    "threat from a headline and two quotes) as one fact with `statements` and `sources`; "
    "false lists every statement.")]

SettingsDep = Annotated[Settings, Depends(get_settings)]
#: The store for a read (never empty): :func:`get_graph`.
StoreDep = Annotated[Store, Depends(get_graph)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]


async def get_catalog(store: StoreDep) -> Catalog:
    """The catalog (entity, fact and source index) of the store."""
    return catalog(store)


_exports: PerStore[EncodedCache] = PerStore(lambda store: EncodedCache(store, name="exports"))


async def get_exports(store: StoreDep) -> EncodedCache:
    """The cache of serialised exports of the store (a few large entries)."""
    return _exports(store)


_answers: PerStore[EncodedCache] = PerStore(
    lambda store: EncodedCache(store, name="answers", max_entries=512))


async def get_answers(store: StoreDep) -> EncodedCache:
    """The cache of encoded answers to questions (destinations, paths): many small entries,
    kept apart so that varied questions do not push the exports out."""
    return _answers(store)


CatalogDep = Annotated[Catalog, Depends(get_catalog)]
ExportsDep = Annotated[EncodedCache, Depends(get_exports)]
AnswersDep = Annotated[EncodedCache, Depends(get_answers)]

_bearer = HTTPBearer(auto_error=False, description="The write token (ARMSGRAPH_WRITE_TOKEN).")


def _beyond_loopback(host: str) -> bool:
    """True for an IP address that is not loopback; a name (a Unix socket path, the test
    client's ``testserver``) is no bound interface."""
    try:
        return not ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _hex_address(text: str) -> str:
    """An address of ``/proc/net/tcp{,6}`` (host byte order, 32-bit words) as text."""
    raw = bytes.fromhex(text)
    native = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return str(ipaddress.ip_address(native))


def listening_hosts() -> list[str]:
    """The local addresses of this process's listening TCP sockets (Linux ``/proc``; [] elsewhere).

    The address a server is bound to, whichever way it was started (``armsgraph serve``,
    ``uvicorn … --host 0.0.0.0``): a connection over loopback to a server bound to every
    interface still shows ``0.0.0.0`` here.
    """
    try:
        inodes = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
        hosts = []
        for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
            try:
                with open(table) as f:
                    rows = f.read().splitlines()[1:]
            except OSError:
                continue
            for row in rows:
                cols = row.split()
                if len(cols) > 9 and cols[3] == "0A" and cols[9] in inodes:
                    hosts.append(_hex_address(cols[1].partition(":")[0]))
        return hosts
    except OSError:
        return []


def _same_site(request: Request, settings: Settings) -> bool:
    """False when a browser says the request comes from another site (CSRF)."""
    if request.headers.get("sec-fetch-site", "").lower() in ("cross-site", "same-site"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    own = f"{request.url.scheme}://{request.headers.get('host', '')}".lower()
    return origin.lower() == own or origin in settings.cors_origins


def require_write(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a write through when the bearer token matches, or, with no token configured,
    when the server listens on loopback only and the request is not cross-site.

    The bind is read from the connection (ASGI ``server``) and from the process's own
    listening sockets, not from settings: ``uvicorn armsgraph_api.main:create_app --factory
    --host 0.0.0.0`` never reads ``ARMSGRAPH_HOST``.
    """
    expected = settings.write_token
    if not expected:
        server = request.scope.get("server")
        bound = [str(server[0])] if server and server[0] else []
        beyond = [h for h in [*bound, *listening_hosts()] if _beyond_loopback(h)]
        if beyond:
            raise HTTPException(
                403,
                f"writes are refused: this server listens on {beyond[0]!r}, beyond loopback, "
                "and no write token is set (ARMSGRAPH_WRITE_TOKEN)",
            )
        if not _same_site(request, settings):
            raise HTTPException(
                403,
                "writes are refused from another site (Origin / Sec-Fetch-Site): with no "
                "write token set, only same-origin requests may write",
            )
        return
    challenge = {"WWW-Authenticate": 'Bearer realm="armsgraph"'}
    if credentials is None:
        raise HTTPException(401, "this write needs 'Authorization: Bearer <token>'", challenge)
    if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
        raise HTTPException(403, "the bearer token is not the write token", challenge)


WriteAuth = Annotated[None, Depends(require_write)]


@dataclass(frozen=True)
class Paging:
    """``limit`` and ``offset`` of a list."""

    limit: int
    offset: int


async def get_paging(
    limit: Annotated[int, Query(ge=1, le=1000, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")] = 0,
) -> Paging:
    """The page a list request asks for."""
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(get_paging)]


def open_seeded_store(settings: Settings) -> Store:
    """Open the configured store; build the seed graph from data/ when it is empty."""
    store = open_store(settings.store, **store_options(settings))
    if is_empty(store):  # not len(store): that counts every quad of a large store
        build(store, settings.ontology_dir, settings.data_dir)
    return store


@dataclass(frozen=True)
class Reach:
    """The question of ``/destinations`` and ``/paths``: an item, an origin, a date …"""

    item: str
    origin: str
    as_of: str
    max_hops: int
    assume_consent: tuple[str, ...]
    lift_policies: tuple[str, ...]
    lot: str | None
    only_stated: bool
    reviewed: bool = True

    def key(self) -> tuple[object, ...]:
        """A hashable key of the question (for caches)."""
        return astuple(self)

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments of :func:`armsgraph.reason.paths.destinations` (``reviewed``
        chooses the projection, see :meth:`graph_of`)."""
        out = asdict(self)
        del out["reviewed"]
        return out

    def graph_of(self, store: Store) -> nx.MultiDiGraph:
        """The projection the question is answered on: curated (reviews applied) or raw."""
        return project(store, reviewed=self.reviewed)


async def get_reach(
    settings: SettingsDep,
    item: Annotated[
        str,
        Query(min_length=1, max_length=200, examples=["patriot"],
              description="A system id, IRI, name, alias or designation."),
    ],
    origin: Annotated[
        str,
        Query(min_length=1, max_length=200, examples=["JPN"],
              description="The state the item is made in: id, ISO code or name."),
    ],
    as_of: Annotated[
        Day | None, Query(description="Rules, consents and facts as of this day.")
    ] = None,
    max_hops: Annotated[
        int | None, Query(ge=1, le=8, description="Longest chain (default 4).")
    ] = None,
    assume_consent: Annotated[
        list[str] | None,
        Query(max_length=20, description="What-if: holders whose consent is assumed."),
    ] = None,
    lift_policy: Annotated[
        list[str] | None,
        Query(max_length=20, description="What-if: policies or versions to ignore."),
    ] = None,
    lot: Annotated[
        str | None, Query(max_length=200, description="Trace one production lot only.")
    ] = None,
    only_stated: Annotated[
        bool, Query(description="Only hops stated by as_of (by default routes stated "
                    "later are possible re-exports, judged by the rules of as_of).")
    ] = False,
    reviewed: Annotated[
        bool, Query(description="Apply analyst reviews (default); false answers from the "
                    "graph as extracted.")
    ] = True,
) -> Reach:
    """The question asked, with defaults filled in (today, the configured hop limit)."""
    return Reach(
        item=item,
        origin=origin,
        as_of=(as_of or today()).isoformat(),
        max_hops=max_hops or settings.max_hops,
        assume_consent=tuple(assume_consent or ()),
        lift_policies=tuple(lift_policy or ()),
        lot=lot,
        only_stated=only_stated,
        reviewed=reviewed,
    )


ReachDep = Annotated[Reach, Depends(get_reach)]
