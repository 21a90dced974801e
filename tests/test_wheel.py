"""The wheel runs anywhere: built from this checkout, installed in a fresh venv, and run from
an empty folder, ``build``, ``destinations``, ``extract``, ``validate`` and ``serve`` answer as
they do here.

Offline: the wheel is built without build isolation (setuptools from the dev extras) and
installed with ``--no-deps --no-index``; the fresh venv finds the dependencies through one
``.pth`` line naming this environment's site-packages, whose own ``.pth`` files (among them
the editable install of this checkout) are not run, so ``armsgraph`` and
``armsgraph_api`` come from the wheel alone.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import RDFS

from armsgraph import ids
from armsgraph.extract import extract
from armsgraph.load.ingest import load_article
from armsgraph.namespace import ARMS
from tests.api.test_uvicorn import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "article-japan-patriots.txt"
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "graph", "api", "ontology", "data")
#: The import name of each package folder: no generic top-level name in site-packages.
IMPORT_NAME = {"graph": "armsgraph", "api": "armsgraph_api"}


def test_the_package_list_names_every_package_folder() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "packages"])
    found = {".".join((IMPORT_NAME[top], *p.parent.relative_to(ROOT / top).parts))
             for top in ("graph", "api") for p in (ROOT / top).rglob("__init__.py")}
    assert found | {"armsgraph.ontology", "armsgraph.data"} == listed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "--no-index", "-q", "-w", str(dist), str(src)],
                   check=True, capture_output=True, text=True, timeout=600)
    (found,) = dist.glob("armsgraph-*.whl")
    return found


def test_the_wheel_carries_the_ontology_the_data_and_the_model(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {n.split("/")[0] for n in names} == {
        "armsgraph", "armsgraph_api", "armsgraph-0.1.0.dist-info"}
    for path in ("armsgraph/ontology/armsgraph.ttl", "armsgraph/ontology/shapes.ttl",
                 "armsgraph/ontology/checks/bad-span-violation.rq",
                 "armsgraph/ontology/examples/japan-export-policy.ttl",
                 "armsgraph/data/reference/states.ttl",
                 "armsgraph/data/articles/article-japan-patriots.txt",
                 "armsgraph/data/models/en_armsgraph_ud/config.cfg",
                 "armsgraph_api/static/index.html"):
        assert path in names
    for folder in ("ontology", "data", "tests"):
        assert not any(n.startswith(folder + "/") for n in names)


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("venv") / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(home)], check=True,
                   timeout=300)
    python = home / "bin" / "python"
    fresh = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (fresh / "zz-armsgraph-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=600)
    yield home


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without PYTHONPATH and ARMSGRAPH_* settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("ARMSGRAPH_") and k != "PYTHONPATH"}
    return {**env, **extra}


def run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(venv / "bin" / "armsgraph"), *args], cwd=cwd, env=clean_env(),
                          capture_output=True, text=True, timeout=900, check=False)


def test_installed_commands_work_from_an_empty_folder(venv: Path, tmp_path: Path) -> None:
    where = subprocess.run([str(venv / "bin" / "python"), "-c",
                            "import armsgraph, armsgraph_api; print(armsgraph.__file__); "
                            "print(armsgraph_api.__file__)"],
                           cwd=tmp_path, env=clean_env(), capture_output=True, text=True,
                           check=True)
    assert all(line.startswith(str(venv)) for line in where.stdout.split())
    for generic in ("graph", "api"):  # the folder names are no import names
        found = subprocess.run([str(venv / "bin" / "python"), "-c", f"import {generic}"],
                               cwd=tmp_path, env=clean_env(), capture_output=True,
                               text=True, check=False)
        assert f"No module named {generic!r}" in found.stderr

    built = run(venv, tmp_path, "build")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("validated: conforms")
    assert "facts    article article-japan-patriots" in built.stdout
    # the store is made in the working directory, nothing beside the installed code
    assert (tmp_path / ".armsgraph" / "store").is_dir()
    assert not list(venv.rglob(".armsgraph"))

    answer = run(venv, tmp_path, "destinations", "--item", "Patriot", "--origin", "Japan",
                 "--as-of", "2024-04-01")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.startswith("Patriot from Japan, as of 2024-04-01: 2 destinations")
    assert "United States  OPEN" in answer.stdout and "Ukraine  BLOCKED" in answer.stdout

    facts = run(venv, tmp_path, "extract", str(SEED), "--format", "json")
    assert facts.returncode == 0, facts.stderr
    article = load_article(SEED)
    here = extract(article.text, article.meta)
    assert len(json.loads(facts.stdout)["facts"]) == len(here.facts) > 20
    assert sorted(p.name for p in tmp_path.iterdir()) == [".armsgraph"]


def test_a_missing_resource_is_a_clear_error(venv: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "no-ontology"
    r = subprocess.run([str(venv / "bin" / "armsgraph"), "build"], cwd=tmp_path,
                       env=clean_env(ARMSGRAPH_ONTOLOGY_DIR=str(env_dir),
                                     ARMSGRAPH_STORE="memory"),
                       capture_output=True, text=True, timeout=600, check=False)
    assert r.returncode == 1
    assert f"the ontology not found: {env_dir / 'armsgraph.ttl'} does not exist" in r.stderr
    assert "Traceback" not in r.stderr


def test_installed_validate_and_serve_work_from_an_empty_folder(
    venv: Path, tmp_path: Path,
) -> None:
    japan, state, label = ids.state("JPN").n3(), ARMS.State.n3(), RDFS.label.n3()
    (tmp_path / "good.ttl").write_text(f'{japan} a {state} ; {label} "Japan" .\n')
    (tmp_path / "bad.ttl").write_text(f"{japan} a {state} .\n")  # a state needs a label
    good = run(venv, tmp_path, "validate", "good.ttl")
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("good.ttl: conforms (2 triples)")
    bad = run(venv, tmp_path, "validate", "bad.ttl")
    assert bad.returncode == 1
    assert "A state needs an rdfs:label." in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr

    port = free_port()
    proc = subprocess.Popen([str(venv / "bin" / "armsgraph"), "serve", "--port", str(port)],
                            cwd=tmp_path, env=clean_env(ARMSGRAPH_STORE="memory"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/health", 300)
        answer = httpx.get(base + "/destinations", timeout=120, params={
            "item": "Patriot", "origin": "Japan", "as_of": "2024-04-01"})
        assert answer.status_code == 200, answer.text
        verdicts = {d["state"]["label"]: d["verdict"] for d in answer.json()["destinations"]}
        assert verdicts == {"United States": "open", "Ukraine": "blocked"}
        page = httpx.get(base + "/map", timeout=60)  # the map's static files ship too
        assert page.status_code == 200 and "<html" in page.text.lower()
    finally:
        proc.terminate()
        proc.wait(60)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.ttl", "good.ttl"]
