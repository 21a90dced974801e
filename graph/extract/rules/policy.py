"""Policy rules: changed export rules, standing stances and embargoes, cancelled or
suspended permits."""

from __future__ import annotations

from ..mentions import Mention
from .base import RawFact, _conf, _Ctx, _or_none, _state_of
from .words import (
    _CANCEL_VERBS,
    _FUTURE,
    _NEG,
    _POLICY_OBJECTS,
    _POLICY_VERBS,
    _RESTRICT_VERBS,
    _RULE_SUBJECTS,
)

# -- policy -----------------------------------------------------------------------------------


def _policies(ctx: _Ctx) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        if i > s.start + 1 and lower[i - 1] in _RULE_SUBJECTS and lower[i] in (
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
        if lower[i] not in _POLICY_VERBS and not refuses_all:
            continue
        obj = None
        for k in range(i + 1, min(s.end, i + 6)):
            if lower[k] in _POLICY_OBJECTS:
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
        status = "planned" if any(w in _FUTURE or w in ("plans", "considering", "proposed",
                                                         "draft", "wants", "intends")
                                  for w in group[-4:]) else "approved"
        roles = {"actor": actor}
        ctx.facts.append(RawFact("Policy", status, roles, s, i, "policy",
                                 _conf(0.75, roles, 1, status),
                                 content=ctx.doc[i:obj + 1].text))
        return


# -- standing rules and stances ----------------------------------------------------------------

#: Nouns that are a standing rule by themselves ("the German arms embargo", "a ban on …").
_RULE_NOUNS = frozenset({"embargo", "embargoes", "moratorium", "neutrality"})
_EXPORT_WORDS = frozenset({
    "export", "exports", "exporting", "re-export", "re-exports", "re-exporting", "sales",
    "sale", "licences", "licenses", "licence", "license", "transfers", "transferring",
    "supplying", "sending", "send", "supply", "arms", "weapons", "shipments", "deliveries",
})
#: "will not send weapons …", "is not interested in passing ammunition", "only non-lethal".
_STANCE_VERBS = frozenset({"send", "supply", "export", "provide", "deliver", "passing",
                           "sending", "supplying", "exporting", "put", "sell", "selling"})
_GENERIC_ARMS = frozenset({"weapons", "arms", "ammunition", "lethal", "munitions",
                           "military", "equipment"})


def _stance_cue(ctx: _Ctx) -> int | None:
    """The token that makes the sentence state a standing rule or stance about exports."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        near = lower[max(s.start, i - 4):min(s.end, i + 6)]
        if w in _RULE_NOUNS and (w != "neutrality" or ctx.has_any(s.start, s.end,
                                                                  _EXPORT_WORDS)):
            return i
        if w in ("ban", "bans") and i + 1 < s.end and lower[i + 1] == "on":
            return i
        if w in ("policy", "law") and any(x in ("export", "exports", "exporting", "arms",
                                                 "no") for x in near):
            return i
        if w in _RESTRICT_VERBS and any(x in _EXPORT_WORDS for x in near if x != w):
            return i
        if w in ("approval", "permission", "consent") and any(
                x in ("must", "needed", "required", "requires", "require") for x in near):
            return i
        if w in _STANCE_VERBS and i > s.start and (
                "not" in lower[max(s.start, i - 4):i] or "only" in lower[max(s.start, i - 4):i]
        ) and any(x in _GENERIC_ARMS for x in lower[i:min(s.end, i + 8)]):
            return i
    return None


_DECIDING_BODIES = frozenset({"court", "courts", "judge", "judges", "tribunal", "government",
                              "cabinet", "parliament", "ministry", "authorities", "regulator"})


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
    for m in s.mentions:  # "A Dutch appeals court ordered …", "the Dutch government"
        if m.start >= cue:
            break
        if m.kind == "state" and m.modifier and m.prep is None and any(
                w in _DECIDING_BODIES for w in lower[m.end:min(cue, m.end + 3)]):
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
_PERMIT_NOUNS = frozenset({"permits", "permit", "licences", "licenses", "licence", "license",
                           "authorisations", "authorizations", "approvals"})


_SUSPEND_VERBS = frozenset({"suspend", "suspends", "suspended", "suspending", "froze",
                            "frozen", "freeze", "freezes", "halted", "halts", "halt"})


def _cancellations(ctx: _Ctx) -> None:
    """"X cancelled/revoked/suspended the (export) permits for Y to Z": a refused transfer
    X → Z. A sentence that names no item ("suspended the relevant permits to Z") stops the
    item the article last had X sending to Z; "I"/"we" are the speaker's state."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        if lower[i] not in _CANCEL_VERBS | _SUSPEND_VERBS or any(
                w in _NEG for w in lower[max(s.start, i - 3):i]):
            continue
        rb = ctx.right_bound(i)
        if not any(w in _PERMIT_NOUNS for w in lower[i + 1:min(rb, i + 5)]):
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


#: Cue words of a denial: an embargo, a ban, a suspension or halt of exports.
_DENIAL_CUES = _CANCEL_VERBS | frozenset({
                          "embargo", "embargoes", "ban", "bans", "banned", "moratorium",
                          "suspend", "suspends", "suspended", "suspending", "suspension",
                          "halt", "halts", "halted", "halting", "freeze", "froze", "frozen",
                          "stop", "stops", "stopped"})


def _denied_state(ctx: _Ctx, cue: int, actor: Mention) -> Mention | None:
    """The one state a denial names as destination ("an embargo on Saudi Arabia",
    "suspended arms exports to Israel"); none when the cue is no denial, is negated, or
    names no state or several."""
    lower = ctx.lower
    s = ctx.s
    if lower[cue] not in _DENIAL_CUES or "not" in lower[max(s.start, cue - 3):cue] or \
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
        else "planned" if any(w in _FUTURE or w in ("plans", "proposed", "draft")
                              for w in window) and "not" not in window else "approved"
    roles = {"actor": actor}
    target = _denied_state(ctx, cue, actor)
    if target is not None and status == "approved":
        roles["target"] = target  # a standing denial: ingested as an embargo on the target
    lo = ctx.left_bound(cue)
    ctx.facts.append(RawFact("Policy", status, roles, ctx.s, cue, "policy.stance",
                             _conf(0.6, roles, 1, status),
                             content=ctx.doc[lo:ctx.right_bound(cue)].text))
