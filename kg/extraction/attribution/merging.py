"""Rules that reshape the frames of a sentence once they are found: drop, fold, merge, split."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.grammar import (
    BOTH_NEITHER, PARTICIPLE_LINK_DEPS, SINGULAR_SUBJECT_PRONOUNS, SUBJECT_DEPS
)


@rule("drop-quoted-cue")
def drop_quoted_words(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'“Mr. Smith has asked the court to wait,” the lawyer said': a cue inside a quotation is part of the
    quoted words when the sentence names who said them."""
    outside = [f for f in frames if not ctx.quoted(f.cue_tokens[0])]
    return outside or frames


@rule("each-speaker")
def each_speaker(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'The Lindqvist campaign and Chris Jackson of the Ortiz campaign said ...': a named person and a body
    of another kind speak side by side, one statement each. Two people ('Biden and Xi said') stay one group."""
    return [part for frame in frames for part in _speakers_apart(ctx, frame)]


def _speakers_apart(ctx: SentenceContext, frame: Frame) -> list[Frame]:
    if frame.speaker is None or frame.kind != "verb":
        return [frame]
    first = frame.speaker.root
    second = next((c for c in first.children if c.dep_ == "conj"), None)
    if second is None or any(c.dep_ == "conj" for c in second.children) \
            or (first.ent_type_ == "PERSON") == (second.ent_type_ == "PERSON") \
            or not (ctx.words.is_actor_like(first) and ctx.words.is_actor_like(second)):
        return [frame]
    cc = next((c for c in first.children if c.dep_ == "cc" and c.i < second.i), None)
    end = cc.i if cc is not None else second.left_edge.i
    first_span = frame.speaker.doc[frame.speaker.start: end]
    second_span = frame.speaker.doc[second.left_edge.i: min(second.right_edge.i + 1, frame.speaker.end)]
    return [replace(frame, speaker=first_span).noted("each-speaker"),
            replace(frame, speaker=second_span).noted("each-speaker")]


@rule("trailing-outlet")
def carried_by_trailing_outlet(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'The minister said the plan was dead, news agency AFP reported.': a closing reporting clause of an
    outlet, with no words of its own, carried the sentence's statements."""
    found = _trailing_outlet(ctx)
    if found is None:
        return frames
    cue, subject = found
    words = ctx.words
    carried = [f for f in frames if cue not in f.cue_tokens and f.speaker is not None and f.kind == "verb"
               and not words.is_outlet_like(f.speaker.root)]
    if not carried:
        return frames  # the outlet's own report ("The plan is dead, the Courier reported")
    outlet = words.mention(subject)
    for frame in carried:
        frame.relays = frame.relays or [outlet]
        frame.noted("trailing-outlet")
    # "“...,” the founder said, Pixelwire reported": the outlet only carried the founder's words
    return [f for f in frames if cue not in f.cue_tokens]


def _trailing_outlet(ctx: SentenceContext) -> tuple[Token, Token] | None:
    """The closing reporting verb of a sentence and its outlet subject, set off by a comma."""
    last = [t for t in ctx.sent if not t.is_punct and not t.is_space]
    cue = last[-1] if last else None
    if cue is None or cue.pos_ != "VERB" or ctx.words.verb_entry(cue)[0] is None:
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if not subjects:
        return None
    # "news agency AFP reported": the parser makes the descriptor and the name two subjects; the name reports
    subject = subjects[-1] if subjects[-1].pos_ == "PROPN" else subjects[0]
    if cue.doc[subjects[0].left_edge.i - 1].text != "," or not (
            ctx.words.is_outlet_like(subject) or subject.pos_ == "PROPN" and subject.ent_type_ not in ("PERSON", "GPE", "NORP")):
        return None  # a named organisation that reports someone's words is acting as a medium
    return cue, subject


@rule("merge")
def merge(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """Fold a pronoun's belief into the statement around it ('said he believes'), and drop what only
    restates another frame.

    A participial cue of the same speaker (", saying ...", ", adding that ...", ", insisting ...") is a
    proposition of its own and stays a statement of its own, unless it only passes on someone else's
    message ("told X, relaying a message ...")."""
    frames = fold_beliefs(ctx, frames)
    frames = cited_through(ctx, frames)
    frames = [f for f in frames if not _subsumed(ctx, f, frames)]
    kept: list[Frame] = []
    for frame in sorted(frames, key=lambda f: f.cue_tokens[0].i):
        relays_message = any(c.dep_ == "dobj" and ctx.lexicon.lookup("SignalNoun", c.lemma_.lower())
                             for c in frame.cue_tokens[0].children)
        if relays_message and any(_continues(m, frame) for m in kept):
            continue
        kept.append(frame)
    return kept


@rule("according-citing")
def cited_through(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'..., according to a report by the Ledger, citing two aides': the aides are the deepest source and
    the Ledger carried their words; one statement, not two."""
    according = next((f for f in frames if f.kind == "prep" and f.rules[0] == "according-to"), None)
    citing = next((f for f in frames if f.kind == "prep" and f.rules[0] == "citing"
                   and according is not None and f.cue_tokens[0].i > according.cue_tokens[0].i), None)
    if according is None or citing is None or according.speaker is None:
        return frames
    cited_words = {t.i for t in citing.cue_tokens[0].subtree}
    merged = Frame(sorted([*according.cue_tokens, *citing.cue_tokens], key=lambda t: t.i), citing.speaker,
                   [t for t in according.content if t.i not in cited_words], "prep", according.entry,
                   relays=[according.speaker], rules=[*according.rules, "according-citing"],
                   speaker_rules=citing.speaker_rules, cue_rules=[*according.cue_rules, *citing.cue_rules])
    return [merged if f is according else f for f in frames if f is not citing]


def _subsumed(ctx: SentenceContext, frame: Frame, frames: list[Frame]) -> bool:
    """An attitude inside another statement's content, or a 'citing' frame another frame already credits."""
    others = [f for f in frames if f is not frame]
    if frame.kind == "attitude":
        return any(frame.cue_tokens[0].i in {t.i for t in f.content} for f in others)
    if frame.kind == "noun" and frame.speaker is not None and frame.speaker[0].pos_ == "PRON":
        # "X conveyed ... his openness to a ceasefire": the noun restates X's own statement
        return any(frame.cue_tokens[-1].i in {t.i for t in f.content} for f in others)
    if frame.kind == "prep" and frame.rules[0] == "according-to":
        return according_relays(ctx, frame, others)
    if frame.kind == "prep" and frame.rules[0] == "citing" and frame.speaker is not None:
        return any(f.speaker is not None and (f.speaker.start, f.speaker.end) == (frame.speaker.start, frame.speaker.end)
                   for f in others)
    return False


@rule("according-to-relay")
def according_relays(ctx: SentenceContext, frame: Frame, others: list[Frame]) -> bool:
    """'“We hold the ridge,” the commander said, according to the army': the army relayed his words (and makes no
    statement of its own)."""
    if not any(f.kind == "verb" and f.speaker is not None and frame.cue_tokens[0].i > f.cue_tokens[0].i
               and any(ctx.quoted(t) for t in f.content) for f in others):
        return False
    for f in others:
        if f.kind == "verb" and not f.relays:
            f.relays = [frame.speaker]
            f.noted("according-to-relay")
    return True


@rule("fold-belief")
def fold_beliefs(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'The minister said he believes the talks will fail': a pronoun's belief inside a statement is folded
    into it (and makes it tentative when the belief verb hedges); a speaker's own stance restated inside
    their words goes too."""
    kept = []
    for frame in frames:
        is_belief = frame.entry is not None and frame.entry.kind == "CognitionVerb"
        pronoun = frame.speaker is not None and (len(frame.speaker) == 1 and frame.speaker[0].pos_ == "PRON"
                                                 or frame.speaker.root.ent_type_ in ("GPE", "ORG"))
        # an outlet that reports a belief ("X considered that ..., AFP reported") only carried it
        others = [f for f in frames if f is not frame and f.speaker is not None and not (len(f.speaker) == 1 and f.speaker[0].pos_ == "PRON")
                  and not ctx.words.is_outlet_like(f.speaker.root)]
        if is_belief and pronoun and others:
            host = next((f for f in others if frame.cue_tokens[0].i in {t.i for t in f.content}), None)
            if host is not None and frame.entry.hedges:
                host.hedged_by_fold = True
                host.noted("fold-belief")
            continue
        if _own_stance_restated(frame, frames):
            continue
        kept.append(frame)
    return kept


def _own_stance_restated(frame: Frame, frames: list[Frame]) -> bool:
    """'He said that he supported removing the hurdles': the speaker's own stance inside their own words
    is what they said, not a second statement."""
    if frame.entry is None or not frame.entry.expresses_stance or frame.speaker is None or len(frame.speaker) != 1 \
            or frame.speaker[0].pos_ != "PRON":
        return False
    pronoun = frame.speaker[0].lower_
    cue = frame.cue_tokens[0]
    for host in frames:
        if host is frame or host.speaker is None or cue.i not in {t.i for t in host.content} \
                or cue.head in host.cue_tokens and cue.dep_ in PARTICIPLE_LINK_DEPS \
                or cue.tag_ == "VBG" and cue.doc[cue.i - 1].text == ",":
            continue  # a participle on the host's cue (", calling them ...") is a proposition of its own
        said_by = host.speaker[0].lower_ if len(host.speaker) == 1 else None
        named_person = host.speaker.root.ent_type_ == "PERSON" or host.speaker.root.pos_ == "PROPN"
        if said_by == pronoun or said_by is None and named_person and pronoun in SINGULAR_SUBJECT_PRONOUNS:
            return True
    return False


def _continues(host: Frame, frame: Frame) -> bool:
    if host.speaker is None or frame.speaker is None or (host.speaker.start, host.speaker.end) != (frame.speaker.start, frame.speaker.end):
        return False
    cue = frame.cue_tokens[0]
    host_cue = host.cue_tokens[0]
    if cue.i in {t.i for t in host.content}:
        return False
    if cue.dep_ == "conj" and cue.tag_ != "VBG":
        return False
    return cue.dep_ in PARTICIPLE_LINK_DEPS and cue.head.i in {t.i for t in host.cue_tokens} | {host_cue.head.i}


@rule("propositions")
def propositions(ctx: SentenceContext, frames: list[Frame]) -> list[Frame]:
    """'The official said the talks had begun, and the group was studying the plan', '..., according to the
    Ledger': two clauses, each with a subject of its own, joined by ', and' or ', but' are two propositions of
    one speaker, one statement each (a shared subject, 'had begun and would resume', stays one)."""
    cues = {t.i for f in frames for t in f.cue_tokens}
    return [part for frame in frames for part in _split(frame, cues)]


def _split(frame: Frame, cues: set[int]) -> list[Frame]:
    if not _may_split(frame):
        return [frame]
    inside = {t.i for t in frame.content}
    clauses = [t for t in frame.content if (t.head.i not in inside or t.head.i == t.i) and t.pos_ in ("VERB", "AUX")]
    if len(clauses) != 1:
        return [frame]
    second = _second_clause(clauses[0], inside)
    cc = next((c for c in clauses[0].children if c.dep_ == "cc" and second is not None and c.i < second.i), None)
    if second is None or cc is None or cc.i == 0 or cc.doc[cc.i - 1].text != "," or second.i in cues:
        return [frame]  # no ', and'; or the second clause is someone's attribution of its own
    later = {t.i for t in second.subtree}
    first_part = [t for t in frame.content if t.i not in later and t.i != cc.i]
    second_part = [t for t in frame.content if t.i in later]
    if min(len(first_part), len(second_part)) < 4:
        return [frame]
    return [replace(frame, content=first_part).noted("propositions"),
            replace(frame, content=second_part).noted("propositions")]


def _may_split(frame: Frame) -> bool:
    """A verb or prepositional frame with content, and no 'neither ... nor' or 'either ... or' to keep whole."""
    return frame.kind in ("verb", "prep") and bool(frame.content) and not any(
        q.lower_ in BOTH_NEITHER for q in frame.content)


def _second_clause(clause: Token, inside: set[int]) -> Token | None:
    """A verb conjoined to the clause, inside the content, with a subject of its own."""
    return next((c for c in clause.children if c.dep_ == "conj" and c.i in inside and c.pos_ in ("VERB", "AUX")
                 and any(g.dep_ in SUBJECT_DEPS for g in c.children)), None)
