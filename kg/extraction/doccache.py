"""Cached views of a parsed Doc.

spaCy rebuilds ``Doc.text`` and ``Doc.ents`` and walks every sentence for ``Token.sent`` on
each access; the rules ask for them many times per article, so they are computed once per Doc
here. The caches live in ``doc.user_data`` under the keys of ``CACHE_KEYS``; :func:`drop_caches`
removes them (they hold Spans, which cannot travel with ``Doc.to_bytes``).
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token

CACHE_KEYS = ("kg_text", "kg_sents", "kg_sent_starts", "kg_ents", "kg_mentions", "kg_tokens", "kg_citing",
              "kg_heads")


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once."""
    if "kg_text" not in doc.user_data:
        doc.user_data["kg_text"] = doc.text
    return doc.user_data["kg_text"]


def tokens(doc: Doc) -> list[Token]:
    """The Doc's tokens as a list, made once (spaCy makes a new Token object on every access)."""
    if "kg_tokens" not in doc.user_data:
        doc.user_data["kg_tokens"] = list(doc)
    return doc.user_data["kg_tokens"]


def head_indices(doc: Doc) -> list[int]:
    """Each token's head index, read once (``tok.head`` makes a new Token each time)."""
    if "kg_heads" not in doc.user_data:
        doc.user_data["kg_heads"] = [t.head.i for t in tokens(doc)]
    return doc.user_data["kg_heads"]


def span_tokens(span: Span) -> list[Token]:
    """The tokens of a span (from the Doc's list)."""
    return tokens(span.doc)[span.start:span.end]


def span_text(span: Span) -> str:
    """``span.text`` cut from the cached Doc text (the same string: a span's text ends with its last token)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


def sentences(doc: Doc) -> list[Span]:
    """The Doc's sentences, built once."""
    if "kg_sents" not in doc.user_data:
        sents = list(doc.sents)
        doc.user_data["kg_sents"] = sents
        doc.user_data["kg_sent_starts"] = [s.start for s in sents]
    return doc.user_data["kg_sents"]


def sentence_index(doc: Doc, i: int) -> int:
    """The index of the sentence holding token ``i``."""
    sentences(doc)
    return bisect.bisect_right(doc.user_data["kg_sent_starts"], i) - 1


def sentence_of(tok: Token) -> Span:
    """The sentence holding a token, found by bisection over cached sentence starts."""
    return sentences(tok.doc)[sentence_index(tok.doc, tok.i)]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once (kg's components never change the entities)."""
    if "kg_ents" not in doc.user_data:
        doc.user_data["kg_ents"] = tuple(doc.ents)
    return doc.user_data["kg_ents"]


def span_ents(span: Span) -> list[Span]:
    """``span.ents`` from the cached entities, with spaCy's own rule (Span.ents)."""
    found = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                found.append(ent)
            else:
                break
    return found


def mention_cache(doc: Doc) -> dict:
    """A per-Doc dictionary for kg.extraction.attribution's mention bounds."""
    if "kg_mentions" not in doc.user_data:
        doc.user_data["kg_mentions"] = {}
    return doc.user_data["kg_mentions"]


def citing_cache(doc: Doc) -> dict:
    """A per-Doc dictionary for kg.extraction.attribution's 'citing X' frames, by sentence start."""
    if "kg_citing" not in doc.user_data:
        doc.user_data["kg_citing"] = {}
    return doc.user_data["kg_citing"]


def drop_caches(doc: Doc) -> None:
    """Forget the cached views (before the Doc is serialised)."""
    for key in CACHE_KEYS:
        doc.user_data.pop(key, None)
