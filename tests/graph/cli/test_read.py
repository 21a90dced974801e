"""Tests of graph/cli/read.py: `armsgraph facts`, `entities` and `sparql` give the API's
answers, as a table by default and as JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli.read import short_iri
from graph.settings import PROJECT_ROOT
from graph.store import OxigraphStore
from graph.views.catalog import catalog
from graph.views.records import FactFilter

CLI = [sys.executable, "-c", "from graph.cli import main; main()"]


def store_folder(built: OxigraphStore, parent: Path) -> Path:
    """A copy of the built graph in the store folder ``parent/store`` (closed again)."""
    path = parent / "store"
    disk = OxigraphStore(path)
    disk.load(built.dump("nquads"), "nquads")
    disk.close()
    return path


@pytest.fixture(scope="module")
def folder(built_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_folder(built_store, tmp_path_factory.mktemp("cli-read"))


def run(folder: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder)}
    return subprocess.run([*CLI, *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False, input=stdin)


def test_facts_json_is_the_catalogs_answer(folder: Path, built_store: OxigraphStore) -> None:
    r = run(folder, "facts", "--party", "Japan", "--type", "threat", "--format", "json")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    expected = catalog(built_store).facts(FactFilter(type="threat", party="state/JPN",
                                                     events=True))
    assert body["total"] == len(expected) > 0
    assert [f["id"] for f in body["items"]] == [f.id for f in expected]
    assert all(f["type"] == "threat" for f in body["items"])


def test_facts_lists_events_by_default_and_statements_on_request(
    folder: Path, built_store: OxigraphStore
) -> None:
    args = ("facts", "--party", "Japan", "--type", "threat", "--format", "json")
    (event,) = json.loads(run(folder, *args).stdout)["items"]
    statements = json.loads(run(folder, *args, "--statements").stdout)
    expected = catalog(built_store).facts(FactFilter(type="threat", party="state/JPN"))
    assert [f["id"] for f in statements["items"]] == [f.id for f in expected]
    assert statements["total"] == len(expected) > 1
    assert sorted(event["statements"]) == sorted(f.id for f in expected)
    assert all(f["statements"] == [] for f in statements["items"])


def test_facts_table_and_csv(folder: Path, built_store: OxigraphStore) -> None:
    table = run(folder, "facts", "--item", "system/patriot", "--status", "planned",
                "--limit", "2")
    assert table.returncode == 0, table.stderr
    total = json.loads(run(folder, "facts", "--item", "system/patriot", "--status",
                           "planned", "--format", "json").stdout)["total"]
    assert table.stdout.splitlines()[0] == f"2 of {total} events"
    threat = ("facts", "--party", "Japan", "--type", "threat", "--limit", "2")
    assert run(folder, *threat).stdout.splitlines()[0] == "1 event"
    each = run(folder, *threat, "--statements").stdout
    threats = catalog(built_store).facts(FactFilter(type="threat", party="state/JPN"))
    assert each.splitlines()[0] == f"2 of {len(threats)} facts" and len(threats) > 2
    assert "statements of this event" not in each
    assert "┃ id" in table.stdout
    r = run(folder, "facts", "--source", "15aa59eee5944eed", "--format", "csv",
            "--limit", "1000")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    row = next(x for x in rows if x["id"] == "fact/japan-us-pac-3-decided")
    assert (row["outlet"], row["date_precision"], row["supplier"]) == (
        "EurAsian Times", "day", "state/JPN")


def test_entities_formats(folder: Path, built_store: OxigraphStore) -> None:
    r = run(folder, "entities", "patriot", "--type", "system", "--format", "json")
    body = json.loads(r.stdout)
    expected = catalog(built_store).entities("patriot", "system")
    assert [e["id"] for e in body["items"]] == [e.id for e in expected]
    assert body["items"][0]["id"] == "system/patriot" and body["total"] == len(expected)
    every = len(catalog(built_store).entities("patriot"))
    rows = list(csv.DictReader(io.StringIO(run(folder, "entities", "Japan", "--format",
                                               "csv").stdout)))
    assert rows[0]["id"] == "state/JPN" and rows[0]["label"] == "Japan"
    table = run(folder, "entities", "patriot", "--limit", "3").stdout
    assert table.splitlines()[0] == f"3 of {every} entities" and "system/patriot" in table


QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?l WHERE { <https://w3id.org/armsgraph/id/state/JPN> rdfs:label ?l }")


def test_sparql_table_json_csv_and_stdin(folder: Path) -> None:
    table = run(folder, "sparql", QUERY)
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0] == "1 rows" and "Japan" in table.stdout
    body = json.loads(run(folder, "sparql", QUERY, "--format", "json").stdout)
    assert [b["l"]["value"] for b in body["results"]["bindings"]] == ["Japan"]
    assert run(folder, "sparql", QUERY, "-f", "csv").stdout.splitlines() == ["l", "Japan"]
    assert "Japan" in run(folder, "sparql", "-", stdin=QUERY).stdout
    ask = run(folder, "sparql", "ASK { ?s ?p ?o }")
    assert ask.stdout.strip() == "yes"


@pytest.mark.parametrize(("args", "message"), [
    (("sparql", "DROP ALL"), "error: SPARQL Update (DROP) is not accepted"),
    (("sparql",), "error: give a query, '-' to read it from stdin, or --file FILE"),
    (("facts", "--type", "spaceship"), "error: unknown fact type 'spaceship'; use one of:"),
    (("facts", "--party", "Atlantis"), "error: no party 'Atlantis' in the graph"),
    (("facts", "--date-from", "yesterday"),
     "error: --date-from must be a date YYYY-MM-DD, not 'yesterday'"),
    (("entities", "--format", "xml"), "error: unknown format 'xml'; use table, json, csv"),
])
def test_bad_input_is_one_error_line(folder: Path, args: tuple[str, ...], message: str) -> None:
    r = run(folder, *args)
    assert r.returncode in (1, 2)
    assert r.stderr.startswith(message), r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""


def test_short_iri() -> None:
    assert short_iri("https://w3id.org/armsgraph/id/system/patriot") == "system:patriot"
    assert short_iri("https://w3id.org/armsgraph/ontology#Transfer") == "arms:Transfer"
