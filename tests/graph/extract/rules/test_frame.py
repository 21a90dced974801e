"""The article's running frame on sentences written for these tests (never an article's)."""

from __future__ import annotations

from graph.extract import extract
from graph.extract.catalog import Catalog
from tests.graph.extract.rules import TURTLE_FRAME, T, facts_of


def test_definite_reference_points_to_last_item(catalog: Catalog) -> None:
    text = "Norway builds NASAMS. Oslo sent these missiles to Ukraine in May 2025."
    x = extract(text, {"published": "2025-06-18"}, catalog)
    (fact,) = x.facts
    assert fact.roles["item"].id.endswith("/nasams")
    assert (fact.date.value, fact.date.precision) == ("2025-05", "month")
    assert text[fact.span[0]:fact.span[1]] == fact.sentence


def test_frame_fills_roles_the_sentence_leaves_open(catalog: Catalog) -> None:
    text = ("Norway delivered NASAMS to Ukraine in May. "
            "More NASAMS arrived in Ukraine in June.")
    got = [(s, r) for t, s, r in facts_of(text, catalog) if t == T]
    assert len(got) == 2
    assert got[1][1] == {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}


def test_generic_item_of_the_same_origin_and_parties_is_the_named_system() -> None:
    cat = Catalog.from_turtle(TURTLE_FRAME)
    text = ("Norway wanted to send 12 Swiss-made Eagle tanks to Ukraine. "
            "Bern turned down Norway's request to pass Swiss-made armoured vehicles to "
            "Ukraine.")
    got = facts_of(text, cat)
    assert ("ReExportConsent", "refused", {"holder": "NOR", "destination": "UKR",
                                           "item": "eagle", "consent_holder": "CHE"}) in got
    # another origin, or ammunition, stays what the text says
    text2 = ("Norway wanted to send 12 Swiss-made Eagle tanks to Ukraine. "
             "Bern turned down Norway's request to pass Swiss-made ammunition to Ukraine.")
    assert not any(r.get("item") == "eagle" for t, _, r in facts_of(text2, cat)
                   if t == "ReExportConsent")


def test_ammunition_used_in_a_system_is_its_munition() -> None:
    cat = Catalog.from_turtle(TURTLE_FRAME)
    got = facts_of("Bern declined Norway's request to re-export the ammunition used in its "
                    "Lynx vehicles to Ukraine.", cat)
    assert [r["item"] for t, _, r in got if t == "ReExportConsent"] == ["lynx-ammo"]
