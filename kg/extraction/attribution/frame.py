"""A frame: a cue found in a sentence, with its speaker and content, before it becomes a Statement."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.lexicon import LexiconEntry


@dataclass
class Frame:
    """A cue found in a sentence before it becomes a Statement.

    ``rules`` names the rule that found the frame and then each rule that reshaped it; ``speaker_rules`` and
    ``cue_rules`` the rules that chose its speaker mention and its cue words (ids of kg.extraction.attribution.registry).
    """

    cue_tokens: list[Token]
    speaker: Span | None
    content: list[Token]
    kind: str
    entry: LexiconEntry | None = None
    addressee: Span | None = None
    relays: list[Span] | None = None  # outlets that carried a cited source's words
    hedged_by_fold: bool = False  # a folded 'he believes' makes the host tentative
    rules: list[str] = field(default_factory=list)
    speaker_rules: list[str] = field(default_factory=list)
    cue_rules: list[str] = field(default_factory=list)

    def noted(self, rule_id: str) -> "Frame":
        """This frame, with one more rule that reshaped it (a new list: frames copied with ``replace`` share none)."""
        self.rules = [*self.rules, rule_id]
        return self
