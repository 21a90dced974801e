"""The reference data in ``data/reference/*.ttl``: parseable, complete, sourced and consistent.

Spot checks are facts from the cited sources (Japan's capital, Poland's NATO accession …).
Tests that need files kept beside the checkout (the mledoze/countries table, the SIPRI
register) skip with a reason when those files are absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph import ids
from graph.load.validate import validate_graph
from graph.namespace import ARMS
from graph.settings import PROJECT_ROOT
from graph.store import parse_turtle
from tests.conftest import DATA_DIR, ONTOLOGY_DIR, SHARED_DATASETS, SIPRI_REGISTER

REFERENCE = DATA_DIR / "reference"
FILES = sorted(REFERENCE.glob("*.ttl"))
COUNTRIES_CSV = SHARED_DATASETS / "countries" / "countries.csv"
GEN_STATES = PROJECT_ROOT / "scripts" / "gen_states.py"

#: SIPRI parties that are neither ISO 3166 states nor former states: unrecognised
#: secessionist states, left to the SIPRI importer like non-state actors.
SIPRI_NON_ISO_PARTIES = frozenset({"Biafra", "Katanga", "Northern Cyprus"})


@pytest.fixture(scope="module")
def reference() -> Graph:
    """The union of all reference files."""
    g = Graph()
    for path in FILES:
        g += parse_turtle(path)
    return g


def _of_type(g: Graph, cls: URIRef) -> set[URIRef]:
    """Subjects typed ``cls`` or a subclass of it (the ontology's hierarchy, one level deep)."""
    subclasses = {
        ARMS.State: {ARMS.State, ARMS.FormerState},
        ARMS.Organisation: {ARMS.Organisation, ARMS.Company, ARMS.GovernmentBody,
                            ARMS.NewsAgency, ARMS.InternationalOrganisation, ARMS.Alliance},
        ARMS.Statement: {ARMS.Statement, ARMS.Membership, ARMS.ConflictParticipation,
                         ARMS.Embargo},
    }.get(cls, {cls})
    return {s for c in subclasses for s in g.subjects(RDF.type, c) if isinstance(s, URIRef)}


def _names(g: Graph, subjects: set[URIRef]) -> dict[str, set[URIRef]]:
    """Case-folded label or alias -> the subjects it names."""
    out: dict[str, set[URIRef]] = defaultdict(set)
    for s in subjects:
        for p in (RDFS.label, SKOS.altLabel):
            for name in g.objects(s, p):
                out[str(name).casefold()].add(s)
    return out


def _by_name(g: Graph, name: str, cls: URIRef) -> set[URIRef]:
    return _names(g, _of_type(g, cls)).get(name.casefold(), set())


# --- files ---------------------------------------------------------------------------


def test_reference_files_present() -> None:
    stems = {p.stem for p in FILES}
    assert {"states", "alliances", "systems", "organisations", "conflicts"} <= stems


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_parse_reference_file(path: Path) -> None:
    assert len(parse_turtle(path)) > 0


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_reference_file_has_one_prefix_block(path: Path) -> None:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    prefix_rows = [i for i, ln in enumerate(lines) if ln.startswith("@prefix")]
    assert prefix_rows, f"{path.name} has no @prefix block"
    assert prefix_rows == list(range(len(prefix_rows))), (
        f"{path.name}: @prefix lines must form one block at the top"
    )


def test_decimals_are_canonical(reference: Graph) -> None:
    """The store canonicalises literals ("1.0" becomes "1"); ours must already be canonical."""
    for lit in reference.objects():
        if isinstance(lit, Literal) and lit.datatype == XSD.decimal and "." in str(lit):
            assert not str(lit).endswith("0"), lit


# --- states --------------------------------------------------------------------------


def test_every_iso_3166_country_has_a_state(reference: Graph) -> None:
    pycountry = pytest.importorskip("pycountry")
    states = _of_type(reference, ARMS.State)
    missing = [c.alpha_3 for c in pycountry.countries if ids.state(c.alpha_3) not in states]
    assert not missing
    for c in pycountry.countries:
        s = ids.state(c.alpha_3)
        assert reference.value(s, ARMS.iso3166Alpha2) == Literal(c.alpha_2)
        assert reference.value(s, ARMS.iso3166Numeric) == Literal(c.numeric)


def test_japan_demonym_and_capital(reference: Graph) -> None:
    jpn = ids.state("JPN")
    assert (jpn, ARMS.demonym, Literal("Japanese")) in reference
    assert (jpn, ARMS.capital, Literal("Tokyo")) in reference
    assert reference.value(jpn, ARMS.wikidataId) == Literal("Q17")


def test_every_state_has_one_region_and_the_former_their_successors(reference: Graph) -> None:
    states = _of_type(reference, ARMS.State)
    regions = {s: set(reference.objects(s, ARMS.region)) for s in states}
    assert all(len(r) == 1 for r in regions.values()), [s for s, r in regions.items()
                                                        if len(r) != 1]
    assert {str(r) for rs in regions.values() for r in rs} == {
        "Africa", "Americas", "Antarctic", "Asia", "Europe", "Middle East", "Oceania"}
    assert reference.value(ids.state("JPN"), ARMS.subregion) == Literal("Eastern Asia")
    for former, successor in (("SUN", "RUS"), ("DDR", "DEU"), ("RVN", "VNM")):
        for prop in (ARMS.region, ARMS.subregion):
            assert reference.value(ids.state(former), prop) == reference.value(
                ids.state(successor), prop)


def test_regions_are_the_countries_tables(reference: Graph) -> None:
    if not COUNTRIES_CSV.is_file():
        pytest.skip(f"mledoze/countries table not found at {COUNTRIES_CSV}")
    with COUNTRIES_CSV.open(encoding="utf-8", newline="") as f:
        rows = {r["cca3"]: r for r in csv.DictReader(f)}
    for code in ("USA", "DEU", "LBY", "AUS", "BRA", "IND", "CYP"):
        s = ids.state(code)
        assert str(reference.value(s, ARMS.region)) == rows[code]["region"]
        assert str(reference.value(s, ARMS.subregion)) == rows[code]["subregion"]
    # Egypt and Türkiye: SIPRI's Middle East; the UN subregion stays
    assert (rows["EGY"]["region"], rows["TUR"]["region"]) == ("Africa", "Asia")
    for code in ("EGY", "TUR"):
        assert str(reference.value(ids.state(code), ARMS.subregion)) == rows[code]["subregion"]


def test_the_middle_east_is_sipris(reference: Graph) -> None:
    """SIPRI's Middle East group (sixteen states with Palestine), its source cited; the
    Caucasus in Europe as SIPRI has it; the Yemens as unified Yemen."""
    middle_east = {str(reference.value(s, ARMS.iso3166Alpha3))
                   for s in reference.subjects(ARMS.region, Literal("Middle East"))
                   if (s, RDF.type, ARMS.State) in reference}
    assert middle_east == {"BHR", "EGY", "IRN", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN",
                           "PSE", "QAT", "SAU", "SYR", "TUR", "ARE", "YEM"}
    sipri = URIRef("https://www.sipri.org/databases/milex")
    assert (ids.state("SAU"), DCTERMS.source, sipri) in reference
    assert (ids.state("JPN"), DCTERMS.source, sipri) not in reference
    for code in ("ARM", "AZE", "GEO"):
        assert reference.value(ids.state(code), ARMS.region) == Literal("Europe")
        assert reference.value(ids.state(code), ARMS.subregion) == Literal("Western Asia")
    for former in ("YMD", "YAR"):
        assert reference.value(ids.state(former), ARMS.region) == Literal("Middle East")


def test_washington_names_only_the_united_states(reference: Graph) -> None:
    assert set(reference.subjects(ARMS.capital, Literal("Washington"))) == {ids.state("USA")}


@pytest.mark.parametrize(
    ("code", "capitals"),
    [("UKR", {"Kyiv", "Kiev"}), ("CHE", {"Bern", "Berne"})],
)
def test_capital_metonyms_include_variants(reference: Graph, code: str, capitals: set[str]) -> None:
    assert capitals <= {str(c) for c in reference.objects(ids.state(code), ARMS.capital)}


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("United States", "USA"), ("US", "USA"), ("U.S.", "USA"), ("America", "USA"),
        ("South Korea", "KOR"), ("Russia", "RUS"), ("Iran", "IRN"), ("Türkiye", "TUR"),
        ("Turkey", "TUR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"), ("UK", "GBR"),
        ("Cabo Verde", "CPV"), ("eSwatini", "SWZ"), ("Saint Vincent", "VCT"),
        ("DR Congo", "COD"), ("Congo", "COG"), ("UAE", "ARE"), ("Viet Nam", "VNM"),
        ("Turkiye", "TUR"), ("Soviet Union", "SUN"), ("East Germany (GDR)", "DDR"),
        ("North Yemen", "YAR"), ("Yemen Arab Republic (North Yemen)", "YAR"),
        ("South Vietnam", "RVN"), ("Kosovo", "XKX"),
    ],
)
def test_resolve_state_by_name(reference: Graph, name: str, code: str) -> None:
    assert _by_name(reference, name, ARMS.State) == {ids.state(code)}


@pytest.mark.parametrize("code", ["IN", "IS", "NO", "ME", "AT", "TO", "BE", "SO", "AM"])
def test_alpha2_codes_that_are_words_are_not_aliases(reference: Graph, code: str) -> None:
    assert not _by_name(reference, code, ARMS.State)


def test_no_two_states_share_a_name(reference: Graph) -> None:
    shared = {n: s for n, s in _names(reference, _of_type(reference, ARMS.State)).items()
              if len(s) > 1}
    assert not shared


def test_no_two_entities_share_a_name(reference: Graph) -> None:
    entities = (_of_type(reference, ARMS.State) | _of_type(reference, ARMS.Organisation)
                | _of_type(reference, ARMS.WeaponSystem))
    shared = {n: s for n, s in _names(reference, entities).items() if len(s) > 1}
    assert not shared


def test_upstream_demonym_typo_is_fixed(reference: Graph) -> None:
    demonyms = {str(d) for d in reference.objects(ids.state("CPV"), ARMS.demonym)}
    assert "Cape Verdean" in demonyms and "Cape Verdian" not in demonyms


@pytest.mark.parametrize(
    ("code", "start", "end"),
    [
        ("SUN", "1922-12-30", "1991-12-26"),
        ("CSK", "1918-10-28", "1992-12-31"),
        ("DDR", "1949-10-07", "1990-10-02"),
    ],
)
def test_former_state_interval(reference: Graph, code: str, start: str, end: str) -> None:
    s = ids.state(code)
    assert (s, RDF.type, ARMS.FormerState) in reference
    assert reference.value(s, ARMS.validFrom) == Literal(start, datatype=XSD.date)
    assert reference.value(s, ARMS.validTo) == Literal(end, datatype=XSD.date)


def test_every_former_state_ends_after_it_begins(reference: Graph) -> None:
    former = set(reference.subjects(RDF.type, ARMS.FormerState))
    assert {ids.state(c) for c in ("SUN", "CSK", "YUG", "DDR", "YMD", "YAR", "RVN")} <= former
    for s in former:
        start = reference.value(s, ARMS.validFrom)
        end = reference.value(s, ARMS.validTo)
        assert isinstance(start, Literal) and isinstance(end, Literal), s
        assert start.toPython() < end.toPython(), s


def test_gen_states_check_reports_no_change() -> None:
    if not COUNTRIES_CSV.is_file():
        pytest.skip(f"mledoze/countries table not found at {COUNTRIES_CSV}")
    pytest.importorskip("pycountry")
    result = subprocess.run([sys.executable, str(GEN_STATES), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_gen_states_says_when_countries_table_is_missing(tmp_path: Path) -> None:
    pytest.importorskip("pycountry")
    result = subprocess.run(
        [sys.executable, str(GEN_STATES), "--check", "--countries", str(tmp_path / "no.csv")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "countries table not found" in result.stderr


def test_sipri_party_names_resolve_to_one_state(reference: Graph) -> None:
    if not SIPRI_REGISTER.is_file():
        pytest.skip(f"SIPRI register not found at {SIPRI_REGISTER}")
    with SIPRI_REGISTER.open(encoding="cp1252", newline="") as fh:
        rows = list(csv.reader(fh))[12:]
    parties = {r[i] for r in rows for i in (0, 1)}
    state_parties = {p for p in parties if not p.endswith("*") and not p.startswith("unknown")}
    names = _names(reference, _of_type(reference, ARMS.State))
    unresolved = sorted(p for p in state_parties - SIPRI_NON_ISO_PARTIES
                        if len(names.get(p.casefold(), ())) != 1)
    assert not unresolved


# --- organisations and alliances -----------------------------------------------------


def test_organisation_iris_are_minted_from_labels(reference: Graph) -> None:
    for org in _of_type(reference, ARMS.Organisation):
        assert org == ids.org(str(reference.value(org, RDFS.label))), org


@pytest.mark.parametrize(
    ("name", "key", "cls"),
    [
        ("Raytheon", "rtx", ARMS.Company), ("MHI", "mitsubishi-heavy-industries", ARMS.Company),
        ("KMW", "krauss-maffei-wegmann", ARMS.Company), ("SECO", "seco", ARMS.GovernmentBody),
        ("RIA", "ria-novosti", ARMS.NewsAgency), ("NATO", "nato", ARMS.Alliance),
        ("EU", "european-union", ARMS.Alliance),
    ],
)
def test_resolve_organisation_by_name(reference: Graph, name: str, key: str, cls: URIRef) -> None:
    assert _by_name(reference, name, ARMS.Organisation) == {ids.org(key)}
    assert (ids.org(key), RDF.type, cls) in reference


def _memberships(g: Graph, org: str, code: str) -> list[URIRef]:
    return [m for m in g.subjects(ARMS.member, ids.state(code))
            if (m, ARMS.organisation, ids.org(org)) in g]


def test_poland_in_nato_from_1999_03_12(reference: Graph) -> None:
    (m,) = _memberships(reference, "nato", "POL")
    assert reference.value(m, ARMS.validFrom) == Literal("1999-03-12", datatype=XSD.date)
    assert reference.value(m, ARMS.validTo) is None


def test_united_kingdom_left_the_eu_on_2020_01_31(reference: Graph) -> None:
    (m,) = _memberships(reference, "european-union", "GBR")
    assert reference.value(m, ARMS.validTo) == Literal("2020-01-31", datatype=XSD.date)


def test_alliances_have_their_members(reference: Graph) -> None:
    def members(org: str) -> set[URIRef]:
        return {m for m in reference.subjects(ARMS.organisation, ids.org(org))}

    assert len(members("nato")) == 32
    assert len(members("european-union")) == 28  # 27 members and the United Kingdom


# --- systems -------------------------------------------------------------------------


def test_at_least_sixty_weapon_systems(reference: Graph) -> None:
    assert len(_of_type(reference, ARMS.WeaponSystem)) >= 60


DESIGN_SYSTEMS = [
    "patriot", "patriot-pac-2", "patriot-pac-3", "patriot-pac-3-mse", "f-16", "leopard-2",
    "leopard-2a6", "leopard-2a4", "leopard-1", "gepard", "gepard-35mm-ammunition", "piranha",
    "spike", "iris-t", "nasams", "himars", "atacms", "javelin", "s-400", "s-300", "jf-17",
    "brahmos", "k9", "caesar", "storm-shadow", "155mm-artillery-shell", "mig-29",
]


@pytest.mark.parametrize("key", DESIGN_SYSTEMS)
def test_design_system_iri_exists(reference: Graph, key: str) -> None:
    assert (ids.system(key), RDF.type, ARMS.WeaponSystem) in reference


@pytest.mark.parametrize(
    ("variant", "family"),
    [
        ("patriot-pac-2", "patriot"), ("patriot-pac-3", "patriot"),
        ("patriot-pac-3-mse", "patriot"), ("leopard-2a6", "leopard-2"),
        ("leopard-2a4", "leopard-2"), ("gepard-35mm-ammunition", "gepard"),
    ],
)
def test_variant_is_part_of_family(reference: Graph, variant: str, family: str) -> None:
    assert (ids.system(variant), ARMS.partOf, ids.system(family)) in reference


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("MIM-104 PAC-3 MSE", "patriot-pac-3-mse"), ("MIM-104 PAC-3", "patriot-pac-3"),
        ("MIM-104 PAC-2", "patriot-pac-2"), ("Patriot Configuration-3", "patriot"),
        ("MIM-104", "patriot"), ("F-16C", "f-16"), ("F-16A", "f-16"), ("F-16AM", "f-16"),
        ("Fighting Falcon", "f-16"), ("Leopard-2A6", "leopard-2a6"), ("Leopard", None),
        ("35 mm Gepard ammunition", "gepard-35mm-ammunition"), ("PJ-10 BrahMos", "brahmos"),
        ("Storm Shadow/SCALP-EG", "storm-shadow"), ("SCALP", "storm-shadow"),
        ("K-9 Thunder 155mm", "k9"), ("FGM-148 Javelin", "javelin"),
    ],
)
def test_resolve_system_by_name(reference: Graph, name: str, key: str | None) -> None:
    expected = {ids.system(key)} if key else set()
    assert _by_name(reference, name, ARMS.WeaponSystem) == expected


def test_gepard_ammunition_is_swiss(reference: Graph) -> None:
    ammo = ids.system("gepard-35mm-ammunition")
    assert reference.value(ammo, RDFS.label) == Literal("35 mm Gepard ammunition")
    assert set(reference.objects(ammo, ARMS.originState)) == {ids.state("CHE")}


def test_every_system_is_categorised_within_the_scheme(reference: Graph) -> None:
    for system in _of_type(reference, ARMS.WeaponSystem):
        categories = set(reference.objects(system, ARMS.category))
        assert categories, system
        for c in categories:
            assert (c, RDF.type, ARMS.SystemCategory) in reference, c
            assert (c, SKOS.inScheme, ARMS.CategoryScheme) in reference, c
            assert c == ids.category(str(reference.value(c, RDFS.label))), c


def test_system_references_resolve(reference: Graph) -> None:
    for p in (ARMS.originState, ARMS.manufacturer, ARMS.partOf):
        for s, o in reference.subject_objects(p):
            assert reference.value(o, RDFS.label) is not None, (s, p, o)


# --- statements and sources ----------------------------------------------------------


def test_every_entity_cites_a_web_source(reference: Graph) -> None:
    entities = (_of_type(reference, ARMS.State) | _of_type(reference, ARMS.Organisation)
                | _of_type(reference, ARMS.WeaponSystem))
    for e in entities:
        sources = list(reference.objects(e, DCTERMS.source))
        assert sources, e
        assert all(isinstance(u, URIRef) and str(u).startswith("http") for u in sources), e


def test_every_statement_is_sourced_and_manual(reference: Graph) -> None:
    statements = _of_type(reference, ARMS.Statement)
    assert statements
    for st in statements:
        (src,) = reference.objects(st, PROV.wasDerivedFrom)
        assert (src, RDF.type, ARMS.Source) in reference, st
        for p in (DCTERMS.title, ARMS.outlet, DCTERMS.issued):
            assert reference.value(src, p) is not None, (src, p)
        assert str(reference.value(src, URIRef("https://schema.org/url"))).startswith("http")
        assert all(str(u).startswith("http") for u in reference.objects(st, DCTERMS.source)), st
        assert reference.value(st, DCTERMS.source) is not None, st
        assert reference.value(st, ARMS.extractionRule) == Literal("manual"), st
        assert 0 <= reference.value(st, ARMS.confidence).toPython() <= 1, st


def _holds(g: Graph, st: URIRef, day: dt.date) -> bool:
    start = g.value(st, ARMS.validFrom).toPython()
    end = g.value(st, ARMS.validTo)
    return bool(start <= day and (end is None or day <= end.toPython()))


@pytest.mark.parametrize(
    ("code", "day", "at_war"),
    [
        ("RUS", dt.date(2022, 3, 1), True), ("UKR", dt.date(2024, 11, 20), True),
        ("UKR", dt.date(2013, 12, 31), False), ("ISR", dt.date(2023, 10, 7), True),
        ("JPN", dt.date(2024, 3, 22), False), ("USA", dt.date(2024, 3, 22), False),
    ],
)
def test_party_to_armed_conflict_at_date(
    reference: Graph, code: str, day: dt.date, at_war: bool
) -> None:
    parts = list(reference.subjects(ARMS.party, ids.state(code)))
    assert any(_holds(reference, p, day) for p in parts) is at_war


@pytest.mark.parametrize(
    ("actor", "target", "day", "embargoed"),
    [
        (ids.state("USA"), "CHN", dt.date(1990, 1, 1), True),
        (ids.state("USA"), "CHN", dt.date(1989, 6, 1), False),
        (ids.org("european-union"), "CHN", dt.date(1989, 6, 27), True),
        (ids.org("european-union"), "RUS", dt.date(2014, 7, 31), True),
        (ids.org("european-union"), "RUS", dt.date(2014, 7, 30), False),
        (ids.state("GBR"), "ARG", dt.date(1983, 1, 1), True),
        (ids.state("USA"), "JPN", dt.date(2024, 1, 1), False),
    ],
)
def test_embargo_at_date(
    reference: Graph, actor: URIRef, target: str, day: dt.date, embargoed: bool
) -> None:
    embargoes = [e for e in reference.subjects(ARMS.target, ids.state(target))
                 if (e, RDF.type, ARMS.Embargo) in reference
                 and (e, ARMS.actor, actor) in reference]
    assert any(_holds(reference, e, day) for e in embargoes) is embargoed


def test_every_embargo_has_legal_basis_and_date_precision(reference: Graph) -> None:
    embargoes = set(reference.subjects(RDF.type, ARMS.Embargo))
    assert len(embargoes) >= 8
    for e in embargoes:
        assert reference.value(e, ARMS.legalBasis) is not None, e
        assert reference.value(e, ARMS.datePrecision) is not None, e


def test_reference_data_conforms_to_shapes(reference: Graph) -> None:
    shapes_path = ONTOLOGY_DIR / "shapes.ttl"
    if not shapes_path.is_file():
        pytest.skip("ontology/shapes.ttl not written yet")
    shapes = parse_turtle(shapes_path)
    ontology = parse_turtle(ONTOLOGY_DIR / "armsgraph.ttl")
    result = validate_graph(reference, shapes, ontology)
    assert result.conforms, result.text
