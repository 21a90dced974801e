"""graph/render/tables.py: extraction scores and an article's facts as Rich tables."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from armsgraph.extract.evaluate import evaluate_dir
from armsgraph.extract.model import DateValue, Extraction, Fact, Role, SourceInfo
from armsgraph.render.tables import explain_table, print_report
from tests.graph.extract.test_evaluate import GOLD, write_gold


def test_print_report_has_every_type_and_total(tmp_path: Path) -> None:
    write_gold(tmp_path, "a")
    write_gold(tmp_path, "b")
    report = evaluate_dir(tmp_path, lambda text, meta: {"facts": GOLD[:1]})
    console = Console(record=True, width=120)
    print_report(report, console)
    shown = console.export_text()
    for word in ("Transfer", "Threat", "micro", "all articles (pooled)", "0.67"):
        assert word in shown


def test_explain_table_has_a_row_per_fact() -> None:
    japan = Role("https://w3id.org/armsgraph/id/state/JPN", "Japan")
    usa = Role("https://w3id.org/armsgraph/id/state/USA", "United States")
    fact = Fact("urn:f1", "Transfer", "planned", {"supplier": japan, "recipient": usa},
                "Japan will send Patriots to the US.", (0, 35), "transfer.send", 0.8,
                date=DateValue("2023-12", "month"))
    long = Fact("urn:f2", "Threat", "threatened", {"actor": usa}, "x" * 100, (40, 140),
                "threat.warn", 0.5)
    console = Console(record=True, width=200)
    console.print(explain_table(Extraction(SourceInfo("urn:s", "s"), [], [fact, long])))
    shown = console.export_text()
    assert "2 facts" in shown
    for cell in ("Transfer", "planned", "supplier: Japan", "recipient: United States",
                 "2023-12 (month)", "transfer.send", "0.80", "Japan will send Patriots"):
        assert cell in shown
    assert "x" * 87 + "..." in shown and "x" * 88 not in shown
