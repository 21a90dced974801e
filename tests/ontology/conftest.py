"""Fixtures of the ontology tests: the parsed ontology and shapes, read once per session."""

from __future__ import annotations

import pytest
from rdflib import Graph

from graph.validate import load_ontology, load_shapes
from tests.conftest import ONTOLOGY_DIR


@pytest.fixture(scope="session")
def shapes() -> Graph:
    """``ontology/shapes.ttl``."""
    return load_shapes(ONTOLOGY_DIR)


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """``ontology/armsgraph.ttl``."""
    return load_ontology(ONTOLOGY_DIR)
