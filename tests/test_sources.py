"""Input as users have it: HTML pages, JSON Lines and CSV corpora, stdin; through the real pipeline."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA, TINY_ARTICLE
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.cli import cli
from kg.errors import ArticleError
from kg.namespaces import KG, SCHEMA
from kg.sources import Columns, read_inputs

INPUTS = DATA / "inputs"  # written for these tests
CSV_COLUMNS = ["--text-column", "body", "--title-column", "headline", "--outlet-column", "source",
               "--date-column", "published", "--url-column", "link"]


def assert_one_error(result, line: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr == f"Error: {line}\n", result.stderr


def articles_in(path: Path) -> dict[str, dict]:
    """Each article node of a graph file: its name with its headline, publisher and url."""
    graph = Graph().parse(path)
    out = {}
    for node in graph.subjects(RDF.type, SCHEMA.NewsArticle):
        out[str(graph.value(node, SCHEMA.name))] = {
            "title": graph.value(node, SCHEMA.headline), "publisher": graph.value(node, SCHEMA.publisher),
            "url": graph.value(node, SCHEMA.url), "statements": len(list(graph.subjects(KG.article, node)))}
    return out


def test_html_page_main_text_and_metadata():
    [article] = read_inputs([INPUTS / "page.html"])
    assert article.body.startswith("The harbour redevelopment plan hit a wall on Monday")
    assert article.body.endswith("before deciding its next step.")
    for boilerplate in ("Subscribe", "Copyright", "Privacy", "Home", "Harbour deal stalls"):
        assert boilerplate not in article.body
    assert "\n\n" in article.body  # paragraphs stay apart
    assert article.title == "Harbour deal stalls as council balks"
    assert article.outlet == "The Coastal Courier"
    assert article.published == date(2025, 3, 4)
    assert article.url == "https://courier.example.org/2025/03/harbour-deal"


def test_jsonl_and_csv_corpora_are_read_row_by_row():
    jsonl = read_inputs([INPUTS / "corpus.jsonl"], Columns(id="id"))
    assert [a.name for a in jsonl] == ["a1", "a2", "a3"]
    assert (jsonl[0].outlet, jsonl[0].published, jsonl[2].title) == ("River Times", date(2025, 2, 11), None)
    unnamed = read_inputs([INPUTS / "corpus.jsonl"])
    assert [a.name for a in unnamed] == ["corpus.jsonl:1", "corpus.jsonl:2", "corpus.jsonl:3"]
    rows = read_inputs([INPUTS / "renamed.csv"], Columns("body", "headline", "source", "published", "link"))
    assert [(a.name, a.title, a.outlet) for a in rows] == [
        ("renamed.csv:1", "School plan approved", "Valley News"), ("renamed.csv:2", "Farmers protest", "Field Report")]


def test_build_html_jsonl_csv_puts_url_and_outlet_on_the_article_node(runner, nlp, tmp_path):
    out, rows = tmp_path / "graph.ttl", tmp_path / "rows.ttl"
    result = runner.invoke(cli, ["build", str(INPUTS / "page.html"), str(INPUTS / "corpus.jsonl"),
                                 "--id-column", "id", "-o", str(out)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["build", str(INPUTS / "renamed.csv"), *CSV_COLUMNS, "-o", str(rows)])
    assert result.exit_code == 0, result.output
    found = articles_in(out) | articles_in(rows)
    assert set(found) == {"page.html", "a1", "a2", "a3", "renamed.csv:1", "renamed.csv:2"}
    assert found["page.html"]["url"] == URIRef("https://courier.example.org/2025/03/harbour-deal")
    assert found["page.html"]["publisher"] == Literal("The Coastal Courier")
    assert found["a2"]["url"] == URIRef("https://harbourpost.example.org/port")
    assert found["a2"]["publisher"] == Literal("Harbour Post")
    assert found["renamed.csv:2"]["url"] == URIRef("https://field.example.org/protest")
    assert found["renamed.csv:2"]["title"] == Literal("Farmers protest")
    assert found["page.html"]["statements"] >= 2  # Osei's quotation and the developer's reply
    assert all(found[name]["statements"] >= 1 for name in ("a1", "a2", "a3"))
    assert runner.invoke(cli, ["validate", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["validate", str(rows)]).exit_code == 0


def test_stdin_for_build_extract_and_validate(runner, nlp, tmp_path):
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["build", "-", "-o", str(out)], input=TINY_ARTICLE)
    assert result.exit_code == 0, result.output
    assert list(articles_in(out)) == ["stdin"]
    result = runner.invoke(cli, ["extract", "-"], input=TINY_ARTICLE)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["statements"]
    result = runner.invoke(cli, ["validate", "-"], input=TINY_ARTICLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("-: conforms")


@pytest.mark.parametrize("content, line", [
    ('{"text": "One said so."}\n\n{"text": "Two said so."}\n', "{path}:2: empty line; every line must be one JSON object"),
    ('{"text": "One said so."}\n{"text": "Two\n', "{path}:2: not valid JSON (Unterminated string starting at, column 10)"),
    ('{"body": "One said so."}\n', "{path}:1: no text in the 'text' field"),
])
def test_bad_jsonl_is_one_line_and_nothing_written(runner, tmp_path, content, line):
    path, out = tmp_path / "bad.jsonl", tmp_path / "graph.ttl"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "-o", str(out)])
    assert_one_error(result, line.format(path=path))
    assert not out.exists()


def test_csv_without_the_text_column(runner, tmp_path):
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["build", str(INPUTS / "renamed.csv"), "-o", str(out)])
    assert_one_error(result, f"{INPUTS / 'renamed.csv'}: no 'text' column (columns: headline, body, source, "
                             "published, link); name it with --text-column")
    assert not out.exists()


def test_undecodable_html(runner, tmp_path):
    path, out = tmp_path / "bad.html", tmp_path / "graph.ttl"
    path.write_bytes(b"<html><body><p>Caf\xe9 owners said \xff\xfe so.</p></body></html>")
    result = runner.invoke(cli, ["build", str(path), "-o", str(out)])
    assert_one_error(result, f"{path}: cannot decode the HTML page: not UTF-8 (byte 18) and no charset declared")
    assert not out.exists()


def test_html_in_a_declared_charset_is_read(tmp_path):
    path = tmp_path / "latin.html"
    page = "<html><head><meta charset='iso-8859-1'></head><body><article><p>" + \
           "The café owners said on Monday that the new rules would hurt every small business in town.</p>" + \
           "</article></body></html>"
    path.write_bytes(page.encode("iso-8859-1"))
    [article] = read_inputs([path])
    assert "café owners" in article.body


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(ArticleError, match="no article text found"):
        read_inputs([path])


def test_a_corpus_in_a_store_keeps_every_row(runner, nlp, tmp_path):
    store = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(INPUTS / "corpus.jsonl"), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "3 added, 0 replaced" in result.stderr
    query = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://schema.org/NewsArticle> }"
    result = runner.invoke(cli, ["query", "-e", query, "--store", str(store), "--format", "csv"])
    assert result.stdout.split() == ["n", "3"]
    result = runner.invoke(cli, ["build", str(INPUTS / "corpus.jsonl"), "--store", str(store)])
    assert "0 added, 0 replaced, 3 unchanged" in result.stderr
