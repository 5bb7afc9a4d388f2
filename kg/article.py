"""Reading news articles from plain text files.

A file may start with a title line and a ``Source: outlet, date, url`` line;
when present they become metadata and the rest is the body. Otherwise the
whole file is the body. Statement offsets always refer to the body.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import ArticleError

_SOURCE_LINE = re.compile(r"^\s*Source:\s*(?P<rest>.+?)\s*$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+?(?=[.,;:)\]]*(?:\s|$))")  # trailing punctuation is not part of the URL
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ARTICLE_SUFFIXES = (".txt", ".text", ".md")


@dataclass(frozen=True)
class Article:
    """One news article: its body and whatever metadata the file carried."""

    body: str
    name: str = "article.txt"
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def text_hash(self) -> str:
        """A stable key of the body: the first 16 hex digits of its SHA-256."""
        return hashlib.sha256(self.body.encode("utf-8")).hexdigest()[:16]


def parse_article(text: str, name: str = "article.txt") -> Article:
    """Split raw article text into metadata and body.

    >>> a = parse_article("Talks stall\\nSource: Reuters, 2024-03-01, https://x.org/a\\n\\nHe said so.")
    >>> (a.title, a.outlet, a.published.isoformat(), a.body)
    ('Talks stall', 'Reuters', '2024-03-01', 'He said so.')
    """
    if not text.strip():
        raise ArticleError(f"{name}: the article is empty")
    lines = text.split("\n")
    title, outlet, published, url, consumed = _read_header(lines)
    body = "\n".join(lines[consumed:]).lstrip("\n") if consumed else text
    if not body.strip():
        raise ArticleError(f"{name}: the article has a header but no body")
    return Article(body=body, name=name, title=title, outlet=outlet, published=published, url=url)


def read_article(path: str | Path) -> Article:
    """Read an article file as UTF-8 and parse it.

    :param path: a plain text file.
    """
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a folder, not an article file")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise ArticleError(f"{path}: looks like a binary file, not a text article")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ArticleError(f"{path}: not valid UTF-8 (byte {err.start}); save the article as UTF-8") from None
    return parse_article(text, name=path.name)


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Expand files and folders into a sorted list of article files.

    :param paths: files, or folders searched recursively for .txt/.text/.md files.
    """
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            inside = sorted(p for p in item.rglob("*") if p.is_file() and p.suffix.lower() in _ARTICLE_SUFFIXES)
            if not inside:
                raise ArticleError(f"{item}: the folder holds no article files (.txt, .text or .md)")
            found.extend(inside)
        elif item.exists():
            found.append(item)
        else:
            raise ArticleError(f"{item}: no such file or folder")
    if not found:
        raise ArticleError("no articles given")
    return found


def _read_header(lines: list[str]) -> tuple[str | None, str | None, date | None, str | None, int]:
    """Find an optional title line and Source line at the top of the file."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, None, None, None, 0
    for idx in range(first, min(first + 3, len(lines))):
        match = _SOURCE_LINE.match(lines[idx])
        if match:
            title = lines[first].strip() if idx > first else None
            if any(line.strip() for line in lines[first + 1:idx]):
                break  # a second line between title and Source: not a header we understand
            outlet, published, url = _parse_source(match.group("rest"))
            return title, outlet, published, url, idx + 1
    # Without a Source line the whole file is the body, headline included: offsets then
    # match the file, and extraction masks a headline itself (kg.cleaning).
    return None, None, None, None, 0


def _parse_source(rest: str) -> tuple[str | None, date | None, str | None]:
    url_match = _URL.search(rest)
    url = url_match.group(0) if url_match else None
    if url:
        rest = rest.replace(url, "")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    outlet = parts[0] if parts else None
    published = _parse_date(", ".join(parts[1:])) if len(parts) > 1 else None
    return outlet, published, url


def _parse_date(text: str) -> date | None:
    if _ISO_DATE.fullmatch(text.strip()):  # what dateparser reads it as, without its 1.4 ms an article and its import
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass  # not a real day ("2024-02-30"): as dateparser decides
    import dateparser  # slow to import: only when a Source line has a date that is not ISO

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    return parsed.date() if parsed else None
