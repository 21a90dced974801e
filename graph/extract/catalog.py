"""The entity dictionary extraction links against, read from the graph itself.

Every name the graph knows becomes a *surface form* of its entity: ``rdfs:label``,
``skos:prefLabel`` and ``skos:altLabel`` of states, organisations, people and weapons
systems; a state's ``arms:demonym`` ("Japanese", "Japanese-built", "the Americans") and
``arms:capital`` (the metonym in "Tokyo relaxed …"); a system's ``arms:designation``,
plurals ("Patriots", "F-16s") and spelling variants ("PAC 3", "PAC3"). Growing the
reference data grows the dictionary with no code change.

Matching is case-sensitive on the token text (``ORTH``), so the pronoun "us" never links
to the United States, with a title-case and an upper-case variant of each form for
headlines. The longest match wins, which makes "Leopard 2A6" the specific variant rather
than the "Leopard 2" family.

Examples
--------
>>> cat = Catalog.from_turtle('''
... @prefix arms: <https://w3id.org/armsgraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://w3id.org/armsgraph/id/state/JPN> a arms:State ; rdfs:label "Japan" ;
...     arms:demonym "Japanese" ; arms:capital "Tokyo" .
... <https://w3id.org/armsgraph/id/system/patriot> a arms:WeaponSystem ;
...     rdfs:label "Patriot" ; arms:designation "MIM-104" .
... ''')
>>> [(m.text, m.kind, m.entity.id.rsplit("/", 1)[-1]) for m in cat.find("Tokyo sent Patriots.")]
[('Tokyo', 'capital', 'JPN'), ('Patriots', 'name', 'patriot')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from threading import Lock
from typing import Any

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .. import ids
from ..errors import ParseError
from ..namespace import ARMS
from ..prefixes import sparql_prefixes
from ..resources import require
from ..store import Change, Store, added_in, parse_turtle
from ..store.snapshot import Part, snapshot
from .lexicon import (
    COMMON_LAST_WORDS,
    ITEM_WORD_SYNONYMS,
)
from .text import nlp

__all__ = [
    "CatalogEntry",
    "PolicyVersionEntry",
    "Match",
    "Catalog",
    "default_catalog",
    "CATALOG",
    "ENTITY_CLASSES",
]

#: Classes whose instances the catalog holds, with the kind of entity each gives.
ENTITY_CLASSES: dict[URIRef, str] = {
    ARMS.State: "state",
    ARMS.FormerState: "state",
    ARMS.Organisation: "org",
    ARMS.Company: "org",
    ARMS.GovernmentBody: "org",
    ARMS.NewsAgency: "org",
    ARMS.InternationalOrganisation: "org",
    ARMS.Alliance: "org",
    ARMS.NonStateActor: "org",
    ARMS.Person: "person",
    ARMS.WeaponSystem: "system",
}
#: Most specific class wins when an entity has several types.
_CLASS_ORDER = [
    ARMS.FormerState, ARMS.State, ARMS.Company, ARMS.GovernmentBody, ARMS.NewsAgency,
    ARMS.Alliance, ARMS.InternationalOrganisation, ARMS.NonStateActor, ARMS.Organisation,
    ARMS.Person, ARMS.WeaponSystem,
]
_LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)


@dataclass
class CatalogEntry:
    """One entity of the graph: IRI, class name, kind, label and the links extraction uses.

    ``parent`` is the wider system (``arms:partOf``) of a weapons system; ``based_in`` the
    state of an organisation or person; ``categories`` the slugs of a system's
    ``arms:category`` concepts (``air-defence-system``, ``tank`` …); ``origins`` every
    ``arms:originState`` of a system built by several states (``origin`` is the first).
    """

    id: str
    type: str
    kind: str
    label: str
    parent: str | None = None
    based_in: str | None = None
    position: str | None = None
    forms: dict[str, str] = field(default_factory=dict)
    origin: str | None = None
    categories: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()


@dataclass(frozen=True)
class PolicyVersionEntry:
    """A curated policy version: its IRI, the state that issued it and when it began."""

    id: str
    assigner: str
    valid_from: str


@dataclass(frozen=True)
class Match:
    """A catalog entity found in a doc: token range, character range, how it was named."""

    start: int
    end: int
    start_char: int
    end_char: int
    text: str
    kind: str
    entity: CatalogEntry


def _lit(value: object) -> str | None:
    if isinstance(value, Literal):
        if value.language not in (None, "", "en") and not str(value.language).startswith("en"):
            return None
        text = str(value).strip()
        return text or None
    return None


def _plural(word: str) -> list[str]:
    if re.search(r"(s|x|sh|ch|ese)$", word):
        return []
    if re.search(r"[^aeiou]y$", word):
        return [word[:-1] + "ies"]
    return [word + "s"]


def _variants(form: str, kind: str) -> list[str]:
    """Surface variants of a name: as written, Title Case, plurals, hyphen/space forms."""
    out = [form]
    if kind in ("name", "alias", "designation") and re.search(r"\d", form):
        if "-" in form:
            out += [form.replace("-", " "), form.replace("-", "")]
        elif re.search(r"[A-Za-z] \d", form):
            out += [re.sub(r"([A-Za-z]) (\d)", r"\1-\2", form)]
    if kind in ("name", "alias", "designation"):
        out += [v + "s" for v in list(out) if re.search(r"[A-Za-z0-9]$", v)]
    if kind == "demonym":
        out += _plural(form)
    if form[:1].islower():
        out.append(form[:1].upper() + form[1:])
    titled = " ".join(w[:1].upper() + w[1:] for w in form.split(" "))
    out.append(titled)
    if kind in ("name", "alias", "designation") and len(form) > 2:
        out.append(form.upper())
    if kind in ("name", "alias") and len(form) >= 4 and form.isalpha() and form.isupper():
        out.append(form[:1] + form[1:].lower())  # "CAESAR" as news writes it: "Caesar"
    return list(dict.fromkeys(v for v in out if v.strip()))


def _content_words(text: str) -> frozenset[str]:
    """Lower-case words of a name, singular, calibres and units dropped, synonyms folded."""
    out = set()
    for w in re.findall(r"[a-z]+", text.lower()):
        if w in ("mm", "cm", "in", "of", "the", "and", "a"):
            continue
        if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
            w = w[:-1]
        out.add(ITEM_WORD_SYNONYMS.get(w, w))
    return frozenset(out)


class Catalog:
    """Entities of the graph and the phrase matcher that finds them in text.

    Build one with :meth:`from_graph`, :meth:`from_store` (cached per store generation) or
    :meth:`from_turtle`; :func:`default_catalog` reads the project's reference data.
    """

    def __init__(self, entries: Iterable[CatalogEntry],
                 versions: Iterable[PolicyVersionEntry] = ()):
        self.entries: dict[str, CatalogEntry] = {e.id: e for e in entries}
        self.versions: list[PolicyVersionEntry] = sorted(
            versions, key=lambda v: (v.valid_from, v.id))  # the same order however read
        self._matcher: PhraseMatcher | None = None
        self._keys: dict[int, tuple[CatalogEntry, str]] = {}
        self._lock = Lock()
        self.surnames: dict[str, CatalogEntry] = {}
        self._generic: dict[frozenset[str], list[CatalogEntry]] | None = None
        self._prefixes: dict[str, CatalogEntry] | None = None
        #: Tokenised name variants for the matcher, shared with the catalogs made from this
        #: one (:meth:`with_graphs`; a worker's next catalog, :mod:`armsgraph.extract.pool`):
        #: tokenising every name again took half of each rebuild. Docs are never changed.
        self.docs: dict[str, Doc] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Entries and versions only (sent to extraction workers, :mod:`armsgraph.extract.pool`):
        the matcher and the indexes are made again where the catalog is used."""
        return {"entries": self.entries, "versions": self.versions}

    def __setstate__(self, state: dict[str, Any]) -> None:
        Catalog.__init__(self, state["entries"].values(), state["versions"])

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, iri: object) -> bool:
        return str(iri) in self.entries

    def get(self, iri: str) -> CatalogEntry | None:
        return self.entries.get(iri)

    # -- building ------------------------------------------------------------------------

    @classmethod
    def from_graph(cls, graph: Graph) -> Catalog:
        """Read states, organisations, people and systems with their names from a graph."""
        types: dict[URIRef, URIRef] = {}
        for cls_iri in _CLASS_ORDER:
            for s in graph.subjects(RDF.type, cls_iri):
                if isinstance(s, URIRef) and s not in types:
                    types[s] = cls_iri
        entries = []
        for s, cls_iri in types.items():
            kind = ENTITY_CLASSES[cls_iri]
            names = [n for p in _LABELS for o in graph.objects(s, p) if (n := _lit(o))]
            label = next(
                (n for o in graph.objects(s, RDFS.label) if (n := _lit(o))),
                names[0] if names else None,
            )
            if label is None:
                continue
            forms: dict[str, str] = {}
            for n in names:
                forms.setdefault(n, "name" if n == label else "alias")
            if kind == "state":
                for o in graph.objects(s, ARMS.demonym):
                    if (n := _lit(o)):
                        forms.setdefault(n, "demonym")
                for o in graph.objects(s, ARMS.capital):
                    if (n := _lit(o)):
                        forms.setdefault(n, "capital")
            if kind == "system":
                for o in graph.objects(s, ARMS.designation):
                    if (n := _lit(o)):
                        forms.setdefault(n, "designation")
            parent = next((str(o) for o in graph.objects(s, ARMS.partOf)), None)
            based = next((str(o) for o in graph.objects(s, ARMS.basedIn)), None)
            position = next((n for o in graph.objects(s, ARMS.position) if (n := _lit(o))), None)
            origins = tuple(sorted(str(o) for o in graph.objects(s, ARMS.originState)))
            origin = origins[0] if origins else None  # sorted: the same one in every run
            categories = tuple(sorted(str(o).rsplit("/", 1)[-1]
                                      for o in graph.objects(s, ARMS.category)))
            entries.append(CatalogEntry(
                id=str(s), type=str(cls_iri).rsplit("#", 1)[-1], kind=kind, label=label,
                parent=parent, based_in=based, position=position, forms=forms, origin=origin,
                categories=categories, origins=origins,
            ))
        versions = []
        for v in graph.subjects(RDF.type, ARMS.PolicyVersion):
            assigner = graph.value(v, ARMS.assigner)
            start = graph.value(v, ARMS.validFrom)
            if isinstance(v, URIRef) and assigner is not None and start is not None:
                versions.append(PolicyVersionEntry(str(v), str(assigner), str(start)))
        return cls(entries, versions)

    @classmethod
    def from_turtle(cls, data: str) -> Catalog:
        """A catalog from Turtle text (tests, small examples)."""
        g = Graph()
        try:
            g.parse(data=data, format="turtle")
        except Exception as err:  # rdflib raises plain exceptions for bad Turtle
            raise ParseError(f"invalid Turtle for the catalog: {err}") from err
        return cls.from_graph(g)

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Catalog:
        """A catalog from Turtle files (the project's ``data/reference/*.ttl``)."""
        g = Graph()
        for path in paths:
            g += parse_turtle(path)
        return cls.from_graph(g)

    @classmethod
    def from_store(cls, store: Store) -> Catalog:
        """The catalog of a store, from its current snapshot (:data:`CATALOG`).

        When the only writes since the snapshot before added source graphs (ingested
        articles), the new catalog is the one before plus the entities those graphs name
        (:meth:`with_graphs`), which reads a few triples instead of the whole store; any
        other write rebuilds it from the store. A catalog is never changed once made: a
        caller still holding it keeps a consistent catalog.
        """
        return snapshot(store).get(CATALOG)

    @classmethod
    def read(cls, store: Store) -> Catalog:
        """The catalog of a store, read from the whole store."""
        graph = store.construct(_CONSTRUCT)
        graph += store.construct(_CONSTRUCT_VERSIONS)
        return cls.from_graph(graph)

    def with_graphs(self, store: Store, graphs: Iterable[URIRef]) -> Catalog | None:
        """A new catalog: this one with the entities that ``graphs`` of ``store`` describe.

        Every IRI that the graphs give a type or a name is read again over the whole store
        (all its names, from every graph), so its entry is the one a full rebuild makes.
        Policy versions the graphs mention (an ingested policy decision states one) are
        read again the same way. This catalog is left as it is.
        """
        subjects: set[URIRef] = set()
        versions: set[URIRef] = set()
        for g in graphs:
            for row in store.select(_SELECT_VERSIONS, bindings={"g": g}):
                if isinstance(row["v"], URIRef):
                    versions.add(row["v"])
            for row in store.select(_SELECT_SUBJECTS, bindings={"g": g}):
                s = row["s"]
                if isinstance(s, URIRef):
                    subjects.add(s)
        described = Graph()
        for s in sorted(subjects):
            described += store.construct(_CONSTRUCT, bindings={"s": s})
        for v in sorted(versions):
            described += store.construct(_CONSTRUCT_VERSION, bindings={"v": v})
        found = Catalog.from_graph(described)
        entries = dict(self.entries)
        entries.update(found.entries)
        kept = [v for v in self.versions if URIRef(v.id) not in versions]
        out = Catalog(entries.values(), kept + found.versions)
        out.docs = self.docs
        return out

    # -- matching ------------------------------------------------------------------------

    def _build(self) -> PhraseMatcher:
        with self._lock:
            if self._matcher is not None:
                return self._matcher
            pipeline = nlp()
            matcher = PhraseMatcher(pipeline.vocab, attr="ORTH")
            keys: dict[int, tuple[CatalogEntry, str]] = {}
            short = self._short_names()
            for n, entry in enumerate(self.entries.values()):
                forms = dict(entry.forms)
                for name, owner in short.items():
                    if owner is entry and name not in forms:
                        forms[name] = "alias"  # "Typhoon" for "Eurofighter Typhoon"
                for form, kind in forms.items():
                    for variant in _variants(form, kind):
                        key = f"{n}|{kind}|{variant}"
                        keys[pipeline.vocab.strings.add(key)] = (entry, kind)
                        doc = self.docs.get(variant)
                        if doc is None:
                            doc = self.docs[variant] = pipeline.make_doc(variant)
                        matcher.add(key, [doc])
                if entry.kind == "person":
                    last = entry.label.split()[-1]
                    if len(last) > 3 and last[:1].isupper():
                        self.surnames.setdefault(last, entry)
            self._keys = keys
            self._matcher = matcher
            return matcher

    def _short_names(self) -> dict[str, CatalogEntry]:
        """Last words of multi-word system names that name one system only ("Typhoon" of
        "Eurofighter Typhoon", "Hercules" of "C-130 Hercules"); common words excluded."""
        seen: dict[str, list[CatalogEntry]] = {}
        taken = {f for e in self.entries.values() for f in e.forms}
        for e in self.entries.values():
            if e.kind != "system" or " " not in e.label:
                continue
            last = e.label.split()[-1]
            if len(last) > 3 and last.isalpha() and last[:1].isupper() and \
                    last not in COMMON_LAST_WORDS and last not in taken:
                seen.setdefault(last, []).append(e)
        return {k: v[0] for k, v in seen.items() if len(v) == 1 and v[0].parent is None}

    def match(self, doc: Doc) -> list[Match]:
        """Catalog entities in ``doc``: longest match first, no overlaps, in text order."""
        matcher = self._build()
        raw = matcher(doc)
        candidates = []
        for key, start, end in raw:
            entry, kind = self._keys[key]
            candidates.append((start, end, entry, kind))
        # longest first; on ties prefer a name over an alias over a capital
        rank = {"name": 0, "designation": 1, "alias": 2, "demonym": 3, "capital": 4}
        candidates.sort(key=lambda c: (-(c[1] - c[0]), rank.get(c[3], 5),
                                       c[2].type == "FormerState", c[0]))
        used = [False] * len(doc)
        out = []
        for start, end, entry, kind in candidates:
            if any(used[start:end]):
                continue
            for i in range(start, end):
                used[i] = True
            span = doc[start:end]
            out.append(Match(start, end, span.start_char, span.end_char, span.text, kind, entry))
        out.sort(key=lambda m: m.start)
        return out

    def find(self, text: str) -> list[Match]:
        """Catalog entities in a text (tokenised with the shared pipeline)."""
        return self.match(nlp().make_doc(text))

    def policy_version(self, assigner: str, date: str | None, precision: str | None,
                       published: str | None) -> str | None:
        """The curated version a policy decision brought into force.

        With a date, the assigner's version that began in that day, month or year (per the
        precision); without one, the assigner's latest version begun by the publication
        date. ``None`` when the graph holds no such version.
        """
        mine = [v for v in self.versions if v.assigner == assigner]
        if date:
            size = {"day": 10, "month": 7}.get(precision or "", 4)
            hits = [v for v in mine if v.valid_from[:size] == date[:size]]
            return hits[-1].id if hits else None
        if published:
            before = [v for v in mine if v.valid_from <= published]
            return before[-1].id if before else None
        return None

    def generic_link(self, phrase: str) -> CatalogEntry | None:
        """The one system whose name has exactly the content words of a generic phrase,
        calibres aside: "artillery ammunition" → "155 mm artillery shell"."""
        if self._generic is None:
            index: dict[frozenset[str], list[CatalogEntry]] = {}
            for e in self.entries.values():
                if e.kind != "system":
                    continue
                for form in {e.label, *e.forms}:
                    key = _content_words(form)
                    if len(key) >= 2 and e not in index.setdefault(key, []):
                        index[key].append(e)
            self._generic = index
        hits = self._generic.get(_content_words(phrase), [])
        calibres = set(re.findall(r"\d+(?:\.\d+)?", phrase))
        if calibres:  # "130 mm artillery shells" are not the catalog's 155 mm shells
            hits = [e for e in hits if any(calibres <= set(re.findall(r"\d+(?:\.\d+)?", form))
                                           for form in {e.label, *e.forms})]
        return hits[0] if len(hits) == 1 else None

    def family_of(self, token: str) -> CatalogEntry | None:
        """The system a variant designation starts with: "K9A1" → K9, "K2PL" → K2.

        Only an exact catalog name or designation followed by letters or digits that do not
        continue its own number counts ("K29" is not a K2).
        """
        if self._prefixes is None:
            index: dict[str, CatalogEntry] = {}
            for e in self.entries.values():
                if e.kind == "system":
                    for form in {e.label, *e.forms}:
                        if re.fullmatch(r"[A-Z][A-Za-z]{0,4}-?\d+[A-Za-z0-9-]*", form):
                            index.setdefault(form, e)
            self._prefixes = index
        best: CatalogEntry | None = None
        size = 0
        for k in range(len(token) - 1, 1, -1):
            head, rest = token[:k], token[k:]
            hit = self._prefixes.get(head)
            if hit is not None and not (head[-1].isdigit() and rest[:1].isdigit()):
                if k > size:
                    best, size = hit, k
                break
        return best

    def munition_of(self, entry: CatalogEntry) -> CatalogEntry | None:
        """The munition of a system, when the catalog has exactly one (``arms:partOf`` it,
        labelled as ammunition, rounds, shells or missiles): "Gepard rounds" → the Gepard's
        35 mm ammunition."""
        kids = [e for e in self.entries.values() if e.parent == entry.id and re.search(
            r"ammunition|round|shell|munition|cartridge", e.label, re.I)]
        return kids[0] if len(kids) == 1 else None


_CONSTRUCT = sparql_prefixes("arms", "rdf", "rdfs", "skos") + """
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?t { arms:State arms:FormerState arms:Organisation arms:Company arms:GovernmentBody
              arms:NewsAgency arms:InternationalOrganisation arms:Alliance arms:NonStateActor
              arms:Person arms:WeaponSystem }
  ?s a ?t .
  VALUES ?p { rdf:type rdfs:label skos:prefLabel skos:altLabel arms:demonym arms:capital
              arms:designation arms:partOf arms:basedIn arms:position arms:originState
              arms:category }
  ?s ?p ?o .
}
"""
_CONSTRUCT_VERSIONS = sparql_prefixes("arms", "rdf") + """
CONSTRUCT { ?v a arms:PolicyVersion ; arms:assigner ?a ; arms:validFrom ?d } WHERE {
  ?v a arms:PolicyVersion ; arms:assigner ?a ; arms:validFrom ?d .
}
"""
#: Subjects a graph types or names (the entities whose entries it may change).
_SELECT_SUBJECTS = sparql_prefixes("arms", "rdf", "rdfs", "skos") + """
SELECT DISTINCT ?s ?g WHERE {
  GRAPH ?g { ?s ?p ?o }
  VALUES ?p { rdf:type rdfs:label skos:prefLabel skos:altLabel arms:demonym arms:capital
              arms:designation arms:partOf arms:basedIn arms:position arms:originState
              arms:category }
}
"""
#: Policy versions a graph types or gives an assigner or a start (read again on refresh).
_SELECT_VERSIONS = sparql_prefixes("arms", "rdf") + """
SELECT DISTINCT ?v ?g WHERE {
  GRAPH ?g { ?v ?p ?o }
  VALUES ?p { rdf:type arms:assigner arms:validFrom }
  FILTER(?p != rdf:type || ?o = arms:PolicyVersion)
}
"""
#: One policy version over the whole store, as :data:`_CONSTRUCT_VERSIONS` reads them all.
_CONSTRUCT_VERSION = sparql_prefixes("arms", "rdf") + """
CONSTRUCT { ?v a arms:PolicyVersion ; arms:assigner ?a ; arms:validFrom ?d } WHERE {
  ?v a arms:PolicyVersion ; arms:assigner ?a ; arms:validFrom ?d .
}
"""
_DEFAULT_LOCK = Lock()
_DEFAULT: list[Catalog] = []


def _refresh(store: Store, old: Catalog, changes: list[Change]) -> Catalog | None:
    added = added_in(changes, str(ids.GRAPH["source/"]))
    if added is None:
        return None
    return old.with_graphs(store, added) if added else old


#: The extraction catalog as a part of a store's snapshot (:mod:`armsgraph.store.snapshot`).
CATALOG: Part[Catalog] = Part("extraction-catalog", build=Catalog.read, refresh=_refresh)


def default_catalog() -> Catalog:
    """The catalog of the project's reference data and curated cases, read once.

    ``data/reference/*.ttl`` gives the names; ``ontology/examples/*.ttl`` adds the curated
    policy versions that extracted policy decisions link to.
    """
    with _DEFAULT_LOCK:
        if _DEFAULT:
            return _DEFAULT[0]
    from ..settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    reference = require(settings.data_dir / "reference", "the reference data", "*.ttl")
    paths = sorted(reference.glob("*.ttl")) + sorted(
        (settings.ontology_dir / "examples").glob("*.ttl"))
    catalog = Catalog.from_files(paths)
    with _DEFAULT_LOCK:
        if not _DEFAULT:
            _DEFAULT.append(catalog)
        return _DEFAULT[0]
