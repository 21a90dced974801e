"""Tables for a terminal (Rich): an article's extracted facts, and extraction scores.

The CLI's ``extract --explain`` prints :func:`explain_table`; ``eval`` prints
:func:`print_report`. The numbers come from :mod:`armsgraph.extract` and
:mod:`armsgraph.extract.evaluate`; this module only lays them out.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from ..extract.evaluate import Report, describe
from ..extract.model import Extraction

__all__ = ["explain_table", "print_report"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def explain_table(extraction: Extraction) -> Table:
    """A rich table of the facts: type, status, roles, date, rule and confidence."""
    table = Table(title=f"{len(extraction.facts)} facts", show_lines=True)
    for col in ("#", "type", "status", "roles", "date", "rule", "conf.", "sentence"):
        table.add_column(col, overflow="fold")
    for n, f in enumerate(extraction.facts, 1):
        roles = "\n".join(f"{k}: {v.label}" for k, v in f.roles.items())
        date = f"{f.date.value} ({f.date.precision})" if f.date else ""
        sentence = f.sentence if len(f.sentence) <= 90 else f.sentence[:87] + "..."
        table.add_row(str(n), f.type, f.status, roles, date, f.rule, f"{f.confidence:.2f}",
                      sentence)
    return table


def print_report(
    report: Report, console: Any = None, *, totals: bool = True, errors: bool = False
) -> None:
    """Print one table per article and a pooled total: P/R/F1 per type and micro.

    ``console`` is a :class:`rich.console.Console` (a new one on stdout by default). With
    ``errors``, each article's table is followed by its missed gold facts and its spurious
    predictions, one line each (:func:`armsgraph.extract.evaluate.describe`).
    """
    con = console if console is not None else Console()
    by_name = {r.name: r for r in report.articles}
    sections = [(r.name, r.scores) for r in report.articles]
    if totals and len(report.articles) > 1:
        sections.append(("all articles (pooled)", report.total))
    for title, scores in sections:
        table = Table(title=title, title_justify="left")
        for col in ("type", "gold", "pred", "tp", "P", "R", "F1"):
            table.add_column(col, justify="left" if col == "type" else "right")
        rows = list(scores.by_type.items()) + [("micro", scores.micro)]
        for kind, c in rows:
            table.add_row(
                kind, str(c.gold), str(c.predicted), str(c.tp),
                _pct(c.precision), _pct(c.recall), _pct(c.f1),
                style="bold" if kind == "micro" else None,
            )
        con.print(table)
        con.print(
            f"status accuracy {_pct(scores.status_accuracy)} over {scores.matched} matched; "
            f"date accuracy {_pct(scores.date_accuracy)} over {scores.dated} dated"
        )
        result = by_name.get(title)
        if errors and result is not None:
            golds = {i for _, i in result.scores.pairs}
            preds = {j for j, _ in result.scores.pairs}
            for i, fact in enumerate(result.gold.facts):
                if i not in golds:
                    con.print(f"  missed   {describe(fact)}", markup=False, highlight=False)
            for j, fact in enumerate(result.predicted):
                if j not in preds:
                    con.print(f"  spurious {describe(fact)}", markup=False, highlight=False)
