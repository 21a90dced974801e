"""The CLI's reading commands beside the API's lists: ``facts``, ``entities``, ``sparql``.

Each prints a Rich table by default (``--format table``), or the same records as JSON or
CSV (``--format json|csv``) for scripts. They read the same catalog as ``/facts`` and
``/entities`` (:class:`armsgraph.views.catalog.Catalog`) and the same guarded SPARQL as ``/sparql``
(:func:`armsgraph.store.sparql.answer`), so an answer here is the API's answer.
"""

# No ``from __future__ import annotations``: typer reads the option annotations of the
# commands defined inside :func:`register`, which name that function's local aliases.
import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, get_args

import typer
from rich.console import Console
from rich.table import Table

from ..errors import InputError
from ..prefixes import PREFIXES
from ..views.records import EntitySummary, FactFilter, FactSummary
from ..views.vocab import EntityType, FactType, StatusName

__all__ = ["register", "fact_table", "entity_table", "short_iri", "TABLE_FORMATS"]

#: What ``--format`` of the list commands takes.
TABLE_FORMATS = ("table", "json", "csv")


def _catalog(store: Any) -> Any:
    """The store's catalog (:func:`armsgraph.views.catalog.catalog`), imported when a list
    command runs: the catalog and the read index it uses pull in pySHACL and NetworkX,
    half a second of imports that every other command would pay at start."""
    from ..views.catalog import catalog  # noqa: PLC0415

    return catalog(store)


def short_iri(iri: str) -> str:
    """An IRI as a prefixed name where a project prefix fits (``state:JPN``).

    >>> short_iri("https://w3id.org/armsgraph/id/state/JPN")
    'state:JPN'
    >>> short_iri("urn:x")
    'urn:x'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and "/" not in iri[len(ns):]:
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _roles(f: FactSummary) -> str:
    return "\n".join(f"{role}: {', '.join(e.label for e in refs)}"
                     for role, refs in f.roles.items())


def fact_table(facts: Sequence[FactSummary], total: int) -> Table:
    """Facts as a table: id, type, status, date, roles, confidence, source.

    The title counts events when the facts are listed as events (``FactFilter(events=True)``
    fills ``statements``), else facts.
    """
    noun = "event" if any(f.statements for f in facts) else "fact"
    noun += "" if total == 1 else "s"
    shown = f"{len(facts)} of {total} {noun}" if len(facts) < total else f"{total} {noun}"
    table = Table(title=shown, show_lines=True, title_justify="left")
    for col in ("id", "type", "status", "date", "roles", "conf.", "source"):
        table.add_column(col, overflow="fold")
    for f in facts:
        when = f"{f.date} ({f.date_precision})" if f.date and f.date_precision else f.date or ""
        ident = f.id if len(f.statements) < 2 else (
            f"{f.id}\n(+{len(f.statements) - 1} statements of this event)")
        table.add_row(ident, f.type, ", ".join(f.status), when, _roles(f),
                      "" if f.confidence is None else f"{f.confidence:.2f}",
                      "\n".join(f.sources) if f.sources else f.source or "")
    return table


def entity_table(entities: Sequence[EntitySummary], total: int) -> Table:
    """Entities as a table: id, label, types and (the first few) aliases."""
    shown = f"{len(entities)} of {total} entities" if len(entities) < total else f"{total} entities"
    table = Table(title=shown, title_justify="left")
    for col in ("id", "label", "types", "aliases"):
        table.add_column(col, overflow="fold")
    for e in entities:
        aliases = ", ".join(e.aliases[:4]) + (" …" if len(e.aliases) > 4 else "")
        table.add_row(e.id, e.label, ", ".join(e.types), aliases)
    return table


def _entities_csv(entities: Sequence[EntitySummary]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "iri", "label", "types", "aliases"])
    for e in entities:
        w.writerow([e.id, e.iri, e.label, ";".join(e.types), ";".join(e.aliases)])
    return buf.getvalue()


def _check_format(fmt: str, allowed: Sequence[str]) -> str:
    if fmt not in allowed:
        raise InputError(f"unknown format {fmt!r}; use {', '.join(allowed)}")
    return fmt


def _check_choice(value: str | None, choices: tuple[str, ...], what: str) -> Any:
    if value is not None and value not in choices:
        raise InputError(f"unknown {what} {value!r}; use one of: {', '.join(choices)}")
    return value


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} must be a date YYYY-MM-DD, not {value!r}") from None


def register(
    app: typer.Typer,
    open_store: Callable[..., Any],
    handle_errors: Callable[[Any], Any],
    out: Console,
    store_opt: Any,
    result_cap: Callable[[], int],
) -> None:
    """Add ``facts``, ``entities`` and ``sparql`` to the ``armsgraph`` app."""

    FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, json or csv")]
    LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Rows to show at most.")]

    @app.command()
    @handle_errors
    def facts(
        type: Annotated[str | None, typer.Option("--type", help="transfer, threat, …")] = None,
        status: Annotated[str | None, typer.Option("--status", help="delivered, planned, "
                                                   "granted, …")] = None,
        source: Annotated[str | None, typer.Option("--source", help="Source key, id or "
                                                   "IRI.")] = None,
        party: Annotated[str | None, typer.Option("--party", help="Any entity in any role: "
                                                  "id, IRI, name or ISO code.")] = None,
        item: Annotated[str | None, typer.Option("--item", help="A system (its variants and "
                                                 "lots too).")] = None,
        date_from: Annotated[str | None, typer.Option("--date-from", help="YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, typer.Option("--date-to", help="YYYY-MM-DD")] = None,
        events: Annotated[bool, typer.Option("--events/--statements", help="One row per "
                                             "event, its statements and sources together "
                                             "(default), or one row per statement.")] = True,
        limit: LimitOpt = 50,
        format: FormatOpt = "table",
        store: store_opt = None,
    ) -> None:
        """Facts (statements), newest first, filtered as GET /facts filters them."""
        from ..views.exports import facts_csv  # noqa: PLC0415

        fmt = _check_format(format, TABLE_FORMATS)
        where = FactFilter(
            _check_choice(type, get_args(FactType), "fact type"),
            _check_choice(status, get_args(StatusName), "status"),
            source, party, item,
            _day(date_from, "--date-from"), _day(date_to, "--date-to"), events=events,
        )
        st = open_store(store)
        try:
            cat = _catalog(st)
            found = cat.facts(where)
            if fmt == "csv":
                sys.stdout.buffer.write(facts_csv(cat, found[:limit]))
                return
        finally:
            st.close()
        if fmt == "json":
            body = {"total": len(found), "items": [asdict(f) for f in found[:limit]]}
            sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        else:
            out.print(fact_table(found[:limit], len(found)))

    @app.command()
    @handle_errors
    def entities(
        q: Annotated[str | None, typer.Argument(help="Part of a label or alias, any case.")]
        = None,
        type: Annotated[str | None, typer.Option("--type", help="state, system, company, "
                                                 "…")] = None,
        limit: LimitOpt = 50,
        format: FormatOpt = "table",
        store: store_opt = None,
    ) -> None:
        """States, companies, people, systems … by name, as GET /entities finds them."""
        fmt = _check_format(format, TABLE_FORMATS)
        kind: EntityType | None = _check_choice(type, get_args(EntityType), "entity type")
        st = open_store(store)
        try:
            found = _catalog(st).entities(q, kind)
        finally:
            st.close()
        shown = found[:limit]
        if fmt == "json":
            body = {"total": len(found), "items": [asdict(e) for e in shown]}
            sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            sys.stdout.write(_entities_csv(shown))
        else:
            out.print(entity_table(shown, len(found)))

    @app.command()
    @handle_errors
    def sparql(
        query: Annotated[str | None, typer.Argument(help="A SPARQL query (read-only); '-' "
                                                    "reads it from stdin.")] = None,
        file: Annotated[typer.FileText | None, typer.Option("--file", help="Read the query "
                                                            "from a file.")] = None,
        format: Annotated[str, typer.Option("--format", "-f", help="table (SELECT), json, "
                                            "csv, tsv, xml; turtle, nt … for CONSTRUCT")]
        = "table",
        store: store_opt = None,
        reviewed: Annotated[bool, typer.Option(
            "--as-reviewed/--raw", help="Query the curated graph (default: what analysts "
            "rejected or corrected left out) or the graph as extracted.")] = True,
    ) -> None:
        """Ask the graph a SPARQL query: the same checks and row cap as GET /sparql."""
        from ..store.sparql import answer, query_form  # noqa: PLC0415
        from ..views.curated import view  # noqa: PLC0415

        if file is not None:
            text = file.read()
        elif query == "-":
            text = sys.stdin.read()
        elif query:
            text = query
        else:
            raise InputError("give a query, '-' to read it from stdin, or --file FILE")
        form = query_form(text)
        fmt = format
        if fmt == "table" and form in ("CONSTRUCT", "DESCRIBE"):
            fmt = "turtle"
        st = open_store(store)
        try:
            data = answer(view(st, reviewed=reviewed), text, "json" if fmt == "table" else fmt,
                          cap=result_cap())
        finally:
            st.close()
        if fmt != "table":
            sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
            return
        body = json.loads(data)
        if "boolean" in body:
            out.print("yes" if body["boolean"] else "no")
            return
        names = body["head"]["vars"]
        rows = body["results"]["bindings"]
        table = Table(title=f"{len(rows)} rows", title_justify="left")
        for name in names:
            table.add_column(name, overflow="fold")
        for row in rows:
            cells = []
            for name in names:
                cell = row.get(name)
                value = "" if cell is None else str(cell["value"])
                cells.append(short_iri(value) if cell and cell["type"] == "uri" else value)
            table.add_row(*cells)
        out.print(table)
