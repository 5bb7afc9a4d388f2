"""The HTML report: read from a graph through SPARQL, written as one self-contained page."""
