"""The graph: statements to RDF, SHACL validation, the SPARQL engine and stored queries, linking across articles."""
