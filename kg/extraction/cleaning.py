"""Blanking the parts of an article body that are not narrative: headline, datelines, credits.

They are replaced by spaces of the same length, so every character offset
still points into the original body.
"""
from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import Lexicon, load_lexicon

_DATELINE = re.compile(
    r"^(?P<d>[A-Z][A-Za-z.'’ -]{1,40}?(?:,\s*[A-Z][A-Za-z.'’ ]{1,30}?)?"  # place, and its country or state
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*"
    r"(?:\((?:[A-Z][A-Za-z .&-]{1,30})\)\s*)?[-–—]{1,2}\s)", re.MULTILINE)
_CAPS_PLACE = re.compile(r"^[A-Z][A-Z .'’-]{2,}(?:,|\s*\(|\s*[-–—])")
_SENTENCE_SPLIT = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
_TERMINAL = re.compile(r"[.!?\"”’:)]\s*$")
_MAX_HEADLINE_WORDS = 22


def mask_boilerplate(body: str, lexicon: Lexicon | None = None) -> str:
    """Blank headline, datelines and reporting credits, keeping every offset.

    :param lexicon: the words that open a credit line (``kg:CreditWord``) and the nouns a contribution is made to
        (``kg:CreditNoun``); the shipped lexicon when not given.

    >>> masked = mask_boilerplate("MOSCOW, Feb 14 (Reuters) - Peskov said no.")
    >>> (len(masked), masked.strip())
    (42, 'Peskov said no.')
    """
    chars = list(body)
    lexicon = lexicon or load_lexicon()
    credit = _credit_sentence(frozenset(lexicon.lemmas("CreditWord")), frozenset(lexicon.lemmas("CreditNoun")))
    for start, end in _headline(body) + _datelines(body) + _credits(body, credit):
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


@lru_cache(maxsize=8)
def _credit_sentence(credit_words: frozenset[str], credit_nouns: frozenset[str]) -> re.Pattern:
    """A credit sentence: 'Reporting by ...', 'By Ann Lee', 'X reported from Cairo', '... contributed to this report'.
    The opening words and the nouns come from the lexicon; the rest is the credit line's grammar."""
    openers = "|".join(_capitalised(w) for w in sorted(credit_words, key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(credit_nouns))
    return re.compile(
        rf"^\(?\s*(?:(?:{openers or '(?!)'})\b.*\bby\b"
        r"|By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}$"
        r"|(?:[A-Z][\w.'’-]+\s+){1,3}(?:and\s+(?:[A-Z][\w.'’-]+\s+){1,3})?reported\s+from\s+[A-Z]"
        rf"|.*\bcontributed\s+(?:reporting|to\s+this\s+(?:{nouns or '(?!)'}))\b)")


def _capitalised(phrase: str) -> str:
    """'additional reporting' as it opens a line: 'Additional reporting' or 'Additional Reporting'."""
    first, *rest = phrase.split()
    return r"\s+".join([re.escape(first.capitalize()), *(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in rest)])


def _credits(body: str, credit: re.Pattern) -> list[tuple[int, int]]:
    """Lines made only of credit sentences ('Reporting by ...', 'X reported from Cairo.', '... contributed to this report.')."""
    spans = []
    offset = 0
    for line in body.split("\n"):
        text = line.strip()
        sentences = [t for t in _SENTENCE_SPLIT.split(text) if t.strip()]
        if sentences and all(credit.match(t.strip()) for t in sentences):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans
