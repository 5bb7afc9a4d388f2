"""Stored SPARQL queries (queries/*.rq): one text each, run by kg's one engine (kg.graph.sparql, Oxigraph)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from kg.errors import QueryError
from kg.graph.sparql import Result, variables
from kg.resources import data_path

__all__ = ["StoredQuery", "stored_queries", "get_query", "actor_records"]


@dataclass(frozen=True)
class StoredQuery:
    """A query file: its name (file stem), one-line description (its first comment line) and text."""

    name: str
    description: str
    text: str
    path: Path

    @property
    def variables(self) -> list[str]:
        """The variables a user can bind with ``kg query --bind`` (those of its SELECT line)."""
        return variables(self.text)


def stored_queries() -> list[StoredQuery]:
    """All stored queries, sorted by name."""
    return [_read(p) for p in sorted(data_path("queries").glob("*.rq"))]


def get_query(name: str) -> StoredQuery:
    """A stored query by name (with or without .rq)."""
    name = name[:-3] if name.endswith(".rq") else name
    for query in stored_queries():
        if query.name == name:
            return query
    known = ", ".join(q.name for q in stored_queries())
    raise QueryError(f"no stored query named '{name}' (known: {known})")


def _read(path: Path) -> StoredQuery:
    text = path.read_text(encoding="utf-8")
    comments = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    return StoredQuery(path.stem, comments[0] if comments else "", text, path)


def actor_records(result: Result) -> Iterator[dict[str, Any]]:
    """The ``actors`` query's rows as kg's JSON records: the count a number, the aliases a list (in order)."""
    for record in result.records():
        aliases = record.get("aliases", "")
        record["aliases"] = [a for a in aliases.split("; ") if a] if isinstance(aliases, str) else []
        yield record
