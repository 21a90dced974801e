"""Analyst reviews (graph/reason/review.py): answers follow them, and they survive re-ingest.

The article ``tests/fixtures/review/polish-leopards.txt`` (our own words) yields a delivery
Germany → Poland, a planned transfer Poland → Ukraine and, from its permission sentence,
a granted consent (the tests "correct" it to refused, as an analyst would a
misread). Only the reference data is loaded, so these are the only facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import URIRef

from armsgraph import ids
from armsgraph.errors import InputError, ParseError, UnknownEntity
from armsgraph.extract.model import Extraction, Fact
from armsgraph.load.build import curated_graphs
from armsgraph.load.ingest import IngestResult, commit, ingest, load_article
from armsgraph.load.validate import load_ontology, load_shapes
from armsgraph.reason import paths, review
from armsgraph.reason.project import project
from armsgraph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR

ARTICLE = Path(__file__).parents[2] / "fixtures" / "review" / "polish-leopards.txt"
AS_OF = "2023-06-01"
UKR, DEU, POL = (str(ids.state(c)) for c in ("UKR", "DEU", "POL"))
AT = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)


def _store() -> tuple[OxigraphStore, IngestResult]:
    st = OxigraphStore()
    for iri, g in curated_graphs(ONTOLOGY_DIR, DATA_DIR).items():
        if not str(iri).startswith(str(ids.GRAPH["case/"])):
            st.put_graph(iri, g)
    return st, ingest(st, load_article(ARTICLE))


def _facts(result: IngestResult, kind: str) -> list[Fact]:
    return [f for f in result.extraction.facts if f.type == kind]


def _verdicts(st: OxigraphStore, *, reviewed: bool = True) -> dict[str, str]:
    answer = paths.destinations(project(st, reviewed=reviewed), "Leopard 2", "Germany",
                                as_of=AS_OF)
    return {d["state"]["id"]: d["verdict"] for d in answer["destinations"]}


def _refuse(st: OxigraphStore, result: IngestResult) -> review.Review:
    """Correct the granted consent to Germany refusing Poland (as if it were misread);
    reject any other consent of the same sentence."""
    swapped, *others = sorted(_facts(result, "ReExportConsent"),
                              key=lambda f: "holder" not in f.roles)
    assert swapped.status == "granted"
    for other in others:
        review.reject(st, other.id, reviewer="Ann Analyst", reason="duplicate", at=AT)
    return review.correct(
        st, swapped.id,
        review.Correction(roles={"holder": "Poland", "consent_holder": "state/DEU"},
                          status="refused"),
        reviewer="Ann Analyst", reason="Berlin refused, the sentence was misread", at=AT)


def test_reject_the_fact_behind_a_hop_changes_the_answer() -> None:
    st, result = _store()
    assert _verdicts(st)[UKR] == "open"
    # The edges into Ukraine: the planned transfer and the consent edge with a holder.
    (planned,) = [f for f in _facts(result, "Transfer") if f.status == "planned"]
    review.reject(st, planned.id, reviewer="Ann", reason="a plan, not a decision", at=AT)
    for c in _facts(result, "ReExportConsent"):
        review.reject(st, c.id, reviewer="Ann", reason="misread", at=AT)
    assert UKR not in _verdicts(st)
    assert _verdicts(st, reviewed=False)[UKR] == "open"  # --raw ignores the reviews


def test_correct_a_consent_to_refused_blocks_with_the_reviewer_named() -> None:
    st, result = _store()
    rev = _refuse(st, result)
    answer = paths.destinations(project(st), "Leopard 2", "Germany", as_of=AS_OF)
    (ukraine,) = [d for d in answer["destinations"] if d["state"]["id"] == UKR]
    assert ukraine["verdict"] == "blocked"
    reasons = [b for p in ukraine["paths"] for b in p["blocked_by"]]
    assert {(b["statement"], b["reviewed_by"], b["reviewed_on"]) for b in reasons} == {
        (rev.generated, "Ann Analyst", "2026-12-03")}
    marks = [e["review"] for p in ukraine["paths"] for h in p["hops"] for e in h["evidence"]
             if "review" in e]
    assert marks and {m["text"] for m in marks} == {"corrected by Ann Analyst on 2026-12-03"}
    assert {m["revision_of"] for m in marks} == {rev.target}


def test_reviews_survive_reingesting_the_article() -> None:
    st, result = _store()
    _refuse(st, result)
    st.drop_graph(result.graph)
    again = ingest(st, load_article(ARTICLE))
    assert again.added and again.graph == result.graph
    assert _verdicts(st)[UKR] == "blocked"
    assert review.overlay(st).unmatched == ()


def test_reviews_follow_a_changed_extractor_by_source_and_span() -> None:
    st, result = _store()
    _refuse(st, result)
    st.drop_graph(result.graph)
    renamed = [replace(f, id=f.id + "-v2") for f in result.extraction.facts]
    commit(st, replace(result.extraction, facts=renamed))
    ov = review.overlay(st)
    assert set(ov.rematched.values()) == {f.id for f in renamed
                                          if f.type == "ReExportConsent"}
    assert ov.unmatched == ()
    assert _verdicts(st)[UKR] == "blocked"


def test_a_review_whose_fact_is_gone_is_reported_unmatched() -> None:
    st, result = _store()
    (planned,) = [f for f in _facts(result, "Transfer") if f.status == "planned"]
    rev = review.reject(st, planned.id, reviewer="Ann", reason="wrong", at=AT)
    st.drop_graph(result.graph)
    kept = [f for f in result.extraction.facts if f.id != planned.id]
    commit(st, Extraction(source=result.extraction.source, facts=kept,
                          entities=result.extraction.entities,
                          text_sha256=result.extraction.text_sha256))
    assert [r.id for r in review.overlay(st).unmatched] == [rev.id]


def test_withdrawing_a_correction_restores_the_extracted_fact() -> None:
    st, result = _store()
    rev = _refuse(st, result)
    assert _verdicts(st)[UKR] == "blocked"
    review.withdraw(st, rev.id, reviewer="Ann Analyst", reason="checked again", at=AT)
    ov = review.overlay(st)
    assert rev.generated in ov.hidden and rev.target not in ov.hidden
    assert _verdicts(st)[UKR] == "open"


def test_accept_marks_the_evidence() -> None:
    st, result = _store()
    (delivered,) = [f for f in _facts(result, "Transfer") if f.status == "delivered"]
    rev = review.accept(st, delivered.id, reviewer="Ben", at=AT)
    G = project(st)
    (edge,) = [d for _, _, d in G.edges(data=True) if d["statement"] == delivered.id]
    assert edge["review"].review == rev.id and edge["review"].action == "accepted"


def test_add_a_fact_by_hand() -> None:
    st, result = _store()
    sentence = result.extraction.facts[0].sentence
    rev = review.add_fact(st, review.NewFact(
        source=result.extraction.source.id, sentence=sentence, type="Transfer",
        status="delivered", roles={"supplier": "POL", "recipient": "Ukraine",
                                   "item": "Leopard 2"}, date="2023-02"),
        reviewer="Ann", at=AT)
    G = project(st)
    (edge,) = [d for _, _, d in G.edges(data=True) if d["statement"] == rev.generated]
    assert (edge["kind"], edge["review"].action, edge["sentence"]) == (
        "transfer", "added", sentence)
    assert rev.generated not in {d["statement"] for _, _, d in
                                 project(st, reviewed=False).edges(data=True)}


def test_export_and_import_round_trip(tmp_path: Path) -> None:
    st, result = _store()
    _refuse(st, result)
    n = len(review.reviews(st))
    assert n == len(_facts(result, "ReExportConsent"))  # one correction, the rest rejected
    data = review.export_reviews(st)
    other, _ = _store()
    shapes, ontology = load_shapes(ONTOLOGY_DIR), load_ontology(ONTOLOGY_DIR)
    first = review.import_reviews(other, data, shapes, ontology)
    assert (first.added, first.present) == (n, 0)
    again = review.import_reviews(other, data, shapes, ontology)
    assert (again.added, again.present) == (0, n)
    assert review.overlay(other).hidden == review.overlay(st).hidden
    assert _verdicts(other)[UKR] == "blocked"


def test_bad_input_is_refused_with_the_value_named() -> None:
    st, result = _store()
    fact = result.extraction.facts[0].id
    with pytest.raises(InputError, match="reason"):
        review.reject(st, fact, reviewer="Ann", reason=" ")
    with pytest.raises(InputError, match="reviewer"):
        review.accept(st, fact, reviewer="")
    with pytest.raises(UnknownEntity, match="fact/nope"):
        review.accept(st, "fact/nope", reviewer="Ann")
    with pytest.raises(InputError, match="'pilot'"):
        review.correct(st, fact, review.Correction(roles={"pilot": "Poland"}), reviewer="Ann")
    with pytest.raises(InputError, match="'maybe'"):
        review.correct(st, fact, review.Correction(status="maybe"), reviewer="Ann")
    with pytest.raises(InputError, match="must change"):
        review.correct(st, fact, review.Correction(), reviewer="Ann")
    with pytest.raises(UnknownEntity, match="Atlantis"):
        review.correct(st, fact, review.Correction(roles={"recipient": "Atlantis"}),
                       reviewer="Ann")
    before = len(st)
    bad = b"<https://example.org/g> { <https://e/a> <https://e/b> <https://e/c> . }"
    with pytest.raises(ParseError, match="example.org/g"):
        review.import_reviews(st, bad, load_shapes(ONTOLOGY_DIR))
    assert len(st) == before
    assert str(review.statement_iri(URIRef(fact).rsplit("/", 1)[-1])) == fact


def test_reviews_of_sipri_rows_survive_a_revised_register(tmp_path: Path) -> None:
    from armsgraph.load.sipri import import_register  # noqa: PLC0415
    from armsgraph.namespace import ARMS  # noqa: PLC0415
    from tests.graph.load.test_sipri import FIXTURE, one, reference_store  # noqa: PLC0415

    st = reference_store()
    import_register(st, FIXTURE)
    deal = one(st, "MIM-104 PAC-3 MSE", 2018)
    hashes = {t[2] for t in st.triples() if t[0] == deal and t[1] == ARMS.recordHash}
    rev = review.reject(st, str(deal), reviewer="Ann", reason="row misread", at=AT)
    assert str(deal) in review.overlay(st).hidden
    # A later release revises the deal (more delivered, one more year) and its date.
    row = ("Japan,United States,2018,?,300,?,MIM-104 PAC-3 MSE,anti-ballistic missile,120,?,"
           "2021; 2022; 2023,")
    text = FIXTURE.read_text(encoding="latin-1")  # SIPRI's export encoding
    assert row in text
    revised = tmp_path / "register.csv"
    revised.write_text(text.replace(row, row.replace(",120,?,2021; 2022; 2023,",
                                                       ",180,?,2021; 2022; 2023; 2024,"))
                       .replace("Data generated: 3 March 2026", "Data generated: 9 March 2027"),
                       encoding="latin-1")
    report = import_register(st, revised)
    assert report.triples > 0
    assert one(st, "MIM-104 PAC-3 MSE", 2018) == deal  # the register's own identity
    after = {t[2] for t in st.triples() if t[0] == deal and t[1] == ARMS.recordHash}
    assert after and after != hashes  # the deal itself was rewritten
    ov = review.overlay(st)
    assert str(deal) in ov.hidden and ov.rejected[str(deal)].review == rev.id
    assert ov.unmatched == ()


def test_correct_the_date_and_the_type() -> None:
    from armsgraph.namespace import ARMS  # noqa: PLC0415

    st, result = _store()
    (planned,) = [f for f in _facts(result, "Transfer") if f.status == "planned"]
    old = review.statement_iri(planned.id)
    before = {t for t in st.triples() if t[0] == old}
    rev = review.correct(st, planned.id, review.Correction(date="2024-05", type="Request"),
                         reviewer="Ann", reason="a request, dated in the next paragraph", at=AT)
    assert rev.generated is not None
    new = URIRef(rev.generated)
    stated = {(p, o) for s, p, o in st.triples() if s == new}
    assert (ARMS.date, review._T.date_literal("2024-05")) in stated  # noqa: SLF001
    assert (ARMS.datePrecision, ARMS.MonthPrecision) in stated
    types = {o for p, o in stated if str(p).endswith("#type")}
    assert types == {ARMS.Request}
    # The original is unchanged; only the curated graph uses the copy instead.
    assert {t for t in st.triples() if t[0] == old} == before
    assert (ARMS.date, review._T.date_literal("2024-05")) not in {  # noqa: SLF001
        (p, o) for _, p, o in before}
    assert str(old) in review.overlay(st).hidden
