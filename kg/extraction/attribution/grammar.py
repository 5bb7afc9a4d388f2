"""Closed-class English and parse tests the rules share; no state, and no open-class word of its own.

This is the one module meant to hold English words in code, and only closed classes of them: pronouns,
determiners, partitives, prepositions, conjunctions, question words, modal auxiliaries, the particles inside
proper names ("bin", "van"), clause punctuation. They are code, not lexicon entries, because they are the
grammar the rules are written in: a rule that reads "the subject of 'said'" or "'of' after 'one'" is defined
by these words, a new member never appears (English does not coin pronouns or prepositions), and a user who
changed them would change what the rules mean rather than what they react to. Every open-class word (which
verbs report, which nouns are sources, titles, hedges, organisation nouns...) is the lexicon's business
(``ontology/lexicon.ttl``, the kinds in ``ontology/kg.ttl``). Single function words compared in place
(``c.lower_ == "of"``, ``"as"``, ``"that"``) stay where the rule reads them; every set of words is here.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extraction.doccache import span_tokens
from kg.lexicon import Lexicon, LexiconEntry

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
INHERIT_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "dep"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# closed-class words that pick people out of a group: "one of the officials", "another of the five engineers"
PARTITIVES = {"one", "some", "several", "many", "few", "none", "most", "all", "another", "each", "both", "either",
              "neither", "two", "three", "four", "five"}
# closed-class words that stand for people when they are the subject of a speech verb
GROUP_PRONOUNS = {"some", "others", "many", "several", "few", "most", "those"}
CLAUSE_BREAKS = {",", ";", ":", "—", "–", "(", ")"}
PARTICIPLE_LINK_DEPS = {"advcl", "xcomp", "conj"}  # conj only for participles: "said ... and accused" are two
QUESTION_MARKERS = {"whether", "if", "when", "why", "how", "what", "who", "where", "which"}
EXPLANATION_MARKERS = {"why", "how"}  # "explained why ...": an answer given, unless the verb asks
_UNREALISED_MODALS = ("should", "must", "will", "would", "can", "could")
_POSSIBILITY_MODALS = ("might", "may", "could", "would")
_FUTURE_MODALS = ("will", "would", "may", "might", "could")  # "will go on to say" is not yet said
_CONDITIONS = ("if", "unless", "whether")
NON_HEDGING_MODALS = ("could", "would", "can")  # hedges of the lexicon that, on a cue or its clause, mark tense or mood
FUTURE_AUXILIARIES = ("will", "'ll", "wo", "shall", "would")  # "will retaliate", "won't sign"
ABILITY_MODALS = ("can", "could", "ca")  # "cannot", "could not": what is possible, not what anyone wants
CONDITION_MARKS = ("if", "unless")  # "... if talks stall"
EVENT_AUXILIARIES = ("do", "have")  # "did not attend", "has not received": an event that did not happen
FIRST_PERSON_SUBJECTS = ("i", "we")
THIRD_PERSON_SUBJECTS = ("he", "she", "it", "they")  # a reported clause's subject that is the speaker
LEAVING_PREPOSITIONS = ("from", "of")  # "withdrew from the talks", "pulled out of the talks"
# the positions classifier's closed classes: particles that carry meaning in a label ("pull out", "back down"),
# function words too general to say anything about a position, conditions that are part of a stance, the
# conjunctions that do not end a negation's scope and the pronouns that stand for what was reported
LABEL_PARTICLES = frozenset({"out", "back", "off", "away", "down", "behind", "against"})
GENERAL_FUNCTION_WORDS = frozenset({"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall",
                                    "should", "must", "this", "that", "such", "as", "-pron-", "'s", "one"})
STANCE_CONDITIONS = frozenset({"if", "unless", "provided", "once"})
SCOPE_CONTINUERS = ("that", "and", "or")
DEMONSTRATIVE_SUBJECTS = ("this", "that", "it", "these", "those")  # "this is fake": said of what was reported
CUE_LEAD_STOPS = ("not", "n't", "also", "then", "however")  # negators and connectives: never part of a cue's words
_AUTHOR_PREPOSITIONS = ("by", "from")  # "a report by X", "a letter from X"
SOURCE_PREPOSITIONS = ("from", "by", "of")  # "citing information from X"
OWNER_PREPOSITIONS = ("by", "from", "in", "of")  # "a report by X", "reports in the Ledger": the report has an owner
TOPIC_PREPOSITIONS = ("on", "in", "about")  # "his insistence on ...": part of a cue noun
MEDIUM_PREPOSITIONS = ("in", "on", "at", "during", "after", "before", "through", "via", "with")
COMPANION_PREPOSITIONS = ("with", "to")  # "an interview with Reuters", "a message to Reuters"
MEDIUM_PREPOSITIONS_AFTER_CUE = ("in", "on", "via", "during", "through")  # "said in a voice message"
VENUE_PREPOSITIONS = frozenset({"in", "through", "via", "on", "during", "at", "behind", "over", "by", "including"})
TIME_PREPOSITIONS = ("in", "on", "since", "during", "by", "until")  # "in May", "since Tuesday"
DOCUMENT_TIME_PREPOSITIONS = ("in", "at", "during", "since", "after", "before", "through")  # "a statement in May"
POSSESSIVE_DETERMINERS = ("his", "her", "their")
DEFINITE_DETERMINERS = ("the", "this", "that")
DEMONSTRATIVES = ("the", "these", "this", "those")
QUANTIFIERS = ("several", "various", "many")  # "several statements": a group of media keeps its quantifier
COLLECTIVE_PRONOUNS = ("others", "many", "some", "several")  # a mention that is a group of people
GROUP_OBJECT_PRONOUNS = ("them", "us", "those", "these")  # "one of them", "two of those"
RELATIVE_PERSONAL = ("which", "whom")  # "a call in which", "an interview with whom"
ARTICLES = ("the", "a", "an")
DEFINITE_ARTICLE = "the"
ONE = "one"  # "one of the officials": one person of a group
NAME_FILLERS = ("the", "one", "of", "a", "an", "some")  # words of a description that name nothing
CONJUNCTIONS = ("but", "and")
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves", "we", "us", "our"})
NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
FIRST_AND_SECOND_PERSON = ("you", "i", "me", "we", "us")  # the reporter and the reader, never an actor
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "hers",
                      "its", "their", "theirs", "our", "ours", "my", "mine", "your", "yours", "himself", "herself",
                      "itself", "themselves", "ourselves", "who", "whom", "which", "that", "this", "these", "those"})
SINGULAR_SUBJECT_PRONOUNS = ("he", "she")
BOTH_NEITHER = ("neither", "either")
# lower-case words inside proper names: English connectives and the particles of other languages' names
NAME_PARTICLES = frozenset({"of", "the", "and", "for", "de", "du", "des", "la", "le", "van", "von", "der", "den", "da",
                            "di", "bin", "ibn", "al", "el", "y"})
NAME_PREFIXES = ("al-", "el-", "ul-", "bin ", "ibn ")  # "al-Burhan" is "Burhan"
# words an acronym skips: "Securities and Exchange Commission" is SEC ("U.S." stands before agency names)
ACRONYM_SKIPS = frozenset({"of", "and", "the", "for", "u.s.", "us", "de", "du", "la"})


def introduced_by_that(verb: Token) -> bool:
    """A clause opened by 'that': a complement, even where the parser calls it a conjunct."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def up_to_comma(tokens: list[Token]) -> list[Token]:
    """A noun's complement ends at its first comma: 'declarations that X, behind closed doors, he ...'."""
    tokens = sorted(tokens, key=lambda t: t.i)
    for index, tok in enumerate(tokens):
        if tok.text == "," and index > 2:
            return tokens[:index]
    return tokens


def is_question(clause: Token) -> bool:
    """'asked whether ...', 'did not say when ...': an embedded question, not a statement."""
    first = clause.doc[clause.left_edge.i]
    if first.head.i != clause.i and first.head.dep_ == "advcl":
        return False  # "said that if the plan passes, ...": the 'if' opens a condition inside what was said
    if first.lower_ in RELATIVE_PRONOUNS and clause.head.dep_ == "relcl":
        return False  # "a levy, which the mayor said was needed": the relative pronoun stands for the levy
    if first.i < clause.head.i and clause.sent[-1].text != "?":
        return False  # "what the governor says his budget would do": a free relative stands before its verb
    return first.lower_ in QUESTION_MARKERS and first.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr", "det")


def cites_for_an_object(citing: Token, lexicon: Lexicon) -> bool:
    """'referring to stories citing unnamed sources': the stories cite, not the speaker; but in 'according to
    a report citing two aides' (or any other prepositional frame of the lexicon) the report is the attribution's own."""
    noun = citing.head
    return citing.dep_ == "acl" and noun.dep_ in ("pobj", "dobj") \
        and not any(prepositional_frame(a, lexicon) for a in noun.ancestors)


def prepositional_frame(tok: Token, lexicon: Lexicon) -> tuple[LexiconEntry, list[Token]] | None:
    """The prepositional frame of the lexicon (``kg:Preposition``) a token opens, and its words as they stand in
    the text ('according to', 'in the words of'), longest first."""
    inside = {t.i for t in tok.subtree}
    for entry in lexicon.lookup("Preposition", tok.lower_):
        words = list(tok.doc[tok.i: tok.i + 1 + len(entry.rest)])
        if [t.lower_ for t in words[1:]] == list(entry.rest) and all(t.i in inside for t in words):
            return entry, words
    return None


def citing_in(sent: Span, lexicon: Lexicon) -> tuple[int, int] | None:
    """The first 'citing X' or 'quoting X' (``kg:CitingParticiple``) of a sentence: the participle and X (the
    source of a document X names)."""
    for child in span_tokens(sent):
        if lexicon.has("CitingParticiple", child.lower_) and child.dep_ in ("advcl", "xcomp", "prep", "acl"):
            if cites_for_an_object(child, lexicon):
                continue
            obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is None:
                continue
            source = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ in SOURCE_PREPOSITIONS
                           for g in c.children if g.dep_ == "pobj"), None)
            return child.i, (source or obj).i
    return None


def with_fronted_name(doc, start: int) -> int:
    """'Jesse Connolly, spokesman for the mayor, said': after a paragraph break the parser may make the role
    the subject and hang the name elsewhere. A person's name opening the clause, a comma before the role,
    belongs to the mention."""
    if start < 2 or doc[start - 1].text != "," or doc[start - 2].ent_type_ != "PERSON" or doc[start].pos_ == "PROPN":
        return start
    name_start = start - 2
    while name_start > 0 and doc[name_start].ent_iob_ == "I":
        name_start -= 1
    before = doc[name_start - 1] if name_start > 0 else None
    opens_clause = before is None or before.is_space or before.is_sent_end or doc[name_start].is_sent_start
    return name_start if opens_clause and doc[start].dep_ in ("nsubj", "nsubjpass", "det", "amod", "compound") else start


def plain_speech(tok: Token, entry: LexiconEntry | None) -> bool:
    """A participle of a plain speech verb ('by saying', 'by warning'), not of a verb of stance ('by supporting')."""
    return tok.tag_ == "VBG" and entry is not None and entry.kind == "SpeechVerb" and not entry.expresses_stance \
        and not entry.needs_source_subject


def aspectual(verb: Token, lexicon: Lexicon) -> bool:
    """'went on to say', 'continued to insist', 'began by saying': verbs that only place a speech act in time
    (``kg:AspectualVerb``); the act itself happened."""
    return lexicon.has("AspectualVerb", verb.lemma_) and not any(
        c.dep_ == "aux" and c.lower_ in _FUTURE_MODALS for c in verb.children)


def match_rest(tok: Token, rest: tuple[str, ...]) -> list[Token] | None:
    """Find the other words of a multiword cue ("point to", "make clear") near its head."""
    if not rest:
        return []
    found: list[Token] = []
    window = [t for t in tok.children] + [t for c in tok.children for t in c.children]
    for word in rest:
        match = next((t for t in window if t.lemma_.lower() == word or t.lower_ == word), None)
        if match is None or abs(match.i - tok.i) > 4:
            return None
        found.append(match)
    return found


def not_an_act(tok: Token, lexicon: Lexicon) -> bool:
    """'did not say', 'Asked whether ...', 'is expected to propose': no statement was made."""
    return _negated(tok) or _unrealised(tok, lexicon) and not _on_an_occasion(tok, lexicon)


def _closed_quote_between(word: Token, verb: Token) -> bool:
    """'“Probably not,” the coach said': a closing quotation mark between the negation and the verb puts the
    negation inside the quote (the parser hangs it on the verb)."""
    return word.i < verb.i and any(t.is_quote and t.i > word.i for t in verb.doc[word.i + 1: verb.i])


def _negated(tok: Token) -> bool:
    """'did not say', 'did not confirm or deny', 'offered no sign of', '... if officials found that'."""
    if any(c.dep_ == "neg" and not _closed_quote_between(c, tok) for c in tok.children):
        return True
    if tok.dep_ == "conj" and any(c.dep_ == "neg" for c in tok.head.children) \
            and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return True  # "did not confirm or deny the report": the negation covers both verbs
    if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in tok.children):
        return True  # "offered no sign of a breakthrough", "gave no details": nothing was said
    # "... possible if officials found that ...": a condition, not a statement
    return any(c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in tok.children)


def _on_an_occasion(tok: Token, lexicon: Lexicon) -> bool:
    """'took to Twitter to accuse', 'went on television to deny', 'used a speech to warn': the purpose of an
    occasion someone took (``kg:OccasionVerb``, in a tense that says it happened) is a speech act made."""
    head = tok.head
    return tok.dep_ in ("advcl", "xcomp") and lexicon.has("OccasionVerb", head.lemma_.lower()) \
        and head.tag_ in ("VBD", "VBZ", "VBP", "VBN") and not any(c.dep_ == "neg" for c in head.children) \
        and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children)


def _unrealised(tok: Token, lexicon: Lexicon) -> bool:
    """'is expected to announce', 'should say', 'might consider supporting X': a speech act not (yet) made."""
    if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) and tok.dep_ in ("advcl", "acl", "amod"):
        return True
    if tok.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) \
            and not lexicon.has("RaisingVerb", tok.head.lemma_) and not aspectual(tok.head, lexicon):
        return True  # "is expected to announce"; but "appeared to rule out", "went on to say" are acts
    if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in _UNREALISED_MODALS for c in tok.children):
        return True
    # "might consider supporting X": a possibility, not something said
    return tok.dep_ == "xcomp" and tok.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in _POSSIBILITY_MODALS for c in tok.head.children)


def author_of(source: Token, lexicon: Lexicon) -> Token:
    """'a memoir published by X', 'a report from X': the document's author is the source."""
    for tok in source.subtree:
        if tok.dep_ == "agent" and lexicon.has("WitnessVerb", tok.head.lemma_):
            continue  # 'a document seen by Reuters': the outlet saw it, it did not write it
        if tok.dep_ in ("agent", "prep") and tok.lower_ in _AUTHOR_PREPOSITIONS and tok.head.i in {source.i} | {c.i for c in source.children}:
            author = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if author is not None and author.pos_ in ("PROPN", "NOUN"):
                return author
    return source


def by_position(tokens) -> list[Token]:
    """Tokens in reading order."""
    return sorted(tokens, key=lambda t: t.i)
