"""Policy rules: changed export rules, standing stances and embargoes, cancelled or
suspended permits."""

from __future__ import annotations

from ..deps import Parse
from ..lexicon import (
    ALLOW_WORDS,
    BUYER_WORDS,
    CANCEL_VERBS,
    COVERAGE_VERBS,
    DECIDING_BODIES,
    DENIAL_CUES,
    DESTINATION_PREPOSITIONS,
    EXPORT_WORDS,
    FORBID_NOUNS,
    FORBID_WORDS,
    FUTURE_MODALS,
    GENERIC_ARMS,
    MAYBE_WORDS,
    MUST_WORDS,
    NEGATION,
    PARTS_WORDS,
    PERMIT_NOUNS,
    POLICY_OBJECTS,
    POLICY_VERBS,
    RESTRICT_VERBS,
    RULE_CONSENT_WORDS,
    RULE_NOUNS,
    RULE_SUBJECTS,
    SCOPE_STOP,
    STANCE_VERBS,
    SUSPEND_VERBS,
    UNDO_WORDS,
    WAR_WORDS,
)
from ..mentions import Mention
from ..model import PolicyRule
from .base import RawFact, _conf, _Ctx, _or_none, _state_of, new_clause_at

# -- policy -----------------------------------------------------------------------------------


def _policies(ctx: _Ctx) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        if i > s.start + 1 and lower[i - 1] in RULE_SUBJECTS and lower[i] in (
                "forbids", "forbid", "prohibits", "bans", "requires", "require", "requires",
                "bars", "allows", "permits", "demands", "obliges"):
            owner = ctx.an.mention_at(i - 2)
            if owner is not None and owner.kind == "state":
                roles = {"actor": _state_of(owner)}
                ctx.facts.append(RawFact("Policy", "approved", roles, s, i, "policy.rule",
                                         _conf(0.7, roles, 1, "approved"),
                                         content=ctx.doc[i - 1:ctx.right_bound(i)].text))
                return
        refuses_all = lower[i] in ("approve", "approves", "allow", "allows", "permit") and \
            i + 1 < s.end and lower[i + 1] == "no"  # "would approve no arms exports"
        if lower[i] not in POLICY_VERBS and not refuses_all:
            continue
        obj = None
        for k in range(i + 1, min(s.end, i + 6)):
            if lower[k] in POLICY_OBJECTS:
                obj = k
                break
            if lower[k] in (".", ";", "that", "which", "to") and k > i + 1:
                break
        if obj is None:
            continue
        owner = None
        for k in range(i + 1, obj):
            if lower[k] in ("'s", "’s"):
                owner = ctx.an.mention_at(k - 1)
        if owner is None:
            m = ctx.an.mention_at(obj - 1) if obj - 1 > i else None
            if m is not None and m.kind == "state" and m.modifier:
                owner = m
        actor = owner or ctx.subject(i)
        lo = ctx.left_bound(i)
        if owner is None and i > s.start and lower[i - 1] == "," and lower[i].endswith("ing"):
            # ", abandoning a policy …": the participle's subject is the main clause's
            actor = next((m for m in ctx.mentions_between(s.start, i) if m.is_actor
                          and m.prep is None and not m.modifier and not m.possessive), actor)
        if actor is None and lo > s.start and lower[lo - 1] in ("after", "before", "since",
                                                               "while", "when", "by"):
            actor = ctx.subject(lo - 1)  # "X decided … after approving the relaxation …"
        if actor is None:
            actor = ctx.actor_after(obj + 1, ctx.right_bound(obj), [None])
        if actor is None or not actor.is_actor:
            continue
        actor = _state_of(actor)
        group = lower[ctx.left_bound(i):i]
        status = "planned" if any(w in FUTURE_MODALS or w in ("plans", "considering", "proposed",
                                                         "draft", "wants", "intends")
                                  for w in group[-4:]) else "approved"
        roles = {"actor": actor}
        ctx.facts.append(RawFact("Policy", status, roles, s, i, "policy",
                                 _conf(0.75, roles, 1, status),
                                 content=ctx.doc[i:obj + 1].text))
        return


# -- standing rules and stances ----------------------------------------------------------------


def _stance_cue(ctx: _Ctx) -> int | None:
    """The token that makes the sentence state a standing rule or stance about exports."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        near = lower[max(s.start, i - 4):min(s.end, i + 6)]
        if w in RULE_NOUNS and (w != "neutrality" or ctx.has_any(s.start, s.end,
                                                                  EXPORT_WORDS)):
            return i
        if w in ("ban", "bans") and i + 1 < s.end and lower[i + 1] == "on":
            return i
        if w in ("stance", "position", "policy") and i > s.start + 1 and lower[i - 1] in (
                "same", "similar") and lower[i - 2] in ("the", "a"):
            return i  # "Switzerland shares the same stance" (the one the article just stated)
        if w in ("policy", "law") and any(x in ("export", "exports", "exporting", "arms",
                                                 "no") for x in near):
            return i
        if w in RESTRICT_VERBS and any(x in EXPORT_WORDS for x in near if x != w) and \
                not _restricts_something_else(ctx, i):
            return i
        if w in ("approval", "permission", "consent") and any(
                x in ("must", "needed", "required", "requires", "require") for x in near):
            return i
        if w in STANCE_VERBS and i > s.start and (
                "not" in lower[max(s.start, i - 4):i] or "only" in lower[max(s.start, i - 4):i]
        ) and any(lower[k] in GENERIC_ARMS and not _in_named_item(ctx, k)
                  for k in range(i, min(s.end, i + 8))):
            return i
    return None


def _in_named_item(ctx: _Ctx, k: int) -> bool:
    """Token ``k`` is part of a named item ("ammunition for the Leopard tanks"): refusing
    that item is its refused transfer, not a stance on arms."""
    m = ctx.an.mention_at(k)
    return m is not None and m.is_item and m.how in ("unlinked", "name", "alias", "variant",
                                                      "designation")


def _restricts_something_else(ctx: _Ctx, i: int) -> bool:
    """The restriction verb at ``i`` has an object that is no export, sale, permit or arms
    ("suspended a plan to supply rockets", not "suspended arms exports")."""
    p = Parse.of(ctx.doc)
    if not p.ok or p.pos[i] != "VERB" or ctx.lower[i].startswith(("prohibit", "forbid", "ban",
                                                                  "bar")):
        return False  # "prohibits buyers from re-exporting": the object is who is bound
    args = p.children(i, "obj", "nsubj:pass")
    words = EXPORT_WORDS | PERMIT_NOUNS | GENERIC_ARMS
    return bool(args) and not any(
        ctx.lower[a] in words or any(ctx.lower[c] in words for c in p.children(
            a, "compound", "amod", "nmod")) for a in args)


def _stance_actor(ctx: _Ctx, cue: int, frame: Mention | None) -> Mention | None:
    """Whose rule it is: the owner named at the cue ("Switzerland's neutrality", "German
    ban", "impeded by a German embargo"), else the clause's subject, else the state the
    article is about (the frame)."""
    lower = ctx.lower
    s = ctx.s
    before = [m for m in s.mentions if m.end <= cue and m.end >= cue - 4]
    for m in reversed(before):
        if m.kind == "state" and (m.possessive or m.modifier) and (
                m.prep is None or m.modifier):  # "impeded by a German arms embargo"
            return m
    if lower[cue] in ("approval", "permission", "consent"):
        owner = next((_state_of(m) for m in s.mentions if cue < m.start < min(s.end, cue + 6)
                      and m.is_actor and m.prep in ("from", "of", "by")), None)
        if owner is not None and owner.kind == "state":
            return owner  # "must obtain approval from the State Department": its rule
    for m in s.mentions:  # "A Dutch appeals court ordered …", "the Dutch government"
        if m.start >= cue:
            break
        if m.kind == "state" and m.modifier and m.prep is None and any(
                w in DECIDING_BODIES for w in lower[m.end:min(cue, m.end + 3)]):
            return m
    for m in s.mentions:
        if m.start >= cue:
            break
        if m.kind in ("state", "org", "person") and m.prep is None and not m.modifier \
                and m.how not in ("pronoun",):
            st = _state_of(m)
            if st.kind == "state":
                return st
    if any(w in ("country", "government", "it", "its", "they", "nation") for w in
           lower[s.start:cue]) or frame is not None:
        return frame
    return None


def _items_under_denial(ctx: _Ctx) -> None:
    """"Components for fighter aircraft, naval systems and targeting equipment were subjected
    to the suspension", "the ban covers X and Y": each item named is a refused transfer of
    the denial the article stated last (its actor to its target). A gloss in brackets
    ("[F-16s]") is no item of its own."""
    s = ctx.s
    lower = ctx.lower
    for i in range(s.start + 1, s.end - 1):
        if lower[i] not in COVERAGE_VERBS:
            continue
        after = next((k for k in range(i + 1, min(s.end, i + 6)) if lower[k] in FORBID_NOUNS
                      and lower[k] != "neutrality"), None)
        before = next((k for k in range(max(s.start, i - 4), i) if lower[k] in FORBID_NOUNS
                       and lower[k] != "neutrality"), None)
        if after is not None and lower[i] in ("subjected", "subject", "covered", "affected",
                                              "included", "fall", "falls"):
            span = (s.start, i)  # the items are the subject
        elif before is not None and lower[i] in ("covers", "cover", "affects", "includes",
                                                 "include"):
            span = (i + 1, ctx.right_bound(i))  # the items are the object
        else:
            continue
        items = [m for m in ctx.mentions_between(*span) if m.is_item and m.how != "pronoun"
                 and not (m.start > s.start and lower[m.start - 1] in ("[", "(")
                          and m.end < s.end and lower[m.end] in ("]", ")"))]
        denial = next((f for f in reversed(ctx.facts) if f.type == "Policy"
                       and f.status == "approved" and "target" in f.roles), None)
        if not items or denial is None:
            continue
        roles = {"supplier": denial.roles["actor"], "recipient": denial.roles["target"]}
        for item in items:
            r = dict(roles, item=item)
            ctx.facts.append(RawFact("Transfer", "refused", r, s, i, "transfer.denied",
                                     _conf(0.65, r, 3, "refused"), quantity=item.quantity))
        return


def _cancellations(ctx: _Ctx) -> None:
    """"X cancelled/revoked/suspended the (export) permits for Y to Z": a refused transfer
    X → Z. A sentence that names no item ("suspended the relevant permits to Z") stops the
    item the article last had X sending to Z; "I"/"we" are the speaker's state."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        if lower[i] not in CANCEL_VERBS | SUSPEND_VERBS or any(
                w in NEGATION for w in lower[max(s.start, i - 3):i]):
            continue
        rb = ctx.right_bound(i)
        if not any(w in PERMIT_NOUNS for w in lower[i + 1:min(rb, i + 5)]):
            continue
        subj = ctx.subject(i)
        if (subj is None or _state_of(subj).kind != "state") and ctx.speaker is not None and \
                i > s.start and lower[i - 1] in ("i", "we", "have", "has", "had"):
            subj = ctx.speaker
        if subj is None or _state_of(subj).kind != "state":
            continue
        supplier = _state_of(subj)
        dest = next((m for m in ctx.mentions_between(i + 1, rb) if m.kind == "state"
                     and m.prep in ("to", "for") and m.id != supplier.id), None)
        items = ctx.items_from(i + 1, rb)
        if dest is None and not items:
            continue
        if not items and dest is not None:
            items = [f.roles["item"] for f in reversed(ctx.facts) if f.type == "Transfer"
                     and f.sentence.index < s.index and "item" in f.roles
                     and f.roles.get("recipient") is not None
                     and f.roles["recipient"].id == dest.id
                     and f.roles.get("supplier") is not None
                     and _state_of(f.roles["supplier"]).id == supplier.id][:1]
        for item in _or_none(items):
            roles = {"supplier": supplier}
            if dest is not None:
                roles["recipient"] = dest
            if item is not None:
                roles["item"] = item
            ctx.facts.append(RawFact("Transfer", "refused", roles, s, i, "transfer.cancel",
                                     _conf(0.7, roles, 3, "refused")))
        return


def _denied_state(ctx: _Ctx, cue: int, actor: Mention) -> Mention | None:
    """The one state a denial names as destination ("an embargo on Saudi Arabia",
    "suspended arms exports to Israel"); none when the cue is no denial, is negated, or
    names no state or several."""
    lower = ctx.lower
    s = ctx.s
    if lower[cue] not in DENIAL_CUES or "not" in lower[max(s.start, cue - 3):cue] or \
            any(w in ("lift", "lifted", "lifts", "end", "ended", "ends", "eased")
                for w in lower[max(s.start, cue - 3):cue]):
        return None
    rb = ctx.right_bound(cue)
    states = [m for m in s.mentions if cue < m.start < rb and m.kind == "state"
              and m.prep in ("to", "on", "against", "for") and m.id != actor.id]
    if len({m.id for m in states}) != 1:
        return None
    return states[0]


def _stances(ctx: _Ctx, frame: Mention | None) -> None:
    """A standing rule or stance about arms exports, as a Policy of its owner."""
    done = [f for f in ctx.facts if f.type == "Policy" and f.sentence.index == ctx.s.index]
    for f in done:
        if "target" not in f.roles and f.status == "approved":
            target = next((t for k in range(ctx.s.start, ctx.s.end)
                           if (t := _denied_state(ctx, k, f.roles["actor"])) is not None), None)
            if target is not None:
                f.roles["target"] = target
    if done:
        return
    cue = _stance_cue(ctx)
    if cue is None:
        return
    actor = _stance_actor(ctx, cue, frame)
    if actor is None or actor.kind != "state":
        return
    lower = ctx.lower
    window = lower[max(ctx.s.start, cue - 4):cue]
    status = "hypothetical" if any(w in ("could", "might", "may", "would") for w in window) \
        else "planned" if any(w in FUTURE_MODALS or w in ("plans", "proposed", "draft")
                              for w in window) and "not" not in window else "approved"
    roles = {"actor": actor}
    target = _denied_state(ctx, cue, actor)
    if target is not None and status == "approved":
        roles["target"] = target  # a standing denial: ingested as an embargo on the target
    lo = ctx.left_bound(cue)
    ctx.facts.append(RawFact("Policy", status, roles, ctx.s, cue, "policy.stance",
                             _conf(0.6, roles, 1, status),
                             content=ctx.doc[lo:ctx.right_bound(cue)].text))


# -- what a policy's rule says -------------------------------------------------------------


def _is_reexport(lower: list[str], k: int) -> bool:
    """"re-export" (tokenised "re", "-", "export…"), "reexport", "retransfer", "pass … on",
    "third countries"."""
    w = lower[k]
    if w.startswith(("reexport", "retransfer", "re-export", "re-transfer", "onward")):
        return True
    if w == "re" and k + 2 < len(lower) and lower[k + 1] == "-" and \
            lower[k + 2].startswith(("export", "transfer")):
        return True
    return w in ("third", "indirectly", "indirect") or (
        w in ("pass", "passes", "passed", "passing") and "on" in lower[k + 1:k + 5])


def _rule_window(ctx: _Ctx, cue: int) -> tuple[int, int]:
    """The clause that states the rule: from the cue's clause start to the end of the
    sentence, cut at a ";" or a coordinated clause with its own subject."""
    lo = ctx.left_bound(cue)
    p = Parse.of(ctx.doc)
    if lo > ctx.s.start and ctx.lower[lo - 1] in ("which", "that", "who", "wherein", "where") \
            and not (p.ok and p.dep[lo - 1] == "mark") and lo - 1 > cue:
        lo = cue  # "neutrality, which prohibits …": the relative clause states the rule
    hi = ctx.s.end
    for k in range(cue + 1, ctx.s.end):
        if ctx.lower[k] == ";" or new_clause_at(ctx.an, ctx.s.start, ctx.s.end, k) or (
                ctx.lower[k] in ("while", "whereas", "although", "though", "but", "because")
                and k > cue + 2):
            hi = k
            break
    return lo, hi


def _consent_owner(ctx: _Ctx, lo: int, hi: int, k: int) -> Mention | None:
    """Whose approval a duty needs: "Berlin's consent", "Swiss permission", "US approval",
    "approval from the State Department"."""
    before = [m for m in ctx.s.mentions if lo <= m.start and m.end <= k and m.end >= k - 2
              and m.is_actor and m.prep is None]
    if before:
        return _state_of(before[-1])
    after = [m for m in ctx.s.mentions if k < m.start < min(hi, k + 6) and m.is_actor
             and m.prep in ("from", "of", "by")]
    return _state_of(after[0]) if after else None


def policy_rule(ctx: _Ctx, f: RawFact) -> PolicyRule | None:
    """What a standing (``approved``) Policy's rule says, read from the clause of its cue.

    - a consent the rule makes needed ("must obtain Berlin's consent before passing weapons
      to a third country", "buyers need its permission to export them") → a duty on
      re-exports to third states, from the owner of the consent (the actor by default);
    - a ban, an embargo, "will not send arms to", a suspension of exports → a prohibition
      of direct exports (re-exports when it says so; both for "directly or indirectly") to
      the states it names or to parties at war ("to countries at war", "to conflict zones");
    - "allows re-exports to X" → a permission of re-exports to X.

    Systems named after the cue narrow it; "parts", "components" narrow it to parts. None
    when the clause ends or eases a rule, is hedged ("could", "if"), or names no
    destination; the state an embargo targets (the fact's ``target``, written as an
    arms:Embargo) is not repeated.
    """
    if f.status != "approved" or "actor" not in f.roles or f.roles["actor"].kind != "state":
        return None
    lower = ctx.lower
    actor = f.roles["actor"]
    p = Parse.of(ctx.doc)
    lo, hi = _rule_window(ctx, f.cue)
    words = lower[lo:hi]
    consent = next((k for k in range(lo, hi) if lower[k] in RULE_CONSENT_WORDS), None)
    if consent is not None and any(w in MUST_WORDS for w in words) and (
            any(_is_reexport(lower, k) for k in range(lo, hi))
            or any(w in BUYER_WORDS for w in words)):
        if any(w in MAYBE_WORDS for w in lower[lo:consent]):
            return None
        owner = _consent_owner(ctx, lo, hi, consent) or actor
        end = _scope_end(ctx, p, consent, hi)
        states = tuple(s for s in _destinations(ctx, consent, end, actor) if s != owner.id)
        return PolicyRule("duty", ("re-export",), () if states else ("third-state",), states,
                          _rule_items(ctx, consent, end), consent_from=(owner.id,))
    forbid = [k for k in range(lo, hi) if _forbids(ctx, p, k)]
    neg = [k for k in range(lo, hi) if lower[k] in NEGATION and _export_after(ctx, k, hi)]
    allow = [k for k in range(lo, hi) if lower[k] in ALLOW_WORDS and not (p.ok and p.negated(k))
             and any(_is_reexport(lower, j) for j in range(k + 1, min(hi, k + 6)))]
    if any(w in ("exempts", "exempt", "exempted", "except") for w in words):
        return None
    effect = "prohibition" if forbid or neg else "permission"
    for anchor in sorted(forbid + neg) or allow[:1]:  # the first that names a destination
        if any(w in UNDO_WORDS or w in MAYBE_WORDS for w in lower[lo:anchor + 1]):
            return None
        got = _rule_at(ctx, p, f, effect, lo, anchor, hi)
        if got is not None:
            return got
    return None


def _rule_at(ctx: _Ctx, p: Parse, f: RawFact, effect: str, lo: int, anchor: int,
             hi: int) -> PolicyRule | None:
    """The prohibition or permission stated at ``anchor``, if it names a destination."""
    lower = ctx.lower
    actor = f.roles["actor"]
    end = _scope_end(ctx, p, anchor, hi)
    states = _destinations(ctx, anchor, end, actor)
    war = effect == "prohibition" and _to_war(lower, anchor, end)
    direct_or_not = any(w in ("indirectly", "indirect") for w in lower[anchor:end])
    reexport = any(_is_reexport(lower, k) and lower[k] not in ("third", "indirectly",
                                                               "indirect")
                   for k in range(lo, end))
    kinds = ("direct-export", "re-export") if direct_or_not else \
        ("re-export",) if reexport or effect == "permission" else ("direct-export",)
    target = f.roles.get("target")
    if target is not None:
        states = tuple(s for s in states if s != target.id)
    if not states and not war:
        return None
    return PolicyRule(effect, kinds, ("at-war",) if war else (), states,
                      _rule_items(ctx, anchor, end),
                      parts=any(w in PARTS_WORDS for w in lower[anchor:end]))


def _forbids(ctx: _Ctx, p: Parse, k: int) -> bool:
    """Token ``k`` forbids exports: a rule noun ("embargo on", "ban on"), or a verb of
    forbidding whose object is exports, sales, permits or arms."""
    w = ctx.lower[k]
    if w not in FORBID_WORDS or (p.ok and p.negated(k)):
        return False
    if w in FORBID_NOUNS:
        return w != "neutrality" or any(x in WAR_WORDS for x in ctx.lower[k:ctx.s.end])
    if w.startswith(("prohibit", "forbid", "ban", "bar")):
        return True  # "the agreement bars exports" (even when tagged a noun)
    if p.ok and p.pos[k] == "NOUN":
        return False  # "came to a halt"
    objects = [o for o in range(k + 1, min(ctx.s.end, k + 5))
               if ctx.lower[o] in EXPORT_WORDS or ctx.lower[o] in PERMIT_NOUNS
               or ctx.lower[o] in GENERIC_ARMS]
    if p.ok:  # its own object: "suspended arms exports", not "suspended a plan to supply"
        objects = [o for o in objects if p.head[o] == k and p.dep[o] in ("obj", "nsubj:pass")]
    return bool(objects)


def _scope_end(ctx: _Ctx, p: Parse, anchor: int, hi: int) -> int:
    """The end of what the rule at ``anchor`` covers: before a relative or subordinate
    clause ("… to Israel which include …", "… following allegations that …") and before a
    verb coordinated with the rule's ("suspended a plan … and instead decided to …")."""
    for k in range(anchor + 2, hi):
        if ctx.lower[k] in SCOPE_STOP and not (
                ctx.lower[k] == "that" and p.ok and p.dep[k] == "mark"
                and p.pos[k - 1] not in ("NOUN", "PROPN", "NUM")):
            return k  # "dictates that Switzerland will not send …" goes on
        if p.ok and p.dep[k] == "conj" and p.pos[k] in ("VERB", "AUX") and \
                p.head[k] <= anchor + 3:
            return min(p.subtree(k))
    return hi


def _to_war(lower: list[str], anchor: int, end: int) -> bool:
    """The rule's destination is a party at war: "to countries at war", "to any side of a
    war", "to conflict zones", "for use in the war" (not "war material")."""
    for k in range(anchor, end):
        if lower[k] not in WAR_WORDS or (k + 1 < end and lower[k + 1] in (
                "material", "materials")):
            continue
        if any(w in ("to", "for", "into") for w in lower[max(anchor, k - 8):k]):
            return True
    return False


def _export_after(ctx: _Ctx, k: int, hi: int) -> bool:
    """A negation that governs sending arms ("will not send weapons", "no arms exports",
    "approve no arms exports")."""
    return any(w in EXPORT_WORDS or w in STANCE_VERBS for w in ctx.lower[k + 1:min(hi, k + 5)])


def _destinations(ctx: _Ctx, start: int, hi: int, actor: Mention) -> tuple[str, ...]:
    """States a rule names as destinations after ``start``: "to X", "on X and Y",
    "including X"."""
    out: list[str] = []
    prev_end = -1
    for m in ctx.s.mentions:
        if not (start < m.start < hi) or m.kind != "state" or m.modifier:
            continue
        st = _state_of(m)
        joined = prev_end >= 0 and all(w in (",", "and", "or", "the") for w in
                                       ctx.lower[prev_end:m.start])
        if (m.prep in DESTINATION_PREPOSITIONS or joined) and st.id != actor.id:
            if st.id not in out:
                out.append(st.id)
            prev_end = m.end
    return tuple(sorted(out))


def _rule_items(ctx: _Ctx, start: int, hi: int) -> tuple[str, ...]:
    """Catalog systems a rule names after its cue, before its first destination."""
    stop = next((m.start for m in ctx.s.mentions if start < m.start < hi
                 and m.kind == "state" and m.prep in DESTINATION_PREPOSITIONS), hi)
    return tuple(sorted({m.id for m in ctx.s.mentions if start < m.start < stop
                         and m.is_item and m.how not in ("generic", "definite", "unlinked",
                                                         "pronoun")}))
