"""The policy rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

import pytest

from graph.extract import extract
from graph.extract.catalog import Catalog
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
    assert ("Policy", "approved", {"actor": "NOR", "target": "POL"}) in got
    assert not [r for t, s, r in got if s == "granted"]


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
