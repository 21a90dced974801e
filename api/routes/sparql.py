"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint.

- ``GET /sparql?query=…``; ``POST`` with ``application/x-www-form-urlencoded``
  (``query=…``) or ``application/sparql-query`` (the query as the body).
- SELECT and ASK answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in Turtle,
  JSON-LD, N-Triples, N-Quads or TriG — chosen by ``Accept``.
- ``reviewed=false`` queries the raw graph; by default queries see the curated graph, where
  statements analysts rejected or corrected are left out (:mod:`armsgraph.views.curated`).
- Updates (``update=``, ``application/sparql-update``, or update text) are refused with 400.
- Each query runs in a worker process within ``ARMSGRAPH_QUERY_TIMEOUT`` (503 after, the
  process killed) and ``ARMSGRAPH_QUERY_MEMORY_MB`` (422 beyond), and may return at most
  ``ARMSGRAPH_RESULT_CAP`` rows or triples (422 beyond).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from armsgraph.errors import QueryError
from armsgraph.store.sparql import query_form
from armsgraph.views.curated import view

from ..deps import RunnerDep, SettingsDep, StoreDep
from ..errors import responses
from ..formats import RDF_MEDIA, RESULT_MEDIA, choose

router = APIRouter(tags=["sparql"])

_ERRORS = responses(400, 406, 413, 415, 422, 503)
_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The answer, in the negotiated format.",
        "content": {m: {"schema": {} if "json" in m else {"type": "string"}} for m in
                    (*RESULT_MEDIA.values(), *RDF_MEDIA.values())},
    },
    **_ERRORS,
}
_REVIEWED = Query(description="Query the curated graph (default), where statements analysts "
                  "rejected or corrected are left out; false queries the graph as extracted.")
_FORM = "application/x-www-form-urlencoded"
_QUERY_BODY = "application/sparql-query"
_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            _FORM: {
                "schema": {
                    "type": "object",
                    "properties": {"query": {"type": "string", "minLength": 1}},
                    "required": ["query"],
                },
            },
            _QUERY_BODY: {"schema": {"type": "string", "minLength": 1}},
        },
    }
}


def _refuse_unsupported(params: Mapping[str, object]) -> None:
    """Updates and protocol dataset parameters are refused with 400, naming them."""
    if "update" in params:
        raise QueryError("SPARQL Update is not accepted: this endpoint is read-only")
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in params:
            raise QueryError(
                f"the {name} parameter is not supported: queries run over the union of "
                "all named graphs; use GRAPH in the query"
            )


async def _run(
    query: str, accept: str | None, store: StoreDep, settings: SettingsDep, runner: RunnerDep,
    reviewed: bool,
) -> Response:
    form = query_form(query)
    offers = RDF_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else RESULT_MEDIA
    fmt = choose(accept, offers)
    # A first query after reviews may copy the store (armsgraph.views.curated): no query deadline.
    seen = await run_in_threadpool(view, store, reviewed=reviewed)
    data = await runner.answer(seen, query, fmt, cap=settings.result_cap)
    return Response(data, media_type=offers[fmt], headers={"Vary": "Accept"})


@router.get("/sparql", responses=_ANSWERS, response_class=Response)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    runner: RunnerDep,
    query: Annotated[
        str,
        Query(min_length=1, description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE).",
              examples=["SELECT ?s WHERE { ?s a <https://w3id.org/armsgraph/ontology#State> }"
                        " LIMIT 3"]),
    ],
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
    reviewed: Annotated[bool, _REVIEWED] = True,
) -> Response:
    """Answer a query given in the URL."""
    _refuse_unsupported(request.query_params)
    return await _run(query, accept, store, settings, runner, reviewed)


@router.post("/sparql", responses=_ANSWERS, response_class=Response, openapi_extra=_POST_BODY)
async def sparql_post(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    runner: RunnerDep,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
    reviewed: Annotated[bool, _REVIEWED] = True,
) -> Response:
    """Answer a query sent as a form field or as the request body."""
    return await _run(await _query_of(request), accept, store, settings, runner, reviewed)


async def _query_of(request: Request) -> str:
    """The query of a POST, by its media type (SPARQL 1.1 Protocol §2.1.2, §2.1.3)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    text = body.decode("utf-8", errors="replace")
    if media == _QUERY_BODY:
        return text
    if media == _FORM:
        fields = parse_qs(text, keep_blank_values=True)
        _refuse_unsupported(fields)
        if not fields.get("query"):
            raise QueryError("the form has no 'query' field")
        return fields["query"][0]
    if media == "application/sparql-update":
        raise QueryError("SPARQL Update is not accepted: this endpoint is read-only")
    raise HTTPException(
        415, f"cannot read a query from {media or 'a body without Content-Type'!r}; "
        f"send {_FORM} or {_QUERY_BODY}"
    )
