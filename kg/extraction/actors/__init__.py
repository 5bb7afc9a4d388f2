"""Actors in one article: coreference of mentions and the speakers, addressees and subjects of statements."""
