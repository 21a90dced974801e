"""The transfer-chain map in a real browser: Debian's chromium driven by Playwright against
a real uvicorn serving the built graph.

What is checked is what is drawn: the Cytoscape elements' computed styles (``window.cy``)
and the table view's rows, both compared with what the sources say and with the API's
own answer. Screenshots go to ``test-output/``.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from armsgraph import ids
from armsgraph.store import OxigraphStore, Store
from armsgraph_api.main import create_app
from tests.api.conftest import copy_store, make_settings

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (scripts/setup-system.sh installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

#: Okabe-Ito colours as the browser reports them.
GREEN, ORANGE, VERMILLION = "rgb(0,158,115)", "rgb(230,159,0)", "rgb(213,94,0)"
COLOUR = {"open": GREEN, "conditional": ORANGE, "blocked": VERMILLION}
ARROW = {"open": "triangle", "conditional": "diamond", "blocked": "tee"}
SEED_SENTENCE = ("However, if the US were to transfer these missiles to Ukraine, it would need "
                 "an official nod from Japan.")

#: Every hop as drawn: its label node's data, and the computed style of the line into its
#: end state (the segment that carries the arrow head).
DRAWN_HOPS = """() => window.cy.nodes('.hop').map((n) => {
  const seg = window.cy.getElementById(n.id() + ':out');
  const into = window.cy.getElementById(n.id() + ':in');
  const dash = seg.style('line-dash-pattern');
  const style = seg.style('line-style');
  return {
    id: n.id(), from: n.data('from'), to: n.data('to'), kind: n.data('kind'),
    verdict: n.data('verdict'), text: n.data('text'),
    colour: seg.style('line-color').replace(/ /g, ''),
    border: n.style('border-color').replace(/ /g, ''),
    arrow: seg.style('target-arrow-shape'),
    line: style === 'solid' ? 'solid'
      : (style === 'dashed' && parseFloat(String(dash).split(/[ ,]+/)[0]) < 1 ? 'dotted'
         : style),
    same_line: into.style('line-style') === style,
  };
})"""

#: The drawing's geometry: pairs of lines that cross (lines sharing an end excepted), lines
#: that pass through a box they do not join, and the number of lines.
GEOMETRY = """() => {
  const cy = window.cy;
  const segs = cy.edges().map((e) => ({ id: e.id(), s: e.source().id(), t: e.target().id(),
    a: e.sourceEndpoint(), b: e.targetEndpoint() }));
  const cross = (p, q, r, s) => {
    const d = (a, b, c) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    const d1 = d(r, s, p), d2 = d(r, s, q), d3 = d(p, q, r), d4 = d(p, q, s);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
  };
  const crossings = [];
  for (let i = 0; i < segs.length; i++) for (let j = i + 1; j < segs.length; j++) {
    const A = segs[i], B = segs[j];
    if ([A.s, A.t].some((n) => n === B.s || n === B.t)) continue;
    if (cross(A.a, A.b, B.a, B.b)) crossings.push([A.id, B.id]);
  }
  // a segment through a box it does not join
  const hits = [];
  const boxes = cy.nodes().not(".region-head, .via").map((n) =>
    ({ id: n.id(), bb: n.boundingBox({ includeLabels: false }) }));
  const inter = (a, b, bb) => {
    // Liang-Barsky clip
    let t0 = 0, t1 = 1; const dx = b.x - a.x, dy = b.y - a.y;
    const p = [-dx, dx, -dy, dy], q = [a.x - bb.x1, bb.x2 - a.x, a.y - bb.y1, bb.y2 - a.y];
    for (let k = 0; k < 4; k++) {
      if (p[k] === 0) { if (q[k] < 0) return false; continue; }
      const r = q[k] / p[k];
      if (p[k] < 0) { if (r > t1) return false; if (r > t0) t0 = r; }
      else { if (r < t0) return false; if (r < t1) t1 = r; }
    }
    return t1 - t0 > 1e-6;
  };
  for (const sg of segs) for (const bx of boxes) {
    if (bx.id === sg.s || bx.id === sg.t) continue;
    if (inter(sg.a, sg.b, bx.bb)) hits.push([sg.id, bx.id]);
  }
  const len = segs.map((sg) => Math.hypot(sg.b.x - sg.a.x, sg.b.y - sg.a.y));
  return { crossings, hits, longest: Math.max(...len), n: segs.length };
}"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serve(store: Store) -> Iterator[str]:
    """A real uvicorn on a free loopback port, serving ``store``."""
    port = free_port()
    config = uvicorn.Config(create_app(make_settings(), store), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(api_store: OxigraphStore) -> Iterator[str]:
    """The built graph, served read-only."""
    with serve(api_store) as url:
        yield url


@pytest.fixture()
def writable_server(api_store: OxigraphStore) -> Iterator[tuple[str, Store]]:
    """A copy of the built graph that tests may write to, served."""
    store = copy_store(api_store)
    with serve(store) as url:
        yield url, store


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; fails the test on any console error or uncaught exception."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert errors == [], f"errors in the browser console: {errors}"


def answer_drawn(page: Any) -> dict[str, Any]:
    """The /destinations answer the page drew last, as the page received it."""
    answer: dict[str, Any] = page.evaluate("() => window.mapAnswer")
    assert answer is not None, "the page has drawn no answer"
    return answer


def wait_ready(page: Any, as_of: str) -> None:
    page.wait_for_selector(f'body[data-state="ready"][data-as-of="{as_of}"]', timeout=20_000)


def show(page: Any, server: str, item: str, origin: str, as_of: str) -> None:
    """Open the map and choose item, origin and date with the page's own controls."""
    page.goto(f"{server}/map")
    page.wait_for_selector('body[data-state="ready"]', timeout=20_000)
    pick(page, "#item", item)
    pick(page, "#origin", origin)
    page.fill("#as-of-date", as_of)
    page.dispatch_event("#as-of-date", "change")
    wait_ready(page, as_of)


def pick(page: Any, picker: str, label: str) -> None:
    """Choose in a type-ahead picker as a keyboard user does: type, then Enter."""
    page.fill(picker, label)
    page.wait_for_selector(f"{picker}-options li[role=option][aria-selected=true]",
                           timeout=10_000)
    page.keyboard.press("Enter")
    assert page.input_value(picker) == label


def search(page: Any, label: str) -> None:
    """Type in the search box and click the result labelled exactly ``label``."""
    page.fill("#search-q", label)
    result = page.locator("#search-results button").filter(
        has=page.locator("strong", has_text=re.compile(f"^{re.escape(label)}$")))
    result.wait_for(timeout=10_000)
    result.click()


def hops(page: Any, frm: str, to: str) -> list[dict[str, Any]]:
    return [h for h in page.evaluate(DRAWN_HOPS) if h["from"] == frm and h["to"] == to]


def click_hop(page: Any, hop_id: str) -> None:
    """Click the hop where it is drawn on the canvas."""
    page.locator("#cy").scroll_into_view_if_needed()
    x, y = page.evaluate(
        """(id) => { const n = window.cy.getElementById(id); const p = n.renderedPosition();
                     const box = window.cy.container().getBoundingClientRect();
                     return [box.left + p.x, box.top + p.y]; }""",
        hop_id,
    )
    page.mouse.click(x, y)


def test_map_draws_patriot_from_japan(page: Any, server: str, test_output: Path) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    states = page.evaluate("() => window.cy.nodes('.state').map((n) => n.data('label'))")
    assert {"Japan", "United States", "Ukraine"} <= set(states)
    # A small answer draws each state once: no repeat boxes (large answers only).
    assert len(states) == len(set(states))
    page.screenshot(path=str(test_output / "map-patriot-japan-2024-04-01.png"), full_page=True)

    # Japan -> US: planned (decided on 2023-12-20; delivered only in November 2025) and
    # allowed by the 2023 revision (finished licence-built products to the licensor).
    jpn_usa = hops(page, "Japan", "United States")
    assert [(h["kind"], h["verdict"], h["colour"], h["arrow"], h["line"]) for h in jpn_usa] == [
        ("planned", "open", GREEN, "triangle", "dashed")]
    assert "delivered" not in jpn_usa[0]["text"] and "stated later" not in jpn_usa[0]["text"]
    # US -> Ukraine: a hypothetical re-export, blocked (Ukraine is at war) and needing
    # Japan's consent; the backfill (the US's own stock) is dotted.
    usa_ukr = {h["kind"]: h for h in hops(page, "United States", "Ukraine")}
    reexport = usa_ukr["possible re-export"]
    assert (reexport["verdict"], reexport["colour"], reexport["arrow"], reexport["line"]) == (
        "blocked", VERMILLION, "tee", "dashed")
    assert "needs Japan's consent" in reexport["text"] and "BLOCKED" in reexport["text"]
    assert usa_ukr["backfill"]["line"] == "dotted"
    for h in page.evaluate(DRAWN_HOPS):
        assert h["colour"] == h["border"] == COLOUR[h["verdict"]], h
        assert h["arrow"] == ARROW[h["verdict"]] and h["same_line"], h

    # The table says the same as the graph, row by row.
    rows = page.locator("tr.hop-row[data-from='United States'][data-to='Ukraine']"
                        "[data-hop-kind='possible re-export']")
    assert rows.get_attribute("data-verdict") == "blocked"
    assert rows.get_attribute("data-line") == "dashed"
    assert "needs consent from Japan" in rows.inner_text()


def test_map_matches_the_api_answer(page: Any, server: str) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    answer = httpx.get(f"{server}/destinations", params={
        "item": "Patriot", "origin": "Japan", "as_of": "2024-04-01"},
        timeout=30).json()
    drawn = page.evaluate(DRAWN_HOPS)
    rows = page.locator("tr.hop-row")
    expected_rows = sum(len(p["hops"]) for d in answer["destinations"] for p in d["paths"])
    assert rows.count() == expected_rows
    for d in answer["destinations"]:
        for p in d["paths"]:
            last = p["hops"][-1]
            match = [h for h in drawn if (h["from"], h["to"]) == (
                last["from"]["label"], last["to"]["label"]) and h["kind"] == last["kind"]]
            assert any(h["verdict"] == p["verdict"] for h in match), (p, match)


def test_a_threat_stated_several_times_is_one_line(page: Any, server: str) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    answer = httpx.get(f"{server}/destinations", params={
        "item": "Patriot", "origin": "Japan", "as_of": "2024-04-01"}, timeout=30).json()
    [ukraine] = [d for d in answer["destinations"] if d["state"]["label"] == "Ukraine"]
    [direct] = [p for p in ukraine["paths"] if len(p["hops"]) == 1]
    events: dict[str, list[dict[str, Any]]] = {}
    for r in direct["risks"]:
        events.setdefault(r["event"], []).append(r)
    assert len(direct["risks"]) > len(events)  # a threat the article states several times
    [hop] = hops(page, "Japan", "Ukraine")
    warned = [line for line in hop["text"].split("\n") if line.startswith("\u26a0")]
    assert len(warned) == len(events)
    for event, risks in events.items():
        lead = next(r for r in risks if r["statement"] == event)
        times = f" (stated {len(risks)} times)" if len(risks) > 1 else ""
        assert f"\u26a0 {lead['label']}{times}".split()[:4] == warned[
            list(events).index(event)].split()[:4]
    assert not any(f"\u26a0 {r['label']}" in hop["text"] for rs in events.values()
                   for r in rs if r["statement"] != r["event"])


def test_clicking_a_hop_opens_its_evidence(page: Any, server: str, test_output: Path) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    reexport = [h for h in hops(page, "United States", "Ukraine")
                if h["kind"] == "possible re-export"][0]
    click_hop(page, reexport["id"])
    panel = page.locator("#evidence")
    panel.locator("[data-field='modality']").first.wait_for(timeout=10_000)
    assert panel.get_attribute("data-edge") == reexport["id"]
    assert panel.locator("li.consent[data-consent='Japan']").count() == 1
    assert "Needs consent from Japan" in panel.inner_text()
    assert SEED_SENTENCE in panel.inner_text()
    source = panel.locator("a[href*='eurasiantimes.com']").first
    assert "Russia Threatens Japan" in source.inner_text()
    assert "hypothetical" in panel.locator("[data-field='modality']").all_inner_texts()
    assert panel.locator("[data-field='confidence']").count() >= 1
    page.screenshot(path=str(test_output / "map-evidence-us-ukraine.png"), full_page=True)


def test_hop_rows_work_with_the_keyboard(page: Any, server: str) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    row = page.locator("tr.hop-row[data-from='United States'][data-to='Ukraine']"
                       "[data-hop-kind='possible re-export']")
    assert row.get_attribute("tabindex") == "0"
    row.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "evidence"
    assert SEED_SENTENCE in page.locator("#evidence").inner_text()


def test_moving_the_date_back_blocks_japan_to_us(
    page: Any, server: str, test_output: Path
) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    slider = page.locator("#as-of-slider")
    slider.focus()
    for _ in range(10):  # one month per key: April 2024 -> June 2023
        page.keyboard.press("ArrowLeft")
    wait_ready(page, "2023-06-01")
    assert page.locator("#as-of-label").inner_text() == "1 June 2023"
    assert "later_hops" not in page.url and "only_stated" not in page.url
    # Before the December 2023 revision only parts could go to the licensor: the route,
    # decided only on 2023-12-20, is a possible one, blocked by the 2014 version.
    jpn_usa = hops(page, "Japan", "United States")
    assert [(h["kind"], h["verdict"], h["colour"], h["arrow"], h["line"]) for h in jpn_usa] == [
        ("possible re-export", "blocked", VERMILLION, "tee", "dashed")]
    assert "possible re-export (stated later), Dec 2023" in " ".join(jpn_usa[0]["text"].split())
    assert "planned" not in jpn_usa[0]["text"] and "delivered" not in jpn_usa[0]["text"]
    rows = page.locator("tr.hop-row[data-from='Japan'][data-to='United States']")
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.verdict)")) == {"blocked"}
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.status)")) == {"possible"}
    page.screenshot(path=str(test_output / "map-patriot-japan-2023-06.png"), full_page=True)

    # Its evidence says every statement was made after that date.
    click_hop(page, jpn_usa[0]["id"])
    panel = page.locator("#evidence")
    panel.locator("[data-mark='stated-later']").first.wait_for(timeout=10_000)
    assert panel.locator("[data-mark='stated-later']").count() == panel.locator(
        "li.evidence-item").count()
    assert "2014: finished licence-built products may not be exported" in panel.inner_text()


def test_search_finds_a_state_on_the_map(page: Any, server: str) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    search(page, "Ukraine")
    focused = page.evaluate("() => window.cy.nodes('.state.focused').map((n) => n.data('label'))")
    assert focused == ["Ukraine"]
    active = page.locator("tr.hop-row.active").evaluate_all("rs => rs.map(r => r.dataset.to)")
    assert active and set(active) <= {"Ukraine"} | set(
        page.locator("tr.hop-row.active").evaluate_all("rs => rs.map(r => r.dataset.from)"))


def test_rejecting_a_fact_in_the_evidence_panel(
    page: Any, writable_server: tuple[str, Store], test_output: Path
) -> None:
    """An analyst rejects a fact from the panel: the review is stored with the name and
    reason typed, and the redrawn answer no longer cites the fact; accepting another
    shows "accepted by … on …" in its place."""
    url, store = writable_server
    show(page, url, "Patriot", "Japan", "2024-04-01")
    (hop,) = hops(page, "Japan", "United States")
    click_hop(page, hop["id"])
    panel = page.locator("#evidence")
    statement = str(ids.fact("japan-us-pac-3-decided"))
    row = panel.locator(f"li[data-statement='{statement}']")
    row.locator("button[data-action='reject']").wait_for(timeout=10_000)
    panel.locator("#reviewer").fill("Ann Analyst")
    row.locator("button[data-action='reject']").click()
    row.locator("input[name='reason']").fill("the decision was announced a day later")
    row.locator("button[data-action='send-reject']").click()
    page.wait_for_function(
        "(s) => !document.querySelector(`#evidence li[data-statement='${s}']`)", arg=statement,
        timeout=20_000)
    listed = httpx.get(f"{url}/reviews", timeout=30).json()
    assert [(r["action"], r["reviewer_name"], r["target"], r["reason"])
            for r in listed["items"]] == [
        ("reject", "Ann Analyst", statement, "the decision was announced a day later")]
    cited = {e["statement"] for d in httpx.get(f"{url}/destinations", params={
        "item": "Patriot", "origin": "Japan", "as_of": "2024-04-01"}, timeout=30).json()[
        "destinations"] for p in d["paths"] for h in p["hops"] for e in h["evidence"]}
    assert statement not in cited
    assert panel.get_attribute("data-edge") == hop["id"]  # the panel stays on the hop

    other = str(ids.fact("japan-us-pac-3-contract"))
    row = panel.locator(f"li[data-statement='{other}']")
    row.locator("button[data-action='accept']").click()
    mark = row.locator(".review-mark[data-review-action='accepted']")
    mark.wait_for(timeout=20_000)
    assert "accepted by Ann Analyst on" in mark.inner_text()
    page.screenshot(path=str(test_output / "map-review-reject.png"), full_page=True)


# -- the pickers, the landing question, search picks the maker ---------------------------


def test_the_map_lands_on_the_seed_question(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector('body[data-state="ready"]', timeout=20_000)
    assert page.input_value("#item") == "Patriot"
    assert page.input_value("#origin") == "Japan"
    assert page.locator("#question").inner_text().startswith(
        "Where could Patriot from Japan go, as of")


def test_the_item_picker_works_with_the_keyboard(page: Any, server: str) -> None:
    page.goto(f"{server}/map")
    page.wait_for_selector('body[data-state="ready"]', timeout=20_000)
    page.focus("#item")
    page.keyboard.type("leop")
    options = page.locator("#item-options li[role=option]")
    options.first.wait_for(timeout=10_000)
    labels = options.all_inner_texts()
    assert labels[:2] == ["Leopard 2", "Leopard 2A6"]
    assert page.get_attribute("#item", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")  # from Leopard 2 to Leopard 2A6
    assert page.get_attribute("#item", "aria-activedescendant") == "item-options-1"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_selector('body[data-state="ready"]', timeout=20_000)
    # The maker's state becomes the origin, not the first state in the alphabet.
    assert page.input_value("#item") == "Leopard 2"
    assert page.input_value("#origin") == "Germany"
    page.wait_for_function(
        "() => document.querySelector('#question').textContent.startsWith("
        "'Where could Leopard 2 from Germany')", timeout=20_000)
    page.keyboard.press("Escape")


def test_search_for_a_system_starts_at_its_maker(page: Any, server: str) -> None:
    show(page, server, "Patriot", "Japan", "2024-04-01")
    search(page, "Leopard 2")
    page.wait_for_function(
        "() => document.querySelector('#question').textContent.startsWith("
        "'Where could Leopard 2 from Germany')", timeout=20_000)
    assert page.input_value("#origin") == "Germany"


# -- at SIPRI scale ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def sipri_server(sipri_folder: Path) -> Iterator[str]:
    """The built graph with the whole SIPRI register imported (the session's on-disk store,
    opened read-only, its saved derived data loaded; skipped when the register is absent)."""
    store = OxigraphStore(sipri_folder, read_only=True)
    try:
        with serve(store) as url:
            yield url
    finally:
        store.close()


def first_drawn(answer: dict[str, Any], n: int = 12) -> list[dict[str, Any]]:
    """The destinations a large answer draws first (``topDestinations`` in map.js): those
    not known to be there yet (could go next, possibly there) before those already there,
    each group in the answer's order; ``n`` at most."""
    dests = answer["destinations"]
    order = sorted(range(len(dests)), key=lambda i: (
        (dests[i].get("presence") or {}).get("status") == "already there", i))
    return [dests[i] for i in order[:n]]


#: Each hop as drawn: its ends as labelled, and the box its line ends in.
HOP_ENDS = """() => window.cy.nodes('.hop').map((n) => {
  const end = window.cy.getElementById(n.id() + ':out').target();
  return [n.data('from'), n.data('to'), end.data('label'), end.hasClass('again')];
})"""


def assert_a_tree_with_repeat_boxes(page: Any) -> None:
    """Every state has one box of its own, entered from one state only (the one it hangs
    from); the other hops into it end in repeat boxes (``.again``) labelled with it."""
    ends = page.evaluate(HOP_ENDS)
    assert all(to == label for _f, to, label, _again in ends), ends
    entered: dict[str, set[str]] = {}
    for frm, to, _label, again in ends:
        if not again:
            entered.setdefault(to, set()).add(frm)
    assert all(len(f) == 1 for f in entered.values()), entered
    assert any(again for *_rest, again in ends)
    own = page.evaluate("() => window.cy.nodes('.state').not('.again').map((n) => "
                        "n.data('label'))")
    assert len(own) == len(set(own))
    repeated = page.evaluate("() => window.cy.nodes('.state.again').map((n) => "
                             "[n.data('label'), window.cy.getElementById(n.data('state'))"
                             ".data('label')])")
    assert all(label == first for label, first in repeated) and set(
        label for label, _ in repeated) <= set(own)


@pytest.mark.slow
def test_sipri_scale_f16_from_the_us_is_readable(
    page: Any, sipri_server: str, test_output: Path
) -> None:
    url = sipri_server
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url.removeprefix(url)))
    page.goto(f"{url}/")
    page.wait_for_selector('body[data-state="ready"]', timeout=120_000)
    # Lands on the seed question, not on the system with the most register rows.
    assert (page.input_value("#item"), page.input_value("#origin")) == ("Patriot", "Japan")
    # The first paint asks for no list: /map/start (years, question, regions, one item)
    # and the answer; /map/meta (every system and origin) is never fetched.
    data = [a for a in asked if not a.startswith("/static/") and a not in ("/", "")]
    assert [a.split("?")[0] for a in data] == ["/map/start", "/destinations"], data
    start = httpx.get(f"{url}/map/start", timeout=120).content
    meta = httpx.get(f"{url}/map/meta", timeout=120)
    assert len(meta.json()["items"]) > 4000  # every system of the register is in the picker
    assert len(start) * 20 < len(meta.content)
    pick(page, "#item", "F-16")
    # The picker asked for what was typed; the origins of the item chosen.
    assert "/map/items?q=F-16&limit=40" in asked
    assert not any(a.startswith("/map/meta") for a in asked)
    pick(page, "#origin", "United States")
    page.fill("#as-of-date", "2024-04-01")
    page.dispatch_event("#as-of-date", "change")
    wait_ready(page, "2024-04-01")
    answer = answer_drawn(page)
    assert (answer["item"]["label"], answer["origin"]["label"], answer["as_of"]) == (
        "F-16", "United States", "2024-04-01")
    total = len(answer["destinations"])
    assert total > 12
    # Only 12 destinations are drawn: those not known to be there yet (Romania, Ukraine
    # …) before the 25 states F-16s were delivered to long ago, then the answer's order;
    # the note says so and offers all.
    top12 = first_drawn(answer)
    drawn = set(page.evaluate("() => window.cy.nodes('.state').map((n) => n.data('label'))"))
    first = {d["state"]["label"] for d in top12}
    passed = {h[end]["label"] for d in top12 for p in d["paths"]
              for h in p["hops"] for end in ("from", "to")}
    assert first <= drawn <= first | passed | {"United States"}
    pending = [d for d in answer["destinations"]
               if (d.get("presence") or {}).get("status") != "already there"]
    assert 0 < len(pending) < 12 and {d["state"]["label"] for d in pending} <= drawn
    assert (f"the {len(pending)} not known to be there yet, then the first {12 - len(pending)}"
            " already there (open first, then conditional, then blocked)") in page.inner_text(
        "#shown")
    assert page.locator("#show-all").inner_text() == f"Show all {total}"
    # Each destination by its best route (the answer's first path): the hops drawn are
    # exactly those, and the note counts the other routes, which "Draw every route" adds.
    best = {(h["from"]["label"], h["to"]["label"]) for d in top12
            for h in d["paths"][0]["hops"]}
    hops = {(h["from"], h["to"]) for h in page.evaluate(DRAWN_HOPS)}
    assert hops == best
    routes = sum(len(d["paths"]) for d in top12)
    assert f"each by its best route ({routes - 12} other routes in the table)" in \
        page.inner_text("#shown")
    assert page.locator("#all-routes").inner_text() == f"Draw every route ({routes})"
    # The destinations not drawn are counted in one box per region (arms:region of the
    # reference states), so every destination of the answer is on the canvas.
    regions = httpx.get(f"{url}/map/meta", timeout=120).json()["regions"]
    region_of = {d["state"]["label"]: regions.get(d["state"]["id"], "Other")
                 for d in answer["destinations"]}
    more = page.evaluate("() => window.cy.nodes('.more').map((n) => ({region: "
                         "n.data('region'), count: n.data('count'), "
                         "states: n.data('states').split('|')}))")
    hidden = {s for m in more for s in m["states"]}
    assert hidden == set(region_of) - drawn and len(hidden) == total - len(set(region_of) & drawn)
    assert all(len(m["states"]) == m["count"] and {region_of[s] for s in m["states"]}
               == {m["region"]} for m in more)
    assert len({m["region"] for m in more}) == len(more) > 1
    # Short, legible lines: none crosses another or runs through a box it does not join,
    # and the chains fan out to both sides of the origin by region: every state one hop out
    # and every region box under a heading of its region on its own side.
    geometry = page.evaluate(GEOMETRY)
    assert geometry["crossings"] == [] and geometry["hits"] == [], geometry
    origin_x = page.evaluate("() => window.cy.nodes('.state[origin = \"yes\"]').position('x')")
    placed = page.evaluate("""() => window.cy.nodes('.state[origin = "no"], .more').map((n) =>
      [n.hasClass('more') ? n.data('region') : n.data('label'), n.hasClass('more'),
       n.position('x')])""")
    heads = {(int(h.split(":")[1]), h.split(":", 2)[2]) for h in page.evaluate(
        "() => window.cy.nodes('.region-head').map((n) => n.id())")}
    one_hop = {d["paths"][0]["hops"][0]["to"]["label"]: regions.get(
        d["paths"][0]["hops"][0]["to"]["id"], "Other") for d in top12}
    assert {x > origin_x for _n, _m, x in placed} == {True, False}
    for name, is_box, x in placed:
        if is_box or name in one_hop:
            assert (1 if x > origin_x else -1, name if is_box else one_hop[name]) in heads
    assert {r for _s, r in heads} == set(one_hop.values()) | {m["region"] for m in more}
    # Labels legible at first paint: on screen the hop labels are at least 10 px, the
    # state and region boxes at least 12 px (zoom at least 0.8); the graph above the fold.
    zoom = page.evaluate("() => window.cy.zoom()")
    assert zoom >= 0.8
    smallest = page.evaluate("""(sel) => Math.min(...window.cy.nodes(sel).map((n) =>
      parseFloat(n.style('font-size')))) * window.cy.zoom()""", ".hop")
    boxes = page.evaluate("""(sel) => Math.min(...window.cy.nodes(sel).map((n) =>
      parseFloat(n.style('font-size')))) * window.cy.zoom()""", ".state, .more")
    assert smallest >= 10 and boxes >= 12
    top = page.evaluate("() => document.querySelector('#cy').getBoundingClientRect().top")
    assert top < 1000 * 0.5
    # The verdict groups are collapsed and count every destination.
    groups = page.locator("details.verdict-group")
    counts = {g.get_attribute("data-verdict"): g.locator("ul.summary > li").count()
              for g in groups.all()}
    assert sum(counts.values()) == total
    assert all(not g.evaluate("(d) => d.open") for g in groups.all())
    # ... and within each verdict by region, every state under its own region.
    listed = page.evaluate("""() => [...document.querySelectorAll('.region-group')].map((g) =>
      [g.dataset.region, [...g.querySelectorAll('li[data-state]')].map((li) =>
        li.dataset.state)])""")
    assert sorted(s for _r, states in listed for s in states) == sorted(region_of)
    assert all(region_of[s] == r for r, states in listed for s in states)
    # The question reads as a sentence ("from the United States"), and so does a consent.
    assert page.inner_text("#question") == (
        "Where could F-16 from the United States go, as of 1 April 2024?")
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.screenshot(path=str(test_output / "map-sipri-f16-usa-2024-04-01.png"))
    # Every route of the 12, and back.
    page.click("#all-routes")
    page.wait_for_selector("#best-routes", timeout=60_000)
    every = {(h["from"]["label"], h["to"]["label"]) for d in top12
             for p in d["paths"] for h in p["hops"]}
    assert {(h["from"], h["to"]) for h in page.evaluate(DRAWN_HOPS)} == every > best
    # The other routes into a state that hangs from another one (Netherlands → Jordan,
    # Jordan one hop from the US) end in a repeat box of that state under their own start:
    # the drawing stays a tree, no line crosses another (35 crossings without repeat
    # boxes) or runs through a box.
    geometry = page.evaluate(GEOMETRY)
    assert geometry["crossings"] == [] and geometry["hits"] == [], geometry
    assert_a_tree_with_repeat_boxes(page)
    consents = [h["text"] for h in page.evaluate(DRAWN_HOPS) if "needs" in h["text"]]
    assert consents and all("needs the United States' consent" in t for t in consents)
    page.screenshot(path=str(test_output / "map-sipri-f16-usa-every-route.png"))
    page.click("#best-routes")
    page.wait_for_selector("#all-routes", timeout=60_000)
    # A region's button (keyboard reachable) draws its destinations; its box goes.
    largest = max(more, key=lambda m: m["count"])
    button = page.locator(f'button.draw-region[data-region="{largest["region"]}"]')
    assert button.inner_text() == f'Draw {largest["region"]} ({largest["count"]})'
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(r) => window.cy && window.cy.nodes('.more').every((n) => n.data('region') !== r)",
        arg=largest["region"], timeout=60_000)
    now = set(page.evaluate("() => window.cy.nodes('.state').map((n) => n.data('label'))"))
    assert set(largest["states"]) <= now
    # Longer chains now (Netherlands → Norway …): still no crossing, no line through a box.
    geometry = page.evaluate(GEOMETRY)
    assert geometry["crossings"] == [] and geometry["hits"] == [], geometry
    page.screenshot(path=str(test_output / "map-sipri-f16-usa-region-drawn.png"))
    page.click("#show-all")
    page.wait_for_selector("#show-top", timeout=60_000)
    everything = set(page.evaluate(
        "() => window.cy.nodes('.state').map((n) => n.data('label'))"))
    assert {d["state"]["label"] for d in answer["destinations"]} <= everything
    # Search picks the maker's state as origin with the register too (Leopard 2s also
    # start in Canada, first A-Z): Germany.
    search(page, "Leopard 2")
    page.wait_for_function(
        "() => document.querySelector('#question').textContent.startsWith("
        "'Where could Leopard 2 from Germany')", timeout=60_000)
    assert page.input_value("#origin") == "Germany"


def test_a_hop_uncertain_as_of_the_date_is_dash_dot_with_its_legend(
    page: Any, test_output: Path
) -> None:
    """As of a date inside the year of a register row's first delivery the answer cannot
    say whether the items were there yet (``uncertain``): the map draws that hop dash-dot,
    says "maybe delivered by the date", and the legend explains the pattern; a year later
    the delivery is a fact and the line is solid."""
    from tests.utils.world import World

    w = World()
    a, b = w.state("AAA", "Avalon"), w.state("BBB", "Borduria")
    w.deal("ab", a, b, w.system("SAM"), order_year=1988, delivery_years=(1989, 1990),
           ordered=12, delivered=12, designation="SAM-1")
    with serve(w.store()) as url:
        show(page, url, "SAM", "Avalon", "1989-06-01")
        [h] = hops(page, "Avalon", "Borduria")
        dash = page.evaluate(
            "(id) => window.cy.getElementById(id + ':out').style('line-dash-pattern')", h["id"])
        assert (h["line"], [float(x) for x in re.split(r"[ ,]+", str(dash).strip())]) == (
            "dashed", [16, 5, 3, 5])
        assert "planned, 1988; maybe delivered by the date" in h["text"].replace("\n", " ")
        row = page.locator("tr.hop-row[data-from='Avalon'][data-to='Borduria']")
        assert row.get_attribute("data-line") == "uncertain"
        assert "maybe delivered by the date" in row.inner_text()
        legend = page.locator("#legend").inner_text()
        assert "uncertain as of the date (maybe delivered" in legend
        page.screenshot(path=str(test_output / "map-uncertain-1989-06-01.png"), full_page=True)

        page.fill("#as-of-date", "1990-06-01")
        page.dispatch_event("#as-of-date", "change")
        wait_ready(page, "1990-06-01")
        [h] = hops(page, "Avalon", "Borduria")
        assert h["line"] == "solid" and "maybe" not in h["text"]
        assert page.locator("tr.hop-row[data-from='Avalon']").get_attribute(
            "data-line") == "solid"
