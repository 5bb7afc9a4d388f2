"""The HTML report: who said what, read from a graph through SPARQL, as one self-contained page.

Everything the report shows comes from SPARQL over the graph (queries/report-*.rq and the stored
``actors`` query), never from the extractor's objects, so a graph from any source that follows
ontology/kg.ttl renders. The page (kg/report/templates) carries the report as JSON data (kg.report.page_data)
and its script renders the index, the articles of the page the reader is on, the cards, the actors,
the chains and the positions from it, under the reader's search and filters: a corpus of thousands
of articles opens at once. The script builds text nodes only, so texts from the graph stay text;
the page loads nothing at view time.
"""
from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Sequence

from rdflib import Graph

from kg.graph.queries import get_query
from kg.report.page_data import page_data, script_json

Row = dict[str, "str | None"]
Select = Callable[[str], list[Row]]
"""Runs a SPARQL SELECT and returns its rows as dicts of strings (None when unbound)."""

_WORD = re.compile(r"\w")
_QUOTES = "\"'“”‘’«»„‟‚‛`´"
_NOT_LOOSE = re.compile(rf"[{re.escape(_QUOTES)}]|\s\s|[^\S ]")  # what _loose changes besides case


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

    @property
    def position_text(self) -> str | None:
        """The position's label, else its notation, else the end of its IRI."""
        if not self.position:
            return None
        return self.position_label or self.position_notation or _local_name(self.position)


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
    statements: list[StatementView] = field(default_factory=list)


@dataclass
class ActorView:
    """A speaker: the page groups what they said by position, under the reader's filters."""

    id: str
    iri: str
    name: str
    kind: str | None
    roles: list[str]
    aliases: list[str]
    count: int


@dataclass
class Report:
    """Everything the report page shows; the page groups, filters and draws it (kg/report/templates/report.js)."""

    title: str
    articles: list[ArticleView]
    statements: list[StatementView]
    actors: list[ActorView]

    @property
    def chains(self) -> int:
        """How many statements name a channel."""
        return sum(1 for s in self.statements if s.hops)

    @property
    def positions(self) -> int:
        """How many statements have a position."""
        return sum(1 for s in self.statements if s.position)


# --- reading the graph ---------------------------------------------------------


def graph_select(graph: Graph | Any) -> Select:
    """A Select over an rdflib graph (copied into Oxigraph once) or an Oxigraph store (graph files, kg.graph.sparql)."""
    from kg.graph.sparql import as_store, run

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
    for article in articles:
        _place(article)
        # in text order, outer spans first; statements not found in the text go last
        article.statements.sort(key=lambda s: (not s.placed, s.begin or 0, -(s.end or 0)))
    _number(articles)
    statements = [s for a in articles for s in a.statements]
    return Report(title, articles, statements, _actors(statements, run("actors")))


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

    Plain string search over a loose form of both texts (not a regular expression per needle: a corpus
    report has some 150,000 of them, and compiling them took most of its time).

    >>> _find("The official said the official line", "the official")
    [(18, 30), (0, 12)]
    >>> _find("He said “we  stay”; Westay", '"We stay"')
    [(8, 18)]
    """
    needle = needle.strip()
    if not needle:
        return []
    bounded = (_WORD.match(needle[0]) is not None, _WORD.match(needle[-1]) is not None)
    found = _matches(haystack, needle, range(len(haystack)), haystack, bounded)
    loose, where = _loose(haystack)
    found += [span for span in _matches(loose, _loose(needle)[0], where, haystack, bounded) if span not in found]
    return found


@lru_cache(maxsize=16)
def _loose(text: str) -> tuple[str, Sequence[int]]:
    """The text in lower case, with runs of white space as one space and every quotation mark as '"'; and where
    each of its characters is in the text."""
    lower = text.lower()
    if len(lower) == len(text) and not _NOT_LOOSE.search(text):
        return lower, range(len(text))  # most texts: only the case differs
    characters: list[str] = []
    where: list[int] = []
    for index, character in enumerate(text):
        if character.isspace():
            if characters and characters[-1] == " " and where[-1] == index - 1:
                where[-1] = index  # the run goes on: its space now ends here
                continue
            character = " "
        elif character in _QUOTES:
            character = '"'
        else:
            lower = character.lower()
            character = lower if len(lower) == 1 else character
        characters.append(character)
        where.append(index)
    return "".join(characters), where


def _matches(text: str, needle: str, where: Sequence[int], original: str,
             bounded: tuple[bool, bool]) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of needle in text, left to right, as spans of the original text (through where),
    that start and end at word boundaries where the needle starts or ends with a word character."""
    found = []
    at = text.find(needle)
    while at >= 0:
        start, end = where[at], where[at + len(needle) - 1] + 1
        if (bounded[0] and start > 0 and _WORD.match(original[start - 1])) or \
                (bounded[1] and end < len(original) and _WORD.match(original[end])):
            at = text.find(needle, at + 1)
            continue
        found.append((start, end))
        at = text.find(needle, at + len(needle))
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


# --- actors -----------------------------------------------------------


def _actors(statements: list[StatementView], actor_rows: list[Row]) -> list[ActorView]:
    known = {row["actor"]: row for row in actor_rows}
    by_speaker: dict[str, list[StatementView]] = defaultdict(list)
    for statement in statements:
        by_speaker[statement.speaker or statement.speaker_name].append(statement)
    actors = []
    for key, said in by_speaker.items():
        row = known.get(key) or {}
        actors.append(ActorView("", key, said[0].speaker_name, row.get("kind") or said[0].speaker_kind,
                                said[0].speaker_roles, _split(row.get("aliases")), len(said)))
    actors.sort(key=lambda a: (-a.count, a.name.casefold(), a.iri))
    for number, actor in enumerate(actors, 1):
        actor.id = f"actor{number}"
    return actors


# --- HTML -----------------------------------------------------------------------------------


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS and script, nothing fetched).

    :param report: from report_data.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("kg.report", "templates"), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    script = env.loader.get_source(env, "report.js")[0]  # static code, not a template
    # The page may run exactly this script: an injected one would be blocked even if escaping failed.
    script_hash = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return env.get_template("report.html.j2").render(report=report, data=script_json(page_data(report)),
                                                     script=script, script_hash=script_hash)


def render_report(source: Graph | Select, title: str = "Who said what") -> str:
    """Read a graph through SPARQL and render the HTML report.

    :param source: an rdflib graph, or a function that runs a SPARQL SELECT (see report_data; graph_select makes one
        of graph files loaded by kg.graph.sparql.load_files).
    :param title: the page title.
    """
    return render_html(report_data(source, title))


def render_store_report(store_path, title: str = "Who said what") -> str:
    """Render the HTML report of a corpus store (``kg build --store``), queried by Oxigraph.

    :param store_path: the store folder; opened read-only.
    :param title: the page title.
    """
    from kg.store.dataset import open_store

    with open_store(store_path, purpose="kg report") as store:
        return render_report(lambda text: store.query(text).rows(), title)
