"""Exceptions raised by the kg library; the CLI turns them into one-line errors."""
from __future__ import annotations


class KgError(Exception):
    """Base class of every error kg raises on purpose."""


class ArticleError(KgError):
    """An article could not be read: missing, empty, binary or not UTF-8."""


class ExtractionError(KgError):
    """An article was read but its extraction failed (a build reports it and carries on with the others)."""


class OutputError(KgError):
    """An output file or folder cannot be written where the user asked (kg.outputs)."""


class GraphParseError(KgError):
    """An RDF file could not be parsed."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or not allowed."""


class SchemeError(KgError):
    """A SKOS scheme or lexicon file is malformed."""


class GoldError(KgError):
    """A gold annotation file is missing or malformed."""


class StoreError(KgError):
    """A store could not be created, opened, read or written."""


class StoreLockedError(StoreError):
    """Another kg build or server is using the store."""


class ServerError(KgError):
    """The SPARQL server could not be started or stopped."""


class PushError(KgError):
    """A Graph Store Protocol endpoint refused or could not be reached."""


class ClusterError(KgError):
    """A distributed build could not run (missing extra, unreachable scheduler, failed task)."""
