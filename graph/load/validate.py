"""SHACL validation of data against ``ontology/shapes.ttl`` (pySHACL).

Validation runs on rdflib graphs: the curated data (reference, cases, articles) is small
enough, and pySHACL is the reference implementation. The SIPRI graph is checked by the
``ontology/checks/*-violation.rq`` queries instead.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
from rdflib import Graph

from ..errors import ShapeViolation
from ..resources import require

__all__ = ["validate_graph", "load_shapes", "load_ontology", "ValidationResult"]


class ValidationResult:
    """The outcome of a SHACL run: ``conforms`` and the readable ``text`` report."""

    def __init__(self, conforms: bool, text: str, results: int):
        self.conforms = conforms
        self.text = text
        self.results = results

    def __bool__(self) -> bool:
        return self.conforms

    def __repr__(self) -> str:
        return f"ValidationResult(conforms={self.conforms}, results={self.results})"


def load_shapes(ontology_dir: Path) -> Graph:
    """Parse ``shapes.ttl`` from the ontology folder."""
    g = Graph()
    g.parse(require(ontology_dir / "shapes.ttl", "the SHACL shapes"), format="turtle")
    return g


def load_ontology(ontology_dir: Path) -> Graph:
    """Parse ``armsgraph.ttl`` from the ontology folder."""
    g = Graph()
    g.parse(require(ontology_dir / "armsgraph.ttl", "the ontology"), format="turtle")
    return g


def validate_graph(
    data: Graph, shapes: Graph, ontology: Graph | None = None, *, raise_on_error: bool = False
) -> ValidationResult:
    """Validate ``data`` against ``shapes``, with RDFS inference over ``ontology``.

    Raises
    ------
    ShapeViolation
        When ``raise_on_error`` is set and the data does not conform.
    """
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="rdfs", allow_warnings=True
    )
    n = len(list(report.subjects(None, None))) if not conforms else 0
    result = ValidationResult(bool(conforms), str(text), n)
    if raise_on_error and not conforms:
        raise ShapeViolation(f"data does not conform to the shapes:\n{text}", report=str(text))
    return result
