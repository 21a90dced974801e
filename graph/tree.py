"""A destinations answer (:func:`graph.paths.destinations`) as a readable ``rich`` tree.

Destination → verdict (coloured, in words) → each path with its hops, then what it needs
(consent), what blocks it, what allowed it, its risks, and the evidence sentence of each
hop. The CLI prints it; the tree holds nothing the JSON answer does not.

Examples
--------
>>> answer = {"item": {"id": "S", "label": "SAM"}, "origin": {"id": "A", "label": "Aland"},
...   "as_of": "2024-04-01", "truncated": False, "destinations": [
...   {"state": {"id": "B", "label": "Borduria"}, "verdict": "conditional", "paths": [
...     {"kind": "physical", "verdict": "conditional",
...      "needs_consent_from": [{"id": "A", "label": "Aland"}], "blocked_by": [],
...      "risks": [], "hops": [{"from": {"id": "A", "label": "Aland"},
...      "to": {"id": "B", "label": "Borduria"}, "kind": "planned", "status": "planned",
...      "date": "2024-01-02", "evidence": [{"statement": "f1", "sentence": "A sells to B.",
...      "source": {"id": "s", "title": "News", "url": None}}]}]}]}]}
>>> from rich.console import Console
>>> c = Console(width=100, color_system=None)
>>> with c.capture() as cap:
...     c.print(render(answer))
>>> print(cap.get().rstrip())
SAM from Aland, as of 2024-04-01: 1 destination
└── Borduria  CONDITIONAL (possible with consent not yet given)
    └── physical path: Aland → Borduria  (conditional)
        ├── Aland → Borduria  planned, 2024-01-02
        │   └── “A sells to B.” (News)
        └── needs consent from: Aland
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from rich.tree import Tree

__all__ = ["render", "VERDICT_WORDS"]

VERDICT_WORDS = {
    "open": ("green", "allowed by the rules and facts in force"),
    "conditional": ("yellow", "possible with consent not yet given"),
    "blocked": ("red", "forbidden or refused"),
}


def render(answer: Mapping[str, Any]) -> Tree:
    """The tree of one destinations (or paths) answer."""
    n = len(answer["destinations"])
    head = (f"{answer['item']['label']} from {answer['origin']['label']}, "
            f"as of {answer['as_of']}: {n} destination{'s' if n != 1 else ''}")
    if answer.get("truncated"):
        head += " (truncated: path cap or time budget reached)"
    root = Tree(Text(head, style="bold"))
    if answer.get("empty_because"):
        root.add(Text(f"why none: {answer['empty_because']}", style="italic"))
    for d in answer["destinations"]:
        colour, words = VERDICT_WORDS[d["verdict"]]
        line = Text(d["state"]["label"], style="bold")
        line.append(f"  {d['verdict'].upper()}", style=f"bold {colour}")
        line.append(f" ({words})")
        wi = d.get("what_if")
        if wi:
            line.append(f"  [baseline: {wi['baseline_verdict']}; "
                        f"{'changed' if wi['changed'] else 'unchanged'}]", style="italic")
        node = root.add(line)
        for p in d["paths"]:
            _path(node, p)
        if wi and wi["still"]:
            still = node.add(Text("still:", style="italic"))
            for s in wi["still"]:
                still.add(f"{s['kind']}: {s['label']}")
    return root


def _path(parent: Tree, p: Mapping[str, Any]) -> None:
    chain = " → ".join([p["hops"][0]["from"]["label"], *(h["to"]["label"] for h in p["hops"])])
    colour, _ = VERDICT_WORDS[p["verdict"]]
    kind = "backfill path (indirect: the recipient's own items)" if p["kind"] == "backfill" \
        else "physical path"
    line = Text(f"{kind}: {chain}  ")
    line.append(f"({p['verdict']})", style=colour)
    node = parent.add(line)
    for h in p["hops"]:
        if h["evidence"] and all(e.get("stated_after_as_of") for e in h["evidence"]):
            # Every statement behind the hop came after the date: only possible then.
            when = f": {h['date']}" if h["date"] else ""
            facts = f"{h['kind']} (stated later{when})"
        else:
            # the status repeats the kind for delivered and planned hops: say it once
            status = h["status"] if h["status"] != h["kind"] else None
            facts = ", ".join(x for x in (h["kind"], status, h["date"]) if x)
        hop = node.add(f"{h['from']['label']} → {h['to']['label']}  {facts}")
        shown: set[str] = set()
        for e in h["evidence"]:
            if e["sentence"] and e["sentence"] not in shown and len(shown) < 2:
                shown.add(e["sentence"])
                title = e["source"]["title"] or e["source"]["id"] or "no source"
                marks = [m for m, key in (("stated later", "stated_after_as_of"),
                                          ("about the wider system", "broader_item"))
                         if e.get(key)]
                tail = f" [{'; '.join(marks)}]" if marks else ""
                hop.add(Text(f"“{e['sentence']}” ({title}){tail}", style="dim"))
    if p["needs_consent_from"]:
        names = ", ".join(x["label"] for x in p["needs_consent_from"])
        node.add(Text(f"needs consent from: {names}", style="yellow"))
    for b in p["blocked_by"]:
        node.add(Text(f"blocked by: {b['label']} — {b['reason']}", style="red"))
    for a in p.get("allowed_by", ()):
        node.add(Text(f"allowed by: {a['label']}", style="green"))
    for r in p["risks"]:
        risk = node.add(Text(f"risk: {r['label']}", style="magenta"))
        if r.get("sentence"):
            risk.add(Text(f"“{r['sentence']}”", style="dim"))
