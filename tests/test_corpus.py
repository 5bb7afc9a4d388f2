"""kg.graph.corpus: reading folders and files of articles, and building one graph of them with actors linked."""
from __future__ import annotations

import pytest
from test_long_articles import MARKER, refusing  # noqa: F401 - a fixture

from kg.article import parse_article
from kg.errors import ArticleError, ExtractionError
from kg.graph.corpus import build, read_articles
from kg.graph.rdf import actor_iri


def write(folder, name: str, text: str):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_folder_is_read_recursively_in_sorted_order_and_only_article_files(tmp_path):
    write(tmp_path, "b.txt", "Tom Haller said the pier would close.")
    write(tmp_path, "sub/a.text", "Elena Varga said the vote was rigged.")
    write(tmp_path, "notes.pdf", "not an article")
    write(tmp_path, "README.md", "How these articles were collected.")
    articles = read_articles([tmp_path])
    assert [a.body for a in articles] == ["Tom Haller said the pier would close.", "Elena Varga said the vote was rigged."]


def test_files_are_read_by_suffix_in_the_order_given(tmp_path):
    jsonl = write(tmp_path, "c.jsonl", '{"text": "Elena Varga said the vote was rigged.", "title": "Vote"}\n')
    csv = write(tmp_path, "d.csv", "text,outlet\n\"Tom Haller said the pier would close.\",Gazette\n")
    text = write(tmp_path, "e.txt", "Harbour vote\nSource: Gazette, 2024-03-14, https://example.org/a\n\nShe said no.")
    articles = read_articles([text, jsonl, csv])
    assert [a.body for a in articles] == ["She said no.", "Elena Varga said the vote was rigged.",
                                          "Tom Haller said the pier would close."]
    assert (articles[0].title, articles[0].outlet, str(articles[0].published)) == ("Harbour vote", "Gazette", "2024-03-14")
    assert (articles[1].title, articles[2].outlet) == ("Vote", "Gazette")


@pytest.mark.parametrize("make, message", [
    (lambda tmp: [tmp / "missing.txt"], "no such file"),
    (lambda tmp: [write(tmp, "x/notes.pdf", "x").parent], "holds no article files"),
    (lambda tmp: [], "no articles given"),
])
def test_bad_inputs_fail_before_any_extraction(tmp_path, make, message):
    with pytest.raises(ArticleError, match=message):
        read_articles(make(tmp_path))


@pytest.fixture(scope="module")
def corpus_graph(nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    write(folder, "a.txt", "Maria Okonkwo said the budget was balanced.")
    write(folder, "b.txt", "Okonkwo said taxes would not rise. The mayor said the pier would close.")
    write(folder, "c.txt", "The mayor said the school would close.")
    return build([folder])


def speakers_of(graph) -> list:
    """The speaker actor of every statement (kg's 'speaker' property, whatever its namespace)."""
    return sorted(str(o) for _, p, o in graph if str(p).endswith(("#speaker", "/speaker")))


def test_build_links_a_person_across_articles(corpus_graph):
    speakers = speakers_of(corpus_graph)
    assert speakers.count(str(actor_iri("maria-okonkwo"))) == 2


def test_build_keeps_unnamed_sources_of_different_articles_apart(corpus_graph):
    mayors = {s for s in speakers_of(corpus_graph) if "mayor" in s}
    assert len(mayors) == 2


def test_build_without_articles_is_an_error(nlp):
    with pytest.raises(ArticleError, match="no articles given"):
        build([])


def test_build_takes_articles_already_read_and_reports_progress(nlp):
    seen = []
    graph = build([parse_article("Elena Varga said the vote was rigged.", name="v.txt")], progress=seen.append)
    assert [e.article.name for e in seen] == ["v.txt"]
    assert str(actor_iri("elena-varga")) in speakers_of(graph)


def test_a_failing_article_is_left_out_when_failures_are_handled(refusing):
    failed = []
    # a component of the user's own raises on this article (tests/test_long_articles.py): any bug an input may hit
    broken = parse_article(f"{MARKER} said the vote was rigged.", name="broken.txt")
    graph = build([broken, parse_article("Tom Haller said the pier would close.", name="ok.txt")],
                  on_failure=lambda article, error: failed.append((article.name, type(error))))
    assert failed == [("broken.txt", ExtractionError)]
    assert speakers_of(graph) == [str(actor_iri("tom-haller"))]
