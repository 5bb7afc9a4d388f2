"""Long articles in pieces: split a body at paragraph (else sentence) boundaries, merge the pieces' results.

spaCy refuses a text over ``nlp.max_length`` (1,000,000 characters), and its parser's memory and kg's own
per-document scans grow faster than the text. A body longer than :data:`PIECE_CHARS` is therefore read as
pieces of about that size, each parsed and extracted as a Doc of its own, so time and memory grow linearly
with the length. Each piece after the first also reads up to :data:`CONTEXT_CHARS` of the paragraphs before it
(its context): a pronoun or a continued quote at the top of a piece still finds who was speaking. A
statement is kept from the piece that owns its start; offsets are shifted back to the whole body, and the
pieces' actors are merged as one article's actors are (same key, or the same person or organisation by
name). A body of one piece is processed exactly as before.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg.actors import COUNTRY, ORGANIZATION, PERSON, Actor, normalise
from kg.extraction.actors.coref import same_organisation, same_person
from kg.statements import Statement

PIECE_CHARS = 20_000  # per-character cost is flat up to about this size (benchmarks/long_articles.py)
CONTEXT_CHARS = 1_000  # a paragraph or two of the previous piece, read again for antecedents
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")
_PARAGRAPH_START = re.compile(r"\n+(?=[^\n])")


@dataclass(frozen=True)
class Piece:
    """A stretch of the body: ``text[start:end]`` is parsed; statements starting before ``own`` are the
    previous piece's (the stretch from ``start`` to ``own`` is only context)."""

    start: int
    own: int
    end: int


def split(text: str, size: int = PIECE_CHARS, context: int = CONTEXT_CHARS) -> list[Piece]:
    """Cut ``text`` into pieces of at most ``size`` characters (context included).

    >>> [(p.start, p.own, p.end) for p in split("One.\\nTwo.\\nThree.", size=10, context=5)]
    [(0, 0, 10), (10, 10, 16)]
    """
    context = min(context, size // 4)
    pieces: list[Piece] = []
    own = 0
    while own < len(text):
        start = _context_start(text, own, context) if own else 0
        end = len(text) if len(text) - start <= size else _cut(text, own, start + size)
        pieces.append(Piece(start, own, end))
        own = end
    return pieces


def _cut(text: str, own: int, limit: int) -> int:
    """Where a piece owning text from ``own`` ends, at most ``limit``: after the last line break of its second
    half, else after its last sentence end, else at its last space, else at ``limit``."""
    low = own + (limit - own) // 2
    newline = text.rfind("\n", low, limit)
    if newline >= 0:
        return newline + 1
    for pattern in (_SENTENCE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(text, low, limit)]
        if ends:
            return ends[-1]
    return limit


def _context_start(text: str, own: int, context: int) -> int:
    """The start of the whole paragraphs (else sentences) within ``context`` characters before ``own``."""
    low = max(0, own - context)
    for pattern in (_PARAGRAPH_START, _SENTENCE_END):
        found = pattern.search(text, low, own)
        if found and found.end() < own:
            return found.end()
    return own


def merge(parts: list[tuple[Piece, list[Statement], dict[str, Actor]]]) -> tuple[list[Statement], dict[str, Actor]]:
    """One article's statements and actors from its pieces' (in order), offsets relative to the whole body."""
    if len(parts) == 1 and parts[0][0].start == 0:
        return parts[0][1], parts[0][2]
    actors = _ActorMerge()
    statements: list[Statement] = []
    for piece, piece_statements, piece_actors in parts:
        mapping = actors.add(piece_actors)
        for statement in piece_statements:
            _shift(statement, piece.start)
            if statement.start < piece.own:  # read again as context: the previous piece has it
                continue
            rekey(statement, mapping)
            statements.append(statement)
    return statements, actors.actors


def _shift(statement: Statement, offset: int) -> None:
    """Offsets from the piece to the body, the id's and its reporter's alike (a statement and its reporter share
    their start, kg.extraction.framing.nest, so both are in the same piece)."""
    statement.id = statement.id.shifted(offset)
    if statement.reported_by is not None:
        statement.reported_by = statement.reported_by.shifted(offset)
    statement.start += offset
    statement.end += offset
    for name in ("speaker_start", "speaker_end", "content_start", "content_end"):
        if getattr(statement, name) is not None:
            setattr(statement, name, getattr(statement, name) + offset)


def rekey(statement: Statement, mapping: dict[str, str]) -> None:
    """Point a statement's actor keys (speaker, addressee, subjects, channel hops) at their new keys."""
    statement.speaker_actor = mapping.get(statement.speaker_actor, statement.speaker_actor)
    statement.addressee_actor = mapping.get(statement.addressee_actor, statement.addressee_actor)
    statement.subject_actors = list(dict.fromkeys(mapping.get(k, k) for k in statement.subject_actors))
    for hop in statement.channel:
        hop.actor = mapping.get(hop.actor, hop.actor)


class _ActorMerge:
    """The article's actors, built up piece by piece with the rules one Doc uses (kg.extraction.actors.coref): the same key, or a
    person or organisation named the same way ('Peskov' after 'Dmitry Peskov' in an earlier piece)."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}

    def add(self, piece_actors: dict[str, Actor]) -> dict[str, str]:
        """Merge one piece's actors; returns their keys in the article."""
        mapping = {key: self._place(actor) for key, actor in piece_actors.items()}
        for key, actor in piece_actors.items():
            target = mapping[key]
            member_of = mapping.get(actor.member_of, actor.member_of)
            if target in self.actors:
                self._join(self.actors[target], actor, member_of)
            else:
                self.actors[target] = replace(actor, key=target, member_of=member_of, aliases=set(actor.aliases),
                                              roles=set(actor.roles), heads={h: set(m) for h, m in actor.heads.items()})
        return mapping

    def _place(self, actor: Actor) -> str:
        existing = self.actors.get(actor.key)
        if existing is not None and _same_kind(existing.kind, actor.kind):
            return actor.key
        match = self._same_name(actor)
        if match is not None:
            return match
        key = actor.key
        while key in self.actors:  # another actor of the article already has this key (kg.extraction.actors.coref does the same)
            key += "-2"
        return key

    def _same_name(self, actor: Actor) -> str | None:
        folded = normalise(actor.name)
        if not folded:
            return None
        for other in self.actors.values():
            if not _same_kind(other.kind, actor.kind):
                continue
            names = {normalise(n) for n in other.names()}
            if folded in names:
                return other.key
            if actor.kind == PERSON and any(n and same_person(folded, n) for n in names):
                return other.key
            if actor.kind in (ORGANIZATION, COUNTRY) and any(n and same_organisation(folded, n) for n in names):
                return other.key
        return None

    @staticmethod
    def _join(target: Actor, actor: Actor, member_of: str | None) -> None:
        if actor.kind == PERSON and not target.known and len(actor.name.split()) > len(target.name.split()):
            target.aliases.add(target.name)  # the fuller name is the person's name, as within one Doc
            target.name = actor.name
        elif normalise(actor.name) != normalise(target.name):
            target.aliases.add(actor.name)
        target.aliases |= actor.aliases - {target.name}
        target.roles |= actor.roles
        for head, mods in actor.heads.items():
            target.heads.setdefault(head, set()).update(mods)
        target.member_of = target.member_of or member_of
        target.affiliation = target.affiliation or actor.affiliation
        target.same_as = target.same_as or actor.same_as
        target.known = target.known or actor.known


def _same_kind(a: str, b: str) -> bool:
    return a == b or {a, b} <= {ORGANIZATION, COUNTRY}
