"""armsgraph_api.formats: Accept negotiation and the per-generation cache of encoded answers."""

from __future__ import annotations

import pytest
from fastapi import HTTPException
from rdflib import URIRef

from armsgraph.store import OxigraphStore
from armsgraph_api.formats import RDF_MEDIA, RESULT_MEDIA, EncodedCache, choose, download_name


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        pytest.param(None, RDF_MEDIA, "turtle", id="none"),
        pytest.param("", RESULT_MEDIA, "json", id="empty"),
        pytest.param("*/*", RDF_MEDIA, "turtle", id="any"),
        pytest.param("application/*", RDF_MEDIA, "jsonld", id="type-wildcard"),
        pytest.param("text/turtle;q=0.2, application/n-quads", RDF_MEDIA, "nquads", id="q"),
        pytest.param("text/turtle;q=0, */*;q=0.1", RDF_MEDIA, "jsonld", id="q-zero"),
        pytest.param("TEXT/CSV", RESULT_MEDIA, "csv", id="case"),
        pytest.param("text/csv;q=abc, text/tab-separated-values", RESULT_MEDIA, "tsv",
                     id="bad-q"),
        pytest.param(";;,, ,text/plain", RDF_MEDIA, "nt", id="junk-and-alias"),
    ],
)
def test_choose(accept: str | None, offers: dict[str, str], expected: str) -> None:
    assert choose(accept, offers) == expected


@pytest.mark.parametrize("accept", ["image/png", "text/turtle;q=0", "application/xml;q=0"])
def test_choose_nothing_acceptable_is_406(accept: str) -> None:
    with pytest.raises(HTTPException) as err:
        choose(accept, {"turtle": "text/turtle"})
    assert err.value.status_code == 406 and "text/turtle" in str(err.value.detail)


def test_cache_builds_once_per_generation() -> None:
    store = OxigraphStore()
    cache = EncodedCache(store)
    calls: list[int] = []

    def build() -> bytes:
        calls.append(store.generation)
        return b"x" * 2000

    first = cache.get("k", build)
    assert cache.get("k", build) is first and calls == [0]
    store.put_graph(URIRef("https://example.org/g"), [])
    second = cache.get("k", build)
    assert calls == [0, 1] and second.etag != first.etag
    assert len(second.gzipped()) < len(second.data)


def test_cache_is_bounded() -> None:
    cache = EncodedCache(OxigraphStore(), max_entries=2)
    for k in "abc":
        cache.get(k, lambda: b"x")
    built: list[str] = []
    cache.get("a", lambda: built.append("a") or b"x")
    assert built == ["a"]


def test_download_name_is_dated() -> None:
    assert download_name("armsgraph", "nquads").startswith("armsgraph-20")
    assert download_name("armsgraph", "nquads").endswith(".nq")


@pytest.mark.parametrize(
    "stem",
    [
        "../../etc/x",
        "..",
        "/etc/passwd",
        'x"; filename="evil.sh',
        "x\r\nSet-Cookie: a=b",
        "C:\\Windows\\x",
        "Ünïcödé",
        "",
    ],
)
def test_download_name_cannot_leave_the_folder_or_the_header(stem: str) -> None:
    import re

    name = download_name(stem, "turtle")
    assert re.fullmatch(r"[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\.ttl", name), name
    assert ".." not in name and not name.startswith("-")
