"""Request rules: "asked/urged X to …", requests stated as nouns, and requests answered
(refused or granted) later in the sentence or the article."""

from __future__ import annotations

from ..deps import Parse
from ..lexicon import (
    ANSWER_VERBS,
    ASKING_NOUNS,
    GET_VERBS,
    GIVE_VERBS,
    GRANT_WORDS,
    GRANTING_VERBS,
    NEGATION,
    ON_REQUEST_WORDS,
    REEXPORT_WORDS,
    REFUSE_WORDS,
    REQUEST_CUE_NOUNS,
    WANT_VERBS,
)
from ..mentions import Mention
from .base import RawFact, _conf, _Ctx, _frame_mentions, _or_none, _state_of

# -- requests ---------------------------------------------------------------------------------


def _requests(ctx: _Ctx) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        if (w in ("asked", "asks", "ask", "urged", "urges", "urge", "requested", "requests",
                  "pressed", "appealed", "called", "calls", "asking", "urging", "sought",
                  "seeks", "seek", "seeking", "lobbied", "lobbying", "lobbies", "lobby",
                  "pleaded", "begged", "petitioned") or (
                w in ("pushing", "pushed", "pushes", "pressing", "pleading", "appealing")
                and ctx.has_any(i + 1, i + 5, ("for",)))) and not (
                i > s.start and (lower[i - 1] in ("the", "a", "his", "her", "its", "their",
                                                  "two", "three", "several", "many")
                                 or lower[i - 1].isdigit() or (
                                     w in ("requests", "calls") and
                                     ctx.an.mention_at(i - 1) is not None))):
            if w in ("called", "calls") and not (i + 1 < s.end and lower[i + 1] == "on"):
                continue
            rb = ctx.right_bound(i)
            subj = ctx.subject(i)
            if lower[i].endswith("ing") and i > s.start and lower[i - 1] == ",":
                subj = next((m for m in ctx.mentions_between(s.start, i) if m.is_actor and
                             m.prep is None and not m.modifier), subj)  # ", asking Berlin to …"
            if any(v in NEGATION for v in lower[max(s.start, i - 3):i]):
                continue
            if any((lower[k] == "to" and lower[k + 1] in (
                    "not", "refrain", "stop", "avoid", "cease", "halt", "never")) or (
                    lower[k] in ("not", "never") and lower[k + 1] == "to")
                   for k in range(i + 1, min(rb, i + 7) - 1)):
                continue  # "urged Seoul not to supply …": asking that nothing be sent
            addr = ctx.actor_after(i + 1, min(rb, i + 5), [None, "on", "to"]) or \
                ctx.actor_after(i + 1, rb, ["from"])  # "requested the tanks from Washington"
            items = ctx.items_from(i + 1, rb)
            if not items and ctx.has_any(i + 1, rb, ("permission", "approval", "consent")):
                items = ctx.items_from(rb, s.end)  # "asked X for the approval because the …"
            items += [m for m in ctx.items_alongside(items, rb) if m not in items]
            if addr is None and lower[i].endswith("ing") and i > s.start and \
                    lower[i - 1] == ",":
                addr = next((m for m in reversed(ctx.mentions_between(s.start, i))
                             if m.is_actor and m.prep == "to"), None)  # "wrote to Bern, asking"
            if subj is not None and addr is None and items and \
                    "for" in lower[i + 1:items[0].start]:
                for found in items:
                    r = {"requester": _state_of(subj), "item": found}
                    ctx.facts.append(RawFact("Request", "requested", r, s, i, "request.verb",
                                             _conf(0.75, r, 3, "requested")))
                continue
            if subj is not None and addr is None and i + 2 < s.end and lower[i + 1] == "to" \
                    and (lower[i + 2] in GET_VERBS or lower[i + 2] in GIVE_VERBS):
                addr = ctx.actor_after(i + 2, rb, ["from"])  # "requested to buy … from X"
            if subj is None or addr is None:
                continue
            if w in ("asked", "asks", "ask") and not items and not ctx.has_any(
                    i + 1, rb, ("permission", "approval", "consent", "send", "supply",
                                "provide", "deliver", "transfer")):
                continue
            roles = {"requester": _state_of(subj), "addressee": _state_of(addr)}
            if roles["requester"].id == roles["addressee"].id:
                continue
            for item in _or_none(items):
                r = dict(roles)
                if item is not None:
                    r["item"] = item
                ctx.facts.append(RawFact("Request", "requested", r, s, i, "request.verb",
                                         _conf(0.8, r, 3, "requested")))
        elif w in REQUEST_CUE_NOUNS and i + 2 < s.end and (lower[i + 1] == "for" or (
                lower[i + 1] == "to" and ctx.has_any(i + 2, i + 6, ("for",)) and (
                    m_to := ctx.an.mention_at(i + 2)) is not None and m_to.is_actor) or (
                lower[i + 1] == "to" and lower[i + 2] in ("buy", "purchase", "acquire",
                                                          "obtain", "receive"))):
            # "the request for Y", "Berlin's request to Brasilia for Y", "a German request
            # to buy Y from Z"
            rb = ctx.right_bound(i)
            first_for = next((k for k in range(i + 1, min(s.end, i + 6))
                              if lower[k] == "for"), i + 2)
            if lower[i + 2] in GET_VERBS:
                first_for = i + 2
            items = ctx.items_from(first_for + 1, min(rb, first_for + 8))
            if not items:
                continue
            subj = ctx.subject(i)
            owner = None
            if i - 1 > s.start and lower[i - 1] in ("'s", "’s"):
                owner = ctx.an.mention_at(i - 2)
            elif i > s.start and (adj := ctx.an.mention_at(i - 1)) is not None and \
                    adj.is_actor and adj.modifier and adj.end == i:
                owner = adj  # "a German request for …"
            requester = owner or subj
            if requester is None:
                continue
            roles = {"requester": _state_of(requester)}
            addr = ctx.actor_after(items[-1].end, rb, ["from", "to"]) or (
                ctx.actor_after(i + 1, first_for, ["to"]) if first_for > i + 1 else None)
            reach = next((k for k in range(items[-1].end, rb) if lower[k] in (
                "reached", "reaches", "went", "sent", "addressed")), None)
            if addr is None and reach is not None:
                addr = ctx.actor_after(reach + 1, min(rb, reach + 3), [None, "to"])
            if addr is None and owner is not None and subj is not None and \
                    subj.id != owner.id and ctx.has_any(subj.end, i, ANSWER_VERBS):
                addr = subj  # "Israel has refused Ukraine's request to buy …": asked Israel
            if addr is not None:
                roles["addressee"] = _state_of(addr)
            for item in items:
                r = dict(roles)
                r["item"] = item
                ctx.facts.append(RawFact("Request", "requested", r, s, i, "request.noun",
                                         _conf(0.75, r, 3, "requested")))


def _request_nouns(ctx: _Ctx) -> None:
    """Requests stated as a noun, read from the parse: "Kyiv's request to the US to acquire
    a Patriot battery" (requester, addressee, item), and a transfer made "on / based on /
    in response to its request" (the recipient asked the supplier for the item)."""
    p = Parse.of(ctx.doc)
    if not p.ok or any(f.type == "Request" and f.sentence is ctx.s for f in ctx.facts):
        return
    s = ctx.s
    for n in range(s.start, s.end):
        if ctx.lower[n] not in ASKING_NOUNS or p.pos[n] != "NOUN":
            continue
        owners = _frame_mentions(ctx, p.noun_owners(n, of=False), True)
        if not owners:
            poss = [k for k in p.children(n, "nmod:poss")]
            if poss and ctx.lower[poss[0]] in ("its", "their"):
                gave = [f for f in ctx.facts if f.sentence is s and f.type == "Transfer"
                        and "recipient" in f.roles and "supplier" in f.roles
                        and "item" in f.roles and f.cue < n]
                if gave and any(w in ON_REQUEST_WORDS for w in ctx.lower[max(s.start, n - 3):n]):
                    g = gave[-1]  # "donated X to Z based on its request"
                    roles = {"requester": g.roles["recipient"], "addressee": g.roles["supplier"],
                             "item": g.roles["item"]}
                    ctx.facts.append(RawFact("Request", "requested", roles, s, n,
                                             "request.noun", _conf(0.7, roles, 3, "requested")))
            continue
        addressees = [m for k in p.kids[n] if p.dep[k] in ("nmod", "obl") and p.case(k) in (
            "to", "for") for m in _frame_mentions(ctx, p.conjuncts(k), True)]
        items: list[Mention] = []
        near = [k for k in range(n + 1, min(s.end, n + 6)) if p.head[k] == p.head[n]
                and p.dep[k] in ("advcl", "xcomp") and p.mark(k) == "to"]
        for k in p.kids[n] + near:  # the parser may hang "to acquire" on the verb above
            if p.dep[k] in ("acl", "advcl", "xcomp") and ctx.lower[k] in (
                    WANT_VERBS | GIVE_VERBS.keys()):
                items += _frame_mentions(ctx, p.tokens_of(p.frame(k).objects), False)
                if ctx.lower[k] in GIVE_VERBS and not addressees:
                    continue  # "request to send X to Z": a consent, not asking for X
            elif p.dep[k] in ("nmod", "obl") and p.case(k) == "for":
                items += _frame_mentions(ctx, p.tokens_of(p.conjuncts(k)), False)
        if not items:
            continue
        requester = _state_of(owners[0])
        addressees += [m for k in p.kids[n] + near if ctx.lower[k] in WANT_VERBS
                       for c in p.kids[k] if p.dep[c] in ("obl", "nmod") and p.case(c) == "from"
                       for m in _frame_mentions(ctx, p.conjuncts(c), True)]  # "buy Z from Y"
        addressees = [a for a in addressees if _state_of(a).id != requester.id]
        for item in items:
            roles = {"requester": requester, "item": item}
            if addressees:
                roles["addressee"] = _state_of(addressees[0])
            else:  # asked before: the party the article had it asking, or selling, the item
                back = [g.roles.get("addressee") or g.roles.get("supplier")
                        for g in reversed(ctx.facts) if g.sentence is not s and g.type in (
                            "Request", "Transfer") and "item" in g.roles
                        and g.roles["item"].id == item.id
                        and (g.roles.get("requester") or g.roles.get("recipient")) is not None
                        and _state_of(g.roles.get("requester") or g.roles["recipient"]).id
                        == requester.id]
                who = next((m for m in back if m is not None), None)
                if who is not None and _state_of(who).id != requester.id:
                    roles["addressee"] = _state_of(who)
            ctx.facts.append(RawFact("Request", "requested", roles, s, n, "request.noun",
                                     _conf(0.7, roles, 3, "requested")))
        wanted = {k for k in p.kids[n] + near if ctx.lower[k] in WANT_VERBS}
        for f in [f for f in ctx.facts if f.sentence is s and f.type == "Transfer"
                  and f.roles.get("recipient") is not None
                  and f.roles["recipient"].id == requester.id and (
                      (f.status == "requested" and "supplier" not in f.roles)
                      or (ctx.lower[n] in ("desire", "wish") and f.cue in wanted))]:
            ctx.facts.remove(f)  # the request is the fact; "a desire to buy" moves nothing


def _purchase_request_answered(ctx: _Ctx) -> None:
    """"X refused Y's request to buy Z" (or "… request for Z"): X's refused transfer of Z to
    Y ("approved" → approved), beside the Request; the purchase verb's own transfer (whose
    buyer the word order may take for the seller) and a consent read into a sale go."""
    p = Parse.of(ctx.doc)
    if not p.ok or ctx.has_any(ctx.s.start, ctx.s.end, REEXPORT_WORDS | {
            "third", "onward", "retransfer", "re"}):
        return
    for n in range(ctx.s.start, ctx.s.end):
        v = p.head[n]
        if ctx.lower[n] not in ASKING_NOUNS or p.dep[n] != "obj" or v == n or not (
                ctx.lower[v] in REFUSE_WORDS or ctx.lower[v] in GRANTING_VERBS) or p.negated(v):
            continue
        owners = _frame_mentions(ctx, p.noun_owners(n, of=False), True)
        answerer = _frame_mentions(ctx, p.tokens_of(p.controllers(v)), True)
        wants = [k for k in p.kids[n] if p.dep[k] in ("acl", "xcomp")
                 and ctx.lower[k] in WANT_VERBS]
        items = [m for k in wants
                 for m in _frame_mentions(ctx, p.tokens_of(p.frame(k).objects), False)]
        items += [m for k in p.kids[n] if p.dep[k] == "nmod" and p.case(k) == "for"
                  for m in _frame_mentions(ctx, p.tokens_of(p.conjuncts(k)), False)]
        if not owners or not answerer or not items:
            continue
        buyer, seller = _state_of(owners[0]), _state_of(answerer[0])
        if buyer.id == seller.id:
            continue
        ids_ = {m.id for m in items}
        for f in [f for f in ctx.facts if f.sentence is ctx.s and "item" in f.roles
                  and f.roles["item"].id in ids_ and (
                      (f.type == "Transfer" and f.cue in wants)
                      or (f.type == "ReExportConsent" and "destination" not in f.roles))]:
            ctx.facts.remove(f)
        status = "approved" if ctx.lower[v] in GRANTING_VERBS else "refused"
        for item in items:
            roles = {"supplier": seller, "recipient": buyer, "item": item}
            ctx.facts.append(RawFact("Transfer", status, roles, ctx.s, v,
                                     "transfer.answered", _conf(0.75, roles, 3, status)))
        return


def _request_answered_back(ctx: _Ctx) -> None:
    """"X rejected the request" names no one: the request is the last one the article
    stated, a consent asked for (→ a refused or granted consent of X) or an item asked for
    (→ X's refused or approved transfer to the requester)."""
    p = Parse.of(ctx.doc)
    if not p.ok or any(f.sentence is ctx.s and f.type in ("ReExportConsent", "Transfer")
                       for f in ctx.facts):
        return
    for v in range(ctx.s.start, ctx.s.end):
        w = ctx.lower[v]
        granted = w in GRANT_WORDS or w in ("accepted", "accepts", "accept", "fulfilled")
        if not (w in REFUSE_WORDS or granted) or p.negated(v):
            continue
        obj = [k for k in p.children(v, "obj") if ctx.lower[k] in ("request", "requests",
                                                                   "application", "bid")]
        if not obj or not any(ctx.lower[d] in ("the", "this", "that", "these")
                              for d in p.children(obj[0], "det")) or \
                p.children(obj[0], "nmod:poss"):
            continue
        who = _frame_mentions(ctx, p.tokens_of(p.subjects(v)), True)  # "The Swiss government"
        if not who:
            continue
        x = _state_of(who[0])
        back = [f for f in ctx.facts if f.sentence.index < ctx.s.index and (
            f.type == "Request" or (f.type == "ReExportConsent" and f.status in (
                "requested", "refused", "granted")) or (
                f.type == "Transfer" and f.status == "requested"))]
        if not back:
            return
        recent = [f for f in back if f.sentence.index == back[-1].sentence.index]
        last = next((f for f in recent if f.type == "ReExportConsent"
                     and f.status == "requested"), None) or next(
            (f for f in recent if f.type == "ReExportConsent"), recent[-1])  # a veto, then
        #                                  "SECO rejected the request": the consent asked for
        if last.type == "ReExportConsent":  # a consent asked for is what was answered
            roles = dict(last.roles, consent_holder=x)
            if roles.get("holder") is not None and roles["holder"].id == x.id:
                return
            ctx.facts.append(RawFact("ReExportConsent", "granted" if granted else "refused",
                                     roles, ctx.s, v, "consent.refuse.back",
                                     _conf(0.75, roles, 4, "refused") - 0.05))
        else:
            requester = last.roles.get("requester") or last.roles.get("recipient")
            if requester is None or "item" not in last.roles or \
                    _state_of(requester).id == x.id:
                return
            roles = {"supplier": x, "recipient": _state_of(requester),
                     "item": last.roles["item"]}
            ctx.facts.append(RawFact("Transfer", "approved" if granted else "refused", roles,
                                     ctx.s, v, "transfer.answered.back",
                                     _conf(0.75, roles, 3, "refused") - 0.05))
        return
