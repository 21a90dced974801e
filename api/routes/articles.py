"""``POST /articles``: ingest a news article; its facts join the graph in one transaction.

The body is JSON (``{"text": …, "meta": {…}}``) or ``text/plain`` with metadata in the
query (``?title=…&published=YYYY-MM-DD``). The article's named graph is written by one
atomic store write, so every reader (and the projection, keyed on the store's
generation) sees all of it or none of it. Sending the same text again changes nothing
and answers 200 instead of 201. When a write token is configured, the request needs
``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from armsgraph import ids
from armsgraph.errors import ExtractionCancelled, ExtractionError
from armsgraph.extract.budget import Budget, within
from armsgraph.extract.catalog import Catalog
from armsgraph.extract.model import Extraction
from armsgraph.extract.pool import ExtractionPool
from armsgraph.load.ingest import Article, IngestResult, ingest
from armsgraph.store import Store
from armsgraph.views.vocab import entity_key

from ..deps import Day, SettingsDep, StoreDep, WriteAuth
from ..errors import responses
from ..models import ArticleIn, ArticleResult

router = APIRouter(tags=["articles"])
log = logging.getLogger("armsgraph.api")

#: Extraction is CPU-bound: more at once than there are cores only takes the machine (and,
#: on request threads, the interpreter) from the readers (measured by
#: tests/api/test_load.py: with 8 concurrent ingests unlimited, reads waited seconds).
#: Further ingests queue here.
_EXTRACTING = threading.BoundedSemaphore(max(1, min(4, os.cpu_count() or 1)))

_JSON = "application/json"
_TEXT = "text/plain"
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            _JSON: {"schema": {"$ref": "#/components/schemas/ArticleIn"}},
            _TEXT: {"schema": {"type": "string", "minLength": 1}},
        },
    }
}
_Meta = Annotated[str | None, Query(max_length=2000)]


async def read_article(
    request: Request,
    title: _Meta = None,
    outlet: _Meta = None,
    url: _Meta = None,
    published: Annotated[Day | None, Query(description="YYYY-MM-DD (text/plain bodies)")] = None,
    language: _Meta = None,
) -> Article:
    """The article in the request body, JSON or plain UTF-8 text."""
    media, _, params = request.headers.get("content-type", "").partition(";")
    media = media.strip().lower()
    body = await request.body()
    query_meta = {
        k: v for k, v in {"title": title, "outlet": outlet, "url": url,
                          "published": published and published.isoformat(),
                          "language": language}.items()
        if v is not None
    }
    if media == _JSON:
        data = ArticleIn.model_validate_json(body)
        given = data.meta.model_dump(mode="json", exclude_none=True)
        meta: dict[str, Any] = {**query_meta, **given}
        return Article(_name(meta), data.text, meta)
    if media == _TEXT:
        charset = params.partition("charset=")[2].strip().strip('"').lower()
        if charset not in ("", "utf-8", "utf8", "us-ascii"):
            raise HTTPException(415, f"text/plain bodies must be UTF-8, not {charset!r}")
        text = body.decode("utf-8", errors="replace")
        if text.count("\ufffd") != body.count("\ufffd".encode()):
            raise ExtractionError("the body is not UTF-8 text")
        return Article(_name(query_meta), text, query_meta)
    raise HTTPException(
        415, f"cannot read an article from {media or 'a body without Content-Type'!r}; "
        f"send {_JSON} or {_TEXT}"
    )


#: How often a running ingest checks that its client is still there (seconds).
_POLL_SECONDS = 0.25


def _ingest(store: Store, article: Article, work: Budget,
            pool: ExtractionPool | None) -> IngestResult:
    with _EXTRACTING, within(work):
        if pool is None:
            return ingest(store, article)

        def in_worker(text: str, meta: Mapping[str, Any], catalog: Catalog) -> Extraction:
            return pool.extract(text, meta, catalog, work)

        return ingest(store, article, extractor=in_worker)


def _name(meta: dict[str, Any]) -> str:
    title = meta.get("title")
    return f"api-{ids.slug(title)[:60]}" if isinstance(title, str) and title else "api-article"


@router.post(
    "/articles",
    status_code=201,
    openapi_extra=_BODY,
    responses={
        200: {"model": ArticleResult, "description": "The same text was ingested before."},
        **responses(400, 401, 403, 413, 415, 422),  # 422 also past ARMSGRAPH_EXTRACT_SECONDS
    },
)
async def post_article(
    _: WriteAuth,
    store: StoreDep,
    settings: SettingsDep,
    article: Annotated[Article, Depends(read_article)],
    response: Response,
    request: Request,
) -> ArticleResult:
    """Extract an article's facts and add them as one named graph (idempotent)."""
    if len(article.text) > settings.max_article_chars:
        raise HTTPException(
            413,
            f"the article has {len(article.text):,} characters, more than the "
            f"{settings.max_article_chars:,} an ingest extracts from "
            "(ARMSGRAPH_MAX_ARTICLE_CHARS); split it",
        )
    work = Budget(settings.extract_seconds)
    pool: ExtractionPool | None = getattr(request.app.state, "extractors", None)
    task = asyncio.ensure_future(run_in_threadpool(_ingest, store, article, work, pool))
    # The extraction runs in a worker process (ARMSGRAPH_EXTRACT_WORKERS; 0: on this
    # thread); a client that goes away stops it at its next checkpoint
    # (armsgraph.extract.budget), before anything is written.
    while not (await asyncio.wait({task}, timeout=_POLL_SECONDS))[0]:
        if await request.is_disconnected():
            work.cancel()
    try:
        result = await task
    except ExtractionCancelled as err:
        log.warning("ingest of %s stopped: %s", article.name, err)
        raise
    response.status_code = 201 if result.added else 200
    return ArticleResult(
        source=str(result.source),
        key=entity_key(str(result.source)).removeprefix("source/"),
        graph=str(result.graph),
        added=result.added,
        facts=result.facts,
        triples=result.triples,
        extraction=result.extraction.to_json(),
    )
