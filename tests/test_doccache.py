"""kg.extraction.doccache: views of a Doc computed once, equal to spaCy's own, and dropped before serialising."""
from __future__ import annotations

import pytest
from spacy.tokens import Doc

from kg.extraction import doccache
from kg.extraction.doccache import (
    CACHE_KEYS, doc_ents, doc_text, drop_caches, head_indices, sentence_index, sentence_of, sentences, span_ents,
    span_text, span_tokens, tokens
)

TEXT = "Maria Okonkwo spoke in Lisbon on Monday. The Harbour Board disagreed. Tom Haller said nothing."


@pytest.fixture(scope="module")
def doc(nlp) -> Doc:
    return nlp(TEXT)


def test_the_views_equal_spacys_own(doc):
    assert doc_text(doc) == doc.text
    assert [t.i for t in tokens(doc)] == [t.i for t in doc]
    assert head_indices(doc) == [t.head.i for t in doc]
    assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]
    assert doc_ents(doc) == doc.ents


@pytest.mark.parametrize("word", ["Maria", "Monday", "Board", "nothing"])
def test_a_tokens_sentence_is_found_by_its_start(doc, word):
    tok = next(t for t in doc if t.text == word)
    assert sentence_of(tok) == tok.sent
    assert sentences(doc)[sentence_index(doc, tok.i)] == tok.sent


def test_span_views_match_the_span(doc):
    sentence = sentences(doc)[0]
    assert span_text(sentence) == sentence.text
    assert [t.i for t in span_tokens(sentence)] == [t.i for t in sentence]
    assert span_ents(sentence) == list(sentence.ents)


def test_views_are_computed_once_and_reused(doc):
    assert doc_text(doc) is doc_text(doc)
    assert tokens(doc) is tokens(doc)
    assert sentences(doc) is sentences(doc)
    assert doccache.mention_cache(doc) is doccache.mention_cache(doc)
    assert doccache.citing_cache(doc) is doccache.citing_cache(doc)


def test_drop_caches_forgets_every_view_and_only_them(nlp):
    doc = nlp(TEXT)
    others = set(doc.user_data) - set(CACHE_KEYS)
    doc_text(doc), tokens(doc), head_indices(doc), sentences(doc), doc_ents(doc)
    doccache.mention_cache(doc), doccache.citing_cache(doc)
    assert set(CACHE_KEYS) <= set(doc.user_data)
    drop_caches(doc)
    assert not set(CACHE_KEYS) & set(doc.user_data)
    assert set(doc.user_data) == others
    assert doc_text(doc) == TEXT  # and they are rebuilt on the next use
