"""The reasoning gold set (``tests/reasoning/cases.py``) against the full SIPRI register.

The graph is what a researcher loads: ``armsgraph build`` (ontology, reference data,
curated cases, the seed article) plus ``armsgraph import sipri`` of the whole register,
in one in-memory store for the session (about 25 s). Skipped when the register is absent
(it is never committed: SIPRI's terms).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import networkx as nx
import pytest

from armsgraph.load.build import build
from armsgraph.load.sipri import import_register
from armsgraph.reason.paths import destinations, paths
from armsgraph.reason.project import project
from armsgraph.store import OxigraphStore
from tests.conftest import DATA_DIR, ONTOLOGY_DIR, SIPRI_REGISTER
from tests.reasoning.cases import CASES, Case

needs_register = pytest.mark.skipif(
    not SIPRI_REGISTER.exists(),
    reason=f"SIPRI trade register not present at {SIPRI_REGISTER} (not redistributable)",
)


@pytest.fixture(scope="session")
def real_graph() -> Iterator[nx.MultiDiGraph]:
    store = OxigraphStore()
    build(store, ONTOLOGY_DIR, DATA_DIR)
    import_register(store, SIPRI_REGISTER)
    yield project(store)


def _hops(path: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(h["from"]["label"], h["to"]["label"], h["kind"]) for h in path["hops"]]


def _threat_target(G: nx.MultiDiGraph, statement: str) -> str:
    for t in G.graph["threats"]:
        if t["statement"] == statement:
            return str(G.nodes[t["target"]]["label"])
    return ""


def check(G: nx.MultiDiGraph, case: Case) -> list[str]:
    """What is wrong with the graph's answer to ``case`` (empty when it is right)."""
    answer = paths(G, case.item, case.origin, case.to, case.as_of)
    dests = answer["destinations"]
    wrong: list[str] = []
    if not dests:
        if case.expect not in ("absent", "any"):
            wrong.append(f"{case.to} is not reached; expected {case.expect}")
        ps: list[dict[str, Any]] = []
    else:
        d = dests[0]
        if case.expect == "absent":
            wrong.append(f"{case.to} is reached ({d['verdict']}); expected absent")
        elif case.expect not in ("present", "any") and d["verdict"] != case.expect:
            wrong.append(f"verdict {d['verdict']}; expected {case.expect}")
        ps = d["paths"]
    hops = [h for p in ps for h in _hops(p)]
    pairs = {(u, v) for u, v, _ in hops}
    for hop in case.via:
        if hop not in pairs:
            wrong.append(f"no path has the hop {hop[0]} → {hop[1]}")
    if case.not_via:
        whole = _whole_answer_pairs(G, case)
        for hop in case.not_via:
            if hop in whole:
                wrong.append(f"the hop {hop[0]} → {hop[1]} appears")
    for u, v, kind in case.hop_kind:
        kinds = {k for a, b, k in hops if (a, b) == (u, v)}
        if kinds != {kind}:
            wrong.append(f"hop {u} → {v} is {sorted(kinds) or 'absent'}; expected {kind}")
    for u, v, kind in case.hop_not_kind:
        if (u, v, kind) in hops:
            wrong.append(f"hop {u} → {v} is {kind}")
    for u, v, stage in case.hop_uncertain:
        got = {(h["kind"], h.get("uncertain", {}).get("what")) for p in ps for h in p["hops"]
               if (h["from"]["label"], h["to"]["label"]) == (u, v)}
        if not got or any(what != stage for _, what in got):
            wrong.append(f"hop {u} → {v} is {sorted(got, key=str) or 'absent'}; expected "
                         f"maybe {stage} by the date")
    if case.presence is not None and dests and dests[0]["presence"]["status"] != case.presence:
        wrong.append(f"presence {dests[0]['presence']['status']}; expected {case.presence}")
    for via, verdict in case.path_verdict:
        got = {p["verdict"] for p in ps if via in [h["to"]["label"] for h in p["hops"]][:-1]}
        if got != {verdict}:
            wrong.append(f"paths through {via} are {sorted(got) or 'absent'}; expected {verdict}")
    named = {n["label"] for p in ps for n in p["needs_consent_from"]}
    for holder in case.needs:
        if holder not in named:
            wrong.append(f"{holder}'s consent is not asked for (asked: {sorted(named)})")
    targets = {_threat_target(G, r["statement"]) for p in ps for r in p["risks"]}
    for t in case.risk_targets:
        if t not in targets:
            wrong.append(f"no risk from a threat against {t}")
    for t in case.no_risk_targets:
        for p in ps:
            route = [p["hops"][0]["from"]["label"], *(h["to"]["label"] for h in p["hops"])]
            if t not in route and t in {_threat_target(G, r["statement"]) for r in p["risks"]}:
                wrong.append(f"a threat against {t} is a risk of {' → '.join(route)}")
    return wrong


def _whole_answer_pairs(G: nx.MultiDiGraph, case: Case) -> set[tuple[str, str]]:
    answer = destinations(G, case.item, case.origin, case.as_of)
    return {(u, v) for d in answer["destinations"] for p in d["paths"]
            for u, v, _ in _hops(p)}


def _param(case: Case) -> Any:
    marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
    return pytest.param(case, id=case.id, marks=marks)


def test_gold_set_is_large_and_sourced() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)
    for c in CASES:
        assert c.url.startswith("https://"), c.id
        assert c.expect in {"open", "conditional", "blocked", "present", "absent", "any"}, c.id


@pytest.mark.slow
@needs_register
@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_gold_case(real_graph: nx.MultiDiGraph, case: Case) -> None:
    wrong = check(real_graph, case)
    assert not wrong, f"{case.id} ({case.source}): " + "; ".join(wrong)
