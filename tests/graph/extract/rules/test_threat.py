"""The threat rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

from armsgraph.extract import extract
from armsgraph.extract.catalog import Catalog
from tests.graph.extract.rules import T, facts_of


def test_threat_with_person_speaker(catalog: Catalog) -> None:
    text = ("Russian Foreign Minister Ivan Petrov threatened Norway with retaliation if "
            "NASAMS ended up in Ukraine.")
    x = extract(text, {"published": "2025-06-18"}, catalog)
    threat = next(f for f in x.facts if f.type == "Threat")
    assert {r: v.id.rsplit("/", 1)[-1] for r, v in threat.roles.items()} == {
        "actor": "RUS", "speaker": "ivan-petrov", "target": "NOR"}
    cond = next(f for f in x.facts if f.type == T)
    assert cond.status == "hypothetical" and threat.condition == cond.id
    person = next(e for e in x.entities if e.id == threat.roles["speaker"].id)
    assert (person.position, person.based_in) == ("foreign minister", threat.roles["actor"].id)


def test_vague_harm_threat_and_follow_up(catalog: Catalog) -> None:
    text = ("Moscow warned that NASAMS sent to Ukraine will burn. "
            "Later it said the CV90 vehicles will burn too.")
    got = [(s, r) for t, s, r in facts_of(text, catalog) if t == "Threat"]
    assert got == [("threatened", {"actor": "RUS", "target": "UKR"}),
                   ("threatened", {"actor": "RUS", "target": "UKR"})]


def test_sanction_threat_names_each_company() -> None:
    x = extract("Russia said it would sanction Boeing and Lockheed Martin over the sale.",
                {"published": "2025-06-18"})  # the reference catalog names both companies
    got = sorted((f.roles["actor"].id.rsplit("/", 1)[-1], f.roles["target"].label)
                 for f in x.facts if f.type == "Threat")
    assert got == [("RUS", "Boeing"), ("RUS", "Lockheed Martin")]
    three = extract("Russia said it would sanction Boeing, Lockheed Martin and Raytheon over "
                    "the sale.", {"published": "2025-06-18"})
    assert sorted(f.roles["target"].id.rsplit("/", 1)[-1] for f in three.facts
                  if f.type == "Threat") == ["boeing", "lockheed-martin", "rtx"]


def test_pay_dearly_targets_the_subject(catalog: Catalog) -> None:
    got = facts_of("Norway warned that Russia would pay dearly for any attack.", catalog)
    assert [r for t, _, r in got if t == "Threat"] == [{"actor": "NOR", "target": "RUS"}]


def test_sanctions_on_a_states_companies(catalog: Catalog) -> None:
    x = extract("Russia will impose sanctions on Norwegian firms over the NASAMS deal.", None,
                catalog)
    threat = next(f for f in x.facts if f.type == "Threat")
    assert threat.roles["actor"].id.endswith("/RUS")
    assert threat.roles["target"].label == "Norwegian firms"


def test_a_threat_keeps_its_target_when_a_transfer_follows(catalog: Catalog) -> None:
    text = ("Russia warned Norway of grave consequences over the NASAMS deal. "
            "Norway's decision to send NASAMS to Ukraine is a mistake, the Russian envoy said. "
            "Such a step will have grave consequences.")
    threats = [f for f in extract(text, None, catalog).facts if f.type == "Threat"]
    assert [f.roles["target"].id.rsplit("/", 1)[-1] for f in threats] == ["NOR", "NOR"]


def test_the_party_that_will_pay_is_no_threatener(catalog: Catalog) -> None:
    got = facts_of("President Jan Novak told reporters that Russia would pay dearly if it "
                    "attacked Poland.", catalog)
    assert not [r for t, _, r in got if t == "Threat" and r.get("actor") == "RUS"]
    got = facts_of("Polish President Jan Novak met reporters. Novak said Russia would pay "
                    "dearly if it attacked Poland.", catalog)
    assert [r for t, _, r in got if t == "Threat"] == [
        {"actor": "POL", "target": "RUS", "speaker": "jan-novak"}]
