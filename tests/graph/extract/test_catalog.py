"""Linking against the graph's own names: labels, aliases, demonyms, capitals, plurals."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph import ids
from graph.extract.catalog import Catalog, default_catalog
from graph.namespace import ARMS
from graph.store import OxigraphStore


def _found(catalog: Catalog, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.kind, m.entity.id.rsplit("/", 1)[-1]) for m in catalog.find(text)]


def test_find_names_demonyms_and_capitals(catalog: Catalog) -> None:
    found = _found(catalog, "Berlin said German-built tanks could go to the Ukrainian army.")
    assert found == [("Berlin", "capital", "DEU"), ("German", "demonym", "DEU"),
                     ("Ukrainian", "demonym", "UKR")]


def test_find_alias_is_case_sensitive(catalog: Catalog) -> None:
    assert _found(catalog, "The US told us that America would help.") == [
        ("US", "alias", "USA"), ("America", "alias", "USA")]


def test_find_plural_demonym_and_system(catalog: Catalog) -> None:
    found = _found(catalog, "The Americans sent NASAMS and two Leopard 2s.")
    assert [(t, i) for t, _, i in found] == [
        ("Americans", "USA"), ("NASAMS", "nasams"), ("Leopard 2s", "leopard-2")]


def test_find_prefers_most_specific_system(catalog: Catalog) -> None:
    found = _found(catalog, "Kyiv got Leopard 2A6 tanks and more Leopard 2 tanks.")
    assert [i for _, _, i in found] == ["UKR", "leopard-2a6", "leopard-2"]


def test_find_designation_alias_and_company(catalog: Catalog) -> None:
    found = _found(catalog, "Kongsberg Defence will ship M142 launchers.")
    assert [i for _, _, i in found] == ["kongsberg", "himars"]


def test_catalog_grows_with_the_graph_without_code_change() -> None:
    g = Graph()
    iri = ids.system("Piorun")
    g.add((iri, RDF.type, ARMS.WeaponSystem))
    g.add((iri, RDFS.label, Literal("Piorun")))
    assert _found(Catalog.from_graph(g), "Warsaw sent Piorun missiles.") == [
        ("Piorun", "name", "piorun")]


def test_from_store_is_cached_on_generation() -> None:
    store = OxigraphStore()
    graph = ids.reference_graph("test")
    store.put_graph(graph, [(ids.state("NOR"), RDF.type, ARMS.State),
                            (ids.state("NOR"), RDFS.label, Literal("Norway"))])
    first = Catalog.from_store(store)
    assert Catalog.from_store(store) is first
    store.put_graph(graph, [(ids.state("NOR"), RDF.type, ARMS.State),
                            (ids.state("NOR"), RDFS.label, Literal("Norway")),
                            (ids.state("NOR"), ARMS.capital, Literal("Oslo"))])
    second = Catalog.from_store(store)
    assert second is not first
    assert _found(second, "Oslo agreed.") == [("Oslo", "capital", "NOR")]


def test_default_catalog_reads_reference_data() -> None:
    cat = default_catalog()
    assert str(ids.state("JPN")) in cat
    assert URIRef(ids.state("JPN")) in cat
    assert [m.entity.id for m in cat.find("Tokyo")] == [str(ids.state("JPN"))]
