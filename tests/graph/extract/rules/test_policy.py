"""The policy rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

import pytest

from armsgraph.extract import extract
from armsgraph.extract.catalog import Catalog
from armsgraph.extract.model import PolicyRule
from tests.graph.extract.rules import T, facts_of


def test_policy_with_date(catalog: Catalog) -> None:
    x = extract("Berlin eased its export rules in March 2024.", {"published": "2025-06-18"},
                catalog)
    (f,) = x.facts
    assert (f.type, f.status, f.roles["actor"].id.rsplit("/", 1)[-1]) == (
        "Policy", "approved", "DEU")
    assert (f.date.value, f.date.precision) == ("2024-03", "month")


@pytest.mark.parametrize(
    ("text", "actor", "status"),
    [
        pytest.param("Norway keeps a Norwegian arms embargo on the region in place.",
                     "NOR", "approved", id="demonym-embargo"),
        pytest.param("Finland's neutrality rules bar arms exports to warring states.",
                     "FIN", "approved", id="possessive-rule"),
        pytest.param("Poland held a general election in May. The country also keeps a ban on "
                     "exports of mines.", "POL", "approved", id="frame-the-country"),
        pytest.param("Norway said it will not send weapons to any side of a war.",
                     "NOR", "approved", id="stance-not-send"),
        pytest.param("Finland could end its ban on arms sales to states at war.",
                     "FIN", "hypothetical", id="could-end-ban"),
    ],
)
def test_stance_policies(catalog: Catalog, text: str, actor: str, status: str) -> None:
    x = extract(text, {"published": "2025-06-18"}, catalog)
    policies = [f for f in x.facts if f.type == "Policy"]
    assert [(f.status, f.roles["actor"].id.rsplit("/", 1)[-1]) for f in policies] == [
        (status, actor)]
    assert policies[0].content


def test_no_stance_without_exports(catalog: Catalog) -> None:
    got = facts_of("Norway will not send its minister to the summit.", catalog)
    assert [t for t, _, _ in got if t == "Policy"] == []


def test_cancelled_permits_are_a_refusal(catalog: Catalog) -> None:
    got = facts_of("Norway revoked the licences for NASAMS exports to Poland.", catalog)
    assert (T, "refused", {"supplier": "NOR", "recipient": "POL", "item": "nasams"}) in got
    assert not [r for t, s, r in got if s == "granted"]
    # one system's licences: the stop is that refused transfer, not a rule of Norway's
    assert not [r for t, _, r in got if t == "Policy"]
    arms = facts_of("Norway revoked the licences for arms exports to Poland.", catalog)
    assert ("Policy", "approved", {"actor": "NOR", "target": "POL"}) in arms


def test_suspended_permits_stop_the_item_the_article_named(catalog: Catalog) -> None:
    text = ("Norway sold NASAMS to Poland in 2020. "
            "In March, Oslo suspended the relevant export permits to Poland.")
    x = extract(text, {"published": "2025-06-18"}, catalog)
    second = [(f.status, {r: v.id.rsplit("/", 1)[-1] for r, v in f.roles.items()})
              for f in x.facts if f.type == T and f.sentence.startswith("In March")]
    assert second == [("refused", {"supplier": "NOR", "recipient": "POL", "item": "nasams"})]
    got = facts_of("Norway sold NASAMS to Poland in 2020. Oslo has not suspended the export "
                    "permits to Poland.", catalog)
    assert not [r for t, s, r in got if t == T and s == "refused"]


def test_court_order_to_halt_exports_is_a_denial_and_a_refused_transfer(
        catalog: Catalog) -> None:
    got = facts_of("A Norwegian appeals court ordered the government to halt all exports of "
                    "NASAMS parts to Poland.", catalog)
    assert ("Policy", "approved", {"actor": "NOR", "target": "POL"}) in got
    assert (T, "refused", {"supplier": "NOR", "recipient": "POL", "item": "nasams"}) in got


def test_a_demonym_on_the_embargo_names_whose_rule_it_is(catalog: Catalog) -> None:
    got = facts_of("Poland sells CV90 vehicles widely. Exports of the CV90 have been slowed by a "
                    "German arms embargo.", catalog)
    assert [(s, r) for t, s, r in got if t == "Policy"] == [("approved", {"actor": "DEU"})]


def _rules(text: str, catalog: Catalog) -> list[PolicyRule | None]:
    return [f.policy_rule for f in extract(text, {"published": "2025-06-18"}, catalog).facts
            if f.type == "Policy"]


S = "https://w3id.org/armsgraph/id/state/"


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        pytest.param("Finland's neutrality rules bar arms exports to warring states.",
                     PolicyRule("prohibition", ("direct-export",), ("at-war",)),
                     id="class-of-destinations"),
        pytest.param("Switzerland will not send weapons directly or indirectly to either "
                     "side of a war.",
                     PolicyRule("prohibition", ("direct-export", "re-export"), ("at-war",)),
                     id="direct-or-indirect"),
        pytest.param("Norway has imposed an arms embargo on Russia and Poland.",
                     PolicyRule("prohibition", ("direct-export",), (),
                                (S + "POL", S + "RUS")), id="embargo-on-two-states"),
        pytest.param("Oslo halted all exports of NASAMS parts to Poland and Finland.",
                     PolicyRule("prohibition", ("direct-export",), (), (S + "FIN", S + "POL"),
                                ("https://w3id.org/armsgraph/id/system/nasams",), parts=True),
                     id="parts-of-a-system"),
        pytest.param("Poland must get American approval before selling HIMARS to a third "
                     "country.",
                     PolicyRule("duty", ("re-export",), ("third-state",), (),
                                ("https://w3id.org/armsgraph/id/system/himars",),
                                consent_from=(S + "USA",)), id="duty-of-whose-approval"),
    ],
)
def test_a_policy_carries_its_rule(catalog: Catalog, text: str, rule: PolicyRule) -> None:
    assert _rules(text, catalog) == [rule]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Germany could end its ban on exports to war zones.", id="hedged"),
        pytest.param("Berlin has lifted its embargo on Poland and Finland.", id="lifted"),
        pytest.param("Norway suspended a plan to supply NASAMS to Poland and instead decided "
                     "to send CV90 vehicles to Finland.", id="a-plan-is-no-export"),
    ],
)
def test_no_rule_where_the_clause_ends_hedges_or_states_none(
        catalog: Catalog, text: str) -> None:
    assert all(r is None for r in _rules(text, catalog))


def test_an_embargo_on_one_state_is_not_repeated_as_a_rule(catalog: Catalog) -> None:
    x = extract("Norway has suspended arms exports to Russia.", {"published": "2025-06-18"},
                catalog)
    [policy] = [f for f in x.facts if f.type == "Policy"]
    assert policy.roles["target"].id == S + "RUS" and policy.policy_rule is None


def test_suspending_a_plan_is_no_export_rule(catalog: Catalog) -> None:
    got = facts_of("After talks in Washington, Poland suspended a plan to supply HIMARS to "
                   "Russia.", catalog)
    assert not [r for t, _, r in got if t == "Policy"]
    rule = facts_of("Poland suspended arms exports to Russia and Finland.", catalog)
    assert [r for t, _, r in rule if t == "Policy"] == [{"actor": "POL"}]


def test_sharing_the_same_stance_is_a_policy_of_ones_own(catalog: Catalog) -> None:
    got = facts_of("Finland's neutrality rules bar arms exports to warring states. Norway "
                   "shares the same stance.", catalog)
    assert [r for t, _, r in got if t == "Policy"] == [{"actor": "FIN"}, {"actor": "NOR"}]


def test_items_put_under_a_denial_are_its_refused_transfers(catalog: Catalog) -> None:
    text = ("Norway suspended 20 arms export licences to Poland on Monday. Officials said "
            "\"components for armoured vehicles [CV90s], naval radars and training aircraft\" "
            "were subjected to the suspension.")
    got = [(t, st, r) for t, st, r in facts_of(text, catalog) if r.get("item")]
    assert got == [(T, "refused", {"supplier": "NOR", "recipient": "POL", "item": it})
                   for it in ("components-for-armoured-vehicles", "naval-radar",
                              "training-aircraft")]
    covers = facts_of("Norway imposed an arms embargo on Poland. The embargo covers NASAMS "
                      "and CV90 vehicles.", catalog)
    assert [(r["item"], st) for t, st, r in covers if t == T] == [("nasams", "refused"),
                                                                 ("cv90", "refused")]
    # no denial stated before: nothing to attribute the items to
    assert [r for t, _, r in facts_of("Naval radars were subjected to the suspension.",
                                      catalog) if t == T] == []


def test_a_duty_to_obtain_approval_from_a_state_is_that_states_rule(catalog: Catalog) -> None:
    got = facts_of("Norway sent NASAMS to Poland. Under the export regulations, buyers must "
                   "obtain approval from Washington before re-exporting any weapons.", catalog)
    assert [r for t, _, r in got if t == "Policy"] == [{"actor": "USA"}]


def test_refusing_a_named_munition_is_no_stance(catalog: Catalog) -> None:
    got = facts_of("Finland's president said his country will not provide ammunition for the "
                   "Eagle armoured vehicles to Ukraine.", catalog)
    assert [t for t, _, _ in got] == [T]
    assert [r for t, _, r in facts_of("Finland will not send weapons to Ukraine.", catalog)
            if t == "Policy"] == [{"actor": "FIN"}]
