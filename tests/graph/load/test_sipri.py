"""Tests of the SIPRI import (graph/load/sipri/__init__.py, sipri_parse.py, sipri_link.py).

Expected values come from reading ``tests/fixtures/sipri-sample.csv`` (written by us in
SIPRI's export format; line numbers are the file's) and, for the full register, from the
CSV read here with the csv module, independently of the importer.
"""

from __future__ import annotations

import csv
import io
import resource
import time
from collections import Counter
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD
from typer.testing import CliRunner

from armsgraph import ids
from armsgraph.cli import app
from armsgraph.errors import InputError, ParseError, UnknownEntity
from armsgraph.load import sipri as sipri_module
from armsgraph.load.build import curated_graphs
from armsgraph.load.sipri import (
    CREDIT,
    ImportReport,
    conversion_digest,
    import_register,
    link_deals,
)
from armsgraph.load.sipri.link import Catalog, PartyIndex, licence_hint
from armsgraph.load.sipri.parse import COLUMNS, parse_register, read_register
from armsgraph.load.validate import load_ontology, load_shapes, validate_graph
from armsgraph.namespace import ARMS
from armsgraph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR, SIPRI_REGISTER

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "sipri-sample.csv"
HEADER = ",".join(COLUMNS) + "\n"


def reference_store(path: Path | None = None) -> OxigraphStore:
    """A store with the ontology, the reference data and the curated cases (no articles)."""
    store = OxigraphStore(path)
    for iri, g in curated_graphs(ONTOLOGY_DIR, DATA_DIR).items():
        store.put_graph(iri, g)
    return store


@pytest.fixture(scope="module")
def imported() -> tuple[OxigraphStore, ImportReport]:
    store = reference_store()
    return store, import_register(store, FIXTURE)


def deals(store: OxigraphStore, designation: str, year: int) -> list[URIRef]:
    """Transfers of the SIPRI graph with this designation and year of order."""
    rows = store.select(
        "PREFIX arms: <https://w3id.org/armsgraph/ontology#>\n"
        "SELECT ?g ?d ?y ?t WHERE { GRAPH ?g { ?t a arms:Transfer ; "
        "arms:sourceDesignation ?d ; arms:orderYear ?y } }",
        {"g": ids.SIPRI_GRAPH, "d": Literal(designation),
         "y": Literal(str(year), datatype=XSD.gYear)},
    )
    return sorted(URIRef(str(r["t"])) for r in rows)


def one(store: OxigraphStore, designation: str, year: int) -> URIRef:
    found = deals(store, designation, year)
    assert len(found) == 1, (designation, year, found)
    return found[0]


def values(store: OxigraphStore, s: URIRef, p: URIRef) -> list[object]:
    rows = store.select(
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {"s": s, "p": p}
    )
    return sorted((r["o"] for r in rows), key=str)


def value(store: OxigraphStore, s: URIRef, p: URIRef) -> object:
    got = values(store, s, p)
    assert len(got) == 1, (s, p, got)
    return got[0]


# -- parsing ---------------------------------------------------------------------------


def test_parse_fixture_reads_preamble_and_release_date() -> None:
    reg = read_register(FIXTURE)
    assert reg.encoding == "cp1252"
    assert reg.generated == datetime(2026, 3, 3, 10, 15)
    assert len(reg.preamble) == 11
    assert reg.records == 24
    assert len(reg.rows) == 21


def test_parse_fixture_lists_malformed_rows_with_line_and_reason() -> None:
    reg = read_register(FIXTURE)
    reasons = {r.line: r.reason for r in reg.rejected}
    assert sorted(reasons) == [34, 35, 36]
    assert reasons[34] == "Year of order: '20x4' is not a year"
    assert reasons[35] == "expected 16 fields, found 15"
    assert "'!'" in reasons[36] and "Year of order" in reasons[36]


def test_parse_fixture_fields_flags_and_year_lists() -> None:
    rows = {r.line: r for r in read_register(FIXTURE).rows}
    r = rows[14]
    assert (r.recipient, r.supplier, r.designation) == ("Japan", "United States",
                                                        "MIM-104 PAC-3 MSE")
    assert (r.order_year, r.ordered, r.delivered) == (2018, 300, 120)
    assert r.order_year_uncertain and r.ordered_uncertain and r.delivered_uncertain
    assert r.delivery_years == (2021, 2022, 2023)
    assert (r.tiv_per_unit, r.tiv_total, r.tiv_delivered) == (
        Decimal("1.5"), Decimal("450"), Decimal("180"))
    assert rows[15].ordered is None and rows[15].delivered == 8
    assert rows[24].delivery_years == () and rows[24].delivered == 0
    assert rows[18].comments == "Part of $300 m deal, incl training"
    assert rows[27].recipient == "Türkiye"
    assert "Köln" in rows[27].comments and "±830hp" in rows[27].comments


def test_parse_register_resaved_as_utf8_reads_the_same() -> None:
    data = FIXTURE.read_bytes()
    utf8 = b"\xef\xbb\xbf" + data.decode("cp1252").encode("utf-8")
    a, b = parse_register(data), parse_register(utf8)
    assert (a.encoding, b.encoding) == ("cp1252", "utf-8")
    assert [r.fields for r in a.rows] == [r.fields for r in b.rows]
    assert a.rejected == b.rejected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(FIXTURE.read_bytes().decode("cp1252").encode("utf-16"), "NUL byte",
                     id="utf16"),
        pytest.param(HEADER.encode() + b"Chile,France,2001,,2,,Exocet\x81,x,2,,2002,New,,1,2,2\n",
                     "line 2: byte 0x81", id="undefined-cp1252-byte"),
        pytest.param(b"Some notes\nno header here\n", "no SIPRI trade-register header",
                     id="no-header"),
        pytest.param(b"Recipient,Supplier,Year\nA,B,2000\n", "line 1: header does not match",
                     id="wrong-header"),
    ],
)
def test_parse_register_rejects_files_that_are_not_registers(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_register(data, source="x.csv")


def test_read_register_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="nope.csv"):
        read_register(tmp_path / "nope.csv")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_parse_register_random_bytes_raise_only_parse_error(data: bytes) -> None:
    try:
        reg = parse_register(data)
    except ParseError:
        return
    assert reg.records == len(reg.rows) + len(reg.rejected)


_cell = st.text(alphabet=st.sampled_from(list('ab?;, "\n1290-.x')), max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_cell, min_size=0, max_size=20), max_size=12))
def test_parse_register_random_rows_are_read_or_listed(rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    reg = parse_register((HEADER + buf.getvalue()).encode("utf-8"))
    expected = [r for r in csv.reader(io.StringIO(buf.getvalue())) if any(f.strip() for f in r)]
    assert reg.records == len(expected)
    assert all(r.reason for r in reg.rejected)


# -- linking ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "place", "design"),
    [
        pytest.param("Incl production under licence in Japan; for Patriot systems", "Japan",
                     None, id="under-licence"),
        pytest.param("Produced under licence in South Korea as K-9", "South Korea", None,
                     id="as-name"),
        pytest.param("US design produced in Japan for USA", "Japan", "US", id="design"),
        pytest.param("Second-hand; produced under Russian licence after break-up", None,
                     "Russian", id="licensor-adjective"),
        pytest.param("From production line in Belgium", "Belgium", None, id="production-line"),
        pytest.param("Produced in Turkiye", "Turkiye", None, id="produced-in"),
        pytest.param("F-16 Block-40 version; from Turkish production line", "Turkish", None,
                     id="demonym-line"),
        pytest.param("From German EuroSpike production line", "German", None,
                     id="demonym-maker-line"),
        pytest.param("For Boxer IFV; from EuroSpike production line in Germany", "Germany",
                     None, id="maker-line-in"),
        pytest.param("SM-1 version from Polish production line", "Polish", None,
                     id="line-mid-clause"),
        # an assembly line is where the items came from too
        pytest.param("Kasser-2 version from assembly/production line in United Arab Emirates",
                     "United Arab Emirates", None, id="assembly-line"),
        pytest.param("For UN peacekeeping forces in Mali; from Mozambique assembly line",
                     "Mozambique", None, id="assembly-line-demonym"),
    ],
)
def test_licence_hint_finds_place_and_design(comment: str, place: str | None,
                                             design: str | None) -> None:
    hint = licence_hint(comment)
    assert hint is not None
    assert (hint.place, hint.design) == (place, design)


@pytest.mark.parametrize(
    "comment",
    [
        pytest.param("For 4 frigates produced in Spain", id="other-platform"),
        pytest.param("Possibly without licence produced in Iran as Noor", id="unlicensed"),
        pytest.param("Export licence for 2 refused", id="export-licence"),
        pytest.param("Planned licensed production abandoned", id="abandoned"),
        pytest.param("Incl production of components in Poland", id="components"),
        pytest.param("", id="empty"),
    ],
)
def test_licence_hint_ignores_other_uses(comment: str) -> None:
    assert licence_hint(comment) is None


@pytest.mark.parametrize(
    ("comment", "places"),
    [
        pytest.param("Most from Czechoslovak and Polish production lines",
                     ("Czechoslovak", "Polish"), id="two"),
        pytest.param("CHF500 m deal; from UK; FRG and/or Italian production lines",
                     ("FRG", "Italian"), id="and-or-clause-start"),
        pytest.param("Incl from Polish and Czechslovakian production lines",
                     ("Polish", "Czechslovakian"), id="incl"),
    ],
)
def test_licence_hint_reads_several_production_lines(comment: str,
                                                     places: tuple[str, ...]) -> None:
    hint = licence_hint(comment)
    assert hint is not None
    assert ((hint.place, *hint.more), hint.hedged, hint.explicit) == (places, True, False)


CATALOG_TTL = """
@prefix arms: <https://w3id.org/armsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix sy: <https://w3id.org/armsgraph/id/system/> .
sy:patriot a arms:WeaponSystem ; rdfs:label "Patriot" ; arms:designation "MIM-104" .
sy:patriot-pac-3-mse a arms:WeaponSystem ; rdfs:label "Patriot PAC-3 MSE" ;
    skos:altLabel "PAC-3 MSE" ; arms:partOf sy:patriot-pac-3 .
sy:patriot-pac-3 a arms:WeaponSystem ; rdfs:label "Patriot PAC-3" ; arms:partOf sy:patriot .
sy:f-16 a arms:WeaponSystem ; rdfs:label "F-16" ; skos:altLabel "Fighting Falcon" .
sy:piranha a arms:WeaponSystem ; rdfs:label "Piranha" .
sy:nlaw a arms:WeaponSystem ; rdfs:label "NLAW" ; arms:designation "RB 57" .
sy:samp-t a arms:WeaponSystem ; rdfs:label "SAMP/T" ; skos:altLabel "Mamba" ;
    arms:category <https://w3id.org/armsgraph/id/category/air-defence-system> .
sy:aster-30 a arms:WeaponSystem ; rdfs:label "Aster 30" ; arms:partOf sy:samp-t .
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    store = OxigraphStore()
    store.put_graph(URIRef("https://example.org/catalog"), Graph().parse(data=CATALOG_TTL))
    return Catalog(store)


@pytest.mark.parametrize(
    ("designation", "system", "rule"),
    [
        pytest.param("patriot", "patriot", "exact", id="case-insensitive"),
        pytest.param("MIM-104", "patriot", "exact", id="designation"),
        pytest.param("Fighting-Falcon", "f-16", "exact", id="hyphen-as-space"),
        pytest.param("MIM-104 PAC-3 MSE", "patriot", "family", id="word-prefix"),
        pytest.param("MIM-104A Patriot", "patriot", "family", id="variant-letter"),
        pytest.param("F-16C", "f-16", "family", id="f-16c"),
        pytest.param("F-16C Block-50", "f-16", "family", id="f-16c-block"),
    ],
)
def test_catalog_lookup_by_alias_then_family(catalog: Catalog, designation: str, system: str,
                                             rule: str) -> None:
    m = catalog.lookup(designation)
    assert m is not None
    assert (m.system, m.rule) == (ids.system(system), rule)


def test_catalog_family_follows_part_of(catalog: Catalog) -> None:
    assert catalog.family(ids.system("patriot-pac-3-mse")) == ids.system("patriot")


def test_catalog_family_match_vetoed_by_other_descriptions(catalog: Catalog) -> None:
    m = catalog.lookup("RB-57F Canberra")  # "RB-57F" is a variant of NLAW's "RB 57"
    assert m is not None and m.system == ids.system("nlaw")
    catalog.learn(ids.system("nlaw"), "anti-tank missile")
    assert catalog.match("RB-57F Canberra", "reconnaissance aircraft") is None
    m = catalog.match("F-16C", "fighter aircraft")  # no exact F-16 row seen: no veto
    assert m is not None and m.system == ids.system("f-16")
    m = catalog.match("NLAW", "reconnaissance aircraft")  # an exact match always counts
    assert m is not None and m.rule == "exact"


@pytest.mark.parametrize(
    ("designation", "description", "system"),
    [
        pytest.param("Mamba", "surface-to-air missile system", "samp-t", id="same-kind"),
        pytest.param("Mamba", "armoured personnel carrier", None, id="other-kind"),
        pytest.param("Aster 30", "surface-to-air missile", "aster-30", id="kind-of-family"),
        pytest.param("Aster 30", "anti-tank missile", None, id="other-kind-of-family"),
        pytest.param("F-16", "SIGINT pod", "f-16", id="unclear-description"),
    ],
)
def test_catalog_match_needs_a_compatible_kind(catalog: Catalog, designation: str,
                                               description: str, system: str | None) -> None:
    m = catalog.match(designation, description)
    assert (m.system if m else None) == (ids.system(system) if system else None)


def test_catalog_model_number_needs_the_same_description(catalog: Catalog) -> None:
    assert catalog.lookup("Patriot-2") is None
    catalog.learn(ids.system("patriot"), "surface-to-air missile system")
    catalog.learn(ids.system("piranha"), "armoured personnel carrier")
    assert catalog.lookup_guarded("Patriot-2", "armoured personnel carrier") is None
    m = catalog.lookup_guarded("Piranha-3", "armoured personnel carrier")
    assert m is not None and m.system == ids.system("piranha")


# -- import of the fixture -------------------------------------------------------------


def test_import_fixture_counts_every_row(imported: tuple[OxigraphStore, ImportReport]) -> None:
    _, report = imported
    assert report.records == 24
    assert report.imported == 20
    assert [r.line for r in report.rejected] == [33, 34, 35, 36]
    assert "unresolvable party name 'Atlantis'" in report.rejected[0].reason
    assert report.imported + len(report.rejected) == report.records
    assert (report.added, report.changed, report.removed) == (20, 0, 0)


STATE = ids.state


@pytest.mark.parametrize(
    ("designation", "year", "supplier", "recipient"),
    [
        pytest.param("MiG-21F", 1962, STATE("SUN"), STATE("YUG"), id="soviet-union"),
        pytest.param("OT-64", 1975, STATE("CSK"), STATE("DDR"), id="gdr-czechoslovakia"),
        pytest.param("Leopard-1A1", 1990, STATE("DEU"), STATE("TUR"), id="turkiye-accent"),
        pytest.param("C-17A Globemaster-3", 2008, STATE("USA"), ids.org("NATO"), id="nato"),
        pytest.param("Noor", 2005, STATE("IRN"), ids.org("Hezbollah"), id="non-state"),
        pytest.param("Dana", 2024, STATE("CZE"), ids.org("unknown recipient"), id="unknown"),
        pytest.param("MIM-104 PAC-2", 2021, ids.org("unknown supplier"), STATE("SAU"),
                     id="unknown-supplier"),
    ],
)
def test_import_resolves_parties_to_shared_entities(
    imported: tuple[OxigraphStore, ImportReport], designation: str, year: int,
    supplier: URIRef, recipient: URIRef,
) -> None:
    store, _ = imported
    t = one(store, designation, year)
    assert value(store, t, ARMS.supplier) == supplier
    assert value(store, t, ARMS.recipient) == recipient


def test_import_types_sipri_parties(imported: tuple[OxigraphStore, ImportReport]) -> None:
    store, _ = imported
    assert ARMS.NonStateActor in values(store, ids.org("Hezbollah"), RDF.type)
    assert ARMS.UnknownParty in values(store, ids.org("unknown recipient"), RDF.type)
    assert ARMS.FormerState in values(store, STATE("SUN"), RDF.type)


def test_import_fields_of_a_flagged_deal(imported: tuple[OxigraphStore, ImportReport]) -> None:
    store, _ = imported
    t = one(store, "MIM-104 PAC-3 MSE", 2018)
    assert value(store, t, ARMS.orderYear) == Literal("2018", datatype=XSD.gYear)
    assert value(store, t, ARMS.quantity).toPython() == 300  # type: ignore[attr-defined]
    assert value(store, t, ARMS.quantityDelivered).toPython() == 120  # type: ignore[attr-defined]
    assert [str(y) for y in values(store, t, ARMS.deliveryYear)] == ["2021", "2022", "2023"]
    assert sorted(map(str, values(store, t, ARMS.uncertain))) == [
        "orderYear", "quantity", "quantityDelivered"]
    assert value(store, t, ARMS.confidence).toPython() == Decimal("0.6")  # type: ignore[attr-defined]
    assert value(store, t, ARMS.modality) == ARMS.Delivered
    # Delivered from the first of its delivery years (2021-2023) on, not from the last.
    assert value(store, t, ARMS.date) == Literal("2021", datatype=XSD.gYear)
    assert value(store, t, ARMS.datePrecision) == ARMS.YearPrecision
    assert str(value(store, t, ARMS.sipriStatus)) == "New"
    assert value(store, t, ARMS.secondHand).toPython() is False  # type: ignore[attr-defined]
    assert str(value(store, t, ARMS.note)) == "Produced under licence in Japan"
    assert [value(store, t, p).toPython() for p in (  # type: ignore[attr-defined]
        ARMS.tivPerUnit, ARMS.tivTotal, ARMS.tivDelivered)] == [
        Decimal("1.5"), Decimal("450"), Decimal("180")]
    assert str(value(store, t, ARMS.extractionRule)) == "sipri-import"


def test_import_planned_deal_is_dated_by_order(
    imported: tuple[OxigraphStore, ImportReport],
) -> None:
    store, _ = imported
    t = one(store, "Dana", 2024)
    assert value(store, t, ARMS.modality) == ARMS.Planned
    assert value(store, t, ARMS.date) == Literal("2024", datatype=XSD.gYear)
    assert value(store, t, ARMS.confidence).toPython() == Decimal("0.8")  # type: ignore[attr-defined]
    assert values(store, t, ARMS.deliveryYear) == []


def test_import_source_carries_release_and_credit(
    imported: tuple[OxigraphStore, ImportReport],
) -> None:
    store, _ = imported
    t = one(store, "Dana", 2024)
    src = value(store, t, PROV.wasDerivedFrom)
    assert src == ids.source("sipri-2026-03-03")
    assert value(store, src, RDF.type) == ARMS.Source
    assert value(store, src, DCTERMS.issued) == Literal("2026-03-03T10:15:00",
                                                        datatype=XSD.dateTime)
    assert str(value(store, src, DCTERMS.bibliographicCitation)) == CREDIT


def test_import_keeps_identical_rows_apart(imported: tuple[OxigraphStore, ImportReport]) -> None:
    store, _ = imported
    a, b = deals(store, "RGM-84 Harpoon", 1990)
    assert str(b) == str(a) + "-2" or str(a) == str(b) + "-2"


LICENCE_QUERY = """
PREFIX arms: <https://w3id.org/armsgraph/ontology#>
SELECT ?g ?l ?licensor ?licensee ?d WHERE { GRAPH ?g {
  ?l a arms:ProductionLicence ; arms:licensor ?licensor ; arms:licensee ?licensee ;
     arms:sourceDesignation ?d } }
"""


def test_import_licences_from_comments(imported: tuple[OxigraphStore, ImportReport]) -> None:
    store, report = imported
    rows = store.select(LICENCE_QUERY, {"g": ids.SIPRI_GRAPH})
    got = sorted((str(r["d"]), str(r["licensor"]), str(r["licensee"])) for r in rows)
    usa, jpn, bel = str(STATE("USA")), str(STATE("JPN")), str(STATE("BEL"))
    assert got == [
        ("F-16A", usa, bel),  # "From production line in Belgium"
        ("MIM-104 PAC-3 MSE", usa, jpn),  # "Produced under licence in Japan"
        ("MIM-104 PAC-3 MSE", usa, jpn),  # "US design produced in Japan for USA"
        ("MIM-104A Patriot", usa, jpn),  # "Incl production under licence in Japan"
    ]
    assert report.licences == 4
    us_from_japan = one(store, "MIM-104 PAC-3 MSE", 2024)
    assert value(store, us_from_japan, ARMS.supplier) == STATE("JPN")
    assert value(store, us_from_japan, ARMS.licensedProduction).toPython() is True  # type: ignore[attr-defined]
    for designation, year in [("C-802", 1992), ("RGM-84 Harpoon", 1990)]:
        for t in deals(store, designation, year):
            assert values(store, t, ARMS.licensedProduction) == []


def test_import_third_country_line_is_a_transfer_from_the_producing_state(
    imported: tuple[OxigraphStore, ImportReport],
) -> None:
    store, report = imported
    # "Denmark <- United States, F-16A, 1977: From production line in Belgium"
    t = one(store, "F-16A", 1977)
    bel, usa, dnk = STATE("BEL"), STATE("USA"), STATE("DNK")
    assert value(store, t, ARMS.supplier) == bel
    assert value(store, t, ARMS.recipient) == dnk
    lot = value(store, t, ARMS.item)
    assert lot == ids.lot("f-16", "BEL")
    assert value(store, lot, RDF.type) == ARMS.Lot
    assert value(store, lot, ARMS.producedIn) == bel
    assert str(value(store, lot, RDFS.label)) == "F-16A made in Belgium"
    lic = ids.fact(str(t).rsplit("/", 1)[-1] + "-licence")
    assert values(store, lot, ARMS.underLicence) == [lic]
    assert (value(store, lic, ARMS.licensor), value(store, lic, ARMS.licensee)) == (usa, bel)
    # SIPRI's supplier is the licensor: the sale is its consent to Belgium -> Denmark.
    c = ids.fact(str(t).rsplit("/", 1)[-1] + "-consent")
    assert value(store, c, RDF.type) == ARMS.ReExportConsent
    assert [value(store, c, p) for p in (ARMS.holder, ARMS.destination, ARMS.consentHolder,
                                         ARMS.consentStatus, ARMS.item)] == [
        bel, dnk, usa, ARMS.ConsentGranted, lot]
    assert report.produced_elsewhere == 1
    # licence built at home keeps SIPRI's supplier: Japan <- United States, licensed in Japan
    assert value(store, one(store, "MIM-104 PAC-3 MSE", 2018), ARMS.supplier) == usa


def test_import_hedged_third_country_line_lowers_the_transfers_confidence(
    tmp_path: Path,
) -> None:
    head = FIXTURE.read_bytes().split(b"\n")[:12]  # SIPRI's preamble and header
    row = (b"Norway,United States,1975,,72,,F-16A,fighter aircraft,72,,1980; 1981,New,"
           b"Possibly from Dutch production line,20,1440,1440")
    path = tmp_path / "one.csv"
    path.write_bytes(b"\n".join([*head, row, b""]))
    store = reference_store()
    report = import_register(store, path)
    assert report.produced_elsewhere == 1
    [t] = deals(store, "F-16A", 1975)
    assert value(store, t, ARMS.supplier) == STATE("NLD")
    # no '?' flag, but "possibly": 0.9 - 0.1
    assert value(store, t, ARMS.confidence).toPython() == Decimal("0.8")  # type: ignore[attr-defined]


def test_import_two_production_lines_are_two_hedged_transfers(tmp_path: Path) -> None:
    """"East Germany <- Soviet Union, T-72, 1978: most from Czechoslovak and Polish
    production lines": a transfer of the lot made in each, from there, each hedged."""
    head = FIXTURE.read_bytes().split(b"\n")[:12]  # SIPRI's preamble and header
    row = (b"East Germany (GDR),Soviet Union,1978,,551,,T-72,tank,551,,1979; 1980,New,"
           b"Most from Czechoslovak and Polish production lines,1,551,551")
    path = tmp_path / "one.csv"
    path.write_bytes(b"\n".join([*head, row, b""]))
    store = reference_store()
    report = import_register(store, path)
    assert (report.imported, report.produced_elsewhere) == (1, 1)
    ts = deals(store, "T-72", 1978)
    assert len(ts) == 2
    got = {value(store, t, ARMS.supplier): value(store, t, ARMS.item) for t in ts}
    assert set(got) == {STATE("CSK"), STATE("POL")}
    for t in ts:
        producer = value(store, t, ARMS.supplier)
        lot = value(store, t, ARMS.item)
        assert value(store, lot, ARMS.producedIn) == producer
        assert value(store, t, ARMS.recipient) == STATE("DDR")
        # "most from": the line is a guess, 0.9 - 0.1
        assert value(store, t, ARMS.confidence).toPython() == Decimal("0.8")  # type: ignore[attr-defined]
        lic = values(store, lot, ARMS.underLicence)[0]
        assert (value(store, lic, ARMS.licensor), value(store, lic, ARMS.licensee)) == (
            STATE("SUN"), producer)
    # the deal is counted once: only one transfer carries the record hash
    assert sum(bool(values(store, t, ARMS.recordHash)) for t in ts) == 1
    # Which line made how many of the 551 is not said: no line carries numbers; the deal
    # both point to does.
    [whole] = {value(store, t, ARMS.deal) for t in ts}
    assert whole == ids.deal(f"sipri-{str(ts[0]).rsplit('sipri-', 1)[1].split('-line')[0]}")
    assert value(store, whole, RDF.type) == ARMS.Deal
    for t in ts:
        assert values(store, t, ARMS.quantity) == values(store, t, ARMS.quantityDelivered) == []
    assert (value(store, whole, ARMS.quantity).toPython(),  # type: ignore[attr-defined]
            value(store, whole, ARMS.quantityDelivered).toPython()) == (551, 551)  # type: ignore[attr-defined]
    # ... and the evidence of each hop says so: the line's own numbers are not known.
    from armsgraph.reason.paths import destinations

    for origin, code in (("Czechoslovakia", "CSK"), ("Poland", "POL")):
        [d] = [d for d in destinations(store, "T-72", origin, as_of="1985-01-01")[
            "destinations"] if d["state"]["id"] == str(STATE("DDR"))]
        # the line's transfer (beside it: the Soviet Union's sale as consent, no deal)
        [ev] = [e for e in d["paths"][0]["hops"][0]["evidence"] if "deal" in e]
        assert {k: ev["deal"].get(k) for k in ("ordered", "delivered", "lines",
                                               "deal_ordered", "deal_delivered")} == {
            "ordered": None, "delivered": None, "lines": 2, "deal_ordered": 551,
            "deal_delivered": 551}, code
    # a re-import of the same register changes nothing
    again = import_register(store, path)
    assert (again.added, again.changed, again.removed) == (0, 0, 0)


def test_a_one_line_deal_keeps_its_numbers(tmp_path: Path) -> None:
    """A deal from one production line (Norway's F-16s from the Dutch line) is the whole
    deal: its transfer carries the numbers, its evidence has no 'lines'."""
    head = FIXTURE.read_bytes().split(b"\n")[:12]
    row = (b"Norway,United States,1975,,72,,F-16A,fighter aircraft,72,,1980; 1981,New,"
           b"Possibly from Dutch production line,20,1440,1440")
    path = tmp_path / "one.csv"
    path.write_bytes(b"\n".join([*head, row, b""]))
    store = reference_store()
    import_register(store, path)
    [t] = deals(store, "F-16A", 1975)
    assert values(store, t, ARMS.deal) == []
    assert value(store, t, ARMS.quantity).toPython() == 72  # type: ignore[attr-defined]
    from armsgraph.reason.paths import destinations

    [d] = destinations(store, "F-16A", "Netherlands", as_of="1985-01-01")["destinations"]
    deal = d["paths"][0]["hops"][0]["evidence"][0]["deal"]
    assert (deal["ordered"], deal["delivered"]) == (72, 72) and "lines" not in deal


def test_import_links_second_hand_to_the_sellers_delivery(
    imported: tuple[OxigraphStore, ImportReport],
) -> None:
    store, _ = imported
    germany = one(store, "Patriot", 1985)
    netherlands = one(store, "Patriot", 1986)
    to_ukraine = deals(store, "Patriot", 2023)
    previous = {str(value(store, t, ARMS.supplier)): values(store, t, ARMS.previousTransfer)
                for t in to_ukraine}
    assert previous == {str(STATE("DEU")): [germany], str(STATE("NLD")): [netherlands]}
    # Denmark's 1995 F-16s came second-hand from the US, which received none: no link;
    # Türkiye's Leopards from Germany: Germany received none in the sample: no link.
    assert values(store, one(store, "F-16A", 1995), ARMS.previousTransfer) == []
    assert values(store, one(store, "Leopard-1A1", 1990), ARMS.previousTransfer) == []


def test_import_second_hand_chain_through_denmark(
    imported: tuple[OxigraphStore, ImportReport],
) -> None:
    store, _ = imported
    if Catalog(store).lookup("F-16C") is None:
        pytest.skip("the catalog (data/reference/systems.ttl) does not know the F-16 yet")
    argentina = one(store, "F-16C", 2024)
    assert values(store, argentina, ARMS.previousTransfer) == [one(store, "F-16A", 1995)]


LOT_TARGETS_QUERY = """
PREFIX arms: <https://w3id.org/armsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?x ?label ?g WHERE {
  GRAPH ?g { ?lot a arms:Lot . { ?lot arms:ofSystem ?x } UNION { ?lot arms:producedIn ?x } }
  ?x rdfs:label ?label }
"""


def lot_target_labels(store: OxigraphStore) -> list[tuple[Any, Any, Any]]:
    """The labels of the systems and states the import's lots refer to (reference data:
    a lot's arms:producedIn makes its state a focus node of the state shape)."""
    return [(r["x"], RDFS.label, r["label"])
            for r in store.select(LOT_TARGETS_QUERY, {"g": ids.SIPRI_GRAPH})]


def test_import_output_conforms_to_shapes(imported: tuple[OxigraphStore, ImportReport]) -> None:
    store, _ = imported
    data = Graph()
    for t in store.triples(ids.SIPRI_GRAPH):
        data.add(t)
    for t in lot_target_labels(store):
        data.add(t)
    result = validate_graph(data, load_shapes(ONTOLOGY_DIR), load_ontology(ONTOLOGY_DIR))
    assert result.conforms, result.text


def test_import_restores_the_garbage_collector(tmp_path: Path) -> None:
    import gc

    store = reference_store()
    assert gc.isenabled()
    import_register(store, FIXTURE)
    assert gc.isenabled()
    gc.disable()
    try:
        import_register(store, FIXTURE)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_import_into_store_without_states_raises(tmp_path: Path) -> None:
    with pytest.raises(UnknownEntity, match="armsgraph build"):
        import_register(OxigraphStore(), FIXTURE)


def test_reimport_reports_added_changed_removed(tmp_path: Path) -> None:
    store = reference_store()
    lines = FIXTURE.read_bytes().split(b"\n")
    first = import_register(store, FIXTURE)
    assert (first.added, first.previous) == (20, 0)
    # line 13: 20 -> 22 ordered; line 20 (Denmark's 1977 F-16A) deleted; one new deal
    assert lines[12].startswith(b"Japan,United States,1985,,20,")
    lines[12] = lines[12].replace(b",1985,,20,", b",1985,,22,")
    assert lines[19].startswith(b"Denmark,United States,1977,")
    removed_iri = one(store, "F-16A", 1977)
    del lines[19]
    lines.insert(20, b"Chile,France,2010,,4,,Exocet,anti-ship missile,4,,2011,New,,0.5,2,2")
    second_file = tmp_path / "second.csv"
    second_file.write_bytes(b"\n".join(lines))
    before = set(store.triples(ids.SIPRI_GRAPH))
    second = import_register(store, second_file)
    assert (second.added, second.changed, second.removed) == (1, 1, 1)
    assert second.unchanged == 18 and second.previous == 20 and second.imported == 20
    assert deals(store, "F-16A", 1977) == [] and removed_iri not in deals(store, "F-16A", 1995)
    assert one(store, "Exocet", 2010)
    assert first.written and second.written
    # Only the difference was written, and the graph is what a fresh import makes.
    fresh_store = reference_store()
    fresh = import_register(fresh_store, second_file)
    after = set(store.triples(ids.SIPRI_GRAPH))
    assert after == set(fresh_store.triples(ids.SIPRI_GRAPH)) and fresh.triples == second.triples
    assert first.update is not None and first.update.added is None  # a new graph: whole
    assert second.update is not None
    assert (second.update.added, second.update.removed) == (len(after - before),
                                                            len(before - after))
    assert 0 < second.update.added < second.triples // 4
    assert f"{second.update.added} triples written" in second.lines()[3]
    generation = store.generation
    third = import_register(store, second_file)
    assert (third.added, third.changed, third.removed, third.unchanged) == (0, 0, 0, 20)
    assert len(list(store.triples(ids.SIPRI_GRAPH))) == second.triples == third.triples
    # The same register again: compared with the stored graph, nothing written.
    assert not third.written and store.generation == generation
    assert "unchanged, nothing written" in third.lines()[3]


def test_unchanged_register_is_not_converted_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The graph keeps the digest of what it was made from: the same file on the same
    reference data is parsed and linked, not converted or compared (issue 14)."""
    store = reference_store()
    first = import_register(store, FIXTURE)
    known = store.graph_digest(ids.SIPRI_GRAPH)
    assert known is not None and known.triples == first.triples
    before, generation = set(store.triples(ids.SIPRI_GRAPH)), store.generation

    def no_convert(*args: object, **kw: object) -> None:
        raise AssertionError("converted again")

    monkeypatch.setattr(sipri_module, "convert", no_convert)
    again = import_register(store, FIXTURE)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 20)
    assert not again.written and again.triples == first.triples
    assert "unchanged, nothing written" in again.lines()[3]
    assert store.generation == generation and set(store.triples(ids.SIPRI_GRAPH)) == before
    # Other code (or other reference data) makes another digest: converted and compared,
    # still nothing written, and the new digest kept.
    monkeypatch.undo()
    monkeypatch.setattr(sipri_module, "_code", lambda: "other code")
    third = import_register(store, FIXTURE)
    assert not third.written and store.generation == generation
    got = store.graph_digest(ids.SIPRI_GRAPH)
    assert got is not None and got.key != known.key and got.triples == first.triples


def test_conversion_digest_covers_the_file_and_every_link() -> None:
    store = reference_store()
    parties, catalog = PartyIndex(store), Catalog(store)
    reg = read_register(FIXTURE)
    deals = link_deals(reg, parties, catalog, ImportReport(source=str(FIXTURE)))
    key = conversion_digest(reg, deals)
    assert key == conversion_digest(reg, link_deals(reg, parties, catalog,
                                                    ImportReport(source=str(FIXTURE))))
    moved = [replace(deals[0], item=ids.system("another")), *deals[1:]]
    assert conversion_digest(reg, moved) != key
    assert conversion_digest(replace(reg, sha256="0" * 64), deals) != key
    assert conversion_digest(reg, deals[1:]) != key


# -- a file that would empty the register is refused (issue 18, item 5) ------------------


def _sipri_triples(store: OxigraphStore) -> set[object]:
    return set(store.triples(ids.SIPRI_GRAPH))


@pytest.mark.parametrize("keep", [0, 5, 16])
def test_import_that_removes_more_than_a_tenth_is_refused_and_writes_nothing(
    tmp_path: Path, keep: int
) -> None:
    """Header only (0 rows), truncated after 5 rows, and 16 of 20 deals kept (4 removed,
    20 %): each is refused before anything is written, naming the counts and the flag."""
    store = reference_store()
    first = import_register(store, FIXTURE)
    before, generation = _sipri_triples(store), store.generation
    lines = FIXTURE.read_bytes().split(b"\n")
    header = next(i for i, line in enumerate(lines) if line.startswith(b"Recipient,Supplier"))
    cut = tmp_path / "cut.csv"
    cut.write_bytes(b"\n".join(lines[: header + 1 + keep]) + b"\n")
    rejected = {r.line for r in first.rejected}  # 1-based lines of rows left out
    kept = sum(1 for n in range(header + 2, header + 2 + keep) if n not in rejected)
    removed = first.imported - kept
    assert removed > 2  # more than 10 % of 20
    with pytest.raises(InputError, match=(
        rf"would remove {removed} of the 20 deals in the store \({removed * 5}%, more than "
        rf"10%\) and keep {kept}; is the file truncated\? Nothing was written\. Pass "
        "--allow-removals")):
        import_register(store, cut)
    assert _sipri_triples(store) == before and store.generation == generation
    allowed = import_register(store, cut, allow_removals=True)
    assert (allowed.removed, allowed.imported, allowed.previous) == (removed, kept, 20)
    assert len(_sipri_triples(store)) == allowed.triples


def test_import_may_remove_a_tenth_without_the_flag(tmp_path: Path) -> None:
    store = reference_store()
    import_register(store, FIXTURE)
    lines = FIXTURE.read_bytes().split(b"\n")
    # the deals on lines 13 and 20 (Japan's 1985 Patriots, Denmark's 1977 F-16As) dropped
    assert lines[12].startswith(b"Japan,United States,1985,") and lines[19].startswith(
        b"Denmark,United States,1977,")
    smaller = tmp_path / "smaller.csv"
    smaller.write_bytes(b"\n".join(lines[:12] + lines[13:19] + lines[20:]))
    report = import_register(store, smaller)
    assert (report.removed, report.imported, report.previous) == (2, 18, 20)
    assert deals(store, "F-16A", 1977) == [] and deals(store, "MIM-104A Patriot", 1985) == []


def test_cli_import_sipri_refuses_a_header_only_file_in_one_line(tmp_path: Path) -> None:
    reference_store(tmp_path / "store").close()
    runner = CliRunner()
    args = ["import", "sipri", "--store", str(tmp_path / "store"), "--no-progress"]
    assert runner.invoke(app, [*args, str(FIXTURE)]).exit_code == 0
    lines = FIXTURE.read_bytes().split(b"\n")
    header_only = tmp_path / "header-only.csv"
    header_only.write_bytes(b"\n".join(lines[:12]) + b"\n")
    refused = runner.invoke(app, [*args, str(header_only)])
    assert refused.exit_code == 2
    assert refused.output.startswith(f"error: {header_only}: this import would remove 20 of the "
                                     "20 deals in the store (100%")
    assert len(refused.output.strip().splitlines()) == 1
    store = OxigraphStore(tmp_path / "store")
    try:
        assert len(deals(store, "F-16A", 1977)) == 1
    finally:
        store.close()
    allowed = runner.invoke(app, [*args, str(header_only), "--allow-removals"])
    assert allowed.exit_code == 0, allowed.output
    assert "0 imported" in allowed.output


def test_cli_import_sipri_prints_report(tmp_path: Path) -> None:
    reference_store(tmp_path / "store").close()
    runner = CliRunner()
    ok = runner.invoke(app, ["import", "sipri", str(FIXTURE), "--store",
                             str(tmp_path / "store"), "--no-progress"])
    assert ok.exit_code == 0, ok.output
    assert "24 records: 20 imported, 4 listed" in ok.output
    assert "line 33: supplier" not in ok.output and "line 33: recipient" in ok.output
    bad = runner.invoke(app, ["import", "sipri", str(tmp_path / "missing.csv"),
                              "--store", "memory", "--no-progress"])
    assert bad.exit_code == 2
    assert "missing.csv" in bad.output


# -- the full register (never committed; skipped when absent) --------------------------

needs_register = pytest.mark.skipif(
    not SIPRI_REGISTER.exists(),
    reason=f"SIPRI trade register not present at {SIPRI_REGISTER} (not redistributable)",
)


@pytest.fixture(scope="module")
def full() -> tuple[OxigraphStore, ImportReport, float, float]:
    store = reference_store()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    report = import_register(store, SIPRI_REGISTER)
    seconds = time.perf_counter() - t0
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
    return store, report, seconds, peak_mb


def _register_rows() -> list[list[str]]:
    text = SIPRI_REGISTER.read_bytes().decode("cp1252")
    return [r for r in csv.reader(io.StringIO(text.split("\n", 12)[12])) if r]


@needs_register
def test_full_register_every_row_imported_or_listed(
    full: tuple[OxigraphStore, ImportReport, float, float],
) -> None:
    store, report, seconds, peak_mb = full
    rows = _register_rows()
    assert len(rows) == 29_916
    assert report.records == len(rows)
    assert report.imported + len(report.rejected) == len(rows)
    assert all(r.reason for r in report.rejected)
    # one transfer per deal carries its record hash; a deal from several production lines
    # in third countries has one more transfer per further line (docs/sipri.md)
    n = store.select(
        "PREFIX arms: <https://w3id.org/armsgraph/ontology#>\n"
        "SELECT ?g (COUNT(?t) AS ?n) WHERE { GRAPH ?g { ?t a arms:Transfer ; "
        "arms:recordHash ?h } } GROUP BY ?g",
        {"g": ids.SIPRI_GRAPH},
    )
    assert int(n[0]["n"]) == report.imported  # type: ignore[call-overload]
    lines = store.select(
        "PREFIX arms: <https://w3id.org/armsgraph/ontology#>\n"
        "SELECT ?g ?t WHERE { GRAPH ?g { ?t a arms:Transfer FILTER NOT EXISTS "
        "{ ?t arms:recordHash ?h } } }",
        {"g": ids.SIPRI_GRAPH},
    )
    assert lines and all("-line" in str(r["t"]) for r in lines)
    # Time and memory are measured by bench/bench_scale.py and `/usr/bin/time -v armsgraph
    # import sipri` (README), not asserted here: a test process's peak includes every test
    # before it, and these machines are noisy.
    print(f"full register: {seconds:.1f} s, process peak {peak_mb:.0f} MB")


@needs_register
def test_full_register_parties_all_resolve(
    full: tuple[OxigraphStore, ImportReport, float, float],
) -> None:
    _, report, _, _ = full
    names = Counter(r[0] for r in _register_rows()) + Counter(r[1] for r in _register_rows())
    unresolved = [r for r in report.rejected if "party" in r.reason]
    assert unresolved == [], unresolved[:5]
    assert len(names) == 258


def _patriot_known(store: OxigraphStore) -> bool:
    m = Catalog(store).lookup("MIM-104 PAC-2")
    return m is not None


@needs_register
def test_full_register_patriot_reaches_ukraine_through_europe(
    full: tuple[OxigraphStore, ImportReport, float, float],
) -> None:
    from armsgraph.reason.paths import destinations

    store, _, _, _ = full
    if not _patriot_known(store):
        pytest.skip("the catalog (data/reference/systems.ttl) does not know Patriot yet")
    # What the register says, not how fast: the default 0.2 s search budget can run out in a
    # long test session (a collection over its large heap) and truncate the answer.
    r = destinations(store, "Patriot", "United States", as_of="2026-01-01", budget_s=60.0)
    assert r["truncated"] is False
    by_label = {d["state"]["label"]: d for d in r["destinations"]}
    assert "Ukraine" in by_label
    last_hops = {p["hops"][-1]["from"]["label"] for p in by_label["Ukraine"]["paths"]}
    assert {"United States", "Germany", "Netherlands", "Spain", "Romania"} <= last_hops
    assert {"Germany", "Netherlands", "Spain", "Romania", "Japan"} <= set(by_label)


@needs_register
def test_full_register_japan_produces_patriot_under_us_licence(
    full: tuple[OxigraphStore, ImportReport, float, float],
) -> None:
    from armsgraph.reason.paths import destinations

    store, _, _, _ = full
    if not _patriot_known(store):
        pytest.skip("the catalog (data/reference/systems.ttl) does not know Patriot yet")
    cat = Catalog(store)
    rows = store.select(LICENCE_QUERY, {"g": ids.SIPRI_GRAPH})
    pairs = {(str(r["licensor"]), str(r["licensee"])) for r in rows
             if (m := cat.lookup(str(r["d"]))) and cat.family(m.system) == cat.family(
                 cat.lookup("Patriot").system)}  # type: ignore[union-attr]
    assert (str(STATE("USA")), str(STATE("JPN"))) in pairs
    r = destinations(store, "Patriot", "Japan", as_of="2026-01-01")
    assert "United States" in {d["state"]["label"] for d in r["destinations"]}


@needs_register
def test_full_register_f16_second_hand_to_argentina_via_denmark(
    full: tuple[OxigraphStore, ImportReport, float, float],
) -> None:
    store, _, _, _ = full
    if Catalog(store).lookup("F-16C") is None:
        pytest.skip("the catalog (data/reference/systems.ttl) does not know the F-16 yet")
    argentina = one(store, "F-16C", 2024)
    assert value(store, argentina, ARMS.supplier) == STATE("DNK")
    (prev,) = values(store, argentina, ARMS.previousTransfer)
    assert value(store, prev, ARMS.supplier) == STATE("USA")
    assert value(store, prev, ARMS.recipient) == STATE("DNK")
    from armsgraph.reason.paths import destinations

    r = destinations(store, "F-16", "United States", as_of="2026-01-01")
    arg = [d for d in r["destinations"] if d["state"]["label"] == "Argentina"]
    assert arg, "Argentina not reached"
    assert any([h["to"]["label"] for h in p["hops"]] == ["Denmark", "Argentina"]
               for p in arg[0]["paths"])


@needs_register
def test_full_register_sample_conforms_to_shapes(
    full: tuple[OxigraphStore, ImportReport, float, float],
) -> None:
    store, _, _, _ = full
    by_subject: dict[object, list[tuple[object, object, object]]] = {}
    for t in store.triples(ids.SIPRI_GRAPH):
        by_subject.setdefault(t[0], []).append(t)
    subjects = sorted(by_subject, key=str)
    todo = [s for i, s in enumerate(subjects) if i % 25 == 0 or "/source/" in str(s)]
    sample, seen = Graph(), set(todo)
    # with the whole arms:previousTransfer chain of each sampled deal, and the lots and
    # licences a sampled statement names
    follow = (ARMS.previousTransfer, ARMS.underLicence, ARMS.item)
    while todo:
        for t in by_subject[todo.pop()]:
            sample.add(t)  # type: ignore[arg-type]
            if t[1] in follow and t[2] in by_subject and t[2] not in seen:
                seen.add(t[2])
                todo.append(t[2])
    assert len(sample) > 10_000
    for t in lot_target_labels(store):
        sample.add(t)
    result = validate_graph(sample, load_shapes(ONTOLOGY_DIR), load_ontology(ONTOLOGY_DIR))
    assert result.conforms, result.text[:3000]
