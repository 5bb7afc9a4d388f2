"""Prepositional and participial frames: 'according to X', 'per X', 'citing X', 'For X, ...',
'Citing X, the paper said'."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.grammar import SOURCE_PREPOSITIONS, author_of, cites_for_an_object, prepositional_frame
from kg.extraction.doccache import span_ents, span_tokens
from kg.lexicon import LexiconEntry


@rule("according-to")
def according_to(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'The plant will close in May, according to two managers', 'according to a memoir by X', 'in the words of
    the mayor', 'per the ministry': the object of a prepositional frame of the lexicon (``kg:Preposition``; a
    document's author or owner) is the source of the rest of the sentence."""
    found = prepositional_frame(tok, ctx.lexicon)
    if found is None:
        return None
    entry, cue = found
    source = next((c for c in cue[-1].children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    return _source_frame(ctx, entry, cue, source, "according-to", entry.needs_source_subject)


@rule("citing")
def citing(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'The company plans to sell the unit, citing people familiar with the matter': a participle of the
    lexicon (``kg:CitingParticiple``: 'citing X', 'quoting X') beside a clause that no reporting verb governs."""
    entries = ctx.lexicon.lookup("CitingParticiple", tok.lower_)
    if not entries or tok.dep_ not in ("advcl", "prep", "acl") \
            or ctx.words.verb_entry(tok.head)[0] or cites_for_an_object(tok, ctx.lexicon):
        return None
    source = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
    if source is None:
        return None
    return _source_frame(ctx, entries[0], [tok], source, "citing", True)


def _source_frame(ctx: SentenceContext, entry: LexiconEntry, cue: list[Token], source: Token, rule_id: str,
                  needs_actor: bool) -> Frame | None:
    """The frame of a prepositional source: the source (its document's author or owner) says the sentence's other
    words. A participle ('citing X') or a frame flagged ``kg:needsSourceSubject`` ('per X') needs X to be
    someone; 'according to' takes whatever it names."""
    words, speaker_rules = ctx.words, ["speaker/prepositional-object"]
    author = author_of(source, ctx.lexicon)
    if author is not source:
        speaker_rules.append("speaker/document-author")
    source = words.owner_of_document(author)
    if source is not author:
        speaker_rules.append("speaker/document-owner")
    if ctx.lexicon.has("NonSource", source.lemma_.lower()):
        return None  # 'according to campaign finance filings' names no one
    speaker = words.mention(source)
    if speaker is None or (needs_actor and not words.is_actor_like(source)):
        return None
    if source.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    frame_tokens = {t.i for t in cue[0].subtree} | {t.i for t in cue}
    content = [t for t in ctx.sent if t.i not in frame_tokens and not t.is_punct]
    return Frame(cue, speaker, content, "prep", entry, rules=[rule_id],
                 speaker_rules=speaker_rules, cue_rules=[f"cue/{rule_id}"])


@rule("for-perspective")
def perspective(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'For the union, the offer is an insult': 'For X, <clause>' at the start of a sentence is X's view (not
    inside a quote, and not when X already speaks in the sentence)."""
    sent, words = ctx.sent, ctx.words
    first = next((t for t in sent if not t.is_punct and not t.is_space), None)
    if first is None or not ctx.lexicon.has("PerspectiveFrame", first.lower_) or ctx.quoted(first):
        return []
    source = next((c for c in first.children if c.dep_ == "pobj"), None)
    after = source.doc[source.right_edge.i + 1] if source is not None and source.right_edge.i + 1 < len(source.doc) else None
    if source is None or after is None or after.text != "," or not words.is_source_like(source):
        return []
    if any(f.speaker is not None and f.speaker.start <= source.i < f.speaker.end for f in frames):
        return []
    content = [t for t in sent if t.i > after.i and not t.is_punct]
    return [Frame([first], words.mention(source), content, "perspective", rules=["for-perspective"],
                  speaker_rules=["speaker/prepositional-object"], cue_rules=["cue/for-perspective"])] if content else []


@rule("sentence-initial-citing")
def sentence_initial_citing(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'Citing information from X, the newspaper reported that ...': X speaks, the outlet relays.

    The parser often misreads a long fronted participle, so this rule reads the
    sentence's surface: the source runs from 'citing' to the comma before the
    outlet that is the main verb's subject.
    """
    sent = ctx.sent
    words = [t for t in span_tokens(sent) if not t.is_space]
    if not words or not ctx.lexicon.has("CitingParticiple", words[0].lower_):
        return frames
    main = next((f for f in frames if f.kind == "verb" and f.cue_tokens[0].dep_ == "ROOT"), None)
    if main is None or main.speaker is None:
        return frames
    outlet = next((e for e in span_ents(sent) if e.label_ == "ORG" and e.end <= main.cue_tokens[0].i
                   and ctx.words.is_outlet_like(e.root)), None)
    if outlet is None:
        return frames
    start = words[0].i + 1
    for i in range(start, min(start + 3, outlet.start)):
        if sent.doc[i].lower_ in SOURCE_PREPOSITIONS:
            start = i + 1
    end = outlet.start
    while end > start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].dep_ == "det"):
        end -= 1
    if end <= start:
        return frames
    main.cue_tokens = [words[0]] + [t for t in sent.doc[words[0].i + 1: start] if not t.is_punct] + list(main.cue_tokens)
    main.speaker = sent.doc[start:end]
    main.relays = [outlet]
    main.noted("sentence-initial-citing")
    main.speaker_rules = ["speaker/sentence-initial-citing"]
    main.cue_rules = [*main.cue_rules, "cue/citing"]
    return frames
