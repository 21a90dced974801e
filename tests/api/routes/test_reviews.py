"""/reviews and /review/queue (api/routes/reviews.py): analyst review through the API.

The store holds the reference data and the fixture article of tests/graph/reason/test_review.py
(our own words: Germany delivered Leopard 2 tanks to Poland, Poland plans to send them to
Ukraine, Berlin granted the permission). Answers are asked as of that module's AS_OF.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from armsgraph.load.ingest import IngestResult
from armsgraph.reason.review import statement_iri
from armsgraph.store import OxigraphStore
from armsgraph_api.main import create_app
from tests.api.conftest import make_settings
from tests.graph.reason.test_review import AS_OF, UKR, _facts, _store

Q = {"item": "Leopard 2", "origin": "Germany", "as_of": AS_OF}
TOKEN = "review-token"


@pytest.fixture()
def world() -> tuple[OxigraphStore, IngestResult]:
    return _store()


@pytest.fixture()
def client(world: tuple[OxigraphStore, IngestResult]) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(), world[0])) as c:
        yield c


def _verdict(client: TestClient, **extra: object) -> str | None:
    r = client.get("/destinations", params={**Q, **extra})
    assert r.status_code == 200, r.text
    return next((d["verdict"] for d in r.json()["destinations"] if d["state"]["id"] == UKR),
                None)


def _consent(world: tuple[OxigraphStore, IngestResult]) -> str:
    (consent,) = _facts(world[1], "ReExportConsent")
    return consent.id


def test_correct_a_misread_consent_blocks_with_the_reviewer_named(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    assert _verdict(client) == "open"
    r = client.post("/reviews", json={
        "action": "correct", "statement": _consent(world), "reviewer": "Ann Analyst",
        "reason": "Berlin refused", "change": {"status": "refused",
                                                "roles": {"holder": "state/POL"}}})
    assert r.status_code == 201, r.text
    rev = r.json()
    assert (rev["action"], rev["reviewer_name"], rev["target"]) == (
        "correct", "Ann Analyst", _consent(world))
    answer = client.get("/destinations", params=Q).json()
    (ukraine,) = [d for d in answer["destinations"] if d["state"]["id"] == UKR]
    assert ukraine["verdict"] == "blocked"
    blocked = [b for p in ukraine["paths"] for b in p["blocked_by"]]
    assert {(b["statement"], b["reviewed_by"]) for b in blocked} == {
        (rev["generated"], "Ann Analyst")}
    assert _verdict(client, reviewed="false") == "open"  # the raw graph ignores reviews
    listed = client.get("/reviews").json()
    assert (listed["total"], listed["unmatched"]) == (1, 0)
    assert listed["items"][0]["id"] == rev["id"] and listed["items"][0]["matches"]


def test_reject_then_withdraw(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    planned = next(f.id for f in _facts(world[1], "Transfer") if f.status == "planned")
    ids = []
    for statement in (planned, _consent(world)):
        r = client.post("/reviews", json={"action": "reject", "statement": statement,
                                          "reviewer": "Ann", "reason": "misread"})
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    assert _verdict(client) is None  # nothing left carries the tanks to Ukraine
    r = client.post("/reviews", json={"action": "withdraw", "review": ids[1],
                                      "reviewer": "Ann"})
    assert r.status_code == 201 and r.json()["withdraws"] == ids[1]
    assert _verdict(client) == "open"  # the consent edge is back


def test_queue_lowest_confidence_first_and_reviewed_leave(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    by_id = {f.id: f for f in world[1].extraction.facts}
    q = client.get("/review/queue", params=Q).json()
    confidences = [e["confidence"] for e in q["items"]]
    assert confidences == sorted(confidences) and q["total"] == len(q["items"]) == 3
    assert [e["confidence"] for e in q["items"]] == [by_id[e["statement"]].confidence
                                                     for e in q["items"]]
    assert q["items"][0]["statement"] == _consent(world)
    client.post("/reviews", json={"action": "accept", "statement": _consent(world),
                                  "reviewer": "Ann"})
    after = client.get("/review/queue", params={**Q, "limit": 1}).json()
    assert (after["total"], after["limit"], len(after["items"])) == (2, 1, 1)
    assert _consent(world) not in {e["statement"] for e in after["items"]}
    assert client.get("/review/queue", params={**Q, "item": "Atlantis gun"}).status_code == 404


def test_add_a_fact_by_hand(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    fact = world[1].extraction.facts[0]
    r = client.post("/reviews", json={"action": "add", "reviewer": "Ann", "fact": {
        "source": world[1].extraction.source.id, "sentence": fact.sentence,
        "type": "Transfer", "status": "delivered", "date": "2023-02",
        "roles": {"supplier": "POL", "recipient": "Ukraine", "item": "Leopard 2"}}})
    assert r.status_code == 201, r.text
    answer = client.get("/paths", params={**Q, "to": "UKR"}).json()
    evidence = [e for p in answer["destinations"][0]["paths"] for h in p["hops"]
                for e in h["evidence"]]
    assert r.json()["generated"] in {e["statement"] for e in evidence}


def test_export_and_import_trig(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    client.post("/reviews", json={"action": "reject", "statement": _consent(world),
                                  "reviewer": "Ann", "reason": "misread"})
    r = client.get("/reviews/export")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/trig")
    other, _ = _store()
    with TestClient(create_app(make_settings(), other)) as c2:
        bad = c2.post("/reviews/import", content=r.content,
                      headers={"Content-Type": "text/turtle"})
        assert bad.status_code == 415 and "application/trig" in bad.json()["detail"]
        first = c2.post("/reviews/import", content=r.content,
                        headers={"Content-Type": "application/trig"})
        assert first.status_code == 200 and first.json() == {"added": 1, "present": 0}
        again = c2.post("/reviews/import", content=r.content,
                        headers={"Content-Type": "application/trig"})
        assert again.json() == {"added": 0, "present": 1}
        junk = c2.post("/reviews/import", content=b"<not trig",
                       headers={"Content-Type": "application/trig"})
        assert junk.status_code == 400
        assert c2.get("/reviews").json()["total"] == 1


@pytest.mark.parametrize(("body", "status", "needle"), [
    ({"action": "reject", "statement": "fact/x", "reviewer": "Ann"}, 422, "reason"),
    ({"action": "approve", "statement": "fact/x", "reviewer": "Ann"}, 422, "action"),
    ({"action": "accept", "statement": "fact/nope", "reviewer": "Ann"}, 404, "fact/nope"),
    ({"action": "accept", "statement": "fact/x", "reviewer": ""}, 422, "reviewer"),
    ({"action": "withdraw", "review": "review/nope", "reviewer": "Ann"}, 404, "review/nope"),
])
def test_bad_reviews_are_refused_and_nothing_is_written(
    client: TestClient, world: tuple[OxigraphStore, IngestResult],
    body: dict[str, str], status: int, needle: str,
) -> None:
    before = world[0].generation
    r = client.post("/reviews", json=body)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert needle in r.text
    assert world[0].generation == before


def test_writes_need_the_token_when_one_is_set(
    world: tuple[OxigraphStore, IngestResult]
) -> None:
    body = {"action": "accept", "statement": _consent(world), "reviewer": "Ann"}
    with TestClient(create_app(make_settings(write_token=TOKEN), world[0])) as c:
        assert c.post("/reviews", json=body).status_code == 401
        assert c.post("/reviews", json=body,
                      headers={"Authorization": "Bearer wrong"}).status_code == 403
        ok = c.post("/reviews", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 201
        assert c.get("/reviews").json()["total"] == 1  # reading needs no token


def test_fact_lists_and_exports_follow_reviews(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    planned = next(f.id for f in _facts(world[1], "Transfer") if f.status == "planned")
    delivered = next(f.id for f in _facts(world[1], "Transfer") if f.status == "delivered")
    client.post("/reviews", json={"action": "reject", "statement": planned,
                                  "reviewer": "Ann", "reason": "misread"})
    client.post("/reviews", json={"action": "accept", "statement": delivered,
                                  "reviewer": "Ann"})

    def listed(**params: object) -> dict[str, str | None]:
        items = client.get("/facts", params={"limit": 1000, **params}).json()["items"]
        return {f["iri"]: f["review"] for f in items}

    curated, raw = listed(), listed(reviewed="false")
    assert planned not in curated and planned in raw
    assert curated[delivered] is not None and curated[delivered].startswith("accepted by Ann on")
    assert raw[delivered] is None  # the raw list carries no review marks
    csv_rows = client.get("/facts.csv").text.splitlines()
    assert csv_rows[0].endswith(",review")
    assert not any(planned.rsplit("/", 1)[1] in row for row in csv_rows)
    (row,) = [r for r in csv_rows if delivered.rsplit("/", 1)[1] in r]
    assert row.split(",")[-1].startswith("accepted by Ann on")
    nt = client.get("/export", params={"format": "nt"}).text
    subjects = {line.split(" ", 1)[0] for line in nt.splitlines()}
    assert f"<{planned}>" not in subjects and f"<{delivered}>" in subjects
    assert f"<{planned}> " in client.get("/export", params={"format": "nt",
                                                            "reviewed": "false"}).text


def test_sparql_sees_the_curated_graph_and_the_raw_one_on_request(
    client: TestClient, world: tuple[OxigraphStore, IngestResult]
) -> None:
    (planned,) = [f for f in _facts(world[1], "Transfer") if f.status == "planned"]
    iri = str(statement_iri(planned.id))
    query = {"query": "SELECT DISTINCT ?s WHERE { ?s a ?type }"}

    def subjects(**extra: str) -> set[str]:
        r = client.get("/sparql", params={**query, **extra},
                       headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200, r.text
        return {b["s"]["value"] for b in r.json()["results"]["bindings"]}

    assert iri in subjects()
    r = client.post("/reviews", json={"action": "reject", "statement": planned.id,
                                      "reviewer": "Ann", "reason": "a plan, not a decision"})
    assert r.status_code == 201, r.text
    assert iri not in subjects()
    assert iri in subjects(reviewed="false")
    assert r.json()["id"] in subjects()  # the review itself is in the curated graph
    r = client.post("/sparql", params={"reviewed": "false"}, content=query["query"],
                    headers={"Content-Type": "application/sparql-query",
                             "Accept": "application/sparql-results+json"})
    assert r.status_code == 200 and iri in {b["s"]["value"] for b in
                                            r.json()["results"]["bindings"]}
