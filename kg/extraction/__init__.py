"""Extraction: article text in, statements, actors, channels and positions out (spaCy components)."""
