"""The article's running frame: the state it is about, and the roles a fact's sentence
leaves open filled from the facts about the same item."""

from __future__ import annotations

from ..lexicon import (
    NOT_PLATFORM_WORDS,
    WEAPON_KINDS,
)
from ..mentions import Mention
from .base import RawFact, Sentence


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


#: For each fact type, the party roles an item's frame can settle, as (role, frame slot).
_FRAME_SLOTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Transfer": (("supplier", "holder"), ("recipient", "destination")),
    "ReExportConsent": (("holder", "holder"), ("destination", "destination"),
                        ("consent_holder", "consent_holder")),
}


_PARTIES = {"Transfer": ("supplier", "recipient"), "ReExportConsent": ("holder", "destination")}


_KIND_OF = {w: k for k, ws in WEAPON_KINDS.items() for w in ws}


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
        if item.text.lower().split()[-1] in NOT_PLATFORM_WORDS:
            continue
        cand = named.get((f.roles[pair[0]].id, f.roles[pair[1]].id))
        if cand is None or cand.id in items_in.get(f.sentence.index, set()) or \
                not item.origin or item.origin != cand.home or \
                _kind_of(item.text) != _kind_of(cand.text) or _kind_of(item.text) is None:
            continue  # "sent Eagles and other vehicles": the sentence tells them apart
        if f.quantity is not None and cand.quantity is not None and f.quantity != cand.quantity:
            continue
        f.roles["item"] = cand


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
