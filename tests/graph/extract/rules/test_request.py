"""The request rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

from armsgraph.extract.catalog import Catalog
from tests.graph.extract.rules import TURTLE_FRAME, T, facts_of


def test_an_answered_purchase_request_is_the_answerers_transfer(catalog: Catalog) -> None:
    got = facts_of("Norway has rejected Ukraine's request to buy NASAMS, officials said.",
                    catalog)
    assert sorted(got) == [
        ("Request", "requested", {"requester": "UKR", "item": "nasams", "addressee": "NOR"}),
        (T, "refused", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"})]
    got = facts_of("Norway approved Poland's request for NASAMS.", catalog)
    assert (T, "approved", {"supplier": "NOR", "recipient": "POL", "item": "nasams"}) in got
    assert not [r for t, _, r in got if t == "ReExportConsent"]
    got = facts_of("Norway rejected Poland's request to re-export NASAMS to Ukraine.", catalog)
    assert [t for t, _, _ in got] == ["ReExportConsent"]


def test_answered_request_names_its_addressee(catalog: Catalog) -> None:
    got = facts_of("Norway has refused Ukraine's request to buy NASAMS.", catalog)
    assert ("Request", "requested", {"requester": "UKR", "item": "nasams",
                                     "addressee": "NOR"}) in got


def test_request_rule(catalog: Catalog) -> None:
    got = facts_of("Ukraine urged Norway to send more NASAMS.", catalog)
    assert ("Request", "requested", {"requester": "UKR", "item": "nasams",
                                     "addressee": "NOR"}) in got


def test_the_request_points_back_to_the_last_one() -> None:
    cat = Catalog.from_turtle(TURTLE_FRAME)
    text = ("Norway asked Switzerland for permission to re-export Eagle tanks to Ukraine. "
            "Bern rejected the request a week later.")
    got = facts_of(text, cat)
    assert ("ReExportConsent", "refused", {"holder": "NOR", "destination": "UKR",
                                           "item": "eagle", "consent_holder": "CHE"}) in got[1:]
    text2 = "Poland asked Norway for Lynx vehicles. Oslo refused the request."
    assert ("Transfer", "refused", {"supplier": "NOR", "recipient": "POL", "item": "lynx"}) \
        in facts_of(text2, cat)


def test_request_stated_as_a_noun(catalog: Catalog) -> None:
    got = facts_of("Ministers discussed Kyiv's request to Norway to buy more NASAMS launchers.",
                    catalog)
    assert ("Request", "requested", {"requester": "UKR", "addressee": "NOR",
                                     "item": "nasams"}) in got
    assert not any(t == T for t, _, _ in got)  # asked for, not sent


def test_transfer_made_on_its_request_was_requested(catalog: Catalog) -> None:
    got = facts_of("Norway sent NASAMS to Ukraine at its request.", catalog)
    assert (T, "delivered", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}) in got
    assert ("Request", "requested", {"requester": "UKR", "addressee": "NOR",
                                     "item": "nasams"}) in got


def test_a_desire_to_buy_is_a_request_not_a_transfer(catalog: Catalog) -> None:
    got = facts_of("Polish Defence Minister Jan Nowak voiced his government's desire to buy "
                    "NASAMS from Norway.", catalog)
    assert got == [("Request", "requested", {"requester": "POL", "item": "nasams",
                                             "addressee": "NOR"})]
    # no seller in the sentence: the party the article had it asking before
    got = facts_of("Norway has refused Poland's request to buy NASAMS. Polish Defence Minister "
                    "Jan Nowak again voiced his government's desire to buy NASAMS.", catalog)
    assert got[-1] == ("Request", "requested", {"requester": "POL", "item": "nasams",
                                                "addressee": "NOR"})


def test_a_request_rejected_after_a_veto_is_the_consent_asked_for() -> None:
    cat = Catalog.from_turtle(TURTLE_FRAME)
    got = facts_of("Switzerland vetoed Norway's request to send Eagle tanks to Ukraine. "
                   "Bern rejected the request on the grounds of its neutrality.", cat)
    assert ("ReExportConsent", "refused", {"holder": "NOR", "destination": "UKR",
                                           "item": "eagle", "consent_holder": "CHE"}) in got[1:]
    assert not [r for t, s, r in got if t == T]  # no refused sale from Bern to Oslo


def test_a_request_that_names_no_item_is_no_fact(catalog: Catalog) -> None:
    for text in ("Kyiv urged Berlin to deliver more arms quickly.",
                 "The Finnish president asked Norway to send more weapons."):
        assert [f for f in facts_of(text, catalog) if f[0] == "Request"] == [], text
    assert facts_of("Kyiv urged Berlin to deliver more NASAMS quickly.", catalog) == [
        ("Request", "requested", {"requester": "UKR", "item": "nasams", "addressee": "DEU"})]


def test_a_sentence_that_only_answers_a_request_gives_the_consent() -> None:
    cat = Catalog.from_turtle(TURTLE_FRAME)
    got = facts_of("The Swiss government has vetoed Norway's request to send Swiss-made Eagle "
                   "vehicles to Ukraine.", cat)
    assert got == [("ReExportConsent", "refused", {
        "holder": "NOR", "destination": "UKR", "item": "eagle", "consent_holder": "CHE"})]
    asked = facts_of("Oslo asked Bern to allow the re-export of Eagle vehicles to Ukraine.", cat)
    assert ("Request", "requested", {"requester": "NOR", "item": "eagle",
                                     "addressee": "CHE"}) in asked
