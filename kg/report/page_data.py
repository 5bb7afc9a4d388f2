"""The report's data as the page carries it: compact JSON that the page's script renders on demand.

A corpus report holds thousands of articles; the page renders only the ones the reader looks at, so
it carries data rather than markup. Each name, position and channel hop is written once and
referred to by its number, and so are the words of ``TERM_FIELDS`` (cue, quote kind, statement kind: a few
hundred words, each said thousands of times) in ``terms``; a statement is referred to by its number in text
order (``s1`` is 0), and its IRI, when it is kg's (the article's IRI, ``/statement/``, the rest), by a slash
and the rest ("/0-42/0"). Statements are rows of values in the order of ``STATEMENT_FIELDS`` (2,000 articles hold some
50,000 statements: names would double them). A statement found in its article's body has ``span`` ``[begin,
length]`` and ``marks`` ``[start, end, role, ...]`` (from the span's begin, roles as ``ROLE_FLAGS``); its
content is 0 when it is the text of its content mark. Offsets count UTF-16 code units, as the script's
strings do.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from kg.report.render import ArticleView, Report, StatementView

STATEMENT_FIELDS = ("speaker", "span", "marks", "iri", "mention", "cue", "content", "quote", "kind", "hedged",
                    "position", "confidence", "addressee", "time", "outer", "hops", "evidence")
TERM_FIELDS = ("cue", "quote", "kind")
ROLE_FLAGS = {"speaker": 1, "cue": 2, "content": 4}

# Characters that could end the <script> element or start markup inside it, or end a line in old engines.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` appears as such.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _UNSAFE.items():
        text = text.replace(character, escape)  # these occur only inside strings, where the escape means the same
    return text


@dataclass
class _Tables:
    """What statements refer to by number, numbered as first met."""

    statements: dict[str, int]  # id -> number
    actors: dict[str, int]  # key (kg.report.render._actors) -> number
    positions: dict[str, int] = field(default_factory=dict)  # IRI -> number
    hops: dict[tuple, int] = field(default_factory=dict)  # (label, kind, kind label, outlet) -> number
    terms: dict[str, int] = field(default_factory=dict)  # word -> number


def page_data(report: Report) -> dict[str, Any]:
    """The report as the page's script reads it (see the module's docstring)."""
    tables = _Tables({s.id: n for n, s in enumerate(report.statements)},
                     {a.iri: n for n, a in enumerate(report.actors)})
    articles, statements = [], []
    for article in report.articles:
        articles.append(_article(article, len(statements)))
        statements += [_statement(s, article, tables) for s in article.statements]
    position = {s.position: s for s in report.statements if s.position}
    return {
        "title": report.title,
        "articles": articles,
        "statementFields": STATEMENT_FIELDS,
        "termFields": TERM_FIELDS,
        "statements": statements,
        "actors": [_drop_empty({"name": a.name, "kind": a.kind, "roles": a.roles, "aliases": a.aliases})
                   for a in report.actors],
        "positions": [[position[iri].position_text, position[iri].position_notation] for iri in tables.positions],
        "hops": [list(key) for key in tables.hops],
        "terms": list(tables.terms),
    }


def _article(article: ArticleView, first: int) -> dict[str, Any]:
    return _drop_empty({
        "iri": article.iri, "name": article.name, "headline": article.headline, "outlet": article.publisher,
        "date": article.date, "url": article.url, "body": article.body,
        "first": first, "count": len(article.statements),
    }, keep=("first", "count"))


def _statement(s: StatementView, article: ArticleView, tables: _Tables) -> list[Any]:
    values = {
        "speaker": tables.actors[s.speaker or s.speaker_name], "iri": _short_iri(s.iri, article.iri),
        "mention": s.mention if s.mention != s.speaker_name else None, "cue": s.cue, "content": s.content,
        "quote": s.quote_kind, "kind": s.statement_kind, "hedged": s.hedged,
        "position": tables.positions.setdefault(s.position, len(tables.positions)) if s.position else None,
        "confidence": s.confidence, "addressee": s.addressee, "time": s.time,
        "outer": tables.statements[s.outer.id] if s.outer is not None else None,
        "hops": [tables.hops.setdefault((h.label, h.kind, h.kind_label, h.outlet), len(tables.hops))
                 for h in s.hops] or None,
        "evidence": None if s.placed else s.evidence,
    }
    if s.placed:
        values.update(_placement(s, article.body or ""))
    for name in TERM_FIELDS:
        if values[name] is not None:
            values[name] = tables.terms.setdefault(values[name], len(tables.terms))
    row = [values.get(name) for name in STATEMENT_FIELDS]
    while row and row[-1] is None:  # the script reads a missing value as unknown
        row.pop()
    return row


def _placement(s: StatementView, body: str) -> dict[str, Any]:
    """Where a statement is in the body, in UTF-16 units; its content left out when its content mark holds it."""
    offset = _utf16_offsets(body)
    begin = offset(s.begin)
    found = {"span": [begin, offset(s.end) - begin],
             "marks": [n for m in s.marks for n in (offset(m.start) - begin, offset(m.end) - begin, ROLE_FLAGS[m.role])]
             or None}
    if any(m.role == "content" and body[m.start:m.end] == s.content for m in s.marks):
        found["content"] = 0
    return found


def _short_iri(iri: str, article_iri: str) -> str:
    """kg's statement IRIs extend their article's: only the rest is written, after a slash ("/0-42/0")."""
    prefix = f"{article_iri}/statement"
    return iri[len(prefix):] if article_iri and iri.startswith(prefix + "/") else iri


def _drop_empty(values: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Leave out what is unknown or empty (the script reads a missing key as such); True and False stay."""
    return {k: v for k, v in values.items() if k in keep or (v is not None and v != [] and v != "")}


@lru_cache(maxsize=4)
def _utf16_offsets(body: str) -> Callable[[int], int]:
    """Python's offsets in the body (code points) as the script's (UTF-16 code units)."""
    if body.isascii() or all(ord(c) <= 0xFFFF for c in body):
        return int
    units = [0]
    for character in body:
        units.append(units[-1] + (2 if ord(character) > 0xFFFF else 1))
    return units.__getitem__
