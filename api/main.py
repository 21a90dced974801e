"""The armsgraph web service: ``create_app`` makes the FastAPI app, routers do the rest.

Run it with ``armsgraph serve`` (or ``uvicorn api.main:create_app --factory``). The store
is opened once, at startup, and built from ``data/`` if it is empty; every route reads it
through :mod:`api.deps`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from graph.settings import Settings, get_settings
from graph.store import OxigraphStore, Store
from graph.store.sparql import QueryRunner

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
from .routes.map import router as map_router

__all__ = ["create_app"]

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
    try:
        yield
    finally:
        app.state.runner.close()
        if given is None:
            store.close()


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
