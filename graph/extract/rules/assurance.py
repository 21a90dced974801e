"""Assurance rules: "assured X that …", commitments not to pass items on."""

from __future__ import annotations

from ..deps import Parse
from ..lexicon import (
    ASSURANCE_NOUNS,
    ASSURE_VERBS,
    GIVE_VERBS,
    THIRD_PARTY_WORDS,
)
from ..mentions import Mention
from .base import RawFact, _conf, _Ctx, _frame_mentions, _state_of

# -- assurances -------------------------------------------------------------------------------


def _assurances(ctx: _Ctx, speaker: Mention | None) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        third = False
        if w in ASSURE_VERBS and w not in ("promised", "pledged", "vowed", "committed", "insisted"):
            pass
        elif w in ("promised", "pledged", "vowed", "committed", "undertook") and \
                ctx.has_any(i + 1, min(s.end, i + 3), ("not",)):
            pass
        elif w == "not" and i + 2 < s.end and lower[i + 1] in ("be", "been") and \
                (GIVE_VERBS.get(lower[i + 2], ("", ""))[1] in ("pp", "past/pp")) and \
                ctx.has_any(i + 3, min(s.end, i + 6), THIRD_PARTY_WORDS):
            third = True
        else:
            continue
        subj = ctx.subject(i)
        src = subj or speaker
        rb = ctx.right_bound(i) if not third else s.end
        if src is not None and src.kind == "person" and not src.based_in:
            # "Blinken … assuring them that Washington would …": the state in the pledge
            src = next((m for m in ctx.mentions_between(i + 1, s.end)
                        if m.kind == "state" and m.prep is None and not m.modifier), None)
        if src is None:
            continue
        actor = _state_of(src)
        addressees: list[Mention] = []
        if not third and i + 1 < s.end and lower[i + 1] in ("them", "him", "her"):
            # "wrote to his Danish and Dutch counterparts …, assuring them"
            to = [m for m in ctx.mentions_between(s.start, i) if m.is_actor and m.prep == "to"]
            if to:
                addressees = ctx.coordinated(to[-1])
        elif not third:
            addr = ctx.actor_after(i + 1, min(rb, i + 4), [None])
            if addr is not None:
                addressees = [addr]
        items = ctx.items_from(s.start, s.end)
        for addr in addressees or [None]:  # type: ignore[list-item]
            roles: dict[str, Mention] = {"actor": actor}
            if addr is not None and _state_of(addr).id != actor.id:
                roles["addressee"] = _state_of(addr)
            if items:
                roles["item"] = items[0]
            ctx.facts.append(RawFact("Assurance", "promised", roles, s, i, "assurance",
                                     _conf(0.75, roles, 3, "promised"),
                                     content=ctx.doc[i:rb].text))
        return


def _assurance_nouns(ctx: _Ctx, speaker: Mention | None) -> None:
    """An assurance stated as a noun, read from the parse: "this commitment from the Norwegian side
    has been made", "Washington's guarantee was given" — actor the owner of the noun, the
    addressee the speaker's state, the item the one the commitment points back to (the last
    transfer's item, in this sentence or the one before)."""
    p = Parse.of(ctx.doc)
    s = ctx.s
    if not p.ok or any(f.type == "Assurance" and f.sentence is s for f in ctx.facts):
        return
    for n in range(s.start, s.end):
        if ctx.lower[n] not in ASSURANCE_NOUNS or p.pos[n] != "NOUN" or p.negated(p.head[n]):
            continue
        owners = [m for m in _frame_mentions(ctx, [t for o in p.noun_owners(n, of=False)
                                                   for t in p.subtree(o)], True)]
        if not owners:
            continue
        actor = _state_of(owners[0])
        if actor.kind != "state":
            continue
        roles: dict[str, Mention] = {"actor": actor}
        if speaker is not None and _state_of(speaker).kind == "state" and \
                _state_of(speaker).id != actor.id:
            roles["addressee"] = _state_of(speaker)
        back = [f for f in ctx.facts if f.type == "Transfer" and "item" in f.roles and
                ctx.s.index - 1 <= f.sentence.index <= ctx.s.index]
        if back:
            roles["item"] = back[-1].roles["item"]
        ctx.facts.append(RawFact("Assurance", "promised", roles, s, n, "assurance.noun",
                                 _conf(0.7, roles, 3, "promised"),
                                 content=ctx.doc[n:ctx.right_bound(n)].text))
        return
