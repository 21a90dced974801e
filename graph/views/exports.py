"""Exports of the graph for other tools: RDF dumps, facts as CSV, the network as GraphML/GEXF.

- :func:`dump` writes the whole dataset or one named graph in an RDF format, with the
  project's prefixes in Turtle and TriG.
- :func:`answer_graph` collects the statements behind a destinations or paths answer
  (:mod:`graph.reason.paths`), with their sources, the rules cited, and the labels of what they
  mention: the evidence of the answer as a self-contained RDF graph.
- :func:`facts_csv` writes facts (:class:`~graph.views.records.FactSummary`) as CSV, one row per
  fact, one column per role.
- :func:`network_graphml` and :func:`network_gexf` write the projected transfer network
  (:func:`graph.reason.project.project`); attributes that are not text, numbers or booleans are
  written as JSON text, missing values are left out.

Examples
--------
>>> from graph.store import OxigraphStore
>>> from rdflib import Literal, URIRef
>>> from graph import ids
>>> store = OxigraphStore()
>>> _ = store.put_graph(ids.reference_graph("x"), [
...     (ids.state("JPN"), URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("Japan"))])
>>> print(dump(store, "turtle").decode().splitlines()[-1])
state:JPN rdfs:label "Japan" .
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pyoxigraph as ox
from rdflib import URIRef

from ..prefixes import PREFIXES, sparql_prefixes
from ..reason.review_queue import cited_statements
from ..store import Store, Triple, rdf_format, serialized, to_ox
from .catalog import Catalog
from .records import FactSummary

__all__ = [
    "dump",
    "serialize_triples",
    "answer_statements",
    "answer_graph",
    "facts_csv",
    "network_graphml",
    "network_gexf",
    "ROLE_COLUMNS",
    "CSV_COLUMNS",
]

#: The first columns of the facts CSV; the role columns follow.
CSV_COLUMNS = [
    "id", "type", "label", "status", "date", "date_precision", "confidence", "sentence",
    "source", "source_title", "outlet", "url", "issued",
]

#: Role columns of the facts CSV, in this order; roles not listed follow, sorted.
ROLE_COLUMNS = (
    "supplier", "recipient", "item", "from_stock", "licensor", "licensee", "holder",
    "destination", "consent_holder", "actor", "speaker", "target", "requester",
    "addressee", "beneficiary", "party", "member", "organisation", "deal",
)

_PREFIXED = (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG)

_Q_EVIDENCE = sparql_prefixes("prov", "rdfs") + """
CONSTRUCT { ?f ?p ?o . ?o rdfs:label ?label . ?src ?sp ?so }
WHERE {
  { ?f ?p ?o . OPTIONAL { ?o rdfs:label ?label } }
  UNION
  { ?f prov:wasDerivedFrom ?src . ?src ?sp ?so }
}
"""


def dump(store: Store, fmt: str, graph: URIRef | None = None,
         hide: frozenset[str] = frozenset()) -> bytes:
    """The whole dataset (or one named graph) in ``fmt``, prefixed where the format allows.

    Turtle, N-Triples and JSON-LD of the whole dataset merge its named graphs; N-Quads
    and TriG keep them. ``hide`` leaves out what the statements of those IRIs state (the
    curated graph hides what analysts rejected or corrected, see
    :meth:`graph.reason.review.Overlay.hides`); the reviews themselves stay.
    """
    data = store.dump(fmt, graph)
    target = rdf_format(fmt)
    if target not in _PREFIXED and not hide:
        return data
    quads: Iterable[ox.Quad] = ox.parse(data, format=target)
    if hide:
        quads = [q for q in quads if q.subject.value not in hide]  # type: ignore[union-attr]
    prefixes = PREFIXES if target in _PREFIXED else None
    return serialized(ox.serialize(quads, format=target, prefixes=prefixes))


def serialize_triples(triples: Iterable[Triple], fmt: str) -> bytes:
    """Triples in any RDF format; quad formats put them in the default graph."""
    target = rdf_format(fmt)
    terms = [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples]
    items: list[ox.Triple] | list[ox.Quad]
    if target.supports_datasets:
        items = [ox.Quad(s, p, o, ox.DefaultGraph()) for s, p, o in terms]  # type: ignore[arg-type]
    else:
        items = [ox.Triple(s, p, o) for s, p, o in terms]  # type: ignore[arg-type]
    prefixes = PREFIXES if target in _PREFIXED else None
    return serialized(ox.serialize(items, format=target, prefixes=prefixes))


def answer_statements(answer: Mapping[str, Any]) -> list[str]:
    """IRIs of the statements and rules a destinations or paths answer rests on.

    >>> answer_statements({"destinations": [{"paths": [{"hops": [{"evidence": [
    ...     {"statement": "https://e/f1"}]}], "risks": [{"statement": "https://e/t1"}],
    ...     "blocked_by": [{"rule": "https://e/r1"}], "allowed_by": []}]}]})
    ['https://e/f1', 'https://e/r1', 'https://e/t1']
    """
    cited = cited_statements(answer, rules=True)
    return sorted(i for i in cited if i.startswith(("http://", "https://")))


def answer_graph(store: Store, answer: Mapping[str, Any]) -> list[Triple]:
    """The statements behind an answer with their sources and the labels they mention."""
    triples: set[Triple] = set()
    for iri in answer_statements(answer):
        triples.update(store.construct(_Q_EVIDENCE, bindings={"f": URIRef(iri)}))
    return sorted(triples)


def facts_csv(catalog: Catalog, facts: Iterable[FactSummary]) -> bytes:
    """Facts as CSV (UTF-8, header row) that a reader can check without the API: each
    row has the fact, its date and precision, the sentence it rests on and its source
    (title, outlet, URL, publication date). A role with several entities joins their ids
    by ``;``, and each role column has a ``…_label`` twin. Listed as events
    (``FactFilter(events=True)``), ``statements`` and ``sources`` name every statement and
    source of the row's event.

    >>> from graph.views.records import EntityRef
    >>> from graph.store import OxigraphStore
    >>> f = FactSummary("fact/x", "https://e/x", "transfer", None, ("delivered",), "2023",
    ...                 "year", 0.9, "src", {"supplier": (EntityRef("state/JPN", "", "Japan"),)})
    >>> facts_csv(Catalog(OxigraphStore()), [f]).decode().splitlines()[1]
    'fact/x,transfer,,delivered,2023,year,0.9,,src,,,,,state/JPN,Japan,,,'
    """
    rows = list(facts)
    extra = sorted({r for f in rows for r in f.roles} - set(ROLE_COLUMNS))
    roles = [r for r in (*ROLE_COLUMNS, *extra) if any(r in f.roles for f in rows)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS + [c for r in roles for c in (r, f"{r}_label")]
                    + ["statements", "sources", "review"])
    for f in rows:
        sentence, src = catalog.evidence_of(f)
        cells: list[Any] = [
            f.id, f.type, f.label or "", ";".join(f.status), f.date or "",
            f.date_precision or "", "" if f.confidence is None else f.confidence,
            sentence or "", f.source or "",
            *(("", "", "", "") if src is None else
              (src.title or "", src.outlet or "", src.url or "", src.issued or "")),
        ]
        for r in roles:
            refs = f.roles.get(r, ())
            cells += [";".join(e.id for e in refs), ";".join(e.label for e in refs)]
        writer.writerow([*cells, ";".join(f.statements), ";".join(f.sources), f.review or ""])
    return out.getvalue().encode("utf-8")


def _plain(G: nx.MultiDiGraph, isolated: bool = False) -> nx.MultiDiGraph:
    """A copy of ``G`` whose attributes GraphML and GEXF can hold; without the nodes that
    no edge touches (reference states and organisations) unless ``isolated``."""

    def clean(attrs: Mapping[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in attrs.items():
            if v is None or k.startswith("_"):
                continue
            if isinstance(v, str | int | float | bool):
                out[k] = v
            else:
                out[k] = json.dumps(v, default=str, sort_keys=True)
        return out

    H = nx.MultiDiGraph()
    H.graph.update({k: v for k, v in G.graph.items() if isinstance(v, str | int | float)})
    H.add_nodes_from((n, clean(d)) for n, d in G.nodes(data=True)
                     if isolated or G.degree(n) > 0)
    H.add_edges_from((u, v, k, clean(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def network_graphml(G: nx.MultiDiGraph, *, isolated: bool = False) -> bytes:
    """The network as GraphML (node ids are IRIs; edge ids are statement IRIs); nodes
    without an edge only when ``isolated``."""
    buf = io.BytesIO()
    nx.write_graphml(_plain(G, isolated), buf, encoding="utf-8", named_key_ids=True)
    return buf.getvalue()


def network_gexf(G: nx.MultiDiGraph, *, isolated: bool = False) -> bytes:
    """The network as GEXF 1.2 (for Gephi); nodes without an edge only when ``isolated``."""
    buf = io.BytesIO()
    nx.write_gexf(_plain(G, isolated), buf, encoding="utf-8")
    return buf.getvalue()
