"""Consent-aware re-export paths: verdicts, consent, risks, backfill, what-if, bounds, and
the design-card cases on the built graph."""

from __future__ import annotations

import gc
import time
from typing import Any

import networkx as nx
import pytest
from rdflib import Literal, URIRef
from rdflib import namespace as ns

from armsgraph import ids
from armsgraph.errors import InputError, UnknownEntity
from armsgraph.namespace import ARMS
from armsgraph.reason.paths import destinations, paths
from armsgraph.reason.project import project
from armsgraph.store import OxigraphStore
from armsgraph.store.snapshot import forget
from tests.utils.world import World

HYPOTHETICAL = "If Borduria passed these missiles to Carpania, it would need Aland's nod."


def licence_world() -> tuple[World, dict[str, URIRef]]:
    """Aland makes SAM-2 under Borduria's licence and sells to Borduria; Carpania is at war.

    Aland's 2014 version lets only parts go to the licensor; its 2023 version lets finished
    licence-built products go there, makes re-export subject to its consent, and forbids
    re-export to parties to an armed conflict in principle.
    """
    w = World()
    n = {c: w.state(code, name) for c, code, name in [
        ("A", "AAA", "Aland"), ("B", "BBB", "Borduria"), ("C", "CCC", "Carpania"),
        ("D", "DDD", "Dalmia"), ("R", "RRR", "Ruritania")]}
    n["sam"] = w.system("SAM", origin=n["B"])
    n["sam2"] = w.system("SAM 2", part_of=n["sam"])
    w.fact(ARMS.ProductionLicence, "lic", licensor=w.company("Borduria Dynamics", n["B"]),
           licensee=w.company("Aland Works", n["A"]), item=n["sam2"], date="2010-01-01")
    n["t"] = w.fact(ARMS.Transfer, "t", supplier=n["A"], recipient=n["B"], item=n["sam2"],
                    modality=ARMS.Planned, date="2023-12-20", confidence=0.85)
    n["h"] = w.fact(ARMS.Transfer, "h", supplier=n["B"], recipient=n["C"], item=n["sam"],
                    modality=ARMS.Hypothetical, date="2024-03-01", sentence=HYPOTHETICAL)
    n["c"] = w.fact(ARMS.ReExportConsent, "c", holder=n["B"], destination=n["C"],
                    item=n["sam"], consent_holder=n["A"], consent_status=ARMS.ConsentRequired,
                    date="2024-03-01", sentence=HYPOTHETICAL)
    n["bf"] = w.fact(ARMS.Backfill, "bf", supplier=n["A"], recipient=n["B"],
                     beneficiary=n["C"], item=n["sam"], date="2024-03-05")
    n["th"] = w.fact(ARMS.Threat, "th", actor=n["R"], target=n["A"], condition=n["h"],
                     modality=ARMS.Threatened, date="2024-03-22", label="Ruritania threatens")
    n["d"] = w.fact(ARMS.Transfer, "d", supplier=n["B"], recipient=n["D"], item=n["sam2"],
                    modality=ARMS.Delivered, date="2024-02-01")
    n["v2014"] = w.version("aland-2014", n["A"], "2014-04-01", "2023-12-21", rules=[
        w.rule(ARMS.Permission, "parts", kind=ARMS.DirectExport, basis=ARMS.LicenceBuilt,
               scope=ARMS.PartsAndComponents, dest=ARMS.LicensorState),
        w.rule(ARMS.Prohibition, "no-finished", kind=ARMS.DirectExport,
               basis=ARMS.LicenceBuilt, scope=ARMS.FinishedProduct, dest=ARMS.AnyState),
    ])
    n["v2023"] = w.version("aland-2023", n["A"], "2023-12-22", rules=[
        w.rule(ARMS.Permission, "finished", kind=ARMS.DirectExport, basis=ARMS.LicenceBuilt,
               scope=ARMS.FinishedProduct, dest=ARMS.LicensorState),
        w.rule(ARMS.Duty, "consent", kind=ARMS.ReExport, dest=ARMS.AnyThirdState,
               consent_from=n["A"]),
        w.rule(ARMS.Prohibition, "war", kind=ARMS.ReExport, dest=ARMS.PartyToArmedConflict,
               in_principle=True),
    ])
    w.interval(ARMS.ConflictParticipation, "war-c", n["C"], None, "2022-02-24")
    return w, n


@pytest.fixture(scope="module")
def lw() -> tuple[OxigraphStore, dict[str, URIRef]]:
    w, n = licence_world()
    return w.store(), n


def dest(answer: dict[str, Any], state: URIRef | str) -> dict[str, Any]:
    [d] = [d for d in answer["destinations"] if d["state"]["id"] == str(state)]
    return d


def physical(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in d["paths"] if p["kind"] == "physical"]


def chain(p: dict[str, Any]) -> list[str]:
    return [p["hops"][0]["from"]["label"], *(h["to"]["label"] for h in p["hops"])]


class TestVerdicts:
    def test_licensor_open_under_the_version_in_force(self, lw) -> None:
        store, n = lw
        b = dest(destinations(store, "SAM", "Aland", as_of="2024-04-01"), n["B"])
        assert b["verdict"] == "open"
        [p] = b["paths"]
        assert [h["kind"] for h in p["hops"]] == ["planned"]
        assert [a["rule"] for a in p["allowed_by"]] == [str(ids.policy("rule-finished"))]

    def test_war_destination_blocked_in_principle_and_needs_consent(self, lw) -> None:
        store, n = lw
        c = dest(destinations(store, "SAM", "AAA", as_of="2024-04-01"), n["C"])
        assert c["verdict"] == "blocked"
        [p] = physical(c)
        assert chain(p) == ["Aland", "Borduria", "Carpania"]
        assert [h["kind"] for h in p["hops"]] == ["planned", "possible re-export"]
        assert [b["rule"] for b in p["blocked_by"]] == [str(ids.policy("rule-war"))]
        assert "in principle" in p["blocked_by"][0]["reason"]
        assert [x["label"] for x in p["needs_consent_from"]] == ["Aland"]
        assert [r["statement"] for r in p["risks"]] == [str(n["th"])]
        sentences = {e["sentence"] for e in p["hops"][1]["evidence"]}
        assert HYPOTHETICAL in sentences

    def test_backfill_is_its_own_indirect_path(self, lw) -> None:
        store, n = lw
        c = dest(destinations(store, "SAM", "Aland", as_of="2024-04-01"), n["C"])
        [bf] = [p for p in c["paths"] if p["kind"] == "backfill"]
        assert [h["kind"] for h in bf["hops"]] == ["planned", "backfill"]
        assert bf["hops"][1]["evidence"][0]["statement"] == str(n["bf"])
        assert all(h["kind"] != "backfill" for p in physical(c) for h in p["hops"])
        assert bf["risks"] == []  # Borduria's own items: the threat's condition is not met

    def test_old_version_blocks_finished_products(self, lw) -> None:
        store, n = lw
        b = dest(destinations(store, "SAM", "Aland", as_of="2023-12-21"), n["B"])
        assert b["verdict"] == "blocked"
        assert [x["rule"] for x in b["paths"][0]["blocked_by"]] == [
            str(ids.policy("rule-no-finished"))]

    def test_route_stated_later_is_possible_and_judged_by_the_rules_of_the_day(
        self, lw
    ) -> None:
        store, n = lw
        r = destinations(store, "SAM", "Aland", as_of="2023-06-01")
        b = dest(r, n["B"])
        assert b["verdict"] == "blocked"  # the 2014 version: no finished licence-built items
        assert [x["rule"] for x in b["paths"][0]["blocked_by"]] == [
            str(ids.policy("rule-no-finished"))]
        [hop] = b["paths"][0]["hops"]
        # Planned on 2023-12-20: on 2023-06-01 the route was only possible, never "planned".
        assert (hop["kind"], hop["status"], hop["date"]) == (
            "possible re-export", "possible", "2023-12-20")
        assert [e.get("stated_after_as_of") for e in hop["evidence"]] == [True]
        c = dest(r, n["C"])
        assert c["paths"][0]["risks"] == []  # the threat came later
        assert c["paths"][0]["needs_consent_from"] == []  # no consent duty in 2014
        assert all(h["status"] == "possible" for p in c["paths"] for h in p["hops"])

    def test_only_stated_keeps_what_was_stated_by_then(self, lw) -> None:
        store, n = lw
        assert destinations(store, "SAM", "Aland", as_of="2023-06-01",
                            only_stated=True)["destinations"] == []
        r = destinations(store, "SAM", "Aland", as_of="2024-01-15", only_stated=True)
        assert [d["state"]["id"] for d in r["destinations"]] == [str(n["B"])]

    def test_status_comes_from_the_statements_made_by_then(self, lw) -> None:
        store, n = lw
        # Borduria -> Dalmia was delivered on 2024-02-01: possible before, delivered after.
        for as_of, kind, status, late in [
            ("2024-01-15", "possible re-export", "possible", True),
            ("2024-02-01", "delivered", "delivered", None),
        ]:
            d = dest(destinations(store, "SAM", "Aland", as_of=as_of), n["D"])
            hop = d["paths"][0]["hops"][1]
            assert (hop["kind"], hop["status"]) == (kind, status), as_of
            assert hop["evidence"][0].get("stated_after_as_of") is late

    def test_delivered_onward_transfer_needs_original_exporters_consent(self, lw) -> None:
        store, n = lw
        d = dest(destinations(store, "SAM", "Aland", as_of="2024-04-01"), n["D"])
        assert d["verdict"] == "conditional"
        assert [x["id"] for x in d["paths"][0]["needs_consent_from"]] == [str(n["A"])]
        assert d["paths"][0]["hops"][1]["kind"] == "delivered"

    def test_destinations_ranked_by_verdict(self, lw) -> None:
        store, _ = lw
        r = destinations(store, "SAM", "Aland", as_of="2024-04-01")
        assert [d["verdict"] for d in r["destinations"]] == ["open", "conditional", "blocked"]

    def test_max_hops_limits_reach(self, lw) -> None:
        store, n = lw
        r = destinations(store, "SAM", "Aland", as_of="2024-04-01", max_hops=1)
        assert [d["state"]["id"] for d in r["destinations"]] == [str(n["B"])]


class TestWhatIf:
    def test_assumed_consent_changes_verdict_and_keeps_the_risk(self, lw) -> None:
        store, n = lw
        r = destinations(store, "SAM", "Aland", as_of="2024-04-01", assume_consent=["Aland"])
        c = dest(r, n["C"])
        assert c["verdict"] == "open"
        assert c["what_if"]["baseline_verdict"] == "blocked"
        assert c["what_if"]["changed"] is True
        assert [(s["kind"], s["id"]) for s in c["what_if"]["still"]] == [("risk", str(n["th"]))]
        assert dest(r, n["B"])["what_if"]["changed"] is False

    def test_lifted_version_leaves_the_consent_statement(self, lw) -> None:
        store, n = lw
        r = destinations(store, "SAM", "Aland", as_of="2024-04-01",
                         lift_policies=[str(n["v2023"])])
        c = dest(r, n["C"])
        assert c["verdict"] == "conditional"  # the consent statement still says required
        assert ("needs consent", str(n["A"])) in [
            (s["kind"], s["id"]) for s in c["what_if"]["still"]]

    def test_unknown_policy_names_the_value(self, lw) -> None:
        with pytest.raises(UnknownEntity, match="no-such-policy"):
            destinations(lw[0], "SAM", "Aland", lift_policies=["no-such-policy"])


class TestContract:
    def test_output_shape(self, lw) -> None:
        store, _ = lw
        r = paths(store, "SAM", "Aland", "Carpania", as_of="2024-04-01")
        assert set(r) == {"item", "origin", "as_of", "truncated", "destinations", "own_stock"}
        assert r["as_of"] == "2024-04-01" and r["truncated"] is False
        [d] = r["destinations"]
        assert set(d) == {"state", "verdict", "verdict_basis", "presence", "paths"}
        assert set(d["presence"]) == {"status", "since", "note"}
        p = d["paths"][0]
        assert {"kind", "verdict", "verdict_basis", "needs_consent_from", "blocked_by",
                "no_known_rule", "uncertain", "risks", "hops"} <= set(p)
        h = p["hops"][0]
        assert set(h) == {"from", "to", "kind", "status", "date", "date_precision", "evidence"}
        assert set(h["evidence"][0]) == {"statement", "sentence", "date", "date_precision",
                                         "source"}
        assert set(h["evidence"][0]["source"]) == {"id", "title", "url"}
        assert set(p["risks"][0]) == {"statement", "label", "sentence", "event"}
        assert {"label", "reason"} <= set(p["blocked_by"][0])

    def test_paths_to_one_state_keeps_its_backfill_path(self, lw) -> None:
        store, n = lw
        r = paths(store, "SAM", "Aland", "Carpania", as_of="2024-04-01")
        assert [d["state"]["id"] for d in r["destinations"]] == [str(n["C"])]
        assert [p["kind"] for p in r["destinations"][0]["paths"]] == ["physical", "backfill"]

    def test_undated_statement_is_known_from_its_source_date(self) -> None:
        w = World()
        w.g.add((w.source, URIRef("http://purl.org/dc/terms/issued"),
                 Literal("2024-03-23", datatype=ns.XSD.date)))
        a, b = w.state("AAA", "Aland"), w.state("BBB", "Borduria")
        w.fact(ARMS.Transfer, "t", supplier=a, recipient=b, item=w.system("SAM"),
               modality=ARMS.Hypothetical)
        store = w.store()
        assert destinations(store, "SAM", "Aland", as_of="2024-01-01",
                            only_stated=True)["destinations"] == []
        [d] = destinations(store, "SAM", "Aland", as_of="2024-01-01")["destinations"]
        assert d["paths"][0]["hops"][0]["status"] == "possible"
        [d] = destinations(store, "SAM", "Aland", as_of="2024-04-01")["destinations"]
        hop = d["paths"][0]["hops"][0]
        assert hop["date"] is None  # the statement's own date
        assert (hop["status"], set(hop["evidence"][0])) == (
            "hypothetical", {"statement", "sentence", "date", "date_precision", "source"})

    def test_unknown_party_is_not_a_destination(self) -> None:
        w = World()
        a = w.state("AAA", "Aland")
        nobody = ids.unknown_party("recipient", "x")
        w.g.add((nobody, ns.RDF.type, ARMS.UnknownParty))
        w.fact(ARMS.Transfer, "t", supplier=a, recipient=nobody, item=w.system("SAM"),
               modality=ARMS.Delivered, date="2020-01-01")
        assert destinations(w.store(), "SAM", "Aland")["destinations"] == []

    def test_paths_to_unreachable_state_is_empty(self, lw) -> None:
        assert paths(lw[0], "SAM", "Aland", "Ruritania")["destinations"] == []

    @pytest.mark.parametrize(("kwargs", "value"), [
        pytest.param({"item": "Excalibur", "origin": "Aland"}, "Excalibur", id="item"),
        pytest.param({"item": "SAM", "origin": "Atlantis"}, "Atlantis", id="origin"),
    ])
    def test_unknown_entities_name_the_value(self, lw, kwargs: dict[str, str], value: str) -> None:
        with pytest.raises(UnknownEntity, match=value):
            destinations(lw[0], **kwargs)

    def test_unknown_destination(self, lw) -> None:
        with pytest.raises(UnknownEntity, match="Atlantis"):
            paths(lw[0], "SAM", "Aland", "Atlantis")

    @pytest.mark.parametrize("bad", ["yesterday", "2024-13-01"])
    def test_bad_date(self, lw, bad: str) -> None:
        with pytest.raises(InputError, match=bad):
            destinations(lw[0], "SAM", "Aland", as_of=bad)

    def test_accepts_the_projection_itself(self, lw) -> None:
        G = project(lw[0])
        assert destinations(G, "SAM", "Aland", as_of="2024-04-01") == destinations(
            lw[0], "SAM", "Aland", as_of="2024-04-01")


class TestFacts:
    def test_refused_transfer_blocks_with_the_statement(self) -> None:
        w = World()
        a, b = w.state("AAA", "Aland"), w.state("BBB", "Borduria")
        s = w.system("SAM")
        f = w.fact(ARMS.Transfer, "no", supplier=a, recipient=b, item=s,
                   modality=ARMS.Refused, date="2024-01-01")
        store = w.store()
        d = dest(destinations(store, "SAM", "Aland", as_of="2024-04-01"), b)
        assert d["verdict"] == "blocked"
        assert d["paths"][0]["blocked_by"][0]["statement"] == str(f)
        # Before the refusal was stated it blocked nothing: a possible hop, no rule against.
        d = dest(destinations(store, "SAM", "Aland", as_of="2023-12-31"), b)
        assert (d["verdict"], d["paths"][0]["hops"][0]["status"]) == ("open", "possible")

    def test_contradicted_weaker_claim_is_not_a_hop(self) -> None:
        w = World()
        a, b, c = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "B"), ("CCC", "C")])
        s = w.system("SAM")
        strong = w.fact(ARMS.Transfer, "strong", supplier=a, recipient=b, item=s,
                        modality=ARMS.Delivered, date="2024-01-01", confidence=0.9)
        w.fact(ARMS.Transfer, "weak", supplier=a, recipient=c, item=s, modality=ARMS.Reported,
               date="2024-01-02", confidence=0.3, contradicts=strong)
        r = destinations(w.store(), "SAM", "Aland", as_of="2024-04-01")
        assert [d["state"]["id"] for d in r["destinations"]] == [str(b)]

    def test_member_items_count_for_the_family(self) -> None:
        w = World()
        a, b = w.state("AAA", "Aland"), w.state("BBB", "Borduria")
        fam = w.system("SAM")
        w.fact(ARMS.Transfer, "t", supplier=a, recipient=b, modality=ARMS.Delivered,
               item=w.system("SAM 3", part_of=fam), date="2020-01-01")
        store = w.store()
        [d] = destinations(store, "SAM", "Aland")["destinations"]
        assert "broader_item" not in d["paths"][0]["hops"][0]["evidence"][0]

    def test_ammunition_does_not_follow_statements_about_its_platform(self) -> None:
        # Rounds are fired from the gun, not delivered with it: "Aland sent guns to
        # Carpania" says nothing about the rounds (the Gepard vehicle vs its 35 mm shells).
        w = World()
        a, b, c = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                               ("CCC", "Carpania")])
        gun = w.system("Gun", origin=b)
        rounds = w.system("Gun rounds", part_of=gun, origin=a)
        w.g.add((rounds, ARMS.category, ids.category("ammunition")))
        w.g.add((ids.category("ammunition"), ns.SKOS.topConceptOf, ARMS.CategoryScheme))
        w.fact(ARMS.Transfer, "rounds", supplier=a, recipient=b, modality=ARMS.Delivered,
               item=rounds, date="2020-01-01")
        w.fact(ARMS.Transfer, "guns", supplier=b, recipient=c, modality=ARMS.Delivered,
               item=gun, date="2021-01-01")
        store = w.store()
        r = destinations(store, "Gun rounds", "Aland", as_of="2022-01-01")
        assert [x["state"]["id"] for x in r["destinations"]] == [str(b)]
        # The platform's own question still sees its delivery.
        r = destinations(store, "Gun", "Borduria", as_of="2022-01-01")
        assert [x["state"]["id"] for x in r["destinations"]] == [str(c)]

    def test_member_follows_statements_about_its_wider_system(self) -> None:
        # "Aland sent SAMs to Borduria" may concern SAM 3: followed, marked broader_item,
        # nothing else lowered; a sibling's statement (SAM 2) does not concern SAM 3.
        w = World()
        a, b, c, d = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                                  ("CCC", "Carpania"), ("DDD", "Dalmia")])
        fam = w.system("SAM")
        sam3 = w.system("SAM 3", part_of=fam)
        sam2 = w.system("SAM 2", part_of=fam)
        wide = w.fact(ARMS.Transfer, "wide", supplier=a, recipient=b, modality=ARMS.Delivered,
                      item=fam, date="2020-01-01", confidence=0.9)
        own = w.fact(ARMS.Transfer, "own", supplier=b, recipient=c, modality=ARMS.Planned,
                     item=sam3, date="2021-01-01")
        w.fact(ARMS.Transfer, "sibling", supplier=b, recipient=d, modality=ARMS.Delivered,
               item=sam2, date="2021-01-01")
        store = w.store()
        r = destinations(store, "SAM 3", "Aland", as_of="2022-01-01")
        assert [x["state"]["id"] for x in r["destinations"]] == [str(b), str(c)]
        hops = dest(r, c)["paths"][0]["hops"]
        assert [(h["kind"], h["status"]) for h in hops] == [
            ("delivered", "delivered"), ("planned", "planned")]
        assert [[(e["statement"], e.get("broader_item")) for e in h["evidence"]]
                for h in hops] == [[(str(wide), True)], [(str(own), None)]]
        # The family itself counts every member's statement, none of them broader.
        r = destinations(store, "SAM", "Aland", as_of="2022-01-01")
        assert {x["state"]["id"] for x in r["destinations"]} == {str(b), str(c), str(d)}
        assert not any(e.get("broader_item") for x in r["destinations"] for p in x["paths"]
                       for h in p["hops"] for e in h["evidence"])


def dense_world(n: int) -> OxigraphStore:
    """Every state delivers the item to every other: about n**4 paths of four hops."""
    w = World()
    states = [w.state(f"S{i:02d}", f"State {i}") for i in range(n)]
    s = w.system("SAM")
    for i, u in enumerate(states):
        for j, v in enumerate(states):
            if i != j:
                w.fact(ARMS.Transfer, f"t-{i}-{j}", supplier=u, recipient=v, item=s,
                       modality=ARMS.Delivered, date="2020-01-01")
    return w.store()


@pytest.fixture(scope="module")
def dense() -> nx.MultiDiGraph:
    return project(dense_world(25))


class TestBounds:
    def test_path_cap_truncates(self, dense: nx.MultiDiGraph) -> None:
        r = destinations(dense, "SAM", "S00", max_paths=60, budget_s=5)
        assert r["truncated"] is True
        assert sum(len(d["paths"]) for d in r["destinations"]) <= 60
        assert len(r["destinations"]) == 24  # every reachable state keeps its shortest path

    def test_budget_returns_in_time(self, dense: nx.MultiDiGraph) -> None:
        start = time.perf_counter()
        r = destinations(dense, "SAM", "S00", max_paths=10**9, budget_s=0.05)
        elapsed = time.perf_counter() - start
        assert r["truncated"] is True
        # Not a speed measurement: without the budget this query enumerates ~255,000 paths
        # and runs far longer; the bound has 100x slack for a loaded machine.
        assert elapsed < 5.0

    def test_a_collection_inside_the_search_does_not_spend_the_budget(
            self, lw: tuple[OxigraphStore, dict[str, URIRef]],
            monkeypatch: pytest.MonkeyPatch) -> None:
        # A full collection over a large heap (the SIPRI projection) takes a second or
        # more and lands wherever an allocation triggers it; it must not truncate.
        store, n = lw
        expected = destinations(store, "SAM 2", "Aland", as_of="2024-04-01", budget_s=60)
        assert expected["truncated"] is False and expected["destinations"]

        def pause(phase: str, info: dict[str, Any]) -> None:
            if phase == "start":
                time.sleep(0.3)  # longer than the whole budget below

        search = nx.all_simple_paths

        def collecting(*args: Any, **kwargs: Any) -> Any:
            gc.callbacks.append(pause)
            try:
                gc.collect()
            finally:
                gc.callbacks.remove(pause)
            yield from search(*args, **kwargs)

        monkeypatch.setattr(nx, "all_simple_paths", collecting)
        got = destinations(store, "SAM 2", "Aland", as_of="2024-04-01", budget_s=0.25)
        assert got == expected

    def test_small_query_is_not_truncated(self, dense: nx.MultiDiGraph) -> None:
        r = destinations(dense, "SAM", "S00", max_hops=1)
        assert r["truncated"] is False and len(r["destinations"]) == 24


# ---------------------------------------------------------------------------------------
# The design-card cases on the built graph (ontology/examples, data/reference, the seed).

JPN, USA, UKR = (str(ids.state(c)) for c in ("JPN", "USA", "UKR"))
SEED_SENTENCE = ("However, if the US were to transfer these missiles to Ukraine, "
                 "it would need an official nod from Japan.")


class TestBuiltGraph:
    def test_japanese_patriots_2024(self, built_store) -> None:
        r = destinations(built_store, "Patriot", "Japan", as_of="2024-04-01")
        us = dest(r, USA)
        assert us["verdict"] == "open"
        [p] = physical(us)
        assert p["hops"][0]["kind"] == "planned"
        versions = {a.get("version") for a in p["allowed_by"]}
        assert str(ids.policy("japan-three-principles-2023")) in versions
        ua = dest(r, UKR)
        assert ua["verdict"] == "blocked"
        assert all(p["verdict"] == "blocked" for p in physical(ua))
        [p] = [p for p in physical(ua) if chain(p) == ["Japan", "United States", "Ukraine"]]
        assert str(ids.policy("japan-three-principles-2023-rule-3")) in {
            b.get("rule") for b in p["blocked_by"]}
        assert JPN in {x["id"] for x in p["needs_consent_from"]}
        assert str(ids.fact("russia-threatens-japan-patriots-ukraine")) in {
            x["statement"] for x in p["risks"]}
        assert SEED_SENTENCE in {e["sentence"] for e in p["hops"][1]["evidence"]}

    def test_one_threat_stated_four_times_is_one_risk_event(self, built_store) -> None:
        # The article's headline and quotes each state Russia's threat against Japan over
        # Japanese Patriots reaching Ukraine: each stays a risk, all of one event led by
        # the most confident; the curated threat over the US route is its own event.
        from armsgraph.reason.paths import _condition
        from armsgraph.reason.project import project

        G = project(built_store)
        r = destinations(built_store, "Patriot", "Japan", as_of="2024-04-01")
        [direct] = [p for p in physical(dest(r, UKR)) if chain(p) == ["Japan", "Ukraine"]]
        threats = {t["statement"]: t for t in G.graph["threats"]}
        risks = direct["risks"]
        assert len(risks) > 1 and len({x["event"] for x in risks}) == 1
        lead = risks[0]["event"]
        assert lead in {x["statement"] for x in risks}
        assert threats[lead]["confidence"] == max(threats[x["statement"]]["confidence"]
                                                  for x in risks)
        assert len({_condition(G, threats[x["statement"]]["condition"])
                    for x in risks}) == 1
        assert len({threats[x["statement"]]["condition"] for x in risks}) == len(risks)
        [via_us] = [p for p in physical(dest(r, UKR))
                    if chain(p) == ["Japan", "United States", "Ukraine"]]
        curated = str(ids.fact("russia-threatens-japan-patriots-ukraine"))
        events = {x["statement"]: x["event"] for x in via_us["risks"]}
        assert events[curated] == curated and events[lead] == lead

    def test_ukraine_only_via_the_us_in_the_curated_cases(self, built_store) -> None:
        # Another physical route to Ukraine can only come from extraction (the seed
        # article's "told Tokyo to refrain from sending the missiles to Ukraine" reads as a
        # hypothetical direct transfer), and Japan's rule against direct exports to parties
        # to an armed conflict blocks it.
        cases = str(ids.GRAPH["case/"])
        curated = {str(s) for g in built_store.graphs() if str(g).startswith(cases)
                   for s, _, _ in built_store.triples(g)}
        r = destinations(built_store, "Patriot", "Japan", as_of="2024-04-01")
        others = [p for p in physical(dest(r, UKR))
                  if chain(p) != ["Japan", "United States", "Ukraine"]]
        for p in others:
            evidence = {e["statement"] for h in p["hops"] for e in h["evidence"]}
            assert not any(h["kind"] in ("delivered", "planned") for h in p["hops"][1:])
            assert not (evidence & curated), p
            assert str(ids.policy("japan-three-principles-2023-rule-4")) in {
                b.get("rule") for b in p["blocked_by"]}

    def test_japanese_patriots_backfill_to_ukraine(self, built_store) -> None:
        r = destinations(built_store, "Patriot", "Japan", as_of="2024-04-01")
        [bf] = [p for p in dest(r, UKR)["paths"] if p["kind"] == "backfill"]
        assert chain(bf) == ["Japan", "United States", "Ukraine"]
        assert [h["kind"] for h in bf["hops"]] == ["planned", "backfill"]

    def test_japanese_patriots_backfill_after_it_is_reported(self, built_store) -> None:
        r = destinations(built_store, "Patriot", "Japan", as_of="2024-09-01")
        [bf] = [p for p in dest(r, UKR)["paths"] if p["kind"] == "backfill"]
        assert chain(bf) == ["Japan", "United States", "Ukraine"]
        assert bf["hops"][-1]["kind"] == "backfill"

    def test_japanese_patriots_under_the_2014_version(self, built_store) -> None:
        # Issue 4: "As of 2023-06-01 (before the revision), the United States path is
        # blocked by the policy then in force (parts only)" -- with the default parameters.
        r = destinations(built_store, "Patriot", "Japan", as_of="2023-06-01")
        us = dest(r, USA)
        assert us["verdict"] == "blocked"
        [p] = physical(us)
        assert str(ids.policy("japan-three-principles-2014-rule-2")) in {
            b.get("rule") for b in p["blocked_by"]}
        # Every statement of the route came later (decided 2023-12-20): only possible then.
        [hop] = p["hops"]
        assert (hop["kind"], hop["status"], hop["date"]) == (
            "possible re-export", "possible", "2023-12-20")
        assert all(e.get("stated_after_as_of") is True for e in hop["evidence"])
        assert hop["evidence"][0]["statement"] == str(ids.fact("japan-us-pac-3-decided"))
        # Only what had been stated by then: nothing.
        plain = destinations(built_store, "Patriot", "Japan", as_of="2023-06-01",
                             only_stated=True)
        assert plain["destinations"] == []

    @pytest.mark.parametrize(("as_of", "kind", "date", "lead"), [
        pytest.param("2024-04-01", "planned", "2023-12-20", "japan-us-pac-3-decided",
                     id="decided"),
        # the delivery is dated to its month: never a pretend first day
        pytest.param("2025-12-01", "delivered", "2025-11", "japan-us-pac-3-delivered",
                     id="delivered"),
    ])
    def test_japan_us_hop_says_what_was_stated_by_the_date(
        self, built_store, as_of: str, kind: str, date: str, lead: str
    ) -> None:
        r = destinations(built_store, "Patriot", "Japan", as_of=as_of)
        us = dest(r, USA)
        assert us["verdict"] == "open"  # the 2023 version: finished products to the licensor
        [hop] = physical(us)[0]["hops"]
        assert (hop["kind"], hop["status"], hop["date"]) == (kind, kind, date)
        assert hop["evidence"][0]["statement"] == str(ids.fact(lead))
        late = {e["statement"] for e in hop["evidence"] if e.get("stated_after_as_of")}
        later_facts = {"2024-04-01": {"japan-us-pac-3-contract", "japan-us-pac-3-delivered"},
                       "2025-12-01": set()}[as_of]
        assert {str(ids.fact(f)) for f in later_facts} <= late
        assert str(ids.fact(lead)) not in late
        stated = [e.get("stated_after_as_of") is None for e in hop["evidence"]]
        assert stated == sorted(stated, reverse=True)  # stated by then first

    def test_pac3_follows_statements_about_patriot(self, built_store) -> None:
        # The seed's "Patriot missiles" statements may concern PAC-3: Ukraine is reached
        # through the US as for the family, its evidence marked as about the wider system.
        r = destinations(built_store, "PAC-3", "Japan", as_of="2024-04-01")
        us = dest(r, USA)
        assert us["verdict"] == "open"
        assert physical(us)[0]["hops"][0]["kind"] == "planned"
        ua = dest(r, UKR)
        assert ua["verdict"] == "blocked"
        [p] = [p for p in physical(ua) if chain(p) == ["Japan", "United States", "Ukraine"]]
        assert str(ids.policy("japan-three-principles-2023-rule-3")) in {
            b.get("rule") for b in p["blocked_by"]}
        assert JPN in {x["id"] for x in p["needs_consent_from"]}
        reexport = p["hops"][1]
        assert SEED_SENTENCE in {e["sentence"] for e in reexport["evidence"]}
        assert all(e.get("broader_item") is True for e in reexport["evidence"])
        pac3 = {e["statement"]: e for e in p["hops"][0]["evidence"]}
        assert "broader_item" not in pac3[str(ids.fact("japan-us-pac-3-decided"))]
        # The same verdicts as for the family: nothing is lowered for the wider statements.
        family = dest(destinations(built_store, "Patriot", "Japan", as_of="2024-04-01"), UKR)
        [fp] = [p for p in physical(family) if chain(p) == ["Japan", "United States", "Ukraine"]]
        assert (p["verdict"], p["blocked_by"], p["needs_consent_from"]) == (
            fp["verdict"], fp["blocked_by"], fp["needs_consent_from"])

    def test_assume_japans_consent(self, built_store) -> None:
        r = destinations(built_store, "Patriot", "Japan", as_of="2024-04-01",
                         assume_consent=["JPN"])
        ua = dest(r, UKR)
        assert ua["what_if"]["baseline_verdict"] == "blocked"
        assert ua["what_if"]["changed"] is True and ua["verdict"] != "blocked"
        assert str(ids.fact("russia-threatens-japan-patriots-ukraine")) in {
            s["id"] for s in ua["what_if"]["still"]}

    def test_swiss_gepard_ammunition_refused(self, built_store) -> None:
        r = paths(built_store, "gepard-35mm-ammunition", "Switzerland", "Ukraine",
                  as_of="2023-01-01")
        [ua] = r["destinations"]
        assert ua["verdict"] == "blocked"
        p = ua["paths"][0]
        assert chain(p) == ["Switzerland", "Germany", "Ukraine"]
        assert str(ids.fact("swiss-gepard-refusal-2022-11-03")) in {
            b.get("statement") for b in p["blocked_by"]}

    @pytest.mark.parametrize(("as_of", "verdict"), [
        pytest.param("2023-01-24", "conditional", id="requested"),
        pytest.param("2023-01-25", "open", id="approved"),
    ])
    def test_leopard_2_poland_to_ukraine(self, built_store, as_of: str, verdict: str) -> None:
        r = paths(built_store, "Leopard 2", "Germany", "Ukraine", as_of=as_of)
        [via_poland] = [p for p in physical(r["destinations"][0])
                        if chain(p) == ["Germany", "Poland", "Ukraine"]]
        assert via_poland["verdict"] == verdict
        if verdict == "conditional":
            assert [x["label"] for x in via_poland["needs_consent_from"]] == ["Germany"]

    @pytest.mark.parametrize(("as_of", "verdict"), [
        pytest.param("2022-06-01", "conditional", id="before-us-approval"),
        pytest.param("2024-05-01", "open", id="after-us-approval"),
    ])
    def test_danish_f16_to_argentina_needs_the_origin_states_consent(
        self, built_store, as_of: str, verdict: str
    ) -> None:
        # The US holds consent as the F-16's technology-origin state (AECA duty with the
        # direct-transfer test; Argentina is under no US embargo).
        r = paths(built_store, "F-16", "Denmark", "Argentina", as_of=as_of)
        [d] = r["destinations"]
        assert d["verdict"] == verdict
        if verdict == "conditional":
            assert [x["label"] for x in d["paths"][0]["needs_consent_from"]] == [
                "United States"]


def test_member_keeps_its_own_technology_origin() -> None:
    w = World()
    a, b, c, d = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                              ("CCC", "Carpania"), ("DDD", "Dalmia")])
    tank = w.system("Tank", origin=b)
    w.system("Tank shell", part_of=tank, origin=a)
    w.version("aland", a, "2000-01-01", rules=[
        w.rule(ARMS.Duty, "aland-consent", kind=ARMS.ReExport, dest=ARMS.AnyThirdState,
               consent_from=a)])
    w.version("borduria", b, "2000-01-01", rules=[
        w.rule(ARMS.Duty, "borduria-consent", kind=ARMS.ReExport, dest=ARMS.AnyThirdState,
               consent_from=b)])
    w.fact(ARMS.Transfer, "t1", supplier=c, recipient=d, item=ids.system("Tank shell"),
           modality=ARMS.Planned, date="2020-01-01")
    [dd] = destinations(w.store(), "Tank shell", "Carpania", as_of="2024-01-01")["destinations"]
    assert [x["id"] for x in dd["paths"][0]["needs_consent_from"]] == [str(a)]


def test_delivery_from_the_origin_is_a_fact_not_a_question() -> None:
    w = World()
    a, c, d = (w.state(x, y) for x, y in [("AAA", "Aland"), ("CCC", "Carpania"),
                                           ("DDD", "Dalmia")])
    w.system("Tank shell", origin=a)
    w.version("aland", a, "2000-01-01", rules=[
        w.rule(ARMS.Duty, "aland-consent", kind=ARMS.ReExport, dest=ARMS.AnyThirdState,
               consent_from=a)])
    w.fact(ARMS.Transfer, "t1", supplier=c, recipient=d, item=ids.system("Tank shell"),
           modality=ARMS.Delivered, date="2020-01-01")
    [dd] = destinations(w.store(), "Tank shell", "Carpania", as_of="2024-01-01")["destinations"]
    path = dd["paths"][0]
    assert (dd["verdict"], path["needs_consent_from"]) == ("open", [])
    assert "delivered" in path["allowed_by"][0]["reason"]
    # the same transfer before it happened needed Aland's consent
    [early] = destinations(w.store(), "Tank shell", "Carpania", as_of="2019-01-01")[
        "destinations"]
    assert [x["label"] for x in early["paths"][0]["needs_consent_from"]] == ["Aland"]


def test_threat_is_scoped_to_the_items_and_parties_it_names() -> None:
    # Ruritania threatens Aland if Aland-made SAMs go Borduria -> Carpania (licence world).
    w, n = licence_world()
    tank = w.system("Tank", origin=n["B"])
    w.fact(ARMS.Transfer, "tank", supplier=n["B"], recipient=n["C"], item=tank,
           modality=ARMS.Delivered, date="2024-01-10")
    store = w.store()
    # Aland's own SAMs: Aland is the origin, the condition is the hop -> a risk.
    c = dest(destinations(store, "SAM", "Aland", as_of="2024-04-01"), n["C"])
    assert [r["statement"] for r in physical(c)[0]["risks"]] == [str(n["th"])]
    # Borduria's own SAMs on the very route of the condition: Aland is no party to them.
    c = dest(destinations(store, "SAM", "Borduria", as_of="2024-04-01"), n["C"])
    assert chain(physical(c)[0]) == ["Borduria", "Carpania"]
    assert physical(c)[0]["risks"] == []
    # Another item on the same two states: the condition is about SAMs, not tanks.
    c = dest(destinations(store, "Tank", "Borduria", as_of="2024-04-01"), n["C"])
    assert physical(c)[0]["risks"] == []


def test_consent_statement_binds_only_its_holders_items() -> None:
    w = World()
    a, b, c = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                           ("CCC", "Carpania")])
    sam = w.system("SAM", origin=b)
    # Aland's consent over Aland-made SAMs on the route Borduria -> Carpania ...
    w.fact(ARMS.ReExportConsent, "c", holder=b, destination=c, item=sam, consent_holder=a,
           consent_status=ARMS.ConsentRequired, date="2024-03-01")
    w.fact(ARMS.Transfer, "h", supplier=b, recipient=c, item=sam,
           modality=ARMS.Hypothetical, date="2024-03-01")
    # ... says nothing about Borduria's own SAMs on that route
    [dd] = destinations(w.store(), "SAM", "Borduria", as_of="2024-04-01")["destinations"]
    assert dd["paths"][0]["needs_consent_from"] == []


class TestCli:
    @pytest.fixture()
    def folder(self, tmp_path) -> str:
        store = OxigraphStore(tmp_path / "store")
        licence_world()[0].store(store)
        store.close()
        return str(tmp_path / "store")

    def test_destinations_text_tree(self, folder: str) -> None:
        from typer.testing import CliRunner

        from armsgraph.cli import app

        res = CliRunner().invoke(app, ["destinations", "--item", "SAM", "--origin", "Aland",
                                       "--as-of", "2024-04-01", "--store", folder])
        assert res.exit_code == 0, res.output
        assert "Carpania  BLOCKED" in res.output
        assert "needs consent from: Aland" in res.output
        assert "risk: Ruritania threatens" in res.output
        assert "backfill path (indirect" in res.output

    def test_route_stated_later_reads_as_possible(self, folder: str) -> None:
        from typer.testing import CliRunner

        from armsgraph.cli import app

        args = ["destinations", "--item", "SAM", "--origin", "Aland", "--as-of", "2023-06-01",
                "--store", folder]
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
        assert "Borduria  BLOCKED" in res.output
        assert "Aland → Borduria  possible re-export (stated later: 2023-12-20)" \
            in res.output
        assert "planned" not in res.output
        res = CliRunner().invoke(app, [*args, "--only-stated"])
        assert res.exit_code == 0, res.output
        assert "0 destinations" in res.output

    def test_paths_json_with_what_if(self, folder: str) -> None:
        import json

        from typer.testing import CliRunner

        from armsgraph.cli import app

        res = CliRunner().invoke(app, ["paths", "--item", "SAM", "--origin", "AAA", "--to",
                                       "Carpania", "--as-of", "2024-04-01", "--assume-consent",
                                       "Aland", "--format", "json", "--store", folder])
        assert res.exit_code == 0, res.output
        answer = json.loads(res.output)
        [d] = answer["destinations"]
        assert (d["verdict"], d["what_if"]["baseline_verdict"]) == ("open", "blocked")

    def test_unknown_item_is_one_line_error(self, folder: str) -> None:
        from typer.testing import CliRunner

        from armsgraph.cli import app

        res = CliRunner().invoke(app, ["destinations", "--item", "Excalibur", "--origin",
                                       "Aland", "--store", folder])
        assert res.exit_code == 1
        assert "Excalibur" in res.output


def test_competing_claim_is_never_a_hop(built_store) -> None:
    claim = str(ids.fact("japan-ukraine-patriot-claim-2025"))
    assert claim in project(built_store).graph["disputed"]
    r = destinations(built_store, "Patriot", "Japan", as_of="2025-12-01")
    evidence = {e["statement"] for d in r["destinations"] for p in d["paths"]
                for h in p["hops"] for e in h["evidence"]}
    assert claim not in evidence


def test_lot_traces_one_production_lot() -> None:
    w = World()
    a, b, c = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                           ("CCC", "Carpania")])
    sam = w.system("SAM")
    lots = {}
    for code, st in (("aaa", a), ("ccc", c)):
        lots[code] = ids.lot("SAM", code)
        w.g.add((lots[code], ns.RDF.type, ARMS.Lot))
        w.g.add((lots[code], ARMS.ofSystem, sam))
        w.g.add((lots[code], ARMS.producedIn, st))
    w.fact(ARMS.Transfer, "own", supplier=a, recipient=b, item=lots["aaa"],
           modality=ARMS.Delivered, date="2020-01-01")
    w.fact(ARMS.Transfer, "foreign", supplier=a, recipient=c, item=lots["ccc"],
           modality=ARMS.Delivered, date="2020-01-01")
    w.fact(ARMS.Transfer, "family", supplier=b, recipient=c, item=sam,
           modality=ARMS.Delivered, date="2020-01-02")
    store = w.store()
    for kwargs in ({}, {"lot": str(lots["aaa"])}):
        r = destinations(store, "SAM", "Aland", as_of="2024-01-01", **kwargs)
        assert {tuple(chain(p)) for d in r["destinations"] for p in d["paths"]} == {
            ("Aland", "Borduria"), ("Aland", "Borduria", "Carpania")}, kwargs
    with pytest.raises(UnknownEntity, match="SAM"):
        destinations(store, "SAM", "Aland", lot="SAM")


def test_lot_made_under_licence_in_a_third_country() -> None:
    """Aland designs SAM; Borduria makes a lot under Aland's licence and delivers it to
    Carpania (SIPRI: "Carpania <- Aland, SAM: from Bordurian production line")."""
    w = World()
    a, b, c, d = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                              ("CCC", "Carpania"), ("DDD", "Dalmia")])
    sam = w.system("SAM", origin=a)
    w.version("aland", a, "2000-01-01", rules=[
        w.rule(ARMS.Duty, "aland-consent", kind=ARMS.ReExport, dest=ARMS.AnyThirdState,
               consent_from=a)])
    lic = w.fact(ARMS.ProductionLicence, "lic", licensor=a, licensee=b, item=sam,
                 date="2010-01-01")
    lot = ids.lot("SAM", "BBB")
    w.g.add((lot, ns.RDF.type, ARMS.Lot))
    w.g.add((lot, ARMS.ofSystem, sam))
    w.g.add((lot, ARMS.producedIn, b))
    w.g.add((lot, ARMS.underLicence, lic))
    w.fact(ARMS.Transfer, "home", supplier=a, recipient=b, item=sam,
           modality=ARMS.Delivered, date="2012-01-01")
    w.fact(ARMS.Transfer, "line", supplier=b, recipient=c, item=lot,
           modality=ARMS.Planned, date="2024-01-01")
    w.fact(ARMS.Transfer, "other", supplier=d, recipient=c, item=lot,
           modality=ARMS.Planned, date="2024-01-01")
    store = w.store()
    # Borduria's own licence-built lot: answerable, and Aland's consent is needed.
    [dd] = destinations(store, "SAM", "Borduria", as_of="2024-06-01")["destinations"]
    assert (dd["state"]["label"], dd["verdict"]) == ("Carpania", "conditional")
    assert [x["label"] for x in dd["paths"][0]["needs_consent_from"]] == ["Aland"]
    # The licensor's lots made elsewhere count for it, through its licensee only.
    r = destinations(store, "SAM", "Aland", as_of="2024-06-01")
    assert {tuple(chain(p)) for x in r["destinations"] for p in x["paths"]} == {
        ("Aland", "Borduria"), ("Aland", "Borduria", "Carpania")}
    # A state that neither made nor licensed the lot does not own it.
    assert destinations(store, "SAM", "Dalmia", as_of="2024-06-01")["destinations"] == []
    # The licensor's sale is its consent (the SIPRI import states it): open.
    w.fact(ARMS.ReExportConsent, "sold", holder=b, destination=c, item=lot,
           consent_holder=a, consent_status=ARMS.ConsentGranted, modality=ARMS.Approved,
           date="2024-01-01")
    [dd] = destinations(w.store(), "SAM", "Borduria", as_of="2024-06-01")["destinations"]
    assert (dd["verdict"], dd["paths"][0]["needs_consent_from"]) == ("open", [])


def test_empty_answer_says_why() -> None:
    w = World()
    a, b, c = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                           ("CCC", "Carpania")])
    sam = w.system("SAM", origin=a)
    w.fact(ARMS.ProductionLicence, "lic", licensor=a, licensee=b, item=sam, date="2010-01-01")
    w.fact(ARMS.Transfer, "home", supplier=a, recipient=b, item=sam,
           modality=ARMS.Delivered, date="2012-01-01")
    store = w.store()
    r = destinations(store, "SAM", "Borduria", as_of="2024-01-01")
    assert r["destinations"] == []
    assert r["empty_because"] == (
        "no statement the graph holds moves SAM out of Borduria; Borduria makes it under "
        "licence from Aland; Borduria received it from Aland")
    r = paths(store, "SAM", "Aland", "Carpania", as_of="2024-01-01")
    assert r["empty_because"] == "no known route of SAM from Aland reaches Carpania within 4 hops"
    assert "empty_because" not in destinations(store, "SAM", "Aland", as_of="2024-01-01")


def test_concurrent_queries_agree(lw) -> None:
    from concurrent.futures import ThreadPoolExecutor

    store, _ = lw
    dates = ["2023-12-21", "2024-04-01", "2024-04-01", "2023-06-01"] * 6
    expected = {d: destinations(store, "SAM", "Aland", as_of=d) for d in set(dates)}
    forget(store)  # a new snapshot of the same store: its memos start empty
    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(lambda d: destinations(store, "SAM", "Aland", as_of=d), dates))
    assert all(g == expected[d] for g, d in zip(got, dates, strict=True))


# -- time with its precision, time-consistent chains, what is known (issue 11) ----------


def span_world() -> tuple[World, dict[str, URIRef]]:
    """Aland orders 12 SAM-1 for Borduria in 1988, delivered 1989, 1990 and 1991 (a
    register row: year precision, no sentence)."""
    w = World()
    n = {c: w.state(code, name) for c, code, name in [
        ("A", "AAA", "Aland"), ("B", "BBB", "Borduria")]}
    n["sam"] = w.system("SAM")
    n["deal"] = w.deal("ab", n["A"], n["B"], n["sam"], order_year=1988,
                       delivery_years=(1989, 1990, 1991), ordered=12, delivered=12,
                       designation="SAM-1", comment="ex-army stock")
    return w, n


@pytest.fixture(scope="module")
def sw() -> tuple[OxigraphStore, dict[str, URIRef]]:
    w, n = span_world()
    return w.store(), n


class TestTimeWithPrecision:
    """A register row is planned from its year of order and delivered from its first year
    of delivery; a date inside a year is uncertain; no day the data does not have."""

    @pytest.mark.parametrize(("as_of", "kind", "date", "uncertain", "presence"), [
        # before the order year: only stated later
        pytest.param("1987-06-01", "possible re-export", "1989", None, "could go next",
                     id="before-order"),
        # inside the order year: ordered then, but maybe not yet by the date
        pytest.param("1988-06-01", "planned", "1988", ("planned", "1988"), "could go next",
                     id="in-order-year"),
        # ordered, first delivery in a year that contains the date: uncertain
        pytest.param("1989-06-01", "planned", "1988", ("delivered", "1989"),
                     "possibly there", id="in-first-delivery-year"),
        # inside the delivery span: delivered from its first year on
        pytest.param("1990-06-01", "delivered", "1989", None, "already there",
                     id="inside-span"),
        pytest.param("1995-01-01", "delivered", "1989", None, "already there", id="after"),
    ])
    def test_a_deal_as_of_dates_around_its_years(
        self, sw, as_of: str, kind: str, date: str, uncertain: tuple[str, str] | None,
        presence: str,
    ) -> None:
        store, n = sw
        [d] = destinations(store, "SAM", "Aland", as_of=as_of)["destinations"]
        [hop] = d["paths"][0]["hops"]
        assert (hop["kind"], hop["date"], hop["date_precision"]) == (kind, date, "year")
        got = hop.get("uncertain")
        assert ((got["what"], got["date"]) if got else None) == uncertain
        assert d["presence"]["status"] == presence

    def test_a_delivery_possibly_made_says_when(self, sw) -> None:
        """Presence "possibly there" is dated by the delivery that may have happened, not by
        the order before it."""
        store, _ = sw
        [d] = destinations(store, "SAM", "Aland", as_of="1989-06-01")["destinations"]
        assert d["presence"]["status"] == "possibly there"
        assert d["presence"]["since"] == "1989"

    def test_ordered_and_delivered_in_the_year_of_the_date(self) -> None:
        """A deal ordered and first delivered in 1989, asked about inside 1989: it may
        already be delivered (not "may already be planned"), so it is possibly there."""
        w = World()
        a, b = w.state("AAA", "Aland"), w.state("BBB", "Borduria")
        w.deal("ab", a, b, w.system("SAM"), order_year=1989, delivery_years=(1989, 1990),
               ordered=4, delivered=4, designation="SAM-1")
        [d] = destinations(w.store(), "SAM", "Aland", as_of="1989-06-01")["destinations"]
        [hop] = d["paths"][0]["hops"]
        assert (hop["kind"], hop["date"]) == ("planned", "1989")
        assert (hop["uncertain"]["what"], hop["uncertain"]["date"]) == ("delivered", "1989")
        assert (d["presence"]["status"], d["presence"]["since"]) == ("possibly there", "1989")
        assert d["paths"][0]["allowed_by"] == []  # no fact yet

    def test_a_hop_is_dated_by_its_first_delivery(self) -> None:
        """Two register rows behind one hop (1988 listed first, 1980–1984 second): the hop
        and the presence are dated 1980, the first delivery, not by the row listed first."""
        w = World()
        a, b = w.state("AAA", "Aland"), w.state("BBB", "Borduria")
        sam = w.system("SAM")
        w.deal("a1", a, b, sam, order_year=1986, delivery_years=(1988,), designation="SAM-2")
        w.deal("a2", a, b, sam, order_year=1975, delivery_years=(1980, 1984),
               designation="SAM-1")
        [d] = destinations(w.store(), "SAM", "Aland", as_of="2000-01-01")["destinations"]
        [hop] = d["paths"][0]["hops"]
        assert [e["date"] for e in hop["evidence"]] == ["1988", "1980"]
        assert (hop["kind"], hop["date"]) == ("delivered", "1980")
        [fact] = d["paths"][0]["allowed_by"]
        assert fact["reason"] == "delivered Aland → Borduria (1980), before 2000-01-01"
        assert (d["presence"]["status"], d["presence"]["since"]) == ("already there", "1980")

    def test_the_delivery_is_a_fact_only_once_surely_made(self, sw) -> None:
        store, _ = sw
        [d] = destinations(store, "SAM", "Aland", as_of="1990-06-01")["destinations"]
        [allowed] = d["paths"][0]["allowed_by"]
        assert allowed["reason"] == "delivered Aland → Borduria (1989), before 1990-06-01"
        assert (allowed["label"], allowed["fact"]) == ("delivered Aland → Borduria (1989)",
                                                       "delivered")
        assert d["presence"] == {"status": "already there", "since": "1989",
                                 "note": "delivered from the origin by the date"}
        # In the first year of delivery it is no fact yet: nothing decides the hop.
        [d] = destinations(store, "SAM", "Aland", as_of="1989-06-01")["destinations"]
        assert d["paths"][0]["allowed_by"] == []
        assert d["verdict_basis"] == "no known rule"

    @pytest.mark.parametrize("as_of", ["1987-06-01", "1989-06-01", "1990-06-01"])
    def test_no_output_shows_a_day_the_data_does_not_have(self, sw, as_of: str) -> None:
        import json
        text = json.dumps(destinations(sw[0], "SAM", "Aland", as_of=as_of))
        assert "-01-01" not in text and "-12-31" not in text

    def test_evidence_shows_the_register_row(self, sw) -> None:
        store, n = sw
        [d] = destinations(store, "SAM", "Aland", as_of="1990-06-01")["destinations"]
        [ev] = d["paths"][0]["hops"][0]["evidence"]
        assert (ev["statement"], ev["date"], ev["date_precision"]) == (
            str(n["deal"]), "1989", "year")
        assert ev["deal"] == {
            "designation": "SAM-1", "ordered": 12, "delivered": 12, "order_year": 1988,
            "delivery_years": [1989, 1990, 1991], "comment": "ex-army stock", "status": "New",
            "uncertain": []}


def chain_world() -> tuple[World, dict[str, URIRef]]:
    """Aland delivers SAM to Borduria in 2023. Borduria delivered SAM to Carpania in 1993
    (its own, older stock), has ordered more for Dalmia (2024, not delivered), and
    delivered to Estrania both in 1990 and in 2025."""
    w = World()
    n = {c: w.state(code, name) for c, code, name in [
        ("A", "AAA", "Aland"), ("B", "BBB", "Borduria"), ("C", "CCC", "Carpania"),
        ("D", "DDD", "Dalmia"), ("E", "EEE", "Estrania")]}
    n["sam"] = w.system("SAM")
    n["ab"] = w.deal("ab", n["A"], n["B"], n["sam"], order_year=2022, delivery_years=(2023,))
    n["bc"] = w.deal("bc", n["B"], n["C"], n["sam"], order_year=1992, delivery_years=(1993,))
    n["bd"] = w.deal("bd", n["B"], n["D"], n["sam"], order_year=2024)
    n["be-old"] = w.deal("be-old", n["B"], n["E"], n["sam"], order_year=1989,
                         delivery_years=(1990,))
    n["be-new"] = w.deal("be-new", n["B"], n["E"], n["sam"], order_year=2024,
                         delivery_years=(2025,))
    return w, n


@pytest.fixture(scope="module")
def cw() -> tuple[OxigraphStore, dict[str, URIRef]]:
    w, n = chain_world()
    return w.store(), n


class TestTimeConsistentChains:
    def test_a_hop_older_than_the_items_arrival_is_no_route(self, cw) -> None:
        store, n = cw
        r = destinations(store, "SAM", "Aland", as_of="2026-01-01")
        assert {d["state"]["label"] for d in r["destinations"]} == {
            "Borduria", "Dalmia", "Estrania"}
        # ... but it is shown, labelled, as Borduria's own stock
        [stock] = r["own_stock"]
        assert (stock["from"]["label"], stock["to"]["label"], stock["items_there_from"]) == (
            "Borduria", "Carpania", "2023")
        assert (stock["hop"]["kind"], stock["hop"]["date"]) == ("delivered", "1993")
        to_c = paths(store, "SAM", "Aland", "Carpania", as_of="2026-01-01")
        assert to_c["destinations"] == []
        assert [(o["from"]["label"], o["to"]["label"]) for o in to_c["own_stock"]] == [
            ("Borduria", "Carpania")]
        # asked about one destination, the own stock of hops elsewhere is not listed
        assert paths(store, "SAM", "Aland", "Dalmia", as_of="2026-01-01")["own_stock"] == []

    def test_the_older_hop_is_still_a_route_from_its_own_supplier(self, cw) -> None:
        store, _ = cw
        r = destinations(store, "SAM", "Borduria", as_of="2026-01-01")
        c = next(d for d in r["destinations"] if d["state"]["label"] == "Carpania")
        assert c["presence"]["status"] == "already there" and r["own_stock"] == []

    def test_a_hop_rests_on_the_statements_after_the_arrival(self, cw) -> None:
        store, n = cw
        e = dest(paths(store, "SAM", "Aland", "Estrania", as_of="2026-01-01"), ids.state("EEE"))
        [p] = e["paths"]
        hop = p["hops"][1]
        assert (hop["kind"], hop["date"]) == ("delivered", "2025")
        marks = {ev["statement"]: ev.get("before_arrival", False) for ev in hop["evidence"]}
        assert marks == {str(n["be-new"]): False, str(n["be-old"]): True}
        assert hop["evidence"][0]["statement"] == str(n["be-new"])
        # two deliveries in a row: the second may have been of Borduria's other stock
        assert e["presence"]["status"] == "possibly there"

    def test_an_open_plan_can_carry_the_items_later(self, cw) -> None:
        store, _ = cw
        d = dest(destinations(store, "SAM", "Aland", as_of="2026-01-01"), ids.state("DDD"))
        assert [h["kind"] for h in d["paths"][0]["hops"]] == ["delivered", "planned"]
        assert d["presence"]["status"] == "could go next"


class TestSayWhatIsKnown:
    def test_no_rule_is_no_known_rule_and_a_rule_is_named(self) -> None:
        w = World()
        a, b, c = (w.state(k, name) for k, name in [
            ("AAA", "Aland"), ("BBB", "Borduria"), ("CCC", "Carpania")])
        sam = w.system("SAM")
        w.fact(ARMS.Transfer, "ab", supplier=a, recipient=b, item=sam,
               modality=ARMS.Delivered, date="2020-05-01")
        w.fact(ARMS.Transfer, "bc", supplier=b, recipient=c, item=sam,
               modality=ARMS.Hypothetical, date="2021-01-10")
        store = w.store()
        r = destinations(store, "SAM", "Aland", as_of="2022-01-01")
        bo, ca = dest(r, b), dest(r, c)
        # the delivery decides Aland → Borduria; nothing decides Borduria → Carpania
        assert (bo["verdict"], bo["verdict_basis"]) == ("open", "rules and facts")
        assert (ca["verdict"], ca["verdict_basis"]) == ("open", "no known rule")
        assert [(x["from"]["label"], x["to"]["label"])
                for x in ca["paths"][0]["no_known_rule"]] == [("Borduria", "Carpania")]
        # once Borduria's rule permits re-export to anyone, a rule decides it
        w.version("bo", b, "2000-01-01", rules=[
            w.rule(ARMS.Permission, "bo-any", kind=ARMS.DirectExport, dest=ARMS.AnyState),
            w.rule(ARMS.Permission, "bo-re", kind=ARMS.ReExport, dest=ARMS.AnyState)])
        w.version("al", a, "2000-01-01", rules=[
            w.rule(ARMS.Permission, "al-re", kind=ARMS.ReExport, dest=ARMS.AnyState)])
        ca = dest(destinations(w.store(), "SAM", "Aland", as_of="2022-01-01"), c)
        assert (ca["verdict"], ca["verdict_basis"]) == ("open", "rules and facts")
        assert ca["paths"][0]["no_known_rule"] == []
        assert [x["label"] for x in ca["paths"][0]["allowed_by"]][-1] == "rule al-re"


def test_answers_memoise_in_the_snapshot_and_write_nothing_into_the_projection(lw) -> None:
    from armsgraph.reason.project import PROJECTION  # noqa: PLC0415
    from armsgraph.store.snapshot import snapshot  # noqa: PLC0415

    store, _ = lw
    forget(store)
    G = project(store)
    keys = set(G.graph)
    first = destinations(store, "SAM", "Aland", as_of="2024-04-01")
    assert set(G.graph) == keys and not any(k.startswith("_") for k in G.graph)
    snap = snapshot(store)
    assert snap.get(PROJECTION).graph() is G
    assert len(snap.memo("paths-hops-reviewed")) == 1
    assert len(snap.memo("paths-contexts-reviewed")) == 1
    # The same question again is answered from the memos, with the same answer.
    assert destinations(store, "SAM", "Aland", as_of="2024-04-01") == first
    assert len(snap.memo("paths-hops-reviewed")) == 1
    # A projection passed in shares nothing: same answer, snapshot memos untouched.
    assert destinations(G, "SAM", "Aland", as_of="2024-04-01") == first
    assert len(snap.memo("paths-hops-reviewed")) == 1


class TestChainCertainty:
    """A chain is as certain as its weakest hop (``certainty.level``), and presence
    follows from it."""

    def test_levels_along_the_chains(self, cw) -> None:
        store, _ = cw
        r = destinations(store, "SAM", "Aland", as_of="2026-01-01")
        got = {d["state"]["label"]: (d["paths"][0]["certainty"]["level"],
                                     d["presence"]["status"]) for d in r["destinations"]}
        assert got == {
            "Borduria": ("delivered", "already there"),
            # Borduria → Estrania delivered 2025, after the items got there in 2023: it may
            # still have been of Borduria's other stock
            "Estrania": ("delivered, maybe other stock", "possibly there"),
            "Dalmia": ("planned", "could go next"),
        }
        dalmia = next(d for d in r["destinations"] if d["state"]["label"] == "Dalmia")
        cert = dalmia["paths"][0]["certainty"]
        assert (cert["weakest"]["from"]["label"], cert["weakest"]["to"]["label"]) == (
            "Borduria", "Dalmia")
        borduria = next(d for d in r["destinations"] if d["state"]["label"] == "Borduria")
        assert borduria["paths"][0]["certainty"]["weakest"] is None

    def test_a_date_inside_the_delivery_year_is_maybe_delivered(self, cw) -> None:
        store, _ = cw
        [d] = paths(store, "SAM", "Aland", "Borduria", as_of="2023-06-01")["destinations"]
        assert d["paths"][0]["certainty"]["level"] == "maybe delivered"

    def test_a_lot_made_by_the_intermediate_is_these_items(self) -> None:
        """Borduria makes SAM under Aland's licence and delivers its own lot to Carpania:
        that delivery is of the traced items, whatever Borduria held before."""
        w = World()
        a, b, c = (w.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                               ("CCC", "Carpania")])
        sam = w.system("SAM", origin=a)
        lic = w.fact(ARMS.ProductionLicence, "lic", licensor=a, licensee=b, item=sam,
                     date="2010-01-01")
        lot = ids.lot("SAM", "BBB")
        w.g.add((lot, ns.RDF.type, ARMS.Lot))
        w.g.add((lot, ARMS.ofSystem, sam))
        w.g.add((lot, ARMS.producedIn, b))
        w.g.add((lot, ARMS.underLicence, lic))
        w.deal("ab", a, b, sam, order_year=2010, delivery_years=(2012,))
        w.deal("bc-lot", b, c, lot, order_year=2014, delivery_years=(2015,))
        w.deal("bc-stock", b, c, sam, order_year=2016, delivery_years=(2017,))
        store = w.store()
        [d] = paths(store, "SAM", "Aland", "Carpania", as_of="2020-01-01")["destinations"]
        assert d["paths"][0]["certainty"]["level"] == "delivered"
        assert (d["presence"]["status"], d["presence"]["since"]) == ("already there", "2015")
        # Without the lot, Borduria's delivery of SAM may have been of other stock.
        w2 = World()
        a, b, c = (w2.state(x, y) for x, y in [("AAA", "Aland"), ("BBB", "Borduria"),
                                                ("CCC", "Carpania")])
        sam = w2.system("SAM", origin=a)
        w2.deal("ab", a, b, sam, order_year=2010, delivery_years=(2012,))
        w2.deal("bc-stock", b, c, sam, order_year=2016, delivery_years=(2017,))
        [d] = paths(w2.store(), "SAM", "Aland", "Carpania", as_of="2020-01-01")["destinations"]
        assert d["paths"][0]["certainty"]["level"] == "delivered, maybe other stock"
        assert d["presence"]["status"] == "possibly there"
