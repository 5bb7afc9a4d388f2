"""'Quoted as saying': whose words a 'quote' or 'cite' passes on, and who passed them on."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.words import Words


def quoted_as_saying(words: Words, tok: Token) -> Span | None:
    """'X was quoted as saying ...' puts X in the passive subject of 'quote'."""
    head = tok.head
    if words.quoted_speech(tok) and words.quoting(head) or (head.lower_ == "as" and words.quoting(head.head)):
        verb = head if words.quoting(head) else head.head
        subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj.doc[subj.left_edge.i: subj.i + 1]
    return None


def active_quote(words: Words, tok: Token) -> tuple[Span | None, list[Span]] | None:
    """'Al-Qahera News quoted a senior source as saying ...': the object speaks, the subject carries it."""
    head = tok.head
    verb = head if words.quoting(head) else head.head if head.lower_ == "as" else None
    if not words.quoted_speech(tok) or verb is None or not words.quoting(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if obj is None:
        return None
    relays = [words.mention(subj)] if subj is not None and words.mention(subj) is not None else []
    return words.mention(obj), relays


def quoted_by(words: Words, tok: Token) -> list[Span]:
    """'was quoted by the Nikkei newspaper as saying': the outlet that quoted."""
    verb = words.quoting_verb(tok)
    if not words.quoting(verb):
        return []
    agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return [words.mention(a) for a in agents if words.mention(a) is not None]


@rule("quoter-speaks")
def quoters_who_speak(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'The official quoted the president as saying ...': an outlet that quotes only carries the words, but a
    person or body that quotes someone makes a statement of their own, which reports the quoted one."""
    out: list[Frame] = []
    for frame in frames:
        verb = next((t for t in frame.cue_tokens if ctx.words.quoting(t) and t.dep_ != "auxpass"
                     and any(c.dep_ == "nsubj" for c in t.children)), None)
        quoter = frame.relays[0] if frame.relays else None
        if verb is None or quoter is None or _medium(ctx.words, quoter) or frame.kind != "verb":
            out.append(frame)
            continue
        quoted = {t.i for t in quoter}
        outer_content = [t for t in verb.subtree if t.i not in quoted and t.i != verb.i and not t.is_punct]
        inner_cue = [t for t in frame.cue_tokens if t.i != verb.i]
        out.append(Frame([verb], quoter, outer_content, "verb", frame.entry, rules=["quoter-speaks"],
                         speaker_rules=["speaker/quoter"], cue_rules=["cue/quoting-verb"]))
        out.append(replace(frame, cue_tokens=inner_cue or frame.cue_tokens, relays=None).noted("quoter-speaks"))
    return out


def _medium(words: Words, quoter: Span) -> bool:
    """A named organisation that quotes someone is a news medium ("The Northern Ledger cited two officials as
    saying"); a person or a body named by a common noun speaks ("The official quoted ...")."""
    return words.is_outlet_like(quoter.root) or quoter.root.ent_type_ == "ORG" \
        or quoter.root.pos_ == "PROPN" and quoter.root.ent_type_ != "PERSON"
