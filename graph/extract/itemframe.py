"""The article's running frame of items: a described item that points back to a named one.

A reader of "Slovakia has sent its S-300 battery to Ukraine … the first country to send an
air defence system to Kyiv" takes "an air defence system" for the S-300, because it is the
one system of that kind the article names for that destination. :func:`generic_items_from_frame`
does the same with the catalog's categories (``arms:category``): a generic item whose words
name a category ("air defence systems", "long-range missiles", "main battle tanks") is the
named system of that category the article's facts send to the same party, or the only named
system of that category in the whole article, unless the item's stated origin
("Swiss-made …") is not the system's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import (
    ITEM_FRAME_FOLD,
    NAMING_WORDS,
)
from .mentions import Analysis, Mention

if TYPE_CHECKING:
    from .rules import RawFact

__all__ = ["category_of", "generic_items_from_frame", "parties_from_title"]

_PARTIES = {"Transfer": ("supplier", "recipient"), "ReExportConsent": ("holder", "destination")}
_NAMED = frozenset({"name", "alias", "designation", "variant"})
_SPECULATIVE = frozenset({"hypothetical", "reported"})


def _words(text: str) -> list[str]:
    out = []
    for w in re.findall(r"[a-z]+", text.lower()):
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        out.append(ITEM_FRAME_FOLD.get(w, w))
    return out


def category_of(text: str, slugs: set[str]) -> str | None:
    """The most specific category slug a phrase names: every word of the slug is in the
    phrase and the slug's last word is the phrase's head (its last word).

    >>> slugs = {"missile", "surface-to-air-missile", "air-defence-system", "tank"}
    >>> category_of("long-range missiles", slugs), category_of("air defense systems", slugs)
    ('missile', 'air-defence-system')
    >>> category_of("surface-to-air missiles", slugs), category_of("tank engines", slugs)
    ('surface-to-air-missile', None)
    """
    words = _words(text)
    if not words:
        return None
    best: tuple[int, str] | None = None
    for slug in slugs:
        parts = slug.split("-")
        if parts[-1] != words[-1] or not set(parts) <= set(words):
            continue
        if best is None or len(parts) > best[0]:
            best = (len(parts), slug)
    return best[1] if best else None


def generic_items_from_frame(facts: list[RawFact], an: Analysis) -> None:
    """Replace the generic item of a transfer or consent by the named system it points back
    to: of the item's category, sent (in the article's facts) to the same recipient, or else
    the only named system of that category the article mentions. A sentence that names a
    system of that category beside the generic item keeps both ("Patriots and other air
    defence systems"), and a fact whose stated quantity differs from the named one's stays."""
    _named_in_apposition(facts, an)
    entries = an.catalog.entries
    slugs = {c for e in entries.values() for c in e.categories}
    if not slugs:
        return

    def cats(m: Mention) -> tuple[str, ...]:
        e = entries.get(m.id)
        return e.categories if e is not None else ()

    named = [m for m in an.mentions if m.kind == "system" and m.how in _NAMED and cats(m)]
    by_dest: dict[tuple[str, str], set[str]] = {}
    named_facts: dict[str, list[RawFact]] = {}
    for f in facts:
        pair = _PARTIES.get(f.type)
        item = f.roles.get("item")
        if pair is None or item is None or item.how not in _NAMED or not cats(item):
            continue
        named_facts.setdefault(item.id, []).append(f)
        dest = f.roles.get(pair[1])
        # Only a statement that the system goes there frames a later generic mention; a
        # report or a what-if about it ("could soon send its Patriots … to Ukraine") does
        # not make another supplier's "air defence systems" for Ukraine that system.
        if dest is not None and f.status not in _SPECULATIVE:
            for c in cats(item):
                by_dest.setdefault((c, dest.id), set()).add(item.id)
    for f in facts:
        pair = _PARTIES.get(f.type)
        item = f.roles.get("item")
        if pair is None or item is None or item.how != "generic":
            continue
        cat = category_of(item.text, slugs)
        if cat is None:
            continue
        sent = f.sentence
        if any(sent.start <= m.start < sent.end and cat in cats(m) for m in named):
            continue
        dest = f.roles.get(pair[1])
        chosen = by_dest.get((cat, dest.id), set()) if dest is not None else set()
        if not chosen:
            every = {m.id for m in named if cat in cats(m)}
            chosen = every if len(every) == 1 else set()
            if chosen and dest is not None and any(
                    g.roles.get(_PARTIES[g.type][1]) is not None
                    and g.roles[_PARTIES[g.type][1]].id != dest.id
                    for g in named_facts.get(next(iter(chosen)), [])):
                continue  # the article sends that system elsewhere
        if len(chosen) != 1:
            continue
        ident = next(iter(chosen))
        target = next(m for m in named if m.id == ident)
        if f.quantity is not None and target.quantity is not None and \
                f.quantity != target.quantity:
            continue
        if item.origin and target.home and item.origin != target.home:
            continue  # "Swiss-made armoured vehicles" are no German tank
        sup = f.roles.get(pair[0])
        if sup is not None and any(
                g.roles.get(pair[0]) is not None and g.roles[pair[0]].id != sup.id
                and g.type == f.type for g in named_facts.get(ident, [])) and not any(
                g.roles.get(pair[0]) is not None and g.roles[pair[0]].id == sup.id
                for g in named_facts.get(ident, [])):
            continue  # another supplier's system of that kind
        f.roles["item"] = target


def _named_in_apposition(facts: list[RawFact], an: Analysis) -> None:
    """A described item followed by its name is that name: "a surface-to-air missile system,
    known by the acronym NASAMS", "a new howitzer, called the K9" (within six tokens, with a
    naming word between them)."""
    for f in facts:
        item = f.roles.get("item")
        if item is None or item.how != "generic":
            continue
        for m in an.mentions:
            if m.kind != "system" or m.how not in _NAMED or not (
                    item.end <= m.start <= item.end + 6 and m.start < f.sentence.end):
                continue
            if any(w in NAMING_WORDS for w in an.lower[item.end:m.start]):
                f.roles["item"] = m
            break


def parties_from_title(facts: list[RawFact], title: list[RawFact]) -> None:
    """Fill a transfer's missing supplier or recipient from the headline's transfer, as a
    reader does who has read the headline ("Norway to send air defence to Ukraine" … "Oslo
    announced plans to donate NASAMS" → to Ukraine): only from a headline transfer that
    agrees with every party and item the fact does name and shares one of them, only states,
    and only when the headline states exactly one such transfer. Headline facts are never
    facts of the article (they have no sentence of the body)."""
    heads = [t for t in title if t.type == "Transfer"]
    for f in facts:
        if f.type != "Transfer" or f.status == "refused" or (
                "supplier" in f.roles and "recipient" in f.roles):
            continue
        fits = []
        for t in heads:
            shared = 0
            ok = True
            for role in ("supplier", "recipient", "item"):
                a, b = f.roles.get(role), t.roles.get(role)
                if a is None or b is None:
                    continue
                if role == "item" and "generic" in (a.how, b.how):
                    continue
                if a.id == b.id:
                    shared += 1
                else:
                    ok = False
            if ok and shared:
                fits.append(t)
        if len({tuple(sorted((r, m.id) for r, m in t.roles.items() if r != "item"))
                for t in fits}) != 1:
            continue
        present = {m.id for m in f.roles.values()}
        for role in ("supplier", "recipient"):
            m = fits[0].roles.get(role)
            if role not in f.roles and m is not None and m.kind == "state" and \
                    m.how != "pronoun" and m.id not in present:
                f.roles[role] = m
                present.add(m.id)
