"""A destinations answer (:func:`armsgraph.reason.paths.destinations`) as a readable ``rich`` tree.

Destinations in groups by presence (already there, possibly there, could go next) →
verdict (coloured, in words; "no known rule" when nothing decides a hop) → each path with
its hops and how certain the chain is (its weakest hop: delivered, delivered but maybe
other stock, maybe delivered, planned, possible), then what it needs (consent), what
blocks it, what allowed it, what is uncertain, its risks, and the evidence of every hop:
sentences, and SIPRI's register rows
(designation, numbers, order and delivery years, comment). Dates are shown as precisely
as the data has them (``delivered 1993``). The CLI prints it; the tree holds nothing the
JSON answer does not.

Examples
--------
>>> hop = {"from": {"id": "A", "label": "Al"}, "to": {"id": "B", "label": "Bo"},
...   "kind": "delivered", "status": "delivered", "date": "1993", "date_precision": "year",
...   "evidence": [{"statement": "f1", "sentence": None, "date": "1993",
...     "source": {"id": "s", "title": "SIPRI", "url": None},
...     "deal": {"designation": "SAM-2", "ordered": 12, "delivered": 12, "order_year": 1991,
...              "delivery_years": [1993, 1994], "comment": "used", "status": "New",
...              "uncertain": ["quantity"]}}]}
>>> answer = {"item": {"id": "S", "label": "SAM"}, "origin": {"id": "A", "label": "Al"},
...   "as_of": "2024-04-01", "truncated": False, "destinations": [
...   {"state": {"id": "B", "label": "Bo"}, "verdict": "open",
...    "verdict_basis": "no known rule",
...    "presence": {"status": "already there", "since": "1993", "note": ""},
...    "paths": [{"kind": "physical", "verdict": "open", "needs_consent_from": [],
...      "blocked_by": [], "risks": [], "hops": [hop],
...      "certainty": {"level": "delivered", "weakest": None, "note": "", "confidence": 1.0},
...      "no_known_rule": [{"from": hop["from"], "to": hop["to"]}]}]}]}
>>> from rich.console import Console
>>> c = Console(width=100, color_system=None)
>>> with c.capture() as cap:
...     c.print(render(answer))
>>> print(cap.get().rstrip())
SAM from Al, as of 2024-04-01: 1 destination
└── already there (delivered before the date)
    └── Bo  OPEN (no known rule: nothing known forbids or allows it)  [delivered 1993]
        └── physical path: Al → Bo  (open)  [delivered]
            ├── Al → Bo  delivered 1993
            │   └── SIPRI: 'SAM-2' 12? ordered 1991, 12 delivered 1993–1994; comment: 'used' (SIPRI)
            └── no known rule for Al → Bo
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from rich.tree import Tree

__all__ = ["render", "VERDICT_WORDS", "NO_KNOWN_RULE", "DELIVERED_FACT", "PRESENCE_HEADINGS"]

VERDICT_WORDS = {
    "open": ("green", "allowed by the rules and facts in force"),
    "conditional": ("yellow", "possible with consent not yet given"),
    "blocked": ("red", "forbidden or refused"),
}
#: An open verdict that rests on a delivery from the origin made by the date.
DELIVERED_FACT = "delivered by the date: a fact, not a question of rules"
#: An open verdict that some hop owes to no rule or fact.
NO_KNOWN_RULE = "no known rule: nothing known forbids or allows it"
#: Headings of the destination groups, by presence (``armsgraph.reason.paths.PRESENCE``).
PRESENCE_HEADINGS = {
    "already there": "already there (delivered before the date)",
    "possibly there": "possibly there (the data cannot tell whether before the date)",
    "could go next": "could go next",
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
    groups: dict[str, Tree] = {}
    for d in answer["destinations"]:
        presence = (d.get("presence") or {}).get("status", "could go next")
        group = groups.get(presence)
        if group is None:
            group = groups[presence] = Tree(Text(PRESENCE_HEADINGS.get(presence, presence),
                                                 style="bold underline"))
        _destination(group, d)
    for presence in PRESENCE_HEADINGS:
        if presence in groups:
            root.children.append(groups[presence])
    stock = answer.get("own_stock") or ()
    if stock:
        node = root.add(Text("not routes for these items (intermediates' own stock):",
                             style="bold"))
        for o in stock:
            hop = o["hop"]
            line = node.add(f"{o['from']['label']} → {o['to']['label']}  "
                            f"{_facts(hop)}; the items could be in {o['from']['label']} "
                            f"only from {o['items_there_from']}")
            _evidence(line, hop)
    return root


def _destination(parent: Tree, d: Mapping[str, Any]) -> None:
    colour, words = VERDICT_WORDS[d["verdict"]]
    if d["verdict"] == "open" and d.get("verdict_basis") == "no known rule":
        words = NO_KNOWN_RULE
    elif d["verdict"] == "open" and _delivered_fact(d):
        words = DELIVERED_FACT
    line = Text(d["state"]["label"], style="bold")
    line.append(f"  {d['verdict'].upper()}", style=f"bold {colour}")
    line.append(f" ({words})")
    presence = d.get("presence") or {}
    if presence.get("status") in ("already there", "possibly there") and presence.get("since"):
        line.append(f"  [delivered {presence['since']}]", style="italic")
    wi = d.get("what_if")
    if wi:
        line.append(f"  [baseline: {wi['baseline_verdict']}; "
                    f"{'changed' if wi['changed'] else 'unchanged'}]", style="italic")
    node = parent.add(line)
    for p in d["paths"]:
        _path(node, p)
    if wi and wi["still"]:
        still = node.add(Text("still:", style="italic"))
        for s in wi["still"]:
            still.add(f"{s['kind']}: {s['label']}")


def _delivered_fact(d: Mapping[str, Any]) -> bool:
    """Does the destination's best path rest only on a delivery from the origin made by
    the date (a fact, so no rule was asked)?"""
    best = d["paths"][0] if d["paths"] else None
    return bool(best and len(best["hops"]) == 1 and best["hops"][0]["kind"] == "delivered"
                and any(a.get("fact") == "delivered" for a in best.get("allowed_by", ())))


def _facts(h: Mapping[str, Any]) -> str:
    """``delivered 1993``, ``planned 2023-12-20``, ``possible re-export (stated later: …)``;
    a date never more precise than the data."""
    if h["evidence"] and all(e.get("stated_after_as_of") for e in h["evidence"]):
        # Every statement behind the hop came after the date: only possible then.
        when = f": {h['date']}" if h["date"] else ""
        return f"{h['kind']} (stated later{when})"
    # the status repeats the kind for delivered and planned hops: say it once
    status = h["status"] if h["status"] != h["kind"] else None
    head = " ".join(x for x in (h["kind"], h["date"]) if x)
    text = ", ".join(x for x in (head, status) if x)
    unc = h.get("uncertain")
    if unc:
        text += (f" (may already be {unc['what']}: dated {unc['date']}, "
                 "a period that contains the date)")
    return text


def _evidence(hop: Tree, h: Mapping[str, Any]) -> None:
    """Every hop shows its evidence: up to two sentences, and SIPRI's register rows."""
    shown: set[str] = set()
    rows = 0
    for e in h["evidence"]:
        marks = [m for m, key in (("stated later", "stated_after_as_of"),
                                  ("about the wider system", "broader_item"),
                                  ("before the items got there: own stock", "before_arrival"))
                 if e.get(key)]
        tail = f" [{'; '.join(marks)}]" if marks else ""
        title = e["source"]["title"] or e["source"]["id"] or "no source"
        if e.get("deal") and rows < 3:
            rows += 1
            hop.add(Text(f"{_deal(e['deal'])} ({title}){tail}", style="dim"))
        elif e["sentence"] and e["sentence"] not in shown and len(shown) < 2:
            shown.add(e["sentence"])
            hop.add(Text(f"“{e['sentence']}” ({title}){tail}", style="dim"))
    more = len(h["evidence"]) - rows - len(shown)
    if not rows and not shown and h["evidence"]:
        e = h["evidence"][0]
        title = e["source"]["title"] or e["source"]["id"] or "no source"
        hop.add(Text(f"{e['statement']} ({title})", style="dim"))
        more -= 1
    if more > 0:
        hop.add(Text(f"… {more} more statement{'s' if more != 1 else ''}", style="dim"))


def _deal(deal: Mapping[str, Any]) -> str:
    """``SIPRI: 'F-16A' 12 ordered 1994, 12 delivered 1997–1998 (second hand); 'comment'``."""
    unc = set(deal.get("uncertain") or ())
    parts = [f"SIPRI: '{deal['designation']}'" if deal.get("designation") else "SIPRI:"]
    if deal.get("ordered") is not None:
        parts.append(f"{deal['ordered']}{'?' if 'quantity' in unc else ''} ordered")
    if deal.get("order_year") is not None:
        parts.append(f"{deal['order_year']}{'?' if 'orderYear' in unc else ''}")
    text = " ".join(parts)
    years = deal.get("delivery_years") or []
    if years or deal.get("delivered") is not None:
        n = deal.get("delivered")
        count = f"{n}{'?' if 'quantityDelivered' in unc else ''} " if n is not None else ""
        span = (f" {years[0]}" if len(years) == 1 else f" {years[0]}–{years[-1]}") if years else ""
        text += f", {count}delivered{span}"
    if deal.get("status") and deal["status"] != "New":
        text += f" ({deal['status'].lower()})"
    if deal.get("lines"):  # one of several production lines: the numbers are the deal's
        whole = [f"{n}{'?' if flag in unc else ''} {what}" for n, flag, what in (
            (deal.get("deal_ordered"), "quantity", "ordered"),
            (deal.get("deal_delivered"), "quantityDelivered", "delivered")) if n is not None]
        text += (f"; the whole deal{': ' + ', '.join(whole) if whole else ''} over "
                 f"{deal['lines']} production lines (how many on this one is not said)")
    if deal.get("comment"):
        text += f"; comment: '{deal['comment']}'"
    return text


def _path(parent: Tree, p: Mapping[str, Any]) -> None:
    chain = " → ".join([p["hops"][0]["from"]["label"], *(h["to"]["label"] for h in p["hops"])])
    colour, _ = VERDICT_WORDS[p["verdict"]]
    kind = "backfill path (indirect: the recipient's own items)" if p["kind"] == "backfill" \
        else "physical path"
    line = Text(f"{kind}: {chain}  ")
    line.append(f"({p['verdict']})", style=colour)
    cert = p.get("certainty")
    if cert:  # how sure the chain is: its weakest hop
        line.append(f"  [{cert['level']}]", style="italic")
    node = parent.add(line)
    for h in p["hops"]:
        hop = node.add(f"{h['from']['label']} → {h['to']['label']}  {_facts(h)}")
        _evidence(hop, h)
    if p["needs_consent_from"]:
        names = ", ".join(x["label"] for x in p["needs_consent_from"])
        node.add(Text(f"needs consent from: {names}", style="yellow"))
    for b in p["blocked_by"]:
        node.add(Text(f"blocked by: {b['label']} — {b['reason']}", style="red"))
    for a in p.get("allowed_by", ()):
        if a.get("fact") == "delivered":  # the items are there: no rule was asked
            node.add(Text(f"a fact, not a question of rules: {a['reason']}", style="green"))
        else:
            node.add(Text(f"allowed by: {a['label']}", style="green"))
    for x in p.get("no_known_rule", ()):
        node.add(Text(f"no known rule for {x['from']['label']} → {x['to']['label']}",
                      style="cyan"))
    for u in p.get("uncertain", ()):
        node.add(Text(f"uncertain: {u['label']} — {u['reason']}", style="yellow"))
    for r in p["risks"]:
        risk = node.add(Text(f"risk: {r['label']}", style="magenta"))
        if r.get("sentence"):
            risk.add(Text(f"“{r['sentence']}”", style="dim"))
