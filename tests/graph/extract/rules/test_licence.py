"""The production-licence rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

from graph.extract.catalog import Catalog
from tests.graph.extract.rules import TURTLE_MAKERS, facts_of


def test_licence_rule(catalog: Catalog) -> None:
    got = facts_of("Poland makes CV90 vehicles in Poland under licence from Finland.", catalog)
    assert ("ProductionLicense", "granted",
            {"licensor": "FIN", "licensee": "POL", "item": "cv90"}) in got


def test_licence_rule_with_demonym_licensor(catalog: Catalog) -> None:
    got = facts_of("The NASAMS launchers are produced in Poland under a Norwegian licence.",
                    catalog)
    assert [(t, r) for t, _, r in got] == [
        ("ProductionLicense", {"licensor": "NOR", "licensee": "POL", "item": "nasams"})]


def test_licence_verb_and_future_status(catalog: Catalog) -> None:
    got = facts_of("Kongsberg will license production of NASAMS launchers to Poland.", catalog)
    assert ("ProductionLicense", "planned", {"licensor": "kongsberg", "licensee": "POL",
                                             "item": "nasams"}) in got


def test_technology_transfer_is_a_licence(catalog: Catalog) -> None:
    got = facts_of("Finland agreed to transfer the technology Poland needs to build CV90 "
                    "vehicles.", catalog)
    assert ("ProductionLicense", "planned", {"licensor": "FIN", "licensee": "POL",
                                             "item": "cv90"}) in got


def test_producing_another_states_system_is_a_licence() -> None:
    cat = Catalog.from_turtle(TURTLE_MAKERS)
    text = ("Patria, a Finnish firm, is in talks to build NASAMS launchers in Tampere with "
            "Norwegian help. Kongsberg and Norway have agreed to back the production.")
    got = facts_of(text, cat)
    lic = [(s, r) for t, s, r in got if t == "ProductionLicense"]
    assert ("planned", {"licensor": "NOR", "licensee": "patria", "item": "nasams"}) in lic
    assert ("approved", {"licensor": "kongsberg", "licensee": "patria",
                         "item": "nasams"}) in lic
    assert ("approved", {"licensor": "NOR", "licensee": "patria", "item": "nasams"}) in lic


def test_a_maker_building_its_own_states_system_holds_no_licence() -> None:
    cat = Catalog.from_turtle(TURTLE_MAKERS)
    assert not any(t == "ProductionLicense" for t, _, _ in facts_of(
        "Patria builds the AMV and Kongsberg the NASAMS.", cat))


# TURTLE_MAKERS' prefixes, Norway and Finland, with a system of both
JOINT = TURTLE_MAKERS.split("\norg:", 1)[0] + """
state:POL a arms:State ; rdfs:label "Poland" ; arms:demonym "Polish" .
org:kongsberg a arms:Company ; rdfs:label "Kongsberg" ; arms:basedIn state:NOR .
system:nordlynx a arms:WeaponSystem ; rdfs:label "Nordlynx" ;
    arms:originState state:NOR , state:FIN .
"""


def test_a_partner_of_a_joint_design_builds_it_without_a_licence() -> None:
    joint = Catalog.from_turtle(JOINT)
    entry = joint.entries["https://w3id.org/armsgraph/id/system/nordlynx"]
    assert entry.origins == ("https://w3id.org/armsgraph/id/state/FIN",
                             "https://w3id.org/armsgraph/id/state/NOR")
    assert entry.origin == "https://w3id.org/armsgraph/id/state/FIN"
    got = facts_of("The Nordlynx is built locally by Kongsberg.", joint)  # origin is Finland
    assert not [r for t, _, r in got if t == "ProductionLicense"]
