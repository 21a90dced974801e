"""Threat rules: "threatened X with …", consequences, retaliation and vague harms."""

from __future__ import annotations

from dataclasses import dataclass

from ... import ids
from ..lexicon import (
    COMPANY_NOUNS,
    CONSEQUENCE_WORDS,
    FUTURE_MODALS,
    GRAVE_WORDS,
    HARM_AFTER_WILL,
    RESPOND_VERBS,
    SANCTION_VERBS,
    THREAT_VERBS,
    VOW_VERBS,
)
from ..mentions import Mention
from ..model import Entity
from .base import RawFact, Sentence, _conf, _Ctx, _or_none, _state_of
from .speech import is_threat_speaker

# -- threats ----------------------------------------------------------------------------------


def _threats(ctx: _Ctx, speaker: Mention | None) -> None:
    lower = ctx.lower
    s = ctx.s
    done = False
    for i in range(s.start, s.end):
        if done:
            break
        w = lower[i]
        sanction = w in ("sanctions", "sanction", "penalties", "threats") and any(
            v in ("threatens", "threatened", "threaten", "will", "would", "made", "make",
                  "vowed", "announced", "announces", "warned", "could", "may", "might",
                  "threat", "risk", "risks", "faces", "face", "facing", "hit", "subject")
            for v in
            lower[max(s.start, i - 4):i]) and not any(
            v in ("joined", "join", "lifted", "eased", "imposed") for v in
            lower[max(s.start, i - 4):i])  # imposed or joined ones are no threat
        vowed = w in RESPOND_VERBS and i >= s.start + 2 and lower[i - 1] == "to" and \
            lower[i - 2] in VOW_VERBS  # "vowed to respond", "threatened to retaliate"
        faced = sanction and any(v in ("threat", "risk", "risks", "faces", "face", "facing",
                                       "be", "been", "being", "hit", "subject")
                                 for v in lower[max(s.start, i - 4):i])
        if faced:
            # "Egypt faces the threat of US sanctions": the subject is the target, the state
            # naming the sanctions the actor
            subj = ctx.subject(i)
            by = ctx.an.mention_at(i - 1) or ctx.actor_after(i + 1, min(s.end, i + 3),
                                                             ["from", "by"])
            if subj is None or by is None or not by.is_actor or \
                    _state_of(by).id == _state_of(subj).id:
                continue
            actor = _state_of(by)
            spk: Mention | None = None
            target: Mention | None = subj
            rule = "threat.verb"
        elif w in THREAT_VERBS or sanction or vowed:
            subj = ctx.subject(i)
            if subj is None and speaker is not None:
                subj = speaker
            if subj is None:
                continue
            actor = _state_of(subj)
            spk = subj if subj.kind == "person" else (
                speaker if speaker is not None and speaker.kind == "person" else None)
            rb = ctx.right_bound(i)
            target = next((m for m in ctx.mentions_between(i + 1, rb)
                           if m.is_actor and m.prep in (None, "against", "on", "to") and not
                           (m.modifier and not _org_phrase(ctx, m))
                           and _state_of(m).id != actor.id), None)
            if target is not None and _org_phrase(ctx, target):
                target = _org_phrase(ctx, target)  # "sanctions on US firms"
            warn = next((k for k in range(s.start, i) if lower[k] in ("warned", "warns")),
                        None)
            warned_party = None if warn is None else next(
                (m for m in ctx.mentions_between(warn + 1, min(i, warn + 3))
                 if m.is_actor and m.prep is None and _state_of(m).id != actor.id), None)
            if warned_party is not None:
                target = warned_party  # "warned India that … could trigger sanctions"
            elif target is None and warn is not None:
                target = next((m for m in ctx.mentions_between(warn + 1, i)
                               if m.is_actor and m.prep in (None, "against")
                               and _state_of(m).id != actor.id), None)  # "warned X that …"
            rule = "threat.verb"
        elif w in CONSEQUENCE_WORDS and (ctx.has_any(s.start, s.end, ("will", "would", "warned",
                                                                  "warns", "if", "'ll"))):
            if w == "response" and not (i + 1 < s.end and lower[i + 1] == "measures"):
                continue
            if w == "targets" and not (i > s.start and lower[i - 1] == "legitimate"):
                continue
            if w == "destroyed" and not (i > s.start and lower[i - 1] == "be"):
                continue
            src = speaker
            if src is None:
                subj = ctx.subject(i)
                src = subj
            if src is None:
                continue
            actor = _state_of(src)
            spk = src if src.kind == "person" else None
            target = next((m for m in ctx.mentions_between(i + 1, s.end)
                           if m.is_actor and _state_of(m).id != actor.id
                           and m.prep not in ("in", "into")), None)
            warn = next((k for k in range(s.start, i) if lower[k] in ("warned", "warns")), None)
            if target is None and warn is not None:
                target = next((m for m in ctx.mentions_between(warn + 1, i)
                               if m.is_actor and m.prep in (None, "against")
                               and _state_of(m).id != actor.id), None)  # "warned X against …"
            rule = "threat.consequence"
        else:
            continue
        warned = any(lower[k] in ("warned", "warns", "threatened") and not ctx.an.in_quote[k]
                     for k in range(s.start, i))
        explicit = w in ("targets", "destroyed")
        if (target is None and rule != "threat.verb" and not warned and not explicit) or \
                actor.kind not in ("state", "org"):
            continue
        roles = {"actor": actor}
        if target is not None:
            roles["target"] = _state_of(target)
        if spk is not None:
            roles["speaker"] = spk
        cons = _consequence_text(ctx, i)
        ctx.facts.append(RawFact("Threat", "threatened", roles, s, i, rule,
                                 _conf(0.8, roles, 2, "threatened"), consequence=cons))
        done = True


# -- vague harms --------------------------------------------------------------------------------


@dataclass
class ThreatFrame:
    """Who last threatened whom, and the last person named: the roles a follow-up warning
    ("They too will burn", "he said") takes when its sentence does not name them."""

    actor: Mention | None = None
    target: Mention | None = None
    speaker: Mention | None = None
    person: Mention | None = None


def _harm_cue(ctx: _Ctx) -> tuple[int, str] | None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        back = lower[max(s.start, i - 3):i]
        if w in HARM_AFTER_WILL and any(
                x in FUTURE_MODALS or x in ("would", "could") for x in back):
            if w != "pay" or (i + 1 < s.end and lower[i + 1] in ("dearly", "a", "the")):
                return i, "harm"
        if w in ("consequences", "consequence") and ctx.has_any(s.start, s.end, GRAVE_WORDS) and \
                ctx.has_any(s.start, s.end, ("will", "would", "could", "warned", "'ll")):
            return i, "harm"
        if w in SANCTION_VERBS and any(x in ("would", "will", "to", "is", "are", "was",
                                              "could", "risk", "trigger") for x in back) and \
                not any(x in ("lifted", "eased", "imposed", "joined") for x in back):
            return i, "sanction"
        if w == "targets" and i > s.start and lower[i - 1] == "legitimate":
            return i, "harm"
    return None


def _vague_threats(ctx: _Ctx, frame: ThreatFrame) -> None:
    """A warning of harm, even a vague one, when the threat rules found none."""
    for f in [f for f in ctx.facts if f.type == "Threat" and f.sentence.index == ctx.s.index
              and f.roles["actor"].kind != "state"]:
        ctx.facts.remove(f)  # "whose foreign ministry said it would …": not a system's threat
    mine = [f for f in ctx.facts if f.type == "Threat" and f.sentence.index == ctx.s.index]
    for f in mine:
        if "speaker" not in f.roles:
            who = next((m for m in ctx.s.mentions if m.kind == "person" and m.how != "pronoun"
                        and m.based_in == f.roles["actor"].id), None)
            if who is not None:
                f.roles["speaker"] = who  # "Russian Ambassador … Anatoly Antonov … condemned"
    for f in mine:
        t = f.roles.get("target")
        if t is None or t.kind == "state":
            continue
        last = t
        for m in ctx.s.mentions:  # "sanction Boeing, Lockheed Martin and Raytheon"
            if m.start < last.end or not m.is_actor:
                continue
            if not all(w in (",", "and", "&") for w in ctx.lower[last.end:m.start]):
                break
            roles = dict(f.roles, target=m)
            ctx.facts.append(RawFact("Threat", f.status, roles, f.sentence, f.cue, f.rule,
                                     f.confidence, consequence=f.consequence))
            last = m
    if mine:
        return
    found = _harm_cue(ctx)
    if found is None:
        return
    i, kind = found
    s = ctx.s
    lower = ctx.lower
    spk = ctx.speaker
    if spk is not None and spk.how == "pronoun":
        spk = frame.person
    subj = ctx.subject(i)
    first = next((m for m in s.mentions if m.is_actor and m.prep is None and m.start < i
                  and m.how != "pronoun"), None)
    if spk is None:
        spk = next((m for m in s.mentions if m.kind == "person" and m.prep is None
                    and m.start < i), None)
    src = spk if spk is not None and is_threat_speaker(spk) else None
    harmed = subj if lower[i] == "pay" else None
    actor: Mention | None = None
    if harmed is not None and first is not None and first.id == harmed.id:
        first = None  # "Russia would pay dearly": the harmed party threatens no one
    for cand in (src, None if harmed else subj, first):
        if cand is not None and cand.how == "pronoun":
            continue
        if cand is not None and _state_of(cand).kind == "state":
            actor = _state_of(cand)
            break
    if actor is None and frame.actor is not None and (
            subj is None or subj.how == "pronoun"):
        actor = frame.actor
    if actor is None or (harmed is not None and _state_of(harmed).id == actor.id):
        return  # "Russia would pay dearly": the party that pays threatens no one
    targets: list[Mention] = []
    if kind == "sanction":
        rb = ctx.right_bound(i)
        objs = [m for m in ctx.mentions_between(i + 1, rb) if m.is_actor and m.prep is None]
        if objs:
            targets = [_org_phrase(ctx, objs[0]) or objs[0]]
            last = objs[0]
            for m in objs[1:]:  # "Boeing, Lockheed Martin and Raytheon": each one listed
                if not all(w in (",", "and", "&") for w in lower[last.end:m.start]):
                    break
                targets.append(m)
                last = m
    elif harmed is not None and _state_of(harmed).id != actor.id:
        targets = [harmed]
    elif frame.target is not None and frame.actor is not None and \
            frame.actor.id == actor.id:
        targets = [frame.target]
        if src is None:
            src = frame.speaker
    else:
        dest = next((m for m in s.mentions if m.is_actor and m.prep in ("for", "to")
                     and _state_of(m).id != actor.id), None)
        if dest is not None:
            targets = [dest]
    speaker = src if src is not None and src.kind == "person" else None
    for target in _or_none(targets):
        roles = {"actor": actor}
        if target is not None and _state_of(target).id != actor.id:
            roles["target"] = _state_of(target)
        if speaker is not None:
            roles["speaker"] = speaker
        ctx.facts.append(RawFact("Threat", "threatened", roles, s, i, "threat.harm",
                                 _conf(0.6, roles, 2, "threatened"),
                                 consequence=ctx.doc[i:ctx.right_bound(i)].text))


def _update_threat_frame(frame: ThreatFrame, sent: Sentence, new: list[RawFact]) -> None:
    for f in new:
        if f.type == "Transfer" and f.roles.get("recipient") is not None and \
                frame.actor is None:
            frame.target = f.roles["recipient"]  # a threat already made keeps its target
    for f in new:
        if f.type == "Threat":
            frame.actor = f.roles.get("actor", frame.actor)
            frame.target = f.roles.get("target", frame.target)
            frame.speaker = f.roles.get("speaker", frame.speaker)
    people = [m for m in sent.mentions if m.kind == "person" and m.how != "pronoun"]
    if people:
        frame.person = people[-1]


def _org_phrase(ctx: _Ctx, m: Mention) -> Mention | None:
    """"US firms", "American companies": the companies of a state, named as a group."""
    k = m.end
    while k < ctx.s.end and ctx.lower[k] in ("defence", "defense", "arms", "aerospace"):
        k += 1
    if m.kind != "state" or k >= ctx.s.end or ctx.lower[k] not in COMPANY_NOUNS:
        return None
    span = ctx.doc[m.start:k + 1]
    label = span.text
    iri = str(ids.org(label))
    ctx.an.entities.setdefault(iri, Entity(id=iri, type="Organisation", label=label,
                                           linked=False, based_in=m.id))
    return Mention(m.start, k + 1, span.start_char, span.end_char, label, "org", iri, label,
                   "unlinked")


def _consequence_text(ctx: _Ctx, i: int) -> str | None:
    lower = ctx.lower
    s = ctx.s
    for k in range(i, s.end):
        if lower[k] in CONSEQUENCE_WORDS:
            a = k
            while a > s.start and (ctx.doc[a - 1].is_alpha and lower[a - 1] not in (
                    "with", "of", "be", "face", "warned", "threatened", "there")) and k - a < 3:
                a -= 1
            b = k + 1
            while b < s.end and lower[b] not in ("if", ",", ".", ";", "unless", "”", "because"):
                b += 1
            return ctx.doc[a:b].text or None
    return None
