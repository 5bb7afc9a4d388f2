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

from kg.errors import ArticleError

_SOURCE_LINE = re.compile(r"^\s*Source:\s*(?P<rest>.+?)\s*$", re.IGNORECASE)
_URL = re.compile(r"https?://\S+?(?=[.,;:)\]]*(?:\s|$))")  # trailing punctuation is not part of the URL
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ARTICLE_SUFFIXES = (".txt", ".text")  # what a folder holds as articles; a file named on its own is read whatever it is
# Files beside articles that are about them, not articles (README.txt, LICENSE.txt): a folder build skips them.
_NOT_ARTICLES = re.compile(r"(readme|licen[cs]e|copying|changelog|changes|authors|contributing)\b", re.IGNORECASE)


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


def find_articles(paths: list[str | Path], seen: set[Path] | None = None) -> list[Path]:
    """Expand files and folders into a list of article files, each folder's sorted; a file met twice is listed once.

    :param paths: files, or folders searched recursively for plain text articles (.txt, .text), leaving out hidden
        files and folders and files such as README.txt or LICENSE.txt (see :func:`skipped_in_folders`).
    :param seen: files already listed (resolved paths), left out and added to; shared between calls.
    """
    seen = set() if seen is None else seen
    found: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            inside = _folder_articles(item)
            if not inside:
                raise ArticleError(f"{item}: the folder holds no article files (.txt or .text)")
        elif item.exists():
            inside = [item]
        else:
            raise ArticleError(f"{item}: no such file or folder")
        for path in inside:
            if path.resolve() not in seen:  # the same file named twice, or in a folder and on its own: read once
                seen.add(path.resolve())
                found.append(path)
    if not found and not seen:
        raise ArticleError("no articles given")
    return found


def skipped_in_folders(paths: list[str | Path]) -> list[Path]:
    """The files a folder build leaves out: not .txt or .text (markdown, HTML, corpora, images...), or named like
    README.txt or LICENSE.txt; hidden files are not listed. Name such a file on its own to read it."""
    skipped: list[Path] = []
    for folder in (Path(p) for p in paths):
        if folder.is_dir():
            taken = set(_folder_articles(folder))
            skipped += sorted(p for p in _visible_files(folder) if p not in taken)
    return skipped


def _folder_articles(folder: Path) -> list[Path]:
    return sorted(p for p in _visible_files(folder)
                  if p.suffix.lower() in _ARTICLE_SUFFIXES and not _NOT_ARTICLES.match(p.name))


def _visible_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)]


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
    # match the file, and extraction masks a headline itself (kg.extraction.cleaning).
    return None, None, None, None, 0


def _parse_source(rest: str) -> tuple[str | None, date | None, str | None]:
    url_match = _URL.search(rest)
    url = url_match.group(0) if url_match else None
    if url:
        rest = rest.replace(url, "")
    parts = [p.strip() for p in rest.split(",") if p.strip()]
    outlet = parts[0] if parts else None
    published = parse_date(", ".join(parts[1:])) if len(parts) > 1 else None
    return outlet, published, url


def parse_date(text: str) -> date | None:
    """A date as written in an article's Source line or a corpus field (ISO, or as dateparser reads it); None if none."""
    if _ISO_DATE.fullmatch(text.strip()):  # what dateparser reads it as, without its 1.4 ms an article and its import
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            pass  # not a real day ("2024-02-30"): as dateparser decides
    import dateparser  # slow to import: only when a Source line has a date that is not ISO

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    return parsed.date() if parsed else None
