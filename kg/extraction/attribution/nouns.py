"""Nominal frames: 'X's insistence on ...', 'an offer from X', 'signals that X is interested', 'reports that ...'."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.grammar import (
    DOCUMENT_TIME_PREPOSITIONS, OWNER_PREPOSITIONS, POSSESSIVE_DETERMINERS, RELATIVE_PRONOUNS, SUBJECT_DEPS,
    TOPIC_PREPOSITIONS, by_position, up_to_comma
)
from kg.lexicon import LexiconEntry


@rule("report-noun-clause")
def reports_that(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'Shares rose following reports it is to be bought by a rival': unnamed reports with a clause of their own
    are the speaker of what they say (owned or cited reports are left to the other frames)."""
    if not ctx.lexicon.has("ReportNoun", tok.lemma_.lower()) or tok.dep_ in SUBJECT_DEPS \
            or any(c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS for c in tok.children):
        return None  # a report as the subject of a verb is read through the verb; 'a report by X' elsewhere
    clause = next((c for c in tok.children if c.dep_ in ("relcl", "acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                   and any(g.dep_ in SUBJECT_DEPS and g.lower_ not in RELATIVE_PRONOUNS for g in c.children)), None)
    if clause is None:
        return None
    # "a Northern Ledger report that ...": the named owner speaks; unnamed plural reports speak for themselves
    owner = next((c for c in tok.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"
                  and ctx.words.is_actor_like(c)), None)
    if owner is None and (tok.tag_ != "NNS" or any(c.dep_ == "poss" for c in tok.children)):
        return None
    speaker = ctx.words.mention(owner) if owner is not None else tok.doc[tok.i: tok.i + 1]
    return Frame([tok], speaker, list(clause.subtree), "noun", None, rules=["report-noun-clause"],
                 speaker_rules=["speaker/report-owner" if owner is not None else "speaker/reports-themselves"],
                 cue_rules=["cue/report-noun"])


def _cue_noun(ctx: SentenceContext, tok: Token) -> LexiconEntry | None:
    if tok.pos_ not in ("NOUN",):
        return None
    entries = ctx.lexicon.lookup("CueNoun", tok.lemma_.lower())
    return entries[0] if entries else None


def _offered_by(ctx: SentenceContext, noun: Token) -> Token | None:
    """The named maker of an offer or proposal: 'an offer from X' (a named person or organisation only)."""
    if not ctx.lexicon.has("NonSource", noun.lemma_.lower()):
        return None  # only document-like nouns (offer, proposal, plan) are made by someone 'from' somewhere
    maker = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                  for g in c.children if g.dep_ == "pobj"), None)
    return maker if maker is not None and maker.ent_type_ in ("PERSON", "ORG") else None


def _complement(tok: Token) -> list[Token]:
    """A cue noun's complement up to its first comma, without phrases of time."""
    complements = [c for c in tok.children if c.dep_ in ("prep", "acl", "ccomp", "relcl", "xcomp")
                   and not (c.dep_ == "prep" and c.lower_ in DOCUMENT_TIME_PREPOSITIONS)]
    return up_to_comma([t for c in complements for t in c.subtree])


@rule("offer-from")
def offer_from(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'rejected a takeover offer from retail tycoon Philip Green': the proposal is its maker's stance."""
    entry = _cue_noun(ctx, tok)
    source = _offered_by(ctx, tok) if entry is not None else None
    if source is None:
        return None
    cue = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i and not c.like_num] + [tok]
    what = [t for t in tok.subtree if t.i < tok.i and t.dep_ not in ("det",)] + [tok]
    return Frame(by_position(cue), ctx.words.mention(source), what, "noun", entry, rules=["offer-from"],
                 speaker_rules=["speaker/offer-maker"], cue_rules=["cue/cue-noun"])


@rule("owned-cue-noun")
def owned_cue_noun(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'the union's insistence on a pay rise', 'her public declarations that the plan is dead': a cue noun of the
    lexicon with its owner and a complement."""
    entry = _cue_noun(ctx, tok)
    if entry is None or _offered_by(ctx, tok) is not None:
        return None
    content = _complement(tok)
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if not content or owner is None or not (ctx.words.is_actor_like(owner) or owner.lower_ in POSSESSIVE_DETERMINERS):
        return None
    cue = [c for c in tok.children if c.dep_ == "amod" and c.i < tok.i] + [tok]
    cue += [c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in TOPIC_PREPOSITIONS]
    return Frame(by_position(cue), ctx.words.mention(owner), content, "noun", entry, rules=["owned-cue-noun"],
                 speaker_rules=["speaker/possessive-owner"], cue_rules=["cue/cue-noun"])


@rule("signal-noun")
def signal_noun(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'The board received signals that Nordex is interested': a signal noun whose that-clause names a sender
    speaks for the sender, addressed to whoever received it."""
    entry = _cue_noun(ctx, tok)
    if entry is None or _offered_by(ctx, tok) is not None or not _complement(tok) or _owned(ctx, tok) \
            or not ctx.lexicon.lookup("SignalNoun", tok.lemma_.lower()):
        return None
    words = ctx.words
    clause = next((c for c in tok.children if c.dep_ in ("acl", "relcl", "ccomp")
                   and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
    sender = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None) if clause is not None else None
    if sender is None or not words.is_actor_like(sender) or sender.ent_type_ not in ("PERSON", "ORG", "GPE"):
        return None
    receiver = next((c for c in tok.head.children if c.dep_ in SUBJECT_DEPS), None) if tok.dep_ == "dobj" else None
    frame = Frame([tok], words.mention(sender), [t for t in clause.subtree], "signal", entry, rules=["signal-noun"],
                  speaker_rules=["speaker/signal-sender"], cue_rules=["cue/cue-noun"])
    frame.addressee = words.mention(receiver) if receiver is not None and words.is_actor_like(receiver) else None
    return frame


def _owned(ctx: SentenceContext, tok: Token) -> bool:
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    return owner is not None and (ctx.words.is_actor_like(owner) or owner.lower_ in POSSESSIVE_DETERMINERS)
