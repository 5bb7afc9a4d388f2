"""Statements: one attributed claim or stance, with its frame and the words it came from."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Literal

QuoteKind = Literal["direct", "mixed", "indirect"]
StatementKind = Literal["stance", "claim"]


@dataclass
class ChannelHop:
    """One conduit a statement went through, from the origin outward."""

    label: str
    kind: str | None = None  # notation of a channel-kind concept, e.g. "message"
    actor: str | None = None  # actor key when the hop is an actor (an outlet, a government)
    rule: str | None = field(default=None, compare=False)  # id of the rule that put the hop in the chain


@dataclass(frozen=True)
class StatementId:
    """A statement's identity: where it was read, as character offsets in the text. Its evidence span, its frame
    (the cue's first character, the speaker's and the content's spans) and, for frames read identically from the
    same words, their place among them (``n``). It is set once, when the statement is made, so dropping another
    statement changes neither this id nor any reference to it."""

    start: int
    end: int
    cue: int | None = None
    speaker: tuple[int, int] | None = None
    content: tuple[int, int] | None = None
    n: int = 0

    def shifted(self, offset: int) -> StatementId:
        """The same id with every offset moved by ``offset`` (a piece's offsets onto the whole body)."""
        def move(span: tuple[int, int] | None) -> tuple[int, int] | None:
            return None if span is None else (span[0] + offset, span[1] + offset)
        return replace(self, start=self.start + offset, end=self.end + offset,
                       cue=None if self.cue is None else self.cue + offset,
                       speaker=move(self.speaker), content=move(self.content))

    def __str__(self) -> str:
        parts = [f"{self.start}-{self.end}"]
        parts += [f"cue{self.cue}"] if self.cue is not None else []
        parts += [f"by{self.speaker[0]}-{self.speaker[1]}"] if self.speaker else []
        parts += [f"on{self.content[0]}-{self.content[1]}"] if self.content else []
        return "/".join(parts + ([f"#{self.n}"] if self.n else []))


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
    reported_by: StatementId | None = None  # id of the statement that reports this one
    position: str | None = None  # notation of a position concept
    position_confidence: float | None = None
    time: str | None = None
    time_start: str | None = None
    time_end: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    # where it was read (kg.extraction.pipeline sets it from the frame; by default from the spans above)
    id: StatementId | None = None
    # ids of the rules that decided, by aspect: frame, speaker, cue, kind, position (channel: on each hop);
    # see kg.provenance
    rules: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.id is None:
            speaker = (self.speaker_start, self.speaker_end) if self.speaker_start is not None else None
            content = (self.content_start, self.content_end) if self.content_start is not None else None
            self.id = StatementId(self.start, self.end, None, speaker, content)


@dataclass
class Anchors:
    """What the attribution stage read of one statement and the later stages of kg.extraction.pipeline read, never output:
    where the statement sits in its Doc's parse (token indices, meaningless outside that Doc), and what its frame
    proposed for the aspects another stage decides (kind, speaker rules). Kept per Doc, by statement id
    (``doc._.kg_anchors``)."""

    cue_token: int | None = None
    speaker_token: int | None = None
    content_tokens: frozenset[int] = frozenset()
    in_quote_of_other: bool = False  # a cue inside someone else's quotation
    relay_spans: list[tuple[int, int]] = field(default_factory=list)  # char spans of who relayed the words
    frame_kind: StatementKind = "claim"  # the frame's reading; the positions stage decides the statement's kind
    kind_rules: list[str] = field(default_factory=list)
    speaker_rules: list[str] = field(default_factory=list)  # how the speaker mention was found
    addressee: str | None = None  # the frame's addressee mention; the actor stage decides the statement's


def distinct_ids(statements: list[Statement]) -> None:
    """Number the frames that were read identically from the same words (``StatementId.n``), in list order:
    every statement of an article has an id of its own."""
    seen: dict[StatementId, int] = {}
    for statement in statements:
        count = seen.get(statement.id, 0)
        seen[statement.id] = count + 1
        if count:
            statement.id = replace(statement.id, n=count)


def without_dangling_references(statements: list[Statement]) -> None:
    """A statement whose reporter was dropped by a stage reports to no one in the final list."""
    ids = {s.id for s in statements}
    for statement in statements:
        if statement.reported_by is not None and statement.reported_by not in ids:
            statement.reported_by = None


def by_id(statements: Iterable[Statement]) -> dict[StatementId, Statement]:
    """The statements by id: a reference (``reported_by``) is looked up here, and is absent once its statement
    was dropped."""
    return {s.id: s for s in statements}
