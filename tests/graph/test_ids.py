"""Tests of graph/ids.py: minted IRIs and the one resolver of user text to an IRI."""

from __future__ import annotations

import pytest

from armsgraph import ids
from armsgraph.errors import UnknownEntity

JPN = str(ids.state("JPN"))
PATRIOT = str(ids.system("Patriot"))
KNOWN = {JPN, PATRIOT}
NAMES = {"japan": JPN, "jpn": JPN, "jp": JPN, "patriot": PATRIOT, "mim-104": PATRIOT}


@pytest.mark.parametrize("text", [
    JPN, "state/JPN", "state/jpn", "state:JPN", "JPN", "jp", "Japan", "  JAPAN ",
])
def test_every_form_an_answer_gives_names_japan(text: str) -> None:
    assert ids.resolve(text, KNOWN, NAMES, "state") == JPN


@pytest.mark.parametrize("text", [PATRIOT, "system/patriot", "system:patriot", "Patriot",
                                  "MIM-104"])
def test_every_form_names_the_system(text: str) -> None:
    assert ids.resolve(text, KNOWN, NAMES, "weapons system") == PATRIOT


@pytest.mark.parametrize("text", ["state/XYZ", "state:XYZ", "Atlantis", "system/nope", "nope:JPN",
                                  "https://w3id.org/armsgraph/id/state/XYZ", ""])
def test_unknown_text_names_what_was_sought(text: str) -> None:
    with pytest.raises(UnknownEntity) as exc:
        ids.resolve(text, KNOWN, NAMES, "state")
    assert str(exc.value) == f"unknown state {text!r}"


def test_id_candidates_only_for_known_kinds() -> None:
    # "F-16/A" is a name with a slash, not an id: it is looked up as written.
    assert ids.id_candidates("F-16/A") == ["F-16/A"]
    assert ids.id_candidates("lot/patriot-jpn") == [str(ids.lot("Patriot", "JPN"))]
    assert ids.id_candidates("state/") == ["state/"]


def test_a_prefixed_name_is_an_id_only_for_a_kind_of_id() -> None:
    # state:JPN is how Turtle exports and `armsgraph sparql` tables write the id state/JPN
    assert ids.from_prefixed("state:JPN") == "state/JPN"
    assert ids.from_prefixed(" source:15aa ") == "source/15aa"
    for text in ("http://example.org/x", "arms:Transfer", "Note: Japan", "state:", "state://x"):
        assert ids.from_prefixed(text) == text
