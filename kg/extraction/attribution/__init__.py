"""Rules that find attributed statements on spaCy's dependency parse.

Every rule is general English grammar: a reporting verb with its subject and
complement, a prepositional frame ("according to X"), a nominal frame
("X's insistence on ..."), a participial source ("citing X"), a hedge adverb
on an actor's clause ("he reportedly ..."), and quotations continued from the
last speaker. Which words count as cues, hedges or sources is the lexicon's
business (ontology/lexicon.ttl), never this package's.

Layout: ``context`` (the per-sentence input of every rule), ``words`` (lexicon-bound word tests),
``grammar`` (closed-class English), one module per family of rules (``verbs``, ``speaker``, ``quoting``,
``prepositions``, ``nouns``, ``colon``, ``hedges``, ``non_statements``, ``merging``) and ``registry``, which
orders them.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.registry import find_frames, frame_rules
from kg.extraction.attribution.verbs import reporting_clause_alone
from kg.extraction.attribution.words import Words
from kg.extraction.quotes import Quote
from kg.lexicon import Lexicon

__all__ = ["AttributionRules", "Frame", "SentenceContext", "Words", "frame_rules"]


class AttributionRules(Words):
    """Apply the attribution rules to a parsed Doc (the word tests of :class:`Words`, plus the rules).

    :param lexicon: the cue, hedge and source-noun lexicon.
    :param outlet_names: normalised names of known news outlets.
    """

    def __init__(self, lexicon: Lexicon, outlet_names: set[str] | None = None) -> None:
        super().__init__(lexicon, outlet_names)

    def context(self, sent: Span, quotes: list[Quote]) -> SentenceContext:
        """The context the rules read for one sentence."""
        return SentenceContext(sent, tuple(quotes), self)

    def frames(self, sent: Span, quotes: list[Quote]) -> list[Frame]:
        """All attribution frames of one sentence, merged and de-duplicated."""
        return find_frames(self.context(sent, quotes))

    def reporting_clause_alone(self, sent: Span, quoted: Span, quotes: list[Quote]) -> Frame | None:
        """A reporting clause that is a sentence of its own beside the quotation it reports (see
        :func:`kg.extraction.attribution.verbs.reporting_clause_alone`)."""
        return reporting_clause_alone(self.context(sent, quotes), quoted)

    def quoted_by(self, tok: Token) -> list[Span]:
        """'was quoted by the Nikkei newspaper as saying': the outlet that quoted."""
        from kg.extraction.attribution.quoting import quoted_by

        return quoted_by(self, tok)
