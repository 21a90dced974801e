"""What extraction returns: entities, facts with provenance, and the source they came from.

Plain dataclasses with a JSON form (:meth:`Extraction.to_json`) documented in
``docs/extraction.md``. Role ids are full IRIs (``https://w3id.org/armsgraph/id/state/JPN``);
``span`` is the character range of the supporting sentence in the article text, so
``text[span[0]:span[1]] == sentence``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FACT_TYPES",
    "ROLES",
    "STATUSES",
    "CONSENT_STATUSES",
    "Role",
    "DateValue",
    "Attribution",
    "Entity",
    "Fact",
    "PolicyRule",
    "RULE_EFFECTS",
    "TRANSFER_KINDS",
    "DESTINATION_SCOPES",
    "SourceInfo",
    "Extraction",
]

#: The roles each fact type may carry (JSON names).
ROLES: dict[str, tuple[str, ...]] = {
    "Transfer": ("supplier", "recipient", "item"),
    "ProductionLicense": ("licensor", "licensee", "item"),
    "ReExportConsent": ("holder", "destination", "item", "consent_holder"),
    "Policy": ("actor", "target"),
    "Threat": ("actor", "speaker", "target"),
    "Request": ("requester", "item", "addressee"),
    "Assurance": ("actor", "addressee", "item"),
}
FACT_TYPES: tuple[str, ...] = tuple(ROLES)

#: Modalities of facts (``status``), as in the ontology's arms:ModalityScheme.
STATUSES: tuple[str, ...] = (
    "delivered", "planned", "promised", "reported", "requested", "approved", "refused",
    "hypothetical", "conditional", "threatened",
)
#: Statuses of a ReExportConsent (arms:ConsentStatusScheme).
CONSENT_STATUSES: tuple[str, ...] = ("required", "requested", "granted", "refused")
#: What a policy's rule does (arms:Prohibition, arms:Permission, arms:Duty).
RULE_EFFECTS: tuple[str, ...] = ("prohibition", "permission", "duty")
#: Which hop a rule governs (arms:DirectExport, arms:ReExport).
TRANSFER_KINDS: tuple[str, ...] = ("direct-export", "re-export")
#: Classes of destinations a rule names (arms:PartyToArmedConflict, arms:AnyThirdState,
#: arms:AnyState).
DESTINATION_SCOPES: tuple[str, ...] = ("at-war", "third-state", "any")


@dataclass(frozen=True)
class Role:
    """An entity filling a role of a fact: its IRI and the label it is known by."""

    id: str
    label: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "label": self.label}


@dataclass(frozen=True)
class DateValue:
    """A date found in the text.

    ``value`` is ``YYYY-MM-DD`` (day, or a representative day), ``YYYY-MM`` (month) or
    ``YYYY`` (year or approximate); it is ``None`` when a relative date could not be
    resolved because the article has no publication date (``unresolved`` is then True).
    """

    value: str | None
    precision: str
    text: str = ""
    start: int = 0
    end: int = 0
    unresolved: bool = False

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "precision": self.precision}
        if self.unresolved:
            out["unresolved"] = True
            out["text"] = self.text
        return out


@dataclass(frozen=True)
class Attribution:
    """Who said a fact (``speaker``) and through whom the source learned it (``via``)."""

    speaker: Role | None = None
    via: Role | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker.to_json() if self.speaker else None,
            "via": self.via.to_json() if self.via else None,
        }


@dataclass
class Entity:
    """An entity mentioned in the article; ``linked`` is False when created from text.

    ``type`` is the ontology class's local name (``State``, ``Company``, ``Person``,
    ``WeaponSystem``, ``NewsAgency`` …). People carry ``position``, ``based_in`` and
    ``accredited_to`` (state IRIs) when the text says them.
    """

    id: str
    type: str
    label: str
    linked: bool
    position: str | None = None
    based_in: str | None = None
    accredited_to: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "type": self.type, "label": self.label, "linked": self.linked,
        }
        for key in ("position", "based_in", "accredited_to"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out


@dataclass(frozen=True)
class PolicyRule:
    """What a Policy fact's rule says, in the ontology's terms, so that
    :mod:`armsgraph.reason.policy` can apply it (ingest writes it as a policy version of the
    actor, valid from the fact's date, with one arms:Rule per transfer kind).

    ``effect`` is one of :data:`RULE_EFFECTS`; ``transfer_kinds`` of
    :data:`TRANSFER_KINDS`; ``destination_scopes`` of :data:`DESTINATION_SCOPES`;
    ``destination_states`` and ``items`` are IRIs (states the rule names, systems it is
    narrowed to); ``parts`` narrows it to parts and components; ``consent_from`` is whose
    consent a duty requires (IRIs).
    """

    effect: str
    transfer_kinds: tuple[str, ...]
    destination_scopes: tuple[str, ...] = ()
    destination_states: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    parts: bool = False
    consent_from: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"effect": self.effect, "transfer_kinds": list(self.transfer_kinds)}
        for key in ("destination_scopes", "destination_states", "items", "consent_from"):
            value = getattr(self, key)
            if value:
                out[key] = list(value)
        if self.parts:
            out["parts"] = True
        return out


@dataclass
class Fact:
    """One typed fact, with the sentence that states it and the rule that found it."""

    id: str
    type: str
    status: str
    roles: dict[str, Role]
    sentence: str
    span: tuple[int, int]
    rule: str
    confidence: float
    date: DateValue | None = None
    attribution: Attribution | None = None
    quantity: int | None = None
    condition: str | None = None
    consequence: str | None = None
    content: str | None = None
    policy_version: str | None = None
    policy_rule: PolicyRule | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "roles": {name: role.to_json() for name, role in self.roles.items()},
            "date": self.date.to_json() if self.date else None,
            "confidence": self.confidence,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "rule": self.rule,
            "attribution": self.attribution.to_json() if self.attribution else None,
        }
        if self.quantity is not None:
            out["quantity"] = self.quantity
        for key in ("condition", "consequence", "content", "policy_version"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.policy_rule is not None:
            out["policy_rule"] = self.policy_rule.to_json()
        return out


@dataclass
class SourceInfo:
    """The article as a source: metadata plus the content key (``ids.digest(text)``)."""

    id: str
    key: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "outlet": self.outlet, "url": self.url,
            "published": self.published, "language": self.language, "key": self.key,
        }


@dataclass
class Extraction:
    """Everything extraction found in one article; ``warnings`` say what it could not do."""

    source: SourceInfo
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_sha256: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source.to_json(),
            "entities": [e.to_json() for e in self.entities],
            "facts": [f.to_json() for f in self.facts],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out
