"""The re-export consent rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

import pytest

from armsgraph.extract.catalog import Catalog
from tests.graph.extract.rules import TURTLE_FRAME, C, Row, T, facts_of


def test_consent_required(catalog: Catalog) -> None:
    got = facts_of("If Poland wanted to pass its Leopard 2 tanks to Ukraine, it would need "
                    "Berlin's approval.", catalog)
    assert ("ReExportConsent", "required",
            {"holder": "POL", "destination": "UKR", "item": "leopard-2",
             "consent_holder": "DEU"}) in got


def test_consent_requested(catalog: Catalog) -> None:
    got = facts_of("Warsaw asked Germany for permission to re-export Leopard 2 tanks to Kyiv.",
                    catalog)
    assert [(t, s, r) for t, s, r in got if t == "ReExportConsent"] == [
        ("ReExportConsent", "requested", {"holder": "POL", "destination": "UKR",
                                          "item": "leopard-2", "consent_holder": "DEU"})]
    assert not [f for f in got if f[0] == T]  # the asked-for re-export is no transfer


def test_consent_refused_with_request(catalog: Catalog) -> None:
    got = facts_of("Switzerland blocked a German request to re-export CV90 vehicles to "
                    "Ukraine.", catalog)
    assert ("ReExportConsent", "refused", {"holder": "DEU", "destination": "UKR",
                                           "item": "cv90", "consent_holder": "CHE"}) in got
    assert not [f for f in got if f[0] == "Request"]  # the holder's own ask is the consent


def test_third_party_request_refused(catalog: Catalog) -> None:
    got = facts_of("Switzerland blocked a US request to let Germany re-export CV90 vehicles to "
                    "Ukraine.", catalog)
    assert ("ReExportConsent", "refused", {"holder": "DEU", "destination": "UKR",
                                           "item": "cv90", "consent_holder": "CHE"}) in got
    assert ("Request", "requested", {"requester": "USA", "item": "cv90",
                                     "addressee": "CHE"}) in got


def test_consent_granted(catalog: Catalog) -> None:
    got = facts_of("Berlin will let Poland re-export Leopard 2 tanks to Ukraine.", catalog)
    assert ("ReExportConsent", "granted", {"holder": "POL", "destination": "UKR",
                                           "item": "leopard-2", "consent_holder": "DEU"}) in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Berlin has yet to receive a formal request from Warsaw to approve the "
                     "export of Leopard 2A6 tanks and NASAMS to Ukraine.",
                     [(C, "required", {"holder": "POL", "destination": "UKR",
                                       "item": "leopard-2a6", "consent_holder": "DEU"}),
                      (C, "required", {"holder": "POL", "destination": "UKR",
                                       "item": "nasams", "consent_holder": "DEU"})],
                     id="not-yet-received"),
        pytest.param("Oslo received a request from Warsaw to permit the re-export of NASAMS "
                     "to Ukraine.",
                     [(C, "requested", {"holder": "POL", "destination": "UKR",
                                        "item": "nasams", "consent_holder": "NOR"})],
                     id="received"),
        pytest.param("Norway sent a request to Germany to approve the sale of Leopard 2A6 tanks "
                     "to Ukraine.",
                     [(C, "requested", {"holder": "NOR", "destination": "UKR",
                                        "item": "leopard-2a6", "consent_holder": "DEU"})],
                     id="sent-to"),
    ],
)
def test_a_request_to_approve_an_export_asks_for_consent(
        text: str, expected: list[Row], catalog: Catalog) -> None:
    assert facts_of(text, catalog) == expected  # a request received or sent moves no goods


def test_ditransitive_permission_names_the_holder(catalog: Catalog) -> None:
    got = facts_of("Norway granted Poland permission to send NASAMS to Ukraine.", catalog)
    assert [(s, r) for t, s, r in got if t == "ReExportConsent"] == [
        ("granted", {"holder": "POL", "destination": "UKR", "item": "nasams",
                     "consent_holder": "NOR"})]


def test_consent_noun_after_nod_is_granted(catalog: Catalog) -> None:
    got = facts_of("Finland buys used Norwegian NASAMS launchers after Washington's nod.",
                    catalog)
    assert [r for t, _, r in got if t == T] == [
        {"supplier": "NOR", "recipient": "FIN", "item": "nasams"}]
    assert ("ReExportConsent", "granted", {"holder": "NOR", "destination": "FIN",
                                           "item": "nasams", "consent_holder": "USA"}) in got



def _consents(text: str, catalog: Catalog) -> list[tuple[str, dict[str, str]]]:
    return [(s, r) for t, s, r in facts_of(text, catalog) if t == "ReExportConsent"]


def test_go_ahead_to_several_holders_names_each(catalog: Catalog) -> None:
    got = _consents("On Tuesday the United States gave the go-ahead to Norway and Finland "
                    "to pass HIMARS to Ukraine.", catalog)
    assert sorted(r["holder"] for _, r in got) == ["FIN", "NOR"]
    assert all(s == "granted" and r["destination"] == "UKR" and r["item"] == "himars"
               and r["consent_holder"] == "USA" for s, r in got)


def test_permitted_party_of_a_passive_is_the_holder(catalog: Catalog) -> None:
    text = ("The United States has allowed Norway to hand NASAMS to Ukraine, and Finland "
            "will also be permitted to send HIMARS.")
    got = _consents(text, catalog)
    assert ("granted", {"consent_holder": "USA", "holder": "NOR", "destination": "UKR",
                        "item": "nasams"}) in got
    assert all(r["consent_holder"] == "USA" for _, r in got)
    assert any(r.get("holder") == "FIN" and r["item"] == "himars" for _, r in got)


def test_rejected_requests_of_a_relative_clause(catalog: Catalog) -> None:
    got = _consents("Last year Bern turned down requests from Poland and Norway, which had "
                    "hoped to pass Swiss-built HIMARS to Ukraine.", catalog)
    assert {(s, r["consent_holder"], r.get("destination"), r["item"]) for s, r in got} == {
        ("refused", "CHE", "UKR", "himars")}
    assert sorted(r["holder"] for _, r in got) == ["NOR", "POL"]


def test_blocked_from_sending_names_the_holder(catalog: Catalog) -> None:
    got = _consents("Bern has blocked Poland from sending its Swiss-built CV90 vehicles to "
                    "Ukraine.", catalog)
    assert ("refused", {"consent_holder": "CHE", "holder": "POL", "destination": "UKR",
                        "item": "cv90"}) in got


def test_asked_to_permit_a_re_export_is_the_askers_consent_request(catalog: Catalog) -> None:
    got = facts_of("Warsaw asked Germany to permit the re-export of its Leopard 2 tanks to "
                   "Kyiv.", catalog)
    assert (C, "requested", {"holder": "POL", "destination": "UKR", "item": "leopard-2",
                             "consent_holder": "DEU"}) in got


def test_what_a_consent_allows_or_blocks_is_no_transfer_of_its_own() -> None:
    cat = Catalog.from_turtle(TURTLE_FRAME)
    got = facts_of("Bern will allow Norway to transfer Eagle vehicles to Ukraine.", cat)
    assert [t for t, _, _ in got] == [C]
    got = facts_of("Switzerland moved to block Norway from sending Eagle vehicles to Ukraine.",
                   cat)
    assert [t for t, _, _ in got] == [C]
    # a delivery the sentence reports stays beside the consent
    got = facts_of("Norway delivered Eagle vehicles to Ukraine after Bern allowed the "
                   "re-export.", cat)
    assert (T, "delivered", {"supplier": "NOR", "recipient": "UKR", "item": "eagle"}) in got
