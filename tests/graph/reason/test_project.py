"""The RDF → NetworkX projection: nodes, edges with their statements, G.graph, the cache."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from armsgraph import ids
from armsgraph.errors import UnknownEntity
from armsgraph.load.build import build
from armsgraph.load.ingest import Article, ingest, load_article
from armsgraph.namespace import ARMS
from armsgraph.reason import project as project_module
from armsgraph.reason import review
from armsgraph.reason.project import PROJECTION, item_family, project, resolve_item, resolve_state
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import OxigraphStore
from armsgraph.store.snapshot import forget, snapshot
from armsgraph.when import When
from tests.conftest import DATA_DIR, ONTOLOGY_DIR
from tests.utils.world import World

STATEMENT_EXISTS = "ASK { ?s a ?cls }"


def toy() -> tuple[World, dict[str, URIRef]]:
    w = World()
    n = {
        "A": w.state("AAA", "Aland"), "B": w.state("BBB", "Borduria"),
        "C": w.state("CCC", "Carpania"), "R": w.state("RRR", "Ruritania"),
    }
    n["sam"] = w.system("SAM", origin=n["B"])
    n["sam2"] = w.system("SAM 2", part_of=n["sam"])
    maker = w.company("Aland Works", n["A"])
    licensor = w.company("Borduria Dynamics", n["B"])
    n["lic"] = w.fact(ARMS.ProductionLicence, "lic", licensor=licensor, licensee=maker,
                      item=n["sam2"], date="2010-01-01")
    n["t"] = w.fact(ARMS.Transfer, "t", supplier=n["A"], recipient=n["B"], item=n["sam2"],
                    modality=ARMS.Planned, date="2023-12-20", confidence=0.85)
    n["h"] = w.fact(ARMS.Transfer, "h", supplier=n["B"], recipient=n["C"], item=n["sam"],
                    modality=ARMS.Hypothetical, date="2024-03-01")
    n["c"] = w.fact(ARMS.ReExportConsent, "c", holder=n["B"], destination=n["C"],
                    item=n["sam"], consent_holder=n["A"],
                    consent_status=ARMS.ConsentRequired, date="2024-03-01")
    n["bf"] = w.fact(ARMS.Backfill, "bf", supplier=n["A"], recipient=n["B"],
                     beneficiary=n["C"], item=n["sam"], date="2024-03-01")
    n["th"] = w.fact(ARMS.Threat, "th", actor=n["R"], target=n["A"], condition=n["h"],
                     modality=ARMS.Threatened, date="2024-03-22")
    n["rq"] = w.fact(ARMS.Request, "rq", requester=n["B"], addressee=n["A"],
                     destination=n["C"], item=n["sam"], date="2024-03-05")
    rule = w.rule(ARMS.Prohibition, "war", kind=ARMS.ReExport, dest=ARMS.PartyToArmedConflict,
                  in_principle=True)
    n["v"] = w.version("aland", n["A"], "2023-12-22", rules=[rule])
    n["war"] = w.interval(ARMS.ConflictParticipation, "war", n["C"], None, "2022-02-24")
    n["emb"] = w.interval(ARMS.Embargo, "emb", n["B"], n["R"], "2000-01-01", "2010")
    return w, n


@pytest.fixture()
def world() -> tuple[OxigraphStore, dict[str, URIRef]]:
    w, n = toy()
    return w.store(), n


class TestProject:
    def test_nodes_are_states_and_organisations_with_label_and_type(self, world) -> None:
        G = project(world[0])
        assert G.nodes[str(world[1]["A"])]["label"] == "Aland"
        assert G.nodes[str(world[1]["A"])]["type"] == "state"
        assert G.nodes[str(ids.org("Aland Works"))]["type"] == "organisation"

    def test_edge_kinds_and_endpoints(self, world) -> None:
        store, n = world
        G = project(store)
        got = {(d["kind"], G.nodes[u]["label"], G.nodes[v]["label"])
               for u, v, d in G.edges(data=True)}
        assert got == {
            ("transfer", "Aland", "Borduria"), ("transfer", "Borduria", "Carpania"),
            ("licence", "Borduria", "Aland"),  # companies resolved to their states
            ("consent", "Borduria", "Carpania"), ("backfill", "Borduria", "Carpania"),
            ("threat", "Ruritania", "Aland"), ("request", "Borduria", "Carpania"),
        }

    def test_every_edge_has_a_statement_that_is_in_the_store(self, world) -> None:
        store, _ = world
        G = project(store)
        assert G.number_of_edges() == 7
        for _, _, key, d in G.edges(keys=True, data=True):
            assert d["statement"] == key
            assert store.ask(STATEMENT_EXISTS, {"s": URIRef(key), "cls": ARMS.Statement}) or \
                store.ask("ASK { ?s ?p ?o }", {"s": URIRef(key)})
            for attr in ("item", "modality", "date", "source", "sentence"):
                assert attr in d

    def test_edge_attributes(self, world) -> None:
        store, n = world
        G = project(store)
        d = G.edges[str(n["A"]), str(n["B"]), str(n["t"])]
        assert (d["item"], d["modality"], d["date"], d["confidence"]) == (
            str(n["sam2"]), str(ARMS.Planned), When.parse("2023-12-20"), 0.85)
        assert d["source"] == str(ids.source("toy")) and d["source_title"] == "Toy news"
        c = G.edges[str(n["B"]), str(n["C"]), str(n["c"])]
        assert (c["consent_holder"], c["consent_status"]) == (
            str(n["A"]), str(ARMS.ConsentRequired))
        t = G.edges[str(n["R"]), str(n["A"]), str(n["th"])]
        assert t["condition"] == str(n["h"])

    def test_graph_holds_policies_conflicts_embargoes(self, world) -> None:
        store, n = world
        G = project(store)
        [v] = G.graph["policies"]
        assert (v.id, v.assigner, v.valid_from, v.valid_to) == (
            str(n["v"]), str(n["A"]), When.parse("2023-12-22"), None)
        [r] = v.rules
        assert r.effect == "prohibition" and r.in_principle
        assert r.destination_scopes == frozenset({str(ARMS.PartyToArmedConflict)})
        [war] = G.graph["conflicts"]
        assert (war.subject, war.valid_from) == (str(n["C"]), When.parse("2022-02-24"))
        [emb] = G.graph["embargoes"]
        assert (emb.subject, emb.object, emb.valid_to) == (
            str(n["B"]), str(n["R"]), When.parse("2010"))
        # validTo "2010" is a year: it ends within 2010, not on a pretend day.
        assert (emb.valid_to.precision, emb.valid_to.latest.isoformat()) == ("year", "2010-12-31")

    def test_family_includes_part_of_members(self, world) -> None:
        store, n = world
        G = project(store)
        assert item_family(G, str(n["sam"])) == {str(n["sam"]), str(n["sam2"])}
        assert item_family(G, str(n["sam2"])) == {str(n["sam2"])}


class TestResolve:
    @pytest.mark.parametrize("value", ["Aland", "aland", "AAA", ids.state("AAA")])
    def test_state_by_name_code_or_iri(self, world, value: str) -> None:
        assert resolve_state(project(world[0]), str(value)) == str(world[1]["A"])

    def test_unknown_state_names_the_value(self, world) -> None:
        with pytest.raises(UnknownEntity, match="Atlantis"):
            resolve_state(project(world[0]), "Atlantis")

    def test_item_by_name_and_unknown(self, world) -> None:
        G = project(world[0])
        assert resolve_item(G, "sam 2") == str(world[1]["sam2"])
        with pytest.raises(UnknownEntity, match="Excalibur"):
            resolve_item(G, "Excalibur")


class TestCache:
    def test_cached_until_the_store_changes(self, world) -> None:
        store, n = world
        G = project(store)
        assert project(store) is G
        g = Graph()
        f = ids.fact("new")
        g.add((f, RDF.type, ARMS.Transfer))
        g.add((f, ARMS.supplier, n["C"]))
        g.add((f, ARMS.recipient, n["R"]))
        g.add((f, ARMS.item, n["sam"]))
        g.add((f, ARMS.date, Literal("2024-05-01")))
        store.put_graph(URIRef("https://example.org/extra"), g)
        G2 = project(store)
        assert G2 is not G
        assert G2.has_edge(str(n["C"]), str(n["R"]), str(f))
        assert not G.has_edge(str(n["C"]), str(n["R"]), str(f))
        store.drop_graph(URIRef("https://example.org/extra"))
        assert not project(store).has_edge(str(n["C"]), str(n["R"]), str(f))

    def test_concurrent_callers_share_one_projection(self, world) -> None:
        store, _ = world
        forget(store)
        with ThreadPoolExecutor(max_workers=8) as pool:
            graphs = list(pool.map(lambda _: project(store), range(16)))
        assert all(g is graphs[0] for g in graphs)
        assert isinstance(graphs[0], nx.MultiDiGraph)

    def test_separate_stores_have_separate_projections(self) -> None:
        a, b = toy()[0].store(), OxigraphStore()
        assert project(a).number_of_edges() == 7
        assert project(b).number_of_edges() == 0


class TestBuiltGraph:
    def test_every_edge_statement_exists_in_the_store(self, built_store) -> None:
        G = project(built_store)
        assert G.number_of_edges() > 0
        for _, _, key in G.edges(keys=True):
            assert built_store.ask("ASK { ?s a ?c }", {"s": URIRef(key)}), key


# -- incremental refresh after ingest ------------------------------------------------------

GOLD = sorted((PROJECT_ROOT / "tests" / "gold").glob("*.txt"))


def _built() -> OxigraphStore:
    store = OxigraphStore()
    build(store, ONTOLOGY_DIR, DATA_DIR)
    return store


def _content(G: nx.MultiDiGraph) -> tuple[object, ...]:
    """Nodes and edges (keyed by statement IRI) with their data, and ``G.graph`` but its
    generation."""
    nodes = sorted((n, sorted(d.items())) for n, d in G.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items(), key=lambda kv: kv[0]))
                   for u, v, k, d in G.edges(keys=True, data=True))
    graph = {k: v for k, v in G.graph.items() if k != "generation"}
    for name in ("consents", "threats", "licences"):
        graph[name] = sorted(map(repr, graph[name]))
    graph["item_index"] = {k: sorted(v) for k, v in graph["item_index"].items()}
    return nodes, edges, graph


def _full(store: OxigraphStore) -> nx.MultiDiGraph:
    return project_module._build(project_module._read(store))


class TestIncremental:
    def test_after_ingests_the_projection_is_refreshed_and_equals_a_full_build(self) -> None:
        store = _built()
        G0 = project(store)
        old = _content(G0)
        rows0 = snapshot(store).get(PROJECTION).rows()
        for path in GOLD[:2]:
            assert ingest(store, load_article(path)).added
        ingest(store, Article("people", "Ola Nordmann, who was appointed Norway's ambassador "
                              "to Finland last year, threatened Russia with retaliation.",
                              {"published": "2024-03-23"}))
        G1 = project(store)
        assert G1 is not G0 and G1.number_of_edges() > G0.number_of_edges()
        assert _content(G1) == _content(_full(store))
        assert str(ids.person("Ola Nordmann")) in G1
        # Refreshed, not read again: answers no article can change are the same objects.
        rows1 = snapshot(store).get(PROJECTION).rows()
        assert rows1["contradicts"] is rows0["contradicts"]
        for name in ("actors", "edges", "meta"):
            before = {id(r) for r in rows0[name]}
            assert sum(id(r) in before for r in rows1[name]) > len(before) // 2, name
        # The projection a caller already held did not change.
        assert _content(G0) == old

    def test_after_put_graph_everything_is_read_again(self) -> None:
        store = _built()
        project(store)
        rows0 = snapshot(store).get(PROJECTION).rows()
        ingest(store, load_article(GOLD[0]))
        store.put_graph(ids.reference_graph("test"), [
            (ids.state("NOR"), ARMS.capital, Literal("Oslo"))])
        G1 = project(store)
        rows1 = snapshot(store).get(PROJECTION).rows()
        assert rows1["policies"] is not rows0["policies"]
        assert _content(G1) == _content(_full(store))

    def test_a_new_decision_moves_its_version_and_nothing_else_is_read(self) -> None:
        store = _built()
        version = ids.ID["policy/test-undated"]
        store.put_graph(ids.reference_graph("test"), [
            (version, RDF.type, ARMS.PolicyVersion), (version, ARMS.assigner, ids.state("NOR"))])
        project(store)
        rows0 = snapshot(store).get(PROJECTION).rows()
        decision = ids.fact("decision-test")
        store.add_graph(ids.source_graph("decision-test"), [
            (decision, RDF.type, ARMS.PolicyDecision),
            (decision, ARMS.policyVersion, URIRef(version)),
            (decision, ARMS.date, Literal("1990-01-01"))])
        G1 = project(store)
        rows1 = snapshot(store).get(PROJECTION).rows()
        assert rows1["contradicts"] is rows0["contradicts"]
        assert rows1["policies"] is not rows0["policies"]
        assert _content(G1) == _content(_full(store))
        moved = next(p for p in G1.graph["policies"] if p.id == str(version))
        assert moved.valid_from == When.parse("1990-01-01")

    def test_a_source_graph_with_a_contradiction_is_read_in_full(self) -> None:
        store = _built()
        G0 = project(store)
        rows0 = snapshot(store).get(PROJECTION).rows()
        a, b = sorted({k for _, _, k in G0.edges(keys=True)})[:2]
        store.add_graph(ids.source_graph("contradiction-test"), [
            (URIRef(a), ARMS.contradicts, URIRef(b))])
        G1 = project(store)
        rows1 = snapshot(store).get(PROJECTION).rows()
        assert rows1["policies"] is not rows0["policies"]
        assert _content(G1) == _content(_full(store))

    def test_readers_during_ingests_see_whole_projections(self) -> None:
        store = _built()
        sizes = {project(store).number_of_edges()}
        stop = threading.Event()
        seen: set[int] = set()
        torn: list[str] = []

        def read() -> None:
            while not stop.is_set():
                # readers pause between reads: three threads spinning on the GIL would
                # starve the writer (and this test) on a 2-core machine
                time.sleep(0.01)
                G = project(store)
                seen.add(G.number_of_edges())
                indexed = sum(len(v) for v in G.graph["item_index"].values())
                if indexed != sum(len(d["items"]) for _, _, d in G.edges(data=True)):
                    torn.append(f"{indexed} item entries for {G.number_of_edges()} edges")

        readers = [threading.Thread(target=read) for _ in range(3)]
        for t in readers:
            t.start()
        for path in GOLD[:3]:
            ingest(store, load_article(path))
            sizes.add(_full(store).number_of_edges())
        stop.set()
        for t in readers:
            t.join()
        assert torn == []
        assert seen <= sizes, seen - sizes
        assert _content(project(store)) == _content(_full(store))


class TestSaved:
    def test_a_cold_open_loads_the_saved_projection_and_refreshes_it_after_ingest(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        path = tmp_path / "store"
        store = OxigraphStore(path)
        build(store, ONTOLOGY_DIR, DATA_DIR)
        built = _content(project(store))
        store.close()
        forget()
        saved = list((tmp_path / "store.snapshot").iterdir())
        assert [p.name.split("-")[0] for p in saved] == ["projection"]
        assert sorted(f.name for f in saved[0].iterdir()) == ["graph.pickle", "rows.pickle"]

        again = OxigraphStore(path)
        real_read = project_module._read

        def no_read(store: OxigraphStore) -> object:
            raise AssertionError("the store was read again")

        monkeypatch.setattr(project_module, "_read", no_read)
        G = project(again)
        assert _content(G) == built
        # After an ingest the saved answers are refreshed, not read again.
        assert ingest(again, load_article(GOLD[0])).added
        G1 = project(again)
        monkeypatch.setattr(project_module, "_read", real_read)
        assert G1.number_of_edges() > G.number_of_edges()
        assert _content(G1) == _content(_full(again))
        again.close()

    def test_the_raw_projection_of_a_loaded_one_comes_from_the_saved_answers(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "store"
        store = OxigraphStore(path)
        build(store, ONTOLOGY_DIR, DATA_DIR)
        fact = next(k for _, _, k, d in project(store).edges(keys=True, data=True)
                    if d["kind"] == "transfer")
        review.reject(store, fact, reviewer="Ann", reason="wrong")
        reviewed, raw = project(store), project(store, reviewed=False)
        assert not any(k == fact for _, _, k in reviewed.edges(keys=True))
        assert any(k == fact for _, _, k in raw.edges(keys=True))
        expected = (_content(reviewed), _content(raw))
        store.close()
        forget()
        again = OxigraphStore(path)
        assert (_content(project(again)), _content(project(again, reviewed=False))) == expected
        again.close()


def test_equal_values_of_the_register_are_one_object() -> None:
    # Pickle writes a shared object once: the saved projection of the register is about
    # half the size and loads in about half the time (graph/reason/project.py).
    from armsgraph.load.sipri import import_register  # noqa: PLC0415
    from tests.graph.load.test_sipri import FIXTURE, reference_store  # noqa: PLC0415

    st = reference_store()
    import_register(st, FIXTURE)
    G = project(st)
    rows = [d for _, _, d in G.edges(data=True) if d.get("deal") is not None]
    assert len(rows) > 10
    assert len({id(d["source"]) for d in rows}) == 1
    assert len({id(d["modality"]) for d in rows if d["modality"] == rows[0]["modality"]}) == 1
    by_date: dict[When, set[int]] = {}
    for d in rows:
        by_date.setdefault(d["known_by"], set()).add(id(d["known_by"]))
    assert len(by_date) < len(rows) and all(len(ids_) == 1 for ids_ in by_date.values())
    statuses = [d["deal"].status for d in rows if d["deal"].status == rows[0]["deal"].status]
    assert len(statuses) > 1 and len({id(s) for s in statuses}) == 1
    index = G.graph["item_index"]
    for hops in index.values():
        for u, v, s in hops:
            assert G.edges[u, v, s]["statement"] is s  # the index and the edge share it


def test_a_rejected_policy_decision_takes_its_rule_out_of_the_projection() -> None:
    """The rule an ingested Policy states (``prov:wasDerivedFrom`` the decision) is dropped
    from the reviewed projection when an analyst rejects the decision, and stays in the raw
    one; the hop it blocked opens again. The article is written for this test."""
    from armsgraph.reason.paths import destinations  # noqa: PLC0415

    w = World()
    nor, pol = w.state("NOR", "Norway"), w.state("POL", "Poland")
    w.system("NASAMS", origin=nor)
    w.g.add((nor, ARMS.demonym, Literal("Norwegian", lang="en")))
    w.interval(ARMS.ConflictParticipation, "pol-at-war", pol, None, "2024-01-01")
    store = w.store()
    ingest(store, Article("plan", "Norway plans to send NASAMS to Poland next year.",
                          {"published": "2024-05-20"}))
    result = ingest(store, Article("rule", "On Monday the Norwegian government decided that "
                                           "Norway will not export weapons to countries at war.",
                                   {"published": "2024-06-03"}))
    [policy] = [f for f in result.extraction.facts if f.type == "Policy"]

    def rule_statements(G: nx.MultiDiGraph) -> set[str]:
        return {r.statement for v in G.graph["policies"] for r in v.rules}

    def verdict() -> str:
        answer = destinations(store, "NASAMS", "Norway", as_of="2024-07-01")
        return next(d["verdict"] for d in answer["destinations"] if d["state"]["id"] == str(pol))

    assert policy.id in rule_statements(project(store))
    assert verdict() == "blocked"
    review.reject(store, policy.id, reviewer="Ann Analyst", reason="a misread quote")
    assert policy.id not in rule_statements(project(store))
    assert policy.id in rule_statements(project(store, reviewed=False))
    assert verdict() == "open"
