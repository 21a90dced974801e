"""The armsgraph web service: ``create_app`` makes the FastAPI app, routers do the rest.

Run it with ``armsgraph serve`` (or ``uvicorn armsgraph_api.main:create_app --factory``). The store
is opened once, at startup, and built from ``data/`` if it is empty; every route reads it
through :mod:`armsgraph_api.deps`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from armsgraph.errors import ArmsGraphError
from armsgraph.extract.pool import ExtractionPool
from armsgraph.reason.project import project
from armsgraph.settings import Settings, get_settings
from armsgraph.store import OxigraphStore, Store, is_empty
from armsgraph.store.sparql import QueryRunner
from armsgraph.views.catalog import catalog
from armsgraph.when import today

from . import errors
from .deps import open_seeded_store
from .routes import (
    articles,
    destinations,
    entities,
    export,
    facts,
    health,
    reviews,
    sources,
    sparql,
)
from .routes.map import meta
from .routes.map import router as map_router

__all__ = ["create_app", "warm"]

log = logging.getLogger(__name__)

DESCRIPTION = """\
An arms-transfer knowledge graph: entities, facts with their evidence, sources, and
consent-aware re-export paths, over RDF. Lists are paginated (`limit`, `offset`, `total`);
errors are RFC 9457 problem details; `/sparql` speaks the SPARQL 1.1 Protocol.
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the store once (seeding it when empty) and start the query workers."""
    settings: Settings = app.state.settings
    settings.check_bind()
    given: Store | None = app.state.given_store
    store = given if given is not None else await run_in_threadpool(open_seeded_store, settings)
    app.state.store = store
    app.state.runner = QueryRunner(workers=4, timeout=settings.query_timeout,
                                   memory_mb=settings.query_memory_mb)
    if isinstance(store, OxigraphStore):
        app.state.runner.sandbox(store).prestart()  # the first query finds a worker up
    # Ingests extract in processes of their own: CPU-bound extraction on request threads
    # held the interpreter lock from readers (docs/robustness.md, the read-tail rows).
    pool = ExtractionPool(settings.extract_workers) if settings.extract_workers else None
    app.state.extractors = pool
    if given is None:
        threading.Thread(target=warm, args=(store,), name="armsgraph-warm", daemon=True).start()
    try:
        yield
    finally:
        app.state.runner.close()
        if pool is not None:
            pool.close()
        if given is None:
            store.close()


def warm(store: Store) -> None:
    """Make what the first answers need while the server starts: the map's pickers, the
    projection and the read index, in the order the map's first paint asks for them
    (loaded from beside an on-disk store when saved there, else built and saved). A
    request that arrives meanwhile waits for the part it needs instead of building it
    again (:mod:`armsgraph.store.snapshot`). The extraction workers start with the first
    ingest (a server that only answers never starts them)."""
    try:
        if is_empty(store):
            return
        meta(store, today())
        # The map's first paint asks the default /destinations next, a search later: the
        # projection first, then the read index (each loads in about half a second with
        # the register; loaded side by side they share one interpreter).
        project(store)
        catalog(store).entities()
    except ArmsGraphError as err:  # the first request will say it, with its own status
        log.warning("warming the snapshot failed: %s", err)


def create_app(settings: Settings | None = None, store: Store | None = None) -> FastAPI:
    """The armsgraph API over ``store`` (default: the store named by the settings)."""
    settings = settings or get_settings()
    app = FastAPI(
        title="armsgraph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        license_info={"name": "Apache-2.0", "identifier": "Apache-2.0"},
    )
    app.state.settings = settings
    app.state.given_store = store
    errors.install(app)
    app.add_middleware(errors.BodyLimit, max_bytes=settings.max_body_bytes)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "Accept"],
            expose_headers=["Content-Disposition", "ETag"],
        )
    app.include_router(health.router)
    app.include_router(entities.router)
    app.include_router(facts.router)
    # /sources/{key:path}/export before /sources/{key:path}, which would take "KEY/export".
    app.include_router(export.router)
    app.include_router(sources.router)
    app.include_router(destinations.router)
    app.include_router(sparql.router)
    app.include_router(articles.router)
    app.include_router(reviews.router)
    app.include_router(map_router)
    return app
