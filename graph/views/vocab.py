"""The public names of the read views: entity, statement and status names and the ontology
terms they stand for (:data:`ENTITY_TYPES`, :data:`FACT_TYPES`, :data:`STATUSES`), API ids of
IRIs (:func:`entity_key`, :func:`source_key`) and JSON names and values of RDF terms."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal

from rdflib import RDF, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import PROV
from rdflib.term import Node

from .. import ids
from ..namespace import ARMS

__all__ = [
    "source_key",
    "ENTITY_TYPES",
    "FACT_TYPES",
    "STATUSES",
    "Scalar",
    "EntityType",
    "FactType",
    "StatusName",
    "entity_key",
]


EntityType = Literal[
    "state", "former-state", "organisation", "company", "government-body", "news-agency",
    "international-organisation", "alliance", "non-state-actor", "unknown-party", "person",
    "system", "lot", "category", "policy", "policy-version", "deal",
]
FactType = Literal[
    "transfer", "production-licence", "re-export-consent", "policy-decision", "threat",
    "request", "assurance", "backfill", "conflict-participation", "embargo", "membership",
]
StatusName = Literal[
    "delivered", "planned", "promised", "reported", "requested", "approved", "refused",
    "hypothetical", "conditional", "threatened", "required", "granted",
]

#: Public entity type names and the ontology classes they stand for (with subclasses).
ENTITY_TYPES: dict[EntityType, URIRef] = {
    "state": ARMS.State,
    "former-state": ARMS.FormerState,
    "organisation": ARMS.Organisation,
    "company": ARMS.Company,
    "government-body": ARMS.GovernmentBody,
    "news-agency": ARMS.NewsAgency,
    "international-organisation": ARMS.InternationalOrganisation,
    "alliance": ARMS.Alliance,
    "non-state-actor": ARMS.NonStateActor,
    "unknown-party": ARMS.UnknownParty,
    "person": ARMS.Person,
    "system": ARMS.WeaponSystem,
    "lot": ARMS.Lot,
    "category": ARMS.SystemCategory,
    "policy": ARMS.Policy,
    "policy-version": ARMS.PolicyVersion,
    "deal": ARMS.Deal,
}

#: Public statement type names and their ontology classes.
FACT_TYPES: dict[FactType, URIRef] = {
    "transfer": ARMS.Transfer,
    "production-licence": ARMS.ProductionLicence,
    "re-export-consent": ARMS.ReExportConsent,
    "policy-decision": ARMS.PolicyDecision,
    "threat": ARMS.Threat,
    "request": ARMS.Request,
    "assurance": ARMS.Assurance,
    "backfill": ARMS.Backfill,
    "conflict-participation": ARMS.ConflictParticipation,
    "embargo": ARMS.Embargo,
    "membership": ARMS.Membership,
}

#: Statuses a fact can have: its modality, or the status of a re-export consent. A name
#: may stand for two terms (``requested`` is a modality and a consent status).
STATUSES: dict[StatusName, tuple[URIRef, ...]] = {
    "delivered": (ARMS.Delivered,),
    "planned": (ARMS.Planned,),
    "promised": (ARMS.Promised,),
    "reported": (ARMS.Reported,),
    "requested": (ARMS.Requested, ARMS.ConsentRequested),
    "approved": (ARMS.Approved,),
    "refused": (ARMS.Refused, ARMS.ConsentRefused),
    "hypothetical": (ARMS.Hypothetical,),
    "conditional": (ARMS.Conditional,),
    "threatened": (ARMS.Threatened,),
    "required": (ARMS.ConsentRequired,),
    "granted": (ARMS.ConsentGranted,),
}

_PRECISIONS: dict[URIRef, str] = {
    ARMS.DayPrecision: "day",
    ARMS.MonthPrecision: "month",
    ARMS.YearPrecision: "year",
    ARMS.ApproximatePrecision: "approximate",
}

Scalar = str | int | float | bool

_ID_PREFIX = str(ids.ID)
#: Where ingest writes: one named graph per source under this prefix.
_SOURCE_GRAPHS = str(ids.GRAPH["source/"])
_SCHEMA_URL = URIRef("https://schema.org/url")
_STATUS_OF: dict[URIRef, str] = {t: name for name, terms in STATUSES.items() for t in terms}
_ENTITY_SLUG: dict[URIRef, str] = {v: k for k, v in ENTITY_TYPES.items()}
_FACT_SLUG: dict[URIRef, str] = {v: k for k, v in FACT_TYPES.items()}
#: Predicates of a statement that the fact record shows in their own fields.
_FACT_FIELDS = {
    RDF.type, ARMS.modality, ARMS.consentStatus, ARMS.datePrecision, PROV.wasDerivedFrom,
    ARMS.sentence, ARMS.startChar, ARMS.endChar, ARMS.date, ARMS.confidence,
    ARMS.extractionRule,
}


def entity_key(iri: str) -> str:
    """The API id of an IRI: its path after ``/id/`` (other IRIs are kept whole).

    >>> entity_key("https://w3id.org/armsgraph/id/state/JPN")
    'state/JPN'
    """
    return iri[len(_ID_PREFIX):] if iri.startswith(_ID_PREFIX) else iri


def _iri_of(key: str) -> str:
    """Inverse of :func:`entity_key`; a full IRI given as a key is accepted as is."""
    return key if key.startswith(_ID_PREFIX) else _ID_PREFIX + key


def _snake(name: str) -> str:
    """``consentHolder`` → ``consent_holder``: JSON names of predicates."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


_CURIES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
    "http://www.w3.org/2000/01/rdf-schema#": "rdfs",
    "http://www.w3.org/2002/07/owl#": "owl",
    "http://www.w3.org/2004/02/skos/core#": "skos",
    "http://purl.org/dc/terms/": "dcterms",
    "http://www.w3.org/ns/prov#": "prov",
    "https://schema.org/": "schema",
}


def _key(predicate: str) -> str:
    """JSON name of a predicate: ``consent_holder`` for ours, ``skos:altLabel`` for others.

    >>> _key(str(ARMS.consentHolder)), _key("http://www.w3.org/2004/02/skos/core#altLabel")
    ('consent_holder', 'skos:altLabel')
    """
    if predicate.startswith(str(ARMS)):
        return _snake(predicate[len(str(ARMS)):])
    for ns, prefix in _CURIES.items():
        if predicate.startswith(ns):
            return f"{prefix}:{predicate[len(ns):]}"
    return predicate


def _scalar(term: Node) -> Scalar:
    """A literal as a JSON scalar: numbers and booleans as such, dates ISO, else text."""
    if not isinstance(term, RdfLiteral):
        return str(term)
    value = term.toPython()
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return str(term)


def _float(term: Node | None) -> float | None:
    value = _scalar(term) if term is not None else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(term: Node | None) -> int | None:
    value = _scalar(term) if term is not None else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None




def source_key(text: str) -> str:
    """A source's key from any form an answer gives it: the key, ``source/KEY``
    (``source:KEY``) or its IRI.

    >>> source_key("https://w3id.org/armsgraph/id/source/15aa"), source_key("source/15aa")
    ('15aa', '15aa')
    """
    text = ids.from_prefixed(text.strip())
    for prefix in (str(ids.ID["source/"]), "source/"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text
