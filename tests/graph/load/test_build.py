"""Tests of graph/load/build.py: the graph built from ontology/ and data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from armsgraph import ids
from armsgraph.errors import ParseError, ShapeViolation
from armsgraph.load.build import build, curated_graphs
from armsgraph.load.validate import load_ontology, load_shapes, validate_graph
from armsgraph.store import OxigraphStore, parse_turtle
from tests.conftest import DATA_DIR, ONTOLOGY_DIR


@pytest.fixture()
def project_copy(tmp_path: Path) -> tuple[Path, Path]:
    """A writable copy of ontology/ and data/ (without articles: those need extraction)."""
    onto = tmp_path / "ontology"
    data = tmp_path / "data"
    shutil.copytree(ONTOLOGY_DIR, onto)
    shutil.copytree(DATA_DIR / "reference", data / "reference")
    (data / "articles").mkdir()
    return onto, data


def test_build_writes_one_graph_per_file(project_copy: tuple[Path, Path]) -> None:
    onto, data = project_copy
    store = OxigraphStore()
    report = build(store, onto, data)
    expected = {ids.ONTOLOGY_GRAPH}
    expected |= {ids.reference_graph(p.stem) for p in (data / "reference").glob("*.ttl")}
    expected |= {ids.case_graph(p.stem) for p in (onto / "examples").glob("*.ttl")}
    assert set(store.graphs()) == expected
    assert report.triples == len(store)
    assert report.validation is not None and report.validation.conforms


def test_build_twice_gives_the_same_store(project_copy: tuple[Path, Path]) -> None:
    onto, data = project_copy
    store = OxigraphStore()
    build(store, onto, data)
    first = len(store)
    build(store, onto, data)
    assert len(store) == first


def test_build_malformed_turtle_names_file_and_line_and_writes_nothing(
    project_copy: tuple[Path, Path],
) -> None:
    onto, data = project_copy
    store = OxigraphStore()
    build(store, onto, data)
    before = len(store)
    bad = data / "reference" / "zz-broken.ttl"
    bad.write_text(
        "@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b ex:c ex:d .\n",
        encoding="utf-8",
    )
    with pytest.raises(ParseError) as exc:
        build(store, onto, data)
    assert "zz-broken.ttl" in str(exc.value)
    assert exc.value.line == 3
    assert len(store) == before
    assert ids.reference_graph("zz-broken") not in store.graphs()


def test_build_rejects_data_that_violates_shapes(project_copy: tuple[Path, Path]) -> None:
    onto, data = project_copy
    (data / "reference" / "zz-unlabelled.ttl").write_text(
        "@prefix arms: <https://w3id.org/armsgraph/ontology#> .\n"
        "<https://w3id.org/armsgraph/id/state/ZZZ> a arms:State .\n",
        encoding="utf-8",
    )
    store = OxigraphStore()
    with pytest.raises(ShapeViolation):
        build(store, onto, data)
    assert len(store) == 0


def test_parse_turtle_unreadable_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="missing.ttl"):
        parse_turtle(tmp_path / "missing.ttl")


def test_store_survives_restart_with_everything(
    project_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    onto, data = project_copy
    store = OxigraphStore(tmp_path / "store")
    build(store, onto, data)
    graphs, n = store.graphs(), len(store)
    store.close()
    again = OxigraphStore(tmp_path / "store")
    assert again.graphs() == graphs and len(again) == n
    again.close()


def test_turtle_export_parses_back_isomorphic_and_conforms(
    project_copy: tuple[Path, Path],
) -> None:
    onto, data = project_copy
    store = OxigraphStore()
    build(store, onto, data)
    exported = Graph().parse(data=store.dump("turtle"), format="turtle")
    union = Graph()
    for graph in curated_graphs(onto, data).values():
        union += graph
    assert isomorphic(exported, union)
    result = validate_graph(exported, load_shapes(onto), load_ontology(onto))
    assert result.conforms, result.text
