"""The rule driver (apply_rules) on sentences written for these tests (never an article's)."""

from __future__ import annotations

from graph.extract import extract
from graph.extract.catalog import Catalog
from tests.graph.extract.rules import T, facts_of


def test_every_fact_names_its_rule(catalog: Catalog) -> None:
    x = extract("Germany delivered Leopard 2 tanks to Ukraine. Ukraine urged Norway to "
                "send more NASAMS.", None, catalog)
    assert {f.rule for f in x.facts} == {"transfer.give", "request.verb"}


def test_a_transfer_wanted_in_a_refused_request_is_only_the_consent(catalog: Catalog) -> None:
    got = facts_of("Earlier, Bern rejected requests from Norway and Poland, which wanted to "
                    "supply Swiss-made CV90 vehicles to Ukraine.", catalog)
    assert [(s, r["holder"]) for t, s, r in got if t == "ReExportConsent"] == [
        ("refused", "NOR"), ("refused", "POL")]
    assert not [r for t, _, r in got if t == T]
