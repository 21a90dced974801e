"""The SHACL shapes, tested in valid / invalid pairs.

Each case is a small valid graph and the same graph with one edit that breaks exactly one
constraint. The valid graph must conform; the broken one must fail with that constraint's
``sh:message`` and no other. Together the cases cover every message in ``shapes.ttl``.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, SH, SKOS

from armsgraph import ids
from armsgraph.load.validate import validate_graph
from armsgraph.namespace import ARMS
from armsgraph.store import OxigraphStore

PREFIXES = """
@prefix arms:    <https://w3id.org/armsgraph/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ex:      <https://example.org/> .
@prefix org:     <https://w3id.org/armsgraph/id/org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema:  <https://schema.org/> .
@prefix state:   <https://w3id.org/armsgraph/id/state/> .
@prefix sys:     <https://w3id.org/armsgraph/id/system/> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

state:JPN rdfs:label "Japan" . state:USA rdfs:label "United States" .
state:UKR rdfs:label "Ukraine" . state:RUS rdfs:label "Russia" .
state:POL rdfs:label "Poland" . state:DEU rdfs:label "Germany" .
"""
SOURCE = """ex:src dcterms:title "Report" ; schema:url <https://example.org/report> ;
    dcterms:issued "2024-01-05"^^xsd:date ; arms:reliability 0.5 ; a arms:Source .
"""

# Every statement carries these; each is written "predicate object ;" so that a case can
# delete one by replacing it with "". Reference statements carry REF, without modality.
FACT = (
    'prov:wasDerivedFrom ex:src ; arms:modality arms:Planned ; '
    'arms:date "2024-01"^^xsd:gYearMonth ; arms:datePrecision arms:MonthPrecision ; '
    'arms:confidence 0.8 ; arms:extractionRule "manual" ;'
)

REF = 'prov:wasDerivedFrom ex:src ; arms:confidence 1.0 ; arms:extractionRule "manual" ;'

TRANSFER = SOURCE + f"""ex:t arms:supplier state:JPN ; arms:recipient state:USA ; 
    arms:item sys:patriot ; {FACT} a arms:Transfer ."""
SPAN = """ex:art dcterms:title "Article" ; arms:outlet "Times" ; arms:contentHash "ab12" ;
    dcterms:issued "2024-03-23"^^xsd:date ; a arms:Source .
ex:t arms:supplier state:USA ; arms:recipient state:UKR ; arms:item sys:patriot ;
    prov:wasDerivedFrom ex:art ; arms:modality arms:Hypothetical ;
    arms:sentence "if the US were to transfer these missiles" ;
    arms:startChar 10 ; arms:endChar 52 ; arms:confidence 0.9 ; arms:extractionRule "manual" ;
    a arms:Transfer ."""
END_ONLY = SOURCE + f"""ex:t arms:supplier state:JPN ; arms:recipient state:USA ;
    arms:item sys:patriot ; {FACT} arms:endChar 5 ; a arms:Transfer ."""
LICENCE = SOURCE + f"""ex:l arms:licensor org:rtx ; arms:licensee org:mitsubishi-heavy-industries ;
    arms:item sys:patriot ; {FACT} a arms:ProductionLicence ."""
CONSENT = SOURCE + f"""ex:c arms:holder state:USA ; arms:destination state:UKR ;
    arms:consentHolder state:JPN ; arms:consentStatus arms:ConsentRequired ;
    {FACT} a arms:ReExportConsent ."""
THREAT = SOURCE + f"""ex:th arms:actor state:RUS ; arms:target state:JPN ; {FACT} a arms:Threat ."""
REQUEST = SOURCE + f"""ex:rq arms:requester state:POL ; arms:addressee state:DEU ;
    {FACT} a arms:Request ."""
ASSURANCE = SOURCE + f"""ex:as arms:actor state:JPN ; arms:addressee state:USA ;
    {FACT} a arms:Assurance ."""
BACKFILL = SOURCE + f"""ex:b arms:supplier state:JPN ; arms:recipient state:USA ;
    arms:beneficiary state:UKR ; arms:item sys:patriot ; {FACT} a arms:Backfill ."""
POLICY = """ex:p a arms:Policy .
ex:v arms:versionOf ex:p ; arms:assigner state:JPN ; arms:validFrom "2014-04-01"^^xsd:date ;
    arms:validTo "2023-12-21"^^xsd:date ; arms:rule ex:r1 ; arms:rule ex:r2 ; a arms:PolicyVersion .
ex:r1 arms:transferKind arms:ReExport ; arms:consentFrom state:JPN ; a arms:Duty .
ex:r2 arms:transferKind arms:DirectExport ; a arms:Prohibition ."""
DECISION = SOURCE + POLICY + f"""
ex:d arms:actor state:JPN ; arms:policyVersion ex:v ; {FACT} a arms:PolicyDecision ."""
MEMBERSHIP = SOURCE + f"""ex:m arms:member state:POL ; arms:organisation org:nato ;
    arms:validFrom "1999-03-12"^^xsd:date ; {REF} a arms:Membership ."""
CONFLICT = SOURCE + f"""ex:cp arms:party state:UKR ; arms:validFrom "2022-02-24"^^xsd:date ;
    arms:validTo "2099-01-01"^^xsd:date ; {REF} a arms:ConflictParticipation ."""
EMBARGO = SOURCE + f"""ex:e arms:actor state:USA ; arms:target state:RUS ;
    arms:validFrom "2022-02-24"^^xsd:date ; {REF} a arms:Embargo ."""
STATE = """ex:land rdfs:label "Testland" ; arms:iso3166Alpha3 "TST" ; a arms:State ."""
SYSTEM = """ex:gun rdfs:label "Test gun" ; arms:wikidataId "Q123" ; a arms:WeaponSystem ."""
REVIEW = TRANSFER + """
ex:rev a arms:Review ; arms:reviewAction arms:Rejected ;
    prov:wasAttributedTo ex:ann ; prov:endedAtTime "2026-12-03T10:00:00+00:00"^^xsd:dateTime ;
    arms:reason "misread" ; arms:reviewOf ex:t ."""


def case(valid: str, old: str, new: str, message: str, id: str) -> object:  # noqa: A002
    """One valid/invalid pair: ``valid`` with ``old`` replaced by ``new`` must fail."""
    assert valid.count(old) >= 1, f"{id}: {old!r} not in the valid graph"
    return pytest.param(valid, valid.replace(old, new, 1), message, id=id)


CASES = [
    # sources
    case(TRANSFER, 'dcterms:title "Report" ;', "", "A source needs a dcterms:title.",
         "source-without-title"),
    case(TRANSFER, '"2024-01-05"^^xsd:date', '"5 January"',
         "A source needs exactly one dcterms:issued of type xsd:date, xsd:dateTime, "
         "xsd:gYearMonth or xsd:gYear.", "source-issued-not-a-date"),
    case(TRANSFER, "arms:reliability 0.5", "arms:reliability 1.5",
         "A source's arms:reliability is one number from 0 to 1.", "source-reliability-above-1"),
    case(TRANSFER, "schema:url <https://example.org/report> ;", "",
         "A source needs a schema:url or an arms:outlet.", "source-without-url-or-outlet"),
    # what every statement carries
    case(TRANSFER, "prov:wasDerivedFrom ex:src ;", "",
         "A statement is derived from exactly one arms:Source (prov:wasDerivedFrom).",
         "statement-without-source"),
    case(TRANSFER, "prov:wasDerivedFrom ex:src ;", "prov:wasDerivedFrom ex:nowhere ;",
         "A statement is derived from exactly one arms:Source (prov:wasDerivedFrom).",
         "statement-source-not-a-source"),
    case(TRANSFER, "arms:confidence 0.8", "arms:confidence 1.2",
         "A statement needs exactly one arms:confidence, a number from 0 to 1.",
         "confidence-above-1"),
    case(TRANSFER, "arms:confidence 0.8 ;", "",
         "A statement needs exactly one arms:confidence, a number from 0 to 1.",
         "statement-without-confidence"),
    case(TRANSFER, 'arms:extractionRule "manual" ;', "",
         'A statement names exactly one arms:extractionRule ("manual" for curated facts).',
         "statement-without-extraction-rule"),
    case(TRANSFER, '"2024-01"^^xsd:gYearMonth', '"January 2024"',
         "A statement has at most one arms:date, of type xsd:date, xsd:gYearMonth or xsd:gYear.",
         "date-not-a-date"),
    case(TRANSFER, "arms:datePrecision arms:MonthPrecision", "arms:datePrecision arms:Planned",
         "A statement has at most one arms:datePrecision, a concept of arms:DatePrecisionScheme.",
         "date-precision-outside-scheme"),
    case(TRANSFER, "arms:modality arms:Planned", "arms:modality arms:ConsentGranted",
         "A statement has at most one arms:modality, a concept of arms:ModalityScheme.",
         "modality-outside-scheme"),
    case(TRANSFER, "arms:datePrecision arms:MonthPrecision ;", "",
         "A statement with an arms:date needs exactly one arms:datePrecision.",
         "date-without-precision"),
    case(SPAN, '"if the US were to transfer these missiles"',
         '"if the US were to transfer these missiles"@en',
         "A statement quotes at most one arms:sentence, a plain string.",
         "sentence-with-language-tag"),
    case(SPAN, "arms:startChar 10 ; arms:endChar 52 ;", "",
         "A sentence quoted from a source with text (arms:contentHash) needs arms:startChar "
         "and arms:endChar.", "sentence-without-offsets"),
    case(SPAN, "arms:startChar 10", "arms:startChar 60",
         "A statement's span has one arms:startChar, at least 0 and less than its arms:endChar.",
         "span-end-before-start"),
    case(END_ONLY, "arms:endChar 5", "arms:endChar 0",
         "A statement's span has one arms:endChar, at least 1.", "span-end-zero"),
    case(TRANSFER, "arms:modality arms:Planned ;", "",
         "An event-like statement (transfer, licence, consent, decision, threat, request, "
         "assurance, backfill) needs an arms:modality.", "transfer-without-modality"),
    # reference statements
    case(MEMBERSHIP, 'arms:validFrom "1999-03-12"^^xsd:date ;', "",
         "A membership, conflict participation or embargo needs exactly one arms:validFrom "
         "(xsd:date).", "membership-without-valid-from"),
    case(CONFLICT, '"2099-01-01"^^xsd:date', '"2099"^^xsd:gYear',
         "A membership, conflict participation or embargo has at most one arms:validTo "
         "(xsd:date).", "conflict-valid-to-not-a-date"),
    case(MEMBERSHIP, "arms:member state:POL ;", "",
         "A membership needs exactly one arms:member (an IRI).", "membership-without-member"),
    case(MEMBERSHIP, "arms:organisation org:nato ;", "",
         "A membership needs exactly one arms:organisation (an IRI).",
         "membership-without-organisation"),
    case(CONFLICT, "arms:party state:UKR ;", "",
         "A conflict participation needs exactly one arms:party (an IRI).",
         "conflict-without-party"),
    case(EMBARGO, "arms:actor state:USA ;", "",
         "An embargo needs an arms:actor (an IRI): the state that imposes it.",
         "embargo-without-actor"),
    case(EMBARGO, "arms:target state:RUS ;", "",
         "An embargo needs an arms:target (an IRI): the state denied.", "embargo-without-target"),
    # roles of event-like statements
    case(TRANSFER, "arms:supplier state:JPN ;", "",
         "A transfer needs exactly one arms:supplier (an IRI), different from its recipient.",
         "transfer-without-supplier"),
    case(TRANSFER, "arms:supplier state:JPN ;", "arms:supplier state:USA ;",
         "A transfer needs exactly one arms:supplier (an IRI), different from its recipient.",
         "transfer-to-self"),
    case(TRANSFER, "arms:recipient state:USA ;", "",
         "A transfer needs exactly one arms:recipient (an IRI).", "transfer-without-recipient"),
    case(TRANSFER, "arms:item sys:patriot ;", 'arms:item "Patriot" ;',
         "A transfer needs an arms:item (an IRI of a weapons system or lot).",
         "transfer-item-a-string"),
    case(LICENCE, "arms:licensor org:rtx ;", "",
         "A production licence needs an arms:licensor (an IRI).", "licence-without-licensor"),
    case(LICENCE, "arms:licensee org:mitsubishi-heavy-industries ;", "",
         "A production licence needs an arms:licensee (an IRI).", "licence-without-licensee"),
    case(LICENCE, "arms:item sys:patriot ;", "",
         "A production licence needs an arms:item (an IRI of the licensed system).",
         "licence-without-item"),
    case(CONSENT, "arms:holder state:USA ;", "",
         "A re-export consent needs an arms:holder (an IRI).", "consent-without-holder"),
    case(CONSENT, "arms:destination state:UKR ;", "",
         "A re-export consent needs an arms:destination (an IRI).",
         "consent-without-destination"),
    case(CONSENT, "arms:consentHolder state:JPN ;", "",
         "A re-export consent needs an arms:consentHolder (an IRI).",
         "consent-without-consent-holder"),
    case(CONSENT, "arms:consentStatus arms:ConsentRequired", "arms:consentStatus arms:Approved",
         "A re-export consent needs exactly one arms:consentStatus from "
         "arms:ConsentStatusScheme.", "consent-status-outside-scheme"),
    case(THREAT, "arms:actor state:RUS ;", "",
         "A threat needs an arms:actor (an IRI).", "threat-without-actor"),
    case(THREAT, "arms:target state:JPN ;", "",
         "A threat needs an arms:target (an IRI).", "threat-without-target"),
    case(REQUEST, "arms:requester state:POL ;", "",
         "A request needs an arms:requester (an IRI).", "request-without-requester"),
    case(REQUEST, "arms:addressee state:DEU ;", "",
         "A request needs an arms:addressee (an IRI).", "request-without-addressee"),
    case(ASSURANCE, "arms:actor state:JPN ;", "",
         "An assurance needs an arms:actor (an IRI): the party that commits.",
         "assurance-without-actor"),
    case(BACKFILL, "arms:supplier state:JPN ;", "",
         "A backfill needs an arms:supplier (an IRI).", "backfill-without-supplier"),
    case(BACKFILL, "arms:recipient state:USA ;", "",
         "A backfill needs an arms:recipient (an IRI).", "backfill-without-recipient"),
    case(BACKFILL, "arms:beneficiary state:UKR ;", "",
         "A backfill needs an arms:beneficiary (an IRI).", "backfill-without-beneficiary"),
    case(BACKFILL, "arms:item sys:patriot ;", "",
         "A backfill needs an arms:item (an IRI).", "backfill-without-item"),
    case(DECISION, "arms:actor state:JPN ; arms:policyVersion", "arms:policyVersion",
         "A policy decision needs an arms:actor (an IRI): the state that decided.",
         "decision-without-actor"),
    case(DECISION, "arms:policyVersion ex:v ;", "",
         "A policy decision names the arms:policyVersion it brought into force (an IRI).",
         "decision-without-policy-version"),
    # policies and rules
    case(POLICY, "arms:versionOf ex:p ;", "",
         "A policy version is arms:versionOf exactly one arms:Policy.",
         "version-without-policy"),
    case(POLICY, "arms:assigner state:JPN ;", "",
         "A policy version needs an arms:assigner (an IRI): the state whose rules they are.",
         "version-without-assigner"),
    case(POLICY, '"2014-04-01"^^xsd:date', '"2024-04-01"^^xsd:date',
         "A policy version needs exactly one arms:validFrom (xsd:date, or xsd:gYearMonth / "
         "xsd:gYear when a rule stated in an article is dated only to its month or year), not "
         "after its arms:validTo.", "version-valid-to-before-valid-from"),
    case(POLICY, '"2023-12-21"^^xsd:date', '"2023-12-21"^^xsd:date , "2023-12-22"^^xsd:date',
         "A policy version has at most one arms:validTo (xsd:date).",
         "version-with-two-valid-to"),
    case(POLICY, "arms:rule ex:r1 ; arms:rule ex:r2 ;", "",
         "A policy version needs at least one arms:rule.", "version-without-rules"),
    case(POLICY, "arms:transferKind arms:DirectExport", "arms:transferKind arms:AnyState",
         "A rule needs exactly one arms:transferKind (DirectExport, ReExport or Retransfer).",
         "rule-transfer-kind-outside-scheme"),
    case(POLICY, "arms:consentFrom state:JPN ;", "",
         "A consent duty needs arms:consentFrom (an IRI): whose consent is required.",
         "duty-without-consent-from"),
    # analyst reviews
    case(REVIEW, "arms:reviewAction arms:Rejected ;", "",
         "A review needs exactly one arms:reviewAction (an arms:ReviewAction).",
         "review-without-action"),
    case(REVIEW, "prov:wasAttributedTo ex:ann ;", "",
         "A review is prov:wasAttributedTo exactly one reviewer (an IRI).",
         "review-without-reviewer"),
    case(REVIEW, '"2026-12-03T10:00:00+00:00"^^xsd:dateTime', '"yesterday"',
         "A review needs exactly one prov:endedAtTime (xsd:dateTime).",
         "review-time-not-a-datetime"),
    case(REVIEW, 'arms:reason "misread" ;', 'arms:reason "misread" , "twice" ;',
         "A review has at most one arms:reason (a string).", "review-with-two-reasons"),
    # entities
    case(STATE, 'rdfs:label "Testland" ;', "", "A state needs an rdfs:label.",
         "state-without-label"),
    case(STATE, '"TST"', '"tst"', "A state's arms:iso3166Alpha3 is one code of three capital "
         "letters.", "state-alpha3-lower-case"),
    case(SYSTEM, 'rdfs:label "Test gun" ;', "", "A weapons system needs an rdfs:label.",
         "system-without-label"),
    case(SYSTEM, '"Q123"', '"123"',
         "A weapons system's arms:wikidataId is one QID such as \"Q178089\".",
         "system-wikidata-id-without-q"),
]


def _messages(data: str, shapes: Graph, ontology: Graph) -> set[str]:
    """The top-level result messages of validating ``data`` (empty when it conforms)."""
    graph = Graph().parse(data=PREFIXES + data, format="turtle")
    result = validate_graph(graph, shapes, ontology)
    found = {
        line.split("Message: ", 1)[1]
        for line in result.text.splitlines()
        if line.startswith("\tMessage: ")
    }
    assert result.conforms == (not found), result.text
    return found


@pytest.mark.parametrize(("valid", "invalid", "message"), CASES)
def test_validate_pair_fails_with_shape_message(
    valid: str, invalid: str, message: str, shapes: Graph, ontology: Graph
) -> None:
    assert _messages(valid, shapes, ontology) == set()
    assert _messages(invalid, shapes, ontology) == {message}


def test_cover_every_shape_message(shapes: Graph) -> None:
    declared = {str(m) for m in shapes.objects(None, SH.message)}
    tested = {p.values[2] for p in CASES}  # type: ignore[attr-defined]
    assert declared == tested


def test_find_message_on_every_constraint(shapes: Graph) -> None:
    constraints = set(shapes.objects(None, SH.property))
    constraints |= {s for s in shapes.subjects(SH["or"], None)}
    assert constraints
    for shape in constraints:
        assert shapes.value(shape, SH.message) is not None, shape


@pytest.mark.parametrize(
    ("scheme", "path"),
    [
        (ARMS.ModalityScheme, ARMS.modality),
        (ARMS.DatePrecisionScheme, ARMS.datePrecision),
        (ARMS.ConsentStatusScheme, ARMS.consentStatus),
    ],
    ids=["modality", "date-precision", "consent-status"],
)
def test_match_scheme_lists_with_ontology(
    scheme: URIRef, path: URIRef, shapes: Graph, ontology: Graph
) -> None:
    members = set(ontology.subjects(SKOS.inScheme, scheme))
    (head,) = [h for p in shapes.subjects(SH.path, path) if (h := shapes.value(p, SH["in"]))]
    listed = set(Collection(shapes, head))
    assert members and listed == members


def test_parse_shapes_header(shapes: Graph) -> None:
    (header,) = shapes.subjects(RDF.type, OWL.Ontology)
    assert shapes.value(header, OWL.versionIRI) is not None


def test_validate_sipri_import_conforms(
    sipri_store: OxigraphStore, shapes: Graph, ontology: Graph
) -> None:
    data = Graph()
    for graph in sipri_store.graphs():
        if graph != ids.ONTOLOGY_GRAPH:
            for triple in sipri_store.triples(graph):
                data.add(triple)
    sipri = {s for s, _, _ in sipri_store.triples(ids.SIPRI_GRAPH)}
    transfers = sipri & set(data.subjects(RDF.type, ARMS.Transfer))
    assert transfers
    assert {data.value(t, ARMS.sentence) for t in transfers} == {None}
    assert {data.value(t, ARMS.modality) for t in transfers} <= {ARMS.Delivered, ARMS.Planned}
    result = validate_graph(data, shapes, ontology)
    assert result.conforms, result.text
