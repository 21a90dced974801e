"""The review queue (graph/reason/review_queue.py): the unreviewed facts behind an answer.

The fixture article (tests/fixtures/review/polish-leopards.txt, our own words) gives
three facts behind the Leopard 2 answer from Germany: two transfers the extractor scores
0.85 and one consent it scores 0.80 (the confidences ``graph/extract`` gives a stated
delivery or plan and a permission sentence).
"""

from __future__ import annotations

from armsgraph.reason import paths, review
from armsgraph.reason.project import project
from armsgraph.reason.review_queue import cited_statements, queue
from tests.graph.reason.test_review import AS_OF, AT, _facts, _store


def _queue(st: object) -> list[str]:
    G = project(st)  # type: ignore[arg-type]
    answer = paths.destinations(G, "Leopard 2", "Germany", as_of=AS_OF)
    return [e.statement for e in queue(G, answer)]


def test_lowest_confidence_first_and_every_cited_fact_is_there() -> None:
    st, result = _store()
    G = project(st)
    answer = paths.destinations(G, "Leopard 2", "Germany", as_of=AS_OF)
    entries = queue(G, answer)
    by_id = {f.id: f for f in result.extraction.facts}
    assert [e.confidence for e in entries] == sorted(e.confidence for e in entries)
    assert {e.statement for e in entries} == set(cited_statements(answer))
    for e in entries:  # what the queue says is what the extractor wrote
        assert e.confidence == by_id[e.statement].confidence
        assert e.sentence is not None and e.sentence in by_id[e.statement].sentence
    (consent,) = _facts(result, "ReExportConsent")
    assert entries[0].statement == consent.id
    assert entries[0].kind == "consent"


def test_reviewed_facts_leave_the_queue() -> None:
    st, result = _store()
    (consent,) = _facts(result, "ReExportConsent")
    (planned,) = [f for f in _facts(result, "Transfer") if f.status == "planned"]
    before = _queue(st)
    assert consent.id in before and planned.id in before
    review.accept(st, consent.id, reviewer="Ann", at=AT)
    assert _queue(st) == [s for s in before if s != consent.id]  # accepted: settled
    review.reject(st, planned.id, reviewer="Ann", reason="only a plan", at=AT)
    assert planned.id not in _queue(st)  # rejected: no longer behind the answer
