"""``/reviews`` and ``/review/queue``: analyst review of the facts behind answers.

A review (accept, reject, correct, add by hand, withdraw) is stored as its own PROV-O
activity in a review graph by :mod:`armsgraph.reason.review`; answers follow it at the next store
generation (``reviewed=false`` on ``/destinations`` and ``/paths`` answers from the raw
graph). Writes need the write token like every write. ``/review/queue`` lists the
unreviewed statements an answer rests on, lowest confidence first
(:func:`armsgraph.reason.review_queue.queue`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from armsgraph.load.validate import load_ontology, load_shapes
from armsgraph.reason import review
from armsgraph.reason.paths import destinations, paths
from armsgraph.reason.review_queue import queue

from ..deps import ReachDep, SettingsDep, StoreDep, WriteAuth
from ..errors import responses
from ..models import (
    AcceptIn,
    AddIn,
    CorrectIn,
    QueuePage,
    RejectIn,
    ReviewImport,
    ReviewIn,
    ReviewList,
    ReviewPublic,
    WithdrawIn,
)

router = APIRouter(tags=["reviews"])

_TRIG = "application/trig"


@router.get("/reviews", response_model=ReviewList)
def list_reviews(store: StoreDep) -> ReviewList:
    """Every review, oldest first; ``matches`` is false for a review whose statement is
    gone (after a changed extractor or a removed source)."""
    ov = review.overlay(store)
    lost = {r.id for r in ov.unmatched}
    items = [ReviewPublic.model_validate(r).model_copy(update={"matches": r.id not in lost})
             for r in ov.reviews]
    return ReviewList(total=len(items), unmatched=len(lost), items=items)


@router.post("/reviews", status_code=201, response_model=ReviewPublic,
             responses=responses(400, 401, 403, 404, 409, 415, 422))
def post_review(_: WriteAuth, store: StoreDep,
                body: Annotated[ReviewIn, Body()]) -> ReviewPublic:
    """Accept, reject or correct a statement, add a fact by hand, or withdraw a review."""
    match body:
        case AcceptIn():
            r = review.accept(store, body.statement, reviewer=body.reviewer, reason=body.reason)
        case RejectIn():
            r = review.reject(store, body.statement, reviewer=body.reviewer, reason=body.reason)
        case CorrectIn():
            c = body.change
            r = review.correct(
                store, body.statement,
                review.Correction(roles=c.roles, status=c.status, date=c.date, type=c.type),
                reviewer=body.reviewer, reason=body.reason)
        case AddIn():
            f = body.fact
            r = review.add_fact(
                store, review.NewFact(source=f.source, sentence=f.sentence, type=f.type,
                                      status=f.status, roles=f.roles, date=f.date),
                reviewer=body.reviewer, reason=body.reason)
        case WithdrawIn():
            r = review.withdraw(store, body.review, reviewer=body.reviewer, reason=body.reason)
    return ReviewPublic.model_validate(r)


@router.get("/reviews/export", response_class=Response,
            responses={200: {"description": "Every review graph as TriG.",
                             "content": {_TRIG: {"schema": {"type": "string"}}}}})
def export_reviews(store: StoreDep) -> Response:
    """Every review graph as TriG (graph names kept), to archive or load elsewhere."""
    return Response(review.export_reviews(store), media_type=_TRIG, headers={
        "Content-Disposition": 'attachment; filename="armsgraph-reviews.trig"'})


@router.post(
    "/reviews/import", response_model=ReviewImport,
    openapi_extra={"requestBody": {"required": True, "content": {
        _TRIG: {"schema": {"type": "string"}}}}},
    responses=responses(400, 401, 403, 415, 422),
)
async def import_reviews(_: WriteAuth, store: StoreDep, settings: SettingsDep,
                         request: Request) -> ReviewImport:
    """Load reviews exported by ``/reviews/export`` (checked by the review shape;
    idempotent: reviews already present are counted, not written again)."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media != _TRIG:
        raise HTTPException(415, f"reviews are imported as {_TRIG}, not "
                            f"{media or 'a body without Content-Type'!r}")
    data = await request.body()
    rep = await run_in_threadpool(
        review.import_reviews, store, data, load_shapes(settings.ontology_dir),
        load_ontology(settings.ontology_dir))
    return ReviewImport(added=rep.added, present=rep.present)


@router.get("/review/queue", response_model=QueuePage, responses=responses(404, 422))
def review_queue(
    store: StoreDep, reach: ReachDep,
    to: Annotated[str | None, Query(max_length=200, description="Only the paths to this "
                                    "state.")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> QueuePage:
    """The unreviewed statements behind an answer of ``/destinations`` (or ``/paths``
    with ``to``), lowest confidence first."""
    G = reach.graph_of(store)
    answer = (destinations(G, **reach.kwargs()) if to is None
              else paths(G, to=to, **reach.kwargs()))
    entries = queue(G, answer)
    return QueuePage(total=len(entries), limit=limit,
                     items=entries[:limit])
