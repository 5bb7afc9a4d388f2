"""Colon quotes: 'The minister was blunt: “...”'."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.grammar import SUBJECT_DEPS
from kg.extraction.doccache import span_tokens


@rule("colon-quote")
def colon_quote(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'The minister was blunt: “The price rises are over.”', 'She put it this way: “...”': a speaker, a few
    words, a colon and a quotation, in a sentence no other rule read."""
    sent = ctx.sent
    colon = next((t for t in span_tokens(sent) if t.text == ":" and t.i + 1 < sent.end), None)
    if colon is None or frames or not any(colon.idx < q.start <= colon.idx + 3 for q in ctx.quotes):
        return []
    subject = _subject_before(ctx, sent, colon)
    if subject is None:
        return []
    speaker = ctx.words.mention(subject)
    cue = [t for t in sent.doc[speaker.end: colon.i] if not t.is_punct] if speaker is not None else []
    content = [t for t in sent if t.i > colon.i and ctx.quoted(t) and not t.is_punct]
    if not cue or not content or len(cue) > 6:
        return []
    return [Frame(cue, speaker, content, "colon", rules=["colon-quote"], speaker_rules=["speaker/subject"],
                  cue_rules=["cue/words-before-colon"])]


def _subject_before(ctx: SentenceContext, sent: Span, colon: Token) -> Token | None:
    """The subject of the last clause before the colon, if it can speak and is not quoted."""
    verbs = [t for t in sent if t.i < colon.i and t.pos_ in ("VERB", "AUX")
             and any(c.dep_ in SUBJECT_DEPS for c in t.children)]
    verb = verbs[-1] if verbs else sent.root
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < colon.i), None)
    words = ctx.words
    if subject is None or not (words.is_actor_like(subject) or words.could_speak(subject)) or ctx.quoted(subject):
        return None
    return subject
