"""IRIs of armsgraph's own entities, facts, sources and named graphs.

One place decides how things are named, so that the reference data, the examples,
the extractor, the SIPRI importer and the API all mint the same IRI for the same thing:

- states: ``id/state/{ISO 3166 alpha-3}`` (ISO 3166-3 codes for former states: SUHH → ``SUN``)
- weapons systems: ``id/system/{slug}``; organisations ``id/org/{slug}``;
  people ``id/person/{slug}``
- statements: ``id/fact/{key}``; sources ``id/source/{key}``; policies ``id/policy/{slug}``
- named graphs: ``graph/ontology``, ``graph/reference/{name}``, ``graph/case/{name}``,
  ``graph/source/{key}``, ``graph/sipri``

Examples
--------
>>> str(state("jpn"))
'https://w3id.org/armsgraph/id/state/JPN'
>>> slug("Leopard 2A6 (tank)")
'leopard-2a6-tank'
>>> str(system("Patriot PAC-3"))
'https://w3id.org/armsgraph/id/system/patriot-pac-3'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container, Mapping

from rdflib import Namespace, URIRef

from .errors import UnknownEntity

__all__ = [
    "BASE",
    "ID",
    "GRAPH",
    "slug",
    "digest",
    "state",
    "system",
    "org",
    "person",
    "fact",
    "source",
    "policy",
    "deal",
    "lot",
    "category",
    "unknown_party",
    "source_graph",
    "reference_graph",
    "case_graph",
    "ONTOLOGY_GRAPH",
    "SIPRI_GRAPH",
    "REVIEW_GRAPHS",
    "review",
    "reviewer",
    "review_graph",
    "KINDS",
    "from_prefixed",
    "id_candidates",
    "resolve",
]

BASE = "https://w3id.org/armsgraph/"
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_GRAPH = GRAPH["ontology"]
SIPRI_GRAPH = GRAPH["sipri"]
#: Every analyst review is a named graph under this prefix (``graph/review/{key}``).
REVIEW_GRAPHS = str(GRAPH["review/"])

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: a stable IRI segment for a name."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-") or "x"


def digest(*parts: str, length: int = 16) -> str:
    """A short, stable hex key for the given parts (SHA-256, first ``length`` chars)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def state(alpha3: str) -> URIRef:
    """IRI of a state by its ISO 3166 alpha-3 (or ISO 3166-3) code."""
    return ID[f"state/{alpha3.upper()}"]


def system(name: str) -> URIRef:
    """IRI of a weapons system from its name or slug."""
    return ID[f"system/{slug(name)}"]


def org(name: str) -> URIRef:
    """IRI of an organisation (company, body, alliance, agency) from its name."""
    return ID[f"org/{slug(name)}"]


def person(name: str) -> URIRef:
    """IRI of a person from their name."""
    return ID[f"person/{slug(name)}"]


def lot(system_name: str, state_code: str) -> URIRef:
    """IRI of the lot of a system produced in a state (e.g. Patriot made in Japan)."""
    return ID[f"lot/{slug(system_name)}-{state_code.lower()}"]


def fact(key: str) -> URIRef:
    """IRI of a statement from a stable key."""
    return ID[f"fact/{key}"]


def source(key: str) -> URIRef:
    """IRI of a source document from a stable key."""
    return ID[f"source/{key}"]


def policy(name: str) -> URIRef:
    """IRI of a policy or policy version from its name."""
    return ID[f"policy/{slug(name)}"]


def deal(name: str) -> URIRef:
    """IRI of a deal (one real transfer seen through several statements)."""
    return ID[f"deal/{slug(name)}"]


def category(name: str) -> URIRef:
    """IRI of a weapons-system category (a concept of ``arms:CategoryScheme``).

    Examples
    --------
    >>> str(category("Air-defence system"))
    'https://w3id.org/armsgraph/id/category/air-defence-system'
    """
    return ID[f"category/{slug(name)}"]


def unknown_party(role: str, key: str) -> URIRef:
    """IRI of an ``arms:UnknownParty``: a role a source leaves open, in one statement.

    Examples
    --------
    >>> str(unknown_party("supplier", "0a1b2c"))
    'https://w3id.org/armsgraph/id/unknown/supplier-0a1b2c'
    """
    return ID[f"unknown/{slug(role)}-{key}"]


def source_graph(key: str) -> URIRef:
    """Named graph that holds everything one source states."""
    return GRAPH[f"source/{key}"]


def reference_graph(name: str) -> URIRef:
    """Named graph of one reference-data file (``data/reference/{name}.ttl``)."""
    return GRAPH[f"reference/{slug(name)}"]


def case_graph(name: str) -> URIRef:
    """Named graph of one curated case (``ontology/examples/{name}.ttl``)."""
    return GRAPH[f"case/{slug(name)}"]


def review(key: str) -> URIRef:
    """IRI of one analyst review (an ``arms:Review``, a ``prov:Activity``)."""
    return ID[f"review/{key}"]


def reviewer(name: str) -> URIRef:
    """IRI of a reviewer (a ``prov:Agent``) from the name they review under.

    >>> str(reviewer("A. Analyst"))
    'https://w3id.org/armsgraph/id/reviewer/a-analyst'
    """
    return ID[f"reviewer/{slug(name)}"]


def review_graph(key: str) -> URIRef:
    """Named graph that holds one review and the statement it writes, if any."""
    return GRAPH[f"review/{key}"]


#: The first segment of every id this module mints (``state`` in ``state/JPN``).
KINDS = frozenset({
    "state", "system", "org", "person", "fact", "source", "policy", "deal", "lot",
    "category", "unknown", "review", "reviewer",
})


def from_prefixed(text: str) -> str:
    """``kind/key`` for a prefixed name ``kind:key`` (``state:JPN``, as Turtle exports and the
    CLI's SPARQL tables write ids), anything else as it is.

    >>> from_prefixed("state:JPN"), from_prefixed("fact:abc"), from_prefixed("F-16:A")
    ('state/JPN', 'fact/abc', 'F-16:A')
    """
    kind, sep, key = text.strip().partition(":")
    if sep and kind in KINDS and key and not key.startswith("/"):
        return f"{kind}/{key}"
    return text


def id_candidates(text: str) -> list[str]:
    """The IRIs an id may stand for: a full IRI as is, ``kind/key`` (or the prefixed name
    ``kind:key``) under ``id/``.

    A state's code is tried upper-case too (``state/jpn`` is ``state/JPN``).

    >>> id_candidates("state/jpn")
    ['https://w3id.org/armsgraph/id/state/jpn', 'https://w3id.org/armsgraph/id/state/JPN']
    >>> id_candidates("state:JPN")
    ['https://w3id.org/armsgraph/id/state/JPN']
    >>> id_candidates("https://w3id.org/armsgraph/id/system/patriot")
    ['https://w3id.org/armsgraph/id/system/patriot']
    >>> id_candidates("Japan")
    ['Japan']
    """
    text = from_prefixed(text.strip())
    kind, sep, key = text.partition("/")
    if not sep or kind not in KINDS or not key:
        return [text]
    found = [str(ID[text])]
    if kind == "state" and key != key.upper():
        found.append(str(state(key)))
    return found


def resolve(
    value: str, known: Container[str], names: Mapping[str, str], what: str
) -> str:
    """The IRI that a user's text names, in every form an answer of armsgraph gives.

    One resolver for every endpoint and command: a full IRI, an id (``state/JPN``,
    ``system/patriot``, or prefixed: ``state:JPN``), or a name, alias, designation or ISO
    code looked up (any case) in ``names`` (casefolded name → IRI, built from the same
    entities as ``known``).
    ``known`` holds the IRIs an id may name.

    Raises
    ------
    UnknownEntity
        When the text names nothing in ``known``; the message says ``what`` was sought.

    >>> JPN = str(state("JPN"))
    >>> names = {"japan": JPN, "jpn": JPN, "jp": JPN}
    >>> {resolve(v, {JPN}, names, "state") for v in (JPN, "state/JPN", "JPN", "japan ")}
    {'https://w3id.org/armsgraph/id/state/JPN'}
    >>> resolve("Atlantis", {JPN}, names, "state")
    Traceback (most recent call last):
    ...
    armsgraph.errors.UnknownEntity: unknown state 'Atlantis'
    """
    text = str(value).strip()
    for candidate in id_candidates(text):
        if candidate in known:
            return candidate
    hit = names.get(text.casefold()) or names.get(text.lower())
    if hit is not None:
        return hit
    raise UnknownEntity(f"unknown {what} {value!r}")
