"""Reading article files (kg.article): metadata header, body, and the files we refuse."""
from __future__ import annotations

from datetime import date

import pytest
from conftest import TINY_ARTICLE
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg import build
from kg.article import find_articles, parse_article, read_article, skipped_in_folders
from kg.errors import ArticleError
from kg.namespaces import NIF, SCHEMA

HEADER = "Kremlin signals truce\nSource: Example News, 2024-03-01, https://news.example.org/a/1\n\n"


def test_title_and_source_line_are_metadata():
    article = parse_article(HEADER + TINY_ARTICLE)
    assert article.title == "Kremlin signals truce"
    assert article.outlet == "Example News"
    assert article.published == date(2024, 3, 1)
    assert article.url == "https://news.example.org/a/1"
    assert article.body == TINY_ARTICLE


@pytest.mark.parametrize("source, outlet, published, url", [
    ("Source: Reuters, March 1, 2024, https://x.example/a", "Reuters", date(2024, 3, 1), "https://x.example/a"),
    ("Source: Reuters, 1 March 2024", "Reuters", date(2024, 3, 1), None),
    ("Source: Reuters", "Reuters", None, None),
    ("source: https://x.example/a, Reuters", "Reuters", None, "https://x.example/a"),
])
def test_source_line_variants(source, outlet, published, url):
    article = parse_article(f"A title\n{source}\n\n{TINY_ARTICLE}")
    assert (article.title, article.outlet, article.published, article.url) == ("A title", outlet, published, url)
    assert article.body == TINY_ARTICLE


def test_title_blank_line_then_source():
    article = parse_article("A title\n\nSource: Reuters\n\n" + TINY_ARTICLE)
    assert (article.title, article.outlet, article.body) == ("A title", "Reuters", TINY_ARTICLE)


def test_a_source_line_alone():
    article = parse_article("Source: Reuters, 2024-03-01\n" + TINY_ARTICLE)
    assert (article.title, article.outlet, article.body) == (None, "Reuters", TINY_ARTICLE)


@pytest.mark.parametrize("text", [
    TINY_ARTICLE,
    "Putin signals openness to a truce\n\n" + TINY_ARTICLE,  # a headline without a Source line
    "Line one\nLine two\nSource: Reuters\n\n" + TINY_ARTICLE,  # a Source line further down is body text
])
def test_without_a_header_the_whole_file_is_the_body(text):
    # Regression: a short first line above a blank line was taken as a title and cut from the body,
    # so offsets no longer pointed into the file.
    article = parse_article(text)
    assert (article.title, article.outlet, article.published, article.url) == (None, None, None, None)
    assert article.body == text


def test_text_hash_is_of_the_body_only():
    assert parse_article(HEADER + TINY_ARTICLE).text_hash == parse_article(TINY_ARTICLE).text_hash


@pytest.mark.parametrize("text, message", [
    ("", "a.txt: the article is empty"),
    (" \n\t\n", "a.txt: the article is empty"),
    ("A title\nSource: Reuters\n\n", "a.txt: the article has a header but no body"),
])
def test_empty_articles(text, message):
    with pytest.raises(ArticleError, match=f"^{message}$"):
        parse_article(text, name="a.txt")


def test_read_article_strips_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode("utf-8") + TINY_ARTICLE.encode("utf-8"))
    article = read_article(path)
    assert (article.body, article.name) == (TINY_ARTICLE, "bom.txt")


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    (b"\x00\x01\x02\x03", "looks like a binary file, not a text article"),
    ("« déclaré »".encode("cp1252"), r"not valid UTF-8 \(byte 0\); save the article as UTF-8"),
])
def test_read_article_refuses(tmp_path, content, message):
    path = tmp_path / "a.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ArticleError, match=f"^{path}: {message}$"):
        read_article(path)


def test_read_article_refuses_a_folder(tmp_path):
    with pytest.raises(ArticleError, match=f"^{tmp_path}: is a folder, not an article file$"):
        read_article(tmp_path)


def test_find_articles_expands_folders_sorted(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.text", "notes.pdf", "sub/image.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert find_articles([tmp_path]) == [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "sub" / "c.text"]


def test_a_folder_takes_plain_text_articles_only(tmp_path):
    """README.md (markdown), README.txt, LICENSE.txt, hidden files: about the articles, not articles."""
    for name in ("a.txt", "README.md", "readme.txt", "LICENSE.txt", "notes.md", ".hidden.txt", ".git/x.txt",
                 "sub/b.text", "sub/Changelog.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert find_articles([tmp_path]) == [tmp_path / "a.txt", tmp_path / "sub" / "b.text"]
    assert skipped_in_folders([tmp_path]) == [tmp_path / n for n in ("LICENSE.txt", "README.md", "notes.md",
                                                                     "readme.txt", "sub/Changelog.txt")]
    assert find_articles([tmp_path / "README.md"]) == [tmp_path / "README.md"]  # named on its own: read


def test_a_file_met_twice_is_listed_once(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert find_articles([tmp_path, tmp_path / "a.txt", str(tmp_path / "a.txt")]) == [tmp_path / "a.txt"]


def test_find_articles_errors(tmp_path):
    with pytest.raises(ArticleError, match=r"^no articles given$"):
        find_articles([])
    with pytest.raises(ArticleError, match=f"^{tmp_path}: the folder holds no article files"):
        find_articles([tmp_path])
    with pytest.raises(ArticleError, match=f"^{tmp_path / 'x.txt'}: no such file or folder$"):
        find_articles([tmp_path / "x.txt"])


def test_metadata_is_recorded_on_the_article_node(nlp, tmp_path):
    path = tmp_path / "with-header.txt"
    path.write_text(HEADER + TINY_ARTICLE, encoding="utf-8")
    graph = build([path])
    (node,) = set(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    assert graph.value(node, SCHEMA.headline) == Literal("Kremlin signals truce")
    assert graph.value(node, SCHEMA.publisher) == Literal("Example News")
    assert graph.value(node, SCHEMA.datePublished) == Literal("2024-03-01", datatype=XSD.date)
    assert graph.value(node, SCHEMA.url) == URIRef("https://news.example.org/a/1")
    assert graph.value(node, SCHEMA.name) == Literal("with-header.txt")
    assert graph.value(node, NIF.isString) == Literal(TINY_ARTICLE)


def test_no_metadata_without_a_header(nlp, tiny_article):
    graph = build([tiny_article])
    (node,) = set(graph.subjects(RDF.type, SCHEMA.NewsArticle))
    for predicate in (SCHEMA.headline, SCHEMA.publisher, SCHEMA.datePublished, SCHEMA.url):
        assert graph.value(node, predicate) is None
    assert graph.value(node, NIF.isString) == Literal(TINY_ARTICLE)


@pytest.mark.parametrize("dateline", ["NAIROBI, Kenya (AP) — ", "SAN FRANCISCO, Calif. (AP) — ", "KYIV, Ukraine, March 3 (AP) — "])
def test_datelines_with_a_country_or_state_are_blanked(dateline):
    from kg.extraction.cleaning import mask_boilerplate

    masked = mask_boilerplate(dateline + "The court ruled on Thursday.")
    assert masked.strip() == "The court ruled on Thursday." and len(masked) == len(dateline) + 28


@pytest.mark.parametrize("written", ["2024-03-18", " 2023-12-01 ", "2024-02-29", "2024-02-30", "2024-13-01",
                                     "18 March 2024"])
def test_an_iso_date_is_read_as_dateparser_reads_it(written):
    """kg reads an ISO date itself (dateparser cost 1.4 ms an article, issue 16); the day must be dateparser's."""
    import dateparser

    from kg.article import parse_date

    expected = dateparser.parse(written, settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year"]})
    assert parse_date(written) == (expected.date() if expected else None)
