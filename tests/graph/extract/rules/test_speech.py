"""Speakers and attribution on sentences written for these tests (never an article's)."""

from __future__ import annotations

from graph.extract import extract
from graph.extract.catalog import Catalog
from tests.graph.extract.rules import T


def test_attribution_via_outlet(catalog: Catalog) -> None:
    text = ('"We will send NASAMS to Ukraine," TASS cited the Norwegian minister '
            "Kari Nordmann as saying.")
    x = extract(text, None, catalog)
    f = next(f for f in x.facts if f.type == T)
    assert f.attribution is not None and f.attribution.via is not None
    assert f.attribution.via.id.endswith("/org/tass")
    assert f.attribution.speaker is not None and f.attribution.speaker.label == "Kari Nordmann"
