"""kg's one SPARQL engine: Oxigraph runs every query, on graph files, rdflib graphs and corpus stores alike.

Graph files are loaded into an in-memory Oxigraph store (named graphs kept apart for ``GRAPH ?g``, their union
seen by queries without ``GRAPH``), so a stored query has one text and one result format whatever it runs on.
Results are read lazily: :func:`write_result` streams rows from Oxigraph to a file as they come (table output
excepted: its widths need every row). rdflib is imported only to take in an rdflib graph; a query on a store
never loads it, so ``kg query --store`` starts fast.
"""
from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

import pyoxigraph as ox

from kg.errors import GraphParseError, QueryError

# kg's prefixes, predeclared in every query and written in graph results: kg.graph.rdf.PREFIXES as plain strings, so that
# a query on a store does not import rdflib (tests/test_sparql.py keeps the two equal).
PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg/ns#", "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "prov": "http://www.w3.org/ns/prov#", "schema": "https://schema.org/", "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/", "grasp": "http://groundedannotationframework.org/grasp#",
    "pos": "https://w3id.org/kg/position/", "chan": "https://w3id.org/kg/channel-kind/",
    "actor": "https://w3id.org/kg/actor/", "id": "https://w3id.org/kg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#", "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}
XSD = PREFIXES["xsd"]

# Result formats: SPARQL 1.1's own (W3C) through Oxigraph's writers, and two of kg's.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "ndjson")
_OX_RESULTS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
               "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
# A graph (CONSTRUCT, DESCRIBE) is written as Turtle with kg's prefixes, as JSON-LD for json/ndjson, RDF/XML for xml.
_GRAPH_FORMATS = {"json": "jsonld", "ndjson": "jsonld", "xml": "rdf"}
TABLE_WIDTH = 60  # a table cell's default width in characters

_OX_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
               "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
UPDATE_MESSAGE = "update queries (INSERT, DELETE, ...) are not allowed here: kg query only reads"


# --- the data --------------------------------------------------------------------------


def load_files(paths: Iterable[str | Path]) -> ox.Store:
    """RDF files in one in-memory store, each read by its suffix (.ttl .nt .nq .trig .jsonld .rdf): the named
    graphs of N-Quads and TriG kept, the triples of the other formats in the default graph.

    :raises GraphParseError: a missing or unreadable file, an unknown suffix, a file not in its suffix's format.
    """
    store = ox.Store()
    for path in paths:
        load_file(store, path)
    return store


def load_file(store: ox.Store, path: str | Path) -> None:
    """Add one RDF file to a store (see :func:`load_files`)."""
    from kg.graph.rdf import FORMAT_NAMES, QUAD_FORMATS, graph_file

    path, fmt = graph_file(path)
    before = len(store)
    target = None if fmt in QUAD_FORMATS else ox.DefaultGraph()
    try:
        store.load(path=str(path), format=_OX_FORMATS[fmt], to_graph=target)
    except (SyntaxError, ValueError) as err:
        raise GraphParseError(f"{path}: not valid {FORMAT_NAMES[fmt]}: {_parse_reason(err)}") from None
    except OSError as err:
        raise GraphParseError(f"{path}: cannot read: {err.strerror or err}") from None
    if fmt == "jsonld" and len(store) == before and path.read_bytes().strip() not in (b"", b"[]", b"{}"):
        # JSON-LD maps JSON without @context or @id to nothing at all: say so rather than read an empty graph
        raise GraphParseError(f"{path}: not valid JSON-LD: it holds no RDF (plain JSON without @context or @id?)")


def _parse_reason(err: Exception) -> str:
    """Oxigraph's message as one line: ``line 2: <why>``.

    >>> _parse_reason(SyntaxError("Parser error at line 2 column 23: . is not a valid RDF object (line 2)"))
    'line 2: . is not a valid RDF object'
    """
    text = (str(err).strip().splitlines() or [type(err).__name__])[0]
    found = re.match(r"Parser error at line (\d+)(?: column \d+| between columns \d+ and \d+)?: (.*?)(?: \([^()]*line \d+\))?$",
                     text)
    return f"line {found[1]}: {found[2]}" if found else text


def from_rdflib(graph: Any) -> ox.Store:
    """An rdflib Graph or Dataset copied into an in-memory store (a Dataset's named graphs kept apart)."""
    from rdflib import Dataset
    from rdflib.graph import ConjunctiveGraph

    store = ox.Store()
    if isinstance(graph, ConjunctiveGraph):  # a Dataset too
        default = (graph.default_graph if isinstance(graph, Dataset) else graph.default_context).identifier

        def name(context: Any) -> Any:  # rdflib gives a graph, or (a Dataset) its name
            context = getattr(context, "identifier", context)
            return ox.DefaultGraph() if context is None or context == default else oxigraph_term(context)

        store.extend(ox.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o), name(c))
                     for s, p, o, c in graph.quads((None, None, None, None)))
    else:
        store.extend(ox.Quad(oxigraph_term(s), oxigraph_term(p), oxigraph_term(o)) for s, p, o in graph)
    return store


def oxigraph_term(term: Any) -> Any:
    """An rdflib term as an Oxigraph term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def rdflib_term(term: Any) -> Any:
    """An Oxigraph term as an rdflib term (xsd:string literals stay plain, as kg.graph.rdf writes them)."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD + "string" else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"not an RDF term: {term!r}")


def as_store(source: Any) -> ox.Store:
    """What a query runs on: an Oxigraph store as it is, an rdflib graph copied into one."""
    return source if isinstance(source, ox.Store) else from_rdflib(source)


# --- running -------------------------------------------------------------------------


def run(source: Any, text: str, bindings: dict[str, Any] | None = None) -> "Result":
    """Run a read-only SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE, with kg's prefixes predeclared.

    :param source: an Oxigraph store (a corpus store's or :func:`load_files`'), or an rdflib Graph or Dataset.
        Queries without ``GRAPH`` see the union of its graphs.
    :param text: the query.
    :param bindings: values for variables (IRIs, ``actor:x``, N3 literals, plain text; see :func:`term`), bound by
        the engine, never by pasting text into the query: a variable the SELECT projects by Oxigraph's substitution
        (which also binds it inside the subqueries that project it: their work shrinks too), any other by a
        ``VALUES`` row at the top of the query.
    :raises QueryError: an update, a syntax error, an unknown variable to bind, a failed evaluation.
    """
    if _UPDATE.match(_strip_comments(text)):
        raise QueryError(UPDATE_MESSAGE)
    bindings = {name.lstrip("?$"): term(value) for name, value in (bindings or {}).items()}
    projected = set(variables(text))
    substitutions = {ox.Variable(n): v for n, v in bindings.items() if n in projected}
    text = _bind(text, {n: v for n, v in bindings.items() if n not in projected})
    _check_names(text, bindings)
    try:
        answer = as_store(source).query(text, prefixes=PREFIXES, use_default_graph_as_union=True,
                                        substitutions=substitutions or None)
    except SyntaxError as err:
        message = _first_line(err) or "malformed query"
        if "update" in message.lower():
            raise QueryError(UPDATE_MESSAGE) from None
        raise QueryError(f"SPARQL syntax error: {message}") from None
    except (OSError, ValueError, RuntimeError) as err:
        raise QueryError(f"query failed: {_first_line(err) or type(err).__name__}") from None
    return Result(answer)


def _check_names(text: str, bindings: dict[str, Any]) -> None:
    code = _strip_comments(text)
    for name in bindings:
        if not re.search(rf"[?$]{re.escape(name)}\b", code):
            known = sorted(set(re.findall(r"[?$]([A-Za-z_]\w*)", code)))
            raise QueryError(f"the query has no variable ?{name} to bind"
                             + (f" (it has: {', '.join('?' + v for v in known)})" if known else ""))


def variables(text: str) -> list[str]:
    """The variables of a query's outer SELECT, in order (``(... AS ?x)`` included; none for ``SELECT *``).

    >>> variables("SELECT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b }")
    ['a', 'n']
    """
    code = _strip_comments(text)
    found = re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)(?:\bWHERE\b|\{)", code,
                      flags=re.IGNORECASE | re.DOTALL)
    if not found:
        return []
    projection = re.sub(r"\((?:[^()]|\([^()]*\))*\bAS\s+\?(\w+)\s*\)", r"?\1", found[1], flags=re.IGNORECASE)
    return re.findall(r"\?(\w+)", projection)


def _bind(text: str, bindings: dict[str, Any]) -> str:
    """The query with a ``VALUES`` row for the bindings (Oxigraph terms) after its first ``WHERE {``: that binds any
    variable, also one the SELECT does not project."""
    _check_names(text, bindings)
    values = [f"VALUES ?{name} {{ {value} }}" for name, value in bindings.items()]
    if not values:
        return text
    code = re.sub(r"(?m)^[ \t]*#.*$", lambda m: " " * len(m.group()), text)  # comments blanked, offsets kept
    where = re.search(r"\bWHERE\s*\{", code, flags=re.IGNORECASE) or re.search(r"\{", code)
    if where is None:
        raise QueryError("cannot bind variables: the query has no WHERE clause")
    return f"{text[:where.end()]} {' '.join(values)} {text[where.end():]}"


def term(value: Any) -> Any:
    """A value to bind, as an Oxigraph term: an IRI (``https://...``, ``<...>``, ``actor:name``), an N3 literal
    (``"Putin"@en``, ``true``, ``5``, ``2.5``) or else plain text.

    >>> [str(term(v)) for v in ("actor:kremlin", "urn:x", '"Putin"@en', "said", "5", "true")]
    ['<https://w3id.org/kg/actor/kremlin>', '<urn:x>', '"Putin"@en', '"said"', '"5"^^<http://www.w3.org/2001/XMLSchema#integer>', '"true"^^<http://www.w3.org/2001/XMLSchema#boolean>']
    """
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int | float):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + ("integer" if isinstance(value, int) else "double")))
    if type(value).__module__.startswith("rdflib"):
        return oxigraph_term(value)
    text = str(value)
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return ox.NamedNode(PREFIXES[prefix] + local)
    if text in ("true", "false"):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "boolean"))
    if re.fullmatch(r"[+-]?\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d+\.\d+", text):
        return ox.Literal(text, datatype=ox.NamedNode(XSD + "decimal"))
    if text.startswith(("<", '"')):
        return _n3_term(text)
    return ox.NamedNode(text) if re.match(r"^[a-z][a-z0-9+.-]*:\S+$", text) else ox.Literal(text)


def _n3_term(text: str) -> Any:
    """An IRI or literal written in N-Triples syntax, read by Oxigraph's own parser."""
    try:
        (quad,) = ox.parse(f"<urn:kg:s> <urn:kg:p> {text} .".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return quad.object
    except (SyntaxError, ValueError):
        raise QueryError(f"cannot read the value {text} (write an IRI, \"text\"@en, true or a number)") from None


# --- results -------------------------------------------------------------------------


class Result:
    """A query's answer. A SELECT's rows are read once, lazily, as they are written or iterated; ``read()`` keeps
    a copy that can be read any number of times (and outlives the store it came from).

    ``kind`` is SELECT, ASK or CONSTRUCT (DESCRIBE too); ``variables`` the SELECT's columns; ``boolean`` the ASK's
    answer.
    """

    def __init__(self, answer: Any) -> None:
        self._answer = answer
        self._kept: bytes | None = None  # a read() copy: the result as SPARQL JSON or N-Triples
        if isinstance(answer, ox.QueryBoolean):
            self.kind, self.variables, self.boolean = "ASK", [], bool(answer)
        elif isinstance(answer, ox.QuerySolutions):
            self.kind, self.variables, self.boolean = "SELECT", [v.value for v in answer.variables], None
        else:
            self.kind, self.variables, self.boolean = "CONSTRUCT", [], None

    def read(self) -> "Result":
        """Read every row now; the result can then be read again and again."""
        if self._kept is None and self.kind != "ASK":
            self._kept = (self._take().serialize(format=ox.QueryResultsFormat.JSON) if self.kind == "SELECT"
                          else ox.serialize(self._take(), format=ox.RdfFormat.N_TRIPLES))
        return self

    def _take(self) -> Any:
        """The Oxigraph answer to read: the live one (once), or a fresh copy of what read() kept."""
        if self._kept is not None:
            if self.kind == "SELECT":
                return ox.parse_query_results(self._kept, format=ox.QueryResultsFormat.JSON)
            return (quad.triple for quad in ox.parse(self._kept, format=ox.RdfFormat.N_TRIPLES))
        answer, self._answer = self._answer, None
        if answer is None:
            raise QueryError("this result was read already (keep it with Result.read())")
        return answer

    def __iter__(self) -> Iterator[Any]:
        """SELECT: a tuple of Oxigraph terms (None for unbound) per row; CONSTRUCT: Oxigraph triples."""
        if self.kind == "ASK":
            return iter(())
        answer = self._take()
        if self.kind != "SELECT":
            return iter(answer)
        names = self.variables
        return (tuple(solution[name] for name in names) for solution in answer)

    def rows(self) -> list[dict[str, str | None]]:
        """SELECT rows as dicts of plain strings (an IRI, a literal's lexical form; None for unbound)."""
        names = self.variables
        return [{n: (t.value if t is not None else None) for n, t in zip(names, row)} for row in self]

    def records(self) -> Iterator[dict[str, Any]]:
        """SELECT rows as plain JSON values: numbers and booleans typed, other terms as strings, unbound left out."""
        names = self.variables
        for row in self:
            yield {n: plain(t) for n, t in zip(names, row) if t is not None}


_NUMBERS = {XSD + n: int for n in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                                   "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong")}
_NUMBERS.update({XSD + n: float for n in ("decimal", "double", "float")})


def plain(value: Any) -> Any:
    """An Oxigraph term as a JSON value: a number or boolean for those datatypes, else its string.

    >>> plain(ox.Literal("5", datatype=ox.NamedNode(XSD + "integer"))), plain(ox.NamedNode("urn:x"))
    (5, 'urn:x')
    """
    if isinstance(value, ox.Literal) and not value.language:
        datatype = value.datatype.value
        if datatype == XSD + "boolean":
            return value.value in ("true", "1")
        convert = _NUMBERS.get(datatype)
        if convert is not None:
            try:
                return convert(value.value)
            except ValueError:  # an ill-typed literal stays text
                return value.value
    return value.value


def write_result(result: Result, out: IO[bytes], fmt: str = "table", width: int = TABLE_WIDTH) -> None:
    """Write a result to a binary stream, row by row as Oxigraph gives them (a table reads them all first).

    :param fmt: table (aligned columns, cells cut at ``width`` characters; 0 for no cut), csv, tsv, json, xml (the
        W3C SPARQL 1.1 results formats, by Oxigraph's writers) or ndjson (one JSON object a row, see
        :meth:`Result.records`). ASK: ``true``/``false``, or the SPARQL JSON/XML boolean. CONSTRUCT and DESCRIBE:
        Turtle with kg's prefixes, JSON-LD for json/ndjson, RDF/XML for xml.
    """
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"unknown result format '{fmt}' (known: {', '.join(RESULT_FORMATS)})")
    if result.kind == "CONSTRUCT":  # kg's own writers: its prefixes, sorted, as kg build -o writes
        from kg.graph.rdf import write_rdf

        triples = ((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)) for t in result._take())
        write_rdf(triples, out, _GRAPH_FORMATS.get(fmt, "ttl"))
    elif result.kind == "ASK":
        out.write(_ask_text(bool(result.boolean), fmt).encode("utf-8"))
    elif fmt in _OX_RESULTS:
        result._take().serialize(out, format=_OX_RESULTS[fmt])
        if fmt in ("json", "xml"):
            out.write(b"\n")  # CSV and TSV end their last line; these end with a closing bracket
    elif fmt == "ndjson":
        write_records(result.records(), out, "ndjson")
    else:
        out.write(table(result.variables, result.rows(), width).encode("utf-8"))


def write_records(records: Iterable[dict[str, Any]], out: IO[bytes], fmt: str = "ndjson") -> None:
    """Plain JSON records, one a line (ndjson) or as one JSON array (json), written as they come."""
    if fmt == "ndjson":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        return
    out.write(b"[")
    for i, record in enumerate(records):
        out.write((",\n" if i else "\n").encode("utf-8") + json.dumps(record, ensure_ascii=False).encode("utf-8"))
    out.write(b"\n]\n")


def format_result(result: Result, fmt: str = "table", width: int = TABLE_WIDTH) -> str:
    """A result as text (see :func:`write_result`)."""
    out = io.BytesIO()
    write_result(result, out, fmt, width)
    return out.getvalue().decode("utf-8")


def _ask_text(answer: bool, fmt: str) -> str:
    """An ASK answer: SPARQL results JSON or XML (with their ``head``), ``{"boolean": ...}`` as ndjson, else
    ``true``/``false``.

    >>> _ask_text(True, "json"), _ask_text(False, "table")
    ('{"head":{},"boolean":true}\\n', 'false\\n')
    """
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}, separators=(",", ":")) + "\n"
    if fmt == "xml":
        return ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head></head>'
                f"<boolean>{str(answer).lower()}</boolean></sparql>\n")
    if fmt == "ndjson":
        return json.dumps({"boolean": answer}) + "\n"
    return f"{str(answer).lower()}\n"


def table(names: list[str], rows: list[dict[str, str | None]], width: int = TABLE_WIDTH) -> str:
    """Rows as aligned columns with a header and a row count; cells cut at ``width`` characters (0: never)."""
    cells = [[(row[n] or "").replace("\n", " ") for n in names] for row in rows]
    widths = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    if width > 0:
        widths = [min(width, w) for w in widths]

    def line(values: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(values, widths)).rstrip()

    out = [line(names), line(["-" * w for w in widths])] + [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else ""
