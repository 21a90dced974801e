"""extract() end to end: bad input, the seed article, invariants, fuzzing."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import ids
from graph.errors import ExtractionError, ParseError
from graph.extract import extract
from graph.extract.catalog import Catalog
from graph.settings import PROJECT_ROOT

SEED = PROJECT_ROOT / "data" / "articles" / "article-japan-patriots.txt"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param("", "empty", id="empty"),
        pytest.param("   \n\t ", "empty", id="blank"),
        pytest.param("<html><body><p>Germany sent tanks.</p></body></html>", "HTML", id="html"),
        pytest.param("Die Bundesregierung hat beschlossen, der Ukraine weitere Panzer zu "
                     "liefern, wie ein Sprecher am Mittwoch in Berlin mitteilte. Die "
                     "Lieferung soll noch in diesem Jahr erfolgen, hieß es aus Kreisen "
                     "des Ministeriums, das keine Einzelheiten nannte.", "English",
                     id="german"),
        pytest.param("Germany sent tanks." * 110_000, "limit", id="too-long"),
        pytest.param("\x00\x01\x02binary\x00" * 50, "binary", id="binary"),
    ],
)
def test_extract_refuses_bad_text(catalog: Catalog, text: str, says: str) -> None:
    with pytest.raises(ExtractionError, match=says):
        extract(text, None, catalog)


@pytest.mark.parametrize(
    "meta",
    [
        pytest.param({"published": "last Tuesday"}, id="bad-date"),
        pytest.param({"title": 42}, id="title-not-string"),
        pytest.param({"published": ["2024-01-01"]}, id="date-not-string"),
    ],
)
def test_extract_refuses_bad_meta(catalog: Catalog, meta: dict[str, object]) -> None:
    with pytest.raises(ParseError):
        extract("Germany delivered Leopard 2 tanks to Ukraine.", meta, catalog)


def test_relative_dates_flagged_without_publication_date(catalog: Catalog) -> None:
    x = extract("Germany delivered Leopard 2 tanks to Ukraine last month.", None, catalog)
    (f,) = x.facts
    assert f.date is not None and f.date.value is None and f.date.unresolved
    assert any("unresolved" in w for w in x.warnings)


@pytest.fixture(scope="module")
def seed() -> dict[str, object]:
    text = SEED.read_text(encoding="utf-8")
    meta = json.loads(SEED.with_name("article-japan-patriots.meta.json").read_text())
    return {"text": text, "x": extract(text, meta)}


def _has(x: object, ftype: str, status: str, **roles: str) -> bool:
    for f in x.facts:  # type: ignore[attr-defined]
        if f.type == ftype and f.status == status and all(
                r in f.roles and f.roles[r].id == v for r, v in roles.items()):
            return True
    return False


JPN, USA, UKR, RUS = (str(ids.state(c)) for c in ("JPN", "USA", "UKR", "RUS"))
PATRIOT = str(ids.system("patriot"))


def test_seed_planned_transfer_japan_to_us(seed: dict[str, object]) -> None:
    x = seed["x"]
    assert _has(x, "Transfer", "planned", supplier=JPN, recipient=USA, item=PATRIOT)
    f = next(f for f in x.facts if f.type == "Transfer" and f.status == "planned"  # type: ignore[attr-defined]
             and f.roles.get("recipient") and f.roles["recipient"].id == USA)
    assert (f.date.value, f.date.precision) == ("2023-12-20", "day")


def test_seed_licence_from_us(seed: dict[str, object]) -> None:
    assert _has(seed["x"], "ProductionLicense", "granted", licensor=USA, licensee=JPN,
                item=PATRIOT)


def test_seed_consent_and_hypothetical_transfer(seed: dict[str, object]) -> None:
    x = seed["x"]
    assert _has(x, "ReExportConsent", "required", holder=USA, destination=UKR,
                consent_holder=JPN, item=PATRIOT)
    assert _has(x, "Transfer", "hypothetical", supplier=USA, recipient=UKR, item=PATRIOT)


def test_seed_threat_spoken_by_ambassador_via_ria(seed: dict[str, object]) -> None:
    x = seed["x"]
    nozdrev = str(ids.person("Nikolai Nozdrev"))
    assert _has(x, "Threat", "threatened", actor=RUS, target=JPN, speaker=nozdrev)
    quoted = [f for f in x.facts if f.type == "Threat" and f.sentence.startswith("“")]  # type: ignore[attr-defined]
    assert quoted and quoted[0].attribution.speaker.id == nozdrev
    assert quoted[0].attribution.via.label == "RIA Novosti"
    person = next(e for e in x.entities if e.id == nozdrev)  # type: ignore[attr-defined]
    assert person.based_in == RUS  # from the text, or from the curated case when linked


def test_seed_policy_relaxation_december_2023(seed: dict[str, object]) -> None:
    x = seed["x"]
    dates = {(f.date.value, f.date.precision) for f in x.facts  # type: ignore[attr-defined]
             if f.type == "Policy" and f.date and f.roles["actor"].id == JPN}
    assert ("2023-12", "month") in dates


def test_seed_spans_match_text(seed: dict[str, object]) -> None:
    text = seed["text"]
    for f in seed["x"].facts:  # type: ignore[attr-defined]
        assert text[f.span[0]:f.span[1]] == f.sentence  # type: ignore[index]
        assert f.rule and 0 < f.confidence <= 1


def test_seed_fact_ids_are_stable(seed: dict[str, object]) -> None:
    again = extract(seed["text"], {"published": "2024-03-23"})  # type: ignore[arg-type]
    assert {f.id for f in again.facts} == {f.id for f in seed["x"].facts}  # type: ignore[attr-defined]


def test_json_shape(seed: dict[str, object]) -> None:
    data = json.loads(json.dumps(seed["x"].to_json()))  # type: ignore[attr-defined]
    assert set(data) >= {"source", "entities", "facts"}
    assert set(data["source"]) == {"id", "title", "outlet", "url", "published", "language",
                                   "key"}
    f = data["facts"][0]
    assert {"id", "type", "status", "roles", "date", "confidence", "sentence", "span", "rule",
            "attribution"} <= set(f)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=400))
def test_extract_never_crashes_on_random_text(catalog: Catalog, text: str) -> None:
    try:
        x = extract(text, None, catalog)
    except ExtractionError:
        return
    for f in x.facts:
        assert text[f.span[0]:f.span[1]] == f.sentence


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(
    ["Germany", "sent", "Leopard", "2", "tanks", "to", "Ukraine", "if", "would", "not",
     "Berlin's", "approval", "“", "”", ",", ".", "the", "them", "he", "said", "asked",
     "President", "Olaf", "Scholz", "threatened", "Russia", "in", "May", "2023", "\n"]),
    min_size=1, max_size=60))
def test_extract_never_crashes_on_word_salad(catalog: Catalog, words: list[str]) -> None:
    text = " ".join(words)
    try:
        extract(text, {"published": "2024-01-01"}, catalog)
    except ExtractionError:
        pass


def test_no_break_spaces_do_not_hide_names(catalog: Catalog) -> None:
    text = "Poland delivered 14\u00a0Leopard\u00a02A6 tanks to Ukraine in May\u202f2023."
    x = extract(text, {"published": "2023-06-01"}, catalog)
    (f,) = x.facts
    assert f.roles["item"].id.endswith("/leopard-2a6")
    assert text[f.span[0]:f.span[1]] == f.sentence == text
    assert (f.date.value, f.quantity) == ("2023-05", 14)  # type: ignore[union-attr]


def test_a_long_text_is_parsed_in_chunks_with_the_same_text_and_facts() -> None:
    """Past CHUNK_CHARS the parser reads paragraph-bounded chunks joined into one Doc
    (linear time): its text is the input's, and the facts equal those of one parse."""
    import graph.extract as extraction
    from graph.extract import _parse

    article = PROJECT_ROOT / "data" / "articles" / "article-japan-patriots.txt"
    text = article.read_text(encoding="utf-8")
    meta = json.loads(article.with_name("article-japan-patriots.meta.json").read_text())
    long = "\n\n".join(f"{text}\n\nThis is update number {i} of the story." for i in range(5))
    assert len(long) > 1.5 * extraction.CHUNK_CHARS
    doc = _parse(long)
    assert doc.text == long
    chunked = extract(long, meta).to_json()
    one = extraction.CHUNK_CHARS
    try:
        extraction.CHUNK_CHARS = 10 * len(long)
        whole = extract(long, meta).to_json()
    finally:
        extraction.CHUNK_CHARS = one
    assert chunked == whole and len(chunked["facts"]) == 5 * len(extract(text, meta).facts)
