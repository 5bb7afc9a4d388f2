"""kg.extraction.channels.finder: the channel-kind scheme and the venues and media a statement went through."""
from __future__ import annotations

import pytest

from kg.errors import KgError
from kg.extraction.channels.finder import load_channel_kinds


@pytest.fixture(scope="module")
def read(read_statements):
    return read_statements


def hops(statement) -> list[tuple[str, str | None]]:
    return [(h.label, h.kind) for h in statement.channel]


def test_the_shipped_scheme_gives_kinds_with_their_phrases_longest_first():
    kinds = {k.notation: k for k in load_channel_kinds()}
    assert {"message", "intermediary", "publication", "broadcast", "interview"} <= set(kinds)
    assert "voice message" in kinds["message"].phrases
    assert all(list(k.phrases) == sorted(k.phrases, key=len, reverse=True) for k in kinds.values())


def test_a_user_scheme_adds_kinds(tmp_path):
    extra = tmp_path / "kinds.ttl"
    extra.write_text("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                     "<urn:kind:pigeon> a skos:Concept ; skos:notation \"pigeon\" ; skos:prefLabel \"carrier pigeon\" ;"
                     " skos:altLabel \"pigeon post\" .\n")
    kinds = {k.notation: k for k in load_channel_kinds([extra])}
    assert set(kinds["pigeon"].phrases) == {"carrier pigeon", "pigeon post"}
    assert "message" in kinds


def test_a_missing_user_scheme_is_an_error(tmp_path):
    with pytest.raises(KgError):
        load_channel_kinds([tmp_path / "missing.ttl"])


@pytest.mark.parametrize("text, hop", [
    ("Elena Varga said in a voice message that she would run for office.", ("voice message", "message")),
    ("The rebel commander said through intermediaries that he was ready to talk.", ("intermediaries", "intermediary")),
    ("Elena Varga said in a televised address that she would run.", ("televised address", "broadcast")),
    ("The rebel commander said behind closed doors that the truce was over.", ("behind closed doors", "meeting")),
    ("Elena Varga wrote on social media that the vote had been rigged.", ("social media", "social_media")),
    ("In a voice message, Elena Varga said the vote had been rigged.", ("voice message", "message")),
])
def test_a_venue_or_medium_attached_to_the_cue_is_a_hop_of_its_kind(read, text, hop):
    statements = read(text)
    assert len(statements) == 1
    assert hops(statements[0]) == [hop]


@pytest.mark.parametrize("text", [
    "Elena Varga said the vote had been rigged.",
    "Elena Varga said the message had been deleted.",  # a medium inside what is said is not how it was said
])
def test_without_a_venue_there_is_no_hop(read, text):
    assert [hops(s) for s in read(text)] == [[]]
