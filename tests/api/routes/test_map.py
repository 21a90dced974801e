"""api/routes/map.py and api/routes/images.py: the map page, its assets, /map/meta, and the
chains as SVG/PNG images, on the graph that ``armsgraph build`` makes (``client`` comes
from tests/api/conftest.py)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph
from typer.testing import CliRunner

from armsgraph import ids
from armsgraph.cli import app as cli
from armsgraph.namespace import ARMS
from armsgraph.render.draw import VERDICT_STYLES
from armsgraph.store import OxigraphStore
from armsgraph_api.main import create_app
from armsgraph_api.routes.map import STATIC_DIR
from tests.api.conftest import make_settings
from tests.conftest import DATA_DIR

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' not installed")

SVG = "{http://www.w3.org/2000/svg}"
PATRIOT = "item=Patriot&origin=Japan&as_of=2024-04-01"
JPN, USA, UKR = str(ids.state("JPN")), str(ids.state("USA")), str(ids.state("UKR"))


@pytest.mark.parametrize("path", [pytest.param("/", id="landing"), pytest.param("/map", id="map")])
def test_get_map_serves_the_page(client: TestClient, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/html")
    html = res.text
    assert 'id="cy"' in html and 'id="paths-table"' in html and 'id="evidence"' in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["static/vendor/cytoscape.min.js", "static/map.js"]
    assert "//" not in "".join(re.findall(r'(?:src|href)="([^"]+)"', html))  # no CDN


@pytest.mark.parametrize(
    "asset",
    ["map.js", "map.css", "vendor/cytoscape.min.js"],
)
def test_get_static_asset(client: TestClient, asset: str) -> None:
    res = client.get(f"/static/{asset}")
    assert res.status_code == 200
    assert res.content == (STATIC_DIR / asset).read_bytes()


def test_vendored_libraries_carry_their_licences() -> None:
    vendor = STATIC_DIR / "vendor"
    versions = (vendor / "VERSIONS.txt").read_text()
    licence = (vendor / "LICENSE.cytoscape").read_text()
    assert "Permission is hereby granted, free of charge" in licence
    assert "cytoscape 3.34.4" in versions
    # Only what the page loads is vendored (the layout is the page's own).
    assert sorted(p.name for p in vendor.iterdir()) == [
        "LICENSE.cytoscape", "VERSIONS.txt", "cytoscape.min.js"]


def test_get_static_missing_file_is_404(client: TestClient) -> None:
    assert client.get("/static/nope.js").status_code == 404


def test_get_map_meta_lists_patriot_from_japan(client: TestClient) -> None:
    meta = client.get("/map/meta").json()
    items = {i["label"]: i for i in meta["items"]}
    assert JPN in items["Patriot"]["origins"]  # the lot MHI makes in Japan
    origins = {o["id"]: o["label"] for o in meta["origins"]}
    assert origins[JPN] == "Japan"
    # the 2014 principles and the PAC-3 delivery of November 2025 lie inside the slider
    assert meta["first_year"] <= 2014 and meta["last_year"] >= 2025
    default = meta["default"]
    assert default["item"] in items and default["origin"] in origins.values()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", default["as_of"])
    # The seed question: the pair the articles' sentences speak about most.
    assert (default["item"], default["origin"]) == ("Patriot", "Japan")


def test_get_map_start_is_the_first_question_without_the_lists(client: TestClient) -> None:
    meta = client.get("/map/meta").json()
    start = client.get("/map/start").json()
    assert set(start) == {"first_year", "last_year", "default", "regions", "item", "origins"}
    for key in ("first_year", "last_year", "default", "regions"):
        assert start[key] == meta[key]
    patriot = next(i for i in meta["items"] if i["label"] == "Patriot")
    assert start["item"] == patriot
    assert start["origins"] == [o for o in meta["origins"] if o["id"] in patriot["origins"]]
    assert "Japan" in [o["label"] for o in start["origins"]]
    # An item asked for by label (any case) or IRI; its maker is among its origins.
    leopard = client.get("/map/start", params={"item": "leopard 2"}).json()["item"]
    assert leopard["label"] == "Leopard 2" and leopard["maker"] == str(ids.state("DEU"))
    assert client.get("/map/start", params={"item": leopard["id"]}).json()["item"] == leopard


def test_get_map_start_of_an_unknown_item_is_a_404_problem(client: TestClient) -> None:
    r = client.get("/map/start", params={"item": "Death Star"})
    assert r.status_code == 404
    assert r.json()["detail"].startswith("no weapons system 'Death Star' on the map")


def test_get_map_items_ranks_as_the_picker_does(client: TestClient) -> None:
    labels = [i["label"] for i in client.get("/map/meta").json()["items"]]
    got = client.get("/map/items", params={"q": "pat", "limit": 200}).json()
    # prefix matches first, then a word starting with it, then inside; A-Z in each
    fold = [label.casefold() for label in labels]
    expected = (sorted((x for x in labels if x.casefold().startswith("pat")), key=str.casefold)
                + sorted((x for x, f in zip(labels, fold, strict=True)
                          if not f.startswith("pat") and (" pat" in f or "-pat" in f)),
                         key=str.casefold)
                + sorted((x for x, f in zip(labels, fold, strict=True)
                          if "pat" in f and not f.startswith("pat") and " pat" not in f
                          and "-pat" not in f), key=str.casefold))
    assert [i["label"] for i in got["items"]] == expected and got["total"] == len(expected)
    assert expected[0] == "Patriot"
    one = client.get("/map/items", params={"q": "", "limit": 1}).json()
    assert one["total"] == len(labels) and len(one["items"]) == 1
    assert client.get("/map/items", params={"limit": 0}).status_code == 422


def test_get_map_origins_of_an_item(client: TestClient) -> None:
    meta = client.get("/map/meta").json()
    leopard = next(i for i in meta["items"] if i["label"] == "Leopard 2")
    got = client.get("/map/origins", params={"item": "Leopard 2"}).json()
    assert [o["id"] for o in got] == [o["id"] for o in meta["origins"]
                                      if o["id"] in leopard["origins"]]
    assert str(ids.state("DEU")) in [o["id"] for o in got]
    assert client.get("/map/origins").json() == meta["origins"]
    assert client.get("/map/origins", params={"item": "nope"}).status_code == 404


def test_get_map_meta_gives_each_states_region_from_the_reference_data(
    client: TestClient,
) -> None:
    states = Graph().parse(DATA_DIR / "reference" / "states.ttl")
    expected = {str(s): str(r) for s, r in states.subject_objects(ARMS.region)}
    regions = client.get("/map/meta").json()["regions"]
    assert regions == expected and len(expected) > 250
    assert (regions[JPN], regions[USA], regions[UKR]) == ("Asia", "Americas", "Europe")
    assert regions[str(ids.state("SAU"))] == regions[str(ids.state("EGY"))] == "Middle East"


def test_get_map_meta_names_each_items_maker(client: TestClient) -> None:
    items = {i["label"]: i for i in client.get("/map/meta").json()["items"]}
    # Leopard 2 is made in Germany (its arms:originState), not the first state A-Z.
    assert items["Leopard 2"]["maker"] == "https://w3id.org/armsgraph/id/state/DEU"
    assert items["Patriot"]["maker"] == "https://w3id.org/armsgraph/id/state/USA"
    assert all(i["maker"] is None or i["maker"] in i["origins"] for i in items.values())


@pytest.mark.slow
def test_at_sipri_scale_an_item_starts_at_its_maker(sipri_folder: Path) -> None:
    """With the register, Leopard 2s start in several states (second-hand sales listed A-Z,
    Canada first); the map starts them in their maker's, Germany (``arms:originState``)."""
    store = OxigraphStore(sipri_folder, read_only=True)
    try:
        with TestClient(create_app(make_settings(), store)) as c:
            for item, maker in (("Leopard 2", "DEU"), ("F-16", "USA"), ("Patriot", "USA")):
                start = c.get("/map/start", params={"item": item}).json()
                origins = [o["id"] for o in start["origins"]]
                assert start["item"]["maker"] == str(ids.state(maker)), item
                assert len(origins) > 1 and origins[0] != start["item"]["maker"], item
                assert start["item"]["maker"] in origins
    finally:
        store.close()


def test_get_map_meta_lists_systems_by_their_catalog_labels(client: TestClient) -> None:
    # The picker shows rdfs:label from data/reference/systems.ttl, never an IRI's last
    # segment ("f-16", "gepard-35mm-ammunition"), which is what a system without any label
    # in the store falls back to.
    items = {i["id"]: i["label"] for i in client.get("/map/meta").json()["items"]}
    assert items[str(ids.system("F-16"))] == "F-16"
    assert items[str(ids.system("Gepard 35mm ammunition"))] == "35 mm Gepard ammunition"
    assert not [(iri, label) for iri, label in items.items()
                if label == iri.rsplit("/", 1)[-1] and "-" in label]


def test_every_system_of_the_curated_cases_has_a_catalog_label(project_root: Path) -> None:
    # The curated cases name systems without describing them: their labels (what the map's
    # picker shows) must come from the reference catalog.
    from rdflib import Graph
    from rdflib.namespace import RDFS

    from armsgraph.namespace import ARMS

    catalog = Graph().parse(project_root / "data" / "reference" / "systems.ttl")
    named = set()
    for case in sorted((project_root / "ontology" / "examples").glob("*.ttl")):
        g = Graph().parse(case)
        named |= {o for p in (ARMS.item, ARMS.ofSystem) for o in g.objects(None, p)}
        named -= {s for s in g.subjects(RDFS.label, None)}  # described in the case itself
    assert {str(ids.system("F-16")), str(ids.system("Gepard 35mm ammunition"))} <= {
        str(s) for s in named}
    assert sorted(str(s) for s in named if catalog.value(s, RDFS.label) is None) == []


def test_get_map_meta_of_an_empty_graph_says_build_first() -> None:
    with TestClient(create_app(make_settings(), OxigraphStore())) as empty:
        r = empty.get("/map/meta")
        page = empty.get("/map")
    assert r.status_code == 409
    assert r.json()["detail"] == "the graph is empty: run `armsgraph build`"
    assert page.status_code == 200  # the page itself loads, and shows the problem


@needs_dot
class TestImages:
    def test_get_destinations_svg_draws_the_chains(self, client: TestClient) -> None:
        res = client.get(f"/destinations.svg?{PATRIOT}")
        assert res.status_code == 200
        assert res.headers["content-type"] == "image/svg+xml"
        assert res.headers["etag"]
        root = ET.fromstring(res.content)
        text = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        for words in ("Japan", "United States", "Ukraine", "needs Japan's consent",
                      "Where could Patriot from Japan go, as of 1 Apr 2024?"):
            assert words in text
        strokes = set()
        for g in root.iter(f"{SVG}g"):
            if g.get("class") == "edge" and g.findtext(f"{SVG}title") == f"{USA}->{UKR}":
                line = g.find(f"{SVG}path")
                assert line is not None
                strokes.add((line.get("stroke"), line.get("stroke-dasharray")))
        # US -> Ukraine as a re-export is blocked (Ukraine is at war) and hypothetical:
        # vermillion and dashed
        assert (VERDICT_STYLES["blocked"].colour.lower(), "5,2") in strokes

    def test_get_destinations_png_is_a_png(self, client: TestClient) -> None:
        res = client.get(f"/destinations.png?{PATRIOT}")
        assert res.status_code == 200
        assert res.headers["content-type"] == "image/png"
        assert res.content[:8] == b"\x89PNG\r\n\x1a\n"

    def test_get_destinations_svg_unknown_item_is_404(self, client: TestClient) -> None:
        res = client.get("/destinations.svg?item=Atlantis-9&origin=Japan")
        assert res.status_code == 404
        assert res.headers["content-type"] == "application/problem+json"
        assert "Atlantis-9" in res.json()["detail"]

    def test_get_destinations_png_bad_date_is_422(self, client: TestClient) -> None:
        res = client.get("/destinations.png?item=Patriot&origin=Japan&as_of=2024-13-45")
        assert res.status_code == 422
        assert "as_of" in res.text


def test_get_destinations_png_without_graphviz_is_503(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # No 'dot' on the PATH: armsgraph.render.draw raises RenderError, a problem (503), never a 500.
    monkeypatch.setenv("PATH", str(tmp_path))
    res = client.get("/destinations.png?item=Patriot&origin=Japan&as_of=2019-02-03")
    assert res.status_code == 503
    assert res.headers["content-type"] == "application/problem+json"
    assert res.headers["retry-after"]
    body = res.json()
    assert body["type"].endswith("/render-unavailable")
    assert "Graphviz 'dot' is not installed" in body["detail"]


@needs_dot
def test_draw_command_writes_svg_and_png(built_store: OxigraphStore, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    disk = OxigraphStore(folder)
    disk.load(built_store.dump("nquads"), "nquads")
    disk.close()
    runner = CliRunner()
    for name in ("chains.svg", "chains.png"):
        out = tmp_path / name
        res = runner.invoke(cli, ["draw", "--item", "Patriot", "--origin", "Japan",
                                  "--as-of", "2024-04-01", "-o", str(out), "--store", str(folder)])
        assert res.exit_code == 0, res.output
        data = out.read_bytes()
        if name.endswith(".svg"):
            assert b"United States" in data and b"Ukraine" in data
        else:
            assert data[:8] == b"\x89PNG\r\n\x1a\n"
    res = runner.invoke(cli, ["draw", "--item", "Patriot", "--origin", "Japan",
                              "-o", str(tmp_path / "chains.gif"), "--store", str(folder)])
    assert res.exit_code == 2
    assert "chains.gif" in res.output


def test_map_meta_is_saved_beside_the_store_and_loaded_cold(tmp_path: Path) -> None:
    """A cold process reads the pickers from ``<store>.snapshot/map-meta-…`` (no
    projection needed); the day sets only the years and the default's date."""
    import datetime as dt

    from armsgraph.load.build import build
    from armsgraph.store.snapshot import forget, saved_folder, snapshot
    from armsgraph_api.routes.map import MAP_META, meta
    from tests.conftest import ONTOLOGY_DIR

    store = OxigraphStore(tmp_path / "store")
    build(store, ONTOLOGY_DIR, DATA_DIR, articles=False)
    built = meta(store, dt.date(2024, 4, 1))
    folder = saved_folder(store)
    assert folder is not None and len(list(folder.glob("map-meta-*"))) == 1
    forget(store)
    loaded = meta(store, dt.date(2024, 4, 1))
    assert snapshot(store).has(MAP_META)
    assert loaded == built and loaded.items and loaded.default is not None
    later = meta(store, dt.date(2031, 6, 1))
    assert later.last_year == 2031 and later.first_year == built.first_year
    assert later.default is not None and built.default is not None
    assert later.default.item == built.default.item
    assert (built.default.as_of, later.default.as_of) == ("2024-04-01", "2031-06-01")
    store.close()
