"""A small catalog written here, so rule tests do not depend on the reference data."""

from __future__ import annotations

import pytest

from armsgraph.extract.catalog import Catalog

TURTLE = """
@prefix arms: <https://w3id.org/armsgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix state: <https://w3id.org/armsgraph/id/state/> .
@prefix system: <https://w3id.org/armsgraph/id/system/> .
@prefix org: <https://w3id.org/armsgraph/id/org/> .

state:DEU a arms:State ; rdfs:label "Germany" ; arms:demonym "German" ; arms:capital "Berlin" .
state:UKR a arms:State ; rdfs:label "Ukraine" ; arms:demonym "Ukrainian" ;
    arms:capital "Kyiv", "Kiev" .
state:POL a arms:State ; rdfs:label "Poland" ; arms:demonym "Polish" ; arms:capital "Warsaw" .
state:CHE a arms:State ; rdfs:label "Switzerland" ; arms:demonym "Swiss" ; arms:capital "Bern" .
state:USA a arms:State ; rdfs:label "United States" ; skos:altLabel "US", "U.S.", "America" ;
    arms:demonym "American" ; arms:capital "Washington" .
state:NOR a arms:State ; rdfs:label "Norway" ; arms:demonym "Norwegian" ; arms:capital "Oslo" .
state:RUS a arms:State ; rdfs:label "Russia" ; arms:demonym "Russian" ; arms:capital "Moscow" .
state:FIN a arms:State ; rdfs:label "Finland" ; arms:demonym "Finnish" ;
    arms:capital "Helsinki" .

system:leopard-2 a arms:WeaponSystem ; rdfs:label "Leopard 2" .
system:leopard-2a6 a arms:WeaponSystem ; rdfs:label "Leopard 2A6" ;
    arms:partOf system:leopard-2 .
system:nasams a arms:WeaponSystem ; rdfs:label "NASAMS" .
system:himars a arms:WeaponSystem ; rdfs:label "HIMARS" ; skos:altLabel "M142" .
system:cv90 a arms:WeaponSystem ; rdfs:label "CV90" .

org:kongsberg a arms:Company ; rdfs:label "Kongsberg" ; skos:altLabel "Kongsberg Defence" .
org:tass a arms:NewsAgency ; rdfs:label "TASS" .
"""


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return Catalog.from_turtle(TURTLE)
