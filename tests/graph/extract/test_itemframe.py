"""A described item pointing back to the named system of its category (graph/extract/itemframe.py).

Sentences written for these tests; the catalog is written here too, with categories.
"""

from __future__ import annotations

import pytest

from armsgraph.extract import extract
from armsgraph.extract.catalog import Catalog
from armsgraph.extract.itemframe import category_of

TURTLE = """
@prefix arms: <https://w3id.org/armsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix state: <https://w3id.org/armsgraph/id/state/> .
@prefix system: <https://w3id.org/armsgraph/id/system/> .
@prefix cat: <https://w3id.org/armsgraph/id/category/> .

state:NOR a arms:State ; rdfs:label "Norway" ; arms:demonym "Norwegian" ; arms:capital "Oslo" .
state:UKR a arms:State ; rdfs:label "Ukraine" ; arms:capital "Kyiv" .
state:POL a arms:State ; rdfs:label "Poland" ; arms:demonym "Polish" ; arms:capital "Warsaw" .
state:DEU a arms:State ; rdfs:label "Germany" ; arms:demonym "German" ; arms:capital "Berlin" .
state:CHE a arms:State ; rdfs:label "Switzerland" ; arms:demonym "Swiss" ; arms:capital "Bern" .

system:nasams a arms:WeaponSystem ; rdfs:label "NASAMS" ; arms:originState state:NOR ;
    arms:category cat:air-defence-system .
system:iris-t a arms:WeaponSystem ; rdfs:label "IRIS-T" ; arms:originState state:DEU ;
    arms:category cat:air-defence-system .
system:leopard-2 a arms:WeaponSystem ; rdfs:label "Leopard 2" ; arms:originState state:DEU ;
    arms:category cat:tank , cat:armoured-vehicle .
"""


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.from_turtle(TURTLE)


def _transfers(text: str, catalog: Catalog) -> list[tuple[str, dict[str, str]]]:
    x = extract(text, {"published": "2025-03-04"}, catalog)
    return [(f.status, {r: v.id.rsplit("/", 1)[-1] for r, v in f.roles.items()})
            for f in x.facts if f.type == "Transfer"]


def test_catalog_reads_system_categories(catalog: Catalog) -> None:
    assert catalog.entries["https://w3id.org/armsgraph/id/system/leopard-2"].categories == (
        "armoured-vehicle", "tank")
    assert catalog.entries["https://w3id.org/armsgraph/id/state/NOR"].categories == ()


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [("air defense systems", "air-defence-system"), ("an air defence system", "air-defence-system"),
     ("modern main battle tanks", "tank"), ("armored vehicles", "armoured-vehicle"),
     ("tank engines", None), ("systems", None)],
)
def test_category_of_needs_every_word_and_the_head(phrase: str, slug: str | None) -> None:
    slugs = {"air-defence-system", "tank", "armoured-vehicle", "engine-block"}
    assert category_of(phrase, slugs) == slug


def test_generic_item_is_the_named_system_sent_to_the_same_party(catalog: Catalog) -> None:
    text = ("Norway delivered a NASAMS battery to Ukraine in May. "
            "Poland sent Leopard 2 tanks to Ukraine. "
            "Oslo was the second country to send an air defence system to Kyiv.")
    got = _transfers(text, catalog)
    assert got[-1] == ("delivered", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"})
    assert all(roles["item"] != "air-defence-system" for _, roles in got)


def test_the_only_system_of_its_kind_fills_a_later_sentence(catalog: Catalog) -> None:
    text = ("Poland is weighing an offer of Leopard 2 tanks. "
            "Warsaw said on Monday it will send tanks to Ukraine.")
    assert _transfers(text, catalog) == [
        ("planned", {"supplier": "POL", "recipient": "UKR", "item": "leopard-2"})]


def test_two_named_systems_of_the_kind_leave_the_item_generic(catalog: Catalog) -> None:
    text = ("Germany has sent IRIS-T to Ukraine. Norway has sent NASAMS to Ukraine. "
            "Poland will also send air defence systems to Ukraine.")
    items = [roles["item"] for _, roles in _transfers(text, catalog)]
    assert items == ["iris-t", "nasams", "air-defence-system"]


def test_a_stated_origin_that_is_not_the_systems_keeps_the_item(catalog: Catalog) -> None:
    text = ("Germany sent Leopard 2 tanks to Ukraine. "
            "Poland wants to send Swiss-made armoured vehicles to Ukraine.")
    items = [roles["item"] for _, roles in _transfers(text, catalog)]
    assert items == ["leopard-2", "armoured-vehicle"]


def _with_title(text: str, title: str, catalog: Catalog) -> list[tuple[str, dict[str, str]]]:
    x = extract(text, {"published": "2025-03-04", "title": title}, catalog)
    return [(f.status, {r: v.id.rsplit("/", 1)[-1] for r, v in f.roles.items()})
            for f in x.facts if f.type == "Transfer"]


def test_the_headline_settles_the_party_a_sentence_leaves_open(catalog: Catalog) -> None:
    text = "Oslo has approved the sale of 20 NASAMS launchers."
    assert _transfers(text, catalog) == [("planned", {"supplier": "NOR", "item": "nasams"})]
    got = _with_title(text, "Norway clears more arms sales to Ukraine", catalog)
    assert got == [("planned", {"supplier": "NOR", "item": "nasams", "recipient": "UKR"})]
    # a headline about other parties, or about a request, settles nothing
    assert _with_title(text, "Poland clears more arms sales to Ukraine", catalog) == [
        ("planned", {"supplier": "NOR", "item": "nasams"})]
    assert _with_title(text, "Norway rejects request to send arms to Ukraine", catalog) == [
        ("planned", {"supplier": "NOR", "item": "nasams"})]


def test_the_headline_is_no_fact_of_the_article(catalog: Catalog) -> None:
    got = _with_title("Poland sent Leopard 2 tanks to Ukraine.",
                      "Norway to send NASAMS to Ukraine", catalog)
    assert got == [("delivered", {"supplier": "POL", "recipient": "UKR", "item": "leopard-2"})]


def test_a_described_item_followed_by_its_name_is_that_name(catalog: Catalog) -> None:
    text = ("Oslo has offered to donate a medium-range air defence system, known by its "
            "acronym NASAMS, to Kyiv.")
    assert _transfers(text, catalog) == [
        ("promised", {"supplier": "NOR", "recipient": "UKR", "item": "nasams"})]
    # a name further on, with no naming word, is another item of the sentence
    got = _transfers("Norway will send air defence systems to Kyiv, and Germany will send "
                     "IRIS-T to Kyiv.", catalog)
    assert [r["item"] for _, r in got] == ["air-defence-system", "iris-t"]


def test_a_reported_send_frames_no_generic_item(catalog: Catalog) -> None:
    # Only a report puts NASAMS in Ukraine; Germany's own promise of "air defence systems"
    # is not thereby a promise of NASAMS.
    text = ("Berlin was criticised amid reports that Norway could soon send its NASAMS "
            "launchers to Germany, which will then be redirected to Ukraine. "
            "Germany has promised to provide Ukraine with air defence systems.")
    got = _transfers(text, catalog)
    assert ("reported", {"supplier": "DEU", "recipient": "UKR", "item": "nasams"}) in got
    promised = [roles for status, roles in got if status == "promised"]
    assert promised == [{"supplier": "DEU", "recipient": "UKR", "item": "air-defence-system"}]
