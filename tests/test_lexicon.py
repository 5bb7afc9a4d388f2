"""The lexicon is the one vocabulary: declared kinds, each read by the rules, and user files that can add and
switch off."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import kg
from kg.errors import SchemeError
from kg.extraction import Settings
from kg.lexicon import declared_kinds, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = """@prefix kg: <https://w3id.org/kg/ns#> .
@prefix lex: <https://w3id.org/kg/lexicon/> .
"""


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "kg").rglob("*.py")))


def test_every_declared_kind_is_read_by_the_code():
    """A kind no rule asks for is vocabulary that does nothing: a user would add entries to it in vain."""
    source = _source()
    unread = [kind for kind in sorted(declared_kinds())
              if not re.search(rf"""["']{kind}["']|KG\.{kind}\b""", source)]
    assert not unread


def test_every_declared_kind_has_shipped_entries():
    lexicon = load_lexicon()
    assert {kind for kind in declared_kinds() if not lexicon.lemmas(kind)} == set()


def test_asking_for_an_undeclared_kind_fails_at_once():
    lexicon = load_lexicon()
    assert lexicon.has("StanceCue", "vow")
    with pytest.raises(KeyError, match="StanceCeu"):
        lexicon.has("StanceCeu", "vow")


def test_a_user_entry_of_an_undeclared_kind_is_refused(tmp_path):
    extra = tmp_path / "mine.ttl"
    extra.write_text(PREFIXES + 'lex:mine-mutter a kg:LexiconEntry ; kg:entryKind kg:SpeechVerbb ; kg:lemma "mutter" .\n',
                     encoding="utf-8")
    with pytest.raises(SchemeError, match="SpeechVerbb"):
        load_lexicon([extra])


def test_a_user_file_adds_a_cue_verb(tmp_path):
    text = "The harbour master grumbled that the new quay was far too short."
    extra = tmp_path / "mine.ttl"
    extra.write_text(PREFIXES + 'lex:mine-grumble a kg:LexiconEntry ; kg:entryKind kg:SpeechVerb ; kg:lemma "grumble" .\n',
                     encoding="utf-8")
    assert not [s for s in kg.extract(text) if s.cue == "grumbled"]
    found = [s for s in kg.extract(text, Settings(lexicon=(str(extra),))) if s.cue == "grumbled"]
    assert found and found[0].speaker == "The harbour master"


def test_a_user_file_switches_a_shipped_flag_off(tmp_path):
    """The shipped lexicon says "claim" hedges; a newsroom that reads it as neutral turns that off."""
    text = "The company claimed that its sales rose by a tenth last year."
    assert load_lexicon().lookup("SpeechVerb", "claim")[0].hedges
    assert [s.hedged for s in kg.extract(text)] == [True]
    extra = tmp_path / "neutral-claim.ttl"
    extra.write_text(PREFIXES + "lex:speechverb-claim kg:hedges false .\n", encoding="utf-8")
    assert not load_lexicon([extra]).lookup("SpeechVerb", "claim")[0].hedges
    assert [s.hedged for s in kg.extract(text, Settings(lexicon=(str(extra),)))] == [False]
