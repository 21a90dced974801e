"""The extractor against the hand-written gold of ``tests/gold``: the suite's quality bar.

The gold is written from reading the articles (``tests/gold/README.md`` says how); these
tests fail when extraction falls below micro-F1 0.85 on the seed article or 0.80 pooled
over the other gold articles. Run ``pytest -s`` (or ``armsgraph eval tests/gold``) to see
the score tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from armsgraph.extract.evaluate import (
    FACT_ROLES,
    GOLD_STATUSES,
    GoldArticle,
    Report,
    evaluate_dir,
    gold_files,
    load_extractor,
    load_gold,
)
from armsgraph.render.tables import print_report
from armsgraph.settings import PROJECT_ROOT

GOLD_DIR = PROJECT_ROOT / "tests" / "gold"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
SEED = "article-japan-patriots"
SEED_MIN_F1 = 0.85
OTHERS_MIN_F1 = 0.80
ID = "https://w3id.org/armsgraph/id/"


@pytest.fixture(scope="module")
def articles() -> list[GoldArticle]:
    return [load_gold(path) for path in gold_files(GOLD_DIR)]


@pytest.fixture(scope="module")
def report() -> Report:
    """Every gold article run through ``armsgraph.extract.extract`` once for this module."""
    result = evaluate_dir(GOLD_DIR, load_extractor("armsgraph.extract:extract"))
    print_report(result)  # shown with pytest -s, and in the report when a test fails
    return result


# ----------------------------------------------------------------- the gold itself


def test_corpus_has_the_seed_and_six_more(articles: list[GoldArticle]) -> None:
    names = [a.name for a in articles]
    assert SEED in names
    assert len(names) - 1 >= 6, names


def test_seed_gold_points_to_the_seed_article(articles: list[GoldArticle]) -> None:
    seed = next(a for a in articles if a.name == SEED)
    assert seed.text_path == (PROJECT_ROOT / "data" / "articles" / f"{SEED}.txt").resolve()
    assert seed.meta["published"] == "2024-03-23"


@pytest.mark.parametrize(
    "path", [p for p in gold_files(GOLD_DIR) if not p.name.startswith(SEED)], ids=lambda p: p.name
)
def test_test_articles_are_ours_and_complete(path: Path) -> None:
    article = load_gold(path)
    name = article.name
    assert article.text_path == (GOLD_DIR / f"{name}.txt").resolve()
    words = len(article.text.split())
    assert 300 <= words <= 700, f"{name}: {words} words"
    meta = article.meta
    assert set(meta) >= {"title", "outlet", "url", "language", "published"}
    assert meta["outlet"] == "armsgraph test corpus"
    assert meta["url"] == f"https://example.org/armsgraph-test/{name}"
    assert meta["language"] == "en"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["published"])
    assert article.text.splitlines()[0] == meta["title"]
    assert len(article.facts) >= 10


def test_every_fact_type_is_in_the_gold(articles: list[GoldArticle]) -> None:
    seen = {f["type"] for a in articles for f in a.facts}
    assert seen == set(FACT_ROLES)


def test_gold_ids_exist_in_the_reference_data(articles: list[GoldArticle]) -> None:
    reference = Graph()
    for ttl in sorted(REFERENCE_DIR.glob("*.ttl")):
        reference.parse(ttl, format="turtle")
    subjects = set(reference.subjects())
    missing = sorted(
        {
            f"{a.name}: {entity['id']}"
            for a in articles
            for f in a.facts
            for entity in f["roles"].values()
            if entity["id"]
            and entity["id"].startswith((f"{ID}state/", f"{ID}system/", f"{ID}org/"))
            and URIRef(entity["id"]) not in subjects
        }
    )
    assert not missing, missing


def test_gold_vocabulary_is_the_extractors() -> None:
    from armsgraph.extract.model import CONSENT_STATUSES, ROLES, STATUSES

    assert FACT_ROLES == ROLES
    assert GOLD_STATUSES["ReExportConsent"] == set(CONSENT_STATUSES)
    assert GOLD_STATUSES["Transfer"] >= set(STATUSES)


# ----------------------------------------------------------------- the extractor's score


def test_seed_article_micro_f1(report: Report) -> None:
    micro = report[SEED].scores.micro
    assert micro.f1 >= SEED_MIN_F1, (
        f"seed micro-F1 {micro.f1:.3f} < {SEED_MIN_F1} "
        f"(P {micro.precision:.3f}, R {micro.recall:.3f}, {micro})"
    )


def test_other_articles_pooled_micro_f1(report: Report) -> None:
    others = [a.name for a in report.articles if a.name != SEED]
    micro = report.pooled(others).micro
    assert micro.f1 >= OTHERS_MIN_F1, (
        f"micro-F1 over {len(others)} test articles {micro.f1:.3f} < {OTHERS_MIN_F1} "
        f"(P {micro.precision:.3f}, R {micro.recall:.3f}, {micro})"
    )
