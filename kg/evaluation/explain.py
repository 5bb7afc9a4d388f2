"""Why each statement of an article was extracted: the rules behind its speaker, cue, channel, kind and position.

``kg explain ARTICLE`` prints :func:`explain_text` of the article's extraction.
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.evaluation.goldjson import statement_numbers
from kg.extraction.extract import Extraction
from kg.provenance import describe, rules_of


@dataclass
class Explained:
    """One statement with the rules that decided each of its aspects (values as the JSON output gives them)."""

    id: str
    evidence: str
    frame: list[str]
    lines: list[tuple[str, str, list[str]]]  # (aspect, value, rule ids)


def explain(extraction: Extraction) -> list[Explained]:
    """Each statement of an extraction with the value and the rules of every aspect."""
    actors = extraction.actors
    out = []
    numbers = statement_numbers(extraction.statements)
    for statement in extraction.statements:
        rules = rules_of(statement)
        speaker = actors.get(statement.speaker_actor)
        who = statement.speaker or "(continues a quotation)"
        if speaker is not None and speaker.name != statement.speaker:
            who = f"{who} → {speaker.name} ({speaker.kind})"
        lines = [("speaker", who, rules["speaker"]), ("cue", statement.cue or "-", rules["cue"])]
        lines += [("channel", hop.label, [hop.rule] if hop.rule else []) for hop in statement.channel] \
            or [("channel", "-", [])]
        lines += [("kind", statement.kind + (", hedged" if statement.hedged else ""), rules["kind"]),
                  ("position", statement.position or "-", rules["position"])]
        if statement.reported_by in numbers:
            lines.append(("reported by", numbers[statement.reported_by], []))
        out.append(Explained(numbers[statement.id], statement.evidence, rules["frame"], lines))
    return out


def explain_text(extraction: Extraction, legend: bool = True) -> str:
    """A readable listing: per statement its evidence, then each aspect as ``value ← rule, rule``; with
    ``legend``, what every rule used means."""
    parts = [f"{extraction.article.name}: {len(extraction.statements)} statement(s)"]
    used: dict[str, None] = {}
    for item in explain(extraction):
        parts.append("")
        parts.append(f"{item.id}  {_short(item.evidence)}")
        parts.append(f"    {'frame':<11} {' + '.join(item.frame) or '-'}")
        for aspect, value, rules in item.lines:
            parts.append(f"    {aspect:<11} {value}" + (f"  ← {', '.join(rules)}" if rules else ""))
        used.update(dict.fromkeys([*item.frame, *(r for _, _, rules in item.lines for r in rules)]))
    if legend and used:
        parts += ["", "Rules used:"]
        parts += [f"  {rule_id:<32} {describe(rule_id)}" for rule_id in sorted(used)]
    return "\n".join(parts)


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
