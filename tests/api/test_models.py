"""The API's answer models (api/models.py) against the reasoner's typed answer
(graph/reason/answer.py): key for key, so neither can drift from the other.

The models forbid extra keys, so a key the reasoner adds without a model field fails every
API test of that answer; this test says which key, and also catches a field the reasoner
no longer gives, or one that is always present on one side and optional on the other.
"""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin, get_type_hints

import pytest
from pydantic import BaseModel

from armsgraph.reason import answer as A
from armsgraph_api import models as M

PAIRS: list[tuple[Any, type[BaseModel]]] = [
    (A.Answer, M.DestinationsPublic),
    (A.AnswerWhatIf, M.AnswerWhatIf),
    (A.Destination, M.DestinationPublic),
    (A.DestinationWhatIf, M.DestinationWhatIf),
    (A.StillItem, M.StillItem),
    (A.Presence, M.Presence),
    (A.Path, M.PathPublic),
    (A.Certainty, M.Certainty),
    (A.HopEnds, M.HopEnds),
    (A.Reason, M.Reason),
    (A.Risk, M.Risk),
    (A.Hop, M.Hop),
    (A.Uncertain, M.Uncertain),
    (A.Evidence, M.HopEvidence),
    (A.SourceRef, M.SourceRef),
    (A.DealRef, M.DealEvidence),
    (A.ReviewRef, M.ReviewMark),
    (A.OwnStock, M.OwnStock),
    (A.NodeRef, M.Node),
]


def _fields(model: type[BaseModel]) -> dict[str, bool]:
    """A model's JSON keys (aliases), each with whether it is required."""
    return {f.alias or name: f.is_required() for name, f in model.model_fields.items()}


def _typed_dicts(tp: Any) -> set[Any]:
    """The TypedDicts a field's type refers to (through lists, unions, None)."""
    if typing.is_typeddict(tp):
        return {tp}
    found: set[Any] = set()
    if get_origin(tp) in (list, typing.Union, types.UnionType):
        for arg in get_args(tp):
            found |= _typed_dicts(arg)
    return found


@pytest.mark.parametrize(("typed", "model"), PAIRS, ids=[m.__name__ for _, m in PAIRS])
def test_model_has_exactly_the_keys_of_the_answer(typed: Any, model: type[BaseModel]) -> None:
    fields = _fields(model)
    assert set(fields) == typed.__required_keys__ | typed.__optional_keys__
    # A key the answer may leave out has a default in the model.
    assert not {k for k in typed.__optional_keys__ if fields[k]}
    assert model.model_config.get("extra") == "forbid"


def test_every_part_of_the_answer_has_a_model() -> None:
    seen, todo = set(), [A.Answer]
    while todo:
        td = todo.pop()
        if td in seen:
            continue
        seen.add(td)
        for tp in get_type_hints(td).values():
            todo.extend(_typed_dicts(tp))
    assert seen == {typed for typed, _ in PAIRS}
