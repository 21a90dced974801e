"""The assurance rules on sentences written for these tests (never an article's)."""

from __future__ import annotations

from graph.extract.catalog import Catalog
from tests.graph.extract.rules import facts_of


def test_assurance_rule(catalog: Catalog) -> None:
    got = facts_of("Poland assured Germany that the tanks would not be passed to third "
                    "countries.", catalog)
    assert [(t, r) for t, _, r in got if t == "Assurance"] == [
        ("Assurance", {"actor": "POL", "addressee": "DEU"})]


def test_commitment_from_a_state_is_an_assurance_to_the_speakers_state(catalog: Catalog) -> None:
    text = ('"Norway will send new NASAMS launchers to Poland in return. The commitment from '
            'Oslo stands," Polish Defence Minister Jan Kowalski said.')
    got = facts_of(text, catalog)
    assert ("Assurance", "promised", {"actor": "NOR", "addressee": "POL",
                                      "item": "nasams"}) in got
