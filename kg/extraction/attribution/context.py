"""The per-sentence context every rule reads: no rule keeps state between calls."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.extraction.attribution.words import Words
from kg.extraction.quotes import Quote
from kg.lexicon import Lexicon


@dataclass(frozen=True)
class SentenceContext:
    """One sentence of a parsed article, its article's quotations and the word tests of the lexicon.

    :param sent: the sentence the rules read.
    :param quotes: the quotations of the whole article (character offsets).
    :param words: the lexicon's and the known outlets' word tests.
    """

    sent: Span
    quotes: tuple[Quote, ...]
    words: Words

    @property
    def doc(self) -> Doc:
        return self.sent.doc

    @property
    def lexicon(self) -> Lexicon:
        return self.words.lexicon

    @property
    def outlet_names(self) -> set[str]:
        return self.words.outlet_names

    def quoted(self, tok: Token) -> bool:
        """The token lies inside a quotation."""
        return any(q.contains(tok.idx) for q in self.quotes)
