"""The reasoning layer: the RDF -> NetworkX projection, export-control policy, re-export
paths, analyst review."""
