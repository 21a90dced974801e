"""Static images of transfer chains: a destinations answer → Graphviz DOT → SVG or PNG.

The *destinations answer* is what ``GET /destinations`` returns and what the map page
draws: for one item and origin at one date, each reachable state with its verdict and the
paths to it, each path a list of hops. This module draws the same picture for reports and
slides, with the same styling rules as the map (``api/static/map.js``):

==============  =======================================================================
verdict         colour (Okabe–Ito, colour-blind safe), symbol and word, arrow head:
                open ✔ bluish green, arrow; conditional ◆ orange, diamond;
                blocked ✖ vermillion, bar (``tee``)
movement        line pattern: delivered solid; planned, hypothetical or possible dashed
                (a hop stated only after the date reads "possible re-export (stated
                later)"); backfill dotted; uncertain as of the date (the date lies inside
                the period, a year say, that its next stage is dated to) double dashed,
                "maybe delivered by the date"
conditions      ⚑ consent needed from a state, ✖ what blocks the hop, ⚠ threats and risks,
                written on the hop they concern (the last hop of their path)
==============  =======================================================================

Colour is never the only signal: every hop also carries its verdict as a word and a
symbol, and its movement as a pattern and a word.

A hop's verdict is the verdict of getting the item that far: the last hop of a path
carries the path's verdict, an earlier hop the verdict of the answer's path to its own end
state (when the answer lists one). Identical hops met on several paths are drawn once.

Examples
--------
>>> answer = {
...     "item": {"id": "i", "label": "Patriot"}, "origin": {"id": "J", "label": "Japan"},
...     "as_of": "2024-04-01", "truncated": False,
...     "destinations": [{"state": {"id": "U", "label": "United States"}, "verdict": "open",
...         "paths": [{"kind": "physical", "verdict": "open", "needs_consent_from": [],
...             "blocked_by": [], "risks": [], "hops": [{"from": {"id": "J", "label": "Japan"},
...             "to": {"id": "U", "label": "United States"}, "kind": "export",
...             "status": "planned", "date": "2023-12", "evidence": []}]}]}]}
>>> [(h.source_label, h.target_label, h.verdict, h.pattern) for h in drawn_hops(answer)]
[('Japan', 'United States', 'open', 'dashed')]
>>> dot = to_dot(answer)
>>> 'rankdir=LR' in dot, 'color="#009E73"' in dot, 'style="dashed"' in dot
(True, True, True)
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, LimitExceeded, RenderError

__all__ = [
    "VerdictStyle",
    "VERDICT_STYLES",
    "PATTERN_MEANINGS",
    "POSSIBLE",
    "FORMATS",
    "DrawnHop",
    "RenderError",
    "drawn_hops",
    "line_pattern",
    "to_dot",
    "render",
    "draw",
    "format_for",
]


@dataclass(frozen=True)
class VerdictStyle:
    """How one verdict looks: colour, symbol, word and Graphviz arrow head."""

    colour: str
    symbol: str
    word: str
    arrowhead: str


#: The verdict styles, shared with the map page (``api/static/map.js``, ``VERDICTS``).
VERDICT_STYLES: dict[str, VerdictStyle] = {
    "open": VerdictStyle("#009E73", "\u2714", "open", "normal"),
    "conditional": VerdictStyle("#E69F00", "\u25c6", "conditional", "diamond"),
    "blocked": VerdictStyle("#D55E00", "\u2716", "blocked", "tee"),
    "unknown": VerdictStyle("#6E6E6E", "?", "unknown", "normal"),
}

#: Line patterns and what they mean (``PATTERNS`` in the map page).
PATTERN_MEANINGS: dict[str, str] = {
    "solid": "delivered",
    "dashed": "planned, hypothetical or possible (stated later)",
    "dotted": "backfill",
    "uncertain": "uncertain as of the date (maybe delivered: dated only to a period that "
                 "contains it)",
}
#: How each pattern is drawn (Graphviz ``style``, and a colour list for a double line) and
#: named in the caption.
_PATTERN_DRAWN: dict[str, tuple[str, bool, str]] = {
    "solid": ("solid", False, "solid"), "dashed": ("dashed", False, "dashed"),
    "dotted": ("dotted", False, "dotted"), "uncertain": ("dashed", True, "double dashed"),
}

#: Output formats, by file extension.
FORMATS = ("svg", "png")

_ORIGIN_COLOUR = "#0072B2"
_INK = "#1a1a1a"
_FONT = "DejaVu Sans"
#: The status of a hop whose statements were all made after the date asked about.
POSSIBLE = "possible"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class DrawnHop:
    """One line of the picture: a hop, with everything said about it on every path."""

    source: str
    source_label: str
    target: str
    target_label: str
    kind: str
    status: str
    verdict: str
    pattern: str
    dates: set[str] = field(default_factory=set)
    consent: dict[str, str] = field(default_factory=dict)
    blocked: dict[str, str] = field(default_factory=dict)
    #: Risk events (the lead statement of each, see armsgraph.reason.paths.risk_events) -> label.
    risks: dict[str, str] = field(default_factory=dict)
    #: Risk event -> every statement of it on this hop.
    risk_statements: dict[str, set[str]] = field(default_factory=dict)
    evidence: int = 0
    #: What the hop may already have reached on the date (``uncertain.what``), if any.
    uncertain: str = ""


def drawn_hops(answer: Mapping[str, Any]) -> list[DrawnHop]:
    """The hops to draw for a destinations answer, identical hops merged, in answer order.

    Parameters
    ----------
    answer : a destinations answer (the ``GET /destinations`` JSON as a mapping).

    Returns
    -------
    list of DrawnHop, each with the verdict of reaching its end along its path and the
    line pattern of its movement.
    """
    prefix: dict[tuple[str, str], str] = {}
    for dest in _seq(answer.get("destinations")):
        for path in _seq(dest.get("paths")):
            prefix[(str(path.get("kind", "")), _route(_seq(path.get("hops"))))] = _verdict(
                path.get("verdict")
            )
    out: dict[tuple[str, ...], DrawnHop] = {}
    for dest in _seq(answer.get("destinations")):
        for path in _seq(dest.get("paths")):
            _merge_path(path, prefix, out)
    return list(out.values())


def line_pattern(hop: Mapping[str, Any], path_kind: str) -> str:
    """The line pattern of a hop: ``dotted`` backfill, ``uncertain`` when the date lies inside
    the period its next stage is dated to (``uncertain`` in the answer), ``solid`` delivered,
    else ``dashed``.

    Examples
    --------
    >>> line_pattern({"kind": "backfill", "status": "delivered"}, "backfill")
    'dotted'
    >>> line_pattern({"kind": "export", "status": "delivered"}, "physical")
    'solid'
    >>> line_pattern({"kind": "re-export", "status": "hypothetical"}, "physical")
    'dashed'
    >>> line_pattern({"kind": "planned", "uncertain": {"what": "delivered"}}, "physical")
    'uncertain'
    """
    kind = str(hop.get("kind") or "").lower()
    if kind == "backfill" or (path_kind == "backfill" and not kind):
        return "dotted"
    unc = hop.get("uncertain")
    if isinstance(unc, Mapping) and unc.get("what"):
        return "uncertain"
    if kind == "delivered" or str(hop.get("status") or "").lower() == "delivered":
        return "solid"
    return "dashed"


def to_dot(answer: Mapping[str, Any], *, title: str | None = None) -> str:
    """The Graphviz DOT text of a destinations answer, drawn left to right.

    States are labelled boxes (the origin shaded, each destination with its verdict), hops
    are edges styled by verdict and movement, with their conditions written on them. The
    graph's caption says what is drawn and how to read it.
    """
    hops = drawn_hops(answer)
    origin_id = _id(answer.get("origin"))
    dest_verdict = {
        _id(d.get("state")): _verdict(d.get("verdict")) for d in _seq(answer.get("destinations"))
    }
    nodes: dict[str, str] = {}
    if answer.get("origin") is not None:
        nodes[origin_id] = _label(answer.get("origin"))
    for h in hops:
        nodes.setdefault(h.source, h.source_label)
        nodes.setdefault(h.target, h.target_label)
    origin = in_sentence(_label(answer.get("origin")))
    caption = title or (
        f"Where could {_label(answer.get('item'))} from {origin} go, "
        f"as of {_human_date(str(answer.get('as_of') or ''))}?"
    )
    lines = [
        "digraph chains {",
        "  graph [rankdir=LR, ranksep=1.6, nodesep=0.7, pad=0.3, labelloc=t, labeljust=l,",
        f'         fontname="{_FONT}", fontsize=18, bgcolor="white",',
        f"         label=<{_caption_html(caption, bool(answer.get('truncated')))}>];",
        f'  node [shape=box, style="rounded,filled", fontname="{_FONT}", fontsize=15,',
        f'        fillcolor="white", penwidth=3, margin="0.25,0.12", fontcolor="{_INK}"];',
        f'  edge [fontname="{_FONT}", fontsize=12, penwidth=3, arrowsize=1.2];',
    ]
    for node_id, label in nodes.items():
        lines.append(_node_line(node_id, label, node_id == origin_id, dest_verdict.get(node_id)))
    for h in hops:
        lines.append(_edge_line(h))
    if not hops:
        lines.append(
            f'  "none" [shape=plaintext, style="", label="No chain in the graph from '
            f'{_esc_str(_label(answer.get("origin")))}"];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(dot: str, fmt: str, *, timeout: float = 30.0) -> bytes:
    """Run Graphviz ``dot`` on DOT text; return the image bytes in ``fmt`` (svg or png).

    Raises
    ------
    InputError
        ``fmt`` is not one of :data:`FORMATS`.
    RenderError
        ``dot`` is not installed, or it rejected the input.
    LimitExceeded
        ``dot`` ran longer than ``timeout`` seconds.
    """
    if fmt not in FORMATS:
        raise InputError(f"image format {fmt!r} is not one of {', '.join(FORMATS)}")
    exe = shutil.which("dot")
    if exe is None:
        raise RenderError("Graphviz 'dot' is not installed (scripts/setup-system.sh installs it)")
    try:
        proc = subprocess.run(  # noqa: S603 - fixed executable, DOT on stdin
            [exe, f"-T{fmt}"], input=dot.encode("utf-8"), capture_output=True,
            timeout=timeout, check=False,
        )
    except subprocess.TimeoutExpired as err:
        raise LimitExceeded(f"Graphviz ran past {timeout:g} s drawing a {fmt} image") from err
    if proc.returncode != 0:
        why = proc.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"Graphviz failed drawing a {fmt} image: {why}")
    return proc.stdout


def draw(answer: Mapping[str, Any], fmt: str, *, title: str | None = None) -> bytes:
    """A destinations answer as an SVG or PNG image (see :func:`to_dot`, :func:`render`)."""
    return render(to_dot(answer, title=title), fmt)


def format_for(path: str | Path) -> str:
    """The image format named by a file's extension.

    Examples
    --------
    >>> format_for("chains.SVG"), format_for("out/chains.png")
    ('svg', 'png')
    >>> format_for("chains.pdf")
    Traceback (most recent call last):
    ...
    armsgraph.errors.InputError: cannot tell the image format of chains.pdf: use .svg or .png
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(f"cannot tell the image format of {path}: use .svg or .png")
    return suffix


# -- helpers -------------------------------------------------------------------------------


def _merge_path(
    path: Mapping[str, Any],
    prefix: Mapping[tuple[str, str], str],
    out: dict[tuple[str, ...], DrawnHop],
) -> None:
    kind = str(path.get("kind", ""))
    hops = _seq(path.get("hops"))
    for i, hop in enumerate(hops):
        last = i == len(hops) - 1
        if hop.get("verdict"):
            verdict = _verdict(hop.get("verdict"))
        elif last:
            verdict = _verdict(path.get("verdict"))
        else:
            route = _route(hops[: i + 1])
            verdict = prefix.get((kind, route)) or prefix.get(("physical", route)) or _verdict(
                path.get("verdict")
            )
        pattern = line_pattern(hop, kind)
        key = (
            _id(hop.get("from")), _id(hop.get("to")), str(hop.get("kind") or ""),
            str(hop.get("status") or ""), verdict, pattern,
        )
        drawn = out.get(key)
        if drawn is None:
            drawn = out[key] = DrawnHop(
                source=key[0], source_label=_label(hop.get("from")), target=key[1],
                target_label=_label(hop.get("to")), kind=key[2], status=key[3],
                verdict=verdict, pattern=pattern,
            )
        if hop.get("date"):
            drawn.dates.add(str(hop["date"]))
        unc = hop.get("uncertain")
        if isinstance(unc, Mapping) and unc.get("what"):
            drawn.uncertain = str(unc["what"])
        drawn.evidence += len(_seq(hop.get("evidence")))
        _collect(drawn.consent, hop.get("needs_consent_from"), path, "needs_consent_from", last)
        _collect(drawn.blocked, hop.get("blocked_by"), path, "blocked_by", last, _reason)
        _collect_risks(drawn, hop.get("risks"), path, last)


def _collect(
    into: dict[str, str], own: Any, path: Mapping[str, Any], name: str, last: bool,
    text: Callable[[Any], str] | None = None,
) -> None:
    values = own if own is not None else (path.get(name) if last else None)
    for v in values or []:
        into.setdefault(_id(v) or _label(v), (text or _label)(v))


def _collect_risks(drawn: DrawnHop, own: Any, path: Mapping[str, Any], last: bool) -> None:
    """A hop's risks one per event, labelled by the event's lead statement."""
    values = own if own is not None else (path.get("risks") if last else None)
    for v in _seq(values):
        ident = _id(v)
        event = str(v.get("event") or ident)
        drawn.risk_statements.setdefault(event, set()).add(ident)
        if ident == event or event not in drawn.risks:
            drawn.risks[event] = _label(v)


def risk_text(h: DrawnHop, event: str) -> str:
    """A risk event's label, with how often it is stated when more than once."""
    n = len(h.risk_statements.get(event, ()))
    return h.risks[event] + (f" (stated {n} times)" if n > 1 else "")


def _reason(value: Any) -> str:
    """What blocks a hop, in a few words: the reason without its rule's prefix, or the
    rule's label when the reason alone says only "prohibited (…)"."""
    if isinstance(value, Mapping) and value.get("reason"):
        tail = str(value["reason"]).rsplit(": ", 1)[-1]
        if _BARE_REASON.match(tail) and value.get("label"):
            return str(value["label"])
        return tail
    return _label(value)


_BARE_REASON = re.compile(r"(prohibited|permitted|not permitted)\b", re.I)


def _seq(value: Any) -> Sequence[Mapping[str, Any]]:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        return [v for v in value if isinstance(v, Mapping)]
    return []


def _id(value: Any) -> str:
    if isinstance(value, Mapping):
        for key in ("id", "rule", "statement", "label", "reason"):
            if value.get(key):
                return str(value[key])
        return ""
    return "" if value is None else str(value)


#: States whose names are read with "the" in a sentence (api/static/map.js: WITH_THE).
WITH_THE = frozenset({
    "United States", "United Kingdom", "Netherlands", "United Arab Emirates", "Philippines",
    "Czech Republic", "Central African Republic", "Dominican Republic", "Bahamas", "Gambia",
    "Comoros", "Maldives", "Marshall Islands", "Solomon Islands", "Seychelles", "Soviet Union",
    "DR Congo", "Vatican City",
})


def in_sentence(name: str) -> str:
    """A name as it reads in a sentence.

    >>> in_sentence("United States"), in_sentence("Japan")
    ('the United States', 'Japan')
    """
    return f"the {name}" if name in WITH_THE else name


def possessive(name: str) -> str:
    """A name's possessive, as it reads in a sentence.

    >>> possessive("Japan"), possessive("United States")
    ("Japan's", "the United States'")
    """
    n = in_sentence(name)
    return f"{n}'" if n.endswith("s") else f"{n}'s"


def _label(value: Any) -> str:
    if isinstance(value, Mapping):
        if value.get("label") and value.get("reason"):
            return f"{value['label']}: {value['reason']}"
        text = (
            value.get("label") or value.get("name") or value.get("reason") or value.get("id")
            or ""
        )
        return _short(str(text))
    return "" if value is None else _short(str(value))


def _short(text: str) -> str:
    if text.startswith(("http://", "https://")):
        return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return text


def _verdict(value: Any) -> str:
    text = str(value or "").lower()
    return text if text in VERDICT_STYLES else "unknown"


def _route(hops: Sequence[Mapping[str, Any]]) -> str:
    if not hops:
        return ""
    return ">".join([_id(hops[0].get("from")), *(_id(h.get("to")) for h in hops)])


def _short_date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) >= 2 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def _human_date(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return f"{int(parts[2])} {_short_date(iso)}"
    return _short_date(iso) if iso else "today"


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _esc_str(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _movement(h: DrawnHop) -> str:
    """``planned, Dec 2023``; a hop stated only after the date (status ``possible``):
    ``possible re-export (stated later), Dec 2023``."""
    kind = h.kind.replace("_", " ")
    if h.status == POSSIBLE:
        words = f"{kind} (stated later)" if kind.startswith("possible") else \
            f"{kind or 'hop'}, possible (stated later)"
    elif kind and h.status and h.status != kind:
        words = f"{kind} ({h.status})"
    else:
        words = kind or h.status
    first = min(h.dates) if h.dates else ""
    when = _short_date(first) if first else ""
    if h.uncertain:  # the date lies inside the period the next stage is dated to
        when = f"{when}; maybe {h.uncertain} by the date" if when else \
            f"maybe {h.uncertain} by the date"
    return ", ".join(x for x in (words, when) if x)


def _node_line(node_id: str, label: str, origin: bool, verdict: str | None) -> str:
    if origin:
        colour, sub, fill = _ORIGIN_COLOUR, "origin", "#e8f1f8"
    elif verdict is not None:
        style = VERDICT_STYLES[verdict]
        colour, sub, fill = style.colour, f"{style.symbol} {style.word}", "white"
    else:
        colour, sub, fill = _INK, "", "white"
    text = f"<b>{_esc(label)}</b>" + (f'<br/><font point-size="13">{_esc(sub)}</font>' if sub
                                      else "")
    return (
        f'  "{_esc_str(node_id)}" [label=<{text}>, color="{colour}", fillcolor="{fill}"];'
    )


def _edge_line(h: DrawnHop) -> str:
    style = VERDICT_STYLES[h.verdict]
    rows = [
        f'<tr><td align="left"><font color="{_INK}"><b>{style.symbol} '
        f"{_esc(style.word.upper())}</b> \u00b7 {_esc(_movement(h))}</font></td></tr>"
    ]
    rows += _rows("\u2691 needs {} consent", (possessive(c) for c in h.consent.values()))
    rows += _rows("\u2716 {}", h.blocked.values())
    rows += _rows("\u26a0 {}", (risk_text(h, e) for e in h.risks))
    label = (
        f'<table border="1" cellborder="0" cellspacing="0" cellpadding="3" color="{style.colour}"'
        f' bgcolor="white" style="rounded">{"".join(rows)}</table>'
    )
    dot_style, double, _ = _PATTERN_DRAWN[h.pattern]
    colour = f"{style.colour}:white:{style.colour}" if double else style.colour
    return (
        f'  "{_esc_str(h.source)}" -> "{_esc_str(h.target)}" [label=<{label}>, '
        f'color="{colour}", style="{dot_style}", arrowhead="{style.arrowhead}"];'
    )


def _rows(template: str, values: Iterable[str]) -> list[str]:
    return [
        '<tr><td align="left" balign="left">'
        + "<br/>".join(_esc(line) for line in _wrap(template.format(v)))
        + "</td></tr>"
        for v in values
    ]


def _wrap(text: str, width: int = 40) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


def _caption_html(caption: str, truncated: bool) -> str:
    legend = " \u00b7 ".join(
        f'<font color="{s.colour}"><b>{s.symbol} {s.word}</b></font>'
        for k, s in VERDICT_STYLES.items()
        if k != "unknown"
    )
    patterns = " \u00b7 ".join(f"{_PATTERN_DRAWN[k][2]} line: {v}"
                              for k, v in PATTERN_MEANINGS.items())
    note = "<br/>Only the first paths are shown: the search stopped at its limit." if truncated \
        else ""
    return (
        f'<b>{_esc(caption)}</b><br/><font point-size="12">Verdict by colour, symbol and arrow:'
        f" {legend} \u00b7 {patterns} \u00b7 \u2691 consent needed \u00b7 \u26a0 risk{note}"
        "</font>"
    )
