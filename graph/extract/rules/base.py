"""What every fact rule works on: the sentence, the raw fact, the clause context with its
windows and role finders, modality, voice and confidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..lexicon import (
    ANNOUNCE_VERBS,
    BE_FORMS,
    BELIEVE_VERBS,
    BUILT_FOR,
    CLAUSE_COORDINATORS,
    CLAUSE_OPENERS,
    CONDITION_WORDS,
    COORDINATION_GAP,
    FUTURE_MODALS,
    GET_VERBS,
    GIFT_VERBS,
    GIVE_VERBS,
    GOVERNMENT_WORDS,
    HEDGES,
    HYPOTHETICAL_MODALS,
    INTENT_NOUNS,
    LEFT_BOUNDARY,
    NEGATION,
    OPINION_HOLDERS,
    PASSIVE_HEARSAY,
    PLAN_WORDS,
    POTENTIAL_WORDS,
    PREPOSITIONS,
    PROMISE_WORDS,
    QUESTION_AUXILIARIES,
    REEXPORT_WORDS,
    REFRAIN_WORDS,
    REFUSE_WORDS,
    REQUEST_GOVERNORS,
    RIGHT_BOUNDARY,
    SOURCE_NOUNS,
    SOURCE_VERBS,
    TRANSFER_NOUNS,
    opens_clause,
)
from ..mentions import Analysis, Mention
from ..model import PolicyRule


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
    policy_rule: PolicyRule | None = None

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
            if w in LEFT_BOUNDARY and not self._inside_mention(j) and not (
                    w in ("since", "once") and j > self.s.start
                    and self.lower[j - 1] in ("has", "have", "had")):
                return j + 1
            if w in CLAUSE_OPENERS and new_clause_at(self.an, self.s.start, self.s.end, j):
                return j + 1  # "A has sent X to B and C has sent Y to B": C's own clause
            j -= 1
        return self.s.start

    def boundary_word(self, i: int) -> str | None:
        b = self.left_bound(i)
        return self.lower[b - 1] if b > self.s.start else None

    def right_bound(self, i: int) -> int:
        j = i + 1
        while j < self.s.end:
            w = self.lower[j]
            if w in RIGHT_BOUNDARY and not self._inside_mention(j):
                return j
            if w == "," and j + 1 < self.s.end and self.lower[j + 1] in ("and", "but", "while"):
                return j
            if w in CLAUSE_OPENERS and new_clause_at(self.an, self.s.start, self.s.end, j):
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
            if m.possessive and m.end + 2 < i and self.lower[m.end + 1] in INTENT_NOUNS \
                    and self.lower[m.end + 2] == "to":
                return m  # "Germany's refusal to supply …"
            if m.prep == "of" and m.start >= 2 and self.lower[m.start - 1] in ("of",) and \
                    self.lower[m.start - 2] in GOVERNMENT_WORDS | {"people", "republic"}:
                return m  # "The Government of Germany has requested …"
            if m.possessive and m.prep is None and m.end + 1 < i and (
                    (self.doc[m.end + 1].text[:1].isupper()
                     and self.an.mention_at(m.end + 1) is None)
                    or self.lower[m.end + 1] in GOVERNMENT_WORDS):
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
            if all(w in COORDINATION_GAP or w.replace(",", "").isdigit() or w in ("(", ")") or (
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
                if m.prep == "for" and any(w in BUILT_FOR for w in self.lower[
                        max(self.s.start, m.start - 3):m.start]):
                    continue  # "carriers originally built for Russia": not the recipient
                return m
        return None

    def has_any(self, a: int, b: int, words: Iterable[str]) -> bool:
        ws = set(words)
        return any(w in ws for w in self.lower[max(a, self.s.start):min(b, self.s.end)])


def new_clause_at(an: Analysis, start: int, end: int, k: int) -> bool:
    """Token ``k`` is a ", and" / "; " that opens a coordinated clause with its own subject
    ("…, and Yerevan received …"): a hedge or a date before it does not reach past it."""
    lower = an.lower
    if k + 2 >= end:
        return False
    j = k + 1
    if lower[k] in CLAUSE_COORDINATORS and k > start and lower[k - 1] not in (",", ";"):
        pass  # "… to Ukraine and Norway has sent …": no comma, the same clause opening
    elif lower[k] not in (",", ";"):
        return False
    elif lower[j] in CLAUSE_COORDINATORS:
        j += 1
    elif lower[k] != ";":
        return False
    while j < end and lower[j] in ("the", "then", "later", "also", "in", "turn"):
        j += 1
    m = an.mention_at(j)
    if m is None or not m.is_actor or m.start != j:
        return False
    return m.end < end and opens_clause(lower[m.end])


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
    if bword in CONDITION_WORDS or ("were" in group and "to" in group) or \
            ctx.has_any(lo, cue, CONDITION_WORDS):
        return "hypothetical"
    if _yes_no_question(ctx):
        return "hypothetical"  # "Will Germany send Taurus missiles to Ukraine?"
    near = lower[max(lo, cue - 4):cue]
    if any(w in REFUSE_WORDS or w == "refusal" for w in near) or any(
            near[k] in ("ruled", "rules", "rule", "ruling") and near[k + 1] == "out"
            for k in range(len(near) - 1)) or (
            noun and any(w in ("hold", "halted", "suspended", "froze", "frozen", "stopped")
                         for w in lower[max(s.start, cue - 5):cue])):
        return "refused"  # "refused to send", "ruled out sending", "put on hold a delivery"
    if any(group[k] in ("will", "wo", "'ll", "’ll", "shall") and group[k + 1] in (
            "not", "n't", "never") for k in range(len(group) - 1)) and not ctx.has_any(
            s.start, s.end, CONDITION_WORDS | {"warned", "urged", "asked", "told"}):
        return "refused"  # "Brazil will not send ammunition": a decision not to transfer
    if any(w in NEGATION for w in group) or any(w in REFRAIN_WORDS for w in near):
        return "hypothetical"
    if noun and any(w in POTENTIAL_WORDS for w in lower[max(s.start, cue - 3):cue]):
        return "hypothetical"
    if any(w in HEDGES for w in before) or "according" in lower[s.start:s.end] or \
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
    if any(w in REQUEST_GOVERNORS for w in group):
        return "requested"
    if any(w in PROMISE_WORDS for w in group):
        return "promised"
    said = [k for k in range(s.start, s.end) if lower[k] in ANNOUNCE_VERBS and not any(
        w in NEGATION for w in lower[max(s.start, k - 3):k])]
    if bword in ("when", "how") and "would" in group:
        return "planned"  # "did not say when the tanks would arrive": the delivery is assumed
    if said and "would" in group and _passive(ctx, cue):
        return "planned"  # "the ministry said the system would be handed over …"
    if said and _tense(lower[cue]) == "base" and (
            any(w in ("would", "'d", "’d") for w in group) or (
                any(w in ("will", "'ll", "’ll") for w in group)
                and GIVE_VERBS.get(lower[cue], ("", ""))[0] in GIFT_VERBS)):
        return "promised"  # "X said Y would supply …", "X will give …, Y announced": pledges
    if any(w in HYPOTHETICAL_MODALS for w in group):
        return "hypothetical"
    if any(w in FUTURE_MODALS or w in PLAN_WORDS for w in group):
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


def _yes_no_question(ctx: _Ctx) -> bool:
    """A question that asks whether something happens ("Will X send …?", "Q: Could …?")."""
    s = ctx.s
    lower = ctx.lower
    k = s.start
    while k < s.end and (lower[k] in ("q", ":", "-", "—", "so", "and", "but", "then") or
                         not ctx.doc[k].is_alpha):
        k += 1
    return k < s.end and lower[k] in QUESTION_AUXILIARIES and \
        s.text.rstrip().rstrip("\"'”’)").endswith("?")


def _opinion(words: list[str]) -> bool:
    """"analysts believe that …", "experts estimate …": an assessment, not a report of fact."""
    return any(words[k] in OPINION_HOLDERS and words[k + 1] in BELIEVE_VERBS
               for k in range(len(words) - 1))


def _said_to(words: list[str]) -> bool:
    """"is said / understood / believed to …", "sources suggest …": hearsay."""
    return any(words[k] in ("is", "are", "was", "were", "been") and words[k + 1] in PASSIVE_HEARSAY
               and words[k + 2] == "to" for k in range(len(words) - 2)) or any(
        words[k] in SOURCE_NOUNS and words[k + 1] in SOURCE_VERBS and (
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


def _emit_items(ctx: _Ctx, ftype: str, status: str, roles: dict[str, Mention],
                items: list[Mention], cue: int, rule: str, expected: int) -> None:
    for item in items:
        r = dict(roles)
        r["item"] = item
        ctx.facts.append(RawFact(ftype, status, r, ctx.s, cue, rule,
                                 _conf(0.85, r, expected, status), quantity=item.quantity))


def _origin(item: Mention) -> Mention:
    """A stand-in mention for the state an item was named after ("Danish F-16s")."""
    return Mention(item.start, item.end, item.start_char, item.end_char, item.text, "state",
                   item.origin or "", item.origin or "", "origin")


_FRAME_VERBS = GIVE_VERBS.keys() | TRANSFER_NOUNS | REEXPORT_WORDS


def _frame_mentions(ctx: _Ctx, tokens: Iterable[int], actor: bool) -> list[Mention]:
    out: list[Mention] = []
    for k in tokens:
        m = ctx.an.mention_at(k)
        if m is not None and (m.is_actor if actor else m.is_item) and m not in out and \
                ctx.s.start <= m.start < ctx.s.end:
            out.append(m)
    return out
