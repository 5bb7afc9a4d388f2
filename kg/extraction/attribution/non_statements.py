"""Words that are never a cue: 'declined to comment', 'did not respond', 'could not be reached'."""
from __future__ import annotations

from spacy.tokens import Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.grammar import CLAUSE_BREAKS
from kg.extraction.doccache import span_tokens
from kg.lexicon import LexiconEntry


@rule("non-statement")
def non_statement_tokens(ctx: SentenceContext) -> set[int]:
    """'The ministry declined to comment', 'the company did not respond to a request': the tokens of the
    lexicon's NonStatement phrases, which no rule may take as a cue."""
    blocked: set[int] = set()
    tokens = [t for t in span_tokens(ctx.sent) if not t.is_punct]
    heads = ctx.lexicon.heads("NonStatement")
    for i, tok in enumerate(tokens):
        lemma, lower = tok.lemma_.lower(), tok.lower_
        if lemma not in heads and lower not in heads:
            continue
        for entry in ctx.lexicon.lookup("NonStatement", lemma) + ctx.lexicon.lookup("NonStatement", lower):
            blocked.update(_matched(ctx, tokens, i, entry))
    return blocked


def _matched(ctx: SentenceContext, tokens: list[Token], i: int, entry: LexiconEntry) -> list[int]:
    """The token indices of one NonStatement phrase starting at ``tokens[i]``, or none."""
    tok = tokens[i]
    words, j, matched = list(entry.rest), i + 1, [tok]
    while words and j < len(tokens) and j - i <= len(entry.rest) + 2:
        if any(t.text in CLAUSE_BREAKS for t in ctx.doc[tok.i + 1: tokens[j].i]):
            break  # "who declined to be named, said ...": the next clause is not part of it
        if tokens[j].lemma_.lower() == words[0] or tokens[j].lower_ == words[0]:
            matched.append(tokens[j])
            words.pop(0)
        j += 1
    return [m.i for m in matched] if not words else []
