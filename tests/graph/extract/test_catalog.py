"""Linking against the graph's own names: labels, aliases, demonyms, capitals, plurals."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from armsgraph import ids
from armsgraph.extract import catalog as catalog_module
from armsgraph.extract.catalog import Catalog, default_catalog
from armsgraph.load.build import build
from armsgraph.load.ingest import Article, ingest, load_article
from armsgraph.namespace import ARMS
from armsgraph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR


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


# -- incremental refresh after ingest ------------------------------------------------------

GOLD = sorted((Path(__file__).parents[2] / "gold").glob("*.txt"))


def _built() -> OxigraphStore:
    store = OxigraphStore()
    build(store, ONTOLOGY_DIR, DATA_DIR)
    return store


def _content(catalog: Catalog) -> dict[str, tuple[object, ...]]:
    """What a catalog says about each entity, and its policy versions."""
    out: dict[str, tuple[object, ...]] = {
        e.id: (e.type, e.kind, e.label, e.parent, e.based_in, e.position,
               tuple(sorted(e.forms.items())), e.origin)
        for e in catalog.entries.values()
    }
    out["versions"] = tuple(catalog.versions)
    return out


def _full(store: OxigraphStore) -> Catalog:
    graph = store.construct(catalog_module._CONSTRUCT)
    graph += store.construct(catalog_module._CONSTRUCT_VERSIONS)
    return Catalog.from_graph(graph)


def test_from_store_after_ingests_adds_their_entities_and_equals_a_full_rebuild() -> None:
    store = _built()
    before = Catalog.from_store(store)
    old = _content(before)
    for path in GOLD[:2]:
        ingest(store, load_article(path), catalog=before)
    ingest(store, Article("people", "Ola Nordmann, who was appointed Norway's ambassador to "
                          "Finland last year, threatened Russia with retaliation.",
                          {"published": "2024-03-23"}), catalog=before)
    after = Catalog.from_store(store)
    assert after is not before
    assert _content(after) == _content(_full(store))
    assert ids.person("Ola Nordmann") in after
    # Refreshed, not rebuilt: an entity no article touched is the very same entry object.
    named = {str(r["s"]) for r in store.select(
        "SELECT DISTINCT ?s ?pre WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?pre)) }",
        bindings={"pre": Literal(str(ids.GRAPH["source/"]))})}
    untouched = [k for k in before.entries if k not in named]
    assert untouched and all(after.entries[k] is before.entries[k] for k in untouched)
    # The catalog a caller already held did not change.
    assert _content(before) == old
    assert ids.person("Ola Nordmann") not in before


def test_from_store_after_put_graph_rebuilds_from_the_store() -> None:
    store = _built()
    before = Catalog.from_store(store)
    ingest(store, load_article(GOLD[0]), catalog=before)
    store.put_graph(ids.reference_graph("test"), [
        (ids.state("NOR"), ARMS.capital, Literal("Oslo"))])
    after = Catalog.from_store(store)
    assert _content(after) == _content(_full(store))
    assert not any(after.entries[k] is e for k, e in before.entries.items())
    assert _found(after, "Oslo agreed.") == [("Oslo", "capital", "NOR")]


def _add_version(store: OxigraphStore, key: str, version: URIRef, start: str) -> None:
    """A source graph that states a Norwegian policy version beginning on ``start``."""
    from rdflib import XSD

    store.add_graph(ids.source_graph(key), [
        (version, RDF.type, ARMS.PolicyVersion), (version, ARMS.assigner, ids.state("NOR")),
        (version, ARMS.validFrom, Literal(start, datatype=XSD.date))])


def test_an_ingested_policy_version_is_refreshed_in_not_rebuilt() -> None:
    """A source graph that states a policy version (an ingested decision does) refreshes the
    catalog: the version is there, as a full rebuild reads it, and entries no graph touched
    are the same objects (a full read of a large store held the write lock for seconds)."""
    store = _built()
    before = Catalog.from_store(store)
    version = ids.policy("stated-test-version")
    _add_version(store, "policy-test", version, "2024-02-01")
    after = Catalog.from_store(store)
    assert _content(after) == _content(_full(store))
    assert str(version) in {v.id for v in after.versions}
    assert str(version) not in {v.id for v in before.versions}
    assert all(after.entries[k] is e for k, e in before.entries.items())
    assert after.policy_version(str(ids.state("NOR")), "2024-02", "month", None) == str(version)
    # A later graph's version joins; the one before stays (it is kept, not read again).
    later = ids.policy("stated-test-later-version")
    _add_version(store, "policy-test-2", later, "2024-03-01")
    again = Catalog.from_store(store)
    assert _content(again) == _content(_full(store))
    assert [v.id for v in again.versions if v.assigner == str(ids.state("NOR"))][-2:] == [
        str(version), str(later)]


def test_a_catalog_pickles_without_its_matcher_and_finds_the_same() -> None:
    """What an extraction worker is sent (armsgraph.extract.pool): entries and versions."""
    import pickle

    catalog = default_catalog()
    text = "Berlin said German-built tanks could go to the Ukrainian army."
    before = _found(catalog, text)
    copy = pickle.loads(pickle.dumps(catalog))
    assert copy is not catalog and copy._matcher is None
    assert _content(copy) == _content(catalog)
    assert _found(copy, text) == before


def test_a_generic_phrase_links_only_to_a_system_of_its_own_calibre() -> None:
    cat = Catalog.from_turtle("""
@prefix arms: <https://w3id.org/armsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix system: <https://w3id.org/armsgraph/id/system/> .
system:shell-155 a arms:WeaponSystem ; rdfs:label "155 mm artillery shell" .
""")
    hit = cat.generic_link("artillery shells")
    assert hit is not None and hit.id.endswith("/shell-155")  # no calibre: the catalog's
    assert cat.generic_link("155 mm artillery shells") is hit
    assert cat.generic_link("130 mm artillery shells") is None  # another calibre
