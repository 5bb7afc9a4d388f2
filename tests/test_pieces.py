"""kg.extraction.pieces: splitting a long body and merging its pieces' statements and actors (long articles end to end
are in tests/test_long_articles.py)."""
from __future__ import annotations

import pytest

from kg.actors import ORGANIZATION, PERSON, Actor
from kg.extraction.pieces import Piece, merge, rekey, split
from kg.statements import ChannelHop, Statement, StatementId


def test_a_short_text_is_one_piece():
    assert split("The mayor said no.", size=100) == [Piece(0, 0, 18)]


@pytest.mark.parametrize("text", [
    "One two.\nThree four.\nFive six.\nSeven eight.\n" * 5,
    "One two three. Four five six. Seven eight nine. " * 8,  # no line breaks: cut between sentences
    "word " * 60,  # no sentence ends: cut at spaces
])
def test_pieces_own_the_whole_text_in_order_and_keep_to_the_size(text):
    pieces = split(text, size=40, context=12)
    assert pieces[0].start == 0 and pieces[0].own == 0
    assert pieces[-1].end == len(text)
    assert all(a.end == b.own for a, b in zip(pieces, pieces[1:]))
    assert all(p.end - p.start <= 40 for p in pieces)
    assert all(p.start <= p.own < p.end for p in pieces)


def test_a_piece_is_cut_after_a_line_break_and_rereads_the_paragraph_before_it_as_context():
    text = "Alpha beta gamma delta.\nEta theta iota kappa.\nIt rained.\nNu xi omicron pi rho.\n"
    pieces = split(text, size=60, context=15)
    assert len(pieces) == 2
    assert text[pieces[0].end - 1] == "\n"
    assert text[pieces[1].start:pieces[1].own] == "It rained.\n"  # the whole paragraph within 15 characters


def statement(start: int, end: int, speaker: str, reported_by: Statement | None = None) -> Statement:
    return Statement(start, end, "e", speaker, "said", "c", speaker_actor=speaker, speaker_start=start,
                     speaker_end=start + 2, reported_by=reported_by.id if reported_by else None)


def test_one_piece_from_the_start_is_returned_as_it_is():
    statements = [statement(0, 5, "a")]
    actors = {"a": Actor("a", "Maria Okonkwo", PERSON)}
    assert merge([(Piece(0, 0, 10), statements, actors)]) == (statements, actors)


def test_merged_statements_are_shifted_to_the_body_and_context_statements_are_dropped():
    first = (Piece(0, 0, 100), [statement(10, 20, "a")], {"a": Actor("a", "Maria Okonkwo", PERSON)})
    # the second piece rereads 80..100 as context: its statement at 90 (10 in the piece) is the first piece's
    context = statement(10, 20, "a")
    second = (Piece(80, 100, 200), [context, statement(40, 50, "b", reported_by=context)],
              {"a": Actor("a", "Maria Okonkwo", PERSON), "b": Actor("b", "Okonkwo", PERSON)})
    statements, actors = merge([first, second])
    assert [(s.start, s.end, s.speaker_start) for s in statements] == [(10, 20, 10), (120, 130, 120)]
    assert statements[1].id == StatementId(120, 130, speaker=(120, 122))  # its id moved with it


def test_a_person_named_again_in_a_later_piece_is_one_actor():
    first = (Piece(0, 0, 100), [statement(10, 20, "maria-okonkwo")],
             {"maria-okonkwo": Actor("maria-okonkwo", "Maria Okonkwo", PERSON)})
    second = (Piece(100, 100, 200), [statement(10, 20, "okonkwo")], {"okonkwo": Actor("okonkwo", "Okonkwo", PERSON)})
    statements, actors = merge([first, second])
    assert list(actors) == ["maria-okonkwo"]
    assert [s.speaker_actor for s in statements] == ["maria-okonkwo", "maria-okonkwo"]


def test_different_actors_sharing_a_key_across_pieces_are_kept_apart():
    first = (Piece(0, 0, 100), [statement(10, 20, "x")], {"x": Actor("x", "Harbour Board", ORGANIZATION)})
    second = (Piece(100, 100, 200), [statement(10, 20, "x")], {"x": Actor("x", "Tom Haller", PERSON)})
    statements, actors = merge([first, second])
    assert sorted(a.name for a in actors.values()) == ["Harbour Board", "Tom Haller"]
    assert statements[0].speaker_actor != statements[1].speaker_actor


def test_ids_and_reported_by_move_with_their_piece_onto_the_body():
    first = (Piece(0, 0, 100), [statement(10, 20, "a")], {"a": Actor("a", "Maria Okonkwo", PERSON)})
    outer = statement(10, 20, "a")
    second = (Piece(100, 100, 200), [outer, statement(10, 40, "a", reported_by=outer)],
              {"a": Actor("a", "Maria Okonkwo", PERSON)})
    statements, _ = merge([first, second])
    assert [(s.id.start, s.id.end, s.id.speaker) for s in statements] == [(10, 20, (10, 12)), (110, 120, (110, 112)),
                                                                          (110, 140, (110, 112))]
    assert statements[2].reported_by == statements[1].id != statements[0].id


def test_rekey_points_every_actor_key_at_its_new_key():
    s = Statement(0, 5, "e", "x", "said", "c", speaker_actor="a", addressee_actor="b", subject_actors=["a", "b", "c"],
                  channel=[ChannelHop("Gazette", actor="b"), ChannelHop("a memo")])
    rekey(s, {"a": "z", "b": "z"})
    assert (s.speaker_actor, s.addressee_actor, s.subject_actors) == ("z", "z", ["z", "c"])
    assert [h.actor for h in s.channel] == ["z", None]
