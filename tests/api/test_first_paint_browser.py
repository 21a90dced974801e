"""The map's first paint in Debian's chromium on a server that starts cold right after the
SIPRI register was imported (issue 14): the store is built and the register imported as
the CLI does it (which ends by saving the derived data beside the store), then
``uvicorn armsgraph_api.main:create_app --factory`` is started in a fresh process on that folder.

What is asserted is what is drawn: the default question's answer, as the server's own
``/destinations`` gives it, and that the start made nothing anew (the parts saved by the
import are the ones the server reads). How long it takes is measured by
``bench/bench_first_answer.py``, not asserted. Skipped when the register is absent.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.api.test_uvicorn import free_port, wait_until_up

pytestmark = [pytest.mark.browser, pytest.mark.slow]

browser_tests = pytest.importorskip("tests.api.test_map_browser")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def imported_folder(sipri_folder: Path) -> Path:
    """An on-disk store: the built graph plus the register, derived data saved (what
    ``armsgraph build`` then ``armsgraph import sipri`` leave; shared with the map's
    browser tests, see ``tests/api/conftest.py``)."""
    return sipri_folder


@pytest.fixture()
def cold_server(imported_folder: Path) -> Iterator[str]:
    """A server in a fresh process on the imported store."""
    port = free_port()
    # This checkout's code (its .pkg links), not whatever the venv has installed.
    env = {**os.environ, "PYTHONPATH": str(ROOT / ".pkg"), "ARMSGRAPH_STORE": str(imported_folder),
           "ARMSGRAPH_HOST": "127.0.0.1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "armsgraph_api.main:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/health", 120)
        yield base
    finally:
        proc.terminate()
        proc.wait(30)


def _entries(folder: Path) -> dict[str, float]:
    snap = folder.with_name(folder.name + ".snapshot")
    return {p.name: p.stat().st_mtime for p in snap.iterdir() if not p.name.startswith(".")}


def test_first_paint_after_an_import_draws_the_default_answer(
    page: Any, cold_server: str, imported_folder: Path,
) -> None:
    saved = _entries(imported_folder)
    assert sorted(n.split("-")[0] for n in saved) == ["index", "map", "projection"]
    url = cold_server
    page.goto(f"{url}/map")
    page.wait_for_selector('body[data-state="ready"]', timeout=120_000)
    item, origin = page.input_value("#item"), page.input_value("#origin")
    assert (item, origin) == ("Patriot", "Japan")
    # What is drawn is compared with the answer the page got (a cold server's search may
    # stop at its time budget, so a later request can find more).
    answer = browser_tests.answer_drawn(page)
    assert answer["destinations"], "the default question has an answer with the register"
    drawn = set(page.evaluate("() => window.cy.nodes('.state').map((n) => n.data('label'))"))
    top = browser_tests.first_drawn(answer)
    shown = {d["state"]["label"] for d in top}
    assert shown <= drawn and origin in drawn
    hops = {(h["from"], h["to"]) for h in page.evaluate(browser_tests.DRAWN_HOPS)}
    best = {(h["from"]["label"], h["to"]["label"]) for d in top
            for h in d["paths"][0]["hops"]}
    assert hops == best
    # A search answers too (the read index), and the start made nothing anew: the parts
    # the server read are the ones the import saved (same names, not rewritten).
    found = httpx.get(f"{url}/entities", params={"q": "leopard"}, timeout=120)
    assert found.status_code == 200 and found.json()
    time.sleep(0.5)  # let the warm-up thread finish what it reads
    assert _entries(imported_folder) == saved


# the browser and page fixtures of the map's browser tests
browser = browser_tests.browser
page = browser_tests.page
