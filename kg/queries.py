"""Stored SPARQL queries (queries/*.rq) and running SPARQL over a graph."""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, SKOS, XSD

if TYPE_CHECKING:  # rdflib's SPARQL engine takes 0.2 s to import: a query on a store (Oxigraph) never needs it
    from rdflib.query import Result

from .errors import QueryError
from .namespaces import ACTOR, CHAN, ID, KG, NIF, ORG, POS, PROV, SCHEMA
from .resources import data_path

_UPDATE = re.compile(r"^\s*(?:(?:PREFIX|BASE)\s+[^\n]*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
                     re.IGNORECASE)
INIT_NS = {"kg": KG._NS, "nif": NIF, "prov": PROV, "schema": SCHEMA, "pos": POS, "chan": CHAN, "actor": ACTOR, "id": ID,
           "org": ORG, "skos": SKOS, "rdfs": RDFS, "owl": OWL, "xsd": XSD}


OXIGRAPH_SUFFIX = ".oxigraph.rq"


@dataclass(frozen=True)
class StoredQuery:
    """A query file: its name (file stem), one-line description and text.

    ``oxigraph`` is the text a corpus store runs (Oxigraph): ``NAME.oxigraph.rq`` when there is one, the same
    variables and rows as ``text`` in a form Oxigraph's planner evaluates quickly (hash joins, computed sort keys),
    else ``text`` itself. The two engines want opposite shapes: rdflib joins subqueries pair by pair, Oxigraph looks
    up plain triple patterns one index probe at a time.
    """

    name: str
    description: str
    text: str
    path: Path
    oxigraph: str = ""

    def __post_init__(self) -> None:
        if not self.oxigraph:
            object.__setattr__(self, "oxigraph", self.text)


def stored_queries() -> list[StoredQuery]:
    """All stored queries, sorted by name (their Oxigraph forms are not queries of their own)."""
    return [_read(p) for p in sorted(data_path("queries").glob("*.rq")) if not p.name.endswith(OXIGRAPH_SUFFIX)]


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
    planned = path.with_name(path.stem + OXIGRAPH_SUFFIX)
    oxigraph = planned.read_text(encoding="utf-8") if planned.is_file() else text
    return StoredQuery(path.stem, comments[0] if comments else "", text, path, oxigraph)


def run_query(graph: Graph, text: str, bindings: dict[str, Any] | None = None) -> Result:
    """Run a read-only SPARQL query over an rdflib graph.

    :param graph: the data.
    :param text: SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE.
    :param bindings: values for variables, bound by the engine (never by string formatting).
    """
    from rdflib.plugins.sparql import prepareQuery

    if _UPDATE.match(_strip_comments(text)):
        raise QueryError(_UPDATE_MESSAGE)
    try:
        prepared = prepareQuery(text, initNs=INIT_NS)
    except Exception as err:  # pyparsing raises ParseException; others for bad algebra
        if _is_update(text):  # e.g. PREFIX and INSERT on one line, which the pattern does not see
            raise QueryError(_UPDATE_MESSAGE) from None
        raise QueryError(f"SPARQL syntax error: {_first_line(err)}") from None
    init = {k.lstrip("?"): _term(v) for k, v in (bindings or {}).items()}
    known = {str(v) for v in prepared.algebra.get("_vars") or ()}
    unknown = sorted(set(init) - known)
    if known and unknown:
        raise QueryError(f"the query has no variable ?{unknown[0]} to bind "
                         f"(it has: {', '.join('?' + v for v in sorted(known) if not v.startswith('__'))})")
    try:
        result = graph.query(prepared, initBindings=init)
        if result.type == "SELECT":
            result.bindings  # rdflib evaluates lazily: its errors must come out here, not while printing
        return result
    except Exception as err:  # evaluation errors (bad function arguments, GRAPH over a plain Graph, ...)
        raise QueryError(f"query failed: {_first_line(err)}") from None


_UPDATE_MESSAGE = "update queries (INSERT, DELETE, ...) are not allowed here: kg query only reads"


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql import prepareUpdate

    try:
        prepareUpdate(text, initNs=INIT_NS)
    except Exception:  # not a well-formed update either
        return False
    return True


def _term(value: Any):
    """A bound value: an IRI (``https://...``, ``<...>``, ``actor:name``), an N3 literal (``"Putin"@en``,
    ``true``, ``5``) or else plain text.

    >>> [_term(v).n3() for v in ("actor:kremlin", "urn:x", '"Putin"@en', "said")]
    ['<https://w3id.org/kg/actor/kremlin>', '<urn:x>', '"Putin"@en', '"said"']
    >>> _term("true").toPython(), _term("5").toPython()
    (True, 5)
    """
    if isinstance(value, (URIRef, Literal)):
        return value
    if isinstance(value, bool | int | float):
        return Literal(value)
    text = str(value)
    prefix, _, local = text.partition(":")
    if prefix in INIT_NS and not local.startswith("//"):
        return URIRef(str(INIT_NS[prefix]) + local)
    if text.startswith(("<", '"')) or text in ("true", "false") or re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        from rdflib.util import from_n3

        well_formed = re.fullmatch(r'<[^<>"\s]+>|"(?:[^"\\]|\\.)*"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^<[^<>\s]+>)?'
                                   r"|true|false|[+-]?\d+(?:\.\d+)?", text)
        try:
            term = from_n3(text) if well_formed else None
        except Exception:  # from_n3 raises several types for malformed N3
            term = None
        if not isinstance(term, (URIRef, Literal)):
            raise QueryError(f"cannot read the value {text} (write an IRI, \"text\"@en, true or a number)")
        return term
    return URIRef(text) if re.match(r"^[a-z][a-z0-9+.-]*:", text) else Literal(text)


def rows(result: Result) -> list[dict[str, str | None]]:
    """SELECT results as dicts of plain strings (None for unbound)."""
    names = [str(v) for v in result.vars or []]
    return [{n: (str(row[i]) if row[i] is not None else None) for i, n in enumerate(names)} for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result as an aligned table, CSV or SPARQL JSON (ASK and graph results too)."""
    if result.type == "ASK":
        return ask_text(bool(result.askAnswer), fmt)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        from .rdf import serialize

        return serialize(result.graph, "jsonld" if fmt == "json" else "ttl")  # kg's prefixes, not ns1:
    if fmt == "json":
        return result.serialize(format="json").decode("utf-8")
    table = rows(result)
    names = [str(v) for v in result.vars or []]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: v if v is not None else "" for k, v in row.items()} for row in table)
        return out.getvalue()
    return _table(names, table)


def ask_text(answer: bool, fmt: str = "table") -> str:
    """An ASK answer: SPARQL results JSON (with its ``head``) or ``true``/``false``.

    >>> ask_text(True, "json"), ask_text(False)
    ('{"head": {}, "boolean": true}', 'false')
    """
    return json.dumps({"head": {}, "boolean": answer}) if fmt == "json" else str(answer).lower()


def _table(names: list[str], table: list[dict[str, str | None]]) -> str:
    cells = [[(row[n] or "").replace("\n", " ") for n in names] for row in table]
    widths = [min(60, max([len(n)] + [len(c[i]) for c in cells])) for i, n in enumerate(names)]
    def line(values):
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(names), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(out)


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
