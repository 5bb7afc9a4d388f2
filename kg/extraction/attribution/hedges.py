"""Hedge and attitude frames: 'X reportedly <verb>', 'diplomats were skeptical'."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.grammar import SUBJECT_DEPS


@rule("hedge-adverb")
def hedge_adverb(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'The envoy reportedly rejected the plan', 'he is reportedly inclined to stay': the actor's position,
    reported by someone unnamed (an adverb of ``kg:ReportAdverb``)."""
    if tok.dep_ != "advmod" or not ctx.lexicon.has("ReportAdverb", tok.lower_):
        return None
    verb = tok.head
    predicate = None
    if verb.dep_ in ("acomp", "attr", "xcomp", "oprd") and verb.i != verb.head.i:
        # "he is reportedly inclined to ...": the adverb sits on the predicate
        predicate, verb = verb, verb.head
    if ctx.words.verb_entry(verb)[0] is not None:
        return None  # the verb itself is a cue: the verb rule takes it
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or not ctx.words.is_actor_like(subject):
        return None
    predicate = predicate or next((c for c in verb.children if c.dep_ in ("acomp", "attr", "xcomp")), None)
    cue = [tok, predicate if predicate is not None and predicate.i > tok.i else verb]
    scope = predicate.subtree if predicate is not None else verb.subtree
    content = [t for t in scope if t.i not in range(subject.left_edge.i, subject.right_edge.i + 1) and t.i != tok.i]
    return Frame(cue, ctx.words.mention(subject), content, "hedge", rules=["hedge-adverb"],
                 speaker_rules=["speaker/subject"], cue_rules=["cue/hedge-adverb"])


@rule("attitude")
def attitude(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'Western diplomats were skeptical', 'Several justices appeared skeptical of the case': an attitude
    adjective of the lexicon held by an actor (not inside a quotation)."""
    if tok.dep_ != "acomp" or not ctx.lexicon.has("AttitudeAdjective", tok.lemma_.lower()):
        return None
    if ctx.quoted(tok):
        return None
    verb = tok.head
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or not ctx.words.is_actor_like(subject) or subject.pos_ == "PRON" and subject.lower_ == "it":
        return None  # "the reaction was cautious": an attitude needs someone to hold it
    cue = [t for t in verb.doc[verb.i: tok.i + 1] if t.dep_ not in ("neg",) and not t.is_punct]
    content = [t for c in tok.children for t in c.subtree] or [tok]
    return Frame(cue, ctx.words.mention(subject), content, "attitude", rules=["attitude"],
                 speaker_rules=["speaker/subject"], cue_rules=["cue/attitude-adjective"])
