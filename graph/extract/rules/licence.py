"""Production-licence rules: "made in X under licence from W", "licensed by", local
production of another state's system, technology transfer."""

from __future__ import annotations

from dataclasses import dataclass

from ..deps import Parse
from ..lexicon import (
    FUTURE_MODALS,
    GIVE_VERBS,
    HELP_NOUNS,
    HYPOTHETICAL_MODALS,
    LOCAL_PRODUCTION_WORDS,
    PRODUCE_VERBS,
    PRODUCTION_NOUNS,
    SUPPORT_VERBS,
)
from ..mentions import Mention
from .base import RawFact, _conf, _Ctx, _frame_mentions, _state_of, modality

# -- production licence -----------------------------------------------------------------------


def _licences(ctx: _Ctx) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        if lower[i] in ("license", "licence", "licenses", "licences") and i > s.start and \
                lower[i - 1] not in ("a", "an", "the", "under", "its", "their", "production") \
                and i + 1 < s.end and lower[i + 1] in ("production", "the", "manufacture"):
            _licence_verb(ctx, i)  # "Hyundai Rotem will license production of … to PGZ"
            continue
        if lower[i] in ("technology", "know-how") and i > s.start + 1 and \
                lower[i - 2] in GIVE_VERBS and lower[i - 1] in ("the", "its"):
            _technology(ctx, i)  # "Seoul agreed to transfer the technology … to build X"
        if lower[i] not in ("licence", "license", "licences", "licenses", "licensed",
                            "licence-built", "license-built"):
            continue
        licensor: Mention | None = None
        a = i
        if lower[i] in ("licensed",):
            if i + 1 < s.end and lower[i + 1] in ("by", "from"):
                licensor = ctx.actor_after(i + 1, min(s.end, i + 5), ["by", "from"])
        else:
            # "under (a) US licence", "under licence from the United States"
            k = i - 1
            while k >= s.start and i - k <= 4 and lower[k] != "under":
                m = ctx.an.mention_at(k)
                if m is not None and m.is_actor and licensor is None:
                    licensor = m
                k -= 1
            if k < s.start or lower[k] != "under":
                if lower[i - 1] not in ("a", "the", "production"):
                    continue
            a = k
            if licensor is None and i + 1 < s.end and lower[i + 1] in ("from", "of", "by"):
                licensor = ctx.actor_after(i + 1, min(s.end, i + 6), ["from", "of", "by"])
        if licensor is None:
            continue
        # the licensee: "made/produced in X", "X produces … under licence", "X-built"
        lo = ctx.left_bound(a)
        licensee: Mention | None = None
        for m in reversed(ctx.mentions_between(lo, a)):
            if m.is_actor and m.prep == "in" and m.id != licensor.id:
                licensee = m
                break
        items = [m for m in ctx.mentions_between(lo, a) if m.is_item]
        if licensee is None:
            subj = ctx.subject(a)
            if subj is not None and subj.id != licensor.id:
                licensee = subj
        if not items:
            continue
        first = next((m for m in items if m.how != "generic"), items[0])
        chosen = [first] + [m for m in ctx.items_from(first.start, a)[1:] if m.id != first.id]
        if licensee is not None:
            ctx.consumed.update(range(licensee.start, licensee.end))
        ctx.consumed.update(range(licensor.start, licensor.end))
        status = _licence_status(ctx, i)
        for item in chosen:  # "built MiG-21 and MiG-27 fighters under licence from …"
            roles = {"licensor": _state_of(licensor), "item": item}
            if licensee is not None:
                roles["licensee"] = _state_of(licensee)
            ctx.facts.append(RawFact("ProductionLicense", status, roles, s, i, "licence",
                                     _conf(0.85, roles, 3, status)))


@dataclass
class LicenceFrame:
    """The last licensed production the article stated: who builds what under whose licence;
    the roles "these fighters", "this production effort" and "X agreed to support it" take."""

    licensee: Mention | None = None
    licensor: Mention | None = None
    item: Mention | None = None


def _production_licences(ctx: _Ctx, frame: LicenceFrame) -> None:
    """Production of another state's system, read from the parse: "Patria is in talks to produce
    NASAMS launchers with Norwegian assistance" (licensee Patria, licensor Norway, planned),
    "the other launchers were built locally by Patria" (granted); a later "X agreed to
    support this production effort" makes X a licensor of the frame's production.

    The producer is a licensee when a helper is named ("with X's assistance / support"),
    when the item comes from another state, or when the text says the production is local
    or licensed; the licensor is the helper, else the item's state of origin."""
    p = Parse.of(ctx.doc)
    s = ctx.s
    if not p.ok:
        return
    if any(f.type == "ProductionLicense" and f.sentence is s for f in ctx.facts):
        _remember_licence(ctx, frame)
        return
    for v in range(s.start, s.end):
        if ctx.lower[v] not in PRODUCE_VERBS or p.negated(v) or p.pos[v] not in ("VERB", "NOUN"):
            continue
        fr = p.frame(v)
        makers = [m for m in _frame_mentions(ctx, [t for a in fr.agents for t in p.subtree(
            a, stop=("acl", "acl:relcl", "conj", "cc"))], True)
            if m.kind in ("org", "state") and not m.modifier]  # "Finnish company Patria"
        items = _frame_mentions(ctx, p.tokens_of(fr.objects), False)
        if not items and frame.item is not None and any(
                ctx.lower[k] in ("these", "those", "this", "such") for o in fr.objects
                for k in p.children(o, "det")):
            items = [frame.item]  # "to build these fighters"
        items = [m for k, m in enumerate(items) if k == 0 or not any(
            a.is_actor for a in ctx.mentions_between(items[0].end, m.start))]
        if not makers or not items:  # "X builds A and Y B": B is Y's, not X's
            continue
        helpers: list[Mention] = []
        for k in p.kids[v] + [c for o in fr.objects for c in p.kids[o]]:
            if p.dep[k] in ("obl", "nmod") and p.case(k) in ("with", "under", "from") and \
                    ctx.lower[k] in HELP_NOUNS:
                helpers += _frame_mentions(ctx, p.subtree(k), True)
        local = any(ctx.lower[k] in LOCAL_PRODUCTION_WORDS for k in p.kids[v]) or ctx.has_any(
            s.start, s.end, ("licence-built", "license-built"))
        maker = next((m for m in makers if m.kind == "org"), makers[0])  # "Indian firm X"
        maker_state = maker.id if maker.kind == "state" else maker.based_in
        for item in items:
            home = item.home or item.origin
            licensor = helpers[0] if helpers else None
            if licensor is None and home and maker_state and home != maker_state:
                licensor = Mention(item.start, item.end, item.start_char, item.end_char,
                                   item.text, "state", home, home, "origin")
            if licensor is None and frame.item is not None and frame.item.id == item.id and \
                    frame.licensee is not None and frame.licensee.id == maker.id:
                licensor = frame.licensor
            if licensor is None and not local:
                continue
            if licensor is not None and _state_of(licensor).id in (maker.id, maker_state):
                continue
            entry = ctx.an.catalog.entries.get(item.id)
            if entry is not None and maker_state in entry.origins:
                continue  # a partner of a joint design builds its own system
            aux = [ctx.lower[k] for k in p.kids[v] if p.dep[k] == "aux"]
            planned = p.mark(v) == "to" or any(
                a in FUTURE_MODALS or a in HYPOTHETICAL_MODALS for a in aux)
            roles = {"licensee": maker, "item": item}
            if licensor is not None:
                roles["licensor"] = _state_of(licensor) if licensor.kind != "org" else licensor
            ctx.facts.append(RawFact("ProductionLicense", "planned" if planned else "granted",
                                     roles, s, v, "licence.production",
                                     _conf(0.7, roles, 3, "granted")))
        break
    else:
        _supported_production(ctx, p, frame)
    _remember_licence(ctx, frame)


def _supported_production(ctx: _Ctx, p: Parse, frame: LicenceFrame) -> None:
    """"Norway and Kongsberg agreed to support this production effort": each supporter is a
    licensor of the production the frame holds."""
    if frame.licensee is None or frame.item is None:
        return
    s = ctx.s
    for v in range(s.start, s.end):
        if ctx.lower[v] not in SUPPORT_VERBS or p.negated(v):
            continue
        objs = p.children(v, "obj") or (p.children(v, "nsubj:pass") if p.passive(v) else [])
        if not any(ctx.lower[k] in PRODUCTION_NOUNS for o in objs for k in p.subtree(o)):
            continue
        if p.passive(v):
            who = [k for k in p.kids[v] if p.dep[k] in ("obl", "obl:agent")
                   and p.case(k) == "by"]
            backers = _frame_mentions(ctx, [c for k in who for c in p.conjuncts(k)], True)
        else:
            backers = _frame_mentions(ctx, p.controllers(v), True)
            backers += [m for m in _frame_mentions(ctx, [c for k in p.controllers(v)
                                                         for c in p.children(k, "appos")],
                                                   True) if m not in backers]
        aux = [ctx.lower[k] for k in p.kids[v] if p.dep[k] == "aux"]
        planned = any(a in FUTURE_MODALS or a in HYPOTHETICAL_MODALS for a in aux)
        for b in backers:
            if b.id == frame.licensee.id:
                continue
            roles = {"licensor": _state_of(b) if b.kind != "org" else b,
                     "licensee": frame.licensee, "item": frame.item}
            ctx.facts.append(RawFact("ProductionLicense", "planned" if planned else "approved",
                                     roles, s, v, "licence.support",
                                     _conf(0.65, roles, 3, "approved")))
        return


def _remember_licence(ctx: _Ctx, frame: LicenceFrame) -> None:
    for f in ctx.facts:
        if f.type == "ProductionLicense" and f.sentence is ctx.s:
            frame.licensee = f.roles.get("licensee", frame.licensee)
            frame.item = f.roles.get("item", frame.item)
            if f.roles.get("licensor") is not None:
                frame.licensor = f.roles["licensor"]


def _licence_status(ctx: _Ctx, i: int) -> str:
    """A licence is granted unless the text puts it in the future ("will license",
    "licence production from 2026", "is to be built")."""
    lo = ctx.left_bound(i)
    window = ctx.lower[max(ctx.s.start, lo):min(ctx.s.end, i + 6)]
    future = any(w in FUTURE_MODALS or w in ("plans", "planned", "envisaged", "due", "would")
                 for w in window) or any(
        window[k] == "from" and window[k + 1].isdigit() and len(window[k + 1]) == 4
        for k in range(len(window) - 1))  # "licence production from 2026"
    return "planned" if future else "granted"


def _licence_verb(ctx: _Ctx, i: int) -> None:
    s = ctx.s
    licensor = ctx.subject(i)
    rb = ctx.right_bound(i)
    licensee = ctx.actor_after(i + 1, rb, ["to"])
    items = ctx.items_from(i + 1, rb)
    if licensor is None or not items:
        return
    roles: dict[str, Mention] = {"licensor": _state_of(licensor), "item": items[0]}
    if licensee is not None and licensee.id != licensor.id:
        roles["licensee"] = _state_of(licensee)
    status = _licence_status(ctx, i)
    ctx.facts.append(RawFact("ProductionLicense", status, roles, s, i, "licence.verb",
                             _conf(0.8, roles, 3, status)))


def _technology(ctx: _Ctx, i: int) -> None:
    """"X agreed to transfer the technology Y needs to build Z": a licence to produce Z."""
    s = ctx.s
    lower = ctx.lower
    licensor = ctx.subject(i - 2)
    build = next((k for k in range(i + 1, s.end) if lower[k] in (
        "build", "produce", "manufacture", "make", "assemble")), None)
    if licensor is None or build is None:
        return
    items = ctx.items_from(build + 1, min(s.end, build + 6))
    licensee = next((m for m in ctx.mentions_between(i + 1, build) if m.is_actor), None) or \
        ctx.actor_after(i + 1, build, ["to"])
    if not items:
        return
    roles: dict[str, Mention] = {"licensor": _state_of(licensor), "item": items[0]}
    if licensee is not None and licensee.id != licensor.id:
        roles["licensee"] = _state_of(licensee)
    status = "planned" if modality(ctx, i - 2, licensor) in (
        "planned", "promised", "reported", "hypothetical") else "granted"
    ctx.facts.append(RawFact("ProductionLicense", status, roles, s, i, "licence.technology",
                             _conf(0.7, roles, 3, status)))
