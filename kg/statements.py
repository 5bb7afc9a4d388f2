"""Statements: one attributed claim or stance, with its frame and the words it came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "mixed", "indirect"]
StatementKind = Literal["stance", "claim"]


@dataclass
class ChannelHop:
    """One conduit a statement went through, from the origin outward."""

    label: str
    kind: str | None = None  # notation of a channel-kind concept, e.g. "message"
    actor: str | None = None  # actor key when the hop is an actor (an outlet, a government)
    rule: str | None = field(default=None, compare=False)  # id of the rule that put the hop in the chain


@dataclass
class Statement:
    """An attributed statement found in an article body.

    Offsets are characters in the article body; ``evidence`` is the sentence
    (or two) the statement was read from, verbatim.
    """

    start: int
    end: int
    evidence: str
    speaker: str | None
    cue: str | None
    content: str
    quote_kind: QuoteKind = "indirect"
    hedged: bool = False
    kind: StatementKind = "claim"
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_actor: str | None = None  # actor key, resolved by the actor resolver
    addressee: str | None = None
    addressee_actor: str | None = None
    subject_actors: list[str] = field(default_factory=list)
    channel: list[ChannelHop] = field(default_factory=list)
    reported_by: int | None = None  # index of the outer statement in the article's list
    position: str | None = None  # notation of a position concept
    position_confidence: float | None = None
    time: str | None = None
    time_start: str | None = None
    time_end: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    # ids of the rules that decided, by aspect: frame, speaker, cue, kind, position (channel: on each hop);
    # see kg.provenance
    rules: dict[str, list[str]] = field(default_factory=dict)
    # parse anchors used while extracting; not part of the output
    cue_token: int | None = field(default=None, repr=False)
    speaker_token: int | None = field(default=None, repr=False)
    content_tokens: frozenset[int] = field(default_factory=frozenset, repr=False)
    in_quote_of_other: bool = field(default=False, repr=False)
    relay_spans: list[tuple[int, int]] = field(default_factory=list, repr=False)
