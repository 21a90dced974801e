"""Build the knowledge graph from the project's inputs.

The built graph is the union of named graphs:

=============================  ==========================================
``graph/ontology``             ``ontology/armsgraph.ttl``
``graph/reference/{name}``     ``data/reference/{name}.ttl`` (states, systems …)
``graph/case/{name}``          ``ontology/examples/{name}.ttl`` (curated real cases)
``graph/source/{key}``         each article in ``data/articles/*.txt``, extracted
=============================  ==========================================

Every Turtle file is parsed, and the curated data validated against the SHACL shapes,
*before* anything is written: a malformed file raises :class:`~armsgraph.errors.ParseError`
naming the file and line, and the store is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from .. import ids
from ..errors import InputError
from ..resources import require
from ..store import Store, parse_turtle
from .validate import ValidationResult, load_shapes, validate_graph

__all__ = ["BuildReport", "build", "curated_graphs"]


@dataclass
class BuildReport:
    """What a build wrote: triples per named graph, articles ingested, validation result."""

    graphs: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)
    validation: ValidationResult | None = None

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def curated_graphs(ontology_dir: Path, data_dir: Path) -> dict[URIRef, Graph]:
    """Parse the ontology, the reference files and the curated cases, keyed by graph IRI.

    A ``data_dir`` that is no folder is an :class:`InputError` (it would build a graph
    without reference data, which then fails validation in 40 lines); a missing ontology
    or reference data is :class:`~armsgraph.errors.ResourceMissing`.
    """
    if not Path(data_dir).is_dir():
        raise InputError(f"data folder {data_dir} does not exist or is not a folder "
                         "(ARMSGRAPH_DATA_DIR)")
    ontology = require(ontology_dir / "armsgraph.ttl", "the ontology")
    require(data_dir / "reference", "the reference data", "*.ttl")
    out: dict[URIRef, Graph] = {ids.ONTOLOGY_GRAPH: parse_turtle(ontology)}
    for path in sorted((data_dir / "reference").glob("*.ttl")):
        out[ids.reference_graph(path.stem)] = parse_turtle(path)
    for path in sorted((ontology_dir / "examples").glob("*.ttl")):
        out[ids.case_graph(path.stem)] = parse_turtle(path)
    return out


def build(
    store: Store, ontology_dir: Path, data_dir: Path, *, validate: bool = True,
    articles: bool = True,
) -> BuildReport:
    """Build (or rebuild) the graph in ``store`` from the ontology and ``data_dir``.

    Each named graph is replaced atomically; graphs of other sources (ingested articles,
    SIPRI imports) are left alone. Returns what was written.

    Raises
    ------
    ParseError
        A Turtle file or article metadata cannot be read; nothing has been written.
    ShapeViolation
        The curated data does not conform to ``ontology/shapes.ttl``; nothing written.
    """
    graphs = curated_graphs(ontology_dir, data_dir)
    report = BuildReport()
    if validate:
        union = Graph()
        for iri, g in graphs.items():
            if iri != ids.ONTOLOGY_GRAPH:
                union += g
        report.validation = validate_graph(
            union, load_shapes(ontology_dir), graphs[ids.ONTOLOGY_GRAPH], raise_on_error=True
        )
    article_paths = sorted((data_dir / "articles").glob("*.txt")) if articles else []
    if article_paths:
        # imported only when needed: extraction loads spaCy
        from .ingest import ingest, load_article  # noqa: PLC0415

        pending = [load_article(p) for p in article_paths]
    for iri, g in graphs.items():
        report.graphs[str(iri)] = store.put_graph(iri, g)
    if article_paths:
        for article in pending:
            report.articles[article.name] = ingest(store, article).facts
    return report
