"""``graph/namespace.py`` is exactly what ``scripts/gen_namespace.py`` makes of the ontology."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from rdflib import URIRef

from armsgraph.namespace import ARMS
from armsgraph.settings import PROJECT_ROOT


def _generator() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "gen_namespace.py"
    spec = importlib.util.spec_from_file_location("gen_namespace", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_render_matches_committed_namespace() -> None:
    committed = (PROJECT_ROOT / "graph" / "namespace.py").read_text(encoding="utf-8")
    assert _generator().render() == committed


def test_resolve_known_term() -> None:
    assert ARMS.ReExportConsent == URIRef("https://w3id.org/armsgraph/ontology#ReExportConsent")


def test_raise_on_unknown_term() -> None:
    with pytest.raises(AttributeError):
        ARMS.NoSuchTerm  # noqa: B018
