"""Rule tests, one module per fact kind (sentences written for these tests, never an
article's); the helpers they share."""

from __future__ import annotations

from graph.extract import extract
from graph.extract.catalog import Catalog

Row = tuple[str, str, dict[str, str]]


def facts_of(text: str, catalog: Catalog, published: str = "2025-06-18") -> list[Row]:
    x = extract(text, {"published": published}, catalog)
    return [(f.type, f.status, {r: v.id.rsplit("/", 1)[-1] for r, v in f.roles.items()})
            for f in x.facts]


T = "Transfer"


C = "ReExportConsent"


TURTLE_FRAME = """
@prefix arms: <https://w3id.org/armsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix state: <https://w3id.org/armsgraph/id/state/> .
@prefix system: <https://w3id.org/armsgraph/id/system/> .
state:CHE a arms:State ; rdfs:label "Switzerland" ; arms:demonym "Swiss" ; arms:capital "Bern" .
state:NOR a arms:State ; rdfs:label "Norway" ; arms:demonym "Norwegian" ; arms:capital "Oslo" .
state:UKR a arms:State ; rdfs:label "Ukraine" ; arms:capital "Kyiv" .
state:POL a arms:State ; rdfs:label "Poland" .
system:eagle a arms:WeaponSystem ; rdfs:label "Eagle" ; arms:originState state:CHE .
system:lynx a arms:WeaponSystem ; rdfs:label "Lynx" .
system:lynx-ammo a arms:WeaponSystem ; rdfs:label "30 mm Lynx ammunition" ;
    arms:partOf system:lynx .
"""


TURTLE_MAKERS = """
@prefix arms: <https://w3id.org/armsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix state: <https://w3id.org/armsgraph/id/state/> .
@prefix system: <https://w3id.org/armsgraph/id/system/> .
@prefix org: <https://w3id.org/armsgraph/id/org/> .
state:NOR a arms:State ; rdfs:label "Norway" ; arms:demonym "Norwegian" .
state:FIN a arms:State ; rdfs:label "Finland" ; arms:demonym "Finnish" .
org:patria a arms:Company ; rdfs:label "Patria" ; arms:basedIn state:FIN .
org:kongsberg a arms:Company ; rdfs:label "Kongsberg" ; arms:basedIn state:NOR .
system:nasams a arms:WeaponSystem ; rdfs:label "NASAMS" ; arms:originState state:NOR .
system:amv a arms:WeaponSystem ; rdfs:label "AMV" ; arms:originState state:FIN .
"""
