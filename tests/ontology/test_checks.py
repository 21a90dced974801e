"""The data-quality checks in ``ontology/checks/*-violation.rq``.

Each check must return no rows on the built graph, and each must return rows on a tiny
graph that breaks its rule, so that no check is one that cannot fail.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from armsgraph import ids
from armsgraph.load.validate import load_ontology
from armsgraph.store import OxigraphStore
from tests.conftest import ONTOLOGY_DIR

CHECKS = sorted((ONTOLOGY_DIR / "checks").glob("*-violation.rq"))

PREFIXES = """
@prefix arms:    <https://w3id.org/armsgraph/ontology#> .
@prefix ex:      <https://example.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
"""

#: For each check: a graph that breaks its rule, and an IRI the check must report.
BAD: dict[str, tuple[str, str]] = {
    "statement-without-source": (
        "ex:t a arms:Transfer ; arms:modality arms:Planned .",
        "https://example.org/t",
    ),
    "entity-without-label": (
        """ex:src a arms:Source . ex:japan rdfs:label "Japan" .
        ex:t a arms:Transfer ; arms:supplier ex:japan ; arms:recipient ex:nolabel ;
            prov:wasDerivedFrom ex:src .""",
        "https://example.org/nolabel",
    ),
    "transfer-to-self": (
        "ex:t a arms:Transfer ; arms:supplier ex:japan ; arms:recipient ex:japan .",
        "https://example.org/t",
    ),
    "span-without-offsets": (
        """ex:article arms:contentHash "ab12" .
        ex:t arms:sentence "Japan sent missiles." ; prov:wasDerivedFrom ex:article ;
            arms:startChar 0 .""",
        "https://example.org/t",
    ),
    "bad-span": (
        """ex:t arms:sentence "Japan sent missiles." ; arms:startChar 10 ; arms:endChar 20 .
        ex:u arms:startChar 20 ; arms:endChar 20 .""",
        "https://example.org/t",
    ),
    "policy-versions-overlap": (
        """ex:v1 arms:versionOf ex:p ; arms:validFrom "2014-04-01"^^xsd:date ;
            arms:validTo "2023-12-22"^^xsd:date .
        ex:v2 arms:versionOf ex:p ; arms:validFrom "2023-12-22"^^xsd:date .""",
        "https://example.org/p",
    ),
    "consent-holder-equals-holder": (
        "ex:c a arms:ReExportConsent ; arms:holder ex:germany ; arms:consentHolder ex:germany .",
        "https://example.org/c",
    ),
    "date-precision-missing": (
        'ex:t a arms:Transfer ; arms:date "2024-07"^^xsd:gYearMonth .',
        "https://example.org/t",
    ),
    "event-without-modality": (
        "ex:th a arms:Threat ; arms:actor ex:russia ; arms:target ex:japan .",
        "https://example.org/th",
    ),
}

#: The same graphs with the rule kept: the check must return nothing.
GOOD: dict[str, str] = {
    "statement-without-source": "ex:t a arms:Transfer ; prov:wasDerivedFrom ex:src .",
    "entity-without-label": """ex:japan rdfs:label "Japan" . ex:usa rdfs:label "USA" .
        ex:t a arms:Transfer ; arms:supplier ex:japan ; arms:recipient ex:usa .""",
    "transfer-to-self": "ex:t a arms:Transfer ; arms:supplier ex:japan ; arms:recipient ex:usa .",
    "span-without-offsets": """ex:article arms:contentHash "ab12" .
        ex:t arms:sentence "Japan sent missiles." ; prov:wasDerivedFrom ex:article ;
            arms:startChar 0 ; arms:endChar 20 .
        ex:quote arms:sentence "to be used in Ukraine" ; prov:wasDerivedFrom ex:web .""",
    "bad-span": """ex:t arms:sentence "Japan sent missiles." ; arms:startChar 10 ;
        arms:endChar 30 .""",
    "policy-versions-overlap": """ex:v1 arms:versionOf ex:p ;
            arms:validFrom "2014-04-01"^^xsd:date ; arms:validTo "2023-12-21"^^xsd:date .
        ex:v2 arms:versionOf ex:p ; arms:validFrom "2023-12-22"^^xsd:date .
        ex:w arms:versionOf ex:q ; arms:validFrom "2020-01-01"^^xsd:date .""",
    "consent-holder-equals-holder": """ex:c a arms:ReExportConsent ; arms:holder ex:germany ;
        arms:consentHolder ex:switzerland .""",
    "date-precision-missing": """ex:t a arms:Transfer ; arms:date "2024-07"^^xsd:gYearMonth ;
        arms:datePrecision arms:MonthPrecision .""",
    "event-without-modality": """ex:th a arms:Threat ; arms:modality arms:Threatened .""",
}


def _stem(path: Path) -> str:
    return path.name.removesuffix("-violation.rq")


def _rows(store: OxigraphStore, check: Path) -> list[dict[str, object]]:
    return store.select(check.read_text(encoding="utf-8"))  # type: ignore[return-value]


@pytest.fixture(scope="module", params=["built", "with-sipri-import"])
def checked_store(request: pytest.FixtureRequest) -> OxigraphStore:
    """The built graph (the curated graphs alone until the extraction module exists), and
    the curated graphs with the SIPRI sample imported, which SHACL does not validate."""
    if request.param == "with-sipri-import":
        name = "sipri_store"
    else:
        ingest = importlib.util.find_spec("armsgraph.load.ingest")
        name = "built_store" if ingest else "curated_store"
    store: OxigraphStore = request.getfixturevalue(name)
    return store


def _load(store: OxigraphStore, turtle: str) -> OxigraphStore:
    store.put_graph(ids.ONTOLOGY_GRAPH, load_ontology(ONTOLOGY_DIR))
    store.put_graph(URIRef("https://example.org/graph"), Graph().parse(data=PREFIXES + turtle))
    return store


def test_cover_every_check_with_bad_and_good_graphs() -> None:
    assert len(CHECKS) >= 8
    assert {_stem(p) for p in CHECKS} == set(BAD) == set(GOOD)


@pytest.mark.parametrize("check", CHECKS, ids=[_stem(p) for p in CHECKS])
def test_run_check_returns_no_rows_on_built_graph(
    check: Path, checked_store: OxigraphStore
) -> None:
    rows = _rows(checked_store, check)
    assert rows == [], "\n".join(str(r) for r in rows[:20])


@pytest.mark.parametrize("check", CHECKS, ids=[_stem(p) for p in CHECKS])
def test_run_check_finds_rows_in_bad_graph(check: Path, empty_store: OxigraphStore) -> None:
    turtle, offender = BAD[_stem(check)]
    rows = _rows(_load(empty_store, turtle), check)
    assert rows
    assert URIRef(offender) in {value for row in rows for value in row.values()}


@pytest.mark.parametrize("check", CHECKS, ids=[_stem(p) for p in CHECKS])
def test_run_check_passes_good_graph(check: Path, empty_store: OxigraphStore) -> None:
    rows = _rows(_load(empty_store, GOOD[_stem(check)]), check)
    assert rows == []


def test_run_bad_span_reports_only_broken_spans(empty_store: OxigraphStore) -> None:
    turtle, _ = BAD["bad-span"]
    rows = _rows(_load(empty_store, turtle), ONTOLOGY_DIR / "checks" / "bad-span-violation.rq")
    assert {str(row["statement"]) for row in rows} == {
        "https://example.org/t",
        "https://example.org/u",
    }
