"""Ingest: an article file in, its facts written to the store as one named graph.

:func:`load_article` reads ``NAME.txt`` (and ``NAME.meta.json`` beside it),
:func:`to_triples` turns an :class:`~armsgraph.extract.model.Extraction` into RDF (pure), and
:func:`ingest` writes it into the named graph ``graph/source/{key}``, where ``key`` is
``ids.digest(text)`` of the text exactly as read. The write is one atomic
``Store.add_graph``: the graph is written whole or not at all, and a second ingest of the
same text finds the graph present and adds nothing.

Examples
--------
>>> from armsgraph.store import OxigraphStore
>>> from armsgraph.extract.catalog import Catalog
>>> cat = Catalog.from_turtle('''
... @prefix arms: <https://w3id.org/armsgraph/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/armsgraph/id/state/DEU> a arms:State ; rdfs:label "Germany" .
... <https://w3id.org/armsgraph/id/state/UKR> a arms:State ; rdfs:label "Ukraine" .
... ''')
>>> store = OxigraphStore()
>>> art = Article("demo", "Germany sent 14 Leopard 2A6 tanks to Ukraine.", {})
>>> first = ingest(store, art, catalog=cat)
>>> first.added, first.facts
(True, 1)
>>> again = ingest(store, art, catalog=cat)
>>> again.added, len(store) == first.triples
(False, True)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV
from rdflib.term import Node

from .. import ids
from ..errors import ExtractionError, InputError, ParseError
from ..extract import check_meta, extract, valid_url
from ..extract.catalog import Catalog, default_catalog
from ..extract.model import Entity, Extraction, Fact
from ..extract.text import MAX_CHARS, check_text
from ..files import read_input
from ..namespace import ARMS
from ..store import Store

__all__ = [
    "Article",
    "IngestResult",
    "load_article",
    "read_meta",
    "to_triples",
    "ingest",
    "Extractor",
    "commit",
    "serialize",
    "explain_text",
    "date_literal",
    "FACT_CLASSES",
    "ROLE_PROPERTIES",
    "MODALITIES",
    "CONSENT_TERMS",
    "PRECISIONS",
]

SCHEMA_URL = URIRef("https://schema.org/url")
Triple = tuple[Node, Node, Node]

_CLASSES: dict[str, URIRef] = {
    "Transfer": ARMS.Transfer,
    "ProductionLicense": ARMS.ProductionLicence,
    "ReExportConsent": ARMS.ReExportConsent,
    "Policy": ARMS.PolicyDecision,
    "Threat": ARMS.Threat,
    "Request": ARMS.Request,
    "Assurance": ARMS.Assurance,
}
_ROLE_PROPS: dict[str, URIRef] = {
    "supplier": ARMS.supplier, "recipient": ARMS.recipient, "item": ARMS.item,
    "licensor": ARMS.licensor, "licensee": ARMS.licensee, "holder": ARMS.holder,
    "destination": ARMS.destination, "consent_holder": ARMS.consentHolder,
    "actor": ARMS.actor, "speaker": ARMS.speaker, "target": ARMS.target,
    "requester": ARMS.requester, "addressee": ARMS.addressee,
}
_MODALITIES: dict[str, URIRef] = {
    "delivered": ARMS.Delivered, "planned": ARMS.Planned, "promised": ARMS.Promised,
    "reported": ARMS.Reported, "requested": ARMS.Requested, "approved": ARMS.Approved,
    "refused": ARMS.Refused, "hypothetical": ARMS.Hypothetical,
    "conditional": ARMS.Conditional, "threatened": ARMS.Threatened,
    # consent statuses and a granted licence, read as modalities
    "granted": ARMS.Approved, "required": ARMS.Conditional,
}
_CONSENT: dict[str, URIRef] = {
    "required": ARMS.ConsentRequired, "requested": ARMS.ConsentRequested,
    "granted": ARMS.ConsentGranted, "refused": ARMS.ConsentRefused,
}
_PRECISIONS: dict[str, URIRef] = {
    "day": ARMS.DayPrecision, "month": ARMS.MonthPrecision, "year": ARMS.YearPrecision,
    "approximate": ARMS.ApproximatePrecision,
}
#: Roles the shapes require; a fact that leaves one open names an arms:UnknownParty.
_REQUIRED: dict[str, tuple[str, ...]] = {
    "Transfer": ("supplier", "recipient"),
    "Request": ("addressee",),
    "Threat": ("target",),
    "ProductionLicense": ("licensee",),
}
_ENTITY_CLASSES: dict[str, URIRef] = {
    "Person": ARMS.Person, "WeaponSystem": ARMS.WeaponSystem, "NewsAgency": ARMS.NewsAgency,
    "Organisation": ARMS.Organisation, "Company": ARMS.Company,
    "GovernmentBody": ARMS.GovernmentBody, "State": ARMS.State,
}


#: Public names of the tables above, for modules that write statements of their own
#: (analyst corrections in :mod:`armsgraph.reason.review`): fact type → class, role → property,
#: status → modality, consent status → term, precision → term.
FACT_CLASSES = _CLASSES
ROLE_PROPERTIES = _ROLE_PROPS
MODALITIES = _MODALITIES
CONSENT_TERMS = _CONSENT
PRECISIONS = _PRECISIONS


@dataclass
class Article:
    """An article to ingest: its name (file stem), text as read, and metadata."""

    name: str
    text: str
    meta: dict[str, Any]


@dataclass
class IngestResult:
    """What an ingest did: the source and graph IRIs, whether it wrote, and counts."""

    source: URIRef
    graph: URIRef
    added: bool
    facts: int
    triples: int
    extraction: Extraction


def load_article(path: Path, meta_path: Path | None = None) -> Article:
    """Read ``NAME.txt`` and, when present, ``NAME.meta.json`` beside it.

    ``meta_path`` names another metadata file (it must then exist).

    Raises
    ------
    ExtractionError
        The file is missing, a folder, over 2 MB (2,000,000 bytes), not UTF-8, or not
        extractable text.
    ParseError
        The metadata is not a JSON object with string fields and a ``YYYY-MM-DD`` date.
    """
    path = Path(path)
    data = read_input(path, "article", limit=MAX_CHARS, error=ExtractionError)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ExtractionError(
            f"article {path} is not UTF-8 text (undecodable byte at offset {err.start})"
        ) from err
    try:
        check_text(text)
    except ExtractionError as err:
        raise ExtractionError(f"article {path}: {err}") from err
    name = path.name[: -len(path.suffix)] if path.suffix else path.name
    meta: dict[str, Any] = {}
    if meta_path is not None:
        meta = read_meta(Path(meta_path))
    elif (beside := path.with_name(name + ".meta.json")).exists():
        meta = read_meta(beside)
    return Article(name=name, text=text, meta=meta)


def read_meta(path: Path) -> dict[str, Any]:
    """Read and check an article's metadata JSON; problems raise :class:`ParseError`."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise ParseError(f"cannot read metadata: {err.strerror or err}", source=str(path)) \
            from err
    except UnicodeDecodeError as err:
        raise ParseError("metadata is not UTF-8", source=str(path)) from err
    except json.JSONDecodeError as err:
        raise ParseError(f"malformed JSON: {err.msg}", source=str(path), line=err.lineno) \
            from err
    return check_meta(raw, source=str(path))


def _iri(value: str, where: str) -> URIRef:
    if not value.startswith(ids.BASE) or any(c in value for c in ' <>"{}|\\^`\n'):
        raise ExtractionError(f"{where}: {value!r} is not an armsgraph IRI")
    return URIRef(value)


def date_literal(value: str) -> Literal:
    """An ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` string as its XSD literal (gYear,
    gYearMonth, date); anything else raises :class:`ExtractionError` naming the value."""
    if len(value) == 10:
        return Literal(value, datatype=XSD.date)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    raise ExtractionError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def to_triples(extraction: Extraction) -> list[Triple]:
    """The RDF of an extraction: source, facts and the entities created from text.

    Pure; raises :class:`ExtractionError` if a fact cannot be written (an id that is not
    an armsgraph IRI, an unknown type, status or date), before anything is returned.
    """
    src = extraction.source
    s = _iri(src.id, "source")
    out: list[Triple] = [(s, RDF.type, ARMS.Source)]
    title = src.title or (extraction.facts[0].sentence[:200] if extraction.facts else None)
    if title:
        out.append((s, DCTERMS.title, Literal(title)))
    if src.outlet:
        out.append((s, ARMS.outlet, Literal(src.outlet)))
    if src.url:
        if not valid_url(src.url):
            raise ExtractionError(f"source url {src.url!r} is not an absolute URL")
        out.append((s, SCHEMA_URL, URIRef(src.url)))  # an IRI, as in the curated examples
    if src.published:
        out.append((s, DCTERMS.issued, Literal(src.published, datatype=XSD.date)))
    if src.language:
        out.append((s, DCTERMS.language, Literal(src.language)))
    if extraction.text_sha256:
        out.append((s, ARMS.contentHash, Literal(extraction.text_sha256)))
    referenced: set[str] = set()
    for fact in extraction.facts:
        out.extend(_fact_triples(fact, s, referenced))
        out.extend(_policy_rule_triples(fact, s, src.published))
    for entity in extraction.entities:
        if entity.id in referenced and (not entity.linked or entity.type == "Person"):
            out.extend(_entity_triples(entity))
    return out


def _fact_triples(fact: Fact, source: URIRef, referenced: set[str]) -> list[Triple]:
    f = _iri(fact.id, "fact")
    cls = _CLASSES.get(fact.type)
    if cls is None:
        raise ExtractionError(f"fact {fact.id}: unknown type {fact.type!r}")
    modality = _MODALITIES.get(fact.status)
    if modality is None:
        raise ExtractionError(f"fact {fact.id}: unknown status {fact.status!r}")
    out: list[Triple] = [
        (f, RDF.type, cls),
        (f, PROV.wasDerivedFrom, source),
        (f, ARMS.sentence, Literal(fact.sentence)),
        (f, ARMS.startChar, Literal(fact.span[0], datatype=XSD.nonNegativeInteger)),
        (f, ARMS.endChar, Literal(fact.span[1], datatype=XSD.nonNegativeInteger)),
        (f, ARMS.modality, modality),
        (f, ARMS.confidence, Literal(f"{fact.confidence:.2f}", datatype=XSD.decimal)),
        (f, ARMS.extractionRule, Literal(fact.rule)),
    ]
    if fact.type == "Policy" and "target" in fact.roles and fact.status == "approved":
        # a standing denial aimed at a state ("an embargo on X", "suspended exports to X")
        # is an embargo: graph/reason/policy.py blocks the actor's direct exports to the target
        out.append((f, RDF.type, ARMS.Embargo))
    if fact.type == "ReExportConsent":
        status = _CONSENT.get(fact.status)
        if status is None:
            raise ExtractionError(f"fact {fact.id}: unknown consent status {fact.status!r}")
        out.append((f, ARMS.consentStatus, status))
    for name, role in fact.roles.items():
        prop = _ROLE_PROPS.get(name)
        if prop is None:
            raise ExtractionError(f"fact {fact.id}: unknown role {name!r}")
        out.append((f, prop, _iri(role.id, f"fact {fact.id} role {name}")))
        referenced.add(role.id)
    key = fact.id.rsplit("/", 1)[-1]
    for name in _REQUIRED.get(fact.type, ()):
        if name not in fact.roles:
            party = ids.unknown_party(name, key)
            out += [(f, _ROLE_PROPS[name], party), (party, RDF.type, ARMS.UnknownParty),
                    (party, RDFS.label, Literal(f"unknown {name}")),
                    (party, ARMS.linked, Literal(False))]
    if fact.date is not None and fact.date.value is not None:
        precision = _PRECISIONS.get(fact.date.precision)
        if precision is None:
            raise ExtractionError(f"fact {fact.id}: unknown precision {fact.date.precision!r}")
        out += [(f, ARMS.date, date_literal(fact.date.value)), (f, ARMS.datePrecision, precision)]
    if fact.attribution is not None:
        if fact.attribution.speaker is not None:
            out.append((f, ARMS.attributedTo, _iri(fact.attribution.speaker.id, "speaker")))
            referenced.add(fact.attribution.speaker.id)
        if fact.attribution.via is not None:
            out.append((f, ARMS.reportedVia, _iri(fact.attribution.via.id, "via")))
            referenced.add(fact.attribution.via.id)
    return out + _optional(f, [
        (ARMS.quantity, fact.quantity, "int"), (ARMS.consequence, fact.consequence, "text"),
        (ARMS.content, fact.content, "text"), (ARMS.policyVersion, fact.policy_version, "iri"),
        (ARMS.condition, fact.condition, "iri"),
    ])


_EFFECTS: dict[str, URIRef] = {
    "prohibition": ARMS.Prohibition, "permission": ARMS.Permission, "duty": ARMS.Duty,
}
_KINDS: dict[str, URIRef] = {"direct-export": ARMS.DirectExport, "re-export": ARMS.ReExport}
_SCOPES: dict[str, URIRef] = {
    "at-war": ARMS.PartyToArmedConflict, "third-state": ARMS.AnyThirdState,
    "any": ARMS.AnyState,
}


def _policy_rule_triples(fact: Fact, source: URIRef, published: str | None) -> list[Triple]:
    """The rule a standing Policy fact states, as a policy version that the decision (the
    fact) brought into force: valid from the fact's date (the publication date when the
    sentence gives none), assigned to the actor (for a duty, to whose consent it needs),
    with one arms:Rule per transfer kind derived from the fact, so that
    :mod:`armsgraph.reason.policy` applies it with the sentence as the reason. Nothing for a
    fact linked to a curated version, a rule-less fact or one that is not ``approved``."""
    rule = fact.policy_rule
    if rule is None or fact.type != "Policy" or fact.status != "approved" or \
            fact.policy_version is not None or "actor" not in fact.roles:
        return []
    start = fact.date.value if fact.date is not None and fact.date.value else published
    if not start:
        return []  # in force since when is unknown: no version
    f = _iri(fact.id, "fact")
    key = fact.id.rsplit("/", 1)[-1]
    policy, version = ids.policy(f"stated-{key}"), ids.policy(f"stated-{key}-version")
    assigner = _iri(rule.consent_from[0] if rule.effect == "duty" and rule.consent_from
                    else fact.roles["actor"].id, f"fact {fact.id} assigner")
    label = Literal(fact.sentence)
    out: list[Triple] = [
        (f, ARMS.policyVersion, version),
        (policy, RDF.type, ARMS.Policy), (policy, RDFS.label, label),
        (policy, ARMS.assigner, assigner),
        (version, RDF.type, ARMS.PolicyVersion), (version, RDFS.label, label),
        (version, ARMS.versionOf, policy), (version, ARMS.assigner, assigner),
        (version, ARMS.validFrom, date_literal(start)), (version, PROV.wasDerivedFrom, source),
    ]
    for kind in rule.transfer_kinds:
        r = ids.policy(f"stated-{key}-{kind}")
        out += [(version, ARMS.rule, r), (r, RDF.type, _EFFECTS[rule.effect]),
                (r, RDFS.label, label), (r, ARMS.content, label),
                (r, ARMS.transferKind, _KINDS[kind]), (r, PROV.wasDerivedFrom, f)]
        out += [(r, ARMS.destinationScope, _SCOPES[x]) for x in rule.destination_scopes]
        out += [(r, ARMS.destinationState, _iri(x, "destination state"))
                for x in rule.destination_states]
        out += [(r, ARMS.appliesTo, _iri(x, "rule item")) for x in rule.items]
        out += [(r, ARMS.consentFrom, _iri(x, "consent from")) for x in rule.consent_from
                if rule.effect == "duty"]
        if rule.parts:
            out.append((r, ARMS.productScope, ARMS.PartsAndComponents))
    return out


def _optional(subject: URIRef, fields: list[tuple[URIRef, object, str]]) -> list[Triple]:
    """Triples for the fields that have a value: an IRI, an integer or a plain string."""
    out: list[Triple] = []
    for prop, value, kind in fields:
        if value is None or value == "":
            continue
        if kind == "iri":
            out.append((subject, prop, _iri(str(value), f"{subject} {prop}")))
        elif kind == "int":
            out.append((subject, prop, Literal(value, datatype=XSD.integer)))
        else:
            out.append((subject, prop, Literal(str(value))))
    return out


def _entity_triples(entity: Entity) -> list[Triple]:
    e = _iri(entity.id, "entity")
    cls = _ENTITY_CLASSES.get(entity.type, ARMS.Actor)
    out: list[Triple] = [(e, RDF.type, cls), (e, RDFS.label, Literal(entity.label))]
    if not entity.linked:
        out.append((e, ARMS.linked, Literal(False)))
    return out + _optional(e, [
        (ARMS.position, entity.position, "text"), (ARMS.basedIn, entity.based_in, "iri"),
        (ARMS.accreditedTo, entity.accredited_to, "iri"),
    ])


def commit(store: Store, extraction: Extraction) -> IngestResult:
    """Write an extraction into its source graph atomically (nothing if it exists)."""
    triples = to_triples(extraction)
    graph = ids.source_graph(extraction.source.key)
    added = store.add_graph(graph, triples)
    return IngestResult(
        source=URIRef(extraction.source.id), graph=graph, added=added,
        facts=len(extraction.facts), triples=len(triples),
        extraction=extraction,
    )


#: What extracts an article: :func:`armsgraph.extract.extract`'s signature (text, meta,
#: catalog), e.g. :meth:`armsgraph.extract.pool.ExtractionPool.extract` in a worker process.
Extractor = Callable[[str, Mapping[str, Any], Catalog], Extraction]


def ingest(store: Store, article: Article, *, catalog: Catalog | None = None,
           extractor: Extractor | None = None) -> IngestResult:
    """Extract an article and write its facts into the store (idempotent, atomic).

    The catalog is the store's own entities (:meth:`Catalog.from_store`), or the
    project's reference data when the store holds none. ``extractor`` extracts
    (default: :func:`armsgraph.extract.extract` on this thread).
    """
    if catalog is None:
        catalog = Catalog.from_store(store)
        if len(catalog) == 0:
            catalog = default_catalog()
    extraction = (extractor or extract)(article.text, article.meta, catalog)
    return commit(store, extraction)


def serialize(extraction: Extraction, fmt: str) -> str:
    """An extraction as JSON (``json``) or as its RDF in Turtle (``turtle``)."""
    if fmt == "json":
        return json.dumps(extraction.to_json(), indent=2, ensure_ascii=False) + "\n"
    if fmt in ("turtle", "ttl"):
        g = Graph()
        g.bind("arms", str(ARMS._NS))
        g.bind("prov", PROV)
        g.bind("dcterms", DCTERMS)
        for t in to_triples(extraction):
            g.add(t)
        return str(g.serialize(format="turtle"))
    raise InputError(f"unknown format {fmt!r}; use json or turtle")



def explain_text(extraction: Extraction) -> str:
    """The facts as plain text, one block per fact, for a pipe or a file (no table to
    fold): number, type, status, date, rule, confidence; the roles; the whole sentence."""
    lines = [f"{len(extraction.facts)} facts"]
    for n, f in enumerate(extraction.facts, 1):
        date = f"  {f.date.value} ({f.date.precision})" if f.date else ""
        lines.append("")
        lines.append(f"{n}. {f.type} ({f.status}){date}  rule {f.rule}, "
                     f"confidence {f.confidence:.2f}")
        lines.extend(f"   {k}: {v.label}" for k, v in f.roles.items())
        lines.append(f"   \u201c{f.sentence}\u201d")
    return "\n".join(lines)
