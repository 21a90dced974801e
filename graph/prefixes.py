"""The prefixes of armsgraph's SPARQL and Turtle, built from the namespaces in one place.

:data:`PREFIXES` are written into Turtle and TriG answers and the CLI's shortened IRIs;
:func:`sparql_prefixes` gives the ``PREFIX`` lines of an embedded query, so no query spells
an ontology or vocabulary IRI by hand.

>>> print(sparql_prefixes("arms", "rdfs"), end="")
PREFIX arms: <https://w3id.org/armsgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
>>> PREFIXES["state"]
'https://w3id.org/armsgraph/id/state/'
"""

from __future__ import annotations

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from . import ids
from .namespace import ARMS

__all__ = ["PREFIXES", "sparql_prefixes"]

#: Prefixes written into Turtle and TriG answers: the ontology, each kind of id, and the
#: W3C vocabularies the data uses.
PREFIXES: dict[str, str] = {
    "arms": str(ARMS),
    **{kind: str(ids.ID[f"{kind}/"])
       for kind in ("state", "org", "person", "system", "lot", "category", "policy", "deal",
                    "fact", "source")},
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
}
#: Prefixes that queries use but answers do not declare.
_QUERY_ONLY = {"schema": str(SDO)}


def sparql_prefixes(*names: str) -> str:
    """The ``PREFIX`` lines of ``names`` (every one of :data:`PREFIXES` when none), in order.

    >>> sparql_prefixes("nope")
    Traceback (most recent call last):
    ...
    KeyError: 'nope'
    """
    known = {**PREFIXES, **_QUERY_ONLY}
    return "".join(f"PREFIX {name}: <{known[name]}>\n" for name in (names or tuple(PREFIXES)))
