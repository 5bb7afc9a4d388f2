"""Blanking the parts of an article body that are not narrative: headline, datelines, credits.

They are replaced by spaces of the same length, so every character offset
still points into the original body.
"""
from __future__ import annotations

import re

_DATELINE = re.compile(
    r"^(?P<d>[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.'’ ]{1,30}?)?"  # place, and its country or state
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\((?:[A-Z][A-Za-z .&-]{1,30})\)\s*)?[-–—]{1,2}\s)", re.MULTILINE)
_CAPS_PLACE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,|\s*\(|\s*[-–—])")
_CREDIT_SENTENCE = re.compile(
    r"^\(?\s*(?:(?:Additional\s+[Rr]eporting|Reporting|Writing|Editing|Compiled|Edited|Produced|Research)\b.*\bby\b"
    r"|By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$"
    r"|(?:[A-Z][\w.'’-]+\s+){1,3}(?:and\s+(?:[A-Z][\w.'’-]+\s+){1,3})?reported\s+from\s+[A-Z]"
    r"|.*\bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b)")
_SENTENCE_SPLIT = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
_TERMINAL = re.compile(r"[.!?\"”’:)]\s*$")
_MAX_HEADLINE_WORDS = 22


def mask_boilerplate(body: str) -> str:
    """Blank headline, datelines and reporting credits, keeping every offset.

    >>> masked = mask_boilerplate("MOSCOW, Feb 14 (Reuters) - Peskov said no.")
    >>> (len(masked), masked.strip())
    (42, 'Peskov said no.')
    """
    chars = list(body)
    for start, end in _headline(body) + _datelines(body) + _credits(body):
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _headline(body: str) -> list[tuple[int, int]]:
    stripped = body.lstrip()
    first_end = stripped.find("\n")
    if first_end < 0:
        return []
    start = len(body) - len(stripped)
    line = stripped[:first_end]
    if _TERMINAL.search(line) or len(line.split()) > _MAX_HEADLINE_WORDS or not stripped[first_end:].strip():
        return []
    return [(start, start + first_end)]


def _datelines(body: str) -> list[tuple[int, int]]:
    spans = []
    for match in _DATELINE.finditer(body):
        text = match.group("d")
        if _CAPS_PLACE.match(text) or "(" in text:
            spans.append((match.start(), match.end()))
    return spans


def _credits(body: str) -> list[tuple[int, int]]:
    """Lines made only of credit sentences ('Reporting by ...', 'X reported from Cairo.', '... contributed to this report.')."""
    spans = []
    offset = 0
    for line in body.split("\n"):
        text = line.strip()
        sentences = [t for t in _SENTENCE_SPLIT.split(text) if t.strip()]
        if sentences and all(_CREDIT_SENTENCE.match(t.strip()) for t in sentences):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans
