"""Reading articles as users have them: plain text, HTML pages, JSON Lines and CSV corpora, stdin.

A file's kind is decided by its suffix: ``.html``/``.htm`` (main text and metadata by trafilatura),
``.jsonl``/``.ndjson`` and ``.csv`` (one article a line or row), anything else plain text
(:func:`kg.article.read_article`). The path ``-`` is plain text read from stdin.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from kg.article import Article, find_articles, parse_date, read_article
from kg.errors import ArticleError

HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
STDIN = "-"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Columns:
    """The field names of a JSON Lines or CSV corpus; ``id`` names an article when given."""

    text: str = "text"
    title: str = "title"
    outlet: str = "outlet"
    date: str = "date"
    url: str = "url"
    id: str | None = None


def read_inputs(paths: Iterable[str | Path], columns: Columns | None = None) -> list[Article]:
    """Read every article of files, folders, corpora and ``-`` (stdin), in the order given.

    :param paths: article files (by suffix: HTML, JSON Lines, CSV, else plain text), folders of
        plain text articles, or ``-`` for plain text on stdin.
    :param columns: the field names of JSON Lines and CSV corpora.
    """
    columns = columns or Columns()
    paths = list(paths)
    if not paths:
        raise ArticleError("no articles given")
    articles: list[Article] = []
    seen: set = set()  # files read: a file named twice (or in a folder and on its own) is read once
    for item in paths:
        if str(item) == STDIN:
            articles.append(read_stdin())
        else:
            for path in find_articles([item], seen):
                articles.extend(read_source(path, columns))
    return unique_articles(articles)


def unique_articles(articles: list[Article]) -> list[Article]:
    """The articles without repeats: the same body twice is one article (its IRI is its body's hash), the first."""
    hashes: set[str] = set()
    return [a for a in articles if not (a.text_hash in hashes or hashes.add(a.text_hash))]


def read_source(path: str | Path, columns: Columns | None = None) -> list[Article]:
    """The articles of one file, read by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return [read_html(path)]
    if suffix in JSONL_SUFFIXES:
        return list(read_jsonl(path, columns or Columns()))
    if suffix in CSV_SUFFIXES:
        return list(read_csv(path, columns or Columns()))
    return [read_article(path)]


def read_stdin(name: str = "stdin") -> Article:
    """A plain text article from standard input."""
    from kg.article import parse_article

    raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    return parse_article(_decode_utf8(raw, name), name=name)


def read_html(path: str | Path) -> Article:
    """An HTML page's main text (trafilatura) with the title, date, URL and site name it finds."""
    path = Path(path)
    return html_article(_decode_html(_read_bytes(path), path), path.name)


def html_article(html: str, name: str) -> Article:
    """The article in an HTML page: trafilatura's main text, paragraphs apart, and its metadata."""
    import trafilatura  # imported when an HTML page is read (about 0.1 s)

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    text = (doc.text or "") if doc is not None else ""
    title = (doc.title or "").strip() or None if doc is not None else None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0] == title:
        lines = lines[1:]  # the headline is metadata, not body
    if not lines:
        raise ArticleError(f"{name}: no article text found in the HTML page")
    return Article(body="\n\n".join(lines), name=name, title=title, outlet=_clean(doc.sitename),
                   published=_to_date(doc.date), url=_clean(doc.url))


def read_jsonl(path: str | Path, columns: Columns) -> Iterator[Article]:
    """One article per line of a JSON Lines file; an empty or malformed line is an error naming it."""
    path = Path(path)
    for number, line in enumerate(_decode_utf8(_read_bytes(path), str(path)).splitlines(), start=1):
        where = f"{path}:{number}"
        if not line.strip():
            raise ArticleError(f"{where}: empty line; every line must be one JSON object")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ArticleError(f"{where}: not valid JSON ({err.msg}, column {err.colno})") from None
        if not isinstance(record, dict):
            raise ArticleError(f"{where}: not a JSON object")
        yield _record_article(record, columns, where, f"{path.name}:{number}")


def read_csv(path: str | Path, columns: Columns) -> Iterator[Article]:
    """One article per row of a CSV file with a header row (row 1 is the first article)."""
    path = Path(path)
    text = _decode_utf8(_read_bytes(path), str(path))
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as err:
        raise ArticleError(f"{path}: not valid CSV ({err})") from None
    header = next(csv.reader(io.StringIO(text, newline="")), [])
    if columns.text not in header:
        found = ", ".join(header) or "none"
        raise ArticleError(f"{path}: no '{columns.text}' column (columns: {found}); name it with --text-column")
    for number, row in enumerate(rows, start=1):
        yield _record_article(row, columns, f"{path}: row {number}", f"{path.name}:{number}")


def _record_article(record: dict, columns: Columns, where: str, default_name: str) -> Article:
    body = record.get(columns.text)
    if not isinstance(body, str) or not body.strip():
        raise ArticleError(f"{where}: no text in the '{columns.text}' field")
    ident = _field(record, columns.id) if columns.id else None
    return Article(body=body, name=ident or default_name, title=_field(record, columns.title),
                   outlet=_field(record, columns.outlet), published=_to_date(_field(record, columns.date)),
                   url=_field(record, columns.url))


def _field(record: dict, key: str) -> str | None:
    value = record.get(key)
    return _clean(str(value)) if value is not None else None


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _to_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return parse_date(text)


def _read_bytes(path: Path) -> bytes:
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    try:
        return path.read_bytes()
    except OSError as err:
        raise ArticleError(f"{path}: cannot read: {err.strerror or err}") from None


def _decode_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(f"{name}: not valid UTF-8 (byte {err.start}); save it as UTF-8") from None


def _decode_html(raw: bytes, path: Path) -> str:
    """UTF-8, else the charset the page declares; a page that is neither cannot be read."""
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{path}: looks like a binary file, not an HTML page")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = _CHARSET.search(raw[:4096])
        charset = declared.group(1).decode("ascii", "replace") if declared else None
        try:
            if charset:
                return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        raise ArticleError(f"{path}: cannot decode the HTML page: not UTF-8 (byte {err.start}) "
                           f"and {'not ' + charset if charset else 'no charset declared'}") from None
