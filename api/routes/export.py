"""Downloads: the graph in RDF formats, facts as CSV, the network as GraphML or GEXF.

RDF exports choose their format by ``Accept`` or ``?format=`` (Turtle, JSON-LD,
N-Triples, N-Quads, TriG). Every export is encoded once per store generation and then
served from memory (gzip when the client accepts it), with an ``ETag`` and a dated
``Content-Disposition`` filename; ``?download=true`` makes it an attachment.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Request, Response

from graph.reason.paths import destinations
from graph.reason.project import project
from graph.reason.review import overlay
from graph.views.exports import (
    answer_graph,
    dump,
    facts_csv,
    network_gexf,
    network_graphml,
    serialize_triples,
)
from graph.views.records import FactFilter
from graph.views.vocab import source_key

from ..deps import AnswersDep, CatalogDep, ExportsDep, ReachDep, StoreDep
from ..errors import responses
from ..formats import (
    RDF_MEDIA,
    RdfFormatName,
    cached,
    choose,
    download_name,
    encoded_response,
)

router = APIRouter(tags=["export"])

FormatQuery = Annotated[
    RdfFormatName | None, Query(alias="format", description="Overrides the Accept header.")
]
DownloadQuery = Annotated[bool, Query(description="Send as an attachment (a file download).")]
AcceptHeader = Annotated[str | None, Header(include_in_schema=False)]
ReviewedQuery = Annotated[bool, Query(description="Apply analyst reviews (default); false "
                                      "exports the graph as extracted.")]


def _rdf_responses(*errors: int) -> dict[int | str, dict[str, Any]]:
    ok = {m: {"schema": {} if "json" in m else {"type": "string"}} for m in RDF_MEDIA.values()}
    return {200: {"description": "The graph in the chosen format.", "content": ok},
            **responses(406, 422, *errors)}


def _file(media: str, what: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": what, "content": {media: {"schema": {"type": "string"}}}},
            **responses(422)}


@router.get("/export", response_class=Response, responses=_rdf_responses())
async def export_graph(
    request: Request, store: StoreDep, exports: ExportsDep, fmt: FormatQuery = None,
    download: DownloadQuery = False, accept: AcceptHeader = None, reviewed: ReviewedQuery = True,
) -> Response:
    """The whole graph (N-Quads and TriG keep the named graphs; the others merge them);
    by default the curated graph, without what analysts rejected or corrected."""
    chosen = fmt or choose(accept, RDF_MEDIA)
    encoded = await cached(
        exports, ("export", chosen, reviewed),
        lambda: dump(store, chosen, hide=overlay(store).hides(reviewed=reviewed)))
    return encoded_response(request, encoded, RDF_MEDIA[chosen],
                            download_name("armsgraph", chosen), download=download)


@router.get("/sources/{key:path}/export", response_class=Response, responses=_rdf_responses(404))
def export_source(
    request: Request, store: StoreDep, catalog: CatalogDep, exports: ExportsDep,
    key: Annotated[str, Path(max_length=300, examples=["nationthailand-40058546"])],
    fmt: FormatQuery = None, download: DownloadQuery = False, accept: AcceptHeader = None,
) -> Response:
    """The named graph of one source: everything it states."""
    graph = catalog.source_graph(key)
    key = source_key(key)
    chosen = fmt or choose(accept, RDF_MEDIA)
    encoded = exports.get(("source", key, chosen), lambda: dump(store, chosen, graph))
    return encoded_response(request, encoded, RDF_MEDIA[chosen],
                            download_name(f"armsgraph-source-{key}", chosen), download=download)


@router.get("/destinations/export", response_class=Response, responses=_rdf_responses(404))
def export_destinations(
    request: Request, store: StoreDep, answers: AnswersDep, reach: ReachDep,
    fmt: FormatQuery = None, download: DownloadQuery = False, accept: AcceptHeader = None,
) -> Response:
    """The evidence behind a /destinations answer: its statements, their sources, the
    rules cited, and the labels of what they mention."""
    chosen = fmt or choose(accept, RDF_MEDIA)
    encoded = answers.get(
        ("destinations-export", chosen, *reach.key()),
        lambda: serialize_triples(
            answer_graph(store, destinations(reach.graph_of(store), **reach.kwargs())), chosen
        ),
    )
    return encoded_response(request, encoded, RDF_MEDIA[chosen],
                            download_name("armsgraph-destinations", chosen), download=download)


@router.get("/facts.csv", response_class=Response, responses=_file("text/csv", "Facts."))
async def export_facts_csv(
    request: Request, catalog: CatalogDep, exports: ExportsDep, download: DownloadQuery = False,
    reviewed: ReviewedQuery = True,
    events: Annotated[bool, Query(description="One row per event (default), listing its "
                                  "statements and sources (as /facts); false: one row per "
                                  "statement.")] = True,
) -> Response:
    """Every fact as CSV: one row per fact with its date and precision, the sentence it
    rests on and its source (title, outlet, URL, date), an id and a label column per role,
    and the analyst review it carries."""
    encoded = await cached(
        exports, ("facts.csv", reviewed, events),
        lambda: facts_csv(catalog, catalog.facts(FactFilter(reviewed=reviewed,
                                                            events=events))),
    )
    return encoded_response(request, encoded, "text/csv", download_name("armsgraph-facts", "csv"),
                            download=download)


_NETWORK = {
    "graphml": ("application/graphml+xml", network_graphml),
    "gexf": ("application/gexf+xml", network_gexf),
}


@router.get(
    "/network.{kind}",
    response_class=Response,
    responses={
        200: {"description": "The network as GraphML or GEXF.",
              "content": {m: {"schema": {"type": "string"}} for m, _ in _NETWORK.values()}},
        **responses(422),
    },
)
async def export_network(
    request: Request, store: StoreDep, exports: ExportsDep,
    kind: Annotated[Literal["graphml", "gexf"], Path(description="graphml or gexf")],
    download: DownloadQuery = False,
    isolated: Annotated[bool, Query(description="Also the states and organisations no "
                                    "statement links (the reference data).")] = False,
) -> Response:
    """The projected transfer network: states and organisations as nodes, statements
    (transfers, licences, consents, requests, backfills, threats) as edges. Nodes that
    no edge touches are left out unless `isolated=true`."""
    media, write = _NETWORK[kind]
    encoded = await cached(exports, ("network", kind, isolated),
                           lambda: write(project(store), isolated=isolated))
    return encoded_response(request, encoded, media, download_name("armsgraph-network", kind),
                            download=download)
