"""A small builder of toy worlds for the reasoning tests: states, systems, statements, rules.

Every IRI comes from :mod:`armsgraph.ids` and every term from ``ARMS``, so the toy graphs have
the same shape as the curated cases. ``World().store()`` puts the graph in a fresh
in-memory store.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from armsgraph import ids
from armsgraph.namespace import ARMS
from armsgraph.store import OxigraphStore

__all__ = ["World"]

_ROLE = {
    "supplier": ARMS.supplier, "recipient": ARMS.recipient, "item": ARMS.item,
    "licensor": ARMS.licensor, "licensee": ARMS.licensee, "holder": ARMS.holder,
    "destination": ARMS.destination, "consent_holder": ARMS.consentHolder,
    "beneficiary": ARMS.beneficiary, "actor": ARMS.actor, "target": ARMS.target,
    "condition": ARMS.condition, "requester": ARMS.requester, "addressee": ARMS.addressee,
    "consent_status": ARMS.consentStatus, "contradicts": ARMS.contradicts,
}


class World:
    """A toy graph under construction."""

    def __init__(self) -> None:
        self.g = Graph()
        self.source = ids.source("toy")
        self.g.add((self.source, RDF.type, ARMS.Source))
        self.g.add((self.source, URIRef("http://purl.org/dc/terms/title"), Literal("Toy news")))

    def state(self, code: str, label: str) -> URIRef:
        s = ids.state(code)
        self.g.add((s, RDF.type, ARMS.State))
        self.g.add((s, RDFS.label, Literal(label, lang="en")))
        self.g.add((s, ARMS.iso3166Alpha3, Literal(code.upper())))
        return s

    def company(self, name: str, based_in: URIRef) -> URIRef:
        c = ids.org(name)
        self.g.add((c, RDF.type, ARMS.Company))
        self.g.add((c, RDFS.label, Literal(name)))
        self.g.add((c, ARMS.basedIn, based_in))
        return c

    def system(
        self, name: str, *, part_of: URIRef | None = None, origin: URIRef | None = None
    ) -> URIRef:
        s = ids.system(name)
        self.g.add((s, RDF.type, ARMS.WeaponSystem))
        self.g.add((s, RDFS.label, Literal(name)))
        if part_of is not None:
            self.g.add((s, ARMS.partOf, part_of))
        if origin is not None:
            self.g.add((s, ARMS.originState, origin))
        return s

    def fact(
        self, cls: URIRef, key: str, *, date: str | None = None,
        modality: URIRef | None = None, sentence: str | None = None,
        confidence: float | None = None, label: str | None = None, **roles: Any,
    ) -> URIRef:
        s = ids.fact(key)
        self.g.add((s, RDF.type, cls))
        self.g.add((s, PROV.wasDerivedFrom, self.source))
        if date is not None:
            self.g.add((s, ARMS.date, _date(date)))
        if modality is not None:
            self.g.add((s, ARMS.modality, modality))
        self.g.add((s, ARMS.sentence, Literal(sentence or f"sentence of {key}")))
        if confidence is not None:
            self.g.add((s, ARMS.confidence, Literal(confidence)))
        if label is not None:
            self.g.add((s, RDFS.label, Literal(label)))
        for role, value in roles.items():
            self.g.add((s, _ROLE[role], value))
        return s

    def deal(
        self, key: str, supplier: URIRef, recipient: URIRef, item: URIRef, *,
        order_year: int, delivery_years: tuple[int, ...] = (), ordered: int | None = None,
        delivered: int | None = None, designation: str | None = None,
        comment: str | None = None, status: str = "New",
    ) -> URIRef:
        """A register row as the SIPRI import writes it: years of order and delivery,
        numbers, SIPRI's designation and comment, dated (year precision) by its first year
        of delivery, else its year of order; no sentence."""
        s = ids.fact(key)
        delivered_any = bool(delivery_years) or bool(delivered)
        for p, o in [
            (RDF.type, ARMS.Transfer), (PROV.wasDerivedFrom, self.source),
            (ARMS.supplier, supplier), (ARMS.recipient, recipient), (ARMS.item, item),
            (ARMS.modality, ARMS.Delivered if delivered_any else ARMS.Planned),
            (ARMS.orderYear, Literal(f"{order_year:04d}", datatype=XSD.gYear)),
            (ARMS.date, Literal(f"{(delivery_years or (order_year,))[0]:04d}",
                                datatype=XSD.gYear)),
            (ARMS.datePrecision, ARMS.YearPrecision),
            (ARMS.sipriStatus, Literal(status)),
        ]:
            self.g.add((s, p, o))
        for y in delivery_years:
            self.g.add((s, ARMS.deliveryYear, Literal(f"{y:04d}", datatype=XSD.gYear)))
        for prop, value in ((ARMS.quantity, ordered), (ARMS.quantityDelivered, delivered)):
            if value is not None:
                self.g.add((s, prop, Literal(value)))
        if designation is not None:
            self.g.add((s, ARMS.sourceDesignation, Literal(designation)))
        if comment is not None:
            self.g.add((s, ARMS.note, Literal(comment)))
        return s

    def version(
        self, key: str, assigner: URIRef, valid_from: str, valid_to: str | None = None,
        *, rules: list[URIRef] = (),  # type: ignore[assignment]
    ) -> URIRef:
        p, v = ids.policy(key), ids.policy(f"{key}-version")
        self.g.add((p, RDF.type, ARMS.Policy))
        self.g.add((p, RDFS.label, Literal(f"policy {key}")))
        self.g.add((v, RDF.type, ARMS.PolicyVersion))
        self.g.add((v, RDFS.label, Literal(f"version {key}")))
        self.g.add((v, ARMS.versionOf, p))
        self.g.add((v, ARMS.assigner, assigner))
        self.g.add((v, ARMS.validFrom, Literal(valid_from, datatype=XSD.date)))
        if valid_to:
            self.g.add((v, ARMS.validTo, Literal(valid_to, datatype=XSD.date)))
        for r in rules:
            self.g.add((v, ARMS.rule, r))
        return v

    def rule(self, cls: URIRef, key: str, **facets: Any) -> URIRef:
        """A rule; facets: kind, scope, basis, dest, state, consent_from, in_principle,
        direct_test, applies_to (a value or a list of values)."""
        r = ids.policy(f"rule-{key}")
        self.g.add((r, RDF.type, cls))
        self.g.add((r, RDFS.label, Literal(f"rule {key}")))
        props = {"kind": ARMS.transferKind, "scope": ARMS.productScope,
                 "basis": ARMS.productionBasis, "dest": ARMS.destinationScope,
                 "state": ARMS.destinationState, "consent_from": ARMS.consentFrom,
                 "applies_to": ARMS.appliesTo, "in_principle": ARMS.inPrinciple,
                 "direct_test": ARMS.directTransferTest}
        for k, value in facets.items():
            for v in value if isinstance(value, list) else [value]:
                self.g.add((r, props[k], Literal(v) if isinstance(v, bool) else v))
        return r

    def interval(
        self, cls: URIRef, key: str, subject: URIRef, obj: URIRef | None,
        valid_from: str, valid_to: str | None = None,
    ) -> URIRef:
        s = ids.fact(key)
        self.g.add((s, RDF.type, cls))
        self.g.add((s, PROV.wasDerivedFrom, self.source))
        first = {ARMS.ConflictParticipation: ARMS.party, ARMS.Embargo: ARMS.actor,
                 ARMS.Membership: ARMS.member}[cls]
        self.g.add((s, first, subject))
        if obj is not None:
            second = ARMS.target if cls == ARMS.Embargo else ARMS.organisation
            self.g.add((s, second, obj))
        self.g.add((s, ARMS.validFrom, _date(valid_from)))
        if valid_to:
            self.g.add((s, ARMS.validTo, _date(valid_to)))
        return s

    def store(self, into: OxigraphStore | None = None) -> OxigraphStore:
        st = into if into is not None else OxigraphStore()
        st.put_graph(ids.case_graph("toy"), self.g)
        return st


def _date(text: str) -> Literal:
    """An xsd:date, xsd:gYearMonth or xsd:gYear literal, by the length of ``text``."""
    kind = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(text), XSD.date)
    return Literal(text, datatype=kind)
