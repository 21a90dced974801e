"""Re-export consent rules: consent needed, asked for, granted or refused, from cues and
from the parse; a request to approve an export."""

from __future__ import annotations

from ..deps import Parse
from ..lexicon import (
    BLOCK_VERBS,
    CLEAR_OR_BLOCK_VERBS,
    CONSENT_ASK_VERBS,
    CONSENT_EXPORT_NOUNS,
    CONSENT_GOT_WORDS,
    CONSENT_NOUNS,
    EXPORT_APPROVE_VERBS,
    GIVE_VERBS,
    GRANT_VERBS,
    NEED_WORDS,
    NEGATION,
    PERMIT_VERBS,
    RECEIVE_VERBS,
    REEXPORT_MARKERS,
    REFUSE_WORDS,
    SUBMIT_VERBS,
)
from ..mentions import Mention
from .base import (
    _FRAME_VERBS,
    RawFact,
    _conf,
    _Ctx,
    _emit_items,
    _frame_mentions,
    _or_none,
    _origin,
    _state_of,
)

# -- re-export consent ----------------------------------------------------------------------


def _consent_context(ctx: _Ctx, i: int, rb: int) -> tuple[
        Mention | None, Mention | None, list[Mention]]:
    """Holder, destination and items of a consent: from its clause, else from a transfer
    stated in the same sentence, else the first item of the sentence."""
    s = ctx.s
    prior = [f for f in ctx.facts if f.type == "Transfer" and f.sentence is s and f.cue < i]
    last = prior[-1] if prior else None
    dest = ctx.actor_after(i + 1, rb, ["to"]) or ctx.actor_after(i + 1, rb, ["for"])
    if dest is None:
        give = next((k for k in range(i + 1, rb) if ctx.lower[k] in GIVE_VERBS), None)
        if give is not None:
            dest = ctx.actor_after(give + 1, min(rb, give + 3), [None])  # "to give Ukraine …"
    if dest is None and last is not None:
        dest = last.roles.get("recipient")
    items = ctx.items_from(i + 1, rb) or ctx.items_from(rb, s.end)
    if not items and last is not None:
        items = [f.roles["item"] for f in prior if f.roles.get("item") is not None][-1:]
    if not items:
        every = [m for m in ctx.mentions_between(s.start, s.end) if m.is_item]
        items = [m for m in every if m.how != "generic"][:1] or every[:1]
    holder = last.roles.get("supplier") if last is not None else None
    return holder, dest, items


def _emit_consent(ctx: _Ctx, status: str, rule: str, i: int, consent_holder: Mention,
                  holder: Mention | None, dest: Mention | None, items: list[Mention]) -> bool:
    if dest is None and not items:
        return False
    ch = _state_of(consent_holder)
    if holder is None and items and items[0].origin and items[0].origin != ch.id:
        holder = _origin(items[0])  # "London refused to let them [South Korean FA-50s] …"
    roles: dict[str, Mention] = {"consent_holder": ch}
    if holder is not None and _state_of(holder).id != ch.id:
        roles["holder"] = _state_of(holder)
    if dest is not None and _state_of(dest).id != ch.id:
        roles["destination"] = _state_of(dest)
    key = (ctx.s.index, ch.id, status, roles["holder"].id if "holder" in roles else "")
    if key in ctx.consents or ("holder" not in roles and any(
            k[:3] == key[:3] for k in ctx.consents)):
        return False  # the same consent named twice in one sentence
    ctx.consents.add(key)
    for item in _or_none(items):
        r = dict(roles)
        if item is not None:
            r["item"] = item
        ctx.facts.append(RawFact("ReExportConsent", status, r, ctx.s, i, rule,
                                 _conf(0.8, r, 4, status)))
    return True


def _consent_roles_from_parse(ctx: _Ctx) -> None:
    """Settle the holder, destination and items of this sentence's consent facts from the
    parse of the transfer verb the decision governs: "given the go-ahead to A, B and C to
    send X to Z" (holders A, B, C), "will allow A to transfer X to Z, while B will be
    permitted to send Y" (each holder its own items), "rejected requests from A and B, which
    wanted to supply X and Y to Z", "block A from sending X to Z", "vetoed A's request to
    send X to Z". A consent holder the parse names as the permitted party is no consent
    holder: the article's last consent holder takes its place."""
    p = Parse.of(ctx.doc)
    mine = [f for f in ctx.facts if f.type == "ReExportConsent" and f.sentence is ctx.s]
    if not p.ok or not mine:
        return
    frames = []
    for v in range(ctx.s.start, ctx.s.end):
        if ctx.lower[v] in _FRAME_VERBS and not ctx.an.in_quote[v]:
            fr = p.frame(v)
            if fr.governor is not None:
                frames.append(fr)
    if not frames:
        return
    earlier = [f.roles["consent_holder"] for f in ctx.facts
               if f.type == "ReExportConsent" and f.sentence.index < ctx.s.index]
    done: set[tuple[int, str]] = set()
    used: set[int] = set()
    for f in mine:
        fr = min(frames, key=lambda x: (x.governor is None or x.governor < f.cue - 2,
                                        abs(x.verb - f.cue)))
        used.add(fr.verb)
        holders = [_state_of(m) for m in _frame_mentions(ctx, fr.agents, True)]
        dests = [_state_of(m) for m in _frame_mentions(ctx, fr.destinations, True)]
        items = _frame_mentions(ctx, p.tokens_of(fr.objects), False)
        ch = f.roles["consent_holder"]
        if ch.id in {h.id for h in holders}:
            before = [g.roles["consent_holder"] for g in ctx.facts
                      if g.type == "ReExportConsent" and g.sentence is ctx.s and g.cue < f.cue
                      and g.roles["consent_holder"].id != ch.id]
            if not (before or earlier):
                ctx.facts.remove(f)
                continue
            ch = (before or earlier)[-1]  # "B will be permitted to send …": by the one before
        holders = [h for h in holders if h.id != ch.id]
        dests = [d for d in dests if d.id != ch.id and d.id not in {h.id for h in holders}]
        if not (holders or dests or items):
            continue
        ctx.facts.remove(f)
        for holder in _or_none(holders or ([f.roles["holder"]] if "holder" in f.roles
                                             else [])):
            for item in _or_none(items or ([f.roles["item"]] if "item" in f.roles else [])):
                roles = {k: v for k, v in f.roles.items()
                         if k not in ("holder", "item", "destination")}
                roles["consent_holder"] = ch
                if holder is not None:
                    roles["holder"] = holder
                dest = dests[0] if dests else f.roles.get("destination")
                if dest is not None and (holder is None or dest.id != holder.id):
                    roles["destination"] = dest
                if item is not None:
                    roles["item"] = item
                key = (fr.verb, "|".join(sorted(f"{k}={v.id}" for k, v in roles.items())))
                if key in done:
                    continue
                done.add(key)
                ctx.facts.append(RawFact("ReExportConsent", f.status, roles, ctx.s, f.cue,
                                         f.rule, _conf(0.8, roles, 4, f.status)))
    last = [f for f in ctx.facts if f.type == "ReExportConsent" and f.sentence is ctx.s]
    for f in last:  # a party the sentence permits is no one's consent holder in it
        granted_by = {g.roles["holder"].id: g.roles["consent_holder"] for g in last
                      if g is not f and "holder" in g.roles}
        if f.roles["consent_holder"].id in granted_by:
            f.roles["consent_holder"] = granted_by[f.roles["consent_holder"].id]
    for fr in frames:  # a second permission in the same sentence: "…, while B will be
        g = fr.governor  # permitted to send Y"
        if fr.verb in used or g is None or not last or p.negated(g) or \
                ctx.lower[g] not in PERMIT_VERBS | BLOCK_VERBS:
            continue
        holders = [_state_of(m) for m in _frame_mentions(ctx, fr.agents, True)]
        items = _frame_mentions(ctx, p.tokens_of(fr.objects), False)
        ch = last[-1].roles["consent_holder"]
        holders = [h for h in holders if h.id != ch.id]
        if not holders or not items:
            continue
        status = "granted" if ctx.lower[g] in PERMIT_VERBS else "refused"
        dests = [_state_of(m) for m in _frame_mentions(ctx, fr.destinations, True)]
        dest = dests[0] if dests else last[-1].roles.get("destination")
        for holder in holders:
            for item in items:
                roles = {"consent_holder": ch, "holder": holder, "item": item}
                if dest is not None and dest.id != holder.id:
                    roles["destination"] = dest
                ctx.facts.append(RawFact("ReExportConsent", status, roles, ctx.s, g,
                                         "consent.grant" if status == "granted"
                                         else "consent.refuse",
                                         _conf(0.75, roles, 4, status)))


def _consents(ctx: _Ctx) -> None:
    """Consent nouns: "would need X's approval", "without the consent of X", "asked X for
    permission", "after X's nod", "X's consent is needed"."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        if w not in CONSENT_NOUNS:
            continue
        if w == "ahead" and not (i >= 2 and lower[i - 2] == "go"):
            continue
        if w == "light" and not (i >= 1 and lower[i - 1] == "green"):
            continue
        if w in ("agreement", "permit") and not (i + 1 < s.end and lower[i + 1] in (
                "of", "from")) and not (i >= 1 and lower[i - 1] in ("'s", "’s", "export")):
            continue
        lo = ctx.left_bound(i)
        window = lower[max(lo, i - 6):i]
        after = lower[i + 1:min(s.end, i + 4)]
        grantor: Mention | None = None
        for k in range(i - 1, max(lo, i - 4) - 1, -1):
            if lower[k] in ("'s", "’s"):
                grantor = ctx.an.mention_at(k - 1)
                break
        if grantor is None:
            m = ctx.an.mention_at(i - 1) if i - 1 >= lo else None
            if m is not None and m.is_actor and m.kind in ("state", "org"):
                grantor = m  # "US consent", "German approval"
        if grantor is None:
            grantor = ctx.actor_after(i + 1, min(s.end, i + 5), ["from", "of", "by"])
        gave = next((k for k in range(max(lo, i - 4), i) if lower[k] in (
            "gave", "give", "gives", "given", "granted", "grants", "grant", "giving")), None)
        recipient: Mention | None = None
        if grantor is not None and gave is not None and gave == grantor.start - 1 and \
                grantor.kind == "state" and not grantor.possessive:
            recipient, grantor = grantor, None  # "X granted Y permission to …": Y holds
        if grantor is None and gave is not None:
            grantor = ctx.subject(gave)  # "Germany gave its consent for …"
        ask = next((k for k in range(max(lo, i - 6), i) if lower[k] in CONSENT_ASK_VERBS), None)
        if ask is not None and any(v in NEGATION for v in lower[max(lo, ask - 3):ask]):
            continue  # "did not ask Moscow for permission"
        if grantor is None and ask is not None:
            grantor = ctx.actor_after(ask + 1, i, [None])
        if grantor is None and ask is not None:
            grantor = next((m for m in reversed(ctx.mentions_between(s.start, ask))
                            if m.is_actor and m.prep == "to"), None)  # "wrote to Bern, asking"
        if grantor is None and "without" in window and any(
                lower[k] in ("our", "their", "its", "prior", "written") for k in range(
                    max(lo, i - 3), i)):
            subj = ctx.subject(max(lo, i - 6))
            rb = ctx.right_bound(i)
            items = ctx.items_from(lo, i) or _consent_context(ctx, i, rb)[2]
            if subj is not None and items:
                for item in items[:1]:
                    r = {"holder": _state_of(subj), "item": item}
                    ctx.facts.append(RawFact("ReExportConsent", "required", r, s, i,
                                             "consent.need", _conf(0.7, r, 4, "required")))
            continue
        if grantor is None or not grantor.is_actor:
            continue
        if any(v in NEED_WORDS or v == "without" for v in window) or any(
                v in ("needed", "required", "necessary") for v in after):
            status, rule = "required", "consent.need"
        elif ask is not None:
            status, rule = "requested", "consent.ask"
        elif any(v in REFUSE_WORDS or v == "withheld" for v in window):
            status, rule = "refused", "consent.refuse"
        elif any(v in CONSENT_GOT_WORDS for v in lower[max(s.start, i - 5):i]):
            status, rule = "granted", "consent.grant"
        else:
            continue
        rb = ctx.right_bound(i)
        holder, dest, items = _consent_context(ctx, i, rb)
        need = next((k for k in range(i - 1, max(lo, i - 6) - 1, -1)
                     if lower[k] in NEED_WORDS or lower[k] in CONSENT_GOT_WORDS), None)
        subj = ctx.subject(ask if ask is not None else need if need is not None
                           else max(lo, i - 6))
        if subj is not None and subj.id != grantor.id:
            holder = subj
        if holder is None or holder.id == grantor.id:
            by = next((m for m in ctx.mentions_between(lo, i) if m.is_actor and m.prep == "by"),
                      None)
            if by is not None:
                holder = by  # "any re-transfer of the F-35s by Berlin … would need …"
        for_to = next((m for m in ctx.mentions_between(i + 1, rb) if m.is_actor
                       and m.prep == "for" and m.end < s.end and lower[m.end] == "to"), None)
        if for_to is not None and for_to.id != grantor.id:
            holder = for_to  # "gave its consent for Poland to send …"
        if recipient is not None and recipient.id != grantor.id:
            holder = recipient
        _emit_consent(ctx, status, rule, i, grantor, holder, dest, items)
    _consent_decisions(ctx)


def _consent_nouns(ctx: _Ctx) -> None:
    """"Berlin's approval of the re-export of Leopard 2 tanks to Ukraine": a consent given,
    named as a noun with its grantor as possessor."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start + 2, s.end - 2):
        if lower[i] not in ("approval", "consent", "permission", "go-ahead", "authorisation",
                            "authorization", "blessing") or lower[i - 1] not in ("'s", "’s"):
            continue
        grantor = ctx.an.mention_at(i - 2)
        if grantor is None or not grantor.is_actor or lower[i + 1] not in ("of", "for", "to"):
            continue
        rb = ctx.right_bound(i)
        if not any(t in ("re", "re-export", "reexport", "re-exports", "retransfer", "onward")
                   for t in lower[i + 1:min(rb, i + 6)]):
            continue  # only the consent to pass items on; an export approval is a transfer
        if ctx.has_any(max(s.start, i - 6), i, NEED_WORDS | CONSENT_ASK_VERBS | NEGATION | {
                "without", "awaiting", "awaits", "needs", "seek", "seeking", "waiting", "wait",
                "waits", "pending", "expects", "expected", "hopes", "hoping"}) or \
                ctx.has_any(i + 1, rb, NEED_WORDS | {"needed", "required"}):
            continue  # needed or asked for: the verb rules say so
        ctx_holder, dest, items = _consent_context(ctx, i, rb)
        if not items:
            continue
        frm = ctx.actor_after(i + 1, rb, ["from"])
        holder = frm if frm is not None and frm.id != grantor.id else ctx_holder
        _emit_consent(ctx, "granted", "consent.grant", i, grantor, holder, dest, items)


def _consent_decisions(ctx: _Ctx) -> None:
    """"X approved/refused (Y's request for) the re-export of Z to W", "X will let Y
    re-export …", "X clears Z for W", "X has to approve any transfer …"."""
    lower = ctx.lower
    s = ctx.s
    _consent_nouns(ctx)
    for i in range(s.start, s.end):
        w = lower[i]
        if w in ("agree", "agreed", "consent") and any(
                v in NEGATION or v in ("cannot", "can't") for v in lower[max(s.start, i - 3):i]):
            status, rule = "refused", "consent.refuse"  # "cannot agree to the re-export"
        elif w in ("veto", "objection", "objections", "block") and any(v in (
                "drops", "dropped", "drop", "lifts", "lifted", "lift", "withdrew", "withdraws",
                "abandons", "abandoned", "ends", "ended") for v in lower[max(s.start, i - 3):i]):
            status, rule = "granted", "consent.grant"  # "Germany drops its veto on …"
        elif w in ("consented", "consents") and ctx.has_any(i + 1, i + 4, (
                "transfer", "re", "sale", "export", "delivery")):
            status, rule = "granted", "consent.grant"
        elif w in GRANT_VERBS or (w in ("permit", "authorise", "authorize") and ctx.has_any(
                max(s.start, i - 5), i, ("asked", "asks", "ask", "urged", "urges", "pressed"))):
            status, rule = "granted", "consent.grant"  # "asked Bern to permit …"
        elif w in REFUSE_WORDS and any(v in ("longer", "not", "n't", "never", "stop", "stopped",
                                        "ceased") for v in lower[max(s.start, i - 3):i]):
            status, rule = "granted", "consent.grant"  # "will no longer block the sale"
        elif w in REFUSE_WORDS or (w in ("turned", "turns", "turn", "turning") and i + 1 < s.end
                              and lower[i + 1] == "down"):
            status, rule = "refused", "consent.refuse"
        else:
            continue
        if w in ("given", "gave") and not ctx.has_any(i + 1, i + 4, ("permission", "consent")):
            continue
        rb = ctx.right_bound(i)
        tail = lower[i + 1:rb]
        items_tail = ctx.items_from(i + 1, rb)
        dest_tail = ctx.actor_after(i + 1, rb, ["to", "for"])
        marked = any(t in REEXPORT_MARKERS for t in tail)
        giving = any(t in GIVE_VERBS or t in ("transfer", "sale", "delivery") for t in tail)
        lets = ("let", "lets", "allow", "allows", "allowed", "allowing", "permit", "permits",
                "permitted", "authorised", "authorized", "authorises", "authorizes",
                "authorising", "authorizing", "cleared")
        letting = w in lets or any(t in lets for t in tail[:3])
        noun_next = any(t in ("sale", "sales", "transfer", "delivery", "export", "purchase")
                        for t in tail[:7])
        if noun_next and not marked and w in ("clear", "clears", "cleared", "authorised",
                                              "authorized", "approved", "approves"):
            continue  # "cleared the possible sale of …" is an export approval, no consent
        export_ok = status == "granted" and w in EXPORT_APPROVE_VERBS and bool(items_tail) and \
            dest_tail is not None and not marked and not letting and not noun_next and \
            not ctx.has_any(s.start, s.end, REEXPORT_MARKERS | CONSENT_ASK_VERBS)
        if not (marked or export_ok or (letting and giving and (items_tail or dest_tail)) or (
                w in CLEAR_OR_BLOCK_VERBS and items_tail and dest_tail and not (
                    noun_next and w in ("clear", "clears", "cleared")))):
            continue  # "cleared the possible sale of …" is an export approval, no consent
        if w in ("let", "lets", "allow", "allows", "allowed", "allowing") and any(
                lower[k] in REFUSE_WORDS or lower[k] in ("request", "requests")
                for k in range(max(s.start, i - 8), i)):
            continue  # "refused a request to let X send …": the refusal is the decision
        if ctx.boundary_word(i) in ("if", "unless"):
            continue  # "unless Washington approves …": nothing decided yet
        grantor = ctx.subject(i)
        if grantor is None or not grantor.is_actor:
            continue
        before = lower[max(s.start, i - 3):i]
        if status == "granted" and (("to" in before and any(
                v in ("has", "have", "had", "needs", "need", "must") for v in before))
                or any(v in ("must", "should") for v in before)):
            status, rule = "required", "consent.need"
        elif status == "granted" and ctx.has_any(s.start, i, CONSENT_ASK_VERBS) and (ctx.has_any(
                s.start, i, ("whether", "if")) or ctx.has_any(
                    max(s.start, i - 5), i, CONSENT_ASK_VERBS)):
            status, rule = "requested", "consent.ask"  # "asking Berlin to let … go ahead"
        holder: Mention | None = None
        let = next((k for k in range(i, rb) if lower[k] in lets), None)
        holders: list[Mention] = []
        if let is not None:
            cand = ctx.actor_after(let + 1, min(rb, let + 4), [None])
            if cand is not None and cand.id != grantor.id:
                holder = cand
                after = [m for m in ctx.mentions_between(cand.end, rb) if m.is_actor]
                if after and all(w in (",", "and", "the") for w in lower[cand.end:after[0].start]):
                    holders = [cand, after[0]]  # "authorised Denmark and the Netherlands to …"
        requester = None
        req = next((k for k in range(i + 1, rb) if lower[k] in (
            "request", "requests", "attempt", "attempts", "bid", "application")), None)
        if req is not None:
            for k in (req - 1, req - 2):
                m = ctx.an.mention_at(k) if k > i else None
                if m is not None and m.is_actor:
                    requester = m
                    break
        ctx_holder, dest, items = _consent_context(ctx, i, rb)
        if not items:
            continue  # "cleared the way for …" with nothing named: no consent to record
        by = ctx.actor_after(i + 1, rb, ["by"])
        frm = ctx.actor_after(i + 1, rb, ["from"]) if marked else None
        holder = holder or requester or (by if by is not None and by.id != grantor.id
                                         else None) or (
            frm if frm is not None and frm.id != grantor.id else None) or ctx_holder
        if holder is None and rule == "consent.ask":
            ask = next((k for k in range(i - 1, max(s.start, i - 6) - 1, -1)
                        if lower[k] in CONSENT_ASK_VERBS), None)
            asker = ctx.subject(ask) if ask is not None else None
            if asker is not None and asker.id != grantor.id:
                holder = asker  # "Madrid asked Bern to permit the re-export of its guns"
        if dest is not None and holder is not None and dest.id == holder.id:
            holder = None
        if export_ok and holder is None and dest_tail is not None and all(
                not m.origin or m.origin == _state_of(grantor).id for m in items_tail) and \
                _state_of(grantor).kind == "state" and \
                _state_of(grantor).id != _state_of(dest_tail).id:
            # "Washington cleared 40 F-35s for Greece": the grantor's own export, approved
            roles = {"supplier": _state_of(grantor), "recipient": dest_tail}
            _emit_items(ctx, "Transfer", "planned", roles, items_tail, i, "transfer.approved",
                        3)
            continue
        for extra in holders[1:]:
            _emit_consent(ctx, status, rule, i, grantor, extra, dest, items)
        if not _emit_consent(ctx, status, rule, i, grantor, holder, dest, items):
            continue
        if status == "refused" and requester is not None and holder is not None and \
                _state_of(requester).id != _state_of(holder).id and \
                lower[req] in ("request", "requests"):  # type: ignore[index]
            # a third party's request ("a US request to let Germany send …"); a holder's own
            # request is the consent itself
            for item in _or_none(items):
                r = {"requester": _state_of(requester), "addressee": _state_of(grantor)}
                if item is not None:
                    r["item"] = item
                ctx.facts.append(RawFact("Request", "requested", r, s, i, "request.refused",
                                         _conf(0.7, r, 3, "requested")))


def _consent_request_nouns(ctx: _Ctx) -> None:
    """"a request from X to approve the export of Z to Y", received by C or sent "to C": X
    asks C's consent to send Z to Y (``requested``; ``required`` when C has not received it:
    "has yet to receive", "received no request")."""
    p = Parse.of(ctx.doc)
    if not p.ok or any(f.type == "ReExportConsent" and f.sentence is ctx.s for f in ctx.facts):
        return
    s = ctx.s
    for n in range(s.start, s.end):
        if ctx.lower[n] not in ("request", "requests", "application", "applications") or \
                p.pos[n] != "NOUN":
            continue
        h = p.head[n]
        near = [k for k in range(n + 1, min(s.end, n + 8)) if p.head[k] in (n, h)
                and p.dep[k] in ("acl", "advcl", "xcomp") and p.mark(k) == "to"]
        approve = next((k for k in near if ctx.lower[k] in PERMIT_VERBS), None)
        if approve is None:
            continue
        export = next((o for o in p.children(approve, "obj")
                       if ctx.lower[o] in CONSENT_EXPORT_NOUNS), None)
        holder = _frame_mentions(ctx, p.noun_owners(n), True)
        if export is None or not (holder or ctx.lower[h] in SUBMIT_VERBS):
            continue
        rb = ctx.right_bound(export)
        items = ctx.items_from(export + 1, rb)
        dest = ctx.actor_after(export + 1, rb, ["to"])
        if ctx.lower[h] in RECEIVE_VERBS and h != n:
            asked = _frame_mentions(ctx, p.tokens_of(p.controllers(h)), True)
            missing = p.negated(h) or any(ctx.lower[k] in ("yet", "no") for k in p.kids[h]) \
                or any(ctx.lower[k] == "no" for k in p.children(n, "det"))
        else:
            sent = [h] if ctx.lower[h] in SUBMIT_VERBS and h != n else []
            asked = [m for k in p.kids[n] + [c for v in sent for c in p.kids[v]]
                     if p.dep[k] in ("nmod", "obl") and p.case(k) == "to"
                     for m in _frame_mentions(ctx, p.conjuncts(k), True)]
            if sent and not holder:
                holder = _frame_mentions(ctx, p.tokens_of(p.controllers(h)), True)
            missing = False
        if not asked or not items or not holder:
            continue
        _emit_consent(ctx, "required" if missing else "requested", "consent.ask", n,
                      asked[0], holder[0], dest, items)
        return
