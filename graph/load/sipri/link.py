"""Link SIPRI's names to the graph: parties, weapons systems and production places.

Three lookups, each built once from the store before an import:

- :class:`PartyIndex` — SIPRI's recipient and supplier names to the *same* entities the
  articles use: the ``rdfs:label`` / ``skos:altLabel`` / ``skos:hiddenLabel`` of states and
  former states (``data/reference/states.ttl``), then of the non-state actors, international
  organisations and unknown parties of ``data/reference/sipri-parties.ttl``.
- :class:`Catalog` — SIPRI's weapon designations to catalog systems (``arms:WeaponSystem``
  outside the SIPRI graph) by label, alias or ``arms:designation``, case-insensitively, then
  by family prefix ("MIM-104 PAC-3 MSE" → "MIM-104", "F-16C" → "F-16").
- :func:`licence_hint` — whether SIPRI's comments say the items were produced under
  licence, and where ("produced under licence in Japan", "US design produced in Japan for
  USA", "from production line in Germany").

Examples
--------
>>> licence_hint("For Patriot air-defence systems; produced under licence in Japan")
LicenceHint(place='Japan', design=None, explicit=True, hedged=False, more=())
>>> licence_hint("US design produced in Japan for USA; for Patriot air-defence systems")
LicenceHint(place='Japan', design='US', explicit=False, hedged=False, more=())
>>> licence_hint("For 4 MEKO-200 frigates produced in Turkey") is None
True
>>> family_candidates("MIM-104A Patriot")
['mim-104a patriot', 'mim-104a', 'mim-104']
>>> family_candidates("F-16C Block-50")
['f-16c block-50', 'f-16c', 'f-16']
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from ... import ids
from ...namespace import ARMS
from ...prefixes import sparql_prefixes
from ...store import Store

__all__ = [
    "norm",
    "PartyIndex",
    "Catalog",
    "LicenceHint",
    "licence_hint",
    "family_candidates",
    "description_kind",
]

_SPACES = re.compile(r"\s+")
_HYPHEN_SPACE = re.compile(r"[\s\u2010-\u2015-]+")


def norm(name: str) -> str:
    """Lower-case ASCII with single spaces: the key names are compared by.

    >>> norm("  Türkiye ")
    'turkiye'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _SPACES.sub(" ", ascii_name).strip().lower()


def _dkey(name: str) -> str:
    """Designation key: like :func:`norm`, and hyphens count as spaces ("Leopard-2")."""
    return _HYPHEN_SPACE.sub(" ", norm(name)).strip()


# -- parties ---------------------------------------------------------------------------

_PARTY_QUERY = sparql_prefixes("arms", "rdfs", "skos") + """
SELECT DISTINCT ?e ?p ?name ?cls WHERE {
  VALUES ?cls { arms:State arms:FormerState arms:NonStateActor arms:InternationalOrganisation
                arms:Alliance arms:UnknownParty }
  VALUES ?p { rdfs:label skos:altLabel skos:hiddenLabel arms:demonym }
  ?e a ?cls ; ?p ?name .
}
"""
_RANK = {RDFS.label: 0, SKOS.altLabel: 1, SKOS.hiddenLabel: 2, ARMS.demonym: 3}


class PartyIndex:
    """SIPRI party names → actor IRIs, from the labels of actors in the store.

    A name matches case- and accent-insensitively. When one name labels several actors,
    an ``rdfs:label`` wins over an ``skos:altLabel``, which wins over an
    ``skos:hiddenLabel``; a tie at the best rank leaves the name unresolved (ambiguous).
    Demonyms ("Russian", "US") are used only for places named in comments.
    """

    def __init__(self, store: Store) -> None:
        best: dict[str, tuple[int, set[URIRef]]] = {}
        self.unknown: set[URIRef] = set()
        self.states: set[URIRef] = set()
        self._labels: dict[URIRef, str] = {}
        for row in store.select(_PARTY_QUERY):
            e, p, name, cls = row["e"], row["p"], row["name"], row["cls"]
            if not isinstance(e, URIRef):
                continue
            if cls == ARMS.UnknownParty:
                self.unknown.add(e)
            if cls in (ARMS.State, ARMS.FormerState):
                self.states.add(e)
            rank = _RANK.get(URIRef(str(p)), 9)
            if rank == 0:
                old_label = self._labels.get(e)
                if old_label is None or str(name) < old_label:
                    self._labels[e] = str(name)
            key = norm(str(name))
            old = best.get(key)
            if old is None or rank < old[0]:
                best[key] = (rank, {e})
            elif rank == old[0]:
                old[1].add(e)
        self._best = best

    def __len__(self) -> int:
        return len(self._best)

    def resolve(self, name: str, *, demonyms: bool = False) -> URIRef | None:
        """The actor a SIPRI name denotes, or None when unknown or ambiguous."""
        hit = self._best.get(norm(name))
        if hit is None:
            return None
        rank, entities = hit
        if len(entities) != 1 or (rank == _RANK[ARMS.demonym] and not demonyms):
            return None
        return next(iter(entities))

    def label(self, entity: URIRef) -> str:
        """The entity's ``rdfs:label`` (the least, when it has several), else its IRI."""
        return self._labels.get(entity, str(entity))

    def why_not(self, name: str) -> str:
        """A short reason why :meth:`resolve` gave None for ``name``."""
        hit = self._best.get(norm(name))
        if hit is not None and len(hit[1]) > 1:
            return f"ambiguous party name {name!r}: " + ", ".join(sorted(hit[1]))
        return f"unresolvable party name {name!r} (not a label of any state or SIPRI party)"


# -- weapons systems -------------------------------------------------------------------

_CATALOG_QUERY = sparql_prefixes("arms", "rdfs", "skos") + """
SELECT DISTINCT ?s ?name ?sipri WHERE {
  ?s a arms:WeaponSystem .
  { ?s rdfs:label ?name } UNION { ?s skos:altLabel ?name } UNION { ?s arms:designation ?name }
  FILTER NOT EXISTS { GRAPH ?sipri { ?s a arms:WeaponSystem } }
}
"""
_CATEGORY_QUERY = sparql_prefixes("arms") + """
SELECT DISTINCT ?s ?c WHERE { ?s a arms:WeaponSystem ; arms:category ?c . }
"""
_PART_OF_QUERY = sparql_prefixes("arms") + """
SELECT DISTINCT ?s ?f ?sipri WHERE {
  ?s arms:partOf ?f .
  FILTER NOT EXISTS { GRAPH ?sipri { ?s a arms:WeaponSystem } }
}
"""
#: A variant suffix after a model number: F-16C, MIM-104A, Mi-17V1, Leopard-2A4.
_VARIANT = re.compile(r"^(.*\d)[a-z]{1,3}\d{0,2}$")
#: A trailing "-N" model number: Piranha-3, Gepard-3 (guarded by the description).
_HYPHEN_TAIL = re.compile(r"^(.+?)[-\u2010-\u2015][^-\s]+$")


def family_candidates(designation: str) -> list[str]:
    """Keys to try for a designation, most specific first (exact key excluded last).

    Words are dropped from the end ("MIM-104 PAC-3 MSE" → "MIM-104 PAC-3" → "MIM-104");
    a variant suffix on the last word is stripped ("F-16C" → "F-16"). Hyphenated model
    numbers are *not* cut here ("Patriot-2" stays): see :meth:`Catalog.match`.
    """
    words = norm(designation).split(" ")
    out: list[str] = []
    for k in range(len(words), 0, -1):
        head = words[:k]
        for cand in (" ".join(head), _variant(head)):
            if cand and cand not in out:
                out.append(cand)
    return out


def _variant(words: list[str]) -> str | None:
    m = _VARIANT.match(words[-1])
    if not m or m.group(1).endswith(("-", " ")):
        return None
    return " ".join([*words[:-1], m.group(1)])


#: Coarse kinds of weapons, to catch a designation that names two different things
#: ("Mamba": the South African APC and the SAMP/T missile system).
_CATEGORY_KIND = {
    "aircraft": "aircraft", "fighter-aircraft": "aircraft", "helicopter": "aircraft",
    "transport-aircraft": "aircraft", "unmanned-aerial-vehicle": "aircraft",
    "air-defence-system": "air-defence", "self-propelled-anti-aircraft-gun": "air-defence",
    "surface-to-air-missile": "air-defence",
    "anti-submarine-warfare-weapon": "naval", "naval-weapon": "naval", "ship": "naval",
    "armoured-vehicle": "armour", "tank": "armour", "infantry-fighting-vehicle": "armour",
    "armoured-personnel-carrier": "armour",
    "artillery": "artillery", "self-propelled-gun": "artillery", "towed-gun": "artillery",
    "multiple-rocket-launcher": "artillery",
    "engine": "engine", "sensor": "sensor", "satellite": "satellite",
    "missile": "missile", "air-to-air-missile": "missile", "air-to-surface-missile": "missile",
    "surface-to-surface-missile": "missile", "anti-ship-missile": "missile",
    "anti-tank-missile": "missile",
    "ammunition": "ammunition", "artillery-ammunition": "ammunition",
}
#: SIPRI descriptions to coarse kinds, first match wins (order matters: an "anti-aircraft
#: gun" is air defence, an "ASW helicopter" an aircraft, an "anti-tank missile" a missile).
_DESCRIPTION_KIND = [
    (re.compile(r"surface-to-air|anti-aircraft|\bAA\b|air[- ]defen[cs]e|\bSAM\b|"
                r"anti-ballistic", re.I), "air-defence"),
    (re.compile(r"aircraft|helicopter|\bUAV\b|unmanned|airship|aeroplane", re.I), "aircraft"),
    (re.compile(r"rocket launcher|\bMRL\b|self-propelled gun|howitzer", re.I), "artillery"),
    (re.compile(r"missile|rocket|guided bomb|\bbomb\b", re.I), "missile"),
    (re.compile(r"torpedo|depth charge|\bmine|ship|frigate|corvette|submarine|destroyer|"
                r"\bboat|craft\b|vessel|naval", re.I), "naval"),
    (re.compile(r"\btank|armou?red|personnel carrier|\bAPC\b|infantry fighting|"
                r"\bIFV\b|vehicle|scout car", re.I), "armour"),
    (re.compile(r"\bgun\b|howitzer|mortar|\bMRL\b|artillery", re.I), "artillery"),
    (re.compile(r"engine|turbofan|turbojet|turboprop|turboshaft|diesel", re.I), "engine"),
    (re.compile(r"radar|sensor|sonar|electro-optical|fire control|\bEW\b", re.I), "sensor"),
    (re.compile(r"satellite", re.I), "satellite"),
    (re.compile(r"shell|ammunition", re.I), "ammunition"),
]


def description_kind(description: str) -> str | None:
    """The coarse kind of a SIPRI weapon description, or None when it is not clear.

    >>> description_kind("armoured personnel carrier"), description_kind("ASW helicopter")
    ('armour', 'aircraft')
    >>> description_kind("anti-ballistic missile missile"), description_kind("SIGINT pod")
    ('air-defence', None)
    >>> description_kind("multiple rocket launcher"), description_kind("guided rocket")
    ('artillery', 'missile')
    """
    for pattern, kind in _DESCRIPTION_KIND:
        if pattern.search(description):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class SystemMatch:
    """How a designation was linked: the system and the rule that found it."""

    system: URIRef
    rule: str  # "exact", "family" or "family-description"


class Catalog:
    """Catalog weapons systems by label, alias and designation, with their families.

    Parameters
    ----------
    store : the store; systems in the SIPRI graph (made by an earlier import) are ignored.
    """

    def __init__(self, store: Store) -> None:
        self.by_key: dict[str, set[URIRef]] = defaultdict(set)
        bind = {"sipri": ids.SIPRI_GRAPH}
        for row in store.select(_CATALOG_QUERY, bind):
            s = row["s"]
            if isinstance(s, URIRef):
                self.by_key[_dkey(str(row["name"]))].add(s)
        self.parent: dict[URIRef, URIRef] = {}
        for row in store.select(_PART_OF_QUERY, bind):
            s, f = row["s"], row["f"]
            if isinstance(s, URIRef) and isinstance(f, URIRef) and s != f:
                self.parent.setdefault(s, f)
        self._descriptions: dict[URIRef, set[str]] = defaultdict(set)
        self._kinds: dict[URIRef, set[str]] = defaultdict(set)
        for row in store.select(_CATEGORY_QUERY):
            kind = _CATEGORY_KIND.get(str(row["c"]).rstrip("/").rsplit("/", 1)[-1])
            if kind and isinstance(row["s"], URIRef):
                self._kinds[row["s"]].add(kind)

    def __len__(self) -> int:
        return len({s for v in self.by_key.values() for s in v})

    def family(self, system: URIRef) -> URIRef:
        """The root of ``system``'s ``arms:partOf`` chain (itself when it has none)."""
        seen = {system}
        while system in self.parent:
            system = self.parent[system]
            if system in seen:
                break
            seen.add(system)
        return system

    def kinds(self, system: URIRef) -> set[str]:
        """Coarse kinds of a system from its categories, else from its ``partOf`` chain."""
        seen: set[URIRef] = set()
        while system not in seen:
            seen.add(system)
            if self._kinds.get(system):
                return self._kinds[system]
            if system not in self.parent:
                break
            system = self.parent[system]
        return set()

    def compatible(self, system: URIRef, description: str) -> bool:
        """False when the system's category and SIPRI's description are different kinds."""
        kind = description_kind(description)
        kinds = self.kinds(system)
        return kind is None or not kinds or kind in kinds

    def lookup(self, designation: str) -> SystemMatch | None:
        """Match by label, alias or designation, then by word prefix and variant suffix."""
        exact = self._one(_dkey(designation))
        if exact is not None:
            return SystemMatch(exact, "exact")
        for cand in family_candidates(designation)[1:]:
            hit = self._one(_dkey(cand))
            if hit is not None:
                return SystemMatch(hit, "family")
        return None

    def learn(self, system: URIRef, description: str) -> None:
        """Remember a SIPRI description seen on a designation that matched ``system``."""
        self._descriptions[self.family(system)].add(norm(description))

    def match(self, designation: str, description: str) -> SystemMatch | None:
        """Match for the import, after :meth:`learn` has seen the exact matches.

        No match counts when the system's category and the description are different
        kinds (:func:`description_kind`: "Mamba, armoured personnel carrier" is not the
        SAMP/T). Otherwise an exact match counts, and a family match counts unless rows
        matched exactly to that family carry other SIPRI descriptions only ("RB-57F Canberra,
        reconnaissance aircraft" is not the NLAW anti-tank missile "RB 57"); a
        hyphenated model number needs the same description (:meth:`lookup_guarded`).
        """
        m = self.lookup(designation)
        if m is not None and m.rule != "exact":
            seen = self._descriptions.get(self.family(m.system))
            if seen and norm(description) not in seen:
                m = None
        m = m or self.lookup_guarded(designation, description)
        return m if m is not None and self.compatible(m.system, description) else None

    def lookup_guarded(self, designation: str, description: str) -> SystemMatch | None:
        """Cut a trailing "-N" model number ("Piranha-3" → "Piranha"), but only when the
        family's matched rows carry the same SIPRI description: "Patriot-2, armoured
        personnel carrier" is not a Patriot missile system."""
        m = _HYPHEN_TAIL.match(norm(designation).split(" ")[0])
        if not m:
            return None
        hit = self._one(_dkey(m.group(1)))
        if hit is None or norm(description) not in self._descriptions[self.family(hit)]:
            return None
        return SystemMatch(hit, "family-description")

    def _one(self, key: str) -> URIRef | None:
        hits = self.by_key.get(key)
        if hits and len(hits) == 1:
            return next(iter(hits))
        return None


# -- licensed production ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LicenceHint:
    """What a comment says about licensed production.

    ``place`` is where the items were produced (as written: "Japan", "USA"), ``design``
    the adjective or name of the design's origin ("US", "Russian"), ``explicit`` whether
    the word licence/license is used, ``hedged`` whether SIPRI says probably/possibly.
    """

    place: str | None
    design: str | None
    explicit: bool
    hedged: bool
    #: Further production lines ("from Czechoslovak and Polish production lines": place
    #: "Czechoslovak", more ("Polish",)); how the deal was split among them is not known.
    more: tuple[str, ...] = ()


#: The whole comment denies a licence: an unlicensed copy.
_UNLICENSED = re.compile(r"\b(?:without (?:\w+ )?licen[cs]e|unlicensed)\b", re.I)
#: This clause is about something else than licensed production of the item.
_NEGATED = re.compile(r"\b(?:export licen[cs]e|abandon\w*|cancel\w*|prior to licen\w*)", re.I)
_LICENCE_WORD = re.compile(r"\blicen[cs](?:e|ed|ing)\b", re.I)
_PLACE = r"([A-Z][A-Za-z'.]*(?: [A-Z][A-Za-z'.]*){0,3})"
_LICENCE_PLACE = re.compile(r"\blicen[cs]\w*\b.*?\bin " + _PLACE)
_LICENCE_BY = re.compile(r"\bunder ([A-Z][A-Za-z]+) licen[cs]e\b")
_DESIGN = re.compile(
    r"^(?:incl |probably |possibly )*([A-Z][A-Za-z]*) design produced in " + _PLACE
)
_PRODUCED = re.compile(
    r"^(?i:(?:incl |probably |possibly |most |licen[cs]e )*produced in )" + _PLACE
)
#: "from production line in Germany", "from EuroSpike production line in Germany", "From
#: German production line", "from Turkish production line", "from FRG production line".
_LINE = re.compile(
    r"\b(?i:from) (?:([A-Z][A-Za-z]*) )?(?:[A-Z][A-Za-z]* )?"
    r"(?:(?:assembly/)?production|assembly) line(?!s)"
    r"(?: in " + _PLACE + ")?"
)
#: "from Czechoslovak and Polish production lines", "FRG and/or Italian production lines".
_LINES = re.compile(
    r"(?:\b(?i:from) |^)([A-Z][A-Za-z]*(?:(?:,| and/or| and| or) [A-Z][A-Za-z]*)+) "
    r"production lines\b"
)
_LINES_SEP = re.compile(r",? (?:and/or|and|or) |, ")
_HEDGE = re.compile(r"\b(?:probably|possibly|perhaps|reportedly)\b", re.I)


def licence_hint(comments: str) -> LicenceHint | None:
    """Licensed production read from SIPRI's comments, or None when there is none.

    Comments are split at "; " into clauses. A clause counts when it uses the word licence
    (or license) without negating it ("without licence", "export licence", "planned
    licensed production abandoned"; a comment that says "without licence" or "unlicensed"
    has none at all), when it says "<X> design produced in <place>", when it
    *starts* with "produced in <place>" (so "for frigates produced in Spain", which is about
    another platform, does not count), or when it says "from production line in <place>"
    or "from <Demonym> production line" (the place as written: "German", "Turkish"; an
    "assembly line" or "assembly/production line" too). "From <A> and <B> production
    lines" names several places (``more``), each hedged: the split is not known.

    >>> licence_hint("From German EuroSpike production line; Spike-LR version").place
    'German'
    >>> licence_hint("Spike-LR version; from EuroSpike production line in Germany").place
    'Germany'
    >>> h = licence_hint("Most from Czechoslovak and Polish production lines")
    >>> (h.place, h.more, h.hedged)
    ('Czechoslovak', ('Polish',), True)
    >>> licence_hint("Kasser-2 version from assembly/production line in United Arab Emirates").place
    'United Arab Emirates'

    >>> licence_hint("Incl production under licence in Poland").place
    'Poland'
    >>> licence_hint("Possibly without licence; produced in China") is None
    True
    >>> licence_hint("Export licence for 2 refused") is None
    True
    """
    if _UNLICENSED.search(comments):
        return None
    for clause in (c.strip() for c in comments.split(";")):
        if not clause:
            continue
        hedged = bool(_HEDGE.search(clause))
        if _LICENCE_WORD.search(clause) and not _NEGATED.search(clause):
            m = _LICENCE_PLACE.search(clause)
            by = _LICENCE_BY.search(clause)
            return LicenceHint(
                place=m.group(1) if m else None,
                design=by.group(1) if by else None,
                explicit=True,
                hedged=hedged,
            )
        if _NEGATED.search(clause):
            continue
        d = _DESIGN.search(clause)
        if d:
            return LicenceHint(place=d.group(2), design=d.group(1), explicit=False, hedged=hedged)
        p = _PRODUCED.search(clause)
        if p:
            return LicenceHint(place=p.group(1), design=None, explicit=False, hedged=hedged)
        lines = _LINES.search(clause)
        if lines:
            # several lines: which made how many is not said, so each is a guess
            first, *more = _LINES_SEP.split(lines.group(1))
            return LicenceHint(place=first, design=None, explicit=False, hedged=True,
                               more=tuple(more))
        line = _LINE.search(clause)
        if line and (line.group(2) or line.group(1)):
            # the place named after "in" wins over the adjective before "production line"
            return LicenceHint(place=line.group(2) or line.group(1), design=None,
                               explicit=False, hedged=hedged)
    return None
