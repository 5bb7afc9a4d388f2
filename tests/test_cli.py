"""The kg command line, end to end: every command, its output formats and its errors.

Errors are one `Error: ...` line on stderr, never a traceback; exit 1 for a problem the user can
fix, 2 for bad usage (and for `kg validate` when it could not run).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, TINY_ARTICLE
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.article import read_article
from kg.cli import cli
from kg.graph.queries import stored_queries
from kg.namespaces import KG
from kg.resources import data_path

EUROPEAN_PRAVDA = "https://w3id.org/kg/actor/european-pravda"
GOLD_FIELDS = {"id", "speaker", "speaker_actor", "speaker_type", "cue", "channel", "addressee", "quote_kind",
               "hedged", "kind", "position", "subject", "evidence", "reported_by", "start", "end"}


def assert_error(result, code: int, line: str) -> None:
    """The command failed with exactly one `Error:` line on stderr and no traceback."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.stderr == f"Error: {line}\n", result.stderr


def fill(text: str, paths: dict[str, Path]) -> str:
    for name, path in paths.items():
        text = text.replace("{" + name + "}", str(path))
    return text


def assert_usage_error(result, line: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines()[-1] == f"Error: {line}", result.stderr


@pytest.fixture
def bad_inputs(tmp_path) -> dict[str, Path]:
    """Files a user might wrongly give: each must be refused with one clear line."""
    (tmp_path / "no-articles").mkdir()
    (tmp_path / "no-articles" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a déclaré : « Nous ne céderons pas. »".encode("latin-1"))
    (tmp_path / "broken.ttl").write_text("@prefix ex: <http://example.org/> .\nex:a ex:b .\n", encoding="utf-8")
    return {
        "missing": tmp_path / "missing.txt",
        "no-articles": tmp_path / "no-articles",
        "empty": tmp_path / "empty.txt",
        "blank": tmp_path / "blank.txt",
        "binary": tmp_path / "binary.txt",
        "latin1": tmp_path / "latin1.txt",
        "broken.ttl": tmp_path / "broken.ttl",
    }


def bad_article_message(kind: str, path: Path) -> str:
    return {
        "missing": f"{path}: no such file or folder",
        "no-articles": f"{path}: the folder holds no article files (.txt or .text)",
        "empty": f"{path.name}: the article is empty",
        "blank": f"{path.name}: the article is empty",
        "binary": f"{path}: looks like a binary file, not a text article",
        "latin1": f"{path}: not valid UTF-8 (byte 15); save the article as UTF-8",
    }[kind]


# --- kg build -----------------------------------------------------------------


def test_build_writes_the_graph_with_progress_on_stderr(example_build):
    result, path = example_build.result, example_build.path
    assert result.exit_code == 0
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Extracting")
    graph = Graph().parse(path, format="turtle")
    assert lines[-1] == f"Wrote {len(graph)} triples from {len(EXAMPLES)} article(s) to {path}"
    assert len(set(graph.subjects(RDF.type, KG.Statement))) > 0


def test_build_leaves_no_temporary_files(example_build):
    assert [p.name for p in example_build.path.parent.iterdir()] == [example_build.path.name]


def test_build_to_stdout(runner, nlp, tiny_article):
    result = runner.invoke(cli, ["build", str(tiny_article)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert set(graph.subjects(RDF.type, KG.Statement))
    assert "Wrote" not in result.stderr


def test_build_a_folder_takes_only_article_files(runner, nlp, tmp_path):
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / "tiny.text").write_text(TINY_ARTICLE, encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\x00")
    (folder / "README.md").write_text("# Articles\n\nCollected in May, said the editor.\n", encoding="utf-8")
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "Note: skipped 2 file(s) in the folders, which take .txt and .text articles (name a file to read it): "
        f"{folder / 'README.md'}, {folder / 'image.png'}")
    assert result.stderr.splitlines()[-1].endswith(f"from 1 article(s) to {out}")


def test_build_reads_a_file_or_a_body_given_twice_once(runner, nlp, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(TINY_ARTICLE, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(TINY_ARTICLE, encoding="utf-8")  # the same body under another name
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["build", str(folder), str(folder / "a.txt"), str(tmp_path / "copy.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].endswith(f"from 1 article(s) to {out}")
    graph = Graph().parse(out, format="turtle")
    assert len(set(graph.subjects(RDF.type, KG.Statement))) == len(set(
        Graph().parse(data=runner.invoke(cli, ["build", str(folder / "a.txt")]).stdout, format="turtle")
        .subjects(RDF.type, KG.Statement)))


@pytest.mark.parametrize("suffix, fmt", [(".jsonld", "json-ld"), (".nt", "nt"), (".ttl", "turtle")])
def test_build_format_follows_the_output_suffix(runner, nlp, tiny_article, tmp_path, suffix, fmt):
    out = tmp_path / f"graph{suffix}"
    result = runner.invoke(cli, ["build", str(tiny_article), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = Dataset(default_union=True).parse(out, format=fmt)  # JSON-LD keeps a named graph per article
    assert set(graph.subjects(RDF.type, KG.Statement))


@pytest.mark.parametrize("kind", ["missing", "no-articles", "empty", "blank", "binary", "latin1"])
def test_build_refuses_bad_input(runner, bad_inputs, tmp_path, kind):
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["build", str(bad_inputs[kind]), "-o", str(out)])
    assert_error(result, 1, bad_article_message(kind, bad_inputs[kind]))
    assert not out.exists()


def test_failed_build_keeps_the_previous_graph(runner, bad_inputs, tiny_article, tmp_path):
    out = tmp_path / "graph.ttl"
    out.write_text("# the previous graph\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tiny_article), str(bad_inputs["binary"]), "-o", str(out)])
    assert_error(result, 1, bad_article_message("binary", bad_inputs["binary"]))
    assert out.read_text(encoding="utf-8") == "# the previous graph\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".graph.ttl")]


def test_build_into_a_missing_folder(runner, tiny_article, tmp_path):
    out = tmp_path / "no-such-folder" / "graph.ttl"
    result = runner.invoke(cli, ["build", str(tiny_article), "-o", str(out)])
    assert_error(result, 1, f"{out}: the folder {out.parent} does not exist")
    assert not out.parent.exists()


def test_build_needs_paths(runner):
    assert_usage_error(runner.invoke(cli, ["build"]), "Missing argument 'PATHS...'.")


# --- kg validate --------------------------------------------------------------


def test_validate_a_conforming_graph(runner, example_graph_path, example_graph):
    result = runner.invoke(cli, ["validate", str(example_graph_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{example_graph_path}: conforms ({len(example_graph)} triples)\n"


def test_validate_a_graph_with_violations(runner, fixture_graph, tmp_path):
    graph = Graph() + fixture_graph
    statement = next(graph.subjects(RDF.type, KG.Statement))
    graph.remove((statement, KG.speaker, None))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Conforms: False" in result.stdout
    assert f"Focus Node: <{statement}>" in result.stdout
    assert "Message: A statement needs exactly one speaker, and the speaker must be a kg:Actor." in result.stdout


def test_validate_an_article_extracts_it_first(runner, nlp, tiny_article):
    result = runner.invoke(cli, ["validate", str(tiny_article)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{tiny_article}: conforms (")


@pytest.mark.parametrize("kind, line", [
    ("broken.ttl", "{path}: not valid Turtle: line 2: objectList expected"),
    ("missing.ttl", "{path}: no such file"),
    ("empty", "empty.txt: the article is empty"),
    ("binary", "{path}: looks like a binary file, not a text article"),
])
def test_validate_exits_2_when_it_could_not_run(runner, bad_inputs, tmp_path, kind, line):
    path = bad_inputs.get(kind, tmp_path / kind)
    assert_error(runner.invoke(cli, ["validate", str(path)]), 2, line.format(path=path))


# --- kg queries and kg query --------------------------------------------------


def test_queries_lists_every_stored_query_with_its_description(runner):
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    queries = stored_queries()
    assert len(lines) == len(queries)
    for line, query in zip(lines, queries):
        name, description = line.split(None, 1)
        assert (name, description) == (query.name, query.description)
        assert description and "\n" not in description
    assert {q.name for q in queries} >= {
        "willing-to-stop-at-current-lines", "statements-by-actor", "reporting-chains", "via-outlet",
        "hedged-statements", "denials", "actors", "positions-by-actor"}


def test_query_stored_by_name_as_table(runner, fixture_graph_path):
    result = runner.invoke(cli, ["query", "willing-to-stop-at-current-lines", str(fixture_graph_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["speakerName", "cue", "hedged", "evidence", "articleName"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[2].startswith("senior Russian official  told ")
    assert lines[-1] == "(1 row)"


def test_query_expression_as_csv(runner, fixture_graph_path):
    result = runner.invoke(cli, ["query", "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s a kg:Statement }",
                                 str(fixture_graph_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "n\n5\n"


def test_query_expression_as_json(runner, fixture_graph_path):
    query = "SELECT ?name WHERE { ?a a kg:Actor ; kg:role 'news outlet'@en ; skos:prefLabel ?name } ORDER BY ?name"
    result = runner.invoke(cli, ["query", "-e", "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n" + query,
                                 str(fixture_graph_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["name"]
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == [
        "European Pravda", "Reuters", "The New York Times"]


def test_query_ask(runner, fixture_graph_path):
    result = runner.invoke(cli, ["query", "-e", "ASK { ?s kg:hedged true }", str(fixture_graph_path)])
    assert (result.exit_code, result.stdout) == (0, "true\n")


def test_query_several_graphs_are_merged(runner, fixture_graph_path, example_graph_path, example_graph):
    query = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Statement }"
    result = runner.invoke(cli, ["query", "-e", query, str(fixture_graph_path), str(example_graph_path),
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert int(result.stdout.split()[1]) == 5 + len(set(example_graph.subjects(RDF.type, KG.Statement)))


def test_query_bind_outlet(runner, fixture_graph_path):
    result = runner.invoke(cli, ["query", "via-outlet", str(fixture_graph_path), "--bind",
                                 f"outlet={EUROPEAN_PRAVDA}", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["speakerName", "firstOutletName", "outletName", "evidence"],
        ["senior Russian official", "The New York Times", "European Pravda",
         "“We are willing to stop at the current lines,” a senior Russian official told The New York Times, "
         "as reported by European Pravda."],
    ]


def test_query_bind_a_literal(runner, fixture_graph_path):
    query = "SELECT ?statement WHERE { ?statement kg:cue ?cue }"
    result = runner.invoke(cli, ["query", "-e", query, str(fixture_graph_path), "--bind", "cue=denied",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["https://w3id.org/kg/id/article/9977feffa14d56a4/statement/223-273/0"]


@pytest.mark.parametrize("args, line", [
    (["query", "actors", "{broken}"], "{broken}: not valid Turtle: line 2: . is not a valid RDF object"),
    (["query", "actors", "{missing}"], "{missing}: no such file"),
    (["query", "no-such-query", "{graph}"],
     "no stored query named 'no-such-query' (known: "
     + ", ".join(p.stem for p in sorted(data_path("queries").glob("*.rq")))
     + ")"),
    (["query", "-e", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "{graph}"],
     "update queries (INSERT, DELETE, ...) are not allowed here: kg query only reads"),
    (["query", "-e", "PREFIX ex: <http://example.org/> DELETE WHERE { ?s ex:p ?o }", "{graph}"],
     "update queries (INSERT, DELETE, ...) are not allowed here: kg query only reads"),
    (["query", "-e", "# clean up\nCLEAR ALL", "{graph}"],
     "update queries (INSERT, DELETE, ...) are not allowed here: kg query only reads"),
    (["query", "via-outlet", "{graph}", "--bind", "outlt=https://example.org/x"],
     "the query has no variable ?outlt to bind (it has: ?earlier, ?evidence, ?evidenceKey, ?firstOutlet, "
     "?firstOutletName, ?later, ?outlet, ?outletKey, ?outletName, ?speakerKey, ?speakerName, ?statement)"),
    (["actors", "{broken}"], "{broken}: not valid Turtle: line 2: . is not a valid RDF object"),
])
def test_query_errors(runner, bad_inputs, fixture_graph_path, args, line):
    paths = {"broken": bad_inputs["broken.ttl"], "missing": bad_inputs["missing"], "graph": fixture_graph_path}
    result = runner.invoke(cli, [fill(a, paths) for a in args])
    assert_error(result, 1, fill(line, paths))


def test_query_sparql_syntax_error(runner, fixture_graph_path):
    result = runner.invoke(cli, ["query", "-e", "SELECT ?s WHERE { ?s ?p }", str(fixture_graph_path)])
    assert result.exit_code == 1
    # the rest of the line is Oxigraph's own words and position
    assert result.stderr.startswith("Error: SPARQL syntax error: error at 1:")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("args, line", [
    (["query"], "give a stored query NAME or a query with -e"),
    (["query", "actors"], "give at least one graph file, or --store"),
    (["query", "actors", "g.ttl", "--bind", "outlet"], "Invalid value for --bind: 'outlet' is not VAR=VALUE"),
    (["query", "actors", "g.ttl", "--format", "yaml"],
     "Invalid value for '--format': 'yaml' is not one of 'table', 'csv', 'tsv', 'json', 'xml', 'ndjson'."),
])
def test_query_bad_usage(runner, args, line):
    assert_usage_error(runner.invoke(cli, args), line)


# --- kg extract ---------------------------------------------------------------


@pytest.mark.parametrize("article", [*EXAMPLES, None], ids=[*(p.name for p in EXAMPLES), "tiny"])
def test_extract_json_is_shaped_like_a_gold_file(runner, nlp, tiny_article, article):
    article = article or tiny_article
    result = runner.invoke(cli, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"article", "actors", "statements"}
    assert data["article"] == article.name
    body = read_article(article).body
    ids = [s["id"] for s in data["statements"]]
    assert ids == [f"s{i}" for i in range(1, len(ids) + 1)]
    assert data["statements"], "the article has statements"
    for statement in data["statements"]:
        assert GOLD_FIELDS <= set(statement)
        assert body[statement["start"]:statement["end"]] == statement["evidence"]
        assert statement["reported_by"] is None or statement["reported_by"] in ids
        assert statement["reported_by"] != statement["id"], "a statement cannot report itself"
        assert statement["quote_kind"] in ("direct", "mixed", "indirect")
        assert statement["kind"] in ("stance", "claim")
        assert isinstance(statement["hedged"], bool) and isinstance(statement["channel"], list)
    for actor in data["actors"]:
        assert actor["type"] in ("person", "organization", "country", "group")


def test_extract_ttl_and_jsonld_are_the_same_graph(runner, nlp, tiny_article):
    ttl = runner.invoke(cli, ["extract", str(tiny_article), "--format", "ttl"])
    jsonld = runner.invoke(cli, ["extract", str(tiny_article), "--format", "jsonld"])
    assert (ttl.exit_code, jsonld.exit_code) == (0, 0)
    a = Graph().parse(data=ttl.stdout, format="turtle")
    b = Graph().parse(data=jsonld.stdout, format="json-ld")
    assert isomorphic(a, b)
    assert len(set(a.subjects(RDF.type, KG.Statement))) == len(json.loads(
        runner.invoke(cli, ["extract", str(tiny_article)]).stdout)["statements"])


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "latin1"])
def test_extract_refuses_bad_input(runner, bad_inputs, kind):
    path = bad_inputs[kind]
    line = f"{path}: no such file" if kind == "missing" else bad_article_message(kind, path)
    assert_error(runner.invoke(cli, ["extract", str(path)]), 1, line)


def test_extract_a_folder(runner, bad_inputs):
    path = bad_inputs["no-articles"]
    assert_error(runner.invoke(cli, ["extract", str(path)]), 1, f"{path}: is a folder, not an article file")


# --- kg eval ------------------------------------------------------------------


@pytest.fixture
def gold_dir(tmp_path) -> Path:
    """A gold file for the tiny article, written for the tests (FORMAT.md)."""
    folder = tmp_path / "gold"
    folder.mkdir()
    gold = {
        "article": "tiny.txt",
        "actors": [{"name": "defence minister", "type": "person", "aliases": ["the defence minister"]},
                   {"name": "Kremlin", "type": "organization", "aliases": ["The Kremlin"]}],
        "statements": [
            {"id": "s1", "speaker": "the defence minister", "speaker_actor": "defence minister",
             "speaker_type": "person", "cue": "said", "channel": [], "addressee": None, "quote_kind": "direct",
             "hedged": False, "kind": "stance", "position": "no_retreat", "subject": "defence minister",
             "evidence": TINY_ARTICLE.splitlines()[0], "reported_by": None},
            {"id": "s2", "speaker": "The Kremlin", "speaker_actor": "Kremlin", "speaker_type": "organization",
             "cue": "denied", "channel": ["Russian state media"], "addressee": None, "quote_kind": "indirect",
             "hedged": False, "kind": "stance", "position": "deny_report", "subject": "Kremlin",
             "evidence": TINY_ARTICLE.splitlines()[1], "reported_by": None},
        ],
    }
    (folder / "tiny.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_eval_table_per_article_and_total(runner, nlp, tiny_article, gold_dir):
    result = runner.invoke(cli, ["eval", "--gold", str(gold_dir), str(tiny_article)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["article", "gold", "pred", "align", "P", "R", "F1", "cue", "channel_set",
                                "channel_exact", "quote_kind", "hedged", "kind", "nesting", "position",
                                "speaker_actor", "actor_b3"]
    assert [line.split()[0] for line in lines[1:]] == ["tiny.txt", "TOTAL"]
    assert lines[1].split()[1:] == lines[2].split()[1:]  # one article: its row is the total
    assert lines[1].split()[1] == "2"


def test_eval_json(runner, nlp, tiny_article, gold_dir):
    result = runner.invoke(cli, ["eval", "--gold", str(gold_dir), str(tiny_article), "--format", "json"])
    assert result.exit_code == 0, result.output
    article, total = json.loads(result.stdout)
    assert (article["article"], total["article"]) == ("tiny.txt", "TOTAL")
    assert article["gold"] == total["gold"] == 2
    assert 0 <= article["aligned"] <= min(article["gold"], article["predicted"])
    assert 0.0 <= article["f1"] <= 1.0


def test_eval_without_a_gold_file(runner, tiny_article, tmp_path):
    empty = tmp_path / "gold"
    empty.mkdir()
    assert_error(runner.invoke(cli, ["eval", "--gold", str(empty), str(tiny_article)]), 1,
                 f"tiny.txt: no gold file for it in {empty}")


def test_eval_with_a_malformed_gold_file(runner, tiny_article, tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "tiny.json").write_text('{"article": "tiny.txt"}', encoding="utf-8")
    assert_error(runner.invoke(cli, ["eval", "--gold", str(folder), str(tiny_article)]), 1,
                 f"{folder / 'tiny.json'}: a gold file needs a 'statements' list")


def test_eval_needs_an_existing_gold_folder(runner, tiny_article, tmp_path):
    result = runner.invoke(cli, ["eval", "--gold", str(tmp_path / "nope"), str(tiny_article)])
    assert_usage_error(result, f"Invalid value for '--gold': Directory '{tmp_path / 'nope'}' does not exist.")


# --- kg actors ----------------------------------------------------------------


def test_actors_of_the_fixture_graph(runner, fixture_graph_path):
    result = runner.invoke(cli, ["actors", str(fixture_graph_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "actor,name,kind,statements,aliases\n"
        "https://w3id.org/kg/actor/senior-russian-official,senior Russian official,person,2,the official\n"
        "https://w3id.org/kg/actor/dmitry-peskov,Dmitry Peskov,person,1,Peskov\n"
        "https://w3id.org/kg/actor/kremlin,Kremlin,organization,1,\n"
        "https://w3id.org/kg/actor/vladimir-putin,Vladimir Putin,person,1,Putin\n"
        "https://w3id.org/kg/actor/european-pravda,European Pravda,organization,0,\n"
        "https://w3id.org/kg/actor/reuters,Reuters,organization,0,\n"
        "https://w3id.org/kg/actor/the-new-york-times,The New York Times,organization,0,NYT\n")


def test_actors_of_the_example_graph(runner, example_graph_path):
    result = runner.invoke(cli, ["actors", str(example_graph_path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["actor", "name", "kind", "statements", "aliases"]
    assert lines[-1].endswith("rows)")
    assert any("https://w3id.org/kg/actor/vladimir-putin" in line for line in lines)


def test_actors_of_a_missing_graph(runner, tmp_path):
    path = tmp_path / "nope.ttl"
    assert_error(runner.invoke(cli, ["actors", str(path)]), 1, f"{path}: no such file")


def test_version(runner):
    result = runner.invoke(cli, ["--version"], prog_name="kg")
    assert result.exit_code == 0
    assert result.stdout.startswith("kg, version ")


def _complete(words: str) -> list[str]:
    """What bash completion offers for the last word of ``words`` (click's own protocol, in a real process)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "_KG_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split(" ")) - 1)}
    done = subprocess.run([sys.executable, "-m", "kg"], env=env, capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_shell_completes_stored_query_names():
    names = [q.name for q in stored_queries()]
    assert _complete("kg query via") == [f"plain,{n}" for n in names if n.startswith("via")] != []
    assert len(_complete("kg query ")) == len(names)
    assert _complete("kg query -e x gr") == ["file,gr"]  # with -e, NAME is a graph file
