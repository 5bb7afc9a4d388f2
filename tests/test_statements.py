"""kg.statements: statements as values with stable ids; references between them by id; parse anchors kept apart."""
from __future__ import annotations

import json
from dataclasses import fields

import pytest

from kg.statements import Statement, StatementId, by_id, distinct_ids, without_dangling_references

# an unattributed quotation opens the article: the actor stage finds no speaker for it and drops it
DROPPED_FIRST = "“Nothing will change.”\nTom Haller said Elena Varga told him that the vote had been rigged."
LATER_STAGES = ["kg_actors", "kg_channels", "kg_positions"]


def read(nlp, text: str, disable: tuple[str, ...] = ()):
    with nlp.select_pipes(disable=list(disable)):
        return nlp(text)


def test_an_id_is_where_the_statement_was_read():
    statement = Statement(10, 40, "e", "Elena Varga", "said", "c", speaker_start=10, speaker_end=21,
                          content_start=27, content_end=39)
    assert statement.id == StatementId(10, 40, None, (10, 21), (27, 39))
    assert str(StatementId(10, 40, 22, (10, 21), (27, 39), n=1)) == "10-40/cue22/by10-21/on27-39/#1"


def test_a_shifted_id_moves_every_offset():
    assert StatementId(10, 40, 22, (10, 21), (27, 39)).shifted(100) == StatementId(110, 140, 122, (110, 121), (127, 139))
    assert StatementId(5, 9).shifted(3) == StatementId(8, 12)


def test_frames_read_identically_from_the_same_words_are_numbered_apart():
    statements = [Statement(0, 9, "e", None, "said", "c") for _ in range(3)] + [Statement(10, 19, "e", None, None, "c")]
    distinct_ids(statements)
    assert [s.id.n for s in statements] == [0, 1, 2, 0]
    assert len(by_id(statements)) == 4


def test_a_reference_to_a_dropped_statement_is_cleared_and_the_others_kept():
    outer, inner, other = (Statement(i * 10, i * 10 + 9, "e", None, "said", "c") for i in range(3))
    inner.reported_by, other.reported_by = outer.id, StatementId(99, 100)
    without_dangling_references([outer, inner, other])
    assert (inner.reported_by, other.reported_by) == (outer.id, None)


def test_the_public_statement_carries_no_parse_anchors():
    names = {f.name for f in fields(Statement)}
    assert not names & {"cue_token", "speaker_token", "content_tokens", "in_quote_of_other", "relay_spans"}


def test_a_dropped_statement_changes_neither_the_ids_nor_the_reported_by_of_the_others(nlp):
    early = read(nlp, DROPPED_FIRST, disable=tuple(LATER_STAGES))._.kg_statements
    final = read(nlp, DROPPED_FIRST)._.kg_statements
    assert len(early) == 3 and early[0].cue is None  # the opening quotation, then Tom Haller's and Elena Varga's
    assert [s.speaker for s in final] == ["Tom Haller", "Elena Varga"]
    assert [(s.id, s.reported_by) for s in final] == [(s.id, s.reported_by) for s in early[1:]]
    assert final[1].reported_by == final[0].id


def test_ids_do_not_depend_on_what_comes_after(nlp):
    alone = read(nlp, "Tom Haller said Elena Varga told him that the vote had been rigged.")._.kg_statements
    longer = read(nlp, "Tom Haller said Elena Varga told him that the vote had been rigged.\n"
                       "“We will fight on,” the mayor said.")._.kg_statements
    assert [(s.id, s.reported_by) for s in alone] == [(s.id, s.reported_by) for s in longer[:2]]


def test_the_json_output_numbers_statements_and_their_reporters_at_output_time(runner, tmp_path):
    from kg.cli import cli

    path = tmp_path / "a.txt"
    path.write_text(DROPPED_FIRST, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    statements = json.loads(result.output)["statements"]
    assert [(s["id"], s["speaker"], s["reported_by"]) for s in statements] == [
        ("s1", "Tom Haller", None), ("s2", "Elena Varga", "s1")]


@pytest.mark.parametrize("text, outlet", [
    ("Elena Varga said in an interview with Bravo Holdings that she would run.", "bravo-holdings"),
    ("Pixelwire quoted the founder as saying the app would close.", "pixelwire"),  # read as a person, it quoted
])
def test_the_actor_stage_alone_decides_actor_kinds_and_roles(nlp, text, outlet):
    def kinds_and_roles(doc):
        return {key: (a.kind, sorted(a.roles)) for key, a in doc._.kg_actors.actors.items()}

    after_actors = read(nlp, text, disable=("kg_channels", "kg_positions"))
    after_all = read(nlp, text)
    assert kinds_and_roles(after_actors)[outlet] == ("organization", ["news outlet"])
    assert kinds_and_roles(after_actors) == kinds_and_roles(after_all)  # the channel stage changed none
    assert outlet in {h.actor for s in after_all._.kg_statements for h in s.channel}
