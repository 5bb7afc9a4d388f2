"""Finding quotations in article text: curly and straight double quotes, across sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN_CURLY, _CLOSE_CURLY = "“", "”"
_GUILLEMETS = ("«", "»")


@dataclass(frozen=True)
class Quote:
    """A quotation: character offsets of the quoted text, marks excluded."""

    start: int
    end: int
    closed: bool = True

    def contains(self, char: int) -> bool:
        return self.start <= char < self.end


def find_quotes(text: str) -> list[Quote]:
    """Return quotations in reading order.

    A quote left open at the end of a paragraph that is followed by a paragraph
    opening a new quote is closed there, the way news continues long quotes.

    >>> [(q.start, q.end) for q in find_quotes('He said: "No." Then “yes.”')]
    [(10, 13), (21, 25)]
    """
    quotes: list[Quote] = []
    for paragraph_start, paragraph in _paragraphs(text):
        quotes.extend(_quotes_in(paragraph, paragraph_start))
    return quotes


def _paragraphs(text: str):
    start = 0
    for match in re.finditer(r"\n\s*\n|\n", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def _quotes_in(paragraph: str, offset: int) -> list[Quote]:
    found: list[Quote] = []
    opened: int | None = None
    opener = ""
    for i, char in enumerate(paragraph):
        if opened is None:
            if char in (_OPEN_CURLY, _GUILLEMETS[0]) or (char == '"' and _opens_straight(paragraph, i)):
                opened, opener = i + 1, char
        elif _closes(opener, char):
            found.append(Quote(offset + opened, offset + i))
            opened = None
    if opened is not None and len(paragraph) - opened > 1:
        found.append(Quote(offset + opened, offset + len(paragraph.rstrip()), closed=False))
    return [q for q in found if q.end > q.start]


def _opens_straight(paragraph: str, i: int) -> bool:
    # A straight quote opens when nothing word-like stands right before it.
    return i == 0 or not paragraph[i - 1].isalnum()


def _closes(opener: str, char: str) -> bool:
    if opener == _OPEN_CURLY:
        return char == _CLOSE_CURLY
    if opener == _GUILLEMETS[0]:
        return char == _GUILLEMETS[1]
    return char == '"'
