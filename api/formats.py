"""Representations: content negotiation, and serialised answers kept per store generation.

:func:`choose` picks a format from an ``Accept`` header (RFC 9110 §12.5.1: media ranges
with q-values; ties go to the server's order) or answers 406 naming what is available.
:class:`EncodedCache` keeps serialised exports (and their gzip) until the store's
``generation`` changes, and :func:`encoded_response` serves them with an ``ETag``, a
``Content-Disposition`` filename and, when the client accepts it, gzip.
"""

from __future__ import annotations

import gzip
import hashlib
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from fastapi import HTTPException, Request, Response
from starlette.concurrency import run_in_threadpool

from armsgraph.store import Store
from armsgraph.store.snapshot import Memo, snapshot
from armsgraph.when import today

__all__ = [
    "RDF_MEDIA",
    "RESULT_MEDIA",
    "EXTENSIONS",
    "RdfFormatName",
    "choose",
    "Encoded",
    "EncodedCache",
    "cached",
    "encoded_response",
    "download_name",
]

RdfFormatName = Literal["turtle", "jsonld", "nt", "nquads", "trig"]

#: RDF formats the API writes, in order of preference, with their media types.
RDF_MEDIA: dict[str, str] = {
    "turtle": "text/turtle",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
}
#: SPARQL result formats, in order of preference.
RESULT_MEDIA: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Other media types clients send for the same formats.
ALIASES: dict[str, str] = {
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/x-turtle": "turtle",
    "text/plain": "nt",
    "application/rdf+json": "jsonld",
}
EXTENSIONS: dict[str, str] = {
    "turtle": "ttl", "jsonld": "jsonld", "nt": "nt", "nquads": "nq", "trig": "trig",
    "json": "srj", "xml": "srx", "csv": "csv", "tsv": "tsv",
}


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if media:
            out.append((media.strip().lower(), q))
    return out


def choose(accept: str | None, offers: Mapping[str, str]) -> str:
    """The offer (a format name) that best fits ``accept``; the first offer for none.

    Raises
    ------
    HTTPException
        406, naming the media types on offer, if ``accept`` admits none of them.

    Examples
    --------
    >>> choose("application/n-triples;q=0.5, text/turtle", RDF_MEDIA)
    'turtle'
    >>> choose("*/*", RESULT_MEDIA), choose("application/json", RESULT_MEDIA)
    ('json', 'json')
    """
    if not accept or not accept.strip():
        return next(iter(offers))
    best: tuple[float, int, str] | None = None
    ranges = _ranges(accept)
    for order, (name, media) in enumerate(offers.items()):
        kind = media.split("/")[0]
        # The most specific range that matches sets the quality (RFC 9110 §12.5.1).
        specificity, q = 0, 0.0
        for rng, weight in ranges:
            level = (3 if rng == media or ALIASES.get(rng) == name
                     else 2 if rng == f"{kind}/*" else 1 if rng == "*/*" else 0)
            if level > specificity or (level == specificity and level and weight > q):
                specificity, q = level, weight
        if q > 0 and (best is None or (q, -order) > (best[0], -best[1])):
            best = (q, order, name)
    if best is None:
        raise HTTPException(
            406,
            f"cannot answer in any of {accept!r}; available: {', '.join(offers.values())}",
        )
    return best[2]


@dataclass
class Encoded:
    """A serialised answer, its entity tag, and its gzip (made on first use)."""

    data: bytes
    etag: str
    _gzip: bytes | None = field(default=None, repr=False)

    def gzipped(self) -> bytes:
        if self._gzip is None:
            self._gzip = gzip.compress(self.data, compresslevel=6, mtime=0)
        return self._gzip


class EncodedCache:
    """Serialised answers for one store, kept in a memo of its current snapshot
    (:mod:`armsgraph.store.snapshot`): a write makes a new snapshot, and with it an empty memo."""

    def __init__(self, store: Store, *, name: str = "encoded", max_entries: int = 64):
        self.store = store
        self.name = name
        self.max_entries = max_entries

    def _memo(self) -> tuple[int, Memo]:
        snap = snapshot(self.store)
        return snap.generation, snap.memo(f"api-{self.name}", self.max_entries)

    def peek(self, key: Hashable) -> Encoded | None:
        """The kept answer for ``key`` if there is one for the current snapshot; never
        builds."""
        got: Encoded | None = self._memo()[1].get(key)
        return got

    def get(self, key: Hashable, build: Callable[[], bytes]) -> Encoded:
        """The kept answer for ``key``, built with ``build()`` when missing."""
        generation, memo = self._memo()
        hit: Encoded | None = memo.get(key)
        if hit is not None:
            return hit
        data = build()
        digest = hashlib.blake2b(data, digest_size=8).hexdigest()
        return memo.put(key, Encoded(data, f'"{generation}-{digest}"'))


async def cached(cache: EncodedCache, key: Hashable, build: Callable[[], bytes]) -> Encoded:
    """The cached answer without leaving the event loop; built on a worker thread if missing."""
    hit = cache.peek(key)
    if hit is not None:
        return hit
    return await run_in_threadpool(cache.get, key, build)


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def download_name(stem: str, fmt: str) -> str:
    """``armsgraph-2026-11-25.ttl``: a dated file name for an export.

    The stem may carry text from a request (a source key), so everything but ASCII letters,
    digits, ``_`` and ``-`` becomes ``_``: no quote can end the ``Content-Disposition``
    value, no ``/`` or ``..`` can steer a saving browser outside its download folder.

    >>> download_name("armsgraph", "turtle")[-4:]
    '.ttl'
    >>> download_name('../../etc/x"; evil', "nt")[:11]
    'etc_x_evil-'
    """
    day = today().isoformat()
    safe = _UNSAFE.sub("_", stem).strip("_")[:120] or "armsgraph"
    ext = _UNSAFE.sub("_", EXTENSIONS.get(fmt, fmt))
    return f"{safe}-{day}.{ext}"


def encoded_response(
    request: Request,
    encoded: Encoded,
    media_type: str,
    filename: str,
    *,
    download: bool = False,
) -> Response:
    """Serve a cached answer: ETag/304, Content-Disposition, gzip when accepted."""
    disposition = "attachment" if download else "inline"
    headers = {
        "ETag": encoded.etag,
        "Vary": "Accept, Accept-Encoding",
        "Content-Disposition": f'{disposition}; filename="{filename}"',
        "Cache-Control": "no-cache",
    }
    match = request.headers.get("if-none-match", "")
    if match.strip() == "*" or encoded.etag in [m.strip() for m in match.split(",")]:
        return Response(status_code=304, headers=headers)
    body = encoded.data
    if len(body) > 1024 and "gzip" in request.headers.get("accept-encoding", "").lower():
        body = encoded.gzipped()
        headers["Content-Encoding"] = "gzip"
    return Response(body, media_type=media_type, headers=headers)
