"""graph/resources.py: the shipped ontology and data, and a clear error when one is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from armsgraph.errors import ResourceMissing
from armsgraph.load.build import curated_graphs
from armsgraph.load.validate import load_shapes
from armsgraph.resources import CHECKOUT, require, shipped
from armsgraph.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_in_a_checkout_the_shipped_folders_are_the_checkouts() -> None:
    assert CHECKOUT == ROOT
    assert shipped("ontology") == ROOT / "ontology"
    assert shipped("data") == ROOT / "data"


def test_settings_default_to_the_shipped_folders_and_a_store_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("ARMSGRAPH_STORE", "ARMSGRAPH_DATA_DIR", "ARMSGRAPH_ONTOLOGY_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    s = Settings()
    assert s.ontology_dir == ROOT / "ontology" and s.data_dir == ROOT / "data"
    assert s.store == str(tmp_path / ".armsgraph" / "store")
    monkeypatch.setenv("ARMSGRAPH_ONTOLOGY_DIR", str(tmp_path))
    assert Settings().ontology_dir == tmp_path


def test_require_names_what_is_missing_and_where(tmp_path: Path) -> None:
    assert require(tmp_path, "a folder") == tmp_path
    with pytest.raises(ResourceMissing, match=f"the shapes not found: {tmp_path / 'x.ttl'} "
                                              "does not exist"):
        require(tmp_path / "x.ttl", "the shapes")
    with pytest.raises(ResourceMissing, match=r"holds no \*\.ttl file .*ARMSGRAPH_DATA_DIR"):
        require(tmp_path, "the reference data", "*.ttl")


def test_a_missing_ontology_or_reference_folder_stops_a_build(tmp_path: Path) -> None:
    with pytest.raises(ResourceMissing, match="the ontology not found"):
        curated_graphs(tmp_path, ROOT / "data")
    (tmp_path / "reference").mkdir()
    with pytest.raises(ResourceMissing, match="the reference data not found"):
        curated_graphs(ROOT / "ontology", tmp_path)
    with pytest.raises(ResourceMissing, match="the SHACL shapes not found"):
        load_shapes(tmp_path)
