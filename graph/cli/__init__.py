"""The ``armsgraph`` command line: the same core as the service, for a terminal.

Each command is a few lines over a :mod:`armsgraph` function. Errors of the
:class:`~armsgraph.errors.ArmsGraphError` tree are printed as one clear line on stderr and the
command exits non-zero; no traceback reaches the user.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from ..errors import ArmsGraphError, EmptyGraph, InputError, StoreBusy, StoreError
from ..files import read_input, write_output
from ..settings import Settings, get_settings

__all__ = ["app", "main"]

app = typer.Typer(
    name="armsgraph",
    help="armsgraph: an arms-transfer knowledge graph with consent-aware re-export paths.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
import_app = typer.Typer(help="Import reference datasets.", no_args_is_help=True)
app.add_typer(import_app, name="import")

#: Piped or redirected, tables get a wide page instead of the 80 columns Rich assumes.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(fn: F) -> F:
    """Turn armsgraph errors into a message on stderr and exit code 1 (2 for bad input)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
            raise typer.Exit(2) from None
        except ArmsGraphError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def settings() -> Settings:
    return get_settings()


def open_configured_store(spec: str | None = None, *, write: bool = False) -> Any:
    """Open the store named by ``spec`` or by the settings (``ARMSGRAPH_STORE``).

    A reading command (not ``write``) needs a built graph: a missing store folder is not
    created and an empty store is closed again, both with :class:`EmptyGraph` ("the graph
    is empty: run `armsgraph build`"). An embedded store held by another process (a
    running ``armsgraph serve``) is opened read-only for reading commands; a writing
    command fails instead, with a message that says how to write.
    """
    from ..settings import store_options  # noqa: PLC0415
    from ..store import is_empty, open_store, require_store_folder  # noqa: PLC0415

    s = settings()
    target = spec or s.store
    if not write:
        require_store_folder(target)
    try:
        st = open_store(target, **store_options(s))
    except StoreBusy as exc:
        if write:
            raise StoreBusy(
                f"{exc}: stop 'armsgraph serve' and run this command again, or write "
                "through the server's API (POST /articles ingests an article)"
            ) from None
        from ..store import OxigraphStore  # noqa: PLC0415

        st = OxigraphStore(target, read_only=True)
    if not write and is_empty(st):
        st.close()
        raise EmptyGraph(None if target == "memory" else f"the store at {target} holds nothing")
    return st


StoreOpt = Annotated[
    str | None, typer.Option("--store", help="Store folder, 'memory' or SPARQL URL.")
]


def _load_saved(st: Any) -> None:
    """Before a write that adds a graph: load the parts saved for the store as it is, so
    that :func:`save_derived` refreshes them with the new graph instead of building them."""
    from ..reason.project import PROJECTION  # noqa: PLC0415
    from ..store.snapshot import Part, is_saved, snapshot  # noqa: PLC0415
    from ..views.index import INDEX  # noqa: PLC0415

    parts: tuple[Part[Any], ...] = (PROJECTION, INDEX)
    for part in parts:
        if is_saved(st, part):
            snapshot(st).get(part)


def save_derived(st: Any) -> None:
    """After a write (``build``, ``import sipri``, ``ingest``, ``review …``): make and save
    beside an on-disk store what a cold server or a cold CLI question reads first — the
    projection, the read index and the map's pickers
    (:func:`armsgraph.store.snapshot.save_parts`) — so that they load it instead of building
    it (minutes with the SIPRI register). Says what it made, on stderr."""
    import time  # noqa: PLC0415

    from armsgraph_api.routes.map import MAP_META  # noqa: PLC0415

    from ..reason.project import PROJECTION  # noqa: PLC0415
    from ..store.snapshot import save_parts  # noqa: PLC0415
    from ..views.index import INDEX  # noqa: PLC0415

    t = time.perf_counter()
    try:
        made = save_parts(st, (PROJECTION, INDEX, MAP_META))
    except ArmsGraphError as exc:  # the write stands; the next reader builds them
        err.print(f"warning: derived data not saved: {exc}", markup=False, highlight=False)
        return
    if made:
        err.print(f"saved derived data beside the store ({', '.join(made)}) in "
                  f"{time.perf_counter() - t:.1f} s", markup=False, highlight=False)


@app.command()
@handle_errors
def build(
    store: StoreOpt = None,
    no_articles: Annotated[bool, typer.Option("--no-articles")] = False,
) -> None:
    """Build the graph from ontology/ and data/, validate it, and print counts."""
    from ..load.build import build as run_build  # noqa: PLC0415

    s = settings()
    st = open_configured_store(store, write=True)
    try:
        report = run_build(st, s.ontology_dir, s.data_dir, articles=not no_articles)
        out.print(f"validated: {'conforms' if report.validation else 'skipped'}")
        for g, n in report.graphs.items():
            out.print(f"{n:>8} triples  {g}")
        for name, n in report.articles.items():
            out.print(f"{n:>8} facts    article {name}")
        out.print(f"{len(st):>8} quads in the store ({len(st.graphs())} named graphs)")
        save_derived(st)
    finally:
        st.close()


@app.command()
@handle_errors
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="turtle, jsonld, nt, nquads or trig")
    ] = "turtle",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write.")] = None,
    store: StoreOpt = None,
) -> None:
    """Write the whole graph in an RDF format (to stdout or a file)."""
    from ..views.exports import dump  # noqa: PLC0415

    st = open_configured_store(store)
    try:
        data = dump(st, fmt)  # Turtle and TriG with the project's prefixes, as the API
    finally:
        st.close()
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_output(output, data)
        err.print(f"wrote {len(data):,} bytes to {output}")


@app.command()
@handle_errors
def validate(
    file: Annotated[Path, typer.Argument(help="A Turtle file to check against the shapes.")],
) -> None:
    """Report SHACL violations of a Turtle file readably; exit 1 when it does not conform."""
    from ..load.validate import load_ontology, load_shapes, validate_graph  # noqa: PLC0415
    from ..store import parse_turtle  # noqa: PLC0415

    s = settings()
    data = parse_turtle(file)
    result = validate_graph(data, load_shapes(s.ontology_dir), load_ontology(s.ontology_dir))
    if result.conforms:
        out.print(f"{file}: conforms ({len(data)} triples)")
        return
    out.print(result.text)
    raise typer.Exit(1)


@app.command()
@handle_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.", min=1, max=65535)] = None,
    store: StoreOpt = None,
) -> None:
    """Serve the graph over HTTP (FastAPI on uvicorn).

    The port is bound before anything is said: a port in use is an error line and exit 1,
    never "serving on …" followed by a failure.
    """
    import socket  # noqa: PLC0415
    import threading  # noqa: PLC0415

    import uvicorn  # noqa: PLC0415

    from armsgraph_api.main import create_app, warm  # noqa: PLC0415

    s = settings()
    h, p = host or s.host, port or s.port
    s.check_bind(h)
    s = s.model_copy(update={"host": h, "port": p, **({"store": store} if store else {})})
    family = socket.AF_INET6 if ":" in h else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((h.strip("[]"), p))
    except OSError as exc:
        sock.close()
        raise StoreError(f"cannot listen on {h}:{p}: {exc.strerror or exc} (is another "
                         "server running? choose another --port)") from None
    try:
        st = _open_for_serving(s)
    except BaseException:
        sock.close()
        raise
    sock.listen(2048)
    message = (f"armsgraph serving on http://{h}:{p}  (API docs: http://{h}:{p}/docs)  "
               f"store: {s.store}")

    class Server(uvicorn.Server):
        """Says it serves once the app has started (the store opened) on the bound port."""

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if not self.should_exit:
                out.print(message, markup=False, highlight=False)

    server = Server(uvicorn.Config(create_app(s, store=st), log_level="warning"))
    # The app warms only a store it opened itself; this one was opened above, so here.
    threading.Thread(target=warm, args=(st,), name="armsgraph-warm", daemon=True).start()
    try:
        server.run(sockets=[sock])
    finally:
        st.close()
    if not server.started:
        raise StoreError(f"the server did not start on {h}:{p} (see the message above)")


def _open_for_serving(s: Settings) -> Any:
    """The store ``serve`` serves, opened (and seeded when empty) before the server starts.

    A store held by another process is one error line; an open that takes longer than
    2 s (RocksDB replaying its write-ahead log after an unclean stop) is said while it
    runs, and how long it took once it is done.
    """
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415

    from armsgraph_api.deps import open_seeded_store  # noqa: PLC0415

    t0 = time.monotonic()
    slow = threading.Timer(2.0, lambda: err.print(
        f"opening the store {s.store} … (recovering after an unclean stop can take a minute)",
        markup=False, highlight=False))
    slow.daemon = True
    slow.start()
    try:
        st = open_seeded_store(s)
    except StoreBusy as exc:
        raise StoreBusy(f"{exc}: is another 'armsgraph serve' running on it? Stop it, or "
                        "serve another store (--store)") from None
    finally:
        slow.cancel()
    if (took := time.monotonic() - t0) > 2.0:
        err.print(f"store opened in {took:.1f} s", markup=False, highlight=False)
    return st


ItemOpt = Annotated[str, typer.Option("--item", help="Weapons system: IRI, name or alias.")]
OriginOpt = Annotated[str, typer.Option("--origin", help="Origin state: IRI, ISO code or name.")]
AsOfOpt = Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD (default today).")]
HopsOpt = Annotated[int | None, typer.Option("--max-hops", min=1, max=8,
                                             help="Longest path (default 4, at most 8).")]
AssumeOpt = Annotated[
    list[str] | None,
    typer.Option("--assume-consent", help="What-if: this holder consents (repeatable)."),
]
LiftOpt = Annotated[
    list[str] | None,
    typer.Option("--lift-policy", help="What-if: ignore this policy or version (repeatable)."),
]
StatedOpt = Annotated[
    bool,
    typer.Option("--only-stated", help="Only hops stated by --as-of (by default routes stated "
                 "later are shown as possible re-exports, judged by the rules of --as-of)."),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="text or json")]
LotOpt = Annotated[str | None, typer.Option("--lot", help="Trace one production lot only.")]
ReviewedOpt = Annotated[
    bool,
    typer.Option("--as-reviewed/--raw", help="Apply analyst reviews (default) or answer from "
                 "the graph as extracted."),
]


def _reasoning(fn_name: str, format: str, store: str | None, reviewed: bool = True,
               **kwargs: Any) -> None:
    import json  # noqa: PLC0415

    from ..reason import paths as reasoning  # noqa: PLC0415
    from ..render.tree import render  # noqa: PLC0415

    if format not in ("text", "json"):
        raise InputError(f"unknown format {format!r}; use text or json")
    if kwargs.get("max_hops") is None:
        kwargs["max_hops"] = settings().max_hops
    st = open_configured_store(store)
    try:
        answer = getattr(reasoning, fn_name)(st, reviewed=reviewed, **kwargs)
    finally:
        st.close()
    if format == "json":
        out.print_json(json.dumps(answer))
    else:
        out.print(render(answer), soft_wrap=False)


@app.command()
@handle_errors
def destinations(
    item: ItemOpt, origin: OriginOpt, as_of: AsOfOpt = None, max_hops: HopsOpt = None,
    assume_consent: AssumeOpt = None, lift_policy: LiftOpt = None, only_stated: StatedOpt = False,
    lot: LotOpt = None, format: FormatOpt = "text", store: StoreOpt = None,
    reviewed: ReviewedOpt = True,
) -> None:
    """Where could ITEM made in ORIGIN end up? Verdicts, consent, risks and evidence."""
    _reasoning("destinations", format, store, reviewed, item=item, origin=origin, as_of=as_of,
               max_hops=max_hops, assume_consent=assume_consent or (),
               lift_policies=lift_policy or (), only_stated=only_stated, lot=lot)


@app.command()
@handle_errors
def paths(
    item: ItemOpt, origin: OriginOpt,
    to: Annotated[str, typer.Option("--to", help="Destination state: IRI, ISO code or name.")],
    as_of: AsOfOpt = None, max_hops: HopsOpt = None, assume_consent: AssumeOpt = None,
    lift_policy: LiftOpt = None, only_stated: StatedOpt = False, lot: LotOpt = None,
    format: FormatOpt = "text", store: StoreOpt = None, reviewed: ReviewedOpt = True,
) -> None:
    """The paths of ITEM from ORIGIN to one destination, with verdicts and evidence."""
    _reasoning("paths", format, store, reviewed, item=item, origin=origin, to=to, as_of=as_of,
               max_hops=max_hops, assume_consent=assume_consent or (),
               lift_policies=lift_policy or (), only_stated=only_stated, lot=lot)


@import_app.command("sipri")
@handle_errors
def import_sipri(
    file: Annotated[Path, typer.Argument(help="The SIPRI trade register CSV, as exported.")],
    store: StoreOpt = None,
    no_progress: Annotated[bool, typer.Option("--no-progress")] = False,
    allow_removals: Annotated[bool, typer.Option(
        "--allow-removals", help="Import even when the file lacks more than 10% of the deals "
        "in the store (by default refused: a truncated file would empty the register).",
    )] = False,
    no_derived: Annotated[bool, typer.Option(
        "--no-derived", help="Do not save the derived data (projection, read index) beside "
        "the store afterwards: the next server or CLI question builds it (minutes).",
    )] = False,
) -> None:
    """Import the SIPRI trade register into graph/sipri (replacing the last import)."""
    from ..load.sipri import import_register  # noqa: PLC0415
    from ..render.progress import StageBar  # noqa: PLC0415

    st = open_configured_store(store, write=True)
    try:
        with StageBar(enabled=not no_progress) as bar:
            report = import_register(st, file, progress=bar, allow_removals=allow_removals)
        for line in report.lines():
            out.print(line, markup=False, highlight=False)
        if not no_derived:
            save_derived(st)
    finally:
        st.close()


@app.command()
@handle_errors
def draw(
    item: ItemOpt, origin: OriginOpt,
    output: Annotated[Path, typer.Option("-o", "--output", help="Image file: .svg or .png.")],
    as_of: AsOfOpt = None, max_hops: HopsOpt = None, only_stated: StatedOpt = False,
    title: Annotated[str | None, typer.Option("--title", help="Caption of the image.")] = None,
    store: StoreOpt = None,
) -> None:
    """Draw where ITEM made in ORIGIN could go as an image (SVG or PNG by extension)."""
    from ..reason import paths as reasoning  # noqa: PLC0415
    from ..render import draw as drawing  # noqa: PLC0415

    fmt = drawing.format_for(output)
    st = open_configured_store(store)
    try:
        answer = reasoning.destinations(
            st, item, origin, as_of=as_of, max_hops=max_hops or settings().max_hops,
            only_stated=only_stated,
        )
    finally:
        st.close()
    data = drawing.draw(answer, fmt, title=title)
    write_output(output, data)
    err.print(f"wrote {len(data):,} bytes to {output}")


@app.command("eval")
@handle_errors
def eval_gold(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of *.gold.json files, e.g. tests/gold.")],
    extractor: Annotated[
        str, typer.Option("--extractor", help="The extractor to score, as module:function.")
    ] = "armsgraph.extract:extract",
    errors: Annotated[
        bool, typer.Option("--errors", help="List missed gold facts and spurious predictions.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extractor against gold facts: P/R/F1 per fact type, per article and in total."""
    import json  # noqa: PLC0415

    from ..extract.evaluate import evaluate_dir, load_extractor  # noqa: PLC0415
    from ..render.tables import print_report  # noqa: PLC0415

    report = evaluate_dir(gold_dir, load_extractor(extractor))
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        print_report(report, out, errors=errors)


MetaOpt = Annotated[
    Path | None,
    typer.Option("--meta", help="Metadata JSON (default: ARTICLE.meta.json beside it)."),
]


@app.command("extract")
@handle_errors
def extract_cmd(
    article: Annotated[Path, typer.Argument(help="The article as plain text (UTF-8).")],
    meta: MetaOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or turtle")] = "json",
    explain: Annotated[
        bool, typer.Option("--explain", help="A table of facts with the rule behind each.")
    ] = False,
) -> None:
    """Extract typed facts from a news article and print them (nothing is stored)."""
    from ..extract import extract  # noqa: PLC0415
    from ..load.ingest import load_article, serialize  # noqa: PLC0415

    art = load_article(article, meta_path=meta)
    result = extract(art.text, art.meta)
    if explain:
        _print_facts(result)
        return
    sys.stdout.write(serialize(result, fmt))


def _print_facts(extraction: Any) -> None:
    """The facts of an extraction: a table on a terminal, plain text blocks in a pipe."""
    from ..load.ingest import explain_text  # noqa: PLC0415
    from ..render.tables import explain_table  # noqa: PLC0415

    if out.is_terminal:
        out.print(explain_table(extraction))
    else:
        sys.stdout.write(explain_text(extraction) + "\n")
        sys.stdout.flush()


@app.command("ingest")
@handle_errors
def ingest_cmd(
    article: Annotated[Path, typer.Argument(help="The article as plain text (UTF-8).")],
    meta: MetaOpt = None,
    store: StoreOpt = None,
) -> None:
    """Extract an article and write its facts to the configured store (once per text)."""
    from ..load.ingest import ingest, load_article  # noqa: PLC0415

    art = load_article(article, meta_path=meta)
    st = open_configured_store(store, write=True)
    try:
        _load_saved(st)
        result = ingest(st, art)
        if result.added:
            save_derived(st)
    finally:
        st.close()
    if result.added:
        _print_facts(result.extraction)
        out.print(f"added {result.facts} facts ({result.triples} triples) from {art.name} "
                  f"to {result.graph}", markup=False, highlight=False)
    else:
        out.print(f"already ingested, nothing added: {result.graph}")


review_app = typer.Typer(
    help="Analyst review: accept, reject or correct facts, add facts by hand, withdraw.",
    no_args_is_help=True,
)
app.add_typer(review_app, name="review")
ReviewerOpt = Annotated[str, typer.Option("--reviewer", help="Your name, recorded.")]
ReasonOpt = Annotated[str | None, typer.Option("--reason", help="Why, in your words.")]
StatementArg = Annotated[str, typer.Argument(help="Statement: IRI, fact/KEY or KEY (or a deal).")]
RoleOpt = Annotated[
    list[str] | None,
    typer.Option("--role", help="ROLE=ENTITY, e.g. holder=state/DEU (repeatable)."),
]


def _roles(items: list[str] | None) -> dict[str, str]:
    roles: dict[str, str] = {}
    for item in items or ():
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InputError(f"--role {item!r} is not ROLE=ENTITY")
        roles[name.strip()] = value.strip()
    return roles


def _review(write: Callable[[Any], Any]) -> None:
    """A review written like an ingest: the parts saved for the store as it was are
    loaded first, so :func:`save_derived` refreshes them with the review graph (seconds
    with the register) instead of leaving the next cold process to build them."""
    st = open_configured_store(write=True)
    try:
        _load_saved(st)
        r = write(st)
        save_derived(st)
    finally:
        st.close()
    out.print(f"{r.action.value}: {r.id}" + (f" (wrote {r.generated})" if r.generated else ""))


@review_app.command("accept")
@handle_errors
def review_accept(statement: StatementArg, reviewer: ReviewerOpt,
                  reason: ReasonOpt = None) -> None:
    """Confirm a fact as extracted."""
    from ..reason import review  # noqa: PLC0415

    _review(lambda st: review.accept(st, statement, reviewer=reviewer, reason=reason))


@review_app.command("reject")
@handle_errors
def review_reject(
    statement: StatementArg, reviewer: ReviewerOpt,
    reason: Annotated[str, typer.Option("--reason", help="Why the fact is wrong.")],
) -> None:
    """Declare a fact wrong: answers of the curated graph stop using it."""
    from ..reason import review  # noqa: PLC0415

    _review(lambda st: review.reject(st, statement, reviewer=reviewer, reason=reason))


@review_app.command("correct")
@handle_errors
def review_correct(
    statement: StatementArg, reviewer: ReviewerOpt, role: RoleOpt = None,
    status: Annotated[str | None, typer.Option("--status", help="e.g. refused, granted, "
                                               "delivered.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY, YYYY-MM or YYYY-MM-DD.")]
    = None,
    type: Annotated[str | None, typer.Option("--type", help="e.g. Transfer, "
                                             "ReExportConsent.")] = None,
    reason: ReasonOpt = None,
) -> None:
    """Replace a fact by a corrected copy (roles, status, date or type changed)."""
    from ..reason import review  # noqa: PLC0415

    change = review.Correction(roles=_roles(role), status=status, date=date, type=type)
    _review(lambda st: review.correct(st, statement, change, reviewer=reviewer, reason=reason))


@review_app.command("add")
@handle_errors
def review_add(
    reviewer: ReviewerOpt,
    source: Annotated[str, typer.Option("--source", help="Source: IRI, source/KEY or KEY.")],
    sentence: Annotated[str, typer.Option("--sentence", help="The sentence that states it.")],
    type: Annotated[str, typer.Option("--type", help="Transfer, ReExportConsent …")],
    status: Annotated[str, typer.Option("--status", help="delivered, refused …")],
    role: RoleOpt = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY[-MM[-DD]].")] = None,
    reason: ReasonOpt = None,
) -> None:
    """Add a fact the extractor missed, from a sentence of a stored source."""
    from ..reason import review  # noqa: PLC0415

    fact = review.NewFact(source=source, sentence=sentence, type=type, status=status,
                          roles=_roles(role), date=date)
    _review(lambda st: review.add_fact(st, fact, reviewer=reviewer, reason=reason))


@review_app.command("withdraw")
@handle_errors
def review_withdraw(
    review_id: Annotated[str, typer.Argument(help="Review: IRI, review/KEY or KEY.")],
    reviewer: ReviewerOpt, reason: ReasonOpt = None,
) -> None:
    """Withdraw an earlier review: what it did no longer applies."""
    from ..reason import review  # noqa: PLC0415

    _review(lambda st: review.withdraw(st, review_id, reviewer=reviewer, reason=reason))


@review_app.command("list")
@handle_errors
def review_list() -> None:
    """Every review, oldest first, and the reviews that no longer match a fact."""
    from ..reason import review  # noqa: PLC0415

    st = open_configured_store()
    try:
        ov = review.overlay(st)
    finally:
        st.close()
    lost = {r.id for r in ov.unmatched}
    for r in ov.reviews:
        what = r.target or r.generated or r.withdraws or ""
        flag = "  [no longer matches a fact]" if r.id in lost else ""
        out.print(f"{r.at:%Y-%m-%d} {r.reviewer_name}: {r.action.value} {what}"
                  f"{' — ' + r.reason if r.reason else ''}  ({r.id}){flag}", highlight=False)
    out.print(f"{len(ov.reviews)} reviews, {len(lost)} no longer match a fact")


@review_app.command("queue")
@handle_errors
def review_queue(
    item: ItemOpt, origin: OriginOpt, as_of: AsOfOpt = None, max_hops: HopsOpt = None,
    to: Annotated[str | None, typer.Option("--to", help="Only the paths to this state.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 20,
    format: FormatOpt = "text", store: StoreOpt = None,
) -> None:
    """The unreviewed facts behind an answer, lowest confidence first."""
    import json  # noqa: PLC0415
    from dataclasses import asdict  # noqa: PLC0415

    from ..reason import paths as reasoning  # noqa: PLC0415
    from ..reason.project import project  # noqa: PLC0415
    from ..reason.review_queue import queue  # noqa: PLC0415

    if format not in ("text", "json"):
        raise InputError(f"unknown format {format!r}; use text or json")
    st = open_configured_store(store)
    try:
        G = project(st)
        hops = max_hops if max_hops is not None else settings().max_hops
        if to is None:
            answer = reasoning.destinations(G, item, origin, as_of=as_of, max_hops=hops)
        else:
            answer = reasoning.paths(G, item, origin, to, as_of=as_of, max_hops=hops)
        entries = queue(G, answer)
    finally:
        st.close()
    shown = entries[:limit]
    if format == "json":
        out.print_json(json.dumps({"total": len(entries), "entries": [asdict(e) for e in shown]}))
        return
    for e in shown:
        out.print(f"{e.confidence:.2f}  {e.kind:<10} {e.statement}  "
                  f"[{', '.join(e.cited_as)}]", highlight=False, soft_wrap=True)
        if e.sentence:
            out.print(f"      \"{e.sentence}\"" + (f" — {e.source_title}" if e.source_title
                                                   else ""), highlight=False, soft_wrap=True)
    out.print(f"{len(entries)} unreviewed facts behind this answer"
              + (f" ({len(shown)} shown)" if len(shown) < len(entries) else ""))


@review_app.command("export")
@handle_errors
def review_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default "
                                                "stdout).")] = None,
) -> None:
    """Every review as TriG."""
    from ..reason import review  # noqa: PLC0415

    st = open_configured_store()
    try:
        data = review.export_reviews(st)
    finally:
        st.close()
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_output(output, data)


@review_app.command("import")
@handle_errors
def review_import(
    file: Annotated[Path, typer.Argument(help="TriG written by 'armsgraph review export'.")],
) -> None:
    """Load reviews exported from another store (checked by the shapes; idempotent)."""
    from ..load.validate import load_ontology, load_shapes  # noqa: PLC0415
    from ..reason import review  # noqa: PLC0415

    data = read_input(file, "reviews file", limit=REVIEWS_MAX_BYTES)
    s = settings()
    st = open_configured_store(write=True)
    try:
        _load_saved(st)
        rep = review.import_reviews(st, data, load_shapes(s.ontology_dir),
                                    load_ontology(s.ontology_dir))
        if rep.added:
            save_derived(st)
    finally:
        st.close()
    out.print(f"{rep.added} reviews added, {rep.present} already present")


#: Largest reviews file `review import` reads.
REVIEWS_MAX_BYTES = 200_000_000


def _register_reading_commands() -> None:
    from . import read as cli_read  # noqa: PLC0415

    cli_read.register(app, open_configured_store, handle_errors, out, StoreOpt,
                      lambda: settings().result_cap)


_register_reading_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``armsgraph`` console script (``argv``: the arguments, for tests).

    Commands turn armsgraph's own errors into a line (:func:`handle_errors`); what is
    left here is the last net: an operating-system error (a closed pipe, a full disk) or
    a bug still ends with one ``error:`` line and exit 1, never a traceback.
    """
    try:
        code = app(args=argv, prog_name="armsgraph", standalone_mode=False)
    except typer.TyperException as exc:  # usage: an unknown option, a value out of range …
        if type(exc).__name__ == "NoArgsIsHelpError":  # no command: the help was printed
            raise SystemExit(2) from None
        ctx = getattr(exc, "ctx", None)
        hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
        err.print(f"[bold red]error:[/] {escape(exc.format_message() + hint)}", markup=True,
                  highlight=False)
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        err.print("[bold red]error:[/] aborted", markup=True, highlight=False)
        raise SystemExit(1) from None
    except BrokenPipeError:  # `armsgraph facts | head`: the reader left, nothing to say
        with contextlib.suppress(OSError):  # and no second error when Python flushes at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    except OSError as exc:
        where = f": {exc.filename}" if exc.filename else ""
        err.print(f"[bold red]error:[/] {escape(str(exc.strerror or exc) + where)}",
                  markup=True, highlight=False)
        raise SystemExit(1) from None
    except Exception as exc:  # noqa: BLE001  # the last net: a bug, said in one line
        err.print(f"[bold red]error:[/] internal error ({escape(type(exc).__name__)}: "
                  f"{escape(str(exc))}); this is a bug in armsgraph, please report it",
                  markup=True, highlight=False)
        raise SystemExit(1) from None
    raise SystemExit(code if isinstance(code, int) else 0)
