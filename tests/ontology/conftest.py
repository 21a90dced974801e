"""Fixtures of the ontology tests: ontology and shapes, the curated store, a SIPRI import."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from armsgraph.load.build import curated_graphs
from armsgraph.load.validate import load_ontology, load_shapes
from armsgraph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """``ontology/shapes.ttl``."""
    return load_shapes(ONTOLOGY_DIR)


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """``ontology/armsgraph.ttl``."""
    return load_ontology(ONTOLOGY_DIR)


#: A small register in SIPRI's export format, written by us (tests/graph/load/test_sipri.py).
SIPRI_SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sipri-sample.csv"


@pytest.fixture(scope="session")
def curated_store() -> OxigraphStore:
    """The ontology, reference data and curated cases, as the build writes them (no articles)."""
    return _curated()


@pytest.fixture(scope="session")
def sipri_store() -> OxigraphStore:
    """The curated graphs plus the SIPRI sample imported into ``graph/sipri``."""
    from armsgraph.load.sipri import import_register  # noqa: PLC0415 - only these tests need it

    store = _curated()
    report = import_register(store, SIPRI_SAMPLE)
    assert report.imported > 0
    return store


def _curated() -> OxigraphStore:
    store = OxigraphStore()
    for iri, graph in curated_graphs(ONTOLOGY_DIR, DATA_DIR).items():
        store.put_graph(iri, graph)
    return store
