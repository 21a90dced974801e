"""The import graph of graph/ and api/: no cycle, and each layer imports only those below it.

The layers and the libraries kept out of the core are the import-linter contracts in
``pyproject.toml`` (drawn in docs/design.md); ``lint-imports`` checks the same from a shell.
Imports made only for type checking (``if TYPE_CHECKING:``) are left out: they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import networkx as nx
import pytest
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("armsgraph", "armsgraph_api")


@pytest.fixture(scope="module")
def imports() -> nx.DiGraph:
    """Module → module it imports (anywhere in the file, lazy imports included)."""
    found = grimp.build_graph(*PACKAGES, cache_dir=None, exclude_type_checking_imports=True)
    edges = nx.DiGraph()
    for module in found.modules:
        edges.add_node(module)
        for imported in found.find_modules_directly_imported_by(module):
            edges.add_edge(module, imported)
    return edges


def test_the_import_graph_has_no_cycle(imports: nx.DiGraph) -> None:
    cycles = list(nx.simple_cycles(imports, length_bound=12))
    assert cycles == [], " | ".join(" → ".join(c + c[:1]) for c in cycles[:5])


def test_the_import_graph_is_read_whole(imports: nx.DiGraph) -> None:
    # the checks see every layer, lazy imports inside functions, and the edges that once
    # closed the circles (store ↔ remote, sandbox ↔ sparql, build → ingest → extract → build)
    for layer in ("armsgraph.store", "armsgraph.load", "armsgraph.extract", "armsgraph.reason",
                  "armsgraph.views", "armsgraph.render", "armsgraph.cli", "armsgraph_api.main"):
        assert layer in imports
    assert imports.has_edge("armsgraph.load.build", "armsgraph.load.ingest")  # lazy, in build()
    assert imports.has_edge("armsgraph.load.ingest", "armsgraph.extract")
    assert imports.has_edge("armsgraph.store.remote", "armsgraph.store.base")
    assert imports.has_edge("armsgraph.store", "armsgraph.store.remote")
    assert imports.has_edge("armsgraph.store.worker", "armsgraph.store.sparql")
    assert imports.has_edge("armsgraph.cli", "armsgraph_api.main")
    assert not imports.has_edge("armsgraph.extract.catalog", "armsgraph.load.build")
    assert not imports.has_edge("armsgraph.store.sandbox", "armsgraph.store.sparql")


def test_layer_contracts_are_kept() -> None:
    # prints import-linter's report (shown when this fails): each broken contract with
    # the chain of imports that breaks it
    configure()
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), cache_dir=None,
                        no_logo=True)


def test_no_module_of_graph_names_the_service_in_a_string() -> None:
    # an import through a string (uvicorn's "armsgraph_api.main:create_app") is invisible
    # to the checks
    named = []
    for path in sorted((ROOT / "graph").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and node.value.startswith(("armsgraph_api.", "armsgraph_api:"))):
                named.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert named == []
