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
import re
from dataclasses import asdict, astuple, dataclass
from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BeforeValidator

from graph.build import build
from graph.queries import Catalog, PerStore, catalog
from graph.settings import Settings, store_options
from graph.sparql import QueryRunner
from graph.store import Store, open_store

from .formats import EncodedCache

__all__ = [
    "get_settings",
    "get_store",
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
    "Reach",
    "Day",
    "ReachDep",
]


async def get_settings(request: Request) -> Settings:
    """The settings the app was made with."""
    settings: Settings = request.app.state.settings
    return settings


async def get_store(request: Request) -> Store:
    """The store opened at startup."""
    store: Store = request.app.state.store
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

SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]


async def get_catalog(store: StoreDep) -> Catalog:
    """The catalog (entity, fact and source index) of the store."""
    return catalog(store)


_exports: PerStore[EncodedCache] = PerStore(EncodedCache)


async def get_exports(store: StoreDep) -> EncodedCache:
    """The cache of serialised exports of the store (a few large entries)."""
    return _exports(store)


_answers: PerStore[EncodedCache] = PerStore(lambda store: EncodedCache(store, max_entries=512))


async def get_answers(store: StoreDep) -> EncodedCache:
    """The cache of encoded answers to questions (destinations, paths): many small entries,
    kept apart so that varied questions do not push the exports out."""
    return _answers(store)


CatalogDep = Annotated[Catalog, Depends(get_catalog)]
ExportsDep = Annotated[EncodedCache, Depends(get_exports)]
AnswersDep = Annotated[EncodedCache, Depends(get_answers)]

_bearer = HTTPBearer(auto_error=False, description="The write token (ARMSGRAPH_WRITE_TOKEN).")


def require_write(
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Let a write through when no token is configured or the bearer token matches."""
    expected = settings.write_token
    if not expected:
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
    if len(store) == 0:
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

    def key(self) -> tuple[object, ...]:
        """A hashable key of the question (for caches)."""
        return astuple(self)

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments of :func:`graph.paths.destinations`."""
        return asdict(self)


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
) -> Reach:
    """The question asked, with defaults filled in (today, the configured hop limit)."""
    return Reach(
        item=item,
        origin=origin,
        as_of=(as_of or datetime.now(UTC).date()).isoformat(),
        max_hops=max_hops or settings.max_hops,
        assume_consent=tuple(assume_consent or ()),
        lift_policies=tuple(lift_policy or ()),
        lot=lot,
        only_stated=only_stated,
    )


ReachDep = Annotated[Reach, Depends(get_reach)]
