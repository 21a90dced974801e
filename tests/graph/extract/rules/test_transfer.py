"""The transfer rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

import pytest

from armsgraph.extract import extract
from armsgraph.extract.catalog import Catalog, default_catalog
from tests.graph.extract.rules import TURTLE_MAKERS, Row, T, facts_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Germany delivered Leopard 2 tanks to Ukraine.",
                     [(T, "delivered", {"supplier": "DEU", "recipient": "UKR",
                                        "item": "leopard-2"})], id="active-past"),
        pytest.param("The Leopard 2 tanks were delivered to Ukraine by Germany.",
                     [(T, "delivered", {"supplier": "DEU", "recipient": "UKR",
                                        "item": "leopard-2"})], id="passive"),
        pytest.param("Poland received CV90 vehicles from Finland last year.",
                     [(T, "delivered", {"supplier": "FIN", "recipient": "POL",
                                        "item": "cv90"})], id="receive-from"),
        pytest.param("Norway will supply Ukraine with NASAMS.",
                     [(T, "planned", {"supplier": "NOR", "recipient": "UKR",
                                      "item": "nasams"})], id="supply-with-future"),
        pytest.param("Berlin has pledged to send Kyiv more Leopard 2A6 tanks.",
                     [(T, "promised", {"supplier": "DEU", "recipient": "UKR",
                                       "item": "leopard-2a6"})], id="capital-metonym-pledge"),
        pytest.param("Oslo reportedly plans to ship NASAMS to Kyiv.",
                     [(T, "reported", {"supplier": "NOR", "recipient": "UKR",
                                       "item": "nasams"})], id="reported"),
        pytest.param("If Poland were to send CV90 vehicles to Ukraine, Russia would object.",
                     [(T, "hypothetical", {"supplier": "POL", "recipient": "UKR",
                                           "item": "cv90"})], id="if-were-to"),
        pytest.param("Norway and Finland sent NASAMS to Ukraine.",
                     [(T, "delivered", {"supplier": "NOR", "recipient": "UKR",
                                        "item": "nasams"}),
                      (T, "delivered", {"supplier": "FIN", "recipient": "UKR",
                                        "item": "nasams"})], id="coordinated-suppliers"),
        pytest.param("Switzerland ordered HIMARS from the United States.",
                     [(T, "planned", {"recipient": "CHE", "supplier": "USA",
                                      "item": "himars"})], id="order-is-planned"),
    ],
)
def test_transfer_rules(catalog: Catalog, text: str, expected: list[Row]) -> None:
    got = facts_of(text, catalog)
    assert [(t, s, r) for t, s, r in got if t == T] == [
        (t, s, dict(sorted(r.items()))) for t, s, r in expected
    ] or sorted(map(str, got)) == sorted(
        str((t, s, {k: r[k] for k in ("supplier", "recipient", "item") if k in r}))
        for t, s, r in expected)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Finland refrained from sending NASAMS to Ukraine.", id="refrain"),
        pytest.param("Poland will not send CV90 vehicles to Ukraine.", id="will-not"),
        pytest.param("Norway never delivered NASAMS to Ukraine.", id="never"),
    ],
)
def test_negation_never_yields_delivered_or_planned(catalog: Catalog, text: str) -> None:
    statuses = [s for t, s, _ in facts_of(text, catalog) if t == T]
    assert "delivered" not in statuses and "planned" not in statuses


def test_unlinked_weapon_name_becomes_entity(catalog: Catalog) -> None:
    x = extract("Poland sent Krab howitzers to Ukraine.", None, catalog)
    (fact,) = x.facts
    assert fact.roles["item"].label == "Krab howitzer"
    ent = next(e for e in x.entities if e.id == fact.roles["item"].id)
    assert ent.linked is False and ent.type == "WeaponSystem"


def test_a_coordinated_verb_that_approved_a_sale_has_the_first_verbs_subject(
        catalog: Catalog) -> None:
    got = facts_of("Norway postponed the Moscow contract and approved the sale of NASAMS to "
                    "Poland.", catalog)
    assert [r for t, _, r in got if t == T] == [
        {"supplier": "NOR", "recipient": "POL", "item": "nasams"}]


def test_items_approved_for_sale_in_the_passive(catalog: Catalog) -> None:
    got = facts_of("Washington said HIMARS and NASAMS had been approved for sale to Poland.",
                    catalog)
    assert got == [(T, "approved", {"recipient": "POL", "item": "himars", "supplier": "USA"}),
                   (T, "approved", {"recipient": "POL", "item": "nasams", "supplier": "USA"})]
    # no seller named anywhere: nothing is stated about who sells
    assert facts_of("HIMARS had been approved for sale to Poland.", catalog) == []
    # "the agency" is the government agency named before (a body of the reference data)
    got = facts_of("The US Defense Security Cooperation Agency met on Monday. The agency said "
                    "HIMARS had been approved for sale to Poland.", default_catalog())
    assert got == [(T, "approved", {"recipient": "POL", "item": "himars", "supplier": "USA"})]


def test_aid_package_lists_its_items(catalog: Catalog) -> None:
    got = facts_of("Oslo unveiled a new aid package for Kyiv that includes NASAMS and CV90 "
                    "vehicles.", catalog)
    assert [(t, s, r) for t, s, r in got] == [
        (T, "promised", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}),
        (T, "promised", {"supplier": "NOR", "recipient": "UKR", "item": "cv90"})]


def test_go_to_takes_supplier_from_demonym(catalog: Catalog) -> None:
    got = facts_of("Some of the Finnish CV90 vehicles will go to Ukraine next year.", catalog)
    assert [(t, r) for t, _, r in got] == [
        (T, {"supplier": "FIN", "recipient": "UKR", "item": "cv90"})]


def test_plain_negation_yields_nothing(catalog: Catalog) -> None:
    assert facts_of("Finland has not sent any CV90 vehicles to Ukraine.", catalog) == []


def test_abbreviated_body_stands_for_its_state(catalog: Catalog) -> None:
    text = ("Norway's Defence Materiel Agency (NDMA) ordered CV90 vehicles from Finland. "
            "The NDMA received NASAMS from Kongsberg Defence.")
    got = facts_of(text, catalog)
    assert (T, "planned", {"supplier": "FIN", "recipient": "NOR", "item": "cv90"}) in got
    assert any(r.get("recipient") == "NOR" and r.get("item") == "nasams" for _, _, r in got)


def test_variant_links_family_and_keeps_written_label(catalog: Catalog) -> None:
    x = extract("Poland ordered 40 CV90MkIV vehicles from Finland.", None, catalog)
    (f,) = x.facts
    assert f.roles["item"].id.endswith("/cv90")
    assert f.roles["item"].label == "CV90MkIV"


def test_person_without_state_takes_state_named_around_them(catalog: Catalog) -> None:
    text = ("Minister Kari Nordmann said Norway would act. Minister Kari Nordmann then "
            "promised Ukraine more NASAMS.")
    got = facts_of(text, catalog)
    assert (T, "promised", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}) in got


def test_items_came_from_a_supplier(catalog: Catalog) -> None:
    got = facts_of("Poland's first CV90 vehicles came from Finland in 2021.", catalog)
    assert (T, "delivered", {"supplier": "FIN", "recipient": "POL", "item": "cv90"}) in got


def test_operators_of_a_foreign_system_received_it_from_its_maker() -> None:
    cat = Catalog.from_turtle(TURTLE_MAKERS)
    got = facts_of("Besides Poland and Sweden, Finland now operates the NASAMS.",
                    Catalog.from_turtle(TURTLE_MAKERS + """
state:POL a arms:State ; rdfs:label "Poland" .
state:SWE a arms:State ; rdfs:label "Sweden" .
"""))
    assert (T, "delivered", {"supplier": "NOR", "recipient": "POL", "item": "nasams"}) in got
    assert (T, "delivered", {"supplier": "NOR", "recipient": "SWE", "item": "nasams"}) in got
    assert any(s != "delivered" and r == {"supplier": "NOR", "recipient": "FIN",
                                           "item": "nasams"} for t, s, r in got)
    # its maker operating it is no transfer
    assert not facts_of("Norway has operated the NASAMS since 1994.", cat)


def test_coordinated_recipients_each_get_the_transfer(catalog: Catalog) -> None:
    got = facts_of("Norway plans to send NASAMS to Poland and Finland next year.", catalog)
    assert [r["recipient"] for t, _, r in got if t == T] == ["POL", "FIN"]


def test_drone_optics_are_an_item_not_a_drone(catalog: Catalog) -> None:
    x = extract("Norway has cancelled the export permits for drone optics to Poland.", None,
                catalog)
    assert [f.roles["item"].label for f in x.facts if f.type == T] == ["drone optics"]


def test_the_subject_that_approved_or_confirmed_a_sale_is_the_supplier(
        catalog: Catalog) -> None:
    got = facts_of("Oslo has confirmed the delivery of the CV90 vehicles to Ukraine, a spokesman "
                    "said.", catalog)
    assert any(t == T and r.get("supplier") == "NOR" and r.get("recipient") == "UKR"
               and r.get("item") == "cv90" for t, _, r in got)


def test_a_participle_on_named_items_is_their_transfer(catalog: Catalog) -> None:
    got = facts_of("The 40 ex-German Leopard 2A6 tanks sold to Poland in 2002 are being "
                    "upgraded.", catalog)
    assert (T, "delivered", {"supplier": "DEU", "recipient": "POL", "item": "leopard-2a6"}) \
        in got


def test_a_relative_clause_on_the_system_of_a_munition_moves_the_system() -> None:
    got = facts_of("Denmark offered to buy ammunition for the Gepard tanks which Germany "
                    "delivered to Kyiv last year.", default_catalog())
    assert (T, "delivered", {"supplier": "DEU", "recipient": "UKR", "item": "gepard"}) in got
    assert not [r for t, _, r in got if t == T and r.get("supplier") == "DEU"
                and r["item"] != "gepard"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Germany has sent Leopard 2 tanks to Ukraine and Norway has sent NASAMS "
                     "to Ukraine.",
                     [{"supplier": "DEU", "recipient": "UKR", "item": "leopard-2"},
                      {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}],
                     id="no-comma"),
        pytest.param("Germany has sent Leopard 2 tanks to Ukraine, and Norway has delivered "
                     "NASAMS to Poland.",
                     [{"supplier": "DEU", "recipient": "UKR", "item": "leopard-2"},
                      {"supplier": "NOR", "recipient": "POL", "item": "nasams"}],
                     id="comma-and"),
        pytest.param("Poland has received HIMARS from the United States and Finland has bought "
                     "NASAMS from Norway.",
                     [{"supplier": "USA", "recipient": "POL", "item": "himars"},
                      {"supplier": "NOR", "recipient": "FIN", "item": "nasams"}],
                     id="receivers"),
    ],
)
def test_each_coordinated_clause_has_its_own_parties(
        catalog: Catalog, text: str, expected: list[dict[str, str]]) -> None:
    assert [r for t, _, r in facts_of(text, catalog) if t == T] == expected


def test_coordinated_recipients_still_share_one_clause(catalog: Catalog) -> None:
    got = facts_of("Norway delivered NASAMS to Poland and Finland.", catalog)
    assert [r["recipient"] for t, _, r in got if t == T] == ["POL", "FIN"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Finland has been operating NASAMS which it inherited after the break-up "
                     "of Norway in 1990.",
                     {"supplier": "NOR", "recipient": "FIN", "item": "nasams"},
                     id="state-succession"),
        pytest.param("They belong to a batch of 100 ex-German Army Leopard 2 tanks sold to "
                     "Poland in 1999.",
                     {"supplier": "DEU", "recipient": "POL", "item": "leopard-2"},
                     id="ex-army-participle"),
        pytest.param("German-supplied Leopard 2 tanks destined for Ukraine will burn, Moscow "
                     "warned.",
                     {"supplier": "DEU", "recipient": "UKR", "item": "leopard-2"},
                     id="state-supplied"),
        pytest.param("A US Army-supplied HIMARS launcher, as delivered to Ukraine, was shown at "
                     "the base.",
                     {"supplier": "USA", "recipient": "UKR", "item": "himars"},
                     id="army-supplied"),
    ],
)
def test_items_that_came_from_a_state(catalog: Catalog, text: str,
                                      expected: dict[str, str]) -> None:
    assert [(s, r) for t, s, r in facts_of(text, catalog) if t == T] == [("delivered", expected)]


def test_items_named_with_their_route_and_a_departure(catalog: Catalog) -> None:
    got = facts_of("The Polish CV90 vehicles are expected to depart for Ukraine first, and the "
                   "NASAMS from Norway to Poland will follow later.", catalog)
    assert [(s, r) for t, s, r in got if t == T] == [
        ("planned", {"supplier": "POL", "recipient": "UKR", "item": "cv90"}),
        ("planned", {"supplier": "NOR", "recipient": "POL", "item": "nasams"})]
    arrived = facts_of("The Leopard 2 tanks from Germany to Ukraine arrived on Monday.", catalog)
    assert [(s, r) for t, s, r in arrived if t == T] == [
        ("delivered", {"supplier": "DEU", "recipient": "UKR", "item": "leopard-2"})]


def test_a_passive_about_items_named_before_takes_its_parties_from_the_frame(
        catalog: Catalog) -> None:
    got = facts_of("Germany will send Leopard 2 tanks to Ukraine. The tanks were delivered "
                   "last week.", catalog)
    assert (T, "delivered", {"supplier": "DEU", "recipient": "UKR", "item": "leopard-2"}) \
        in got[1:]
    assert not [r for t, _, r in facts_of("The tanks were delivered last week.", catalog)
                if t == T]  # no frame, no parties: no fact


def test_a_sale_approved_with_no_seller_named_is_the_makers() -> None:
    got = facts_of("The agency said HIMARS launchers had been approved for sale to Poland.",
                   default_catalog())  # the reference data: HIMARS is made in the US
    assert got == [(T, "approved", {"recipient": "POL", "item": "himars", "supplier": "USA"})]


def test_a_deal_with_a_seller_for_items(catalog: Catalog) -> None:
    got = facts_of("Berlin has warned Poland that its proposed deal with Norway for NASAMS "
                   "could strain ties.", catalog)
    assert (T, "planned", {"supplier": "NOR", "recipient": "POL", "item": "nasams"}) in got


def test_what_an_approval_includes_was_approved_for_the_same_parties(catalog: Catalog) -> None:
    got = facts_of("Washington said HIMARS launchers had been approved for sale to Poland. "
                   "The approval includes NASAMS batteries.", catalog)
    assert (T, "approved", {"supplier": "USA", "recipient": "POL", "item": "nasams"}) in got


def test_money_for_arms_is_the_payers_transfer(catalog: Catalog) -> None:
    assert facts_of("Germany will fund HIMARS launchers for Ukraine.", catalog) == [
        (T, "planned", {"supplier": "DEU", "recipient": "UKR", "item": "himars"})]
    framed = facts_of("Norway will buy NASAMS for Ukraine. Norway paid for the NASAMS system "
                      "last March.", catalog)
    assert (T, "planned", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}) \
        in framed[1:]  # the recipient from the item's frame
    assert facts_of("Poland paid for the NASAMS system in March.", catalog) == []


def test_a_first_recipient_that_passes_the_items_on(catalog: Catalog) -> None:
    got = facts_of("Oslo sold 40 NASAMS launchers to Washington for onward transfer to Kyiv.",
                   catalog)
    assert got == [(T, "delivered", {"supplier": "NOR", "recipient": "USA", "item": "nasams"}),
                   (T, "planned", {"supplier": "USA", "recipient": "UKR", "item": "nasams"})]
    got = facts_of("Poland bought CV90 vehicles from Norway for delivery to Ukraine.", catalog)
    assert (T, "planned", {"supplier": "POL", "recipient": "UKR", "item": "cv90"}) in got
    # "for" without a transfer noun and "to" is no onward transfer
    got = facts_of("Oslo sold NASAMS launchers to Washington for 300 million dollars.", catalog)
    assert got == [(T, "delivered", {"supplier": "NOR", "recipient": "USA", "item": "nasams"})]


def test_calibres_coordinated_before_one_head_are_two_items(catalog: Catalog) -> None:
    x = extract("Finland agreed to sell 105 mm and 120 mm tank rounds to Poland.",
                {"published": "2025-06-18"}, catalog)
    labels = sorted(f.roles["item"].label for f in x.facts if f.type == T)
    assert labels == ["105 mm tank rounds", "120 mm tank rounds"]
    assert {f.roles["recipient"].id.rsplit("/", 1)[-1] for f in x.facts} == {"POL"}


def test_money_or_a_plan_as_subject_gives_its_owners_transfer(catalog: Catalog) -> None:
    got = facts_of("Norway's plan would see 200 million euros used to help buy NASAMS "
                   "launchers for Ukraine's armed forces.", catalog)
    assert got == [(T, "planned", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"})]
    got = facts_of("A new German package will send HIMARS launchers to Ukraine.", catalog)
    assert got == [(T, "planned", {"supplier": "DEU", "recipient": "UKR", "item": "himars"})]
    got = facts_of("A $400 million package will send NASAMS to Ukraine, the Norwegian "
                   "defence minister said.", catalog)
    assert (T, "planned", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"}) in got
    # a state as the subject gives, the package is only its object
    got = facts_of("Poland will send a package of CV90 vehicles to Ukraine.", catalog)
    assert got == [(T, "planned", {"supplier": "POL", "recipient": "UKR", "item": "cv90"})]


def test_made_for_or_supported_with_is_a_transfer(catalog: Catalog) -> None:
    got = facts_of("Finland decided to produce NASAMS launchers for Ukraine.", catalog)
    assert got == [(T, "planned", {"supplier": "FIN", "recipient": "UKR", "item": "nasams"})]
    got = facts_of("Norway will support Poland first with trucks and then with further CV90 "
                   "vehicles.", catalog)
    assert got == [(T, "planned", {"supplier": "NOR", "recipient": "POL", "item": "cv90"})]
    got = facts_of("Norway will support Ukraine with air defence systems.", catalog)
    assert [(st, r["item"]) for t, st, r in got] == [("planned", "air-defence-system")]
    assert facts_of("Norway will support Ukraine with political pressure.", catalog) == []


def test_a_verb_after_to_or_a_modal_is_no_modifier_of_the_item(catalog: Catalog) -> None:
    x = extract("Finland decided to produce artillery rockets for Ukraine.",
                {"published": "2025-06-18"}, catalog)
    assert [f.roles["item"].label for f in x.facts] == ["artillery rockets"]


def test_the_party_approached_to_buy_from_is_the_seller(catalog: Catalog) -> None:
    got = facts_of("Poland approached Oslo directly to purchase NASAMS launchers.", catalog)
    assert (T, "requested", {"supplier": "NOR", "recipient": "POL", "item": "nasams"}) in got
    assert not [r for t, _, r in got if t == T and r.get("recipient") == "NOR"]
