"""Long articles (kg.extraction.pieces) and builds that carry on past an article that fails."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.namespace import RDF
from spacy.language import Language

from kg.article import parse_article
from kg.cli import cli
from kg.extraction.extract import extract_article
from kg.extraction.pieces import split
from kg.namespaces import SCHEMA
from kg.store.dataset import open_store

# Paragraphs written for these tests: each names its speaker, so it reads the same alone or in a long article.
PARAGRAPHS = [
    "“The bridge will reopen in May,” said Hanna Lindqvist, the city's transport director. She added that the "
    "repairs had cost more than planned.",
    "Council member Rafael Ortiz said the delays had hurt shops on both banks of the river.",
    "“We were never told about the cracks,” said Ortiz, who chairs the budget committee.",
    "The engineering firm Baltic Spans denied that its inspectors had missed the damage, according to a statement.",
    "Lindqvist told reporters on Tuesday that a second inspection would begin next week.",
]
MARKER = "Zebulon Quartermaine"  # the one article a test component refuses


def long_body(chars: int) -> str:
    """Paragraphs repeated (numbered, so no two are alike) until the body has ``chars`` characters."""
    out, size, i = [], 0, 0
    while size < chars:
        paragraph = PARAGRAPHS[i % len(PARAGRAPHS)] + f" Item {i}."
        out.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    return "\n\n".join(out) + "\n"


@contextmanager
def max_length(nlp, limit: int):
    """The model's max_length lowered for a test (it is a setting of the loaded pipeline)."""
    before = nlp.max_length
    nlp.max_length = limit
    try:
        yield
    finally:
        nlp.max_length = before


# --- splitting ---------------------------------------------------------------------------


def test_pieces_end_at_paragraphs_and_cover_the_body():
    body = long_body(30_000)
    pieces = split(body, size=5_000, context=600)
    assert pieces[0].start == 0 and pieces[-1].end == len(body)
    for before, after in zip(pieces, pieces[1:]):
        assert before.end == after.own  # owned parts follow each other: every character belongs to one piece
        assert body[after.own - 1] == "\n" and (after.start == 0 or body[after.start - 1] == "\n")
        assert after.start < after.own  # a paragraph before it is read again as context
    assert all(p.end - p.start <= 5_000 for p in pieces)


def test_a_paragraph_longer_than_a_piece_is_cut_between_sentences():
    body = " ".join(f"Sentence number {i} is here." for i in range(500))  # one paragraph, 13,000 characters
    pieces = split(body, size=2_000, context=200)
    assert len(pieces) > 6
    assert all(body[p.end - 2:p.end] == ". " for p in pieces[:-1])


# --- extraction ----------------------------------------------------------------------------


def test_an_article_over_max_length_is_extracted_in_pieces(nlp):
    body = long_body(12_000)
    alone = {}
    offset = 0
    for paragraph in body.split("\n\n"):  # each paragraph extracted by itself, for comparison
        if paragraph.strip():
            for s in extract_article(parse_article(paragraph)).statements:
                alone[(offset + s.start, offset + s.end)] = s.speaker
        offset += len(paragraph) + 2
    with max_length(nlp, 4_000):  # spaCy refused it before (E088): pieces of 2,000 characters now
        extraction = extract_article(parse_article(body))
    found = {(s.start, s.end): s.speaker for s in extraction.statements}
    assert found == alone  # offsets on the whole body, nothing lost or doubled at the cuts
    assert all(body[s.start:s.end] == s.evidence for s in extraction.statements)
    names = {a.name for a in extraction.actors.values()}
    assert {"Hanna Lindqvist", "Rafael Ortiz"} <= names and "Lindqvist" not in names and "Ortiz" not in names


def test_a_pronoun_at_the_top_of_a_piece_finds_its_antecedent_in_the_context(nlp):
    first = "Hanna Lindqvist, the city's transport director, spoke at length about the bridge. " * 20
    body = first.strip() + "\n\n“The repairs are finished,” she said on Tuesday.\n"
    with max_length(nlp, 2 * (len(first) + 2)):  # the quote's paragraph starts the second piece
        extraction = extract_article(parse_article(body))
    quote = [s for s in extraction.statements if s.quote_kind == "direct"]
    assert len(quote) == 1 and extraction.actors[quote[0].speaker_actor].name == "Hanna Lindqvist"


def test_commands_take_an_article_over_max_length(nlp, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(long_body(12_000), encoding="utf-8")
    runner = CliRunner()
    with max_length(nlp, 4_000):
        for args in (["extract", str(path)], ["validate", str(path)], ["build", str(path), "-o", str(tmp_path / "g.ttl")]):
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, (args, result.output)
            assert "E088" not in result.output


def test_an_article_of_more_than_a_million_characters(nlp):
    """The real limit, on a body that is cheap to parse: paragraphs far apart, as in a document with long blank
    stretches (a dense one takes about 70 s: benchmarks/long_articles.py --sizes 1000050)."""
    gap = "\n" * 13_500
    body = gap.join(long_body(3_000).split("\n\n")) * 3
    assert len(body) > nlp.max_length == 1_000_000
    extraction = extract_article(parse_article(body))
    assert extraction.statements[-1].end > len(body) - 13_500
    assert all(body[s.start:s.end] == s.evidence for s in extraction.statements)
    assert len(extraction.statements) == 3 * len(extract_article(parse_article(long_body(3_000))).statements)


# --- one article that fails ------------------------------------------------------------------


class RefuseMarker:
    """A component of the user's own that raises on one article (a stand-in for any bug an input may hit)."""

    def __call__(self, doc):
        if MARKER in doc.text:
            raise RuntimeError("this article is refused")
        return doc


@Language.factory("kg_test_refuse_marker")
def make_refuse_marker(nlp, name):
    return RefuseMarker()


@pytest.fixture
def refusing(nlp):
    nlp.add_pipe("kg_test_refuse_marker", before="kg_attribution")
    try:
        yield
    finally:
        nlp.remove_pipe("kg_test_refuse_marker")


def three_articles(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = [PARAGRAPHS[0], f"“We object,” {MARKER} said on Monday.", PARAGRAPHS[1]]
    paths = []
    for i, text in enumerate(texts):
        paths.append(folder / f"a{i}.txt")
        paths[-1].write_text(text + "\n", encoding="utf-8")
    return paths


@pytest.mark.parametrize("workers", ["1", "2"])
def test_build_reports_the_article_that_failed_and_writes_the_others(refusing, tmp_path, workers):
    out = tmp_path / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", *map(str, three_articles(tmp_path / "in")), "-o", str(out),
                                      "--workers", workers])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: a1.txt: could not be extracted: RuntimeError: this article is refused"]
    graph = Graph().parse(out)
    assert sorted(str(o) for s in graph.subjects(RDF.type, SCHEMA.NewsArticle) for o in graph.objects(s, SCHEMA.name)) \
        == ["a0.txt", "a2.txt"]


def test_extract_of_an_article_that_fails_is_one_line(refusing, tmp_path):
    path = three_articles(tmp_path)[1]
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: a1.txt: could not be extracted: RuntimeError: this article is refused"


def test_a_store_build_commits_every_article_but_the_one_that_failed(nlp, tmp_path):
    paths = three_articles(tmp_path / "in")
    store = tmp_path / "store"
    runner = CliRunner()
    nlp.add_pipe("kg_test_refuse_marker", before="kg_attribution")
    try:
        result = runner.invoke(cli, ["build", *map(str, paths), "--store", str(store)])
    finally:
        nlp.remove_pipe("kg_test_refuse_marker")
    assert result.exit_code == 1
    assert "Error: a1.txt: could not be extracted: RuntimeError: this article is refused" in result.stderr
    assert "2 added, 0 replaced, 0 unchanged (skipped), 1 failed" in result.stderr
    with open_store(store) as opened:
        assert sorted(r.name for r in opened.records().values()) == ["a0.txt", "a2.txt"]
    again = runner.invoke(cli, ["build", *map(str, paths), "--store", str(store)])  # the failed one is tried again
    assert again.exit_code == 0, again.output
    assert "1 added, 0 replaced, 2 unchanged (skipped)" in again.stderr
    with open_store(store) as opened:
        statements = opened.query("SELECT (COUNT(?s) AS ?n) WHERE { ?s a kg:Statement }").rows()
        assert int(statements[0]["n"]) >= 3
