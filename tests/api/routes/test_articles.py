"""POST /articles: ingest through the API, idempotent, atomic, behind the write token."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from armsgraph import ids
from armsgraph.reason.project import project
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import Store
from armsgraph_api.main import create_app
from tests.api.conftest import make_settings

GOLD = PROJECT_ROOT / "tests" / "gold"
TEXT = (GOLD / "swiss-gepard-ammunition.txt").read_text(encoding="utf-8")
META = json.loads((GOLD / "swiss-gepard-ammunition.meta.json").read_text(encoding="utf-8"))
TOKEN = "s3cret-token"


@pytest.fixture()
def store(writable_store: Store) -> Store:
    return writable_store


@pytest.fixture()
def writer(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(), store)) as c:
        yield c


def test_post_article_json_adds_its_facts_in_one_write(
    writer: TestClient, store: Store
) -> None:
    edges_before = project(store).number_of_edges()
    generation = writer.get("/health").json()["generation"]
    r = writer.post("/articles", json={"text": TEXT, "meta": META})
    assert r.status_code == 201
    body = r.json()
    key = ids.digest(TEXT)
    assert body["added"] is True and body["key"] == key
    assert body["graph"] == str(ids.source_graph(key))
    assert body["facts"] == len(body["extraction"]["facts"]) > 0
    assert body["extraction"]["source"]["title"] == META["title"]
    assert writer.get("/health").json()["generation"] == generation + 1
    listed = writer.get("/facts", params={"source": key, "events": "false"}).json()
    assert listed["total"] == body["facts"]
    assert writer.get(f"/sources/{key}").json()["triples"] == body["triples"]
    assert project(store).number_of_edges() > edges_before


def test_post_same_article_again_is_200_and_changes_nothing(
    writer: TestClient, store: Store
) -> None:
    first = writer.post("/articles", json={"text": TEXT, "meta": META})
    size, generation = len(store), store.generation
    again = writer.post("/articles", json={"text": TEXT, "meta": META})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["added"] is False
    assert (len(store), store.generation) == (size, generation)


def test_post_article_as_plain_text_with_query_metadata(writer: TestClient) -> None:
    r = writer.post(
        "/articles", content=TEXT.encode(), params={"title": "Plain", "published": "2022-11-04"},
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert r.status_code == 201
    assert r.json()["extraction"]["source"]["title"] == "Plain"
    assert r.json()["extraction"]["source"]["published"] == "2022-11-04"


@pytest.mark.parametrize(
    ("kwargs", "status", "detail"),
    [
        pytest.param({"json": {"text": ""}}, 422, None, id="empty-text"),
        pytest.param({"json": {"meta": {}}}, 422, "body field 'text'", id="missing-text"),
        pytest.param({"content": b"{not json", "headers": {"Content-Type": "application/json"}},
                     422, "body", id="malformed-json"),
        pytest.param({"json": {"text": TEXT, "meta": {"published": "last week"}}}, 422,
                     "body field 'meta.published'", id="bad-date"),
        pytest.param({"content": b"\xff\xfe\x00bad", "headers": {"Content-Type": "text/plain"}},
                     422, "not UTF-8", id="not-utf8"),
        pytest.param({"content": b"text", "headers": {"Content-Type": "application/pdf"}},
                     415, "application/pdf", id="pdf"),
    ],
)
def test_post_bad_article_is_a_problem(
    writer: TestClient, store: Store, kwargs: dict[str, object], status: int,
    detail: str | None,
) -> None:
    size = len(store)
    r = writer.post("/articles", **kwargs)  # type: ignore[arg-type]
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    if detail:
        assert detail in r.json()["detail"]
    assert len(store) == size


def test_post_article_needs_the_write_token_when_configured(store: Store) -> None:
    size, generation = len(store), store.generation
    with TestClient(create_app(make_settings(write_token=TOKEN), store)) as c:
        missing = c.post("/articles", json={"text": TEXT})
        wrong = c.post("/articles", json={"text": TEXT},
                       headers={"Authorization": "Bearer nope"})
        assert (len(store), store.generation) == (size, generation)
        right = c.post("/articles", json={"text": TEXT},
                       headers={"Authorization": f"Bearer {TOKEN}"})
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    assert wrong.status_code == 403
    assert right.status_code == 201


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"Origin": "https://evil.example"}, id="foreign-origin"),
        pytest.param({"Origin": "null"}, id="null-origin"),
        pytest.param({"Sec-Fetch-Site": "cross-site"}, id="sec-fetch-cross-site"),
        pytest.param({"Sec-Fetch-Site": "same-site", "Origin": "http://testserver"},
                     id="sec-fetch-same-site"),
    ],
)
def test_cross_site_simple_post_is_refused_without_a_token(
    writer: TestClient, store: Store, headers: dict[str, str]
) -> None:
    """A web page's `text/plain` form POST needs no preflight: the browser's own headers
    are what tells it apart."""
    generation = writer.get("/health").json()["generation"]
    r = writer.post("/articles", content=TEXT.encode(),
                    headers={"Content-Type": "text/plain", **headers})
    assert r.status_code == 403
    assert "from another site" in r.json()["detail"]
    assert writer.get("/health").json()["generation"] == generation


def test_same_origin_post_is_let_through_without_a_token(writer: TestClient) -> None:
    r = writer.post("/articles", json={"text": TEXT, "meta": META},
                    headers={"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
    assert r.status_code in (200, 201)


@pytest.mark.parametrize("media", ["text/plain", "application/json"])
def test_article_over_the_size_cap_is_413_before_extraction(store: Store, media: str) -> None:
    settings = make_settings(max_article_chars=len(TEXT) - 1)
    with TestClient(create_app(settings, store)) as c:
        generation = c.get("/health").json()["generation"]
        kwargs: dict[str, object] = (
            {"json": {"text": TEXT, "meta": META}} if media == "application/json"
            else {"content": TEXT.encode(), "headers": {"Content-Type": media}}
        )
        r = c.post("/articles", **kwargs)  # type: ignore[arg-type]
        assert r.status_code == 413
        assert f"more than the {len(TEXT) - 1:,} an ingest" in r.json()["detail"]
        assert c.get("/health").json()["generation"] == generation
        ok = make_settings(max_article_chars=len(TEXT))
    with TestClient(create_app(ok, store)) as c:
        assert c.post("/articles", **kwargs).status_code == 201  # type: ignore[arg-type]


def test_an_article_past_its_work_budget_is_422_and_writes_nothing(store: Store) -> None:
    size, generation = len(store), store.generation
    with TestClient(create_app(make_settings(extract_seconds=0.001), store)) as c:
        r = c.post("/articles", json={"text": TEXT, "meta": META})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"].endswith("/work-budget-exceeded")
    assert "ARMSGRAPH_EXTRACT_SECONDS" in r.json()["detail"]
    assert (len(store), store.generation) == (size, generation)


def test_an_ingest_in_a_worker_process_writes_what_an_ingest_on_the_thread_writes(
    store: Store,
) -> None:
    """ARMSGRAPH_EXTRACT_WORKERS (the server's default): extraction runs in a process of
    its own, and the write, its answer and its budget are those of the thread's ingest."""
    from armsgraph.store import OxigraphStore
    from tests.api.conftest import copy_store

    if not isinstance(store, OxigraphStore):
        pytest.skip("where the extraction runs does not depend on the store")
    other = copy_store(store)
    with TestClient(create_app(make_settings(extract_workers=1), store)) as c:
        assert c.app.state.extractors is not None  # type: ignore[attr-defined]
        there = c.post("/articles", json={"text": TEXT, "meta": META})
    with TestClient(create_app(make_settings(), other)) as c:
        assert c.app.state.extractors is None  # type: ignore[attr-defined]
        here = c.post("/articles", json={"text": TEXT, "meta": META})
    assert there.status_code == here.status_code == 201
    assert there.json() == here.json()
    graph = ids.source_graph(ids.digest(TEXT))
    assert sorted(store.triples(graph)) == sorted(other.triples(graph))
    size = len(store)
    with TestClient(create_app(make_settings(extract_workers=1, extract_seconds=0.001),
                               store)) as c:
        r = c.post("/articles", json={"text": TEXT + "\n\nOne more line.", "meta": META})
    assert r.status_code == 422 and r.json()["type"].endswith("/work-budget-exceeded")
    assert len(store) == size
