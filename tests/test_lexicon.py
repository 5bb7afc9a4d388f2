"""The lexicon is the one vocabulary: declared kinds, each read by the rules, and user files that can add and
switch off."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import kg
from kg.errors import SchemeError
from kg.extraction.extract import Settings
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


# -- every kind and every frame entry is read -----------------------------------------------------------------

# Our own sentences, one or more for each construction a kind of the lexicon is asked about.
_ALL_KINDS_TEXT = """Harbour council votes on ferry plan

Additional reporting by Ann Lee; Editing by Tom Hale

The harbour master said on Tuesday that the new quay was far too short. Mayor Ines Kovac told reporters the ferry \
would run again in May, according to two managers. In the words of the mayor, the bridge is a disgrace. The talks \
collapsed on Friday, per the foreign ministry. The company plans to sell the unit, citing people familiar with the \
matter. The minister was quoted as saying the border would stay shut. For the union, the offer is an insult. The \
mayor told the Valley Courier that the ferry was late. The envoy has reportedly rejected the plan. In the view of the \
court, the levy is lawful. Western diplomats were skeptical of the deal. The company went on to say that prices \
would rise, as reported by the Valley Courier. A document seen by the Harbour Times showed the levy was needed. Two \
officials, who spoke on condition of anonymity, said the port would close. The regulator appeared to rule out a \
merger. She said to the committee in a brief interview that the group had not decided. The minister told a weekly \
briefing that the rumours were false and denied the report. The union dismissed the article as a smear, while it \
has no plans to strike. He said the cuts were a disgrace and vowed to fight. The firm announced it would quit the \
market. The coach is expected to propose a new plan. The agency did not respond to requests for comment. Its policy \
remains unchanged, the spokesman said. The ministry took to the radio to accuse the council of lying. Officials \
asked how the plan would work. The mayor will get a new office. Asked about the report, the company said it was not \
aware of any offer. There is no truth to the rumours, the minister said. The plan is unserious, the union said. The \
company's insistence that prices rise angered buyers. The bank signalled that it is interested in a deal. \
The union said it had withdrawn from the talks. \
The mayor allegedly told aides that a delay was likely. \
The council's policy stays unchanged, the mayor said.

Ann Lee contributed to this report.
"""


def test_every_declared_kind_is_asked_for_while_extracting(tmp_path, monkeypatch):
    """Each kind of the enum is looked up by a code path our sentences go through: a kind whose words no rule
    asks for would take a user's entries in vain. (The real lexicon answers; the test only notes the kinds.)"""
    from kg.lexicon import Lexicon

    asked: set[str] = set()
    declared = Lexicon._declared

    def noting(self, kind: str) -> str:
        asked.add(kind)
        return declared(self, kind)

    monkeypatch.setattr(Lexicon, "_declared", noting)
    extra = tmp_path / "fresh.ttl"  # a file of its own: a pipeline built now, so what it reads when built is noted too
    extra.write_text(PREFIXES + 'lex:mine-mutter a kg:LexiconEntry ; kg:entryKind kg:SpeechVerb ; kg:lemma "mutter" .\n',
                     encoding="utf-8")
    assert kg.extract(_ALL_KINDS_TEXT, Settings(lexicon=(str(extra),)))
    assert sorted(declared_kinds() - asked) == []


# One sentence for every shipped entry of the frame kinds: the entry finds its statement, with its words as the cue.
_FRAME_SENTENCES = {
    ("Preposition", "according to"): ("The plant will close in May, according to two managers.", "two managers"),
    ("Preposition", "in the view of"): ("In the view of the court, the levy is lawful.", "the court"),
    ("Preposition", "in the words of"): ("In the words of the mayor, the new bridge is a disgrace.", "the mayor"),
    ("Preposition", "per"): ("The talks collapsed on Friday, per the foreign ministry.", "the foreign ministry"),
    ("CitingParticiple", "citing"): ("The company plans to sell the unit, citing people familiar with the matter.",
                                     "people familiar with the matter"),
    ("CitingParticiple", "quoting"): ("The port will close in June, quoting two senior officials.", "two senior officials"),
    ("PassiveFrame", "quote"): ("The minister was quoted as saying the border would stay shut.", "The minister"),
    ("PassiveFrame", "cite"): ("The envoy was cited as saying that the talks would resume.", "The envoy"),
    ("PerspectiveFrame", "for"): ("For the union, the offer is an insult.", "the union"),
}


def test_every_shipped_frame_entry_has_a_sentence_here():
    shipped = {(e.kind, e.lemma) for e in load_lexicon().entries if e.kind in {k for k, _ in _FRAME_SENTENCES}}
    assert shipped == set(_FRAME_SENTENCES)


@pytest.mark.parametrize("kind, lemma", sorted(_FRAME_SENTENCES))
def test_every_shipped_frame_entry_is_read(kind, lemma):
    text, speaker = _FRAME_SENTENCES[(kind, lemma)]
    found = [s for s in kg.extract(text) if s.speaker == speaker]
    assert found, kg.extract(text)
    head = lemma.split()[0]
    assert head in found[0].cue.lower() or lemma == "quote" and "quoted" in found[0].cue \
        or lemma == "cite" and "cited" in found[0].cue


def test_per_needs_someone():
    """'per' is flagged kg:needsSourceSubject: '$5 per share' names no source."""
    assert not [s for s in kg.extract("The levy will cost five dollars per share next year.") if s.cue == "per"]


# -- a user file adds a word of each moved kind -------------------------------------------------------------------

def _user(tmp_path, *entries: tuple[str, str]) -> Settings:
    lines = [f'lex:mine-{i} a kg:LexiconEntry ; kg:entryKind kg:{kind} ; kg:lemma "{lemma}" .\n'
             for i, (kind, lemma) in enumerate(entries)]
    extra = tmp_path / f"mine-{len(list(tmp_path.iterdir()))}.ttl"  # a new file each time: lexicons are cached by path
    extra.write_text(PREFIXES + "".join(lines), encoding="utf-8")
    return Settings(lexicon=(str(extra),))


def _found(text: str, settings: Settings | None = None) -> list:
    return kg.extract(text, settings) if settings else kg.extract(text)


def test_a_user_title_word_leaves_the_personal_name(tmp_path):
    text = "Harbourmaster Ines Kovac said on Monday that the quay was far too short."
    assert [s.speaker_actor for s in _found(text)] == ["harbourmaster-ines-kovac"]
    assert [s.speaker_actor for s in _found(text, _user(tmp_path, ("TitleWord", "harbourmaster")))] == ["ines-kovac"]


def test_a_user_generic_organisation_noun_takes_up_the_last_organisation(tmp_path):
    text = "Harwick Industries said on Monday that its sales rose by a tenth. The outfit said it would hire forty engineers."
    anaphor = ("OrganizationAnaphor", "outfit")
    assert _found(text, _user(tmp_path, anaphor))[1].speaker_actor != "harwick-industries"
    assert _found(text, _user(tmp_path, anaphor, ("GenericOrganizationNoun", "outfit")))[1].speaker_actor == "harwick-industries"


def test_a_user_report_adverb_makes_a_hedged_statement(tmp_path):
    text = "The envoy supposedly preferred the northern route."
    assert _found(text) == []
    found = _found(text, _user(tmp_path, ("ReportAdverb", "supposedly")))
    assert [(s.speaker, s.cue, s.hedged) for s in found] == [("The envoy", "supposedly preferred", True)]


@pytest.mark.parametrize("kind, lemma, text, expected", [
    ("AspectualVerb", "resume", "The coach resumed to insist that the team was ready.", ("The coach", "insist")),
    ("RaisingVerb", "look", "The regulator looked to rule out a merger of the two ports.", ("The regulator", "rule out")),
    ("Preposition", "in the opinion of", "The ferry will run again in May, in the opinion of two managers.",
     ("two managers", "in the opinion of")),
    ("CitingParticiple", "referencing", "The company plans to sell the unit, referencing people familiar with the matter.",
     ("people familiar with the matter", "referencing")),
])
def test_a_user_verb_or_frame_finds_a_statement(tmp_path, kind, lemma, text, expected):
    assert _found(text) == []
    assert [(s.speaker, s.cue) for s in _found(text, _user(tmp_path, (kind, lemma)))] == [expected]


def test_a_user_addressee_verb_takes_its_addressee_with_to(tmp_path):
    text = "The mayor announced to the council that the ferry would run again in May."
    assert [s.addressee for s in _found(text)] == [None]
    assert [s.addressee for s in _found(text, _user(tmp_path, ("AddresseeVerb", "announce")))] == ["the council"]


def test_a_user_anonymity_word_cuts_the_clause_from_the_mention(tmp_path):
    text = "Two officials who spoke without attribution said the port would close."
    assert [s.speaker for s in _found(text)] == ["Two officials who spoke without attribution"]
    assert [s.speaker for s in _found(text, _user(tmp_path, ("AnonymityWord", "attribution")))] == ["Two officials"]


def test_a_user_witness_verb_keeps_the_outlet_from_writing_the_document(tmp_path):
    text = "A letter examined by the Valley Courier said the levy was unlawful."
    assert [s.speaker for s in _found(text)] == ["the Valley Courier"]
    assert [s.speaker for s in _found(text, _user(tmp_path, ("WitnessVerb", "examine")))] == []


def test_user_channel_words(tmp_path):
    """A relay phrase names the outlet that carried the words; an incidental modifier leaves the medium's label."""
    relay = "The mayor said the ferry was late, as first published by the Valley Courier."
    assert [h.actor for s in _found(relay) for h in s.channel] == []
    settings = _user(tmp_path, ("RelayPhrase", "as first published by"), ("IncidentalModifier", "hurried"))
    assert [h.actor for s in _found(relay, settings) for h in s.channel] == ["valley-courier"]
    venue = "The mayor said in a hurried interview that the ferry was late."
    assert [h.label for s in _found(venue) for h in s.channel] == ["hurried interview"]
    assert [h.label for s in _found(venue, settings) for h in s.channel] == ["interview"]


def test_a_user_credit_word_blanks_the_credit_line(tmp_path):
    from kg.extraction.cleaning import mask_boilerplate

    body = "The mayor said the ferry was late.\nFact-checking by Ann Lee\n"
    assert "Fact-checking" in mask_boilerplate(body)
    extra = _user(tmp_path, ("CreditWord", "fact-checking")).lexicon
    masked = mask_boilerplate(body, load_lexicon(list(extra)))
    assert "Fact-checking" not in masked and len(masked) == len(body)


def test_every_shipped_multiword_role_is_read():
    """Roles are looked up word by word; a role of two or three words ('chief financial officer') is found by the
    longest run of words ending at its last one, so every multiword role entry is read."""
    nlp = Settings().pipeline()
    roles = [e.lemma for e in load_lexicon().entries if e.kind == "RoleNoun" and e.rest]
    assert roles
    for role in roles:
        doc = nlp(f"Ann Lee, the {role}, said the plan was dead.")
        assert role in {r for actor in doc._.kg_actors.actors.values() for r in actor.roles}, role


def test_every_declared_kind_is_a_term_of_the_enum():
    """The kinds of ontology/kg.ttl and the closed namespace kg.namespaces.KG agree: code can name each kind."""
    from kg.namespaces import KG

    assert all(str(getattr(KG, kind)).endswith(f"#{kind}") for kind in declared_kinds())
