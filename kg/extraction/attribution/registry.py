"""The one place that orders the attribution rules, and the catalogue of their ids.

A sentence is read in four passes, each rule a function of a :class:`SentenceContext`:

1. ``non-statement`` marks words no rule may take as a cue;
2. each other token is offered to the TOKEN_RULES in order; the first frame found wins, and the FILTERS
   drop what should not stand;
3. the SENTENCE_RULES read the whole sentence and add frames (given those found so far);
4. the REFINEMENTS reshape the list in order (drop, split, merge, re-credit).

Every rule carries a stable id (``rule_id``) recorded in the frames it finds or reshapes, and a docstring that
quotes the English it handles.
"""
from __future__ import annotations

import inspect
from typing import Callable

from kg.extraction.attribution import merging
from kg.extraction.attribution.colon import colon_quote
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.hedges import attitude, hedge_adverb
from kg.extraction.attribution.merging import (
    carried_by_trailing_outlet, drop_quoted_words, each_speaker, merge, propositions
)
from kg.extraction.attribution.non_statements import non_statement_tokens
from kg.extraction.attribution.nouns import offer_from, owned_cue_noun, reports_that, signal_noun
from kg.extraction.attribution.prepositions import according_to, citing, perspective, sentence_initial_citing
from kg.extraction.attribution.quoting import quoters_who_speak
from kg.extraction.attribution.verbs import reporting_clause_alone, verb_frame
from kg.extraction.doccache import span_tokens

BLOCKING_RULES = (non_statement_tokens,)
TOKEN_RULES = (verb_frame, according_to, citing, reports_that, offer_from, owned_cue_noun, signal_noun, hedge_adverb,
               attitude)
SENTENCE_RULES = (perspective, colon_quote)
FILTERS = (drop_quoted_words,)
REFINEMENTS = (sentence_initial_citing, each_speaker, quoters_who_speak, merge,
               carried_by_trailing_outlet, propositions)
# rules applied inside another rule (merge's steps) or by the pipeline (a reporting clause beside its quotation)
INNER_RULES = (merging.cited_through, merging.fold_beliefs, merging.according_relays, reporting_clause_alone)

ORDER: tuple[Callable, ...] = (*BLOCKING_RULES, *TOKEN_RULES, *FILTERS, *SENTENCE_RULES, *REFINEMENTS)


def find_frames(ctx: SentenceContext) -> list[Frame]:
    """All attribution frames of one sentence, merged and de-duplicated."""
    blocked = set().union(*(block(ctx) for block in BLOCKING_RULES))
    frames: list[Frame] = []
    for tok in span_tokens(ctx.sent):
        if tok.i in blocked:
            continue
        frame = next((f for f in (found(ctx, tok) for found in TOKEN_RULES) if f is not None), None)
        if frame is not None:
            frames.append(frame)
    for keep in FILTERS:
        frames = keep(ctx, frames)
    for sentence_rule in SENTENCE_RULES:
        frames.extend(sentence_rule(ctx, frames))
    for refine in REFINEMENTS:
        frames = refine(ctx, frames)
    return frames


def frame_rules() -> dict[str, str]:
    """Every frame rule's id and docstring, in the order they run."""
    return {f.rule_id: inspect.getdoc(f) or "" for f in (*ORDER, *INNER_RULES)}
