"""kg's spaCy pipeline as nlp.pipe runs it in worker processes (kg_output) and the extraction API on top."""
from __future__ import annotations

import pickle

from conftest import EXAMPLES
from spacy.tokens import Doc

from kg.article import read_article
from kg.extraction.cleaning import mask_boilerplate
from kg.extraction.extract import extract_many
from kg.extraction.pipeline import doc_results


def test_kg_output_is_the_last_component(nlp):
    assert nlp.pipe_names[-1] == "kg_output"


def test_portable_results_survive_doc_serialisation(nlp):
    """What spaCy's worker processes send back (Doc.to_bytes) carries the whole result."""
    article = read_article(EXAMPLES[0])
    doc = nlp(mask_boilerplate(article.body))
    statements, actors = doc_results(doc)
    assert statements and actors
    portable = nlp.get_pipe("kg_output")(doc, portable=True)
    received = Doc(nlp.vocab).from_bytes(portable.to_bytes())  # as spaCy's nlp.pipe(n_process) sends it back:
    received._context = pickle.loads(pickle.dumps(portable._context))  # the Doc's bytes and its context pickled
    assert len(received) == 0 and not received.user_data  # the parse stays in the worker
    got_statements, got_actors = doc_results(received)
    assert got_statements == statements  # every field, the parse anchors included
    assert got_actors == actors and list(got_actors) == list(actors)


def test_two_processes_extract_what_one_does(nlp):
    articles = [read_article(p) for p in EXAMPLES]
    alone = list(extract_many(articles))
    shared = list(extract_many(articles, n_process=2))
    assert [e.article for e in shared] == articles  # in order
    for one, two in zip(alone, shared):
        assert one.statements == two.statements
        assert one.actors == two.actors
