"""The report's data as the page carries it: compact JSON that the page's script renders on demand.

A corpus report holds thousands of articles; the page renders only the ones the reader looks at, so
it carries data rather than markup. Each name, position and channel hop is written once and
referred to by its number; a statement is referred to by its number in text order (``s1`` is 0), and its
IRI, when it extends its article's, by the rest ("/statement/0-42/0").
The body of an article is cut into segments (kg.report's ``_cut``): a plain stretch is its length, a
highlighted one ``[length, statements, speaker of, cue of, content of]``. Lengths count UTF-16 code
units, as the script's strings do.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .report import ArticleView, Report, Segment, StatementView

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


def page_data(report: Report) -> dict[str, Any]:
    """The report as the page's script reads it (see the module's docstring)."""
    view = {s.position: s for s in report.statements if s.position}
    number = {s.id: index for index, s in enumerate(report.statements)}
    actors = {a.iri: index for index, a in enumerate(report.actors)}
    positions: dict[str, int] = {}  # IRI -> number
    hops: dict[tuple, int] = {}
    articles, statements = [], []
    for article_index, article in enumerate(report.articles):
        articles.append(_article(article, number, len(statements)))
        statements += [_statement(s, article_index, article.iri, actors, positions, hops, number)
                       for s in article.statements]
    return {
        "title": report.title,
        "articles": articles,
        "statements": statements,
        "actors": [_drop_empty({"name": a.name, "kind": a.kind, "roles": a.roles, "aliases": a.aliases})
                   for a in report.actors],
        "positions": [[view[iri].position_text, view[iri].position_notation] for iri in positions],
        "hops": [list(key) for key in hops],
    }


def _article(article: ArticleView, number: dict[str, int], first: int) -> dict[str, Any]:
    return _drop_empty({
        "iri": article.iri, "name": article.name, "headline": article.headline, "outlet": article.publisher, "date": article.date,
        "url": article.url, "body": article.body, "first": first, "count": len(article.statements),
        "segments": [_segment(segment, number) for segment in article.segments],
    }, keep=("first", "count", "segments"))


def _segment(segment: Segment, number: dict[str, int]) -> int | list:
    length = _utf16_length(segment.text)
    if not segment.statements:
        return length
    return [length, [number[i] for i in segment.statements],
            *([number[i] for i in segment.roles.get(role, [])] for role in ("speaker", "cue", "content"))]


def _statement(s: StatementView, article: int, article_iri: str, actors: dict[str, int], positions: dict[str, int],
               hops: dict[tuple, int], number: dict[str, int]) -> dict[str, Any]:
    position = positions.setdefault(s.position, len(positions)) if s.position else None
    # kg's statement IRIs extend their article's: only the rest is written ("/statement/0-42/0")
    iri = s.iri[len(article_iri):] if article_iri and s.iri.startswith(article_iri + "/") else s.iri
    return _drop_empty({
        "iri": iri, "article": article, "speaker": actors[s.speaker or s.speaker_name],
        "mention": s.mention if s.mention != s.speaker_name else None, "cue": s.cue, "content": s.content,
        "quote": s.quote_kind, "kind": s.statement_kind, "hedged": s.hedged, "position": position,
        "confidence": s.confidence, "addressee": s.addressee, "time": s.time,
        "outer": number[s.outer.id] if s.outer is not None else None,
        "hops": [hops.setdefault((h.label, h.kind, h.kind_label, h.outlet), len(hops)) for h in s.hops],
        "unplaced": not s.placed or None, "evidence": None if s.placed else s.evidence,
    }, keep=("article", "speaker"))


def _drop_empty(values: dict[str, Any], keep: tuple[str, ...] = ()) -> dict[str, Any]:
    """Leave out what is unknown or empty (the script reads a missing key as such); True and False stay."""
    return {k: v for k, v in values.items() if k in keep or (v is not None and v != [] and v != "")}


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
