"""Shared fixtures: the spaCy pipeline and the example graph are made once per session."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph

from kg.actors import Actor
from kg.article import parse_article
from kg.cli import cli
from kg.extraction.extract import Extraction
from kg.statements import ChannelHop, Statement, StatementId

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = sorted((ROOT / "examples").glob("*.txt"))

# A tiny article, written for the tests (statement spans in the comments beside each sentence).
TINY_ARTICLE = (
    "“We will not retreat from a single village,” the defence minister said on Tuesday.\n"  # a direct quote
    "The Kremlin denied the report, Russian state media said.\n"  # a denial, reported by state media
)


@pytest.fixture(scope="session")
def nlp():
    """The real kg spaCy pipeline, loaded once (kg.extraction.pipeline caches it for the CLI too)."""
    from kg.extraction.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@dataclass(frozen=True)
class Build:
    """One `kg build` run: the CLI result and the graph file it wrote."""

    result: Result
    path: Path


def run_build(nlp, folder: Path, articles: list[Path], *options: str, name: str = "graph.ttl") -> Build:
    path = folder / name
    result = CliRunner().invoke(cli, ["build", *map(str, articles), "-o", str(path), *options])
    return Build(result, path)


@pytest.fixture(scope="session")
def example_build(nlp, tmp_path_factory) -> Build:
    """`kg build examples/*.txt -o graph.ttl`, run once for the session."""
    build = run_build(nlp, tmp_path_factory.mktemp("example"), EXAMPLES)
    assert build.result.exit_code == 0, build.result.output
    return build


@pytest.fixture(scope="session")
def example_graph_path(example_build) -> Path:
    return example_build.path


@pytest.fixture(scope="session")
def example_graph(example_graph_path) -> Graph:
    """The example graph, parsed. Shared: tests that change it work on a copy (see copy_graph)."""
    return Graph().parse(example_graph_path, format="turtle")


@pytest.fixture(scope="session")
def fixture_graph_path() -> Path:
    """A small hand-written graph (tests/data/fixture_graph.ttl) with known rows for every stored query."""
    return DATA / "fixture_graph.ttl"


@pytest.fixture(scope="session")
def fixture_graph(fixture_graph_path) -> Graph:
    return Graph().parse(fixture_graph_path, format="turtle")


@pytest.fixture
def tiny_article(tmp_path) -> Path:
    path = tmp_path / "tiny.txt"
    path.write_text(TINY_ARTICLE, encoding="utf-8")
    return path


def copy_graph(graph: Graph) -> Graph:
    """A copy of a graph, with its prefixes, that a test may change."""
    copy = Graph()
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True)
    copy += graph
    return copy


HAND_BODY = "Putin said he would never give up the land, the official told The New York Times."


def hand_extraction() -> Extraction:
    """A hand-made extraction (no spaCy): an official reports what Putin said, via The New York Times."""
    actors = {
        "vladimir-putin": Actor("vladimir-putin", "Vladimir Putin", "person", aliases={"Putin", "Vladimir Putin"},
                                roles={"president"}),
        "officials": Actor("officials", "Russian officials", "group"),
        "official": Actor("official", "the official", "person", member_of="officials"),
        "the-new-york-times": Actor("the-new-york-times", "The New York Times", "organization",
                                    same_as="http://www.wikidata.org/entity/Q9684"),
    }
    outer = Statement(0, len(HAND_BODY), HAND_BODY, "the official", "told", id=StatementId(0, len(HAND_BODY), HAND_BODY.index("told")),
                      content=
"Putin said he would never give up the land", kind="claim", speaker_actor="official",
                      addressee_actor="the-new-york-times",
                      subject_actors=["vladimir-putin"],
                      channel=[ChannelHop("The New York Times", "publication", "the-new-york-times")])
    inner = Statement(0, len(HAND_BODY), HAND_BODY, "Putin", "said", "he would never give up the land",
                      id=StatementId(0, len(HAND_BODY), HAND_BODY.index("said")), kind="stance", speaker_actor="vladimir-putin",
                      subject_actors=["vladimir-putin"], reported_by=outer.id,
                      position="no_retreat", position_confidence=0.8, hedged=True)
    return Extraction(parse_article(HAND_BODY, name="a.txt"), [outer, inner], actors)


@pytest.fixture(scope="session")
def read_statements(nlp):
    """kg.extract of a text of ours, each text extracted once."""
    from kg.extraction.extract import extract

    cache: dict[str, list] = {}

    def read(text: str) -> list:
        if text not in cache:
            cache[text] = extract(text)
        return cache[text]
    return read


@pytest.fixture(scope="session")
def read_extraction(nlp):
    """The whole extraction (statements and actors) of a text of ours, each text extracted once."""
    from kg.article import parse_article
    from kg.extraction.extract import extract_article

    cache: dict = {}

    def read(text: str):
        if text not in cache:
            cache[text] = extract_article(parse_article(text))
        return cache[text]
    return read


def one(read, text: str):
    """The one statement ``read`` finds in a text (fails, showing what was found, if there are more or none)."""
    statements = read(text)
    assert len(statements) == 1, statements
    return statements[0]
