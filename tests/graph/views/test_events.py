"""graph.views.events: statements of one event are listed once."""

from __future__ import annotations

from graph.store import OxigraphStore
from graph.views.catalog import catalog
from graph.views.records import FactFilter, FactSummary


def _summary(key: str, when: str | None, confidence: float, source: str) -> FactSummary:
    return FactSummary(f"fact/{key}", f"urn:{key}", "threat", None, ("threatened",), when,
                       None if when is None else "day", confidence, source, {})


def test_events_merge_statements_of_one_event() -> None:
    from graph.views.events import events
    from graph.views.index import _Fact

    roles = {"actor": ["urn:RUS"], "target": ["urn:JPN"]}
    records = {
        "urn:a": _Fact("urn:a", roles={**roles, "speaker": ["urn:p1"]}),
        "urn:b": _Fact("urn:b", roles=dict(roles)),
        "urn:c": _Fact("urn:c", roles={**roles, "reported_via": ["urn:ria"]}),
        "urn:d": _Fact("urn:d", roles=dict(roles)),  # a year later: another event
        "urn:e": _Fact("urn:e", roles={"actor": ["urn:RUS"], "target": ["urn:DEU"]}),
    }
    facts = [_summary("a", "2024-03-22", 0.8, "s1"), _summary("b", None, 0.9, "s2"),
             _summary("c", "2024-03", 0.7, "s1"), _summary("d", "2025-01-02", 0.8, "s3"),
             _summary("e", "2024-03-22", 0.8, "s1")]
    got = events(records, facts)
    assert [(f.id, f.statements, f.sources) for f in got] == [
        # the most confident statement leads; the speaker and the agency are no parties
        ("fact/b", ("fact/b", "fact/a", "fact/c"), ("s2", "s1")),
        ("fact/d", ("fact/d",), ("s3",)),
        ("fact/e", ("fact/e",), ("s1",)),
    ]


def test_the_japan_threat_is_one_event(built_store: OxigraphStore) -> None:
    cat = catalog(built_store)
    statements = cat.facts(FactFilter(type="threat", party="state/JPN"))
    (event,) = cat.facts(FactFilter(type="threat", party="state/JPN", events=True))
    assert len(statements) > 1
    assert sorted(event.statements) == sorted(f.id for f in statements)
    assert event.statements[0] == event.id
    assert event.sources == ("15aa59eee5944eed",)
    # Every statement is still reachable on its own.
    assert all(cat.fact(key).fact.id == key for key in event.statements)
