"""Extraction results as JSON shaped like the gold annotation files (FORMAT.md)."""
from __future__ import annotations

from typing import Any

from kg.extraction.extract import Extraction
from kg.provenance import rules_of
from kg.statements import Statement, StatementId


def to_gold_json(extraction: Extraction) -> dict[str, Any]:
    """One object ``{"article", "actors", "statements"}`` with the gold field names plus start/end."""
    actors = extraction.actors
    numbers = statement_numbers(extraction.statements)
    return {
        "article": extraction.article.name,
        "actors": [_actor(a, actors) for a in actors.values()],
        "statements": [_statement(s, numbers, extraction) for s in extraction.statements],
    }


def _actor(actor, actors) -> dict[str, Any]:
    out = {"name": actor.name, "type": actor.kind, "aliases": sorted(actor.aliases - {actor.name})}
    if actor.member_of and actor.member_of in actors:
        out["member_of"] = actors[actor.member_of].name
    if actor.same_as:
        out["same_as"] = actor.same_as
    return out


def statement_numbers(statements: list[Statement]) -> dict[StatementId, str]:
    """The gold format's statement ids, ``s1``, ``s2``, ... in list order, by statement id."""
    return {s.id: f"s{index + 1}" for index, s in enumerate(statements)}


def _statement(statement: Statement, numbers: dict[StatementId, str], extraction: Extraction) -> dict[str, Any]:
    actors = extraction.actors
    speaker = actors.get(statement.speaker_actor)
    subjects = [actors[k].name for k in statement.subject_actors if k in actors]
    role = sorted(speaker.roles)[0] if speaker is not None and speaker.roles else None
    return {
        "id": numbers[statement.id],
        "speaker": statement.speaker,
        "speaker_actor": speaker.name if speaker else None,
        "speaker_type": speaker.kind if speaker else None,
        "speaker_role": role,
        "subject": subjects[0] if len(subjects) == 1 else (subjects or None),
        "position": statement.position,
        "position_confidence": statement.position_confidence,
        "kind": statement.kind,
        "cue": statement.cue,
        "channel": [hop.label for hop in statement.channel],
        "addressee": actors[statement.addressee_actor].name if statement.addressee_actor in actors else statement.addressee,
        "quote": statement.quote_kind != "indirect",
        "quote_kind": statement.quote_kind,
        "hedged": statement.hedged,
        "content": statement.content,
        "time": statement.time,
        "time_start": statement.time_start,
        "time_end": statement.time_end,
        "evidence": statement.evidence,
        "start": statement.start,
        "end": statement.end,
        "reported_by": numbers.get(statement.reported_by),
        "same_as": None,
        "rules": rules_of(statement),
    }
