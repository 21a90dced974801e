"""Mentions: where the article names states, organisations, people and weapons.

Four sources of mentions, in order of trust:

1. the catalog (:mod:`armsgraph.extract.catalog`): names, aliases, demonyms, capitals;
2. people introduced by a title ("Defence Minister X", "Nikolai Nozdrev, … Russia's
   ambassador to Japan", "the Russian ambassador" resolved to the named ambassador);
3. weapon-like names not in the catalog: a designation (``T-72``, ``M777``) or a
   capitalised name (``Storm Shadow``) next to a weapon noun, created with
   ``linked: false``;
4. generic items ("air defense systems", "100 military vehicles"), and references back to
   the last item ("these missiles", "the missiles") or actor ("the government", "it",
   "he").

Each mention records how it was named and the word before it, which the fact rules use to
tell a subject from a prepositional object ("made in Japan") or an adjective
("Japanese arms exports").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from .. import ids
from .catalog import Catalog, CatalogEntry
from .lexicon import (
    ACTOR_NOUNS,
    AMMUNITION_HEADS,
    ARMED_SERVICES,
    BACK_DETERMINERS,
    BODY_WORDS,
    CALIBRE_UNITS,
    CALIBRE_WORDS,
    CAPITALISED_ADJECTIVES,
    ED_ADJECTIVES,
    GENERIC_MODIFIERS,
    GET_VERBS,
    GIVE_VERBS,
    GOVERNMENT_NOUNS,
    GROUP_NOUNS,
    ING_MODIFIERS,
    ITEM_COMPOUND_NOUNS,
    MONTH_NAMES,
    NOT_DESIGNATIONS,
    NOT_ITEM_MODIFIERS,
    NOT_ITEMS,
    NOT_NAMES,
    NUMBER_WORDS,
    ORIGIN_WORDS,
    PART_NOUNS,
    PLATFORM_HEADS,
    POSSESSIVE_MARKS,
    PREPOSITIONS,
    QUANTITY_WORDS,
    SKIP_BEFORE_ACTOR,
    STOP_MODIFIERS,
    TIME_CONJUNCTIONS,
    TITLES,
    TRANSFER_NOUNS,
    WEAPON_HEADS,
    WEAPON_HEADS_NEED_MODIFIER,
    opens_clause,
)
from .model import Entity

__all__ = ["Mention", "Analysis", "analyse"]

#: A designation: "F-16", "K9A1", "2S19", "MiG-29s"; never a word that goes on in lower case
#: after its number ("L3Harris" is a company, not an L3).
_DESIGNATION = re.compile(
    r"^(?![^\d]*\d.*[a-z]{3})"
    r"(?:[A-Z][A-Za-z]{0,3}-?\d+[A-Za-z0-9-]*|\d[A-Z]\d{1,3}[A-Za-z0-9-]*)$")
_NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ'’.-]+$|^[A-Z]\.$")
_CAPS_NAME = re.compile(r"^[A-Z]{3,}$")
_VERB_FORMS = frozenset(GIVE_VERBS) | frozenset(GET_VERBS)


@dataclass
class Mention:
    """A stretch of tokens that names (or refers back to) an entity.

    ``kind`` is ``state``, ``org``, ``person`` or ``system``; ``how`` says how it was
    named: ``name``, ``alias``, ``demonym``, ``capital``, ``designation``, ``title``,
    ``unlinked``, ``generic``, ``definite`` (a reference back) or ``pronoun``.
    """

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str
    id: str
    label: str
    how: str
    prep: str | None = None
    possessive: bool = False
    modifier: bool = False
    quantity: int | None = None
    based_in: str | None = None
    etype: str = ""
    origin: str | None = None
    home: str | None = None  # the catalog's origin state of the system

    @property
    def is_actor(self) -> bool:
        return self.kind in ("state", "org", "person")

    @property
    def is_item(self) -> bool:
        return self.kind == "system"


@dataclass
class Analysis:
    """A document with its mentions, entities and quotation mask."""

    doc: Doc
    lower: list[str]
    mentions: list[Mention]
    entities: dict[str, Entity]
    in_quote: list[bool]
    catalog: Catalog

    def __post_init__(self) -> None:
        self._at: list[Mention | None] = [None] * len(self.lower)
        for m in self.mentions:
            for k in range(m.start, m.end):
                if self._at[k] is None:
                    self._at[k] = m

    def mention_at(self, i: int) -> Mention | None:
        """The mention covering token ``i``, if any."""
        return self._at[i] if 0 <= i < len(self._at) else None


def _entity_of(entry: CatalogEntry) -> Entity:
    return Entity(id=entry.id, type=entry.type, label=entry.label, linked=True,
                  position=entry.position, based_in=entry.based_in)


def _prep_before(lower: list[str], start: int, floor: int) -> str | None:
    i = start - 1
    skipped = 0
    while i >= floor and lower[i] in SKIP_BEFORE_ACTOR and skipped < 2:
        i -= 1
        skipped += 1
    if i >= floor and lower[i] in PREPOSITIONS and lower[i] not in TIME_CONJUNCTIONS:
        return lower[i]
    return None


def _number(tok: str) -> int | None:
    t = tok.replace(",", "")
    if t.isdigit() and len(t) < 7:
        return int(t)
    return NUMBER_WORDS.get(t.lower())


def analyse(doc: Doc, catalog: Catalog, quotes: list[tuple[int, int]],
            sent_starts: list[int]) -> Analysis:
    """Find every mention in ``doc`` and the entities they name.

    Parameters
    ----------
    doc : the tokenised article.
    catalog : the entity dictionary.
    quotes : character ranges inside quotation marks.
    sent_starts : token index of each sentence start (mentions never span sentences).
    """
    lower = [t.lower_ for t in doc]
    n = len(doc)
    in_quote = [False] * n
    qi = 0
    for t in doc:
        while qi < len(quotes) and quotes[qi][1] <= t.idx:
            qi += 1
        if qi < len(quotes) and quotes[qi][0] <= t.idx < quotes[qi][1]:
            in_quote[t.i] = True
    sent_of = [0] * n
    starts = sorted(set(sent_starts) | {0})
    si = 0
    for i in range(n):
        while si + 1 < len(starts) and starts[si + 1] <= i:
            si += 1
        sent_of[i] = starts[si]
    headline = _headline_sentences(doc, starts)

    entities: dict[str, Entity] = {}
    used = [False] * n
    mentions: list[Mention] = []

    def add(m: Mention) -> None:
        for i in range(m.start, m.end):
            used[i] = True
        mentions.append(m)

    # 1. catalog
    for cm in catalog.match(doc):
        entry = cm.entity
        entities.setdefault(entry.id, _entity_of(entry))
        end = cm.end
        if entry.kind == "system":
            end = _extend_item(doc, lower, cm.end, sent_of)
            if any(w in AMMUNITION_HEADS for w in lower[cm.end:end]):
                ammo_entry = catalog.munition_of(entry)  # "Gepard rounds"
                if ammo_entry is None and lower[end - 1] in AMMUNITION_HEADS:
                    # "Leopard 1 ammunition": the munition, unlinked, named as written
                    label = doc[cm.start:end].text
                    iri = str(ids.system(label))
                    entities.setdefault(iri, Entity(id=iri, type="WeaponSystem", label=label,
                                                    linked=False))
                    span = doc[cm.start:end]
                    add(Mention(cm.start, end, span.start_char, span.end_char, span.text,
                                "system", iri, label, "unlinked",
                                quantity=_quantity_before(doc, cm.start)))
                    continue
                entry = ammo_entry or entry
                entities.setdefault(entry.id, _entity_of(entry))
        start = cm.start
        how = cm.kind
        if entry.kind == "system":
            a = cm.start - 1
            if a > 0 and lower[a] in ("the", "its", "their"):
                a -= 1  # "ammunition for the / used in its Lynx vehicles"
            w = a - 1 if a > 0 and lower[a] == "for" else (
                a - 2 if a > 1 and lower[a] in ("in", "by") and lower[a - 1] == "used" else -1)
            if w >= 0 and lower[w] in AMMUNITION_HEADS and not used[w]:
                # "ammunition for (the) Leopard 1 tanks", "ammunition used in Gepard tanks":
                # the munition, not the system
                start = w
                ammo = catalog.munition_of(entry)
                if ammo is not None:
                    entry = ammo
                    entities.setdefault(entry.id, _entity_of(entry))
                else:
                    label = doc[start:end].text
                    iri = str(ids.system(label))
                    entities.setdefault(iri, Entity(id=iri, type="WeaponSystem", label=label,
                                                    linked=False))
                    span = doc[start:end]
                    add(Mention(start, end, span.start_char, span.end_char, span.text,
                                "system", iri, label, "unlinked",
                                quantity=_quantity_before(doc, start)))
                    continue
        span = doc[start:end]
        add(Mention(start, end, span.start_char, span.end_char, span.text, entry.kind,
                    entry.id, entry.label, how, based_in=entry.based_in, etype=entry.type,
                    home=entry.origin,
                    quantity=_quantity_before(doc, start) if entry.kind == "system"
                    else None))

    # 2. people with titles
    _people(doc, lower, used, mentions, entities, sent_of, add, catalog)

    # 2b. outlets that quote people ("RIA cited the ambassador as saying")
    for i in range(1, n):
        if lower[i] not in ("cited", "quoted") or used[i - 1]:
            continue
        b = i
        while b - 1 >= sent_of[i] and i - b < 3 and not used[b - 1] and \
                re.match(r"^[A-Z][A-Za-z]*$", doc[b - 1].text) and doc[b - 1].text not in \
                NOT_NAMES:
            b -= 1
        if b == i:
            continue
        name = doc[b:i].text
        iri = str(ids.org(name))
        entities.setdefault(iri, Entity(id=iri, type="NewsAgency", label=name, linked=False))
        span = doc[b:i]
        add(Mention(b, i, span.start_char, span.end_char, span.text, "org", iri, name,
                    "unlinked"))

    # 2c. bodies named with an abbreviation: "Poland's Armament Agency (AU)", later "the AU"
    _abbreviations(doc, lower, used, mentions, entities, sent_of, add)

    # 2d. variants the catalog lacks, linked to the family they start with: "K9A1", "K2PL"
    for i, tok in enumerate(doc):
        if used[i] or not _DESIGNATION.match(tok.text):
            continue
        base = catalog.family_of(tok.text)
        if base is None:
            continue
        entities.setdefault(base.id, _entity_of(base))
        end = _extend_item(doc, lower, i + 1, sent_of)
        span = doc[i:end]
        add(Mention(i, end, span.start_char, span.end_char, span.text, "system", base.id,
                    tok.text, "variant", etype=base.type,
                    quantity=_quantity_before(doc, i)))

    # 3. unlinked weapon names
    for i, tok in enumerate(doc):
        if used[i] or i in headline:
            continue
        text = tok.text
        name_start = name_end = -1
        bare_name = False  # a name before a described kind keeps only the name
        if _DESIGNATION.match(text) and not text.isdigit() and len(text) >= 3:
            nxt = lower[i + 1] if i + 1 < n else ""
            prv = lower[i - 1] if i > 0 else ""
            k = i + 1
            if k < n and not used[k] and _NAME_TOKEN.match(doc[k].text) and \
                    doc[k].text not in NOT_NAMES and lower[k] not in WEAPON_HEADS:
                k += 1  # "2K12 Kub", "9K33 Osa": a designation and its name
            hyphenated = re.match(r"^[A-Z][A-Za-z]{0,3}-\d", text) is not None and \
                text.upper() not in NOT_DESIGNATIONS
            if nxt in WEAPON_HEADS or text.endswith("s") or prv in WEAPON_HEADS or \
                    _extend_item(doc, lower, k, sent_of) > k or hyphenated or k > i + 1 and (
                        _extend_item(doc, lower, k, sent_of) > k or lower[k - 2] == "the"):
                name_start, name_end = i, k  # "BMP-1 infantry fighting vehicles", "Su-30MKI"
        elif (_NAME_TOKEN.match(text) or (
                _CAPS_NAME.match(text) and i + 1 < n
                and _extend_item(doc, lower, i + 1, sent_of) > i + 1)) \
                and text not in NOT_NAMES and text not in MONTH_NAMES and i != sent_of[i]:
            j = i
            while j + 1 < n and j - i < 2 and not used[j + 1] and \
                    _NAME_TOKEN.match(doc[j + 1].text) and doc[j + 1].text not in NOT_NAMES:
                j += 1
            h = j + 1
            while h < n and h - j <= 2 and doc[h].is_lower and doc[h].is_alpha and \
                    lower[h] not in WEAPON_HEADS and lower[h] not in STOP_MODIFIERS and \
                    lower[h] not in _VERB_FORMS and not lower[h].endswith("ly"):
                h += 1  # "Carl Gustaf recoilless rifles", "Storm Shadow cruise missiles"
            if h < n and lower[h] in WEAPON_HEADS and (
                    lower[h] not in WEAPON_HEADS_NEED_MODIFIER or h > j + 1) and \
                    not any(used[i:j + 1]):
                name_start, name_end = i, j + 1
            elif j + 2 < n and "-" in lower[j + 1:j + 6] and not any(used[i:j + 1]) and \
                    _hyphen_head(doc, lower, j + 1):
                name_start, name_end = i, j + 1  # "Sidewinder air-to-air missiles"
                bare_name = True
        if name_start < 0 and text.endswith("s") and len(text) > 3 and _NAME_TOKEN.match(text) \
                and i > sent_of[i] and lower[i - 1] in BACK_DETERMINERS:
            fam = _family_named_before(mentions, text[:-1], i)
            if fam is not None:  # "when the Leopards are delivered": the Leopard 2A4s
                add(Mention(i, i + 1, tok.idx, tok.idx + len(text), text, "system", fam.id,
                            fam.label, "definite"))
            continue
        if name_start < 0:
            continue
        end = _extend_item(doc, lower, name_end, sent_of)
        fam = _family_named_before(mentions, doc[name_start:name_end].text, name_start) if (
            any(lower[k] in BACK_DETERMINERS for k in range(max(sent_of[i], name_start - 5),
                                                             name_start))
            and not _DESIGNATION.match(doc[name_start:name_end].text)) else None
        if fam is not None:  # "the much-awaited Leopard tanks" after "Leopard 2 tanks"
            span = doc[name_start:end]
            add(Mention(name_start, end, span.start_char, span.end_char, span.text, "system",
                        fam.id, fam.label, "definite"))
            continue
        name = doc[name_start:name_end].text
        if end > name_end and lower[end - 1] in PLATFORM_HEADS and \
                _DESIGNATION.match(doc[name_end - 1].text):
            bare_name = True  # "MiG-29 fighters": a platform is called by its designation
        if end > name_end:
            name = _singular(doc[name_start:end].text)  # "D-30 howitzer", "Storm Shadow missile"
        elif name.endswith("s") and _DESIGNATION.match(name[:-1]):
            name = name[:-1]
        if bare_name:
            name = doc[name_start:name_end].text
        key = doc[name_start].text.rstrip("s") if _DESIGNATION.match(
            doc[name_start].text) else name
        a = name_start - 1
        if a > 0 and lower[a] in ("the", "its", "their"):
            a -= 1
        if a > sent_of[i] and lower[a] == "for" and lower[a - 1] in AMMUNITION_HEADS and \
                not used[a - 1]:
            # "ammunition for the Leopard battle tanks": the munition, named as written
            name_start = a - 1
            name = key = doc[name_start:end].text
        c = name_start - 1  # "122 mm Sakr-45 rockets", "122-mm Sakr-45": the calibre stays
        if c > sent_of[i] and lower[c] in CALIBRE_UNITS and lower[c] not in ("-", "in") and \
                not used[c]:
            k = c - 2 if c - 2 >= sent_of[i] and lower[c - 1] == "-" else c - 1
            if doc[k].text.replace(".", "").isdigit() and not used[k]:
                name = f"{doc[k].text}{'-' if k == c - 2 else ' '}{doc[c].text} {name}"
                name_start = k
        iri = str(ids.system(key))  # one entity per designation, however it is followed
        entities.setdefault(iri, Entity(id=iri, type="WeaponSystem", label=name, linked=False))
        span = doc[name_start:end]
        add(Mention(name_start, end, span.start_char, span.end_char, span.text, "system", iri,
                    name, "unlinked", quantity=_quantity_before(doc, name_start)))

    # 4. generic items and references back
    _generic_items(doc, lower, used, mentions, entities, sent_of, add, catalog)

    # 4b. calibres coordinated before one head: "152 mm and 155 mm artillery shells"
    _coordinated_calibres(doc, lower, used, mentions, entities, sent_of, add, catalog)

    # 4c. parts named by what they are for: "components for fighter aircraft"
    _parts_for(doc, lower, used, mentions, entities, sent_of, add)

    mentions.sort(key=lambda m: m.start)
    _pronouns(doc, lower, used, mentions, entities, in_quote, sent_of)
    mentions.sort(key=lambda m: m.start)
    # Mentions by the token they end or start at, each list in the order of ``mentions``:
    # the lookups below ask for the first mention ending just before an item (linear in
    # the article, where scanning every mention per item was quadratic: issue 18).
    ending: dict[int, list[Mention]] = {}
    starting: dict[int, list[Mention]] = {}
    order = {id(x): i for i, x in enumerate(mentions)}
    for x in mentions:
        ending.setdefault(x.end, []).append(x)
        starting.setdefault(x.start, []).append(x)

    def first(candidates: Iterable[Mention]) -> Mention | None:
        return min(candidates, key=lambda x: order[id(x)], default=None)

    for m in mentions:
        if m.is_item and m.start > 0:
            poss = first(x for e in range(max(m.start - 3, 0), m.start)
                         for x in ending.get(e, ()) if x.kind == "state"
                         and lower[x.end] in POSSESSIVE_MARKS and all(
                             w in POSSESSIVE_MARKS or w in ("first", "new", "own", "latest", "last")
                             or w.isdigit() for w in lower[x.end:m.start]))
            agent = None
            at = m.end + 1 if m.end < n and lower[m.end] == "," else m.end
            if at + 2 < n and lower[at] in ("pledged", "promised", "supplied", "sent",
                                            "donated", "provided", "delivered",
                                            "given", "sold", "made", "built") \
                    and lower[at + 1] == "by":
                agent = next((x for x in starting.get(at + 2, ()) if x.kind == "state"),
                             None)  # "four IRIS-T SLM systems pledged by Germany", "…, sent by"
            if agent is not None or poss is not None:
                m.origin = (agent or poss).id  # type: ignore[union-attr]
                continue
            before = first(x for e in (m.start, m.start - 1, m.start - 2, m.start - 3)
                           for x in ending.get(e, ()) if x.end == m.start or (
                x.end == m.start - 1 and lower[m.start - 1] in ("used", "second-hand")) or (
                x.end == m.start - 2 and lower[x.end] == "-"
                and lower[m.start - 1] in ORIGIN_WORDS) or (
                lower[x.end:m.start] in (["army"], ["navy"], ["air", "force"])) or (
                x.end == m.start - 3 and lower[x.end] in ARMED_SERVICES and lower[x.end + 1] == "-"
                and lower[m.start - 1] in ORIGIN_WORDS))  # "ex-German Army", "US Army-made"
            if before is not None and before.kind == "state":
                m.origin = before.id  # "Danish F-16s", "South Korean FA-50"
    origins = {m.start: m.origin for m in mentions if m.origin}
    for m in mentions:
        if m.how in ("definite", "pronoun") and m.is_item:
            src = [x for x in mentions if x.id == m.id and x.origin and x.start < m.start]
            if src:
                m.origin = src[-1].origin
    del origins
    prev: Mention | None = None
    for m in mentions:
        m.prep = _prep_before(lower, m.start, sent_of[m.start])
        gap = lower[prev.end:m.start] if prev is not None else []
        listed = any(w in ("and", "or") for w in gap) or (
            m.end < n and lower[m.end] in (",", "and", "or"))
        if m.prep is None and prev is not None and prev.is_actor and m.is_actor and \
                m.kind == prev.kind and 0 < m.start - prev.end <= 3 and listed and all(
                    w in (",", "and", "or", "the") for w in gap) and not (
                    m.end < n and opens_clause(lower[m.end])):
            m.prep = prev.prep  # "from China, North Korea, and Russia", not "… and C has …"
        prev = m
        m.possessive = m.end < n and lower[m.end] in POSSESSIVE_MARKS
        if m.kind == "state" and m.how in ("demonym", "alias", "name", "capital"):
            m.modifier = _is_modifier(doc, lower, m, mentions)
        elif m.kind == "org" and m.end < n and lower[m.end] in GROUP_NOUNS:
            m.modifier = True
    _person_states(mentions, entities, sent_of, lower)
    return Analysis(doc, lower, mentions, entities, in_quote, catalog)


def _person_states(mentions: list[Mention], entities: dict[str, Entity],
                   sent_of: list[int], lower: list[str]) -> None:
    """The state of a person the text names without one ("Chancellor Olaf Scholz").

    The state named most often around the person — in the sentences that mention them by
    name or pronoun, outside prepositional phrases ("to Ukraine"), a possessive or demonym
    counting double — is taken as theirs. A person with no such evidence keeps none.
    """
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(sent_of[m.start], []).append(m)
    lower_of = lower
    for ent in entities.values():
        if ent.type not in ("Person", "GovernmentBody") or ent.based_in or ent.linked:
            continue
        votes: dict[str, float] = {}
        first: dict[str, int] = {}
        for ms in by_sent.values():
            if not any(m.id == ent.id for m in ms):
                continue
            for m in ms:
                if m.kind != "state" or m.how in ("pronoun", "definite", "origin") or m.prep in (
                        "to", "for", "into", "against", "in", "from", "with", "at", "on"):
                    continue
                nxt = lower_of[m.end] if m.end < len(lower_of) else ""
                if nxt in ("counterpart", "counterparts", "ambassador", "envoy", "embassy"):
                    continue  # "his German counterpart": someone else's state
                weight = 2.0 if (m.possessive or m.how == "demonym") else 1.0
                votes[m.id] = votes.get(m.id, 0.0) + weight
                first.setdefault(m.id, m.start)
        if votes:
            best = max(votes, key=lambda k: (votes[k], -first[k]))
            ent.based_in = best
            for m in mentions:
                if m.id == ent.id:
                    m.based_in = best


def _headline_sentences(doc: Doc, starts: list[int]) -> set[int]:
    """Tokens of sentences written in Title Case (headlines), where capitals mean nothing."""
    out: set[int] = set()
    bounds = starts + [len(doc)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        words = [t.text for t in doc[a:b] if t.is_alpha and len(t.text) > 3]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            out.update(range(a, b))
    return out


def _family_named_before(mentions: list[Mention], name: str, before: int) -> Mention | None:
    """The one catalog system named before ``before`` whose label is ``name`` and a
    designation ("Leopard" → "Leopard 2A4", "Patriot" → "Patriot PAC-3"), if only one such
    system has been named: what "the Leopards" or "the Leopard tanks" point back to."""
    hits = [m for m in mentions if m.kind == "system" and m.start < before
            and m.how not in ("generic", "unlinked", "definite", "pronoun")
            and m.label.startswith(name + " ") and len(m.label) > len(name) + 1
            and m.label[len(name) + 1:][:1].isdigit()]
    if not hits or len({m.id for m in hits}) > 1:
        return None
    return max(hits, key=lambda m: m.start)


def _extend_item(doc: Doc, lower: list[str], end: int, sent_of: list[int]) -> int:
    """Extend an item name over the weapon nouns after it ("Patriot missile systems")."""
    last = end
    j = end
    n = len(doc)
    while j < n and j - end < 6 and sent_of[j] == sent_of[end - 1]:
        t = lower[j]
        if t in WEAPON_HEADS:
            last = j + 1
        elif t == "-" or (doc[j].is_alpha and doc[j].is_lower and t not in STOP_MODIFIERS
                          and t not in _VERB_FORMS and t not in NOT_ITEMS) or (
                doc[j].is_alpha and lower[j - 1] == "-" and j + 1 < n and lower[j + 1] == "-"):
            pass  # modifiers, including hyphen chains ("air-to-air")
        else:
            break
        j += 1
    return last


def _abbreviations(doc: Doc, lower: list[str], used: list[bool], mentions: list[Mention],
                   entities: dict[str, Entity], sent_of: list[int], add: object) -> None:
    """Organisations the text names and abbreviates: "X's Capitalised Name (ABBR)".

    The name and every later use of the abbreviation become mentions of one unlinked
    organisation, based in the state that possesses or qualifies it.
    """
    n = len(doc)
    state_at = {k: m for m in mentions if m.kind == "state" for k in range(m.start, m.end)}
    found: dict[str, Mention] = {}
    for i in range(2, n - 1):
        abbr = doc[i].text
        if not (lower[i - 1] == "(" and lower[i + 1] == ")" and abbr.isupper()
                and 2 <= len(abbr) <= 6 and abbr.isalpha()):
            continue
        e = i - 1
        b = e
        while b - 1 >= sent_of[i] and (doc[b - 1].text[:1].isupper() or lower[b - 1] in (
                "of", "for", "and")) and e - b < 7 and (not used[b - 1] or (
                    (b - 1) in state_at and state_at[b - 1].how == "demonym")):
            b -= 1  # "Indian Air Force (IAF)": the demonym belongs to the name
        while b < e and lower[b] in ("of", "for", "and"):
            b += 1
        if e - b < 2 or any(used[k] and k not in state_at for k in range(b, e)):
            continue
        words = doc[b:e].text.split()
        based = None
        if b - 2 >= sent_of[i] and lower[b - 1] in POSSESSIVE_MARKS and (b - 2) in state_at:
            based = state_at[b - 2].id
        inner = next((state_at[k] for k in range(b, e) if k in state_at), None)
        if based is None and inner is not None:
            based = inner.id  # "Indian Air Force (IAF)"
        cls = "GovernmentBody" if any(w in BODY_WORDS for w in words) else "Organisation"
        name = " ".join(words)
        iri = str(ids.org(name))
        ent = entities.setdefault(iri, Entity(id=iri, type=cls, label=name, linked=False,
                                              based_in=based))
        span = doc[b:e]
        m = Mention(b, e, span.start_char, span.end_char, span.text, "org", iri, name,
                    "unlinked", based_in=ent.based_in, etype=cls)
        add(m)  # type: ignore[operator]
        for k in range(i - 1, i + 2):
            used[k] = True
        found[abbr] = m
    if not found:
        return
    for i in range(n):
        m0 = found.get(doc[i].text)
        if m0 is None or used[i]:
            continue
        span = doc[i:i + 1]
        add(Mention(i, i + 1, span.start_char, span.end_char, span.text, "org",  # type: ignore[operator]
                    m0.id, m0.label, "alias", based_in=m0.based_in, etype=m0.etype))


def _hyphen_head(doc: Doc, lower: list[str], k: int) -> bool:
    """Whether a hyphenated modifier ("air-to-air", "anti-ship") and a weapon noun follow."""
    n = len(doc)
    seen_hyphen = False
    while k < n and k < k + 7:
        if lower[k] == "-":
            seen_hyphen = True
        elif lower[k] in WEAPON_HEADS and lower[k] not in WEAPON_HEADS_NEED_MODIFIER:
            return seen_hyphen
        elif not (doc[k].is_alpha and doc[k].is_lower and len(lower[k]) < 12):
            return False
        k += 1
    return False


def _quantity_before(doc: Doc, start: int) -> int | None:
    i = start - 1
    while i >= 0 and doc[i].lower_ in ("more", "than", "about", "around", "some", "up", "to",
                                       "nearly", "almost", "over", "additional", "another"):
        i -= 1
    if i >= 0:
        return _number(doc[i].text)
    return None


def _generic_items(doc: Doc, lower: list[str], used: list[bool], mentions: list[Mention],
                   entities: dict[str, Entity], sent_of: list[int], add: object,
                   catalog: Catalog) -> None:
    n = len(doc)
    items_so_far = sorted((m for m in mentions if m.kind == "system"), key=lambda m: m.start)
    state_tok = {k: m for m in mentions if m.kind == "state" for k in range(m.start, m.end)}
    found: list[Mention] = []
    for i in range(n):
        t = lower[i]
        if used[i] or t not in WEAPON_HEADS:
            continue
        if i + 1 < n and (lower[i + 1] in WEAPON_HEADS or lower[i + 1] == "-"
                          or lower[i + 1] in ITEM_COMPOUND_NOUNS):
            continue  # "missile systems", "aircraft acquisition": not the head
        j = i
        while j - 1 >= sent_of[i] and i - j < 3 + 2 * lower[max(0, j - 6):i].count("-") \
                and not used[j - 1]:
            prev = doc[j - 1]
            p = prev.lower_
            if p == "-" and j - 2 >= sent_of[i] and doc[j - 2].is_alpha and not used[j - 2]:
                if lower[j] in ORIGIN_WORDS:
                    j += 1  # "German-made launchers": the origin is no part of the name
                    break
                j -= 2
                continue
            if p == "-":
                if lower[j] in ORIGIN_WORDS:
                    j += 1
                break
            if p == "," and j - 3 >= sent_of[i] and lower[j - 2] != "," and \
                    lower[j - 3] == "-" and j < i:
                j -= 1  # "the twin-engine, two-seat fighter"
                continue
            if prev.is_alpha and prev.text[:1].isupper() and j - 1 > sent_of[i] and \
                    (prev.text not in NOT_NAMES or prev.text in CAPITALISED_ADJECTIVES) and \
                    prev.text not in MONTH_NAMES and j == i and doc[i].is_lower:
                j -= 1  # "Western fighters"
                break
            hyphened = j - 2 >= sent_of[i] and lower[j - 2] == "-"  # "anti-ship"
            if not (prev.is_alpha and prev.is_lower) or p in STOP_MODIFIERS \
                    or (p.endswith("ing") and prev.pos_ == "VERB" and p not in ING_MODIFIERS) \
                    or (prev.pos_ == "VERB" and j - 2 >= sent_of[i] and lower[j - 2] in (
                        "to", "will", "would", "can", "could", "must", "should", "may",
                        "might", "shall")) \
                    or (p in _VERB_FORMS and not hyphened) or p in NOT_ITEMS \
                    or (p in TRANSFER_NOUNS and not hyphened) \
                    or p.endswith("ly") or p in NOT_ITEM_MODIFIERS or (
                        p.endswith("ed") and p not in ED_ADJECTIVES):
                break
            j -= 1
        j = _with_calibre(doc, lower, used, j, sent_of[i])
        modifiers = i - j
        if t in ("weapons", "equipment", "weaponry", "technologies") and all(
                w.lower_ in GENERIC_MODIFIERS or w.text == "-" for w in doc[j:i]):
            continue
        det = lower[j - 1] if j - 1 >= sent_of[i] else ""
        if doc[i].text[:1].isupper() and i != sent_of[i]:
            continue
        prior = sorted((m for m in items_so_far + found if m.start < i), key=lambda m: m.start)
        if det.replace(".", "").isdigit() and j - 2 >= sent_of[i] and \
                lower[j - 2] in BACK_DETERMINERS and \
                all(lower[k] in CALIBRE_WORDS for k in range(j, i)):
            ref = _antecedent(t, prior)  # "the 122 mm guns": the guns named before
            if ref is not None:
                span = doc[j - 2:i + 1]
                add(Mention(j - 2, i + 1, span.start_char, span.end_char,  # type: ignore[operator]
                            span.text, "system", ref.id, ref.label, "definite"))
                continue
        k = j - 1
        while k > sent_of[i] and lower[k] in ORIGIN_WORDS and not used[k]:
            k -= 1  # "the American-made aircraft": skip "-made" back to the state
        origin = state_tok.get(k)
        d = origin.start - 1 if origin is not None else -1
        while origin is not None and d > sent_of[i] and lower[d] in ("former", "same", "old"):
            d -= 1
        if origin is not None and d >= sent_of[i] and \
                lower[d] in BACK_DETERMINERS and all(
                    lower[k] in ORIGIN_WORDS for k in range(j, i)):
            ref = _antecedent(t, prior)  # "the South Korean shells": an item named before
            if ref is not None:
                span = doc[j:i + 1]
                add(Mention(j, i + 1, span.start_char, span.end_char,  # type: ignore[operator]
                            span.text, "system", ref.id, ref.label, "definite"))
                continue
        ref = _antecedent(t, prior, doc[j:i + 1].text, j) if det in BACK_DETERMINERS else None
        if ref is not None and (modifiers == 0 or _same_item(doc[j:i + 1].text, ref) or all(
                used[k] or lower[k] in ORIGIN_WORDS for k in range(j, i)) or (
                det == "the" and ref.how != "generic" and _same_head(t, ref))):
            span = doc[j - 1:i + 1]
            m = Mention(j - 1, i + 1, span.start_char, span.end_char, span.text, "system",
                        ref.id, ref.label, "definite")
            add(m)  # type: ignore[operator]
            continue
        counted = j - 1 >= sent_of[i] and (
            _number(doc[j - 1].text) is not None or lower[j - 1] in QUANTITY_WORDS or (
                lower[j - 1] == "of" and j - 2 >= sent_of[i] and (
                    lower[j - 2] in QUANTITY_WORDS or _number(doc[j - 2].text) is not None)))
        if t in WEAPON_HEADS_NEED_MODIFIER and modifiers == 0 and not (
                counted and t in AMMUNITION_HEADS and not (i + 1 < n and lower[i + 1] == "of")):
            continue  # "systems" alone says nothing; "millions of shells" does
        if det in BACK_DETERMINERS and modifiers == 0:
            continue  # "the tanks" with nothing before it to refer to
        if prior and prior[-1].end >= j - 2 and prior[-1].how != "generic" and (
                _same_head(t, prior[-1]) or (modifiers == 0 and all(
                    w in (",", "and") for w in lower[prior[-1].end:j]))):
            continue  # "Patriot missile systems and missiles": the same item again
        label = doc[j:i + 1].text
        known = catalog.generic_link(label) if modifiers else None
        if known is not None:
            iri = known.id  # "artillery ammunition" named in the catalog as a calibre
            entities.setdefault(iri, _entity_of(known))
        else:
            iri = str(ids.system(_singular(label)))
            entities.setdefault(iri, Entity(id=iri, type="WeaponSystem", label=label,
                                            linked=False))
        span = doc[j:i + 1]
        m = Mention(j, i + 1, span.start_char, span.end_char, span.text, "system", iri, label,
                    "generic", quantity=_quantity_before(doc, j))
        add(m)  # type: ignore[operator]
        found.append(m)


def _coordinated_calibres(doc: Doc, lower: list[str], used: list[bool], mentions: list[Mention],
                          entities: dict[str, Entity], sent_of: list[int], add: object,
                          catalog: Catalog) -> None:
    """"152 mm and 155 mm artillery shells", "105mm or 120mm rounds": the first calibre,
    followed by a coordinator and an item that starts with its own calibre, is an item of
    its own with the second one's head ("152 mm artillery shells")."""
    for m in [m for m in mentions if m.kind == "system"]:
        s0 = m.start
        if s0 + 2 > m.end or not doc[s0].text.replace(".", "").isdigit() or \
                lower[s0 + 1] not in CALIBRE_UNITS or lower[s0 + 1] == "-":
            continue
        c = s0 - 1  # the coordinator
        u, k = c - 1, c - 2  # the first calibre's unit and number
        if k < sent_of[s0] or lower[c] not in ("and", "or", ",") or \
                lower[u] != lower[s0 + 1] or not doc[k].text.replace(".", "").isdigit() or \
                used[k] or used[u] or doc[k].text == doc[s0].text:
            continue
        head = doc[s0 + 2:m.end].text
        label = f"{doc[k].text} {doc[u].text} {head}"
        known = catalog.generic_link(label)
        if known is not None:
            iri = known.id
            entities.setdefault(iri, _entity_of(known))
            name = known.label
        else:
            iri = str(ids.system(_singular(label)))
            entities.setdefault(iri, Entity(id=iri, type="WeaponSystem", label=label,
                                            linked=False))
            name = label
        span = doc[k:u + 1]
        add(Mention(k, u + 1, span.start_char, span.end_char, span.text,  # type: ignore[operator]
                    "system", iri, name, "generic", quantity=m.quantity))


def _parts_for(doc: Doc, lower: list[str], used: list[bool], mentions: list[Mention],
               entities: dict[str, Entity], sent_of: list[int], add: object) -> None:
    """"components for fighter aircraft", "spare parts for the drones": a part noun before
    "for" and a generic item is one item, labelled as written (a named system keeps its own
    mention: "parts for the F-35" are the F-35's, as "F-35 parts")."""
    for m in [m for m in mentions if m.kind == "system" and m.how == "generic"]:
        f = m.start - 1
        if f > sent_of[m.start] and lower[f] == "the":
            f -= 1
        k = f - 1
        if k < sent_of[m.start] or lower[f] != "for" or lower[k] not in PART_NOUNS or used[k]:
            continue
        if k - 1 >= sent_of[m.start] and lower[k - 1] == "spare" and not used[k - 1]:
            k -= 1
        mentions.remove(m)
        if not any(x.id == m.id for x in mentions):
            entities.pop(m.id, None)
        label = doc[k:m.end].text
        iri = str(ids.system(label))
        entities.setdefault(iri, Entity(id=iri, type="WeaponSystem", label=label, linked=False))
        span = doc[k:m.end]
        add(Mention(k, m.end, span.start_char, span.end_char, span.text,  # type: ignore[operator]
                    "system", iri, label, "generic", quantity=_quantity_before(doc, k)))


def _with_calibre(doc: Doc, lower: list[str], used: list[bool], j: int, floor: int) -> int:
    """Start of an item phrase widened over its calibre: "40-mm anti-aircraft guns", "two
    122 mm rockets" keep "40-mm" / "122 mm" (a number before a unit is a designation, not
    a quantity). "the 122 mm guns" stays as it is (a reference back, handled by the caller).
    """
    if j >= len(lower) or lower[j] not in CALIBRE_UNITS:
        return j
    k = j - 1
    if k >= floor and lower[k] == "-":
        k -= 1
    if k < floor or used[k] or not doc[k].text.replace(".", "").isdigit():
        return j
    if k - 1 >= floor and lower[k - 1] in BACK_DETERMINERS:
        return j
    return k


def _antecedent(head: str, prior: list[Mention], phrase: str = "",
                pos: int = 1 << 30) -> Mention | None:
    """The item "the missiles" refers to: the last one named with that head noun, else
    the last catalog item mentioned."""
    h = _singular(head)
    named = [m for m in prior[-25:] if any(
        _singular(w) == h for w in re.split(r"[\s-]+", m.text.lower()))]
    if " " in phrase.strip():
        for m in reversed(named):
            if _same_item(phrase, m):
                return m  # "the grenade launchers" → "rocket-propelled grenade launchers"
    recent = [m for m in prior if m.how not in ("generic", "definite")]
    if recent and pos - recent[-1].end <= 25 and (
            not named or recent[-1].start > named[-1].start):
        return recent[-1]  # "delivered the first Arrow 3 interceptors … ordered the system"
    for m in reversed(named):
        if m.how not in ("generic", "unlinked", "definite"):
            later = [r for r in prior if r.start > m.start and r.how in ("name", "alias",
                                                                        "variant")
                     and r.label.startswith(m.label) and r.id != m.id]
            if later:
                return later[-1]  # "Leopard 2 tanks … 14 Leopard 2A4s … the tanks" → 2A4
            return m  # a catalog system first: "the aircraft" → "F-35A Lightning II aircraft"
    for m in reversed(named):
        if m.how != "generic":
            return m  # then a named one: "the jets" → "MiG-29s", not "Western jets"
    linked = [m for m in prior if m.how not in ("generic", "definite")]
    if named and linked and linked[-1].start > named[-1].start:
        return linked[-1]  # "South Korean FA-50 light fighters … the aircraft"
    if named:
        return named[-1]
    return linked[-1] if linked else None


def _singular(label: str) -> str:
    words = label.split()
    last = words[-1]
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "shes", "ches", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return " ".join(words[:-1] + [last])


def _same_head(head: str, prior: Mention) -> bool:
    h = _singular(head)
    return any(_singular(w) == h for w in prior.text.lower().split())


def _same_item(text: str, prior: Mention) -> bool:
    return _singular(text.lower()) in _singular(prior.text.lower()) or \
        _singular(text.lower()) in prior.label.lower()


def _is_modifier(doc: Doc, lower: list[str], m: Mention, mentions: list[Mention]) -> bool:
    """A state named as an adjective: "Japanese arms exports", "US fighter jets"."""
    n = len(doc)
    j = m.end
    if j < n and lower[j] == "-":
        return True  # Japanese-built, US-made
    if j < n and lower[j] in GROUP_NOUNS:
        return True  # "the first NATO member to supply …"
    if j + 1 < n and lower[j] in ("air", "armed", "ground", "land", "naval", "special",
                                  "defence", "defense", "territorial", "marine") and \
            lower[j + 1] in ("force", "forces", "corps"):
        return False  # "the Ukrainian air force", "the Armenian armed forces"
    if m.how == "demonym":
        word = doc[m.start:m.end].text
        if word.endswith("s") and not word.endswith("ss") and not word.endswith("ese"):
            return False  # the Americans
        if j < n and lower[j] in ACTOR_NOUNS:
            return False
        k = j
        while k < n and (lower[k] in ("and", ",", "or") or any(
                x.start == k and x.how == "demonym" for x in mentions)):
            nxt = next((x for x in mentions if x.start == k), None)
            k = nxt.end if nxt is not None else k + 1
        if k > j and k < n and lower[k] in ACTOR_NOUNS:
            return False  # "his Danish and Dutch counterparts"
        if j >= n or not doc[j].is_alpha:
            return m.start > 0 and lower[m.start - 1] != "the"
        return True
    if not (m.text.isupper() or "." in m.text):
        return False  # a name ("give Ukraine F-16s"), unlike "US fighter jets"
    if j < n and (lower[j] in WEAPON_HEADS or lower[j] in ("licence", "license", "arms",
                                                          "weapons", "stocks", "stockpiles",
                                                          "technology", "design")):
        return True
    nxt = next((x for x in mentions if x.start == j), None)
    return nxt is not None and nxt.kind == "system"


def _people(doc: Doc, lower: list[str], used: list[bool], mentions: list[Mention],
            entities: dict[str, Entity], sent_of: list[int], add: object,
            catalog: Catalog) -> None:
    """People introduced by titles or appositions, and roles resolved to them."""
    n = len(doc)
    titles = sorted(TITLES, key=lambda t: (-len(t.split()), t))
    state_at = {i: m for m in mentions if m.kind == "state" for i in range(m.start, m.end)}
    pending_roles: list[tuple[int, int, str, str | None, str | None]] = []
    persons: list[tuple[Mention, Entity]] = [
        (m, entities[m.id]) for m in mentions if m.kind == "person" and m.id in entities]
    first_words = {t.split()[0] for t in titles}
    texts = [t.text for t in doc]
    i = 0
    while i < n:
        if used[i] or lower[i] not in first_words:
            i += 1
            continue
        title = None
        for t in titles:
            words = t.split()
            if lower[i:i + len(words)] == words:
                title = t
                break
        if title is None:
            i += 1
            continue
        tend = i + len(title.split())
        # title words written in capitals after it ("Ambassador Extraordinary and …")
        k = tend
        while k < n and (doc[k].text in ("Extraordinary", "Plenipotentiary", "General", "of",
                                         "and", "Affairs", "Defence", "Defense")
                         and doc[k].text[:1].isupper() or lower[k] in ("and",)) \
                and k - tend < 4:
            k += 1
        if k > tend and lower[k - 1] == "and":
            k -= 1
        tend = k
        based = _state_before(doc, lower, i, state_at, sent_of)
        accredited = None
        after_place = tend
        if tend + 1 < n and lower[tend] in ("to", "in") and tend + 1 in state_at:
            accredited = state_at[tend + 1].id  # "ambassador to Japan", "ambassador in Oslo"
            after_place = state_at[tend + 1].end
        elif tend + 2 < n and lower[tend] in ("to", "in") and lower[tend + 1] == "the" \
                and tend + 2 in state_at:
            accredited = state_at[tend + 2].id
            after_place = state_at[tend + 2].end
        if title not in ("ambassador", "envoy"):
            accredited = None if lower[tend:tend + 1] == ["in"] else accredited
        name_end = tend = after_place  # "Ambassador to the United States Ivan Petrov"
        while name_end < n and name_end - tend < 3 and not used[name_end] and \
                _NAME_TOKEN.match(doc[name_end].text) and doc[name_end].text not in NOT_NAMES \
                and doc[name_end].text not in MONTH_NAMES and name_end not in state_at:
            name_end += 1
        name_start = tend
        if name_end == tend and after_place < n and lower[after_place] == ",":
            k = after_place + 1  # "Russia's ambassador in Oslo, Nikolai Korchunov, warned …"
            while k < n and k - after_place <= 3 and not used[k] and \
                    _NAME_TOKEN.match(doc[k].text) and doc[k].text not in NOT_NAMES and \
                    k not in state_at:
                k += 1
            if k - after_place >= 3 and k < n and lower[k] in (",", "said", "told", "warned"):
                name_start, name_end = after_place + 1, k
        if name_end == name_start:
            name_start, name_end = _apposition_name(doc, lower, i, used, sent_of, state_at)
        if name_end > name_start:
            name = doc[name_start:name_end].text
            entry = _catalog_person(catalog, name)
            iri = entry.id if entry else str(ids.person(name))
            ent = entities.get(iri) or (
                _entity_of(entry) if entry else
                Entity(id=iri, type="Person", label=name, linked=False)
            )
            ent.position = ent.position or title
            ent.based_in = ent.based_in or based
            ent.accredited_to = ent.accredited_to or accredited
            entities[iri] = ent
            span = doc[name_start:name_end]
            m = Mention(name_start, name_end, span.start_char, span.end_char, span.text,
                        "person", iri, ent.label, "title", based_in=ent.based_in)
            if not any(used[name_start:name_end]):
                add(m)  # type: ignore[operator]
                persons.append((m, ent))
            for x in range(i, tend):
                used[x] = True
        else:
            pending_roles.append((i, tend, title, based, accredited))
        i = max(tend, name_end)
    # surnames and full names of people found, later in the text
    known = {ent.label: ent for _, ent in persons}
    for ent in list(known.values()):
        parts = ent.label.split()
        if len(parts) > 1 and len(parts[-1]) > 3:
            known.setdefault(parts[-1], ent)
    for entry in catalog.entries.values():
        if entry.kind == "person":
            pass  # catalog people are matched by the phrase matcher already
    by_first: dict[str, list[tuple[list[str], Entity]]] = {}
    for name, ent in known.items():
        words = name.split()
        by_first.setdefault(words[0], []).append((words, ent))
    for i in range(n):
        if used[i] or texts[i] not in by_first:
            continue
        for words, ent in sorted(by_first[texts[i]], key=lambda c: -len(c[0])):
            if texts[i:i + len(words)] == words and not any(used[i:i + len(words)]):
                span = doc[i:i + len(words)]
                add(Mention(i, i + len(words), span.start_char, span.end_char,  # type: ignore[operator]
                            span.text, "person", ent.id, ent.label, "name",
                            based_in=ent.based_in))
                break
    # unnamed roles ("the Russian ambassador"): the named person with that title
    for start, end, title, based, _acc in pending_roles:
        if any(used[start:end]):
            continue
        cands = [ent for _, ent in persons if ent.position and (
            title in ent.position.lower() or title.endswith(ent.position.lower()))
            and (based is None or ent.based_in in (None, based))]
        s = start
        while s > sent_of[start] and (lower[s - 1] in ("the", "new", "former", "a") or (
                s - 1 in state_at)) and start - s < 3:
            s -= 1
        if len({c.id for c in cands}) == 1:
            ent = cands[0]
            span = doc[s:end]
            add(Mention(s, end, span.start_char, span.end_char, span.text,  # type: ignore[operator]
                        "person", ent.id, ent.label, "title", based_in=ent.based_in))
        elif based is not None and lower[start - 1] != "'s":
            pass  # an unnamed official of a known state: the state mention stands for them


def _catalog_person(catalog: Catalog, name: str) -> CatalogEntry | None:
    for entry in catalog.entries.values():
        if entry.kind == "person" and (entry.label == name or name in entry.forms):
            return entry
    return None


def _state_before(doc: Doc, lower: list[str], i: int, state_at: dict[int, Mention],
                  sent_of: list[int]) -> str | None:
    """The state of a title: "Russia's ambassador", "the Russian ambassador", "US President"."""
    j = i - 1
    while j >= sent_of[i] and lower[j] in ("new", "former", "then", "current", "outgoing",
                                           "incoming", "top", "senior"):
        j -= 1
    if j >= sent_of[i] and lower[j] in POSSESSIVE_MARKS:
        j -= 1
    if j >= sent_of[i] and j in state_at:
        return state_at[j].id
    return None


def _apposition_name(doc: Doc, lower: list[str], title_i: int, used: list[bool],
                     sent_of: list[int], state_at: dict[int, Mention]) -> tuple[int, int]:
    """The name a title describes by apposition: "X, who was appointed …'s ambassador"."""
    start = sent_of[title_i]
    j = title_i - 1
    while j > start and lower[j] != "," and title_i - j < 14:
        j -= 1
    if j <= start or lower[j] != ",":
        return 0, 0
    between = lower[j + 1:title_i]
    if between and between[0] not in ("who", "the", "a") and j + 1 not in state_at:
        return 0, 0
    e = j
    b = e
    while b - 1 >= start and e - b < 3 and _NAME_TOKEN.match(doc[b - 1].text) \
            and doc[b - 1].text not in NOT_NAMES and (b - 1) not in state_at \
            and not used[b - 1]:
        b -= 1
    if e - b >= 2 or (e - b == 1 and b == start):
        return b, e
    return 0, 0


def _pronouns(doc: Doc, lower: list[str], used: list[bool], mentions: list[Mention],
              entities: dict[str, Entity], in_quote: list[bool], sent_of: list[int]) -> None:
    """References back: he/she to the last person, it/they/"the government" to the last
    actor that was not a prepositional object; we/our inside quotes to the speaker (left
    for the rules, which know the speaker)."""
    n = len(doc)
    new: list[Mention] = []
    named = sorted(mentions, key=lambda m: m.start)
    for i in range(n):
        if used[i]:
            continue
        t = lower[i]
        target: Mention | None = None
        start, end, how = i, i + 1, "pronoun"
        if t in ("he", "she"):
            target = next((m for m in reversed(named) if m.start < i and m.kind == "person"),
                          None)
        elif t == "them" and i > 0 and (lower[i - 1] in _VERB_FORMS or lower[i - 1] in (
                "let", "allow", "allowed", "allows", "permit", "permitted")):
            target = next((m for m in reversed(named) if m.start < i and m.kind == "system"),
                          None)
        elif t in ("it", "they") and not in_quote[i]:
            nxt = lower[i + 1] if i + 1 < n else ""
            if nxt in ("is", "was", "'s", "’s") and t == "it":
                continue  # "it is obvious", expletive
            target = _last_subject(named, lower, i, sent_of, kinds=("state", "org"))
        elif t in ("the", "his", "her", "its", "their") and i + 1 < n and \
                lower[i + 1] in GOVERNMENT_NOUNS and not used[i + 1] and (
                    t == "the" or lower[i + 1] in ("government", "administration", "cabinet",
                                                   "country")):
            if lower[i + 1] in ("latter", "former"):
                continue
            if t == "the" and lower[i + 1] in ("ministry", "department", "agency"):
                target = next((m for m in reversed(named) if m.start < i and m.kind == "org"
                               and m.etype == "GovernmentBody" and (
                                   lower[i + 1] != "agency"
                                   or "agency" in m.label.lower().split())), None) or (
                    None if lower[i + 1] == "agency" else _last_subject(
                    named, lower, i, sent_of, kinds=("state",), any_pos=True))
            elif t == "the":
                target = _last_subject(named, lower, i, sent_of, kinds=("state",), any_pos=True)
            else:  # "his government": the government of the last person named, in the
                #      sentence the last one not in a prepositional phrase ("Lula said after
                #      meeting with Chancellor Scholz that his country …": Lula's)
                people = [m for m in named if m.start < i and m.kind == "person"]
                here = [m for m in people if sent_of[m.start] == sent_of[i]
                        and not _after_preposition(doc, lower, m.start, sent_of[m.start])]
                person = here[-1] if here else (people[-1] if people else None)
                if person is not None and person.based_in:
                    target = Mention(person.start, person.end, person.start_char,
                                     person.end_char, person.text, "state", person.based_in,
                                     person.based_in, "pronoun")
            end, how = i + 2, "definite"
        if target is None:
            continue
        span = doc[start:end]
        new.append(Mention(start, end, span.start_char, span.end_char, span.text, target.kind,
                           target.id, target.label, how, based_in=target.based_in,
                           etype=target.etype))
    for m in new:
        for k in range(m.start, m.end):
            used[k] = True
    mentions.extend(new)


_TITLE_WORDS = frozenset(w for t in TITLES for w in t.split())


def _after_preposition(doc: Doc, lower: list[str], start: int, floor: int) -> bool:
    """Whether the name at ``start``, with its title and the capitalised words before it
    ("with German Chancellor Olaf Scholz"), follows a preposition."""
    k = start - 1
    while k >= floor and (lower[k] in _TITLE_WORDS or doc[k].text[:1].isupper()
                          or lower[k] in ("the", "a", "'s", "’s")):
        k -= 1
    return k >= floor and lower[k] in PREPOSITIONS


def _last_subject(named: list[Mention], lower: list[str], i: int, sent_of: list[int],
                  kinds: tuple[str, ...], any_pos: bool = False) -> Mention | None:
    for m in reversed(named):
        if m.start >= i or m.kind not in kinds or m.how == "demonym":
            continue
        if i - m.start > 120:
            return None
        if any_pos:
            return m
        prep = _prep_before(lower, m.start, sent_of[m.start])
        if prep is None and not (m.end < len(lower) and lower[m.end] in POSSESSIVE_MARKS):
            return m
    return None
