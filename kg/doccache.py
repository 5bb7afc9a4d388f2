"""Cached views of a parsed Doc.

spaCy rebuilds ``Doc.text`` and walks every sentence for ``Token.sent`` on each
access; the rules ask for both many times per article, so they are computed
once per Doc here.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span, Token


def doc_text(doc: Doc) -> str:
    """The Doc's text, built once."""
    if "kg_text" not in doc.user_data:
        doc.user_data["kg_text"] = doc.text
    return doc.user_data["kg_text"]


def sentence_of(tok: Token) -> Span:
    """The sentence holding a token, found by bisection over cached sentence starts."""
    doc = tok.doc
    if "kg_sents" not in doc.user_data:
        sents = list(doc.sents)
        doc.user_data["kg_sents"] = sents
        doc.user_data["kg_sent_starts"] = [s.start for s in sents]
    index = bisect.bisect_right(doc.user_data["kg_sent_starts"], tok.i) - 1
    return doc.user_data["kg_sents"][index]
