"""Mentions (graph/extract/mentions.py): names and item phrases as the text writes them."""

from __future__ import annotations

from armsgraph.extract import extract
from armsgraph.extract.catalog import Catalog


def _item_labels(text: str, catalog: Catalog) -> list[str]:
    x = extract(text, None, catalog)
    return [f.roles["item"].label for f in x.facts if "item" in f.roles]


def test_calibre_stays_with_the_item(catalog: Catalog) -> None:
    # the number before a unit is the calibre, part of the name; "two" is the quantity
    x = extract("Norway will send two 40-mm anti-aircraft guns to Ukraine.", None, catalog)
    (f,) = x.facts
    assert f.roles["item"].label == "40-mm anti-aircraft guns"
    assert f.quantity == 2
    assert _item_labels("Finland delivered 122 mm rockets to Ukraine.", catalog) == [
        "122 mm rockets"]


def test_weaponry_and_technologies_are_item_heads(catalog: Catalog) -> None:
    assert _item_labels("Ukraine appealed to Norway for air defence weaponry.", catalog) == [
        "air defence weaponry"]
    # "certain" qualifies, it does not name: the item is "drone technologies"
    assert _item_labels("Norway supplied certain drone technologies to Poland.", catalog) == [
        "drone technologies"]
    # too general on their own
    assert _item_labels("Norway supplied military technologies to Poland.", catalog) == []


def test_a_verb_in_ing_is_no_modifier_of_an_item(catalog: Catalog) -> None:
    x = extract("Russia accused Norway of pumping weapons into Ukraine.", None, catalog)
    assert all(e.label != "pumping weapons" for e in x.entities)


def test_person_named_after_a_title_and_a_two_word_state(catalog: Catalog) -> None:
    x = extract("Russian Ambassador to the United States Ivan Petrov said on Friday that "
                "the NASAMS deal would have serious consequences for Norway.", None, catalog)
    person = next(e for e in x.entities if e.type == "Person")
    assert person.label == "Ivan Petrov"
    assert person.based_in is not None and person.based_in.endswith("/RUS")
    assert person.accredited_to is not None and person.accredited_to.endswith("/USA")
    threat = next(f for f in x.facts if f.type == "Threat")
    assert threat.roles["speaker"].label == "Ivan Petrov"
    assert threat.roles["target"].id.endswith("/NOR")


def test_a_name_before_a_described_kind_is_labelled_by_the_name(catalog: Catalog) -> None:
    # "Sidewinder air-to-air missiles": the weapon is the Sidewinder, however described
    assert _item_labels("Norway will send Falcon air-to-air missiles to Poland.", catalog) == [
        "Falcon"]
    # a designation keeps the kind that follows it
    assert _item_labels("Norway will send D-30 howitzers to Poland.", catalog) == [
        "D-30 howitzer"]


def test_a_name_that_goes_on_in_lower_case_after_a_digit_is_no_designation(
        catalog: Catalog) -> None:
    x = extract("Poland has been buying sensors from L3Harris, a US firm, since 2019.",
                {"published": "2025-06-18"}, catalog)
    assert not [e for e in x.entities if e.type == "WeaponSystem" and "L3" in e.label]
    y = extract("Poland has received K9A1 howitzers and T-72s.", {"published": "2025-06-18"},
                catalog)
    assert {"K9A1 howitzer", "T-72"} <= {e.label for e in y.entities if e.type == "WeaponSystem"}


def test_a_family_name_points_back_to_the_one_variant_named_before(catalog: Catalog) -> None:
    meta = {"published": "2025-06-18"}
    x = extract("Germany will send Leopard 2A6 tanks to Poland. When the Leopards arrive, "
                "Poland will retire older tanks. Warsaw will receive the long-awaited Leopard "
                "tanks in May.", meta, catalog)
    items = {(f.sentence[:10], f.roles["item"].id.rsplit("/", 1)[-1]) for f in x.facts}
    assert ("Warsaw wil", "leopard-2a6") in items
    refs = [m for m in x.entities if m.label.startswith("Leopard")]
    assert {e.id.rsplit("/", 1)[-1] for e in refs} == {"leopard-2a6"}
    # two variants named before: "the Leopards" could be either, so it is neither
    y = extract("Germany sent Leopard 2 tanks and Leopard 2A6 tanks to Poland. Warsaw will "
                "receive the Leopard tanks in May.", meta, catalog)
    assert "leopard-tank" in {e.id.rsplit("/", 1)[-1] for e in y.entities}


def test_an_unlinked_name_keeps_its_calibre_and_the_quantity_before_it(
        catalog: Catalog) -> None:
    x = extract("Finland will provide Ukraine with up to 4,000 122 mm Grad-7 rockets.",
                {"published": "2025-06-18"}, catalog)
    (f,) = x.facts
    assert f.roles["item"].label == "122 mm Grad-7 rocket"
    assert f.quantity == 4000  # not the calibre
    y = extract("Finland delivered 122-mm Grad-7 rockets to Ukraine.", None, catalog)
    assert [g.roles["item"].label for g in y.facts] == ["122-mm Grad-7 rocket"]


def test_parts_named_by_what_they_are_for_are_items(catalog: Catalog) -> None:
    labels = _item_labels("Norway halted shipments of spare parts for armoured vehicles, "
                          "targeting equipment and jamming pods to Poland.", catalog)
    assert labels == ["spare parts for armoured vehicles", "targeting equipment", "jamming pods"]
    # a named system keeps its own mention: "parts for NASAMS" are NASAMS parts
    assert _item_labels("Norway sent parts for NASAMS to Poland.", catalog) == ["NASAMS"]


def test_his_country_is_the_subjects_not_the_person_met(catalog: Catalog) -> None:
    x = extract("Finnish President Sauli Niinisto said after talks with German Chancellor "
                "Olaf Scholz that his country will send NASAMS to Ukraine.",
                {"published": "2025-06-18"}, catalog)
    assert [f.roles["supplier"].id.rsplit("/", 1)[-1] for f in x.facts] == ["FIN"]


def test_ammunition_for_an_unlinked_system_is_the_munition(catalog: Catalog) -> None:
    assert _item_labels("Finland will not provide ammunition for the Eagle armoured "
                        "vehicles to Ukraine.", catalog) == [
        "ammunition for the Eagle armoured vehicles"]
