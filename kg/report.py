"""The HTML report: who said what, read from a graph through SPARQL and drawn with Jinja2.

Everything the report shows comes from SPARQL over the graph (queries/report-*.rq, and the
stored ``actors`` and ``positions-by-actor`` queries), never from the extractor's objects, so a
graph from any source that follows ontology/kg.ttl renders. Texts from the graph are escaped
by the template engine (autoescape); the page loads nothing at view time.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from rdflib import Graph

from .queries import get_query

Row = dict[str, "str | None"]
Select = Callable[[str], list[Row]]
"""Runs a SPARQL SELECT and returns its rows as dicts of strings (None when unbound)."""

ROLES = ("speaker", "cue", "content")
_WORD = re.compile(r"\w")
_QUOTES = "\"'“”‘’«»„‟‚‛`´"


@dataclass
class Hop:
    """One conduit of a statement's channel chain."""

    label: str
    kind: str | None = None
    kind_label: str | None = None
    via_name: str | None = None
    outlet: bool = False


@dataclass
class Mark:
    """Where a statement's speaker, cue or content is, as offsets in the article body."""

    start: int
    end: int
    role: str


@dataclass
class StatementView:
    """A statement as the report shows it: its card, its place in the body, its marks."""

    id: str
    iri: str
    article: str | None
    begin: int | None
    end: int | None
    evidence: str
    speaker: str | None
    speaker_name: str
    speaker_kind: str | None
    speaker_roles: list[str]
    mention: str | None
    cue: str | None
    content: str | None
    quote_kind: str | None
    statement_kind: str | None
    hedged: bool | None
    position: str | None
    position_notation: str | None
    position_label: str | None
    confidence: str | None
    addressee: str | None
    time: str | None
    outer_iri: str | None
    outer: StatementView | None = None
    inner: list[StatementView] = field(default_factory=list)
    hops: list[Hop] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    placed: bool = False
    article_name: str = ""

    @property
    def label(self) -> str:
        return self.id.upper()

    @property
    def position_text(self) -> str | None:
        """The position's label, else its notation, else the end of its IRI."""
        if not self.position:
            return None
        return self.position_label or self.position_notation or _local_name(self.position)


@dataclass
class Segment:
    """A stretch of the body covered by the same statements and marks."""

    text: str
    statements: list[str] = field(default_factory=list)  # ids, the best one to show first
    roles: dict[str, list[str]] = field(default_factory=dict)  # role -> ids of statements it marks here

    @property
    def depth(self) -> int:
        return min(len(self.statements), 3)


@dataclass
class ArticleView:
    id: str
    iri: str
    name: str
    headline: str | None
    publisher: str | None
    date: str | None
    url: str | None  # only http(s) addresses, anything else is dropped
    body: str | None
    segments: list[Segment] = field(default_factory=list)
    statements: list[StatementView] = field(default_factory=list)


@dataclass
class PositionGroup:
    label: str
    notation: str | None
    statements: list[StatementView]

    @property
    def hedged(self) -> int:
        return sum(1 for s in self.statements if s.hedged)


@dataclass
class ActorView:
    id: str
    iri: str
    name: str
    kind: str | None
    roles: list[str]
    aliases: list[str]
    groups: list[PositionGroup]

    @property
    def count(self) -> int:
        return sum(len(g.statements) for g in self.groups)


@dataclass
class PositionRow:
    """One row of the positions-by-actor query."""

    speaker_name: str
    notation: str
    label: str
    count: int
    hedged: int


@dataclass
class Node:
    key: tuple[int, str]
    label: str
    kind: str  # origin, intermediary or outlet
    count: int = 0
    x: float = 0
    y: float = 0
    width: float = 0

    @property
    def short(self) -> str:
        return self.label if len(self.label) <= _LABEL_CHARS else self.label[:_LABEL_CHARS - 1] + "…"


@dataclass
class Edge:
    source: Node
    target: Node
    statements: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        x1, y1 = self.source.x + self.source.width, self.source.y
        x2, y2 = self.target.x - 6, self.target.y
        middle = (x1 + x2) / 2
        return f"M{x1:.1f},{y1:.1f} C{middle:.1f},{y1:.1f} {middle:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"


@dataclass
class ChainDiagram:
    """The reporting chains as a layered graph: origins, then each hop index in its own column."""

    nodes: list[Node]
    edges: list[Edge]
    width: float
    height: float
    chains: int
    headers: list[tuple[float, str]]  # x and title of each column


@dataclass
class Report:
    """Everything the report template shows."""

    title: str
    articles: list[ArticleView]
    statements: list[StatementView]
    actors: list[ActorView]
    positions: list[list[PositionRow]]  # one list per speaker
    diagram: ChainDiagram


# --- reading the graph ---------------------------------------------------------


def graph_select(graph: Graph | Any) -> Select:
    """A Select over an rdflib graph (copied into Oxigraph once) or an Oxigraph store (graph files, kg.sparql)."""
    from .sparql import as_store, run

    store = as_store(graph)
    return lambda text: run(store, text).rows()


def report_data(source: Graph | Select, title: str = "Who said what") -> Report:
    """Read everything the report shows from a graph, through SPARQL.

    :param source: an rdflib graph, or a function that runs a SPARQL SELECT and returns rows of strings.
    :param title: the page title.
    """
    select = graph_select(source) if isinstance(source, Graph) else source
    run = _query_runner(select)
    articles = _articles(run("report-articles"))
    statements = _statements(run("report-statements"))
    _attach_hops(statements, run("report-channel-hops"))
    by_article = {a.iri: a for a in articles}
    for statement in statements:
        article = by_article.get(statement.article or "")
        if article is None:  # a statement whose article the graph does not describe
            article = by_article.setdefault(statement.article or "", ArticleView(
                f"a{len(by_article) + 1}", statement.article or "", "statements without an article body",
                None, None, None, None, None))
            articles.append(article)
        article.statements.append(statement)
        statement.article_name = article.headline or article.name
    for article in articles:
        _place(article)
        # in text order, outer spans first; statements not found in the text go last
        article.statements.sort(key=lambda s: (not s.placed, s.begin or 0, -(s.end or 0)))
    _number(articles)
    for article in articles:
        _cut(article)
    return Report(title, articles, [s for a in articles for s in a.statements],
                  _actors(statements, run("actors")), _positions(run("positions-by-actor")),
                  chain_diagram(statements))


def _query_runner(select: Select) -> Select:
    return lambda name: select(get_query(name).text)


def _articles(table: list[Row]) -> list[ArticleView]:
    seen: dict[str, ArticleView] = {}
    for row in table:
        iri = row["article"] or ""
        if iri in seen:
            continue
        url = row["url"] if row["url"] and re.match(r"https?://", row["url"], re.IGNORECASE) else None
        name = row["name"] or _local_name(iri) or iri
        seen[iri] = ArticleView(f"a{len(seen) + 1}", iri, name, row["headline"], row["publisher"], row["date"], url,
                                row["body"])
    return list(seen.values())


def _statements(table: list[Row]) -> list[StatementView]:
    seen: dict[str, StatementView] = {}
    for row in table:
        iri = row["statement"] or ""
        if iri in seen:  # a property with several values repeats the row; the first one is shown
            continue
        seen[iri] = StatementView(
            id="", iri=iri, article=row["article"], begin=_int(row["begin"]), end=_int(row["end"]),
            evidence=row["evidence"] or "", speaker=row["speaker"],
            speaker_name=row["speakerName"] or _local_name(row["speaker"]) or row["mention"] or "unknown speaker",
            speaker_kind=row["speakerKind"],
            speaker_roles=_split(row["speakerRoles"]), mention=row["mention"],
            cue=row["cue"], content=row["content"], quote_kind=row["quoteKind"], statement_kind=row["statementKind"],
            hedged=None if row["hedged"] is None else row["hedged"] in ("true", "1"), position=row["position"],
            position_notation=row["positionNotation"], position_label=row["positionLabel"],
            confidence=row["confidence"], addressee=row["addresseeName"], time=row["time"], outer_iri=row["outer"])
    for statement in seen.values():
        outer = seen.get(statement.outer_iri or "")
        if outer is not None and outer is not statement:
            statement.outer = outer
            outer.inner.append(statement)
    return list(seen.values())


def _attach_hops(statements: list[StatementView], table: list[Row]) -> None:
    by_iri = {s.iri: s for s in statements}
    hops: dict[str, list[tuple[int, int, Hop]]] = defaultdict(list)
    for order, row in enumerate(table):
        if row["statement"] not in by_iri:
            continue
        hop = Hop(row["label"] or row["viaName"] or "?", row["kind"], row["kindLabel"], row["viaName"],
                  row["outlet"] in ("true", "1"))
        hops[row["statement"]].append((_int(row["index"]) or 0, order, hop))
    for iri, found in hops.items():
        by_iri[iri].hops = [hop for _, _, hop in sorted(found, key=lambda item: item[:2])]


def _local_name(iri: str | None) -> str:
    """The last segment of an IRI, percent-decoded: a name for things the graph gives no label.

    >>> _local_name("https://w3id.org/kg/actor/european%20pravda"), _local_name("https://w3id.org/kg/ns#Person")
    ('european pravda', 'Person')
    """
    from urllib.parse import unquote

    return unquote(re.split(r"[/#]", (iri or "").rstrip("/#"))[-1])


def _split(joined: str | None) -> list[str]:
    """The values of a GROUP_CONCAT with separator "; ", sorted: engines concatenate in any order."""
    return sorted({v for v in (joined or "").split("; ") if v}, key=lambda v: (v.casefold(), v))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _number(articles: list[ArticleView]) -> None:
    count = 0
    for article in articles:
        for statement in article.statements:
            count += 1
            statement.id = f"s{count}"


# --- placing statements in the body ---------------------------------------------


def locate_marks(evidence: str, mention: str | None, cue: str | None, content: str | None) -> list[Mark]:
    """Where the content, cue (parts joined with ' ... ') and speaker mention are in the evidence text.

    Content first; cue parts outside it and in order; the speaker outside both, nearest the cue.
    Offsets are relative to the evidence; what cannot be found is left out.

    >>> text = "Putin said he would never give up the land, the official told The New York Times."
    >>> [(text[m.start:m.end], m.role) for m in locate_marks(text, "the official", "told", "Putin said he would never give up the land")]
    [('Putin said he would never give up the land', 'content'), ('told', 'cue'), ('the official', 'speaker')]
    >>> [(text[m.start:m.end], m.role) for m in locate_marks(text, "Putin", "said", "he would never give up the land")]
    [('he would never give up the land', 'content'), ('said', 'cue'), ('Putin', 'speaker')]
    """
    marks: list[Mark] = []
    if content:
        found = _find(evidence, content) or _find(evidence, content.strip(_QUOTES + " ,.;:"))
        if found:
            marks.append(Mark(*found[0], "content"))
    after = 0
    for part in [p.strip() for p in (cue or "").split("...") if p.strip()]:
        found = _find(evidence, part)
        free = [f for f in found if not _overlaps(f, marks)]
        choice = next((f for f in free if f[0] >= after), None) or (free or found or [None])[0]
        if choice:
            marks.append(Mark(*choice, "cue"))
            after = choice[1]
    if mention:
        found = _find(evidence, mention)
        free = [f for f in found if not _overlaps(f, marks)] or found
        if free:
            cues = [m for m in marks if m.role == "cue"]
            anchor = cues[0].start if cues else 0
            marks.append(Mark(*min(free, key=lambda f: (abs(f[0] - anchor), f[0])), "speaker"))
    return marks


def _find(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Occurrences of needle as whole words: exact ones first, then those that differ in case, spacing or quotes.

    >>> _find("The official said the official line", "the official")
    [(18, 30), (0, 12)]
    """
    needle = needle.strip()
    if not needle:
        return []
    start = r"\b" if _WORD.match(needle[0]) else ""
    end = r"\b" if _WORD.match(needle[-1]) else ""
    parts = [r"\s+" if c.isspace() else f"[{re.escape(_QUOTES)}]" if c in _QUOTES else re.escape(c)
             for c in re.sub(r"\s+", " ", needle)]
    found: list[tuple[int, int]] = []
    for pattern in (re.compile(start + re.escape(needle) + end),
                    re.compile(start + "".join(parts) + end, re.IGNORECASE)):
        found += [(m.start(), m.end()) for m in pattern.finditer(haystack)
                  if m.end() > m.start() and (m.start(), m.end()) not in found]
    return found


def _overlaps(span: tuple[int, int], marks: list[Mark]) -> bool:
    return any(span[0] < m.end and m.start < span[1] for m in marks)


def _place(article: ArticleView) -> None:
    """Find each statement's evidence in the body, and its marks in the evidence."""
    body = article.body or ""
    for statement in article.statements:
        begin, end = statement.begin, statement.end
        fits = begin is not None and end is not None and 0 <= begin < end <= len(body)
        if fits and statement.evidence and body[begin:end] != statement.evidence:
            fits = False  # offsets that do not match the text: look for the text instead
        if not fits and statement.evidence and statement.evidence in body:
            begin = body.index(statement.evidence)
            end, fits = begin + len(statement.evidence), True
        if not fits:
            continue
        statement.begin, statement.end, statement.placed = begin, end, True
        statement.marks = [Mark(begin + m.start, begin + m.end, m.role)
                           for m in locate_marks(body[begin:end], statement.mention, statement.cue, statement.content)]


def _cut(article: ArticleView) -> None:
    """Cut the body wherever a span or a mark starts or ends: each piece knows who covers it and how."""
    body = article.body or ""
    placed = [s for s in article.statements if s.placed]
    cuts = sorted({0, len(body), *(s.begin for s in placed), *(s.end for s in placed),
                   *(m.start for s in placed for m in s.marks), *(m.end for s in placed for m in s.marks)})
    segments = []
    for start, stop in zip(cuts, cuts[1:]):
        covering = [s for s in placed if s.begin <= start and stop <= s.end]
        roles: dict[str, list[str]] = {}
        best: dict[str, tuple] = {}
        for s in covering:
            best[s.id] = (1, s.end - s.begin)
            for mark in s.marks:
                if mark.start <= start and stop <= mark.end:
                    roles.setdefault(mark.role, []).append(s.id)
                    best[s.id] = min(best[s.id], (0, mark.end - mark.start))
        # The statement to show first is the one whose mark covers this stretch most tightly.
        order = sorted(covering, key=lambda s: (*best[s.id], s.end - s.begin, s.begin))
        segments.append(Segment(body[start:stop], [s.id for s in order], roles))
    article.segments = segments


# --- actors and positions -----------------------------------------------------------


def _actors(statements: list[StatementView], actor_rows: list[Row]) -> list[ActorView]:
    known = {row["actor"]: row for row in actor_rows}
    by_speaker: dict[str, list[StatementView]] = defaultdict(list)
    for statement in statements:
        by_speaker[statement.speaker or statement.speaker_name].append(statement)
    actors = []
    for key, said in by_speaker.items():
        row = known.get(key) or {}
        groups: dict[str, PositionGroup] = {}
        for statement in said:
            label = statement.position_text or ""
            group = groups.setdefault(label, PositionGroup(label, statement.position_notation, []))
            group.statements.append(statement)
        ordered = sorted(groups.values(), key=lambda g: (not g.label, -len(g.statements), g.label))
        aliases = _split(row.get("aliases"))
        actors.append(ActorView("", key, said[0].speaker_name, row.get("kind") or said[0].speaker_kind,
                                said[0].speaker_roles, aliases, ordered))
    actors.sort(key=lambda a: (-a.count, a.name.casefold()))
    for number, actor in enumerate(actors, 1):
        actor.id = f"actor{number}"
    return actors


def _positions(table: list[Row]) -> list[list[PositionRow]]:
    grouped: dict[str, list[PositionRow]] = {}
    for row in table:
        name = row["speakerName"] or ""
        grouped.setdefault(name, []).append(PositionRow(name, row["position"] or "", row["label"] or "",
                                                        _int(row["count"]) or 0, _int(row["hedgedCount"]) or 0))
    return list(grouped.values())


# --- the chain diagram ----------------------------------------------------------------

_LABEL_CHARS = 32
_CHAR_WIDTH = 6.8
_ROW = 46
_GAP = 70
_MARGIN = 16
_HEADER = 22
_OUTLET_KINDS = {"publication", "broadcast"}


def chain_diagram(statements: Iterable[StatementView]) -> ChainDiagram:
    """Lay out every channel chain (origin -> hops) as columns of nodes joined by edges.

    A node is a label in a column: origins in the first, hop n in column n + 1, so the
    layout has no cycles; edges count the statements that took them.
    """
    nodes: dict[tuple[int, str], Node] = {}
    edges: dict[tuple[tuple[int, str], tuple[int, str]], Edge] = {}
    chains = 0
    for statement in statements:
        if not statement.hops:
            continue
        chains += 1
        path = [_node(nodes, (0, statement.speaker_name), "origin")]
        for index, hop in enumerate(statement.hops, 1):
            kind = "outlet" if hop.outlet or hop.kind in _OUTLET_KINDS else "intermediary"
            path.append(_node(nodes, (index, hop.label), kind))
        for node in path:
            node.count += 1
        for source, target in zip(path, path[1:]):
            edge = edges.setdefault((source.key, target.key), Edge(source, target))
            edge.statements.append(statement.id)
    columns: dict[int, list[Node]] = defaultdict(list)
    for node in nodes.values():
        node.width = min(len(node.label), _LABEL_CHARS) * _CHAR_WIDTH + 20
        columns[node.key[0]].append(node)
    _order(columns, list(edges.values()))
    tallest = max((len(c) for c in columns.values()), default=0)
    x, headers = _MARGIN, []
    for index in sorted(columns):
        column = columns[index]
        top = _MARGIN + _HEADER + (tallest - len(column)) * _ROW / 2
        for row, node in enumerate(column):
            node.x, node.y = x, top + row * _ROW + _ROW / 2
        headers.append((x, "origin" if index == 0 else f"hop {index}"))
        x += max(n.width for n in column) + _GAP
    width = x - _GAP + _MARGIN if columns else 0
    return ChainDiagram(list(nodes.values()), list(edges.values()), width, tallest * _ROW + 2 * _MARGIN + _HEADER,
                        chains, headers)


def _node(nodes: dict[tuple[int, str], Node], key: tuple[int, str], kind: str) -> Node:
    node = nodes.setdefault(key, Node(key, key[1], kind))
    if kind == "outlet":
        node.kind = "outlet"
    return node


def _order(columns: dict[int, list[Node]], edges: list[Edge]) -> None:
    """Fewer crossings: sort each column by the mean row of its neighbours (barycentre), a few sweeps."""
    for column in columns.values():
        column.sort(key=lambda n: (-n.count, n.label.casefold()))
    rank = {id(n): i for column in columns.values() for i, n in enumerate(column)}
    keys = sorted(columns)
    for sweep in range(4):
        for index in (keys[1:] if sweep % 2 == 0 else list(reversed(keys[:-1]))):
            def centre(node: Node) -> float:
                near = [rank[id(e.source)] for e in edges if e.target is node] if sweep % 2 == 0 else \
                       [rank[id(e.target)] for e in edges if e.source is node]
                return sum(near) / len(near) if near else rank[id(node)]
            columns[index].sort(key=lambda n: (centre(n), n.label.casefold()))
            rank.update({id(n): i for i, n in enumerate(columns[index])})


# --- HTML -----------------------------------------------------------------------------------


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and script, nothing fetched).

    :param report: from report_data.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    script = env.loader.get_source(env, "report.js")[0]  # static code, not a template
    # The page may run exactly this script: an injected one would be blocked even if escaping failed.
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("report.html.j2").render(report=report, script=script, script_hash=script_hash)


def render_report(source: Graph | Select, title: str = "Who said what") -> str:
    """Read a graph through SPARQL and render the HTML report.

    :param source: an rdflib graph, or a function that runs a SPARQL SELECT (see report_data; graph_select makes one
        of graph files loaded by kg.sparql.load_files).
    :param title: the page title.
    """
    return render_html(report_data(source, title))


def render_store_report(store_path, title: str = "Who said what") -> str:
    """Render the HTML report of a corpus store (``kg build --store``), queried by Oxigraph.

    :param store_path: the store folder; opened read-only.
    :param title: the page title.
    """
    from .store import open_store

    with open_store(store_path, purpose="kg report") as store:
        return render_report(lambda text: store.query(text).rows(), title)
