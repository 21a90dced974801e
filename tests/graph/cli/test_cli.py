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

from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import OxigraphStore
from tests.api.test_uvicorn import free_port, wait_until_up
from tests.graph.cli.test_read import store_folder

CLI = [sys.executable, "-c", "from armsgraph.cli import main; main()"]


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


@pytest.mark.parametrize(("command", "forms"), [
    # every form an answer gives an id in: /entities' id, the full IRI, the prefixed name
    # of the Turtle export and of `armsgraph sparql`'s table, an ISO code, a label
    (("destinations", "--as-of", "2024-04-01"),
     (("--item", "system:patriot", "--origin", "state/JPN"),
      ("--item", "https://w3id.org/armsgraph/id/system/patriot", "--origin", "state:JPN"))),
    (("paths", "--item", "Patriot", "--origin", "JP", "--as-of", "2024-04-01"),
     (("--to", "state:USA"), ("--to", "https://w3id.org/armsgraph/id/state/USA"))),
    (("facts", "--limit", "500"),
     (("--party", "state:JPN", "--item", "system/patriot"),
      ("--party", "https://w3id.org/armsgraph/id/state/JPN", "--item", "system:patriot"))),
])
def test_cli_options_take_every_id_form(
    served_folder: tuple[Path, str, dict[str, str]], command: tuple[str, ...],
    forms: tuple[tuple[str, ...], ...],
) -> None:
    _, base, env = served_folder
    route = {"destinations": "/destinations", "paths": "/paths", "facts": "/facts"}[command[0]]
    named = {"destinations": {"item": "Patriot", "origin": "Japan", "as_of": "2024-04-01"},
             "paths": {"item": "Patriot", "origin": "Japan", "to": "United States",
                       "as_of": "2024-04-01"},
             "facts": {"party": "Japan", "item": "Patriot", "limit": 500}}[command[0]]
    expected = httpx.get(base + route, params=named, timeout=120).json()
    key = "items" if command[0] == "facts" else "destinations"
    assert expected[key]
    for form in forms:
        r = run(env, *command, *form, "--format", "json")
        assert r.returncode == 0, (form, r.stderr)
        if command[0] == "facts":
            assert [f["id"] for f in json.loads(r.stdout)[key]] == [
                f["id"] for f in expected[key]], form
        else:
            assert json.loads(r.stdout)[key] == expected[key], form


# -- an empty or missing graph is said so; a read creates nothing ------------------------

EMPTY = "error: the graph is empty: run `armsgraph build`"


@pytest.mark.parametrize("args", [
    ("destinations", "--item", "Patriot", "--origin", "Japan"),
    ("paths", "--item", "Patriot", "--origin", "Japan", "--to", "USA"),
    ("export", "--format", "turtle"),
    ("draw", "--item", "Patriot", "--origin", "Japan", "-o", "x.svg"),
    ("facts",), ("facts", "--format", "csv"), ("entities", "Japan"),
    ("sparql", "ASK {}"),
    ("review", "list"), ("review", "export"),
    ("review", "queue", "--item", "Patriot", "--origin", "Japan"),
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
    from armsgraph.reason.review import statement_iri  # noqa: PLC0415

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


# -- bad input: one `error:` line and a non-zero exit, nothing written (issue 18, item 6) --


def _broken_extractor(text: str, meta: dict[str, object]) -> list[object]:
    raise RuntimeError("boom")


@pytest.fixture(scope="module")
def built_folder(built_store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built graph in a store folder no other process holds."""
    return store_folder(built_store, tmp_path_factory.mktemp("built"))


def cli_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run `armsgraph ARGS` in this process through its entry point: (exit code, out, err)."""
    from armsgraph.cli import main  # noqa: PLC0415
    from armsgraph.settings import get_settings  # noqa: PLC0415

    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit_:
            main(args)
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    return int(exit_.value.code or 0), captured.out, captured.err


GOLD_DIR = str(PROJECT_ROOT / "tests" / "gold")
DRAW = ["draw", "--item", "Patriot", "--origin", "Japan", "-o"]
# (args with {dir}: an existing folder, {missing}: a path in a folder that does not exist;
#  variables; exit code; the whole error line as a regular expression)
BAD_INPUT = [
    (["extract", "{dir}"], {}, 2, r"cannot read article {dir}: it is a folder, not a file"),
    (["extract", "/dev/zero"], {}, 2,
     r"article /dev/zero is larger than the limit of 2,000,000 bytes"),
    (["ingest", "{dir}"], {}, 2, r"cannot read article {dir}: it is a folder, not a file"),
    (["ingest", "/dev/zero"], {}, 2,
     r"article /dev/zero is larger than the limit of 2,000,000 bytes"),
    (["ingest", "{missing}"], {}, 2,
     r"cannot read article {missing}: No such file or directory"),
    (["validate", "{dir}"], {}, 2, r"cannot read Turtle file {dir}: it is a folder, not a file"),
    (["import", "sipri", "--no-progress", "{dir}"], {}, 2,
     r"cannot read SIPRI register {dir}: it is a folder, not a file"),
    (["review", "import", "{dir}"], {}, 2,
     r"cannot read reviews file {dir}: it is a folder, not a file"),
    (["export", "-o", "{missing}"], {}, 2, r"cannot write {missing}: No such file or directory"),
    (["export", "-o", "{dir}"], {}, 2, r"cannot write {dir}: it is a folder"),
    ([*DRAW, "{missing}.svg"], {}, 2, r"cannot write {missing}.svg: No such file or directory"),
    (["review", "export", "-o", "{missing}"], {}, 2,
     r"cannot write {missing}: No such file or directory"),
    (["eval", "--extractor", "os:system", GOLD_DIR], {}, 2,
     r"extractor 'os:system' cannot be called as fn\(text, meta\): too many positional "
     r"arguments"),
    (["eval", "--extractor", "tests.graph.cli.test_cli:_broken_extractor", GOLD_DIR], {}, 2,
     r"extractor failed on article-japan-patriots.gold.json: RuntimeError: boom"),
    (["facts"], {"ARMSGRAPH_QUERY_TIMEOUT": "abc"}, 2,
     r"ARMSGRAPH_QUERY_TIMEOUT='abc': Input should be a valid number, unable to parse string "
     r"as a number"),
    (["destinations", "--item", "Patriot", "--origin", "Japan"], {"ARMSGRAPH_MAX_HOPS": "0"},
     2, r"ARMSGRAPH_MAX_HOPS='0': Input should be greater than or equal to 1"),
    (["serve"], {"ARMSGRAPH_PORT": "70000"}, 2,
     r"ARMSGRAPH_PORT='70000': Input should be less than or equal to 65535"),
    (["facts"], {"ARMSGRAPH_CORS_ORIGINS": "not json"}, 2,
     r'ARMSGRAPH_CORS_ORIGINS must be JSON \(e.g. \["http://localhost:3000"\]\): .*'),
    (["build"], {"ARMSGRAPH_DATA_DIR": "{missing}"}, 2,
     r"data folder {missing} does not exist or is not a folder \(ARMSGRAPH_DATA_DIR\)"),
    (["serve", "--port", "99999"], {}, 2,
     r"Invalid value for '--port': Input should be less than or equal to 65535 \(see: "
     r"armsgraph serve --help\)"),
    (["destinations", "--item", "Patriot", "--origin", "Japan", "--max-hops", "100"], {}, 2,
     r"Invalid value for '--max-hops': Input should be less than or equal to 8 \(see: "
     r"armsgraph destinations --help\)"),
    (["facts", "--nope"], {}, 2,
     r"No such option: --nope \(Possible options: --store, --type\) \(see: armsgraph facts "
     r"--help\)"),
    (["nope"], {}, 2, r"No such command 'nope'. \(see: armsgraph --help\)"),
]


@pytest.mark.parametrize(("args", "env", "code", "line"), BAD_INPUT,
                         ids=[" ".join(a[0]) + "".join(a[1]) for a in BAD_INPUT])
def test_bad_input_is_one_error_line_and_writes_nothing(
    built_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str], env: dict[str, str], code: int, line: str,
) -> None:
    import re  # noqa: PLC0415

    where = {"dir": str(tmp_path), "missing": str(tmp_path / "missing" / "x")}
    monkeypatch.setenv("ARMSGRAPH_STORE", str(built_folder))
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(**where))
    before = OxigraphStore(built_folder)
    quads, generation = len(before), before.generation
    before.close()
    got, out, err = cli_main([a.format(**where) for a in args], capsys)
    assert got == code, err
    assert re.fullmatch("error: " + line.format(**{k: re.escape(v) for k, v in where.items()})
                        + "\n", err), err
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no file, no .part left
    after = OxigraphStore(built_folder)
    assert (len(after), after.generation) == (quads, generation)
    after.close()


def test_an_os_error_or_a_bug_is_still_one_line(
    built_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    import armsgraph.views.exports  # noqa: PLC0415

    monkeypatch.setenv("ARMSGRAPH_STORE", str(built_folder))

    def disk_full(*_: object) -> bytes:
        raise OSError(28, "No space left on device", "/some/file")

    monkeypatch.setattr(armsgraph.views.exports, "dump", disk_full)
    assert cli_main(["export"], capsys) == (
        1, "", "error: No space left on device: /some/file\n")

    def bug(*_: object) -> bytes:
        raise KeyError("oops")

    monkeypatch.setattr(armsgraph.views.exports, "dump", bug)
    assert cli_main(["export"], capsys) == (
        1, "", "error: internal error (KeyError: 'oops'); this is a bug in armsgraph, please "
        "report it\n")


def test_serve_on_a_store_held_by_a_server_is_one_error_line(
    served_folder: tuple[Path, str, dict[str, str]],
) -> None:
    folder, base, env = served_folder
    before = httpx.get(base + "/health").json()
    r = run(env, "serve", "--port", str(free_port()))
    assert r.returncode == 1
    assert r.stderr == (f"error: store {folder} is in use by another process: is another "
                        "'armsgraph serve' running on it? Stop it, or serve another store "
                        "(--store)\n")
    assert "serving on" not in r.stdout
    assert httpx.get(base + "/health").json() == before


def test_dev_zero_through_the_console_script_is_one_line() -> None:
    """The real entry point in its own process: an endless device as the article."""
    r = run(dict(os.environ), "extract", "/dev/zero")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "error: article /dev/zero is larger than the limit of 2,000,000 bytes\n"


def _saved_after(env: dict[str, str], folder: Path, args: tuple[str, ...],
                 saves: bool = True) -> str | None:
    """Run ``armsgraph ARGS``; check it said it saved the derived data (or not) and that
    every part is saved for the store's content after it; return that content's version."""
    from armsgraph.reason.project import PROJECTION
    from armsgraph.store.snapshot import is_saved
    from armsgraph.views.index import INDEX
    from armsgraph_api.routes.map import MAP_META

    said = "saved derived data beside the store (projection, index, map-meta)"
    done = run(env, *args)
    assert done.returncode == 0, done.stderr
    assert (said in done.stderr) is saves, (args, done.stderr)
    store = OxigraphStore(folder, read_only=True)
    try:
        assert all(is_saved(store, p) for p in (PROJECTION, INDEX, MAP_META)), args
        return store.version
    finally:
        store.close()


def test_writing_commands_save_the_derived_data_a_cold_reader_loads(tmp_path: Path) -> None:
    """build, import sipri and ingest end by saving the projection, the read index and the
    map's pickers beside the store for its new content (issue 14): the next cold server or
    CLI question loads them. An unchanged re-import leaves them as they are."""
    folder = tmp_path / "store"
    env = {**os.environ, "ARMSGRAPH_STORE": str(folder)}
    sample = PROJECT_ROOT / "tests" / "fixtures" / "sipri-sample.csv"
    article = PROJECT_ROOT / "data" / "articles" / "article-japan-patriots.txt"
    versions = []
    for args, saves in ((("build", "--no-articles"), True), (("import", "sipri", str(sample),
                         "--no-progress"), True), (("import", "sipri", str(sample),
                         "--no-progress"), False), (("ingest", str(article)), True)):
        versions.append(_saved_after(env, folder, args, saves))
    assert versions[1] == versions[2] and len(set(versions)) == 3
    # one entry per part: the parts of older contents are gone
    names = sorted(p.name.split("-")[0] for p in (tmp_path / "store.snapshot").iterdir())
    assert names == ["index", "map", "projection"]


def test_review_commands_save_the_derived_data_too(
    review_folder: tuple[dict[str, str], list[str]],
) -> None:
    """A review is a write like an ingest: it ends by saving the derived data for the new
    content (refreshed from the parts saved before it, when there are)."""
    env, (consent,) = review_folder
    folder = Path(env["ARMSGRAPH_STORE"])
    versions = []
    for args in (("review", "reject", consent, "--reviewer", "Ann", "--reason", "misread"),
                 ("review", "accept", consent, "--reviewer", "Bo")):
        versions.append(_saved_after(env, folder, args))
    assert len(set(versions)) == 2


def test_a_question_imports_only_what_it_runs() -> None:
    """A cold `destinations`, `paths` or `draw` (issue 14: cold questions) imports no
    extraction (spaCy), no validation (pySHACL), no web server and no read index: each is
    a fraction of a second of a cold process that the answer does not use."""
    probe = ("import sys\n"
             "import armsgraph.cli, armsgraph.reason.paths, armsgraph.render.tree\n"
             "import armsgraph.render.draw\n"
             "heavy = ('spacy', 'pyshacl', 'fastapi', 'starlette', 'uvicorn', 'armsgraph_api',\n"
             "         'armsgraph.extract', 'armsgraph.load', 'armsgraph.views.catalog',\n"
             "         'armsgraph.views.index')\n"
             "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n")
    done = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=300, check=True)
    assert done.stdout.strip() == "[]"
