"""Transfer rules: "X sent/supplied Y to Z", "Z received/bought Y from X", the sale,
delivery or order of Y, packages, replacements, operators and parse-read roles."""

from __future__ import annotations

from ..deps import Parse
from ..lexicon import (
    APPROACH_VERBS,
    APPROVE_PASSIVE,
    BREAK_UP_WORDS,
    BUY_FOR_VERBS,
    CANCEL_VERBS,
    CONDITION_WORDS,
    CONSENT_NOUNS,
    CONSIDERED_WORDS,
    DEAL_NOUNS,
    DEPART_VERBS,
    DONE_VERBS,
    GET_VERBS,
    GIVE_VERBS,
    INHERIT_VERBS,
    LEFT_BOUNDARY,
    LET_WORDS,
    MONEY_SUBJECTS,
    NEGATION,
    NOT_GOODS,
    ONWARD_NOUNS,
    OPERATE_VERBS,
    OPERATOR_LIST_CASES,
    OWN_SALE_VERBS,
    OWNING_VERBS,
    PAY_VERBS,
    PLEDGE_VERBS,
    POTENTIAL_WORDS,
    PRODUCE_VERBS,
    RECIPIENT_CASES,
    REEXPORT_MARKERS,
    REEXPORT_VERBS,
    RESTRICT_VERBS,
    SALE_NOUNS,
    SUPPLIED_PARTICIPLES,
    SUPPORT_VERBS,
    TELL_VERBS,
    TRANSFER_NOUN_GOVERNORS,
    opens_clause,
)
from ..mentions import Mention
from .base import (
    RawFact,
    _conf,
    _Ctx,
    _emit_items,
    _frame_mentions,
    _origin,
    _passive,
    _state_of,
    _tense,
    modality,
)

# -- transfer ------------------------------------------------------------------------------


def _transfers(ctx: _Ctx) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        before = ctx.an.mention_at(i - 1) if i > s.start else None
        if w in ("sale", "sales", "deal", "order", "purchase") and before is not None and \
                before.is_item and i + 1 < s.end and lower[i + 1] in ("to", "for"):
            _item_noun(ctx, i)  # "the F-16 sale to Turkey"
        elif w in ("shipment", "shipments", "delivery", "deliveries", "transfer", "transfers",
                 "sale", "sales", "supply", "supplies", "donation", "donations", "export",
                 "exports", "offer", "purchase", "purchases") and i + 1 < s.end and \
                lower[i + 1] == "of" and (i == s.start or lower[i - 1] not in ("to", "will")):
            _noun_transfer(ctx, i)
        elif w in ("order", "orders", "contract", "contracts", "deal", "purchase",
                   "purchases", "acquisition") and i + 1 < s.end and lower[i + 1] == "for":
            _order_noun(ctx, i)
        elif w in DEAL_NOUNS and i + 1 < s.end and lower[i + 1] == "with":
            _deal_with(ctx, i)
        elif (w in ("package", "tranche") or (w in ("deal", "contract", "agreement",
                                                    "approval") and any(
                v in ("covers", "includes", "comprises", "include", "cover")
                for v in lower[i + 1:min(s.end, i + 10)]))) and not any(
                f.sentence is s and f.type == "Transfer" for f in ctx.facts):
            _package(ctx, i)
        elif w in ("replacing", "replace", "replaces", "replaced") and ctx.has_any(
                i + 1, min(s.end, i + 6), ("with", "by")):
            _replace(ctx, i)
        elif w in ("came", "come", "comes", "coming") and ctx.has_any(i + 1, i + 3, ("from",)):
            _come_from(ctx, i)
        elif (w in ("go", "goes", "went", "gone") and i + 1 < s.end and lower[i + 1] == "to") \
                or (w in ("arrive", "arrives", "arrived") and i + 1 < s.end
                    and lower[i + 1] in ("in", "to")) \
                or (w in ("reach", "reaches", "reached") and _actor_at(ctx, i + 1)) \
                or (w in DEPART_VERBS and i + 1 < s.end
                    and lower[i + 1] == "for"):  # "the BMP-1s are expected to depart for Kyiv"
            _go_to(ctx, i)
        elif w in GIVE_VERBS:
            _give(ctx, i)
        elif w in GET_VERBS:
            _get(ctx, i)


def _operators(ctx: _Ctx) -> None:
    """A state that operates a system another state makes received it from that state:
    "Finland would be the fourth country operating the NASAMS after Poland and
    Sweden" → the makers' transfers to each operator (the listed ones delivered, the
    subject's as its own clause says: "would be" is conditional)."""
    p = Parse.of(ctx.doc)
    if not p.ok:
        return
    s = ctx.s
    for v in range(s.start, s.end):
        if ctx.lower[v] not in OPERATE_VERBS or p.negated(v):
            continue
        fr = p.frame(v)
        items = [m for m in _frame_mentions(ctx, p.tokens_of(fr.objects), False)
                 if m.home and m.how not in ("generic",)]
        if not items:
            continue
        subj = [(m, None) for m in _frame_mentions(ctx, fr.agents, True) if m.kind == "state"]
        listed = [(m, "delivered") for k in p.kids[v] + [c for o in fr.objects
                                                         for c in p.kids[o]]
                  if p.dep[k] in ("obl", "nmod") and p.case(k) in OPERATOR_LIST_CASES
                  for m in _frame_mentions(ctx, p.conjuncts(k), True) if m.kind == "state"]
        for m, status in subj + listed:
            if status is None:
                status = modality(ctx, v, m)
                if status == "reported":
                    status = "delivered"
            heir = _inherited_from(ctx, v)
            for item in items:
                if m.id == item.home:
                    continue
                supplier = heir or Mention(item.start, item.end, item.start_char,
                                           item.end_char, item.text, "state", item.home or "",
                                           item.home or "", "origin")
                roles = {"supplier": supplier, "recipient": m, "item": item}
                ctx.facts.append(RawFact("Transfer", status, roles, s, v, "transfer.operator",
                                         _conf(0.65, roles, 3, status)))


def _supplied_compounds(ctx: _Ctx) -> None:
    """"US-supplied Abrams tanks destined for Ukraine", "a U.S. Army-supplied M1A1 tank, as
    delivered to Ukraine": the state before "-supplied" delivered the items to the party
    they are for or went to (named in the clause)."""
    s = ctx.s
    lower = ctx.lower
    have = {f.roles["item"].id for f in ctx.facts if f.sentence is s and f.type == "Transfer"
            and "item" in f.roles}
    for m in s.mentions:
        k = m.start
        if not m.is_item or m.how == "pronoun" or m.id in have or k < s.start + 1:
            continue
        x = None
        if k >= s.start + 3 and lower[k - 1] in SUPPLIED_PARTICIPLES and lower[k - 2] == "-":
            x = ctx.an.mention_at(k - 3)  # "German-supplied"
            if x is None and k >= s.start + 4 and lower[k - 3] in ("army", "navy"):
                x = ctx.an.mention_at(k - 4)  # "U.S. Army-supplied"
        elif "-" in lower[k - 1] and lower[k - 1].rsplit("-", 1)[1] in SUPPLIED_PARTICIPLES:
            x = _state_named(ctx, k - 1)  # one token: "U.S.-supplied"
        if x is None:
            continue
        supplier = _state_of(x)
        if supplier.kind != "state":
            continue
        rb = ctx.right_bound(m.end)
        rec = next((r for r in ctx.mentions_between(m.end, rb) if r.is_actor
                    and r.prep in ("to", "for") and not r.modifier), None)  # "destined for"
        if rec is None or _state_of(rec).id == supplier.id:
            continue
        roles = {"supplier": supplier, "recipient": rec, "item": m}
        have.add(m.id)
        ctx.facts.append(RawFact("Transfer", "delivered", roles, s, k - 1, "transfer.supplied",
                                 _conf(0.65, roles, 3, "delivered"), quantity=m.quantity))


def _state_named(ctx: _Ctx, k: int) -> Mention | None:
    """The state named before the hyphen of token ``k`` ("U.S.-supplied"), as a mention."""
    tok = ctx.doc[k]
    name = tok.text.rsplit("-", 1)[0]
    hits = [h for h in ctx.an.catalog.find(name) if h.entity.kind == "state"
            and h.end_char - h.start_char == len(name)]
    if len(hits) != 1:
        return None
    e = hits[0].entity
    return Mention(k, k + 1, tok.idx, tok.idx + len(name), name, "state", e.id, e.label, "name")


def _from_to(ctx: _Ctx) -> None:
    """Items named with their route, "the Marders from Germany to Greece will follow",
    "the tanks from Poland to Ukraine arrived": a transfer from the first state to the
    second, planned under "will / expected / to", delivered under a verb in the past."""
    s = ctx.s
    lower = ctx.lower
    have = {f.roles["item"].id for f in ctx.facts if f.sentence is s and f.type == "Transfer"
            and "item" in f.roles}
    for m in s.mentions:
        if not m.is_item or m.how == "pronoun" or m.id in have or m.end + 3 >= s.end or \
                lower[m.end] != "from":
            continue
        a = ctx.an.mention_at(m.end + 1)
        if a is None or a.kind != "state" or a.start != m.end + 1 or a.end + 1 >= s.end or \
                lower[a.end] not in ("to", "for", "into"):
            continue
        b = ctx.an.mention_at(a.end + 1)
        if b is None or not b.is_actor or b.start != a.end + 1 or _state_of(b).id == a.id:
            continue
        rest = range(b.end, ctx.right_bound(b.end))
        verb = next((k for k in rest if ctx.doc[k].tag_ in ("VBD", "VBN", "MD", "VBZ", "VBP")),
                    None)
        if verb is None:
            continue
        tag = ctx.doc[verb].tag_
        if lower[verb] in ("will", "would", "'ll", "is", "are", "shall") or \
                any(lower[k] in ("expected", "set", "due", "scheduled") for k in rest):
            status = "planned"
        elif (tag == "VBD" or (tag == "VBN" and verb == b.end)) and lower[verb] not in (
                "would", "could", "might"):
            status = "delivered"  # "arrived", "have arrived"; a bare VBN is the tagger's past
        else:
            continue
        roles = {"supplier": a, "recipient": b, "item": m}
        have.add(m.id)
        ctx.facts.append(RawFact("Transfer", status, roles, s, m.end, "transfer.from-to",
                                 _conf(0.7, roles, 3, status), quantity=m.quantity))


def _onward(ctx: _Ctx) -> None:
    """A transfer whose recipient passes the items on: "sold shells to the US for transfer
    to Ukraine", "bought the tanks from A for onward delivery to B": a planned transfer from
    the first recipient to the second, of the same items."""
    s = ctx.s
    lower = ctx.lower
    new: list[RawFact] = []
    for f in [f for f in ctx.facts if f.sentence is s and f.type == "Transfer"]:
        rec, item = f.roles.get("recipient"), f.roles.get("item")
        if rec is None or item is None or f.status in ("refused", "hypothetical"):
            continue
        k = max(m.end for m in f.roles.values())
        if k + 3 >= s.end or lower[k] != "for":
            continue
        j = k + 1
        while j < s.end - 2 and lower[j] in ("onward", "further", "eventual", "later", "its",
                                              "their", "subsequent"):
            j += 1
        if lower[j] not in ONWARD_NOUNS or lower[j + 1] != "to":
            continue
        dest = ctx.an.mention_at(j + 2)
        if dest is None or not dest.is_actor or dest.start != j + 2 or \
                _state_of(dest).id == _state_of(rec).id:
            continue
        roles = {"supplier": rec, "recipient": dest, "item": item}
        new.append(RawFact("Transfer", "planned", roles, s, j, "transfer.onward",
                           _conf(0.7, roles, 3, "planned"), quantity=f.quantity))
    seen: set[tuple[str, str, str]] = set()
    for f in new:
        key = (f.roles["supplier"].id, f.roles["recipient"].id, f.roles["item"].id)
        if key not in seen:
            seen.add(key)
            ctx.facts.append(f)


def _money_owner(ctx: _Ctx, lo: int, cue: int) -> Mention | None:
    """Whose money or plan the clause before ``cue`` names as its subject: the owner it
    names ("the Commission's plan", "Germany's latest package", "a US package"), else the
    sentence's speaker's state ("…, the Pentagon said"); None when the subject is no money."""
    lower = ctx.lower
    k = next((k for k in range(lo, cue) if lower[k] in MONEY_SUBJECTS), None)
    if k is None or any(m.is_actor and not m.possessive and not m.modifier and m.prep is None
                        and m.how != "pronoun" for m in ctx.mentions_between(lo, k)):
        return None  # "Germany will send a package": the subject is the giver itself
    owners = [m for m in ctx.mentions_between(lo, k) if m.is_actor and (
        m.possessive or m.modifier)]
    if owners:
        return _state_of(owners[-1])
    if ctx.speaker is not None and ctx.speaker.how != "pronoun" and \
            _state_of(ctx.speaker).kind in ("state", "org"):
        return _state_of(ctx.speaker)
    return None


def _money_transfers(ctx: _Ctx) -> None:
    """Money or a plan as the subject: "a $400 million package will send S to Z", "the
    plan would see €500 million used to help buy S for Z". The owner of the money gives
    (planned) the items to the party named with "to" / "for"."""
    s = ctx.s
    lower = ctx.lower
    for f in [f for f in ctx.facts if f.sentence is s and f.type == "Transfer"
              and "supplier" not in f.roles and "recipient" in f.roles]:
        owner = _money_owner(ctx, ctx.left_bound(f.cue), f.cue)
        if owner is not None and owner.id != _state_of(f.roles["recipient"]).id:
            f.roles["supplier"] = owner
    for i in range(s.start + 2, s.end - 2):
        if lower[i] not in BUY_FOR_VERBS or not (
                lower[i - 1] in ("help", "to") and lower[i - 2] in ("used", "to", "help")):
            continue
        owner = _money_owner(ctx, ctx.left_bound(i), i)
        if owner is None:
            continue
        rb = ctx.right_bound(i)
        items = ctx.items_from(i + 1, rb)
        if not items:
            continue
        rec = next((m for m in ctx.mentions_between(items[-1].end, rb) if m.is_actor
                    and m.prep in ("for", "to") and not m.modifier), None)
        if rec is None or _state_of(rec).id == owner.id:
            continue
        have = {f.roles["item"].id for f in ctx.facts if f.sentence is s
                and f.type == "Transfer" and "item" in f.roles}
        for item in items:
            if item.id in have:
                continue
            roles = {"supplier": owner, "recipient": rec, "item": item}
            ctx.facts.append(RawFact("Transfer", "planned", roles, s, i, "transfer.money",
                                     _conf(0.65, roles, 3, "planned"), quantity=item.quantity))


def _made_or_backed_for(ctx: _Ctx) -> None:
    """Two ways of giving without a give-verb: "X will produce artillery ammunition for Z"
    (made for another state: X supplies it, planned) and "X can support Z first with
    launchers and then with S" (support … with: X gives Z the items)."""
    s = ctx.s
    lower = ctx.lower
    have = {(f.roles["item"].id, f.cue) for f in ctx.facts if f.sentence is s
            and f.type == "Transfer" and "item" in f.roles}
    for i in range(s.start, s.end - 2):
        w = lower[i]
        if w in PRODUCE_VERBS and not w.endswith("ed"):  # "built for Z" is the participle's
            rb = ctx.right_bound(i)
            items = ctx.items_from(i + 1, min(rb, i + 8))
            if not items or items[0].start > i + 4:
                continue
            rec = next((m for m in ctx.mentions_between(items[-1].end, rb) if m.is_actor
                        and m.prep == "for" and m.start <= items[-1].end + 2
                        and not m.modifier), None)
        elif w in SUPPORT_VERBS and ctx.an.mention_at(i + 1) is not None:
            rec = ctx.an.mention_at(i + 1)
            rb = ctx.right_bound(i)
            if rec is None or not rec.is_actor or rec.start != i + 1:
                continue
            items = [m for k in range(rec.end, min(rb, rec.end + 12)) if lower[k] == "with"
                     for m in ctx.items_from(k + 1, rb)[:1] if m.start <= k + 3]
            if any(m.how != "generic" for m in items):  # "first with launchers and then
                items = [m for m in items if m.how != "generic" or m.end - m.start > 1]
                #                              with further Patriot components": one Patriot
        else:
            continue
        sup = ctx.subject(i)
        if rec is None or sup is None or not sup.is_actor or sup.how == "pronoun" or \
                _state_of(sup).id == _state_of(rec).id:
            continue
        status = modality(ctx, i, sup)
        if status in ("delivered", "reported") and w in PRODUCE_VERBS:
            status = "planned"  # what is made for Z is not yet there
        for item in items:
            if (item.id, i) in have or any(k == item.id for k, _ in have):
                continue
            roles = {"supplier": sup, "recipient": rec, "item": item}
            ctx.facts.append(RawFact("Transfer", status, roles, s, i, "transfer.made-for"
                                     if w in PRODUCE_VERBS else "transfer.support",
                                     _conf(0.65, roles, 3, status), quantity=item.quantity))


def _approached_to_buy(ctx: _Ctx) -> None:
    """"Ukraine approached Israel (directly) to purchase S": the subject of the approach is
    the buyer and the party approached the seller (the purchase verb's nearest actor to its
    left is the seller, not the buyer); the buyer only asks, so the status is requested."""
    lower = ctx.lower
    for f in [f for f in ctx.facts if f.sentence is ctx.s and f.rule == "transfer.get"
              and "supplier" not in f.roles and "recipient" in f.roles]:
        rec = f.roles["recipient"]
        if f.cue < 1 or lower[f.cue - 1] != "to" or rec.start < ctx.s.start + 1:
            continue
        k = rec.start - 1
        if lower[k] not in APPROACH_VERBS or not all(
                w.endswith("ly") for w in lower[rec.end:f.cue - 1]):
            continue
        buyer = ctx.subject(k)
        if buyer is None or not buyer.is_actor or _state_of(buyer).id == _state_of(rec).id:
            continue
        f.roles["supplier"], f.roles["recipient"] = rec, buyer
        f.status = "requested" if f.status in ("planned", "delivered") else f.status


def _paid_for(ctx: _Ctx) -> None:
    """Money for arms: "Canada paid for the NASAMS system", "Germany will fund IRIS-T
    launchers for Ukraine": the payer provides the items (planned) to the party they are
    for, else to the one the item's frame names (kept only if it does)."""
    s = ctx.s
    lower = ctx.lower
    have = {f.roles["item"].id for f in ctx.facts if f.sentence is s and f.type == "Transfer"
            and "item" in f.roles}
    for i in range(s.start, s.end - 1):
        w = lower[i]
        if w not in PAY_VERBS or (w.startswith("pa") and lower[i + 1] != "for"):
            continue
        rb = ctx.right_bound(i)
        items = [m for m in ctx.items_from(i + 1, rb) if m.id not in have]
        payer = ctx.subject(i)
        if not items or payer is None or _state_of(payer).kind != "state":
            continue
        status = modality(ctx, i, payer)
        if status in ("hypothetical", "refused", "requested") or _plain_negation(
                ctx, i, ctx.left_bound(i)):
            continue
        roles: dict[str, Mention] = {"supplier": _state_of(payer)}
        rec = next((m for m in ctx.mentions_between(items[-1].end, rb) if m.is_actor
                    and m.prep in ("for", "to") and not m.modifier), None)
        if rec is not None and _state_of(rec).id != roles["supplier"].id:
            roles["recipient"] = rec
        for item in items:
            ctx.facts.append(RawFact(
                "Transfer", "planned", dict(roles, item=item), s, i, "transfer.paid",
                _conf(0.65, dict(roles, item=item), 3, "planned"), quantity=item.quantity,
                extra={} if "recipient" in roles else {"frame": "parties"}))
        return


def _inherited_from(ctx: _Ctx, v: int) -> Mention | None:
    """State succession: a system the operator "inherited from X" or "inherited after the
    break-up of X" came from X, not from its maker."""
    s = ctx.s
    k = next((k for k in range(v + 1, s.end) if ctx.lower[k] in INHERIT_VERBS), None)
    if k is None:
        return None
    for m in ctx.mentions_between(k + 1, min(s.end, k + 8)):
        if m.kind == "state" and any(w in BREAK_UP_WORDS for w in ctx.lower[k + 1:m.start]):
            return m
    return None


def _transfer_roles_from_parse(ctx: _Ctx) -> None:
    """Roles a transfer verb's parse settles that the word-order rules left open or took
    from the wrong phrase: the item of a relative clause is the noun it hangs on ("the
    CV90 vehicles that Oslo has sent to Kyiv": the CV90s, not the spare parts named
    before them); a missing supplier is the verb's subject or controller ("Oslo was willing
    to deliver …"), a missing recipient the actor after its "to"."""
    p = Parse.of(ctx.doc)
    if not p.ok:
        return
    for f in [f for f in ctx.facts if f.type == "Transfer" and f.sentence is ctx.s
              and f.rule == "transfer.noun"]:
        h = p.head[f.cue]
        if p.dep[f.cue] == "obj" and ctx.lower[h] in OWN_SALE_VERBS and not p.negated(h):
            # "Norway approved the sale of rockets to Chile", "Oslo confirmed the delivery
            # of 20 carriers to Ukraine": the verb's subject sells
            subj = [m for m in _frame_mentions(ctx, p.tokens_of(p.controllers(h)), True)
                    if _state_of(m).kind == "state"]  # "X postponed A and approved the sale"
            rec = f.roles.get("recipient")
            if subj and (rec is None or _state_of(subj[0]).id != rec.id) and not \
                    ctx.has_any(ctx.s.start, ctx.s.end, REEXPORT_MARKERS):
                f.roles["supplier"] = subj[0]
        if p.dep[f.cue] == "obj" and ctx.lower[h] in RESTRICT_VERBS | CANCEL_VERBS and \
                not p.negated(h):
            f.status = "refused"  # "ordered the government to halt all exports of X to Y"
            stopper = [m for m in _frame_mentions(ctx, p.tokens_of(p.controllers(h)), True)
                       if _state_of(m).kind == "state"]
            rec = f.roles.get("recipient")
            if stopper and (rec is None or _state_of(stopper[0]).id != rec.id):
                f.roles["supplier"] = _state_of(stopper[0])  # "X … and halted delivery of"
    for f in [f for f in ctx.facts if f.type == "Transfer" and f.sentence is ctx.s
              and f.rule in ("transfer.give", "transfer.give.passive")]:
        v = f.cue
        if ctx.lower[v] not in GIVE_VERBS:
            continue
        fr = p.frame(v)
        if p.dep[v] == "acl:relcl" and not p.passive(v) and all(
                ctx.lower[o] in ("that", "which") for o in fr.objects):
            np_tokens = p.tokens_of([p.head[v]])
            ante = _frame_mentions(ctx, np_tokens, False)
            if ante and np_tokens and ante[0].start < min(np_tokens):
                ante = _parent_system(ctx, ante[0], min(np_tokens), max(np_tokens) + 1)
            if ante and f.roles.get("item") is not None and ante[0].id != f.roles["item"].id:
                f.roles["item"] = ante[0]
                agents = [m for m in _frame_mentions(ctx, fr.agents, True)]
                if agents:
                    f.roles["supplier"] = agents[0]
        if "supplier" not in f.roles and f.status not in ("hypothetical",):
            agents = [m for m in _frame_mentions(ctx, fr.agents, True) if m.kind == "state"
                      and m.id != (f.roles["recipient"].id if "recipient" in f.roles else "")]
            if agents:
                f.roles["supplier"] = agents[0]
        if "recipient" not in f.roles:
            dests = [m for m in _frame_mentions(ctx, fr.destinations, True)
                     if "supplier" not in f.roles or m.id != f.roles["supplier"].id]
            if dests:
                f.roles["recipient"] = dests[0]
    _reduced_relatives(ctx, p)
    _approved_for_sale(ctx, p)
    _coordinated_recipients(ctx, p)


def _approved_for_sale(ctx: _Ctx, p: Parse) -> None:
    """"HIMARS launchers and Harpoon missiles had been approved for sale to Taiwan (by X)":
    an approved transfer of each item to the party after "to"; the seller is the "by"
    agent, else the state of whoever reports the approval ("the agency said …"), else the
    seller of the article's last transfer to that party; with none, nothing is emitted."""
    for v in range(ctx.s.start, ctx.s.end):
        if ctx.lower[v] not in APPROVE_PASSIVE or not p.passive(v) or p.negated(v):
            continue
        sale = next((k for k in p.kids[v] if p.dep[k] in ("obl", "nmod") and p.case(k) == "for"
                     and ctx.lower[k] in SALE_NOUNS), None)
        if sale is None:
            continue
        fr = p.frame(v)
        items = _frame_mentions(ctx, p.tokens_of(fr.objects), False) or \
            ctx.items_from(ctx.left_bound(v), v)  # "$1.8 billion worth of A and B had been …"
        dests = [m for k in p.kids[sale] + p.kids[v] if p.dep[k] in ("nmod", "obl")
                 and p.case(k) == "to" for m in _frame_mentions(ctx, p.conjuncts(k), True)]
        if not items or not dests:
            continue
        sellers = _frame_mentions(ctx, fr.agents, True)
        h = v
        for _ in range(3):  # up to the verb that reports the approval: "the agency said …"
            if h == p.head[h] or (h != v and p.pos[h] == "VERB"):
                break
            h = p.head[h]
        if not sellers and h != v and p.pos[h] == "VERB":
            sellers = [m for m in _frame_mentions(ctx, p.tokens_of(p.subjects(h)), True)
                       if _state_of(m).kind == "state"]
        rec = dests[0]
        if not sellers:  # the seller of the article's last transfer to that party
            sellers = [f.roles["supplier"] for f in reversed(ctx.facts) if f.type == "Transfer"
                       and "supplier" in f.roles and f.roles.get("recipient") is not None
                       and _state_of(f.roles["recipient"]).id == _state_of(rec).id][:1]
        makers = {m.home for m in items if m.home}
        if not sellers and len(makers) == 1 and _state_of(rec).id not in makers:
            home = items[0].home or next(iter(makers))  # the maker's state approves its sale
            sellers = [Mention(v, v + 1, ctx.doc[v].idx, ctx.doc[v].idx, "", "state",
                               home, home, "origin")]
        if not sellers:
            continue  # a sale approved by no one the text names
        have = {f.roles["item"].id for f in ctx.facts if f.sentence is ctx.s
                and f.type == "Transfer" and "item" in f.roles}
        for item in items:
            if item.id in have:
                continue
            roles: dict[str, Mention] = {"recipient": rec, "item": item}
            if sellers and _state_of(sellers[0]).id != _state_of(rec).id:
                roles["supplier"] = sellers[0]
            ctx.facts.append(RawFact("Transfer", "approved", roles, ctx.s, v,
                                     "transfer.approved.passive",
                                     _conf(0.75, roles, 3, "approved"),
                                     quantity=item.quantity))


def _parent_system(ctx: _Ctx, m: Mention, a: int, b: int) -> list[Mention]:
    """The system a munition mention was named after, for a clause that hangs on the system
    alone: "ammunition for the Gepard system that Berlin sent" (Berlin sent the Gepard)."""
    entry = ctx.an.catalog.entries.get(m.id)
    parent = ctx.an.catalog.entries.get(entry.parent) if entry and entry.parent else None
    if parent is None:
        return []
    span = ctx.doc[a:b]
    return [Mention(a, b, span.start_char, span.end_char, span.text, "system", parent.id,
                    parent.label, "name", home=parent.origin)]


def _reduced_relatives(ctx: _Ctx, p: Parse) -> None:
    """A past participle hanging on the items it moved: "108 ex-German Leopard 2A4s sold to
    Poland in 1995", "the howitzers delivered to Ukraine by Norway" (item = the noun;
    recipient after "to"; supplier after "by", else the state the items are named after)."""
    cues = {f.cue for f in ctx.facts if f.sentence is ctx.s}
    for v in range(ctx.s.start, ctx.s.end):
        w = ctx.lower[v]
        prev = ctx.an.mention_at(v - 1) if v > ctx.s.start else None
        after_item = prev is not None and prev.is_item and prev.end == v and p.dep[v] in (
            "appos", "advcl", "dep", "conj")  # the parser's other readings of "X sold to Y"
        if v in cues or (p.dep[v] != "acl" and not after_item) or GIVE_VERBS.get(
                w, ("", ""))[1] not in ("pp", "past/pp") or p.children(v, "aux", "aux:pass",
                                                                    "mark"):
            continue
        items = [prev] if after_item and prev is not None else _frame_mentions(
            ctx, p.tokens_of([p.head[v]] + p.children(v, "nsubj")),
            False)  # the parser may make the noun the participle's subject
        if not items or items[0].how == "generic":
            continue
        fr = p.frame(v)
        dests = _frame_mentions(ctx, fr.destinations, True)
        if not dests:
            continue
        by = [m for k in p.kids[v] if p.dep[k] in ("obl", "obl:agent") and p.case(k) == "by"
              for m in _frame_mentions(ctx, p.conjuncts(k), True)]
        item = items[0]
        supplier = by[0] if by else (_origin(item) if item.origin else None)
        roles: dict[str, Mention] = {"recipient": dests[0], "item": item}
        if supplier is not None and _state_of(supplier).id != _state_of(dests[0]).id:
            roles["supplier"] = supplier
        ctx.facts.append(RawFact("Transfer", "delivered", roles, ctx.s, v,
                                 "transfer.give.participle", _conf(0.7, roles, 3, "delivered"),
                                 quantity=item.quantity))


def _coordinated_recipients(ctx: _Ctx, p: Parse) -> None:
    """"send X to A and B", "delivered tanks to A, B and C": one transfer per recipient."""
    have = {(f.cue, f.roles["recipient"].id, f.roles.get("item", f.roles["recipient"]).id)
            for f in ctx.facts if f.type == "Transfer" and f.sentence is ctx.s
            and "recipient" in f.roles}
    for f in [f for f in ctx.facts if f.type == "Transfer" and f.sentence is ctx.s
              and "recipient" in f.roles]:
        r = f.roles["recipient"]
        if r.start >= len(p.head) or p.head[r.start] == r.start:
            continue
        k = next((t for t in range(r.start, r.end) if p.head[t] < r.start or
                  p.head[t] >= r.end), r.start)  # the head token of the recipient's name
        if p.case(k) not in RECIPIENT_CASES and not (p.dep[k] == "conj"):
            continue
        first = k
        while p.dep[first] == "conj":
            first = p.head[first]
        for c in p.conjuncts(first):
            m = ctx.an.mention_at(c)
            if m is None or not m.is_actor or m.id == r.id or m.prep not in (None, "to", "and"):
                continue
            if m.start > r.start and m.end < ctx.s.end and opens_clause(ctx.lower[m.end]):
                continue  # "… to Ukraine and Norway has sent …": the subject of a clause
            key = (f.cue, m.id, f.roles.get("item", r).id)
            if key in have or ("supplier" in f.roles and f.roles["supplier"].id == m.id):
                continue
            have.add(key)
            ctx.facts.append(RawFact(f.type, f.status, dict(f.roles, recipient=m), f.sentence,
                                     f.cue, f.rule, f.confidence, quantity=f.quantity))


def _is_reexport(ctx: _Ctx, i: int) -> bool:
    lower = ctx.lower
    lemma = GIVE_VERBS.get(lower[i], ("", ""))[0]
    return lemma in REEXPORT_VERBS or (i >= 2 and lower[i - 1] == "-" and lower[i - 2] == "re")


def _give(ctx: _Ctx, i: int) -> None:
    lower = ctx.lower
    s = ctx.s
    lemma = GIVE_VERBS[lower[i]][0]
    if lemma == "end":
        _end_up(ctx, i)
        return
    if i > s.start and lower[i - 1] == "-":
        return  # "second-hand", "hand-delivered"
    p = Parse.of(ctx.doc)
    if p.ok and any(lower[o] in NOT_GOODS for o in p.children(i, "obj")):
        return  # "sent a request to X to approve …": no goods move
    if lemma in PLEDGE_VERBS and i + 1 < s.end and lower[i + 1] in ("to", "that", "not"):
        return  # "promised to provide …": the governed verb is the cue
    if lemma == "export" and i > s.start and lower[i - 1] in ("arms", "of", "the"):
        return
    if i >= 3 and lower[i - 1] == "-" and lower[i - 2] == "re" and lower[i - 3] in (
            "the", "a", "any", "of", "for", "no"):
        return  # "the re-export of …" is a noun
    if i > s.start and lower[i - 1] in ("the", "a", "its", "their", "of", "an") and \
            _tense(lower[i]) in ("base", "3sg"):
        return  # a noun ("the transfer", "the offer"), handled by the noun rule
    if any(w in CONSENT_NOUNS or w in ("support", "assurance", "assurances", "backing",
                                       "guarantee", "guarantees", "signal", "speech",
                                       "go-ahead", "green", "go")
           for w in lower[i + 1:i + 4]):
        return  # "gave its consent …", "gave assurances": nothing physical changes hands
    lo = ctx.left_bound(i)
    if ctx.has_any(lo, i, LET_WORDS):
        return  # "let X send …", "permission to re-export": a consent, not a transfer
    rb = ctx.right_bound(i)
    if _told_not_to(ctx, i, lo):
        return  # "told Tokyo to refrain from sending …": a demand that nothing be sent
    if lemma in ("equip", "rearm") and not ctx.has_any(i + 1, rb, ("with",)):
        return  # "equip two tank battalions": no item changes hands in the sentence
    passive = _passive(ctx, i)
    tag = GIVE_VERBS[lower[i]][1]
    if tag == "past/pp" and not passive:
        prev = ctx.an.mention_at(i - 1) if i > s.start else None
        if prev is not None and prev.is_item and lower[i - 1] not in ("has", "have", "had"):
            return  # a reduced relative: "the Patriots delivered"
    roles: dict[str, Mention] = {}
    items: list[Mention] = []
    suppliers: list[Mention] = []
    if passive:
        left_items = ctx.items_from(lo, i)
        if not left_items:
            left_items = ctx.antecedent_items(lo, near=False)
        items = left_items
        sup = ctx.actor_after(i + 1, rb, ["by"])
        rec = ctx.actor_after(i + 1, rb, ["to", "for", "into", "toward", "towards"])
        w_at = next((k for k in range(i + 1, min(rb, i + 3)) if lower[k] == "with"), None)
        if w_at is not None and rec is None:
            # "Lithuania was supplied with NASAMS by Norway": the subject receives
            with_items = ctx.items_from(w_at + 1, rb)
            subj_rec = ctx.subject(i)
            if with_items and subj_rec is not None:
                items, rec = with_items, subj_rec
        if sup:
            roles["supplier"] = sup
        if rec:
            roles["recipient"] = rec
        rule = "transfer.give.passive"
        subj = None
        if sup is None:
            made = next((k for k in range(s.start, i) if lower[k] in (
                "made", "produced", "manufactured", "built")), None)
            place = ctx.actor_after(made + 1, min(i, made + 4), ["in"]) if made is not None \
                else None
            if place is not None and rec is not None and place.id != rec.id:
                roles["supplier"] = place  # "made in Switzerland and sold to the German army"
    else:
        subj = None if _subjectless(ctx, i) else (
            _for_to_subject(ctx, i) or _gerund_agent(ctx, i) or ctx.subject(i))
        rule = "transfer.give"
        first = [m for m in ctx.mentions_between(i + 1, rb)]
        it_item = i + 1 < s.end and lower[i + 1] in ("it", "them") and any(
            m.is_item for m in ctx.mentions_between(s.start, i))
        if it_item and first and first[0].start == i + 1:
            first = first[1:]  # "bought a TB2 and gave it to Ukraine": "it" is the item
        direct = first[0] if first and first[0].is_actor and first[0].prep is None and \
            not first[0].modifier and first[0].start <= i + 3 else None
        if direct is not None and lemma != "export":
            roles["recipient"] = direct
            items = ctx.items_from(direct.end, rb)
        else:
            rec = ctx.actor_after(i + 1, rb, ["to", "for", "into", "toward", "towards"])
            if rec:
                roles["recipient"] = rec
            items = ctx.items_from(i + 1, rec.start if rec else rb) or \
                ctx.items_from(i + 1, rb)
        if not items:
            items = ctx.antecedent_items(lo)
        if not items and it_item:
            before = [m for m in ctx.mentions_between(s.start, i) if m.is_item]
            items = before[-1:]  # "bought a TB2 and gave it to Ukraine"
        items = items + [m for m in ctx.items_alongside(items, ctx.s.end) if m not in items]
        if subj is not None and subj.start > s.start and lower[subj.start - 1] in (
                "asked", "urged", "pressed", "requested", "begged", "ask", "urge"):
            return  # "Kyiv asked Seoul to supply shells": a request, not (yet) a transfer
        if subj is not None:
            suppliers = [_state_of(m) for m in ctx.coordinated(subj)]
            roles["supplier"] = suppliers[-1]
    if "supplier" not in roles or "recipient" not in roles:
        _inherit(ctx, i, roles)
    if passive and items and not ({"supplier", "recipient"} & set(roles)) and all(
            m.how == "definite" for m in items):
        _framed_passive(ctx, i, items)  # "the armoured vehicles were pledged in January"
        return
    if not items or not ({"supplier", "recipient"} & set(roles)):
        return
    if "recipient" not in roles and not passive:
        listed = _listed_recipients(ctx, i, rb)
        if listed:
            for rec in listed:
                r = dict(roles)
                r["recipient"] = rec
                if "supplier" not in r or _state_of(r["supplier"]).id != _state_of(rec).id:
                    _emit_items(ctx, "Transfer", modality(ctx, i, subj), r, items, i,
                                "transfer.give", 3)
            return
    status = modality(ctx, i, subj)
    if lemma in PLEDGE_VERBS and status not in ("reported", "hypothetical", "refused"):
        status = PLEDGE_VERBS[lemma]  # "pledged F-16s", but "reportedly offered": reported
    if status == "hypothetical" and _plain_negation(ctx, i, lo):
        return  # "Germany has not sent any …": nothing happened, nothing is considered
    if lemma in PLEDGE_VERBS and ctx.has_any(lo, i, CONDITION_WORDS):
        status = "hypothetical"
    choices: list[Mention | None] = list(suppliers) or [roles.get("supplier")]
    if "recipient" not in roles and (status == "refused" or (
            all(m.how in ("definite", "pronoun") for m in items)
            and ctx.boundary_word(i) not in CONDITION_WORDS
            and not ctx.has_any(lo, i, CONDITION_WORDS))):
        return  # "looking for ways to supply the guns": nothing new, no one to receive it
    spk = _state_of(ctx.speaker) if ctx.speaker is not None else None
    if passive and "supplier" not in roles and items and items[0].origin and (
            "recipient" not in roles or roles["recipient"].id != items[0].origin):
        roles["supplier"] = _origin(items[0])  # "German Gepard guns … were handed over to …"
        choices = [roles["supplier"]]
    elif passive and "supplier" not in roles and spk is not None and spk.kind == "state" and (
            "recipient" not in roles or roles["recipient"].id != spk.id):
        roles["supplier"] = spk  # "X's ministry said … would be handed over to Kyiv"
        choices = [roles["supplier"]]
    for sup in choices:
        r = dict(roles)
        if sup is not None:
            r["supplier"] = sup
        if "recipient" in r and "supplier" in r and r["recipient"].id == r["supplier"].id:
            if passive:
                del r["supplier"]  # a misread agent; the transfer itself stands
            else:
                continue
        _emit_items(ctx, "Transfer", status, r, items, i, rule, 3)


def _framed_passive(ctx: _Ctx, i: int, items: list[Mention]) -> None:
    """A passive about items the article named before, with no party in the sentence
    ("The tanks were delivered last week", "The vehicles were first pledged in January"):
    a transfer whose parties the item's running frame gives (kept only if it does)."""
    lemma = GIVE_VERBS[ctx.lower[i]][0]
    status = modality(ctx, i, None)
    if lemma in PLEDGE_VERBS and status not in ("reported", "hypothetical", "refused"):
        status = PLEDGE_VERBS[lemma]
    if status in ("hypothetical", "refused") or _plain_negation(ctx, i, ctx.left_bound(i)):
        return
    for item in items:
        ctx.facts.append(RawFact("Transfer", status, {"item": item}, ctx.s, i,
                                 "transfer.give.passive", _conf(0.7, {"item": item}, 3, status),
                                 quantity=item.quantity, extra={"frame": "parties"}))


def _told_not_to(ctx: _Ctx, i: int, lo: int) -> bool:
    """"X told Y to refrain from sending …", "urged Y not to supply …": another party is
    told not to transfer; no transfer, real or considered, is stated."""
    lower = ctx.lower
    k = i - 1
    while k > lo and (lower[k].endswith("ly") or lower[k] in ("from", "to", "not", "never",
                                                              "refrain", "stop", "avoid",
                                                              "cease", "halt")):
        k -= 1
    words = lower[k + 1:i]
    negative = any(w in ("refrain", "not", "never", "stop", "avoid", "cease", "halt")
                   for w in words) and "to" in words
    if not negative:
        return False
    tell = next((j for j in range(k, max(lo, k - 6) - 1, -1) if lower[j] in TELL_VERBS), None)
    return tell is not None and any(m.is_actor for m in ctx.mentions_between(tell + 1, i))


def _plain_negation(ctx: _Ctx, i: int, lo: int) -> bool:
    group = ctx.lower[lo:i]
    return any(w in NEGATION for w in group) and \
        not ctx.has_any(ctx.s.start, ctx.s.end, CONSIDERED_WORDS)


def _listed_recipients(ctx: _Ctx, i: int, rb: int) -> list[Mention]:
    """"sold the TB2 to more than a dozen countries, including Poland, Ukraine and …": the
    named members of a group of recipients."""
    lower = ctx.lower
    to = next((k for k in range(i + 1, rb) if lower[k] == "to"), None)
    if to is None:
        return []
    inc = next((k for k in range(to + 1, min(rb, to + 8)) if lower[k] in (
        "including", "includes", "among") or lower[k:k + 2] == ["such", "as"]), None)
    if inc is None or not any(w in ("countries", "states", "nations", "customers", "buyers",
                                    "allies", "partners", "armies", "clients")
                              for w in lower[to + 1:inc]):
        return []
    k = inc + (2 if lower[inc] == "such" else 1)
    out: list[Mention] = []
    for m in ctx.mentions_between(k, rb):
        if not m.is_actor or m.modifier:
            break
        gap = lower[k:m.start]
        if not all(w in (",", "and", "or", "the", "them") for w in gap):
            break
        out.append(m)
        k = m.end
    return out


def _for_to_subject(ctx: _Ctx, i: int) -> Mention | None:
    """"the green light for Poland to send …": the infinitive's own subject."""
    lower = ctx.lower
    k = i - 1
    while k > ctx.s.start and lower[k].endswith("ly"):
        k -= 1
    if k - 2 < ctx.s.start or lower[k] != "to":
        return None
    m = ctx.an.mention_at(k - 1)
    if m is None or not m.is_actor or m.start < 1 or lower[m.start - 1] != "for":
        return None
    return m


def _gerund_agent(ctx: _Ctx, i: int) -> Mention | None:
    """"sanctions on Egypt for buying …", "punished X over selling …": a gerund after
    *for/over* is done by the party the main verb acts on, not by its subject."""
    lower = ctx.lower
    if _tense(lower[i]) == "ger" and i > ctx.s.start + 2 and lower[i - 1] == "that":
        # "Washington warned New Delhi that buying the S-400 could …": the one warned
        k = i - 2
        told = next((j for j in range(k, max(ctx.s.start, k - 6) - 1, -1)
                     if lower[j] in TELL_VERBS), None)
        if told is not None:
            objs = [m for m in ctx.mentions_between(told + 1, i - 1) if m.is_actor
                    and m.prep is None and not m.modifier]
            return objs[0] if objs else None
        return None
    if _tense(lower[i]) != "ger" or i <= ctx.s.start or lower[i - 1] not in ("for", "over"):
        return None
    lo = ctx.left_bound(i)
    objs = [m for m in ctx.mentions_between(lo, i - 1) if m.is_actor and (
        m.prep in ("on", "against") or (m.prep is None and m.start > lo and lower[m.start - 1] in (
            "sanction", "sanctions", "sanctioned", "punish", "punished", "penalise",
            "penalize", "penalised", "penalized", "criticised", "criticized", "blamed",
            "condemned", "rebuked")))]
    return objs[-1] if objs else None


def _subjectless(ctx: _Ctx, i: int) -> bool:
    """A gerund opening a clause ("…, sending missiles might …") has no subject."""
    if _tense(ctx.lower[i]) != "ger":
        return False
    j = i - 1
    while j >= ctx.s.start and ctx.lower[j].endswith("ly"):
        j -= 1
    return j < ctx.s.start or ctx.lower[j] in (",", ";", ":") or ctx.lower[j] in LEFT_BOUNDARY


def _inherit(ctx: _Ctx, i: int, roles: dict[str, Mention]) -> None:
    """Missing parties of a transfer from the previous transfer in the sentence.

    A re-export verb ("redirected", "passed on") takes the previous recipient as its
    supplier; any other verb takes the previous transfer's missing parties.
    """
    prev = [f for f in ctx.facts if f.type == "Transfer" and f.sentence is ctx.s
            and f.cue < i]
    if not prev:
        return
    last = prev[-1]
    if _is_reexport(ctx, i):
        if "supplier" not in roles and "recipient" in last.roles:
            roles["supplier"] = last.roles["recipient"]
        return
    if not _passive(ctx, i):
        sup = roles.get("supplier")
        if "recipient" not in roles and "recipient" in last.roles and sup is not None and \
                "supplier" in last.roles and last.roles["supplier"].id == sup.id and \
                "and" in ctx.lower[last.cue:i] and last.rule.startswith("transfer.give") and \
                not any(m.is_actor for m in ctx.mentions_between(last.cue + 1, i)
                        if m.id not in (sup.id, last.roles["recipient"].id)):
            # one subject, two verb phrases: the second shares the first one's recipient
            roles["recipient"] = last.roles["recipient"]
        return
    for r in ("supplier", "recipient"):
        if r not in roles and r in last.roles:
            roles[r] = last.roles[r]


def _package(ctx: _Ctx, i: int) -> None:
    """"X announced a new aid package for Z that includes Y1, Y2 …": a pledge of each item."""
    s = ctx.s
    lower = ctx.lower
    rec = ctx.actor_after(i + 1, min(s.end, i + 4), ["for", "to"]) or ctx.actor_after(
        s.start, i, ["for"])  # "For Germany, the package also includes …"
    inc = next((k for k in range(i + 1, min(s.end, i + 12)) if lower[k] in (
        "includes", "include", "included", "including", "contains", "with", "comprising",
        "covers", "covering", "comprises")), None)
    if inc is None:
        return
    items = ctx.items_from(inc + 1, s.end)
    if rec is None and items:
        rec = ctx.actor_after(items[-1].end, min(ctx.right_bound(items[-1].end - 1),
                                                 items[-1].end + 6), ["for", "to"])
    owner = None
    j = i - 1
    while j >= s.start and (ctx.doc[j].is_lower or ctx.doc[j].like_num or lower[j] in (
            "$", "€", "£", "-")) and lower[j] not in ("'s", "’s"):
        j -= 1
    if j >= s.start and lower[j] in ("'s", "’s"):
        owner = ctx.an.mention_at(j - 1)
    sup = owner or ctx.subject(i)
    if rec is not None and sup is not None and sup.id == rec.id:
        sup = None
    approved = lower[i] == "approval"
    if approved and rec is None and sup is None:
        last = next((f for f in reversed(ctx.facts) if f.type == "Transfer"
                     and f.status == "approved" and f.sentence.index < s.index
                     and "supplier" in f.roles and "recipient" in f.roles), None)
        if last is not None:  # "The October 26 approval includes …": the last approved sale's
            sup, rec = last.roles["supplier"], last.roles["recipient"]
    if not items or (rec is None and sup is None):
        return
    roles: dict[str, Mention] = {}
    if rec is not None:
        roles["recipient"] = rec
    if sup is not None and (rec is None or _state_of(sup).id != rec.id):
        roles["supplier"] = _state_of(sup)
    status = "promised" if modality(ctx, i, None, noun=True) not in (
        "reported", "hypothetical") else modality(ctx, i, None, noun=True)
    if lower[i] in ("deal", "contract", "agreement") and status == "promised":
        status = "planned"  # a contract's items are bought, not pledged
    if approved and status == "promised":
        status = "approved"
    _emit_items(ctx, "Transfer", status, roles, items, i, "transfer.package", 3)


def _replace(ctx: _Ctx, i: int) -> None:
    """"Denmark is replacing its F-16s with the F-35": the new system is acquired."""
    s = ctx.s
    lower = ctx.lower
    subj = ctx.subject(i)
    w = next(k for k in range(i + 1, min(s.end, i + 6)) if lower[k] in ("with", "by"))
    items = ctx.items_from(w + 1, ctx.right_bound(w))
    if subj is None or not items or subj.kind != "state":
        return
    roles: dict[str, Mention] = {"recipient": subj}
    sup = ctx.actor_after(items[-1].end, ctx.right_bound(w), ["from"])
    if sup is not None and sup.id != subj.id:
        roles["supplier"] = sup
    status = modality(ctx, i, subj)
    if status == "delivered" and lower[i] != "replaced":
        status = "planned"
    _emit_items(ctx, "Transfer", status, roles, items[:1], i, "transfer.replace", 3)


def _come_from(ctx: _Ctx, i: int) -> None:
    """"India's first Su-30MKIs came straight from Russia": supplier after *from*, recipient
    the state the items are named after."""
    sup = ctx.actor_after(i + 1, min(ctx.right_bound(i), i + 5), ["from"])
    items = [m for m in ctx.mentions_between(ctx.left_bound(i), i) if m.is_item][-1:]
    if sup is None or not items or not items[0].origin or items[0].origin == sup.id:
        return
    roles: dict[str, Mention] = {"supplier": sup, "recipient": _origin(items[0])}
    status = modality(ctx, i, None)
    if ctx.lower[i] == "came" and status in ("planned", "promised"):
        status = "delivered"
    _emit_items(ctx, "Transfer", status, roles, items, i, "transfer.come-from", 3)


def _actor_at(ctx: _Ctx, k: int) -> bool:
    m = ctx.an.mention_at(k)
    return m is not None and m.is_actor


def _go_to(ctx: _Ctx, i: int) -> None:
    """"Y would go to Z": an item moving to a recipient; the supplier is the state the item
    was named after ("the 42 Dutch F-16s would go to Ukraine")."""
    s = ctx.s
    rec = ctx.actor_after(i + 1, min(ctx.right_bound(i), i + 4), ["to", "in"] + (
        ["for"] if ctx.lower[i] in DEPART_VERBS else [])) or (
        ctx.actor_after(i + 1, i + 2, [None]) if ctx.lower[i].startswith("reach") else None)
    items = [m for m in ctx.mentions_between(ctx.left_bound(i), i) if m.is_item][-1:]
    if rec is None or not items:
        return
    if items[0].start > s.start + 1 and ctx.lower[items[0].start - 1] in ("for", "of") and \
            ctx.lower[items[0].start - 2] not in ("batch", "batches", "shipment", "shipments",
                                                  "consignment", "tranche", "delivery",
                                                  "deliveries", "first", "last", "rest",
                                                  "remainder", "half", "some", "all"):
        return  # "Ukraine's request for Taurus missiles reached Berlin"
    noun = next((f for f in reversed(ctx.facts) if f.type == "Transfer" and f.sentence is s
                 and f.rule == "transfer.noun" and f.cue < items[0].start
                 and f.roles.get("item") is not None and f.roles["item"].id == items[0].id
                 and "recipient" not in f.roles), None)
    if noun is not None and ("supplier" not in noun.roles or
                             _state_of(noun.roles["supplier"]).id != rec.id):
        # "A shipment of shells from Seoul arrived in Poland": one transfer, now with its
        # recipient
        noun.roles["recipient"] = rec
        st = modality(ctx, i, None)
        if ctx.lower[i] in ("arrived", "arrives", "reached", "reaches", "went") and st in (
                "planned", "promised", "delivered"):
            noun.status = "delivered"
        noun.confidence = _conf(0.85, noun.roles, 3, noun.status)
        return
    roles: dict[str, Mention] = {"recipient": rec}
    if items[0].origin and items[0].origin != rec.id:
        roles["supplier"] = _origin(items[0])
    status = modality(ctx, i, None)
    if ctx.lower[i] in ("arrived", "arrives", "reached", "reaches", "went") and status in (
            "planned", "promised"):
        status = "delivered"  # "the first system has arrived in Ukraine"
    spk = ctx.speaker
    if "supplier" not in roles and spk is not None and status != "hypothetical" and \
            spk.kind in ("state", "person") and _state_of(spk).kind == "state" and \
            _state_of(spk).id != rec.id and not ctx.an.in_quote[i]:
        roles["supplier"] = _state_of(spk)  # "the German government did not say when …"
    _emit_items(ctx, "Transfer", status, roles, items, i, "transfer.go-to", 3)
    del s


def _end_up(ctx: _Ctx, i: int) -> None:
    lower = ctx.lower
    s = ctx.s
    j = i + 1
    if j < s.end and lower[j] == "-":
        j += 1
    if not (j + 1 < s.end and lower[j] == "up" and lower[j + 1] in ("in", "with")):
        return
    rb = ctx.right_bound(j + 1)
    rec = ctx.actor_after(j + 1, rb, ["in", "with"])
    items = [m for m in ctx.mentions_between(ctx.left_bound(i), i) if m.is_item][:1]
    if rec is None or not items:
        return
    status = modality(ctx, i, None)
    if status in ("delivered", "planned", "reported") and \
            ctx.has_any(s.start, s.end, CONDITION_WORDS):
        status = "hypothetical"
    _emit_items(ctx, "Transfer", status, {"recipient": rec}, items, i, "transfer.end-up", 3)


def _get(ctx: _Ctx, i: int) -> None:
    lower = ctx.lower
    s = ctx.s
    if any(w in CONSENT_NOUNS for w in lower[i + 1:i + 4]):
        return  # "received US permission to …": a consent, not a delivery
    p = Parse.of(ctx.doc)
    if p.ok and any(lower[o] in NOT_GOODS for o in p.children(i, "obj")):
        return  # "has yet to receive a formal request from X to approve …"
    if GET_VERBS[lower[i]][0] in ("choose", "select") and i + 1 < s.end and \
            lower[i + 1] == "to":
        return  # "had chosen to send …": the governed verb is the cue
    if GET_VERBS[lower[i]][0] in ("sign", "ink") and not (
            i + 1 < s.end and lower[i + 1] == "for") \
            and not ctx.has_any(i + 1, i + 7, ("contract", "contracts", "deal", "deals",
                                              "agreement", "agreements", "order")):
        return
    if GET_VERBS[lower[i]][0] in ("sign", "ink") and any(
            lower[k] == "to" and lower[k + 1] in GIVE_VERBS
            for k in range(i + 1, min(s.end - 1, i + 8))):
        return  # "signed a contract to supply Armenia with …": a sale, cued by the give verb
    if lower[i] in ("order", "orders") and i > s.start and lower[i - 1] in ("in", "the", "an",
                                                                            "a", "of"):
        return
    rb = ctx.right_bound(i)
    roles: dict[str, Mention] = {}
    if _passive(ctx, i):
        items = ctx.items_from(ctx.left_bound(i), i)
        rec = ctx.actor_after(i + 1, rb, ["by"])
        subj = None
        if rec:
            roles["recipient"] = rec
    else:
        subj = _gerund_agent(ctx, i) or ctx.subject(i)
        items = ctx.items_from(i + 1, rb) or ctx.antecedent_items(ctx.left_bound(i))
        if subj is not None:
            roles["recipient"] = _state_of(subj) if subj.kind == "person" else subj
    sup = ctx.actor_after(i + 1, rb, ["from"])
    if lower[i] in INHERIT_VERBS:
        sup = _inherited_from(ctx, i - 1) or sup  # "inherited after the break-up of X"
    if sup is None and GET_VERBS[lower[i]][0] in ("sign", "ink"):
        sup = ctx.actor_after(i + 1, rb, ["with"])  # "signed a contract with Seoul for …"
    if sup is None and items and items[0].origin and (
            "recipient" not in roles or roles["recipient"].id != items[0].origin):
        sup = _origin(items[0])  # "signs for 24 used Danish F-16s"
    lemma = GET_VERBS[lower[i]][0]
    if sup is None and items and items[0].home and lemma in (
            "buy", "order", "purchase", "sign", "ink", "procure") and subj is not None:
        group = ctx.coordinated(subj)
        home = items[0].home
        if len(group) > 1 and any(m.id == home for m in group):
            # "Brazil and Sweden signed a deal for Gripen fighters": the maker's state sells
            roles["recipient"] = next(_state_of(m) for m in group if m.id != home)
            sup = next(m for m in group if m.id == home)
    if sup is None and items and items[0].home and lemma in (
            "buy", "order", "purchase", "sign", "ink", "procure") and "recipient" in roles:
        # "X's minister and his French counterpart signed a contract for Caesar howitzers":
        # a party of the deal from the maker's state sells
        maker = next((m for m in ctx.mentions_between(ctx.left_bound(i), i) if m.is_actor
                      and _state_of(m).id == items[0].home
                      and _state_of(m).id != _state_of(roles["recipient"]).id), None)
        if maker is not None:
            sup = _state_of(maker)
    if sup is None and "recipient" in roles:
        same = [f for f in ctx.facts if f.type == "Transfer" and f.sentence is s and f.cue < i
                and "supplier" in f.roles and "recipient" in f.roles
                and f.roles["recipient"].id == roles["recipient"].id]
        if same:
            sup = same[-1].roles["supplier"]  # "… from Seoul, and Warsaw has since ordered …"
    if sup:
        roles["supplier"] = sup
    if items and "recipient" in roles:
        for_whom = ctx.actor_after(items[-1].end, min(rb, items[-1].end + 3), ["for"])
        if for_whom is not None and for_whom.id != roles["recipient"].id:
            roles["recipient"] = for_whom  # "raised money to buy shells for Ukraine"
    if not items or not roles:
        return
    if "supplier" in roles and "recipient" in roles and \
            roles["supplier"].id == roles["recipient"].id:
        return
    if "recipient" not in roles:
        return  # "a plan to buy … collapsed": no buyer named
    status = modality(ctx, i, subj)
    if GET_VERBS[lower[i]][0] in ("order", "sign", "select", "choose", "ink") and \
            status == "delivered":
        status = "planned"  # an order or a contract is not a delivery
    _emit_items(ctx, "Transfer", status, roles, items, i, "transfer.get", 3)


def _item_noun(ctx: _Ctx, i: int) -> None:
    """"X clears F-16 sale to Turkey": an item named before the transfer noun."""
    s = ctx.s
    item = ctx.an.mention_at(i - 1)
    rec = ctx.actor_after(i + 1, min(s.end, i + 4), ["to", "for"])
    if item is None or rec is None:
        return
    roles: dict[str, Mention] = {"recipient": rec}
    subj = ctx.subject(item.start) if any(
        w in OWNING_VERBS for w in ctx.lower[max(s.start, item.start - 6):item.start]) else None
    if subj is not None and _state_of(subj).id != rec.id:
        roles["supplier"] = _state_of(subj)
    status = modality(ctx, i, None, noun=True)
    _emit_items(ctx, "Transfer", status, roles, [item], i, "transfer.noun", 3)


def _completed(ctx: _Ctx, a: int, b: int) -> bool:
    """"… was completed / were carried out / began": the noun's event took place."""
    lower = ctx.lower
    for k in range(a, min(b, ctx.s.end) - 1):
        if lower[k] in ("was", "were", "has", "have", "had") and lower[k + 1] in DONE_VERBS | {
                "been"} and not ctx.has_any(k - 2, k, NEGATION):
            return lower[k + 1] != "been" or (k + 2 < ctx.s.end and lower[k + 2] in DONE_VERBS)
        if lower[k] in ("began", "started") and k > a:
            return True
    return False


def _order_noun(ctx: _Ctx, i: int) -> None:
    """"Sweden's order for 12 howitzers (from X)", "a contract for …": a planned purchase by
    the possessor."""
    s = ctx.s
    lower = ctx.lower
    if i < s.start + 2 or lower[i - 1] not in ("'s", "’s"):
        return
    buyer = ctx.an.mention_at(i - 2)
    if buyer is None or not buyer.is_actor:
        return
    rb = ctx.right_bound(i)
    items = ctx.items_from(i + 2, rb)
    if not items:
        return
    roles: dict[str, Mention] = {"recipient": _state_of(buyer)}
    sup = ctx.actor_after(items[-1].end, rb, ["from", "with"])
    if sup is None and items[0].origin and items[0].origin != roles["recipient"].id:
        sup = _origin(items[0])
    if sup is not None and _state_of(sup).id != roles["recipient"].id:
        roles["supplier"] = _state_of(sup)
    status = modality(ctx, i, None, noun=True)
    if status in ("delivered", "promised"):
        status = "planned"
    if _completed(ctx, items[-1].end, rb) and lower[i] in ("purchase", "purchases"):
        status = "delivered"
    _emit_items(ctx, "Transfer", status, roles, items, i, "transfer.order", 3)


def _deal_with(ctx: _Ctx, i: int) -> None:
    """"its proposed deal with Russia for S-400 systems", "Poland's contract with Seoul for
    K2 tanks": a planned purchase by the deal's owner from the party after "with"."""
    p = Parse.of(ctx.doc)
    if not p.ok:
        return
    owners = [m for m in _frame_mentions(ctx, p.noun_owners(i, of=False), True)
              if _state_of(m).kind == "state"]
    if not owners and any(ctx.lower[k] in ("its", "their") for k in p.children(i, "nmod:poss")):
        owners = [m for m in ctx.mentions_between(ctx.s.start, i) if m.kind == "state"
                  and not m.modifier][-1:]  # "warned India that its deal with …"
    seller = ctx.an.mention_at(i + 2) or ctx.an.mention_at(i + 3)
    if not owners or seller is None or not seller.is_actor or seller.start > i + 3:
        return
    rb = ctx.right_bound(i)
    k = next((k for k in range(seller.end, min(rb, seller.end + 3)) if ctx.lower[k] == "for"),
             None)
    items = ctx.items_from(k + 1, rb) if k is not None else []
    buyer, sup = _state_of(owners[0]), _state_of(seller)
    if not items or buyer.id == sup.id or sup.kind != "state":
        return
    status = modality(ctx, i, None, noun=True)
    if status in ("delivered", "promised", "reported"):
        status = "planned"
    _emit_items(ctx, "Transfer", status, {"supplier": sup, "recipient": buyer}, items, i,
                "transfer.order", 3)


def _noun_transfer(ctx: _Ctx, i: int) -> None:
    s = ctx.s
    lower = ctx.lower
    if i >= 2 and lower[i - 1] == "-" and lower[i - 2] == "re":
        return  # "any re-transfer of …": the subject of a consent rule
    approve = {"approve", "approves", "approved", "approving", "approval", "cleared", "clears"}
    if ctx.has_any(max(s.start, i - 9), i, TRANSFER_NOUN_GOVERNORS - approve):
        return  # "supports / cannot agree to the transfer of …": a consent, not a transfer
    k = next((k for k in range(i - 1, max(s.start, i - 5) - 1, -1) if lower[k] in approve),
             None)
    if k is not None and (
            any(w in ("must", "need", "needs", "would") for w in lower[max(s.start, k - 3):k])
            or (lower[k - 1] == "to" and any(w in ("has", "have", "had") for w in
                                             lower[max(s.start, k - 3):k]))
            or any(w in ("third", "any", "re", "onward") for w in lower[k:i + 4])):
        return  # "has to approve any transfer …", "approve the third-party transfer …"
    rb = ctx.right_bound(i)
    items = ctx.items_from(i + 2, rb)
    if not items:
        return
    lo = ctx.left_bound(i)
    if any(f.type == "Transfer" and f.sentence is s and lo <= f.cue < i and "item" in f.roles
           and f.roles["item"].id in {m.id for m in items} for f in ctx.facts):
        return  # "signed a contract with X for the delivery of Y": the verb's fact has it
    buyer_noun = lower[i] in ("purchase", "purchases", "acquisition", "acquisitions")
    roles: dict[str, Mention] = {}
    rec = ctx.actor_after(items[-1].end, rb, ["to", "for"]) or ctx.actor_after(
        i + 1, items[0].start, ["to", "for"])  # "the sale of weapons to Taiwan, including …"
    items = items + [m for m in ctx.items_alongside(items, s.end) if m not in items]
    if rec:
        roles["recipient"] = rec
    sup = ctx.actor_after(i + 1, rb, ["by", "from"])
    j = i - 1
    while j >= s.start and lower[j] in POTENTIAL_WORDS | {"the", "a", "new", "planned"}:
        j -= 1
    if buyer_noun and "recipient" not in roles and j >= s.start:
        # "Egypt's purchase of Su-35s from Russia", "its purchase of …": the possessor buys
        buyer = ctx.an.mention_at(j - 1) if lower[j] in ("'s", "’s") else (
            ctx.subject(j) if lower[j] in ("its", "their") else None)
        if buyer is not None and buyer.is_actor and (sup is None or sup.id != buyer.id):
            roles["recipient"] = _state_of(buyer)
    elif j >= s.start and lower[j] in ("'s", "’s"):
        owner = ctx.an.mention_at(j - 1)
        if owner is not None and owner.is_actor:
            sup = owner
    elif j >= s.start:
        owner = ctx.an.mention_at(j)
        if owner is not None and owner.is_actor and owner.modifier:
            sup = owner
    if sup is None:
        first = items[0]
        if first.start - 2 >= s.start and lower[first.start - 1] in ("'s", "’s"):
            owner = ctx.an.mention_at(first.start - 2)
            if owner is not None and owner.is_actor:
                sup = owner  # "the transfer of all 13 of Slovakia's MiG-29s"
    reacting = any(w in ("over", "against", "about", "protest", "protested", "condemned",
                         "criticised", "criticized", "respond", "retaliate", "sanctions")
                   for w in lower[max(s.start, i - 4):i])
    if sup is None and not reacting and lower[i] in (
            "sale", "sales", "export", "exports", "delivery", "deliveries", "shipment",
            "shipments", "transfer") and any(
            w in OWNING_VERBS for w in lower[max(s.start, i - 8):i]):
        subj = ctx.subject(i)
        if subj is not None and (rec is None or subj.id != rec.id):
            sup = subj  # "South Korea is negotiating the sale of …"
    if lower[i] in ("delivery", "deliveries") and i >= 1 and lower[i - 1] in (
            "took", "take", "takes", "taking", "taken", "accepted", "awaits", "awaiting"):
        taker = ctx.subject(i - 1)  # "X took delivery of Y from Z"
        if taker is not None:
            roles.pop("recipient", None)
            roles["recipient"] = taker
            sup = ctx.actor_after(i + 1, rb, ["from"])
    if sup is None and rec is None and k is not None and not reacting:
        approver = ctx.subject(k)  # "Norway has approved the sale of 20 launchers": the
        if approver is not None and _state_of(approver).kind == "state":  # buyer left open
            sup = approver
    if sup:
        roles["supplier"] = _state_of(sup)
    if not roles:
        return
    status = modality(ctx, i, None, noun=True)
    if lower[i - 1] in ("took", "taken", "accepted") and status == "planned":
        status = "delivered"
    if lower[i - 1] == "taken" and i >= s.start + 3 and lower[i - 2] == "have" and \
            lower[i - 3] in ("may", "might", "could"):
        status = "reported"  # "India may have taken delivery of …": a hedged delivery
    if reacting and status in ("promised", "requested"):
        status = "planned"  # "vowed to respond to the sale of …": the vow is not the seller's
    if status == "planned" and _completed(ctx, items[-1].end, rb):
        status = "delivered"  # "the delivery of 14 tanks to Kyiv was completed in May"
    if k is not None and status == "hypothetical":
        status = "planned"  # "approved the possible sale of …": the approval is real
    _emit_items(ctx, "Transfer", status, roles, items, i, "transfer.noun", 3)
