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

One module per fact kind (:mod:`.transfer`, :mod:`.licence`, :mod:`.consent`, :mod:`.threat`,
:mod:`.policy`, :mod:`.request`, :mod:`.assurance`) over the shared :mod:`.base` (sentence, raw
fact, clause context, modality), every word list in :mod:`..lexicon`; :mod:`.frame` is the
article's running frame, :mod:`.speech` who speaks. This module runs them over each sentence
in order.
"""

from __future__ import annotations

from ..budget import checkpoint
from ..itemframe import generic_items_from_frame
from ..lexicon import (
    ANSWER_VERBS,
    BLOCK_VERBS,
    CATCH_ALL_GOODS,
    ORDER_WORDS,
    PERMISSION_NOUNS,
    PERMIT_VERBS,
)
from ..mentions import Analysis, Mention
from .assurance import _assurance_nouns, _assurances
from .base import RawFact, Sentence, _Ctx, _state_of, modality, new_clause_at
from .consent import _consent_request_nouns, _consent_roles_from_parse, _consents
from .frame import _complete_from_frame, _frame_state, _named_items_from_frame
from .licence import LicenceFrame, _licences, _production_licences
from .policy import _cancellations, _items_under_denial, _policies, _stances, policy_rule
from .request import _purchase_request_answered, _request_answered_back, _request_nouns, _requests
from .speech import is_threat_speaker, speech_subject
from .threat import ThreatFrame, _threats, _update_threat_frame, _vague_threats
from .transfer import (
    _approached_to_buy,
    _from_to,
    _made_or_backed_for,
    _money_transfers,
    _onward,
    _operators,
    _paid_for,
    _supplied_compounds,
    _transfer_roles_from_parse,
    _transfers,
)

__all__ = ["Sentence", "RawFact", "apply_rules", "modality", "new_clause_at",
           "speech_subject", "is_threat_speaker"]


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
    for n, sent in enumerate(sentences, 1):
        # The work budget inside the stage: the rules scan the facts found so far, so a
        # long article of dense facts spends most of its time here (armsgraph.extract.budget).
        checkpoint(f"applying rules, sentence {n:,} of {len(sentences):,}")
        ctx = _Ctx(an, sent, facts)
        ctx.speaker = speakers.get(sent.index)
        n_before = len(facts)
        _licences(ctx)
        _production_licences(ctx, lframe)
        _transfers(ctx)
        _approached_to_buy(ctx)
        _operators(ctx)
        _transfer_roles_from_parse(ctx)
        _supplied_compounds(ctx)
        _from_to(ctx)
        _paid_for(ctx)
        _onward(ctx)
        _money_transfers(ctx)
        _made_or_backed_for(ctx)
        _consents(ctx)
        _consent_roles_from_parse(ctx)
        _threats(ctx, speakers.get(sent.index))
        _vague_threats(ctx, tframe)
        _policies(ctx)
        _stances(ctx, frame)
        _cancellations(ctx)
        _items_under_denial(ctx)
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
        for f in _answered_or_empty_requests(ctx, facts[n_before:]):
            facts.remove(f)
        for f in _permitted_transfers(ctx, facts[n_before:]):
            facts.remove(f)
        new = facts[n_before:]
        for f in new:  # "a court ordered the government to halt exports of X to Y"
            if f.type == "Transfer" and f.status == "refused" and "supplier" not in f.roles:
                denial = next((g for g in new if g.type == "Policy" and "target" in g.roles
                               and "recipient" in f.roles
                               and g.roles["target"].id == f.roles["recipient"].id), None)
                if denial is not None:
                    f.roles["supplier"] = denial.roles["actor"]
        for f in [f for f in new if f.type == "Policy" and "target" in f.roles]:
            if _stops_named_items(ctx, f, new):
                facts.remove(f)  # "suspended the export of drone optics to X": the stop is
                #                  the refused transfer; only a catch-all ("arms") is a rule
        new = facts[n_before:]
        for f in new:
            if f.type == "Policy" and f.policy_rule is None:
                f.policy_rule = policy_rule(ctx, f)
        frame = _frame_state(sent, new, frame)
        _update_threat_frame(tframe, sent, new)
        conditions = [f for f in new if f.type == "Transfer" and f.status == "hypothetical"]
        for f in new:
            if f.type == "Threat" and conditions:
                f.condition = conditions[-1]
    checkpoint("applying rules, across sentences")
    for f in facts:
        for name in list(f.roles):
            if name not in ("speaker", "item") and not (
                    f.type == "ProductionLicense" and f.roles[name].kind == "org"):
                f.roles[name] = _state_of(f.roles[name])  # a licensee firm stays itself
    _named_items_from_frame(facts)
    generic_items_from_frame(facts, an)
    _complete_from_frame(facts)
    facts = [f for f in facts if f.extra.get("frame") != "parties" or (
        "supplier" in f.roles and "recipient" in f.roles)]  # the frame named no parties
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in facts:
        k = f.key()
        if k in seen:
            continue
        seen.add(k)
        out.append(f)
    return out


def _answered_or_empty_requests(ctx: _Ctx, new: list[RawFact]) -> list[RawFact]:
    """Requests that are no fact of their own: one that names no item ("asked its allies to
    send more weapons": a catch-all), and one the sentence only reports the answer to
    ("Bern vetoed Denmark's request to send …", "rejected requests from A and B"): the
    answered consent is the fact (tests/gold/README.md)."""
    answered = any(f.type == "ReExportConsent" and f.status in ("refused", "granted")
                   for f in new)
    out = []
    for f in new:
        if f.type != "Request":
            continue
        if "item" not in f.roles:
            out.append(f)
        elif answered and any(w in ANSWER_VERBS for w in ctx.lower[
                max(ctx.left_bound(f.cue), f.cue - 4):f.cue]):
            out.append(f)
    return out


def _permitted_transfers(ctx: _Ctx, new: list[RawFact]) -> list[RawFact]:
    """"The State Department gave Lithuania the go-ahead to send missiles to Ukraine", "will
    allow Estonia to transfer Javelins to Ukraine", "moved to block Spain from sending guns
    to Ukraine": what the consent allows or blocks is the ReExportConsent, not a transfer of
    its own (tests/gold/README.md); a delivery the sentence reports stays."""
    consents = {(f.roles["item"].id, f.roles["destination"].id) for f in new
                if f.type == "ReExportConsent" and f.status in ("granted", "refused")
                and "item" in f.roles and "destination" in f.roles}
    if not consents:
        return []
    words = PERMIT_VERBS | BLOCK_VERBS | PERMISSION_NOUNS
    return [f for f in new if f.type == "Transfer" and f.status != "delivered"
            and "item" in f.roles and "recipient" in f.roles
            and (f.roles["item"].id, _state_of(f.roles["recipient"]).id) in consents
            and f.cue > ctx.s.start and ctx.lower[f.cue - 1] in ("to", "from")
            and any(w in words for w in ctx.lower[max(ctx.s.start, f.cue - 10):f.cue])]


def _stops_named_items(ctx: _Ctx, policy: RawFact, new: list[RawFact]) -> bool:
    """A denial of the sentence ("suspended the export of S to X", "halted deliveries of S
    to X") that only stops items a refused transfer of the same parties names: no catch-all
    word ("arms", "weapons", "military equipment") next to its cue."""
    actor, target = policy.roles["actor"], policy.roles["target"]
    stops = [f for f in new if f.type == "Transfer" and f.status == "refused"
             and "item" in f.roles and f.roles.get("recipient") is not None
             and f.roles["recipient"].id == target.id and f.roles.get("supplier") is not None
             and _state_of(f.roles["supplier"]).id == actor.id]
    near = ctx.lower[max(ctx.s.start, policy.cue - 3):min(ctx.s.end, policy.cue + 5)]
    ordered = any(w in ORDER_WORDS for w in ctx.lower[ctx.s.start:policy.cue])
    return bool(stops) and not ordered and not any(w in CATCH_ALL_GOODS for w in near)


