"""Tests of graph/cli/__init__.py beside a running server: `armsgraph serve` holds the embedded
store in one process; reading commands of the CLI still answer (read-only open), writing
ones fail with a message saying how to write, and the server keeps serving."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from graph.settings import PROJECT_ROOT
from graph.store import OxigraphStore
from tests.api.test_uvicorn import free_port, wait_until_up

CLI = [sys.executable, "-c", "from graph.cli import main; main()"]


@pytest.fixture(scope="module")
def served_folder(
    built_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str, dict[str, str]]]:
    """The built graph in a store folder, held by `armsgraph serve` in a subprocess."""
    folder = tmp_path_factory.mktemp("served") / "store"
    disk = OxigraphStore(folder)
    disk.load(built_store.dump("nquads"), "nquads")
    disk.close()
    port = free_port()
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder), "ARMSGRAPH_WRITE_TOKEN": ""}
    env.pop("ARMSGRAPH_HOST", None)
    proc = subprocess.Popen([*CLI, "serve", "--port", str(port)], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/health", 120)
        yield folder, base, env
    finally:
        proc.terminate()
        proc.wait(30)


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_reading_commands_answer_while_the_server_holds_the_store(
    served_folder: tuple[Path, str, dict[str, str]],
) -> None:
    _, base, env = served_folder
    r = run(env, "destinations", "--item", "patriot", "--origin", "JPN", "--format", "json")
    assert r.returncode == 0, r.stderr
    cli = {d["state"]["label"] for d in json.loads(r.stdout)["destinations"]}
    http = httpx.get(base + "/destinations", params={"item": "patriot", "origin": "JPN"})
    assert cli == {d["state"]["label"] for d in http.json()["destinations"]}
    assert "United States" in cli
    exported = run(env, "export", "--format", "nquads")
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == httpx.get(base + "/health").json()["triples"]


def test_writing_commands_fail_saying_how_to_write(
    served_folder: tuple[Path, str, dict[str, str]],
) -> None:
    _, base, env = served_folder
    before = httpx.get(base + "/health").json()["triples"]
    sample = str(PROJECT_ROOT / "tests" / "fixtures" / "sipri-sample.csv")
    for args in (("import", "sipri", sample, "--no-progress"), ("build",)):
        r = run(env, *args)
        assert r.returncode == 1
        assert "in use by another process" in r.stderr
        assert "stop 'armsgraph serve'" in r.stderr and "POST /articles" in r.stderr
        assert "Traceback" not in r.stderr
    assert httpx.get(base + "/health").json()["triples"] == before


# -- an empty or missing graph is said so; a read creates nothing ------------------------

EMPTY = "error: the graph is empty: run `armsgraph build`"


@pytest.mark.parametrize("args", [
    ("destinations", "--item", "Patriot", "--origin", "Japan"),
    ("paths", "--item", "Patriot", "--origin", "Japan", "--to", "USA"),
    ("export", "--format", "turtle"),
    ("draw", "--item", "Patriot", "--origin", "Japan", "-o", "x.svg"),
    ("review", "list"),
])
def test_reads_of_a_missing_store_say_build_first_and_create_nothing(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    folder = tmp_path / "never-built"
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder)}
    r = subprocess.run([*CLI, *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                       timeout=300, check=False)
    assert r.returncode == 1, r.stdout
    assert r.stderr.strip() == f"{EMPTY} (no store at {folder})"
    assert r.stdout == ""
    assert not folder.exists()
    assert not (tmp_path / "x.svg").exists()


def test_reads_of_an_empty_store_say_build_first(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    OxigraphStore(folder).close()  # made, never built
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder)}
    r = run(env, "destinations", "--item", "Patriot", "--origin", "Japan")
    assert r.returncode == 1
    assert r.stderr.strip() == f"{EMPTY} (the store at {folder} holds nothing)"
    memory = run({**os.environ, "ARMSGRAPH_STORE": "memory"}, "export")
    assert memory.returncode == 1 and memory.stderr.strip() == EMPTY


@pytest.fixture()
def review_folder(tmp_path: Path) -> tuple[dict[str, str], list[str]]:
    """A store folder with the review fixture article of tests/graph/reason/test_review.py;
    returns the CLI environment and the ids of the article's consent facts."""
    from tests.graph.reason.test_review import _facts, _store  # noqa: PLC0415

    st, result = _store()
    folder = tmp_path / "store"
    disk = OxigraphStore(folder)
    disk.load(st.dump("nquads"), "nquads")
    disk.close()
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder)}
    return env, [f.id for f in _facts(result, "ReExportConsent")]


def test_review_commands_queue_reject_list(
    review_folder: tuple[dict[str, str], list[str]],
) -> None:
    from tests.graph.reason.test_review import AS_OF  # noqa: PLC0415

    env, (consent,) = review_folder
    question = ["--item", "Leopard 2", "--origin", "Germany", "--as-of", AS_OF]
    r = run(env, "review", "queue", *question, "--format", "json")
    assert r.returncode == 0, r.stderr
    before = json.loads(r.stdout)
    assert before["total"] == 3 and before["entries"][0]["statement"] == consent
    r = run(env, "review", "reject", consent, "--reviewer", "Ann Analyst", "--reason", "misread")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("reject: ")
    after = json.loads(run(env, "review", "queue", *question, "--format", "json").stdout)
    assert after["total"] == 2 and consent not in {e["statement"] for e in after["entries"]}
    text = run(env, "review", "queue", *question).stdout
    assert "2 unreviewed facts behind this answer" in text
    listed = run(env, "review", "list").stdout
    assert "Ann Analyst: reject" in listed and "misread" in listed
    assert "1 reviews, 0 no longer match a fact" in listed


def test_sparql_queries_the_curated_graph_unless_raw(
    review_folder: tuple[dict[str, str], list[str]],
) -> None:
    from graph.reason.review import statement_iri  # noqa: PLC0415

    env, (consent,) = review_folder
    iri = str(statement_iri(consent))
    query = "SELECT DISTINCT ?s WHERE { ?s a ?type }"

    def subjects(*flags: str) -> set[str]:
        r = run(env, "sparql", query, "--format", "json", *flags)
        assert r.returncode == 0, r.stderr
        return {b["s"]["value"] for b in json.loads(r.stdout)["results"]["bindings"]}

    assert iri in subjects()
    r = run(env, "review", "reject", consent, "--reviewer", "Ann", "--reason", "misread")
    assert r.returncode == 0, r.stderr
    assert iri not in subjects() and iri not in subjects("--as-reviewed")
    assert iri in subjects("--raw")


@pytest.mark.parametrize(("args", "needle"), [
    (["review", "reject", "fact/nope", "--reviewer", "Ann", "--reason", "x"], "fact/nope"),
    (["review", "queue", "--item", "Leopard 2", "--origin", "Germany", "--format", "xml"],
     "'xml'"),
    (["review", "queue", "--item", "Atlantis gun", "--origin", "Germany"], "Atlantis gun"),
    (["review", "correct", "fact/nope", "--reviewer", "Ann", "--status", "refused"],
     "fact/nope"),
])
def test_review_commands_fail_with_one_error_line(
    review_folder: tuple[dict[str, str], list[str]], args: list[str], needle: str,
) -> None:
    env, _ = review_folder
    r = run(env, *args)
    assert r.returncode in (1, 2)  # 2 for bad input (graph/cli/__init__.py: handle_errors)
    assert "Traceback" not in r.stderr
    assert r.stderr.strip().startswith("error:") and needle in r.stderr, r.stderr


# -- serve, ingest, extract --explain, export --------------------------------------------


def test_serve_on_a_busy_port_fails_before_claiming_to_serve(
    served_folder: tuple[Path, str, dict[str, str]],
) -> None:
    _, base, env = served_folder
    port = base.rsplit(":", 1)[1]
    r = run(env, "serve", "--port", port, "--store", "memory")
    assert r.returncode == 1
    assert "serving on" not in r.stdout
    assert r.stderr.startswith(f"error: cannot listen on 127.0.0.1:{port}: Address already "
                               "in use"), r.stderr


def test_serve_store_option_serves_that_store(
    served_folder: tuple[Path, str, dict[str, str]], tmp_path: Path
) -> None:
    folder, base, env = served_folder
    port = free_port()
    other = {**env, "ARMSGRAPH_STORE": str(tmp_path / "not-this-one")}
    proc = subprocess.Popen([*CLI, "serve", "--port", str(port), "--store", "memory"],
                            cwd=PROJECT_ROOT, env=other, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", 120)
        health = httpx.get(f"http://127.0.0.1:{port}/health").json()
        # The memory store is seeded from data/, as the served folder was built.
        assert health["triples"] == httpx.get(base + "/health").json()["triples"]
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert out.startswith(f"armsgraph serving on http://127.0.0.1:{port}")
    assert "store: memory" in out
    assert not (tmp_path / "not-this-one").exists()


GOLD = PROJECT_ROOT / "tests" / "gold"


def test_ingest_prints_the_facts_it_added(tmp_path: Path, built_store: OxigraphStore) -> None:
    folder = tmp_path / "store"
    disk = OxigraphStore(folder)
    disk.load(built_store.dump("nquads"), "nquads")
    disk.close()
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder)}
    article = GOLD / "korea-shells-us.txt"
    r = run(env, "ingest", str(article))
    assert r.returncode == 0, r.stderr
    explained = run(env, "extract", "--explain", str(article))
    n = int(explained.stdout.split(" ", 1)[0])
    # The same blocks as extract --explain prints, then the summary line.
    assert r.stdout.startswith(explained.stdout)
    assert r.stdout.splitlines()[-1].startswith(f"added {n} facts (")
    again = run(env, "ingest", str(article))
    assert again.stdout.startswith("already ingested, nothing added")


def test_extract_explain_in_a_pipe_is_plain_text() -> None:
    r = run(dict(os.environ), "extract", "--explain", str(GOLD / "korea-shells-us.txt"))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].endswith(" facts") and lines[1] == ""
    assert lines[2].startswith("1. Transfer (")
    assert not any(ch in r.stdout for ch in "┃│┏━")  # no table folded into 80 columns
    # Whole sentences, not cut: every sentence line is one quoted line.
    quoted = [ln for ln in lines if ln.startswith("   \u201c")]
    assert quoted and all(ln.endswith("\u201d") for ln in quoted)
    assert len(quoted) == int(lines[0].split(" ")[0])


def test_export_turtle_has_the_apis_prefixes(
    served_folder: tuple[Path, str, dict[str, str]],
) -> None:
    _, base, env = served_folder
    r = run(env, "export", "--format", "turtle")
    assert r.returncode == 0, r.stderr
    api = httpx.get(base + "/export", params={"format": "turtle"},
                    headers={"Accept-Encoding": "identity"})
    assert "@prefix state: <https://w3id.org/armsgraph/id/state/> ." in r.stdout
    assert len(r.stdout.encode()) == len(api.content)
