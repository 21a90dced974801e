"""The load layer: build the graph from ontology/ and data/, SHACL validation, article
ingest, the SIPRI register."""
