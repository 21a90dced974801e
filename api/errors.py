"""Every error the API returns, as RFC 9457 problem details, from one table.

Routes contain no ``try``: :mod:`armsgraph` raises its own errors (:mod:`armsgraph.errors`), and
:data:`STATUS` maps each class to an HTTP status and a problem type. Request validation
errors become 422 problems that name the parameter and the value; HTTP errors raised by
the framework (404 no such route, 405, 406, 415, 401, 403) become problems too. The body
size limit is checked by :class:`BodyLimit` before a body is read.

A problem looks like::

    HTTP/1.1 404 Not Found
    Content-Type: application/problem+json

    {"type": "https://w3id.org/armsgraph/problems/unknown-entity", "title": "Not Found",
     "status": 404, "detail": "no entity 'state/XYZ' in the graph",
     "instance": "/entities/state/XYZ"}
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from armsgraph.errors import (
    ArmsGraphError,
    EmptyGraph,
    ExtractionCancelled,
    ExtractionError,
    ExtractorUnavailable,
    InputError,
    LimitExceeded,
    ParseError,
    QueryError,
    QueryTimeout,
    RenderError,
    ResourceMissing,
    ShapeViolation,
    StoreBusy,
    StoreError,
    UnknownEntity,
    WorkBudgetExceeded,
)

__all__ = [
    "PROBLEM_TYPE",
    "STATUS",
    "ProblemResponse",
    "problem",
    "install",
    "BodyLimit",
    "responses",
]

PROBLEM_BASE = "https://w3id.org/armsgraph/problems/"
PROBLEM_TYPE = "application/problem+json"
log = logging.getLogger("armsgraph.api")

#: armsgraph.errors class → (HTTP status, problem type slug). The first match in the class's
#: MRO wins, so subclasses are listed with their own status before their parents.
STATUS: dict[type[ArmsGraphError], tuple[int, str]] = {
    QueryTimeout: (503, "timeout"),
    LimitExceeded: (422, "result-too-large"),
    QueryError: (400, "bad-query"),
    ParseError: (400, "unparsable-input"),
    WorkBudgetExceeded: (422, "work-budget-exceeded"),
    ExtractionError: (422, "extraction-failed"),
    InputError: (422, "invalid-input"),
    UnknownEntity: (404, "unknown-entity"),
    ShapeViolation: (422, "shape-violation"),
    StoreBusy: (503, "store-busy"),
    EmptyGraph: (409, "graph-empty"),
    RenderError: (503, "render-unavailable"),
    ResourceMissing: (503, "resource-missing"),
    StoreError: (503, "store-unavailable"),
    ExtractionCancelled: (499, "client-closed-request"),
    ExtractorUnavailable: (503, "extractor-unavailable"),
    ArmsGraphError: (500, "internal-error"),
}

#: Problem types of plain HTTP errors.
_HTTP_SLUG = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    413: "body-too-large",
    415: "unsupported-media-type",
    422: "invalid-parameter",
}


class ProblemResponse(JSONResponse):
    """A JSON response with the ``application/problem+json`` media type."""

    media_type = PROBLEM_TYPE


def problem(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    slug: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> ProblemResponse:
    """A problem-details response for ``status`` with ``detail``."""
    kind = slug or _HTTP_SLUG.get(status)
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + kind if kind else "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    return ProblemResponse(jsonable_encoder(body), status_code=status, headers=headers)


def _graph_error(request: Request, exc: Exception) -> ProblemResponse:
    status, slug = next(STATUS[c] for c in type(exc).__mro__ if c in STATUS)
    if status >= 500:
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    headers = {"Retry-After": "5"} if status == 503 else None
    return problem(status, str(exc), instance=request.url.path, slug=slug, headers=headers)


def _http_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no resource at {request.url.path}"
    headers = dict(exc.headers) if exc.headers else None
    if exc.status_code == 405:
        allowed = _allowed_methods(request)
        detail = f"{request.method} is not allowed on {request.url.path}; use {allowed}"
        headers = {**(headers or {}), "Allow": allowed}
    return problem(exc.status_code, detail, instance=request.url.path, headers=headers)


def _allowed_methods(request: Request) -> str:
    """Every method the OpenAPI schema documents for the request's path."""
    table: list[tuple[re.Pattern[str], set[str]]] | None = getattr(
        request.app.state, "allowed_methods", None
    )
    if table is None:
        table = [
            (re.compile("^" + re.sub(r"\\\{[^}]*\\\}", ".+", re.escape(path)) + "$"),
             {m.upper() for m in ops})
            for path, ops in request.app.openapi().get("paths", {}).items()
        ]
        request.app.state.allowed_methods = table
    methods: set[str] = set()
    for pattern, ops in table:
        if pattern.match(request.url.path):
            methods |= ops
    return ", ".join(sorted(methods))


def _where(loc: Sequence[Any]) -> str:
    kinds = {"query": "query parameter", "path": "path parameter", "header": "header",
             "body": "body field", "cookie": "cookie"}
    if not loc:
        return "request"
    head, rest = str(loc[0]), [str(p) for p in loc[1:]]
    if head == "body" and not rest:
        return "body"
    return f"{kinds.get(head, head)} '{'.'.join(rest) or head}'"


def _shown(value: Any) -> str:
    if isinstance(value, bytes | bytearray):
        value = bytes(value).decode("utf-8", errors="replace")  # a body that is not UTF-8
    text = value if isinstance(value, str) else json.dumps(jsonable_encoder(value))
    return text if len(text) <= 80 else text[:77] + "..."


def _validation_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    errors = []
    parts = []
    for e in exc.errors():
        loc = list(e.get("loc", ()))
        msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
        item = {"loc": loc, "msg": msg, "type": e.get("type", "")}
        text = f"{_where(loc)}: {msg}"
        if "input" in e and e.get("type") != "missing":
            item["input"] = _shown(e["input"])
            if repr(item["input"]) not in text:
                text += f" (got {item['input']!r})"
        errors.append(item)
        parts.append(text)
    return problem(
        422, "; ".join(parts) or "invalid request", instance=request.url.path, errors=errors
    )


def _body_validation_error(request: Request, exc: Exception) -> ProblemResponse:
    """A body parsed by a model in a dependency: located under ``body``."""
    assert isinstance(exc, ValidationError)
    errors = [{**e, "loc": ("body", *e.get("loc", ()))} for e in exc.errors()]
    return _validation_error(request, RequestValidationError(errors))


def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return problem(500, "unexpected error; it has been logged", instance=request.url.path)


def install(app: FastAPI) -> None:
    """Register the handlers and the problem+json OpenAPI rewrite on ``app``."""
    app.add_exception_handler(ArmsGraphError, _graph_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(ValidationError, _body_validation_error)
    app.add_exception_handler(Exception, _unexpected)
    app.openapi = _openapi_with_problems(app)  # type: ignore[method-assign]


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for error statuses, all as problem details."""
    return {
        s: {"description": HTTPStatus(s).phrase, "content": {PROBLEM_TYPE: {}}}
        for s in statuses
    }


#: Routes that answer from an empty graph too (every other one is a 409 ``graph-empty``).
_NEVER_EMPTY = frozenset({"/health", "/", "/map"})


def _openapi_with_problems(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """Every 4xx/5xx response in the schema is a Problem in problem+json."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title, version=app.version, description=app.description,
            routes=app.routes, tags=app.openapi_tags, servers=app.servers,
        )
        from .models import Problem  # noqa: PLC0415 - avoid an import cycle at load

        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        comps["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        comps.pop("HTTPValidationError", None)
        comps.pop("ValidationError", None)
        ref = {"$ref": "#/components/schemas/Problem"}
        for route, path in schema.get("paths", {}).items():
            for op in path.values():
                if route not in _NEVER_EMPTY and "responses" in op:
                    op["responses"].setdefault("409", {"description": "graph empty"})
                for code, resp in op.get("responses", {}).items():
                    if str(code)[0] in "45":
                        resp["content"] = {PROBLEM_TYPE: {"schema": ref}}
                        resp["description"] = HTTPStatus(int(code)).phrase
        app.openapi_schema = schema
        return schema

    return openapi


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413, before reading.

    A declared ``Content-Length`` over the limit is refused at once; a chunked body is
    read up to the limit and refused as soon as it passes it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            if length.strip().isdigit() and int(length) > self.max_bytes:
                await self._refuse(scope, receive, send, int(length))
                return
            await self.app(scope, receive, send)
            return
        if b"chunked" not in headers.get(b"transfer-encoding", b"").lower():
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                await self._refuse(scope, receive, send, size)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        response = problem(
            413,
            f"the request body has {size} bytes or more, over the limit of "
            f"{self.max_bytes} (ARMSGRAPH_MAX_BODY_BYTES)",
            instance=scope.get("path"),
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)
