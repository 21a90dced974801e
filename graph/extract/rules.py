"""Fact rules: verb and noun cues, role assignment by position, voice and modality.

In the manner of political event coding (CAMEO, PETRARCH) each rule is a cue from a
dictionary plus positional role assignment around it, within the clause that holds the
cue:

- ``transfer.give``  "X sent/supplied/delivered Y to Z", "provide Z with Y", passives
  "Y were delivered to Z by X", "Y … ended up in Z" (supplier, item, recipient);
- ``transfer.get``  "Z received/bought/ordered Y from X";
- ``transfer.noun``  "the shipment/delivery/sale of Y to Z";
- ``licence``  "Y made in X under licence from W", "under a US licence", "licensed by";
- ``consent.*``  "would need X's approval/consent/permission/nod", "asked X for
  permission to re-export", "approved/refused/blocked the re-export";
- ``threat``  "threatened X with …", "there will be consequences … retaliatory steps";
- ``policy``  "relaxed/eased/revised export regulations", "the relaxation of rules";
- ``request``  "asked/urged X to …", "the pitch/call/appeal for Y";
- ``assurance``  "assured X that …", "would not be provided to third countries".

Modality comes from the words around the cue (:func:`modality`): an *if*-clause or
"were to" → hypothetical; negation or "refrain from" → hypothetical (never delivered or
planned); "reportedly", "reports that", "according to" → reported; "asked … to" →
requested; "promised/pledged" → promised; "would/could/might" → hypothetical;
"will/plans to/decided to/agreed to" → planned; a past tense → delivered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import ids
from .deps import BLOCK_VERBS, PERMIT_VERBS, Parse
from .itemframe import generic_items_from_frame
from .lexicon import (
    BE_FORMS,
    GET_VERBS,
    GIVE_VERBS,
    PLEDGE_VERBS,
    PREPOSITIONS,
    REEXPORT_VERBS,
    SPEECH_VERBS,
    TRANSFER_NOUNS,
)
from .mentions import Analysis, Mention
from .model import Entity

__all__ = ["Sentence", "RawFact", "apply_rules", "modality"]

_LEFT_BOUNDARY = frozenset({
    "that", "which", "who", "whom", "if", "unless", "because", "while", "although", "though",
    "whereas", "but", ";", ":", "when", "after", "before", "since", "until", "once", "“", "”",
    '"', "why", "whether", "where", "however",
})
_RIGHT_BOUNDARY = frozenset({
    ";", "which", "who", "because", "while", "although", "though", "whereas", "but", "if",
    "unless", "when", "after", "before", "since", "until", "hoping", "so", "“", "”", '"',
    "whether", "where", "amid", "despite", "according",
})
_IF = frozenset({"if", "unless", "whether"})
_NEG = frozenset({"not", "n't", "never", "no", "nor", "neither", "without"})
_REFRAIN = frozenset({"reluctant", "hesitant", "unwilling", "reluctance", "hesitated",
                      "refrain", "refrained", "refrains", "refraining", "avoid", "avoided",
                      "avoids", "avoiding", "stop", "stopped", "halt", "halted", "prevent",
                      "prevented", "ban", "banned", "banning", "forbid", "forbidden",
                      "prohibited", "prohibit"})
_REFUSE = frozenset({"objected", "objects", "object", "objecting",
                     "refuse", "refused", "refuses", "refusing", "decline", "declined",
                     "declines", "reject", "rejected", "rejects", "rejecting", "veto",
                     "vetoed", "vetoes", "block", "blocked", "blocks", "blocking", "deny",
                     "denied", "denies", "denying"})
_HYPO_MODALS = frozenset({"would", "could", "might", "may", "can", "should", "'d", "’d"})
_FUTURE = frozenset({"will", "'ll", "’ll", "shall"})
_PLAN = frozenset({
    "plan", "plans", "planned", "planning", "agreed", "agree", "agrees", "decided", "decide",
    "decides", "chosen", "chose", "choose", "intends", "intend", "intended", "set", "going",
    "expected", "prepared", "ready", "approved", "approve", "approves", "aims", "aim",
    "signed", "contract", "contracted", "order", "ordered", "deal", "preparing", "moving",
    "decision", "agreement", "scheduled", "due", "authorised", "authorized", "cleared",
})
_PROMISE = frozenset({"promised", "promise", "promises", "pledged", "pledge", "pledges",
                      "vowed", "vow", "vows", "committed", "commits", "offered", "offers",
                      "offer"})
_REQUEST_GOV = frozenset({"asked", "ask", "asks", "urged", "urge", "urges", "requested",
                          "request", "requests", "called", "calls", "appealed", "pressed",
                          "pressing", "urging", "asking", "begged", "wants", "want",
                          "wanted", "seeking", "seeks", "seek", "sought", "hopes",
                          "hoping", "lobbying"})
_HEDGE = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently",
                    "reports", "reported", "rumoured", "rumored", "indicated", "signalled",
                    "signaled", "hinted", "suggested", "unconfirmed", "claimed", "claims",
                    "likely", "probably", "presumably", "appears", "appeared", "seems",
                    "seemed", "estimated"})
_POTENTIAL = frozenset({"potential", "possible", "any", "prospective", "eventual", "future",
                        "hypothetical", "likely"})
_CONSENT_NOUNS = frozenset({"approval", "consent", "permission", "nod", "authorisation",
                            "authorization", "permit", "go-ahead", "clearance", "blessing",
                            "agreement", "ahead", "light"})
_NEED = frozenset({"need", "needs", "needed", "needing", "require", "requires", "required",
                   "requiring", "seek", "seeks", "sought", "obtain", "get", "must", "subject"})
_GRANT = frozenset({"approved", "approves", "approve", "allowed", "allows", "allow",
                    "authorised", "authorized", "authorises", "authorizes", "permitted",
                    "permits", "cleared", "granted", "grants", "consented", "greenlit"})
_REEXPORT_WORDS = frozenset({"re-export", "reexport", "re-exports", "re-exported",
                             "re-exporting", "retransfer", "re-transfer", "pass", "passing",
                             "transfer", "send", "sending", "supply", "deliver", "give",
                             "export", "exports", "deliveries", "shipment", "sale", "sell"})
_THREAT_VERBS = frozenset({"threaten", "threatens", "threatened", "threatening"})
_CONSEQUENCE = frozenset({"consequences", "consequence", "retaliation", "retaliatory",
                          "retaliate", "retaliated", "punitive", "countermeasures",
                          "reprisals", "reprisal", "repercussions", "response", "targets",
                          "destroyed"})
_RESPOND = frozenset({"respond", "retaliate", "react", "hit", "strike", "punish"})
_VOW = frozenset({"vowed", "vows", "vow", "threatened", "threatens", "threaten", "pledged",
                  "promised"})
_POLICY_VERBS = frozenset({
    "relax", "relaxed", "relaxes", "relaxing", "relaxation", "ease", "eased", "eases",
    "easing", "lift", "lifted", "lifts", "lifting", "loosen", "loosened", "loosening",
    "revise", "revised", "revises", "revising", "revision", "amend", "amended", "amending",
    "amendment", "tighten", "tightened", "tightening", "overhaul", "overhauled", "scrap",
    "scrapped", "change", "changed", "changes", "reform", "reformed", "liberalise",
    "liberalised", "liberalize", "liberalized", "relaxations", "revisions", "restrict",
    "restricted", "restricts", "restricting", "banned", "suspended", "suspends", "halted",
    "forbids", "forbid", "forbade", "prohibits", "prohibited", "imposed", "imposes",
    "abandon", "abandoned", "abandoning", "abandons", "reversed", "reversing", "ended",
    "ending", "dropped", "dropping",
})
_POLICY_OBJECTS = frozenset({
    "regulations", "regulation", "rules", "rule", "restrictions", "restriction",
    "limitations", "limits", "controls", "control", "ban", "bans", "guidelines",
    "principles", "policy", "policies", "law", "laws", "curbs", "embargo", "regime",
    "framework", "exports", "export", "sales", "transfers",
})
#: Subjects that are a state's rules ("Swiss law forbids …", "American rules require …").
_RULE_SUBJECTS = frozenset({"law", "laws", "rules", "regulations", "legislation",
                            "constitution", "policy", "guidelines"})
_REQUEST_NOUNS = frozenset({"pitch", "call", "calls", "appeal", "appeals", "plea", "pleas",
                            "request", "requests", "demand", "demands", "bid"})
_ASSURE = frozenset({"assured", "assure", "assures", "assuring", "guaranteed", "guarantee",
                     "guarantees", "reassured", "promised", "pledged", "vowed", "committed",
                     "undertook", "insisted"})
_THIRD = frozenset({"third", "other", "another", "anyone"})
_LET = frozenset({"let", "lets", "allow", "allowed", "allows", "allowing", "permit",
                  "permitted", "permission", "approve", "approval", "authorise", "authorize",
                  "authorised", "authorized", "consent", "request", "requests", "attempt",
                  "attempts", "bid"})
_GIFT_VERBS = frozenset({"give", "donate", "gift", "pledge", "promise", "provide"})
_ANNOUNCE = frozenset({"said", "says", "say", "announced", "announces", "told", "stated",
                       "declared", "confirmed", "pledged"})


_INTENT_NOUNS = frozenset({"decision", "refusal", "plan", "plans", "offer", "promise",
                           "pledge", "commitment", "move", "bid", "attempt", "reluctance",
                           "willingness", "readiness", "agreement", "intention"})
_BUILT_FOR = frozenset({"built", "made", "designed", "intended", "destined", "meant",
                        "produced", "manufactured", "ordered", "developed"})
_GOV_WORDS = frozenset({"government", "cabinet", "ministry", "parliament", "army",
                        "military", "authorities", "administration"})
_COORD_GAP = frozenset({",", "and", "or", "as", "well", "plus", "&", "more", "additional",
                        "up", "to", "about", "around", "some", "nearly",
                        "further", "new", "other", "several", "two", "three", "four",
                        "five", "six", "dozens", "of", "its", "their", "the", "a"})


@dataclass
class Sentence:
    """One sentence: token range, character span, text and its mentions."""

    index: int
    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    mentions: list[Mention]


@dataclass
class RawFact:
    """A fact before ids are minted: roles are mentions (or inferred stand-ins)."""

    type: str
    status: str
    roles: dict[str, Mention]
    sentence: Sentence
    cue: int
    rule: str
    confidence: float
    quantity: int | None = None
    consequence: str | None = None
    content: str | None = None
    condition: RawFact | None = None
    speaker: Mention | None = None
    via: Mention | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def key(self) -> tuple[object, ...]:
        return (self.type, self.status, self.sentence.index,
                tuple(sorted((k, v.id) for k, v in self.roles.items())))


class _Ctx:
    def __init__(self, an: Analysis, sent: Sentence, facts: list[RawFact]):
        self.an = an
        self.s = sent
        self.lower = an.lower
        self.doc = an.doc
        self.facts = facts
        self.consumed: set[int] = set()
        self.consents: set[tuple[int, str, str, str]] = set()
        self.speaker: Mention | None = None
        self.cues: set[int] = set()

    # -- windows -------------------------------------------------------------------------

    def left_bound(self, i: int) -> int:
        """First token of the clause that holds token ``i`` (after a boundary word)."""
        j = i - 1
        while j >= self.s.start:
            w = self.lower[j]
            if w in _LEFT_BOUNDARY and not self._inside_mention(j) and not (
                    w in ("since", "once") and j > self.s.start
                    and self.lower[j - 1] in ("has", "have", "had")):
                return j + 1
            j -= 1
        return self.s.start

    def boundary_word(self, i: int) -> str | None:
        b = self.left_bound(i)
        return self.lower[b - 1] if b > self.s.start else None

    def right_bound(self, i: int) -> int:
        j = i + 1
        while j < self.s.end:
            w = self.lower[j]
            if w in _RIGHT_BOUNDARY and not self._inside_mention(j):
                return j
            if w == "," and j + 1 < self.s.end and self.lower[j + 1] in ("and", "but", "while"):
                return j
            j += 1
        return self.s.end

    def _inside_mention(self, j: int) -> bool:
        m = self.an.mention_at(j)
        return m is not None and m.start < j

    def mentions_between(self, a: int, b: int) -> list[Mention]:
        return [m for m in self.s.mentions if a <= m.start and m.end <= b
                and not (set(range(m.start, m.end)) & self.consumed)]

    def subject(self, i: int, item: bool = False, floor: int | None = None) -> Mention | None:
        """Nearest mention left of ``i`` in its clause that can be a subject."""
        lo = self.left_bound(i) if floor is None else floor
        if not item and floor is None and lo > self.s.start + 1 and \
                self.lower[lo - 1] in ("who", "which") and self.lower[lo - 2] == "," and \
                "," in self.lower[lo:i]:
            # "The Netherlands, which has promised Ukraine …, had asked": after the clause
            close = max(k for k in range(lo, i) if self.lower[k] == ",")
            after = [m for m in self.mentions_between(close + 1, i) if m.is_actor
                     and m.prep is None and not m.modifier and not m.possessive]
            if after:
                return after[-1]
            for m in reversed(self.mentions_between(self.s.start, lo - 2)):
                if m.is_actor and m.prep is None and not m.modifier:
                    return m
        cands = [m for m in self.mentions_between(lo, i)
                 if (m.is_item if item else m.is_actor)]
        for m in reversed(cands):
            if item:
                return m
            if m.prep is None and not m.modifier and not m.possessive:
                return self._apposition_head(m) or m
            if m.possessive and m.end + 2 < i and self.lower[m.end + 1] in _INTENT_NOUNS \
                    and self.lower[m.end + 2] == "to":
                return m  # "Germany's refusal to supply …"
            if m.prep == "of" and m.start >= 2 and self.lower[m.start - 1] in ("of",) and \
                    self.lower[m.start - 2] in _GOV_WORDS | {"people", "republic"}:
                return m  # "The Government of Germany has requested …"
            if m.possessive and m.prep is None and m.end + 1 < i and (
                    (self.doc[m.end + 1].text[:1].isupper()
                     and self.an.mention_at(m.end + 1) is None)
                    or self.lower[m.end + 1] in _GOV_WORDS):
                return m  # "Germany's Rheinmetall will …", "Finland's government consented"
        if not item and lo > self.s.start + 1 and self.lower[lo - 1] in ("who", "which") \
                and self.lower[lo - 2] == "," and "," in self.lower[lo:i]:
            # "The Netherlands, which has promised …, had asked": skip the relative clause
            for m in reversed(self.mentions_between(self.s.start, lo - 2)):
                if m.is_actor and m.prep is None and not m.modifier:
                    return m
        if not item and lo > self.s.start + 1 and self.lower[lo - 1] in ("who", "which") \
                and self.lower[lo - 2] == ",":
            ante = self.an.mention_at(lo - 3)
            if ante is not None and ante.is_actor:
                return ante  # "… to Britain, which would then pass …"
        if not item and lo > self.s.start and self.lower[lo - 1] in ("who", "which"):
            # a relative clause: its antecedent is the subject
            for m in reversed(self.mentions_between(self.s.start, lo - 1)):
                if m.is_actor and m.prep is None and not m.modifier:
                    return m
        return None

    def _apposition_head(self, m: Mention) -> Mention | None:
        """"Thales, the French defence company, will …": the name the apposition describes."""
        k = m.start
        while k > self.s.start and k > m.start - 4 and self.doc[k - 1].is_alpha and \
                self.doc[k - 1].is_lower and self.lower[k - 1] not in PREPOSITIONS:
            k -= 1  # "the", "a", "the largest"
        end = m.end
        while end < self.s.end and end < m.end + 3 and self.doc[end].is_alpha and \
                self.doc[end].is_lower:
            end += 1  # "the French defence company"
        if k == m.start or k - 1 <= self.s.start or self.lower[k - 1] != "," or \
                end >= self.s.end or self.lower[end] != ",":
            return None
        head = self.an.mention_at(k - 2)
        if head is not None and head.is_actor and head.prep is None and not head.modifier \
                and head.end == k - 1:
            return head
        return None

    def items_from(self, a: int, b: int) -> list[Mention]:
        """The first item in [a, b) and the items coordinated with it."""
        items = [m for m in self.mentions_between(a, b) if m.is_item]
        if not items:
            return []
        if len(items) > 1 and items[0].how == "generic" and any(
                w in ("such", "like", "including") for w in
                self.lower[items[0].end:items[1].start]) and items[1].start - items[0].end <= 3:
            items = items[1:]  # "Western jets such as the F-16": the example is the item
        out = [items[0]]
        for m in items[1:]:
            gap = self.lower[out[-1].end:m.start]
            if all(w in _COORD_GAP or w.replace(",", "").isdigit() or w in ("(", ")") or (
                    self.doc[k].text.isupper() and len(w) <= 6) for k, w in zip(
                        range(out[-1].end, m.start), gap, strict=False)):
                out.append(m)  # "K2 main battle tanks (MBTs) and 212 K9 …"
            else:
                break
        uniq: dict[str, Mention] = {}
        for m in out:
            uniq.setdefault(m.id, m)
        return list(uniq.values())

    def antecedent_items(self, lo: int, near: bool = True) -> list[Mention]:
        """Items a relative clause refers back to: "the 19 F-16s that X promised …"."""
        if lo > self.s.start and self.lower[lo - 1] in ("which", "that", "who"):
            before = [m for m in self.mentions_between(self.s.start, lo) if m.is_item]
            if before and (before[-1].end >= lo - 3 or not near):
                return self.items_back(before)
        return []

    def coordinated(self, m: Mention) -> list[Mention]:
        """``m`` and the actors coordinated before it ("The Netherlands and Denmark")."""
        out = [m]
        before = [x for x in self.s.mentions if x.end <= m.start and x.is_actor]
        for x in reversed(before):
            gap = self.lower[x.end:out[0].start]
            if gap and ("the" not in gap or gap[-2:] in (["and", "the"], ["or", "the"])) and \
                    all(w in (",", "and", "or", "the") for w in gap) \
                    and x.prep in (None, m.prep) and not x.modifier and x.id != m.id:
                out.insert(0, x)
            else:
                break
        return out

    def items_alongside(self, items: list[Mention], b: int) -> list[Mention]:
        """Items added with "alongside / along with / together with / as well as X, Y"."""
        if not items:
            return []
        for k in range(items[-1].end, b):
            if self.lower[k] in ("alongside", "with", "including", "plus") and (
                    self.lower[k] != "with" or self.lower[k - 1] in ("along", "together")):
                return self.items_from(k + 1, b)
        return []

    def items_back(self, items: list[Mention]) -> list[Mention]:
        """The last item of ``items`` and the items coordinated before it."""
        out = [items[-1]]
        for m in reversed(items[:-1]):
            gap = self.lower[m.end:out[0].start]
            if all(w in (",", "and", "or", "as", "well", "plus", "&") for w in gap):
                out.insert(0, m)
            else:
                break
        return out

    def actor_after(self, a: int, b: int, preps: Iterable[str | None]) -> Mention | None:
        allowed = set(preps)
        for m in self.mentions_between(a, b):
            if m.is_actor and m.prep in allowed and not m.modifier:
                if m.prep == "for" and any(w in _BUILT_FOR for w in self.lower[
                        max(self.s.start, m.start - 3):m.start]):
                    continue  # "carriers originally built for Russia": not the recipient
                return m
        return None

    def has_any(self, a: int, b: int, words: Iterable[str]) -> bool:
        ws = set(words)
        return any(w in ws for w in self.lower[max(a, self.s.start):min(b, self.s.end)])


_COORD_CLAUSE = frozenset({"and", "but", "while", "whereas", "yet", "meanwhile"})


def new_clause_at(an: Analysis, start: int, end: int, k: int) -> bool:
    """Token ``k`` is a ", and" / "; " that opens a coordinated clause with its own subject
    ("…, and Yerevan received …"): a hedge or a date before it does not reach past it."""
    lower = an.lower
    if lower[k] not in (",", ";") or k + 2 >= end:
        return False
    j = k + 1
    if lower[j] in _COORD_CLAUSE:
        j += 1
    elif lower[k] != ";":
        return False
    while j < end and lower[j] in ("the", "then", "later", "also", "in", "turn"):
        j += 1
    m = an.mention_at(j)
    if m is None or not m.is_actor or m.start != j:
        return False
    nxt = lower[m.end] if m.end < end else ""
    return nxt in GIVE_VERBS or nxt in GET_VERBS or nxt in BE_FORMS or nxt in (
        "has", "have", "had", "will", "would", "also", "then", "later", "is", "was", "did",
        "could", "may", "might", "agreed", "signed", "took", "plans", "planned")


def clause_start(an: Analysis, start: int, cue: int) -> int:
    """First token of the coordinated clause that holds ``cue`` (see :func:`new_clause_at`)."""
    for k in range(cue - 1, start - 1, -1):
        if new_clause_at(an, start, cue + 1, k):
            return k + 1
    return start


def _state_of(m: Mention) -> Mention:
    """A person or a government body stands for its state in actor roles ("the ambassador"
    → Russia, "SECO" → Switzerland)."""
    if (m.kind == "person" or m.etype == "GovernmentBody") and m.based_in:
        return Mention(m.start, m.end, m.start_char, m.end_char, m.text, "state", m.based_in,
                       m.based_in, "via-person")
    return m


def modality(ctx: _Ctx, cue: int, subj: Mention | None, noun: bool = False) -> str:
    """How the sentence presents the event at ``cue`` (see the module docstring)."""
    lower = ctx.lower
    s = ctx.s
    lo = ctx.left_bound(cue)
    bword = ctx.boundary_word(cue)
    group_from = subj.end if subj is not None and subj.end <= cue and subj.start >= lo else lo
    group = ["<month>" if w == "may" and k > s.start and ctx.doc[k].text == "May" else w
             for k, w in zip(range(group_from, cue), lower[group_from:cue], strict=True)]
    before = lower[clause_start(ctx.an, s.start, cue):cue]
    if bword in _IF or ("were" in group and "to" in group) or ctx.has_any(lo, cue, _IF):
        return "hypothetical"
    if _yes_no_question(ctx):
        return "hypothetical"  # "Will Germany send Taurus missiles to Ukraine?"
    near = lower[max(lo, cue - 4):cue]
    if any(w in _REFUSE or w == "refusal" for w in near) or any(
            near[k] in ("ruled", "rules", "rule", "ruling") and near[k + 1] == "out"
            for k in range(len(near) - 1)) or (
            noun and any(w in ("hold", "halted", "suspended", "froze", "frozen", "stopped")
                         for w in lower[max(s.start, cue - 5):cue])):
        return "refused"  # "refused to send", "ruled out sending", "put on hold a delivery"
    if any(group[k] in ("will", "wo", "'ll", "’ll", "shall") and group[k + 1] in (
            "not", "n't", "never") for k in range(len(group) - 1)) and not ctx.has_any(
            s.start, s.end, _IF | {"warned", "urged", "asked", "told"}):
        return "refused"  # "Brazil will not send ammunition": a decision not to transfer
    if any(w in _NEG for w in group) or any(w in _REFRAIN for w in near):
        return "hypothetical"
    if noun and any(w in _POTENTIAL for w in lower[max(s.start, cue - 3):cue]):
        return "hypothetical"
    if any(w in _HEDGE for w in before) or "according" in lower[s.start:s.end] or \
            _said_to(before) or _opinion(before) or (
                _tense(lower[cue]) in ("pp", "past/pp") and len(group) >= 2
                and group[-1] == "have" and group[-2] in ("may", "might", "could")):
        return "reported"  # "… may have taken delivery", "analysts believe that …"
    if any(w in ("began", "begun", "started", "continued", "continues", "resumed") for w in
           group[-3:]):
        return "delivered"
    if any(w in ("condition", "conditions", "premise", "provided", "provided that")
           for w in lower[s.start:s.end]) and ctx.has_any(s.start, s.end, (
               "condition", "premise")):
        return "conditional"
    if any(w in _REQUEST_GOV for w in group):
        return "requested"
    if any(w in _PROMISE for w in group):
        return "promised"
    said = [k for k in range(s.start, s.end) if lower[k] in _ANNOUNCE and not any(
        w in _NEG for w in lower[max(s.start, k - 3):k])]
    if bword in ("when", "how") and "would" in group:
        return "planned"  # "did not say when the tanks would arrive": the delivery is assumed
    if said and "would" in group and _passive(ctx, cue):
        return "planned"  # "the ministry said the system would be handed over …"
    if said and _tense(lower[cue]) == "base" and (
            any(w in ("would", "'d", "’d") for w in group) or (
                any(w in ("will", "'ll", "’ll") for w in group)
                and GIVE_VERBS.get(lower[cue], ("", ""))[0] in _GIFT_VERBS)):
        return "promised"  # "X said Y would supply …", "X will give …, Y announced": pledges
    if any(w in _HYPO_MODALS for w in group):
        return "hypothetical"
    if any(w in _FUTURE or w in _PLAN for w in group):
        return "planned"
    tag = _tense(lower[cue])
    if tag in ("past", "past/pp"):
        return "delivered"
    if tag == "base" and cue >= s.start + 2 and lower[cue - 1] == "to" and any(
            w in ("first", "second", "third", "last", "latest", "only") for w in
            lower[max(s.start, cue - 5):cue - 1]) and any(
            w in ("became", "was", "were", "has", "had") for w in
            lower[max(s.start, cue - 8):cue - 1]):
        return "delivered"  # "Poland became the first country to send MiG-29s"
    if tag == "base" and "did" in lower[max(lo, cue - 5):cue]:
        return "delivered"  # "Why did Greece send BMP-1s?": the sending is presupposed
    if tag == "ger" and len(group) >= 2 and group[-1] == "been" and group[-2] in (
            "has", "have", "had"):
        return "delivered"  # "India has been receiving S-400s since 2021"
    if tag == "ger" and cue > s.start and lower[cue - 1] in ("by", "after", "for") and any(
            w.endswith("ed") or w in ("broke", "sent", "gave", "made", "took", "sold")
            for w in lower[group_from:cue - 1]):
        return "delivered"  # "broke the pact by sending …"
    if tag == "pp" and any(w in BE_FORMS or w in ("has", "have", "had") for w in group):
        return "delivered"
    if tag == "3sg" and not noun:
        return "delivered"
    return "planned"


_SAID = frozenset({"said", "understood", "believed", "thought", "reported", "rumoured",
                   "rumored", "alleged", "claimed", "suspected", "known"})
_SOURCES = frozenset({"sources", "source", "insiders", "officials", "reports", "media"})
_SOURCE_VERBS = frozenset({"suggest", "suggests", "suggested", "say", "said", "says",
                           "indicate", "indicated", "indicates", "claim", "claimed", "claims",
                           "told", "report", "reported", "reports"})


_AUX_Q = frozenset({"will", "would", "could", "should", "can", "may", "might", "shall", "is",
                    "are", "does", "do", "has", "have"})


def _yes_no_question(ctx: _Ctx) -> bool:
    """A question that asks whether something happens ("Will X send …?", "Q: Could …?")."""
    s = ctx.s
    lower = ctx.lower
    k = s.start
    while k < s.end and (lower[k] in ("q", ":", "-", "—", "so", "and", "but", "then") or
                         not ctx.doc[k].is_alpha):
        k += 1
    return k < s.end and lower[k] in _AUX_Q and s.text.rstrip().rstrip("\"'”’)").endswith("?")


_OPINION_HOLDERS = frozenset({"analysts", "experts", "observers", "officials", "diplomats",
                              "sources", "insiders", "some", "many"})
_BELIEVE = frozenset({"believe", "believed", "believes", "think", "thought", "suspect",
                      "suspected", "estimate", "estimated", "assume", "assumed"})


def _opinion(words: list[str]) -> bool:
    """"analysts believe that …", "experts estimate …": an assessment, not a report of fact."""
    return any(words[k] in _OPINION_HOLDERS and words[k + 1] in _BELIEVE
               for k in range(len(words) - 1))


def _said_to(words: list[str]) -> bool:
    """"is said / understood / believed to …", "sources suggest …": hearsay."""
    return any(words[k] in ("is", "are", "was", "were", "been") and words[k + 1] in _SAID
               and words[k + 2] == "to" for k in range(len(words) - 2)) or any(
        words[k] in _SOURCES and words[k + 1] in _SOURCE_VERBS and (
            k == 0 or words[k - 1] not in ("the", "these", "our", "official"))
        for k in range(len(words) - 1))


def _tense(word: str) -> str | None:
    hit = GIVE_VERBS.get(word) or GET_VERBS.get(word)
    return hit[1] if hit else None


def _passive(ctx: _Ctx, cue: int) -> bool:
    tag = _tense(ctx.lower[cue])
    if tag not in ("pp", "past/pp"):
        return False
    j = cue - 1
    if j > ctx.s.start and ctx.lower[j] == "and":
        # "were made in Switzerland and sold to …": the passive carries over
        k = j - 1
        while k >= max(ctx.s.start, j - 8) and ctx.lower[k] not in BE_FORMS:
            k -= 1
        if k >= max(ctx.s.start, j - 8) and any(
                w.endswith("ed") or w in ("made", "built", "sold", "sent", "given")
                for w in ctx.lower[k + 1:j]):
            return True
    while j >= ctx.s.start and j >= cue - 4:
        w = ctx.lower[j]
        if w in BE_FORMS or w in ("get", "got", "gets"):
            return True
        if w.endswith("ly") or w in ("then", "also", "already", "not", "n't", "soon", "never",
                                     "later", "first", "eventually", "reportedly", "still"):
            j -= 1
            continue
        return False
    return False


def _or_none(items: list[Mention]) -> list[Mention | None]:
    """The items, or one ``None`` so that a fact without an item is still made."""
    return list(items) if items else [None]


def _conf(base: float, roles: dict[str, Mention], expected: int, status: str) -> float:
    value = base - 0.1 * max(0, expected - len(roles))
    if any(m.how in ("pronoun", "definite") for m in roles.values()):
        value -= 0.05
    if status == "reported":
        value -= 0.05
    return round(max(0.1, min(1.0, value)), 2)


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
        elif (w in ("package", "tranche") or (w in ("deal", "contract", "agreement") and any(
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
                or (w in ("reach", "reaches", "reached") and ctx.an.mention_at(i + 1) is not None
                    and ctx.an.mention_at(i + 1).is_actor):  # type: ignore[union-attr]
            _go_to(ctx, i)
        elif w in GIVE_VERBS:
            _give(ctx, i)
        elif w in GET_VERBS:
            _get(ctx, i)


_OPERATE = frozenset({"operate", "operates", "operated", "operating", "fields", "fielded",
                      "fielding"})
_OPERATOR_LIST = frozenset({"after", "like", "including", "besides", "alongside", "joining",
                            "with"})


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
        if ctx.lower[v] not in _OPERATE or p.negated(v):
            continue
        fr = p.frame(v)
        items = [m for m in _frame_mentions(ctx, p.tokens_of(fr.objects), False)
                 if m.home and m.how not in ("generic",)]
        if not items:
            continue
        subj = [(m, None) for m in _frame_mentions(ctx, fr.agents, True) if m.kind == "state"]
        listed = [(m, "delivered") for k in p.kids[v] + [c for o in fr.objects
                                                         for c in p.kids[o]]
                  if p.dep[k] in ("obl", "nmod") and p.case(k) in _OPERATOR_LIST
                  for m in _frame_mentions(ctx, p.conjuncts(k), True) if m.kind == "state"]
        for m, status in subj + listed:
            if status is None:
                status = modality(ctx, v, m)
                if status == "reported":
                    status = "delivered"
            for item in items:
                if m.id == item.home:
                    continue
                supplier = Mention(item.start, item.end, item.start_char, item.end_char,
                                   item.text, "state", item.home or "", item.home or "",
                                   "origin")
                roles = {"supplier": supplier, "recipient": m, "item": item}
                ctx.facts.append(RawFact("Transfer", status, roles, s, v, "transfer.operator",
                                         _conf(0.65, roles, 3, status)))


_TO_CASES = frozenset({"to", "for", "into"})
_OWN_SALE_VERBS = frozenset({"approved", "approves", "confirmed", "confirms", "completed",
                             "completes", "finalised", "finalized", "announced", "announces",
                             "began", "begins", "started", "starts", "made", "makes"})


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
        if p.dep[f.cue] == "obj" and ctx.lower[h] in _OWN_SALE_VERBS and not p.negated(h):
            # "Norway approved the sale of rockets to Chile", "Oslo confirmed the delivery
            # of 20 carriers to Ukraine": the verb's subject sells
            subj = [m for m in _frame_mentions(ctx, p.tokens_of(p.controllers(h)), True)
                    if _state_of(m).kind == "state"]  # "X postponed A and approved the sale"
            rec = f.roles.get("recipient")
            if subj and (rec is None or _state_of(subj[0]).id != rec.id) and not \
                    ctx.has_any(ctx.s.start, ctx.s.end, _REEXPORT_MARKERS):
                f.roles["supplier"] = subj[0]
        if p.dep[f.cue] == "obj" and ctx.lower[h] in _RESTRICT_VERBS | _CANCEL_VERBS and \
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


_SALE_NOUNS = frozenset({"sale", "sales", "export", "exports", "transfer", "delivery"})
_APPROVE_PASSIVE = frozenset({"approved", "cleared", "authorised", "authorized", "licensed",
                              "licenced"})


def _approved_for_sale(ctx: _Ctx, p: Parse) -> None:
    """"HIMARS launchers and Harpoon missiles had been approved for sale to Taiwan (by X)":
    an approved transfer of each item to the party after "to"; the seller is the "by"
    agent, else the state of whoever reports the approval ("the agency said …"), else the
    seller of the article's last transfer to that party; with none, nothing is emitted."""
    for v in range(ctx.s.start, ctx.s.end):
        if ctx.lower[v] not in _APPROVE_PASSIVE or not p.passive(v) or p.negated(v):
            continue
        sale = next((k for k in p.kids[v] if p.dep[k] in ("obl", "nmod") and p.case(k) == "for"
                     and ctx.lower[k] in _SALE_NOUNS), None)
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
        if v in cues or p.dep[v] != "acl" or GIVE_VERBS.get(w, ("", ""))[1] not in (
                "pp", "past/pp") or p.children(v, "aux", "aux:pass", "mark"):
            continue
        items = _frame_mentions(ctx, p.tokens_of([p.head[v]] + p.children(v, "nsubj")),
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
        if p.case(k) not in _TO_CASES and not (p.dep[k] == "conj"):
            continue
        first = k
        while p.dep[first] == "conj":
            first = p.head[first]
        for c in p.conjuncts(first):
            m = ctx.an.mention_at(c)
            if m is None or not m.is_actor or m.id == r.id or m.prep not in (None, "to", "and"):
                continue
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
    if p.ok and any(lower[o] in _NOT_GOODS for o in p.children(i, "obj")):
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
    if any(w in _CONSENT_NOUNS or w in ("support", "assurance", "assurances", "backing",
                                       "guarantee", "guarantees", "signal", "speech",
                                       "go-ahead", "green", "go")
           for w in lower[i + 1:i + 4]):
        return  # "gave its consent …", "gave assurances": nothing physical changes hands
    lo = ctx.left_bound(i)
    if ctx.has_any(lo, i, _LET):
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
    if lemma in PLEDGE_VERBS and ctx.has_any(lo, i, _IF):
        status = "hypothetical"
    choices: list[Mention | None] = list(suppliers) or [roles.get("supplier")]
    if "recipient" not in roles and (status == "refused" or (
            all(m.how in ("definite", "pronoun") for m in items)
            and ctx.boundary_word(i) not in _IF and not ctx.has_any(lo, i, _IF))):
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


_CONSIDERED = frozenset({"if", "unless", "ensure", "sure", "watch", "refrain", "refrained",
                         "reluctant", "hesitant", "unwilling",
                         "avoid", "threatened", "warned", "whether", "consequences"})


_TELL = frozenset({"told", "tell", "tells", "urged", "urge", "urges", "asked", "ask", "asks",
                   "warned", "warn", "warns", "called", "pressed", "pressured", "advised",
                   "demanded", "requested", "telling", "urging", "asking", "warning"})


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
    tell = next((j for j in range(k, max(lo, k - 6) - 1, -1) if lower[j] in _TELL), None)
    return tell is not None and any(m.is_actor for m in ctx.mentions_between(tell + 1, i))


def _plain_negation(ctx: _Ctx, i: int, lo: int) -> bool:
    group = ctx.lower[lo:i]
    return any(w in _NEG for w in group) and not ctx.has_any(ctx.s.start, ctx.s.end, _CONSIDERED)


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
                     if lower[j] in _TELL), None)
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
    return j < ctx.s.start or ctx.lower[j] in (",", ";", ":") or ctx.lower[j] in _LEFT_BOUNDARY


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


def _emit_items(ctx: _Ctx, ftype: str, status: str, roles: dict[str, Mention],
                items: list[Mention], cue: int, rule: str, expected: int) -> None:
    for item in items:
        r = dict(roles)
        r["item"] = item
        ctx.facts.append(RawFact(ftype, status, r, ctx.s, cue, rule,
                                 _conf(0.85, r, expected, status), quantity=item.quantity))


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


def _go_to(ctx: _Ctx, i: int) -> None:
    """"Y would go to Z": an item moving to a recipient; the supplier is the state the item
    was named after ("the 42 Dutch F-16s would go to Ukraine")."""
    s = ctx.s
    rec = ctx.actor_after(i + 1, min(ctx.right_bound(i), i + 4), ["to", "in"]) or (
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
    if status in ("delivered", "planned", "reported") and ctx.has_any(s.start, s.end, _IF):
        status = "hypothetical"
    _emit_items(ctx, "Transfer", status, {"recipient": rec}, items, i, "transfer.end-up", 3)


#: What a receiving verb may take that is no item: "received a request / an offer to …".
_NOT_GOODS = frozenset({"request", "requests", "offer", "offers", "proposal", "proposals",
                        "application", "applications", "letter", "letters", "call", "calls",
                        "invitation", "assurance", "assurances", "guarantee", "guarantees",
                        "promise", "promises", "bid", "bids", "message", "answer", "reply"})


def _get(ctx: _Ctx, i: int) -> None:
    lower = ctx.lower
    s = ctx.s
    if any(w in _CONSENT_NOUNS for w in lower[i + 1:i + 4]):
        return  # "received US permission to …": a consent, not a delivery
    p = Parse.of(ctx.doc)
    if p.ok and any(lower[o] in _NOT_GOODS for o in p.children(i, "obj")):
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
        w in _OWNING_VERBS for w in ctx.lower[max(s.start, item.start - 6):item.start]) else None
    if subj is not None and _state_of(subj).id != rec.id:
        roles["supplier"] = _state_of(subj)
    status = modality(ctx, i, None, noun=True)
    _emit_items(ctx, "Transfer", status, roles, [item], i, "transfer.noun", 3)


def _origin(item: Mention) -> Mention:
    """A stand-in mention for the state an item was named after ("Danish F-16s")."""
    return Mention(item.start, item.end, item.start_char, item.end_char, item.text, "state",
                   item.origin or "", item.origin or "", "origin")


_OWNING_VERBS = frozenset({
    "negotiating", "negotiated", "negotiate", "negotiates", "completed", "completes",
    "concluded", "finalised", "finalized", "announced", "approved", "approves", "cleared",
    "clears", "clear", "agreed", "signed", "authorised", "authorized", "made", "making",
    "halted",
    "suspended", "delayed", "resumed", "began", "started", "planned", "plans", "proposed",
    "pledged", "promised", "offered", "speed", "accelerate", "expedite", "prepared", "hold",
    "blocked", "stopped", "froze", "considering", "discussing", "discussed",
})
_NOUN_GOVERNORS = _LET | _REFUSE | {"consented", "consents", "every", "each",
                                    "agree", "agreed", "support", "oppose", "opposed",
                                    "veto", "block", "blocked", "allowing", "authorising",
                                    "authorizing", "approving", "approved", "approves"}


_DONE = frozenset({"completed", "finished", "concluded", "carried", "made", "executed",
                   "finalised", "finalized", "began", "begun", "started"})


def _completed(ctx: _Ctx, a: int, b: int) -> bool:
    """"… was completed / were carried out / began": the noun's event took place."""
    lower = ctx.lower
    for k in range(a, min(b, ctx.s.end) - 1):
        if lower[k] in ("was", "were", "has", "have", "had") and lower[k + 1] in _DONE | {
                "been"} and not ctx.has_any(k - 2, k, _NEG):
            return lower[k + 1] != "been" or (k + 2 < ctx.s.end and lower[k + 2] in _DONE)
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


def _noun_transfer(ctx: _Ctx, i: int) -> None:
    s = ctx.s
    lower = ctx.lower
    if i >= 2 and lower[i - 1] == "-" and lower[i - 2] == "re":
        return  # "any re-transfer of …": the subject of a consent rule
    approve = {"approve", "approves", "approved", "approving", "approval", "cleared", "clears"}
    if ctx.has_any(max(s.start, i - 9), i, _NOUN_GOVERNORS - approve):
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
    while j >= s.start and lower[j] in _POTENTIAL | {"the", "a", "new", "planned"}:
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
            w in _OWNING_VERBS for w in lower[max(s.start, i - 8):i]):
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


_PRODUCE = frozenset({
    "produce", "produces", "produced", "producing", "build", "builds", "built", "building",
    "manufacture", "manufactures", "manufactured", "manufacturing", "assemble", "assembles",
    "assembled", "assembling",
})
_HELP_NOUNS = frozenset({"assistance", "support", "help", "cooperation", "co-operation",
                         "partnership", "backing", "licence", "license"})
_LOCAL = frozenset({"locally", "domestically", "indigenously", "licence", "license"})
_PRODUCTION_NOUNS = frozenset({"production", "manufacturing", "manufacture", "assembly"})
_SUPPORT_VERBS = frozenset({"support", "supports", "supported", "supporting", "back",
                            "backed", "backs", "help", "helped", "assist", "assisted"})


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
        if ctx.lower[v] not in _PRODUCE or p.negated(v) or p.pos[v] not in ("VERB", "NOUN"):
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
                    ctx.lower[k] in _HELP_NOUNS:
                helpers += _frame_mentions(ctx, p.subtree(k), True)
        local = any(ctx.lower[k] in _LOCAL for k in p.kids[v]) or ctx.has_any(
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
            planned = p.mark(v) == "to" or any(a in _FUTURE or a in _HYPO_MODALS for a in aux)
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
        if ctx.lower[v] not in _SUPPORT_VERBS or p.negated(v):
            continue
        objs = p.children(v, "obj") or (p.children(v, "nsubj:pass") if p.passive(v) else [])
        if not any(ctx.lower[k] in _PRODUCTION_NOUNS for o in objs for k in p.subtree(o)):
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
        planned = any(a in _FUTURE or a in _HYPO_MODALS for a in aux)
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
    future = any(w in _FUTURE or w in ("plans", "planned", "envisaged", "due", "would")
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


_FRAME_VERBS = GIVE_VERBS.keys() | TRANSFER_NOUNS | _REEXPORT_WORDS


def _frame_mentions(ctx: _Ctx, tokens: Iterable[int], actor: bool) -> list[Mention]:
    out: list[Mention] = []
    for k in tokens:
        m = ctx.an.mention_at(k)
        if m is not None and (m.is_actor if actor else m.is_item) and m not in out and \
                ctx.s.start <= m.start < ctx.s.end:
            out.append(m)
    return out


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


_ASK = frozenset({"asked", "requested", "sought", "ask", "seek", "applied", "request",
                  "requests", "asking", "seeking"})
_GOT = frozenset({"after", "with", "obtained", "received", "secured", "won", "got", "gained",
                  "given", "gave", "give", "gives", "granted", "grants", "giving"})


def _consents(ctx: _Ctx) -> None:
    """Consent nouns: "would need X's approval", "without the consent of X", "asked X for
    permission", "after X's nod", "X's consent is needed"."""
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        if w not in _CONSENT_NOUNS:
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
        ask = next((k for k in range(max(lo, i - 6), i) if lower[k] in _ASK), None)
        if ask is not None and any(v in _NEG for v in lower[max(lo, ask - 3):ask]):
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
        if any(v in _NEED or v == "without" for v in window) or any(
                v in ("needed", "required", "necessary") for v in after):
            status, rule = "required", "consent.need"
        elif ask is not None:
            status, rule = "requested", "consent.ask"
        elif any(v in _REFUSE or v == "withheld" for v in window):
            status, rule = "refused", "consent.refuse"
        elif any(v in _GOT for v in lower[max(s.start, i - 5):i]):
            status, rule = "granted", "consent.grant"
        else:
            continue
        rb = ctx.right_bound(i)
        holder, dest, items = _consent_context(ctx, i, rb)
        need = next((k for k in range(i - 1, max(lo, i - 6) - 1, -1)
                     if lower[k] in _NEED or lower[k] in _GOT), None)
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


_GRANT_VERBS = _GRANT | {"let", "lets", "clear", "clears", "cleared", "approving"}
_EXPORT_APPROVE = frozenset({"approved", "approves", "approve", "authorised", "authorized",
                             "authorises", "authorizes"})
_CLEAR_OR_BLOCK = frozenset({"clear", "clears", "cleared", "block", "blocks", "blocked",
                             "veto", "vetoes", "vetoed", "objected", "objects", "object"})
_REEXPORT_MARKERS = frozenset({
    "re", "re-export", "reexport", "retransfer", "pass", "passing", "passed", "request",
    "requests", "permission", "third", "way", "re-exports", "onward", "attempt", "attempts",
})


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
        if ctx.has_any(max(s.start, i - 6), i, _NEED | _ASK | _NEG | {
                "without", "awaiting", "awaits", "needs", "seek", "seeking", "waiting", "wait",
                "waits", "pending", "expects", "expected", "hopes", "hoping"}) or \
                ctx.has_any(i + 1, rb, _NEED | {"needed", "required"}):
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
                v in _NEG or v in ("cannot", "can't") for v in lower[max(s.start, i - 3):i]):
            status, rule = "refused", "consent.refuse"  # "cannot agree to the re-export"
        elif w in ("veto", "objection", "objections", "block") and any(v in (
                "drops", "dropped", "drop", "lifts", "lifted", "lift", "withdrew", "withdraws",
                "abandons", "abandoned", "ends", "ended") for v in lower[max(s.start, i - 3):i]):
            status, rule = "granted", "consent.grant"  # "Germany drops its veto on …"
        elif w in ("consented", "consents") and ctx.has_any(i + 1, i + 4, (
                "transfer", "re", "sale", "export", "delivery")):
            status, rule = "granted", "consent.grant"
        elif w in _GRANT_VERBS:
            status, rule = "granted", "consent.grant"
        elif w in _REFUSE and any(v in ("longer", "not", "n't", "never", "stop", "stopped",
                                        "ceased") for v in lower[max(s.start, i - 3):i]):
            status, rule = "granted", "consent.grant"  # "will no longer block the sale"
        elif w in _REFUSE or (w in ("turned", "turns", "turn", "turning") and i + 1 < s.end
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
        marked = any(t in _REEXPORT_MARKERS for t in tail)
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
        export_ok = status == "granted" and w in _EXPORT_APPROVE and bool(items_tail) and \
            dest_tail is not None and not marked and not letting and not noun_next and \
            not ctx.has_any(s.start, s.end, _REEXPORT_MARKERS | _ASK)
        if not (marked or export_ok or (letting and giving and (items_tail or dest_tail)) or (
                w in _CLEAR_OR_BLOCK and items_tail and dest_tail and not (
                    noun_next and w in ("clear", "clears", "cleared")))):
            continue  # "cleared the possible sale of …" is an export approval, no consent
        if w in ("let", "lets", "allow", "allows", "allowed", "allowing") and any(
                lower[k] in _REFUSE or lower[k] in ("request", "requests")
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
        elif status == "granted" and ctx.has_any(s.start, i, _ASK) and (ctx.has_any(
                s.start, i, ("whether", "if")) or ctx.has_any(max(s.start, i - 5), i, _ASK)):
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
        vowed = w in _RESPOND and i >= s.start + 2 and lower[i - 1] == "to" and \
            lower[i - 2] in _VOW  # "vowed to respond", "threatened to retaliate"
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
        elif w in _THREAT_VERBS or sanction or vowed:
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
        elif w in _CONSEQUENCE and (ctx.has_any(s.start, s.end, ("will", "would", "warned",
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

#: Harm words that make a warning a threat: "will burn", "pay dearly", "serious consequences".
_HARM_AFTER_WILL = frozenset({"burn", "pay", "suffer", "regret"})
_GRAVE = frozenset({"serious", "grave", "severe", "dire", "dangerous", "unpredictable"})
_SANCTION_VERBS = frozenset({"sanction", "sanctioning", "sanctions", "sanctioned", "punish"})


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
        if w in _HARM_AFTER_WILL and any(x in _FUTURE or x in ("would", "could") for x in back):
            if w != "pay" or (i + 1 < s.end and lower[i + 1] in ("dearly", "a", "the")):
                return i, "harm"
        if w in ("consequences", "consequence") and ctx.has_any(s.start, s.end, _GRAVE) and \
                ctx.has_any(s.start, s.end, ("will", "would", "could", "warned", "'ll")):
            return i, "harm"
        if w in _SANCTION_VERBS and any(x in ("would", "will", "to", "is", "are", "was",
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
            targets += [m for m in objs[1:] if all(w in (",", "and", "&") for w in
                                                    lower[targets[-1].end:m.start])]
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


_ORG_NOUNS = frozenset({"firms", "companies", "company", "firm", "manufacturers",
                        "contractors", "makers", "producers", "industry", "banks"})


def _org_phrase(ctx: _Ctx, m: Mention) -> Mention | None:
    """"US firms", "American companies": the companies of a state, named as a group."""
    k = m.end
    while k < ctx.s.end and ctx.lower[k] in ("defence", "defense", "arms", "aerospace"):
        k += 1
    if m.kind != "state" or k >= ctx.s.end or ctx.lower[k] not in _ORG_NOUNS:
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
        if lower[k] in _CONSEQUENCE:
            a = k
            while a > s.start and (ctx.doc[a - 1].is_alpha and lower[a - 1] not in (
                    "with", "of", "be", "face", "warned", "threatened", "there")) and k - a < 3:
                a -= 1
            b = k + 1
            while b < s.end and lower[b] not in ("if", ",", ".", ";", "unless", "”", "because"):
                b += 1
            return ctx.doc[a:b].text or None
    return None


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
#: Verbs that restrict exports when their object is exports, sales or licences.
_RESTRICT_VERBS = frozenset({
    "limit", "limits", "limited", "limiting", "restrict", "restricts", "restricted",
    "restricting", "suspend", "suspends", "suspended", "suspending", "suspension", "halt",
    "halts", "halted", "halting", "freeze", "freezes", "froze", "frozen", "prohibits",
    "prohibit", "prohibited", "prohibiting", "forbids", "forbid", "forbidden", "bars",
    "bans", "banned", "dictates", "stop", "stops", "stopped", "cancelled", "canceled",
    "revoked", "rescinded",
})
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


#: Withdrawing permits already given: the exports they covered are refused, not granted.
_CANCEL_VERBS = frozenset({"cancel", "cancels", "cancelled", "canceled", "cancelling",
                           "canceling", "revoke", "revokes", "revoked", "revoking",
                           "rescind", "rescinds", "rescinded", "withdrew", "withdrawn"})
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


def _frame_state(sent: Sentence, new: list[RawFact], frame: Mention | None) -> Mention | None:
    """The state the article is talking about after this sentence: the actor of a new
    fact, else the sentence's first bare state, else the previous frame."""
    for f in new:
        for role in ("actor", "supplier", "holder", "requester", "consent_holder"):
            m = f.roles.get(role)
            if m is not None and m.kind == "state":
                return m
    for m in sent.mentions:
        if m.kind == "state" and m.prep is None and not m.modifier and m.how != "pronoun":
            return m
    return frame


# -- requests ---------------------------------------------------------------------------------


#: Verbs by which the party asked answers a request ("X refused Y's request for …").
_ANSWER_VERBS = frozenset({
    "refused", "refuses", "rejected", "rejects", "turned", "denied", "denies", "declined",
    "declines", "vetoed", "vetoes", "approved", "approves", "granted", "grants", "accepted",
    "accepts", "answered", "ignored", "received", "receives", "considering", "considers",
})


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
            if any(v in _NEG for v in lower[max(s.start, i - 3):i]):
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
        elif w in _REQUEST_NOUNS and i + 2 < s.end and (lower[i + 1] == "for" or (
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
                    subj.id != owner.id and ctx.has_any(subj.end, i, _ANSWER_VERBS):
                addr = subj  # "Israel has refused Ukraine's request to buy …": asked Israel
            if addr is not None:
                roles["addressee"] = _state_of(addr)
            for item in items:
                r = dict(roles)
                r["item"] = item
                ctx.facts.append(RawFact("Request", "requested", r, s, i, "request.noun",
                                         _conf(0.75, r, 3, "requested")))


# -- assurances -------------------------------------------------------------------------------


def _assurances(ctx: _Ctx, speaker: Mention | None) -> None:
    lower = ctx.lower
    s = ctx.s
    for i in range(s.start, s.end):
        w = lower[i]
        third = False
        if w in _ASSURE and w not in ("promised", "pledged", "vowed", "committed", "insisted"):
            pass
        elif w in ("promised", "pledged", "vowed", "committed", "undertook") and \
                ctx.has_any(i + 1, min(s.end, i + 3), ("not",)):
            pass
        elif w == "not" and i + 2 < s.end and lower[i + 1] in ("be", "been") and \
                (GIVE_VERBS.get(lower[i + 2], ("", ""))[1] in ("pp", "past/pp")) and \
                ctx.has_any(i + 3, min(s.end, i + 6), _THIRD):
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


_ASSURANCE_NOUNS = frozenset({"commitment", "commitments", "assurance", "assurances",
                              "guarantee", "guarantees", "undertaking", "pledge", "promise"})


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
        if ctx.lower[n] not in _ASSURANCE_NOUNS or p.pos[n] != "NOUN" or p.negated(p.head[n]):
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


# -- driver -----------------------------------------------------------------------------------


def apply_rules(an: Analysis, sentences: list[Sentence],
                speakers: dict[int, Mention | None]) -> list[RawFact]:
    """Run every rule over every sentence; ``speakers`` maps sentence index → speaker.

    Rules run in an order that lets later ones use earlier findings: licences first (their
    "from X" is no supplier), then transfers, then consent (which borrows the destination
    and item of a transfer in the same sentence), threats (whose condition is a
    hypothetical transfer), policies, requests and assurances.
    """
    facts: list[RawFact] = []
    frame: Mention | None = None
    tframe = ThreatFrame()
    lframe = LicenceFrame()
    for sent in sentences:
        ctx = _Ctx(an, sent, facts)
        ctx.speaker = speakers.get(sent.index)
        n_before = len(facts)
        _licences(ctx)
        _production_licences(ctx, lframe)
        _transfers(ctx)
        _operators(ctx)
        _transfer_roles_from_parse(ctx)
        _consents(ctx)
        _consent_roles_from_parse(ctx)
        _threats(ctx, speakers.get(sent.index))
        _vague_threats(ctx, tframe)
        _policies(ctx)
        _stances(ctx, frame)
        _cancellations(ctx)
        _requests(ctx)
        _request_answered_back(ctx)
        _request_nouns(ctx)
        _purchase_request_answered(ctx)
        _consent_request_nouns(ctx)
        _assurances(ctx, speakers.get(sent.index))
        _assurance_nouns(ctx, speakers.get(sent.index))
        new = facts[n_before:]
        linked = {(f.roles["recipient"].id, f.cue) for f in new
                  if f.type == "Transfer" and "item" in f.roles and "recipient" in f.roles
                  and f.roles["item"].how not in ("generic",)}
        for f in list(new):
            if f.type == "Transfer" and "item" in f.roles and f.roles["item"].how == "generic" \
                    and f.roles.get("recipient") is not None and f.quantity is None and any(
                        r == f.roles["recipient"].id and c < f.cue for r, c in linked):
                facts.remove(f)  # "… send four MiG-29s …, the first to supply fighter jets"
        new = facts[n_before:]
        consents = {(f.roles["holder"].id, f.roles["item"].id) for f in new
                    if f.type == "ReExportConsent" and "holder" in f.roles and "item" in f.roles}
        for f in [f for f in new if f.type == "Transfer" and f.status == "requested"
                  and "supplier" in f.roles and "item" in f.roles
                  and (f.roles["supplier"].id, f.roles["item"].id) in consents]:
            facts.remove(f)  # "rejected requests from A, which wanted to supply X": a consent
        new = facts[n_before:]
        for f in new:  # "a court ordered the government to halt exports of X to Y"
            if f.type == "Transfer" and f.status == "refused" and "supplier" not in f.roles:
                denial = next((g for g in new if g.type == "Policy" and "target" in g.roles
                               and "recipient" in f.roles
                               and g.roles["target"].id == f.roles["recipient"].id), None)
                if denial is not None:
                    f.roles["supplier"] = denial.roles["actor"]
        frame = _frame_state(sent, new, frame)
        _update_threat_frame(tframe, sent, new)
        conditions = [f for f in new if f.type == "Transfer" and f.status == "hypothetical"]
        for f in new:
            if f.type == "Threat" and conditions:
                f.condition = conditions[-1]
    for f in facts:
        for name in list(f.roles):
            if name not in ("speaker", "item") and not (
                    f.type == "ProductionLicense" and f.roles[name].kind == "org"):
                f.roles[name] = _state_of(f.roles[name])  # a licensee firm stays itself
    _named_items_from_frame(facts)
    generic_items_from_frame(facts, an)
    _complete_from_frame(facts)
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in facts:
        k = f.key()
        if k in seen:
            continue
        seen.add(k)
        out.append(f)
    return out


#: For each fact type, the party roles an item's frame can settle, as (role, frame slot).
_FRAME_SLOTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Transfer": (("supplier", "holder"), ("recipient", "destination")),
    "ReExportConsent": (("holder", "holder"), ("destination", "destination"),
                        ("consent_holder", "consent_holder")),
}


_PARTIES = {"Transfer": ("supplier", "recipient"), "ReExportConsent": ("holder", "destination")}
_NO_PLATFORM = frozenset({"ammunition", "ammo", "munitions", "munition", "shells", "shell",
                          "rounds", "round", "cartridges", "parts", "components", "spares",
                          "engines", "engine", "technologies"})


_KINDS = {
    "land": ("tank", "tanks", "vehicle", "vehicles", "carrier", "carriers", "apc", "apcs",
             "ifv", "ifvs", "mbt", "mbts"),
    "air": ("jet", "jets", "fighter", "fighters", "aircraft", "plane", "planes"),
    "artillery": ("howitzer", "howitzers", "artillery"),
    "missile": ("missile", "missiles", "rocket", "rockets"),
}
_KIND_OF = {w: k for k, ws in _KINDS.items() for w in ws}


def _kind_of(text: str) -> str | None:
    """The kind of weapon a phrase's last kind word names ("armoured fighting vehicles",
    "Eagle tanks": land), or None."""
    words = [w.strip(".,").lower() for w in text.split()]
    return next((_KIND_OF[w] for w in reversed(words) if w in _KIND_OF), None)


def _named_items_from_frame(facts: list[RawFact]) -> None:
    """A generic item of a transfer or consent between the same two parties as an earlier
    (or later) fact about a named system is that system: "Norway wanted to send Swiss-made Eagle
    tanks to Ukraine … Bern has vetoed Norway's request to send Swiss-made armoured
    vehicles to Ukraine" → the Eagles. Only for an item whose stated origin is the
    system's ("Swiss-made …") and of the same kind (land, air, artillery, missile);
    munitions, parts and engines are never read as the platform, and a sentence that names
    the system beside the generic item keeps both."""
    named: dict[tuple[str, str], Mention] = {}
    for f in facts:
        pair = _PARTIES.get(f.type)
        item = f.roles.get("item")
        if pair is None or item is None or item.how in ("generic", "definite") or \
                pair[0] not in f.roles or pair[1] not in f.roles:
            continue
        named.setdefault((f.roles[pair[0]].id, f.roles[pair[1]].id), item)
    items_in: dict[int, set[str]] = {}
    for f in facts:
        if "item" in f.roles:
            items_in.setdefault(f.sentence.index, set()).add(f.roles["item"].id)
    for f in facts:
        pair = _PARTIES.get(f.type)
        item = f.roles.get("item")
        if pair is None or item is None or item.how != "generic" or \
                pair[0] not in f.roles or pair[1] not in f.roles:
            continue
        if item.text.lower().split()[-1] in _NO_PLATFORM:
            continue
        cand = named.get((f.roles[pair[0]].id, f.roles[pair[1]].id))
        if cand is None or cand.id in items_in.get(f.sentence.index, set()) or \
                not item.origin or item.origin != cand.home or \
                _kind_of(item.text) != _kind_of(cand.text) or _kind_of(item.text) is None:
            continue  # "sent Eagles and other vehicles": the sentence tells them apart
        if f.quantity is not None and cand.quantity is not None and f.quantity != cand.quantity:
            continue
        f.roles["item"] = cand


_ASKING_NOUNS = frozenset({"request", "requests", "appeal", "appeals", "plea", "pleas",
                           "call", "calls", "bid", "desire", "wish"})
_ON_REQUEST = frozenset({"on", "at", "upon", "following", "after", "to", "answering"})
_WANT_VERBS = frozenset({"acquire", "buy", "purchase", "obtain", "receive", "get", "procure",
                         "secure"})


def _request_nouns(ctx: _Ctx) -> None:
    """Requests stated as a noun, read from the parse: "Kyiv's request to the US to acquire
    a Patriot battery" (requester, addressee, item), and a transfer made "on / based on /
    in response to its request" (the recipient asked the supplier for the item)."""
    p = Parse.of(ctx.doc)
    if not p.ok or any(f.type == "Request" and f.sentence is ctx.s for f in ctx.facts):
        return
    s = ctx.s
    for n in range(s.start, s.end):
        if ctx.lower[n] not in _ASKING_NOUNS or p.pos[n] != "NOUN":
            continue
        owners = _frame_mentions(ctx, p.noun_owners(n, of=False), True)
        if not owners:
            poss = [k for k in p.children(n, "nmod:poss")]
            if poss and ctx.lower[poss[0]] in ("its", "their"):
                gave = [f for f in ctx.facts if f.sentence is s and f.type == "Transfer"
                        and "recipient" in f.roles and "supplier" in f.roles
                        and "item" in f.roles and f.cue < n]
                if gave and any(w in _ON_REQUEST for w in ctx.lower[max(s.start, n - 3):n]):
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
                    _WANT_VERBS | GIVE_VERBS.keys()):
                items += _frame_mentions(ctx, p.tokens_of(p.frame(k).objects), False)
                if ctx.lower[k] in GIVE_VERBS and not addressees:
                    continue  # "request to send X to Z": a consent, not asking for X
            elif p.dep[k] in ("nmod", "obl") and p.case(k) == "for":
                items += _frame_mentions(ctx, p.tokens_of(p.conjuncts(k)), False)
        if not items:
            continue
        requester = _state_of(owners[0])
        addressees += [m for k in p.kids[n] + near if ctx.lower[k] in _WANT_VERBS
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
        wanted = {k for k in p.kids[n] + near if ctx.lower[k] in _WANT_VERBS}
        for f in [f for f in ctx.facts if f.sentence is s and f.type == "Transfer"
                  and f.roles.get("recipient") is not None
                  and f.roles["recipient"].id == requester.id and (
                      (f.status == "requested" and "supplier" not in f.roles)
                      or (ctx.lower[n] in ("desire", "wish") and f.cue in wanted))]:
            ctx.facts.remove(f)  # the request is the fact; "a desire to buy" moves nothing


_GRANTING = frozenset({"approved", "approves", "granted", "grants", "accepted", "accepts",
                       "fulfilled"})


def _purchase_request_answered(ctx: _Ctx) -> None:
    """"X refused Y's request to buy Z" (or "… request for Z"): X's refused transfer of Z to
    Y ("approved" → approved), beside the Request; the purchase verb's own transfer (whose
    buyer the word order may take for the seller) and a consent read into a sale go."""
    p = Parse.of(ctx.doc)
    if not p.ok or ctx.has_any(ctx.s.start, ctx.s.end, _REEXPORT_WORDS | {
            "third", "onward", "retransfer", "re"}):
        return
    for n in range(ctx.s.start, ctx.s.end):
        v = p.head[n]
        if ctx.lower[n] not in _ASKING_NOUNS or p.dep[n] != "obj" or v == n or not (
                ctx.lower[v] in _REFUSE or ctx.lower[v] in _GRANTING) or p.negated(v):
            continue
        owners = _frame_mentions(ctx, p.noun_owners(n, of=False), True)
        answerer = _frame_mentions(ctx, p.tokens_of(p.controllers(v)), True)
        wants = [k for k in p.kids[n] if p.dep[k] in ("acl", "xcomp")
                 and ctx.lower[k] in _WANT_VERBS]
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
        status = "approved" if ctx.lower[v] in _GRANTING else "refused"
        for item in items:
            roles = {"supplier": seller, "recipient": buyer, "item": item}
            ctx.facts.append(RawFact("Transfer", status, roles, ctx.s, v,
                                     "transfer.answered", _conf(0.75, roles, 3, status)))
        return


_RECEIVE = frozenset({"receive", "received", "receives", "receiving", "get", "got",
                      "gets", "obtained"})
_SUBMIT = frozenset({"sent", "send", "sends", "submitted", "submit", "submits", "filed",
                     "made", "makes", "addressed", "lodged"})
_EXPORT_NOUNS = frozenset({"export", "exports", "re-export", "re-exports", "sale", "sales",
                           "transfer", "transfers", "delivery", "deliveries", "shipment"})


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
                       if ctx.lower[o] in _EXPORT_NOUNS), None)
        holder = _frame_mentions(ctx, p.noun_owners(n), True)
        if export is None or not (holder or ctx.lower[h] in _SUBMIT):
            continue
        rb = ctx.right_bound(export)
        items = ctx.items_from(export + 1, rb)
        dest = ctx.actor_after(export + 1, rb, ["to"])
        if ctx.lower[h] in _RECEIVE and h != n:
            asked = _frame_mentions(ctx, p.tokens_of(p.controllers(h)), True)
            missing = p.negated(h) or any(ctx.lower[k] in ("yet", "no") for k in p.kids[h]) \
                or any(ctx.lower[k] == "no" for k in p.children(n, "det"))
        else:
            sent = [h] if ctx.lower[h] in _SUBMIT and h != n else []
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
        granted = w in _GRANT or w in ("accepted", "accepts", "accept", "fulfilled")
        if not (w in _REFUSE or granted) or p.negated(v):
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
                     and f.status == "requested"), recent[-1])
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


def _complete_from_frame(facts: list[RawFact]) -> None:
    """Fill the party roles a fact's sentence leaves open from the article's running frame:
    for each item, who holds it, where it is meant to go and whose consent it needs, as
    earlier (or, failing that, later) facts about the same item settled them.

    "Canada will buy NASAMS for Ukraine. … The system is expected to arrive within weeks"
    → the second transfer's supplier and recipient come from the first.
    """
    frames: dict[str, dict[str, Mention]] = {}
    for f in facts:
        item = f.roles.get("item")
        if item is None or f.type not in _FRAME_SLOTS:
            continue
        slots = frames.setdefault(item.id, {})
        for role, slot in _FRAME_SLOTS[f.type]:
            m = f.roles.get(role)
            if m is not None and m.kind == "state" and m.how != "pronoun":
                slots.setdefault(slot, m)
    for f in facts:
        item = f.roles.get("item")
        if item is None or f.type not in _FRAME_SLOTS or f.status == "refused":
            continue
        slots = frames.get(item.id, {})
        present = {m.id for m in f.roles.values()}
        for role, slot in _FRAME_SLOTS[f.type]:
            m = slots.get(slot)
            if role not in f.roles and m is not None and m.id not in present:
                f.roles[role] = m
                present.add(m.id)


def speech_subject(an: Analysis, sent: Sentence) -> tuple[Mention | None, Mention | None]:
    """Speaker and intermediary named outside quotes in a sentence.

    "RIA cited the ambassador as saying" → (the ambassador, RIA); "He told …" → (he, None);
    "according to X" → (X, None) for a person, (None, X) for an organisation.
    """
    lower = an.lower
    speaker = via = None
    for i in range(sent.start, sent.end):
        if an.in_quote[i]:
            continue
        w = lower[i]
        if w in ("cited", "quoted") and i + 1 < sent.end:
            src = next((m for m in reversed(sent.mentions) if m.end <= i and m.is_actor), None)
            tgt = next((m for m in sent.mentions if m.start > i and m.kind == "person"), None)
            if tgt is not None:
                return tgt, src
        if w == "according" and i + 1 < sent.end and lower[i + 1] == "to":
            m = next((m for m in sent.mentions if m.start > i + 1 and m.is_actor), None)
            if m is not None:
                if m.kind == "person":
                    speaker = m
                else:
                    via = m
        if w in SPEECH_VERBS and speaker is None:
            m = next((m for m in reversed(sent.mentions)
                      if m.end <= i and i - m.end <= 3 and m.is_actor
                      and m.prep in (None, "after", "before", "as", "since")
                      and not an.in_quote[m.start]), None)  # "… after the minister told …"
            if m is None:
                m = next((m for m in sent.mentions if m.start > i and m.start - i <= 2
                          and m.kind == "person" and not an.in_quote[m.start]), None)
            if m is not None and m.kind in ("person", "org", "state"):
                speaker = m
        if w in ("told", "tells") and via is None:
            m = next((m for m in sent.mentions if m.start > i and m.start - i <= 2
                      and m.kind == "org"), None)
            if m is not None:
                via = m  # "X told Reuters"
    return speaker, via


def is_threat_speaker(m: Mention) -> bool:
    """Whether a mention can speak for a state (a person, an organisation or the state)."""
    return m.kind in ("person", "org", "state")


__all__ += ["speech_subject", "is_threat_speaker"]
_ = SPEECH_VERBS
