"""The corpus store (kg.store.dataset) and its commands: kg build --store, kg query --store, kg export."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES, ROOT, TINY_ARTICLE
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.cli import cli
from kg.graph.queries import stored_queries
from kg.graph.sparql import format_result, run
from kg.graph.validate import load_graph
from kg.store.dataset import BUILD_GRAPH, RECORDS_FOLDER, open_store, query_store

MANY = 40  # articles in the corpus the fault tests interrupt


def via_oxigraph(graph: Graph) -> Graph:
    """The graph as a triple store keeps it (Oxigraph writes xsd:decimal 0.0 as 0, ...), for comparisons."""
    store = ox.Store()
    store.load(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode(),
                         format="nt")


def assert_isomorphic(got: Graph, expected: Graph) -> None:
    got, expected = via_oxigraph(got), via_oxigraph(expected)
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(f"not isomorphic:\nonly in the store:\n{sorted(only_got)[:20]}\n"
                             f"only in the plain build:\n{sorted(only_expected)[:20]}")


@pytest.fixture(scope="module")
def example_store(nlp, tmp_path_factory) -> Path:
    """`kg build examples/*.txt --store ...`, run once for the module."""
    store = tmp_path_factory.mktemp("store") / "kg-store"
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["build", *map(str, EXAMPLES), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith(f"Store {store}: 2 added, 0 replaced, 0 unchanged (skipped); ")
    return store


def many_articles(folder: Path, count: int = MANY) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"a{i:03d}.txt"
        path.write_text(TINY_ARTICLE.replace("village", f"village number {i}"), encoding="utf-8")
        paths.append(path)
    return paths


# --- building -----------------------------------------------------------------


def test_the_store_holds_exactly_the_plain_build(example_store, example_graph):
    with open_store(example_store) as store:
        assert_isomorphic(store.graph(), example_graph)


def test_each_article_is_a_named_graph_keyed_by_its_text_hash(example_store):
    from kg.article import read_article

    hashes = sorted(read_article(p).text_hash for p in EXAMPLES)
    with open_store(example_store) as store:
        assert [g.value.rsplit("/", 1)[1] for g in store.article_graphs()] == hashes
        assert sorted(store.records()) == hashes
        # no statement lives outside its article's graph
        found = store.query("SELECT ?g (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Statement } } GROUP BY ?g").rows()
        assert sorted(s["g"].rsplit("/", 1)[1] for s in found) == hashes


def test_offsets_are_xsd_integer_in_the_store(example_store):
    types = query_store(example_store, "SELECT DISTINCT (DATATYPE(?b) AS ?t) WHERE { ?s nif:beginIndex ?b }")
    assert [row["t"] for row in types.rows()] == ["http://www.w3.org/2001/XMLSchema#integer"]


def test_unchanged_articles_are_skipped_and_say_so(runner, example_store):
    result = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", str(example_store)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1].startswith(f"Store {example_store}: 0 added, 0 replaced, 2 unchanged (skipped)")


def test_rebuilding_replaces_instead_of_duplicating(runner, nlp, tmp_path, tiny_article):
    store = tmp_path / "s"
    assert runner.invoke(cli, ["build", str(tiny_article), "--store", str(store)]).exit_code == 0
    with open_store(store) as opened:
        before = len(opened)
    forced = runner.invoke(cli, ["build", str(tiny_article), "--store", str(store), "--force"])
    assert forced.stderr.splitlines()[-1].startswith(f"Store {store}: 0 added, 1 replaced, 0 unchanged")
    tiny_article.write_text(TINY_ARTICLE.replace("Tuesday", "Wednesday"), encoding="utf-8")  # the file changes
    edited = runner.invoke(cli, ["build", str(tiny_article), "--store", str(store)])
    assert edited.stderr.splitlines()[-1].startswith(f"Store {store}: 0 added, 1 replaced, 0 unchanged")
    with open_store(store) as opened:
        assert len(opened.article_graphs()) == 1 and len(opened.records()) == 1
        assert len(opened) == before
        assert_isomorphic(opened.graph(), __import__("kg").build([tiny_article]))


def test_taking_an_article_out_merges_its_actors_again(nlp, tmp_path):
    import kg
    from kg.store.build import build_store

    store = tmp_path / "s"
    build_store(EXAMPLES, store)
    with open_store(store, write=True) as opened:
        opened.remove_articles([opened.article_graphs()[0].value.rsplit("/", 1)[1]])
        remaining = [p for p in EXAMPLES if kg.read_article(p).text_hash in opened.records()]
        assert_isomorphic(opened.graph(), kg.build(remaining))


def test_two_workers_build_the_same_store(nlp, tmp_path, example_graph):
    from kg.store.build import build_store

    summary = build_store(EXAMPLES, tmp_path / "s", workers=2)  # spaCy's nlp.pipe(n_process=2)
    assert (summary.added, summary.replaced) == (len(EXAMPLES), 0)
    with open_store(tmp_path / "s") as store:
        assert_isomorphic(store.graph(), example_graph)


def test_a_failed_write_stops_the_build_and_reports_only_committed_articles(nlp, tmp_path, monkeypatch):
    from kg.errors import StoreError
    from kg.store.build import build_store
    from kg.store.dataset import CorpusStore

    articles = many_articles(tmp_path / "articles", 4)
    commit, calls = CorpusStore.commit, []

    def failing(self, write):
        calls.append(write.name)
        if len(calls) == 2:
            raise StoreError("disk full")
        commit(self, write)

    monkeypatch.setattr(CorpusStore, "commit", failing)
    done = []
    with pytest.raises(StoreError, match="disk full"):
        build_store(articles, tmp_path / "s", progress=lambda p: done.append(p.name))
    assert calls[:2] == ["a000.txt", "a001.txt"] and len(calls) == 2  # nothing written after the failure
    assert done == ["a000.txt"]
    with open_store(tmp_path / "s") as store:
        assert [r.name for r in store.records().values()] == ["a000.txt"]


def test_the_store_validates_article_by_article(example_store):
    with open_store(example_store) as store:
        assert store.validate() == []


def test_validate_store_command(runner, example_store, tmp_path):
    result = runner.invoke(cli, ["validate", "--store", str(example_store)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{example_store}: conforms (2 articles)"
    missing = runner.invoke(cli, ["validate", "--store", str(tmp_path / "none")])
    assert missing.exit_code == 2
    assert runner.invoke(cli, ["validate"]).exit_code == 2


# --- querying and exporting -----------------------------------------------------


@pytest.mark.parametrize("query", stored_queries(), ids=lambda q: q.name)
def test_stored_queries_over_the_store_answer_as_over_the_graph(example_store, example_graph, query):
    got = query_store(example_store, query.text).rows()
    expected = run(via_oxigraph(example_graph), query.text).rows()
    assert sorted(map(_row, got)) == sorted(map(_row, expected))


@pytest.mark.parametrize("query", stored_queries(), ids=lambda q: q.name)
def test_stored_queries_answer_alike_on_the_store_and_on_its_exported_file(example_store, tmp_path, query):
    # one engine and one text: a store and a graph file of the same triples give the same rows in the same order
    from kg.graph.sparql import load_files
    from kg.store.export import export_store

    exported = tmp_path / "corpus.nq"
    export_store(example_store, exported)
    assert query_store(example_store, query.text).rows() == run(load_files([exported]), query.text).rows()


def _row(row: dict) -> str:
    # GROUP_CONCAT's order is not fixed by SPARQL: compare its parts as sets. Over no values rdflib
    # gives "" and Oxigraph leaves the variable unbound.
    return repr(tuple(sorted(v.split("; ")) if v and "; " in v else (v or "") for v in row.values()))


def test_query_store_command(runner, example_store, example_graph_path):
    by_store = runner.invoke(cli, ["query", "actors", "--store", str(example_store), "--format", "csv"])
    by_file = runner.invoke(cli, ["query", "actors", str(example_graph_path), "--format", "csv"])
    assert by_store.exit_code == 0, by_store.output
    assert by_store.stdout.splitlines()[0] == by_file.stdout.splitlines()[0]
    assert len(by_store.stdout.splitlines()) == len(by_file.stdout.splitlines())


def test_a_stored_query_on_a_store_loads_neither_spacy_nor_pyshacl(example_store):
    """Issue 16: kg query NAME --store took a second, importing spaCy through kg.graph.rdf -> kg.extraction.extract."""
    code = ("import sys\nfrom kg.cli import cli\n"
            "try:\n    cli(['query', 'actors', '--store', sys.argv[1], '--format', 'csv'])\n"
            "except SystemExit as done:\n    assert not done.code, done.code\n"
            "heavy = ('spacy', 'thinc', 'pyshacl', 'kg.extraction.extract', 'kg.extraction.pipeline', 'rdflib.plugins.sparql')\n"
            "print('loaded:', sorted(m for m in heavy if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(example_store)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "loaded: []"
    assert len(done.stdout.splitlines()) > 5


def test_query_store_with_a_binding(runner, example_store):
    result = runner.invoke(cli, ["query", "via-outlet", "--store", str(example_store),
                                 "--bind", "outlet=actor:european-pravda", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) >= 2


# What queries see: the corpus, without the build records and their local paths (issue 15, item 5)
EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
LOCAL = ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), $root) || CONTAINS(STR(?p), 'graph/build')"
         " || CONTAINS(STR(?s), 'graph/build')) }")


def union_of(store: Path) -> Graph:
    return Graph().parse(data=format_result(query_store(store, EVERYTHING), "table"), format="turtle")


def test_the_union_a_query_sees_is_the_plain_build(example_store, example_graph):
    assert_isomorphic(union_of(example_store), example_graph)
    local = query_store(example_store, LOCAL, {"root": f'"{ROOT}"'})
    assert local.rows() == [] and ROOT.is_absolute() and EXAMPLES[0].is_relative_to(ROOT)
    names = query_store(example_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows()
    assert str(BUILD_GRAPH) not in {row["g"] for row in names} and len(names) == len(EXAMPLES) + 2


def test_the_records_are_kept_apart_and_still_make_builds_incremental(example_store):
    with open_store(example_store) as store:
        records = store.records()
    assert len(records) == len(EXAMPLES)
    assert {Path(r.source) for r in records.values()} == {p.resolve() for p in EXAMPLES}
    assert (example_store / RECORDS_FOLDER / "CURRENT").exists()


def test_a_store_of_an_older_kg_has_its_records_moved_at_the_next_build(runner, nlp, tmp_path, tiny_article):
    store = tmp_path / "kg-store"
    assert runner.invoke(cli, ["build", str(tiny_article), "--store", str(store)]).exit_code == 0
    records = list(ox.Store.read_only(str(store / RECORDS_FOLDER)))
    shutil.rmtree(store / RECORDS_FOLDER)  # as an older kg kept them: a graph of the dataset
    dataset = ox.Store(str(store))
    dataset.extend([ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(str(BUILD_GRAPH))) for q in records])
    dataset.flush()
    del dataset
    assert query_store(store, LOCAL, {"root": f'"{tiny_article.parent}"'}).rows()  # what the issue saw
    result = runner.invoke(cli, ["build", str(tiny_article), "--store", str(store)])
    assert "0 added, 0 replaced, 1 unchanged (skipped)" in result.stderr
    assert query_store(store, LOCAL, {"root": f'"{tiny_article.parent}"'}).rows() == []


def test_an_article_committed_without_its_record_is_built_again(runner, nlp, tmp_path, example_graph):
    """A build killed between an article's commit and its record's: the next build replaces the article."""
    store = tmp_path / "kg-store"
    assert runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", str(store)]).exit_code == 0
    records = ox.Store(str(store / RECORDS_FOLDER))
    first = sorted({q.subject.value for q in records})[0]
    records.update(f"DELETE WHERE {{ <{first}> ?p ?o }}")
    records.flush()
    del records
    result = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", str(store)])
    assert "0 added, 1 replaced, 1 unchanged (skipped)" in result.stderr, result.output
    assert_isomorphic(union_of(store), example_graph)


@pytest.mark.parametrize("suffix, fmt", [(".ttl", "turtle"), (".nt", "nt"), (".jsonld", "json-ld")])
def test_export_is_the_corpus_graph(runner, example_store, example_graph, tmp_path, suffix, fmt):
    out = tmp_path / f"corpus{suffix}"
    result = runner.invoke(cli, ["export", "--store", str(example_store), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"Wrote {len(via_oxigraph(example_graph))} triples from {example_store} to {out}"
    assert_isomorphic(load_graph(out), example_graph)  # JSON-LD: the union of its named graphs


def test_export_nquads_has_a_graph_per_article_and_no_blank_nodes(runner, example_store, tmp_path):
    out = tmp_path / "corpus.nq"
    assert runner.invoke(cli, ["export", "--store", str(example_store), "-o", str(out)]).exit_code == 0
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    graphs = {q.graph_name.value for q in quads}
    assert len([g for g in graphs if "/article/" in g]) == len(EXAMPLES)
    assert str(BUILD_GRAPH) not in graphs  # bookkeeping stays in the store
    assert not [q for q in quads if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]


# --- faults and exit codes ----------------------------------------------------------


def _build_in_another_process(articles: Path, store: Path, workers: int | None = None) -> subprocess.Popen:
    """``build_store`` in a child process that prints "status name" for each finished article."""
    driver = ("import sys\nfrom kg.store.build import build_store\n"
              f"build_store([sys.argv[1]], sys.argv[2], workers={workers!r}, "
              "progress=lambda p: print(p.status, p.name, flush=True))\n")
    return subprocess.Popen([sys.executable, "-c", driver, str(articles), str(store)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)


@pytest.fixture(scope="module")
def interrupted_build(tmp_path_factory):
    """A build of MANY articles in another process: refused concurrent build while it runs, then SIGKILL."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("interrupted")
    articles = many_articles(folder / "articles")
    store = folder / "kg-store"
    process = _build_in_another_process(folder / "articles", store)
    done, concurrent = [], None
    try:
        for line in process.stdout:
            done.append(line.split()[1])
            if len(done) == 1:  # the build holds the store: a second one must be refused
                concurrent = CliRunner().invoke(cli, ["build", str(articles[0]), "--store", str(store)])
            if len(done) == 3:
                os.kill(process.pid, signal.SIGKILL)
                break
    finally:
        process.kill()
        process.wait()
    return {"store": store, "done": done, "concurrent": concurrent, "articles": articles}


def test_two_builds_at_once_are_refused(interrupted_build):
    result = interrupted_build["concurrent"]
    assert result.exit_code == 1
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith(f"Error: {interrupted_build['store']}: the store is locked by kg build (pid ")
    assert line.endswith("); wait for it to finish (two builds at once would corrupt it)")


def test_a_killed_build_leaves_finished_articles_intact(interrupted_build, runner):
    store = interrupted_build["store"]
    with open_store(store) as opened:  # readable, and the lock died with the process
        records = opened.records()
        names = {r.name for r in records.values()}
        assert set(interrupted_build["done"]) <= names
        assert len(names) < MANY
        graphs = {g.value.rsplit("/", 1)[1] for g in opened.article_graphs()}
        # the record is written after its article: a kill in between leaves at most one article without a
        # record, which the next build rebuilds (below); never a record without its article
        orphans = graphs - set(records)
        assert set(records) <= graphs and len(orphans) <= 1
        for text_hash, record in records.items():
            found = opened.query("SELECT (COUNT(?s) AS ?n) WHERE { GRAPH "
                                 f"<https://w3id.org/kg/id/article/{text_hash}> {{ ?s a kg:Statement }} }}").rows()
            assert int(found[0]["n"]) == record.statements
        assert opened.validate() == []
    resumed = runner.invoke(cli, ["build", str(store.parent / "articles"), "--store", str(store)])
    assert resumed.exit_code == 0, resumed.output
    added, replaced = MANY - len(names) - len(orphans), len(orphans)
    assert f"{added} added, {replaced} replaced, {len(names)} unchanged (skipped)" in resumed.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_killed_build_leaves_no_worker_holding_the_store(tmp_path, runner):
    """Extraction workers share the build's lock: killed with the build, none may keep the store locked."""
    many_articles(tmp_path / "articles")
    store = tmp_path / "kg-store"
    process = _build_in_another_process(tmp_path / "articles", store, workers=2)
    workers = []
    try:
        for index, _ in enumerate(process.stdout):
            if index == 2:
                children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
                workers = [int(pid) for pid in children.read_text().split()]
                os.kill(process.pid, signal.SIGKILL)
                break
    finally:
        process.kill()
        process.wait()
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and "Z" not in _state(pid) for pid in workers) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    resumed = runner.invoke(cli, ["build", str(tmp_path / "articles"), "--store", str(store)])
    assert resumed.exit_code == 0, resumed.output  # not refused: the lock died with the build
    assert f"{MANY} unchanged" not in resumed.stderr and " unchanged (skipped)" in resumed.stderr


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_an_unwritable_store_path_is_a_clear_error(runner, tiny_article, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tiny_article), "--store", str(blocker / "kg-store")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {blocker / 'kg-store'}: {blocker} is a file, not a folder"  # kg.outputs
    result = runner.invoke(cli, ["build", str(tiny_article), "--store", str(blocker)])
    assert result.stderr.strip() == f"Error: {blocker}: is a file, not a store folder"


def test_a_folder_of_other_files_is_not_taken_for_a_store(runner, tiny_article, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tiny_article), "--store", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not a kg store" in result.stderr


@pytest.mark.parametrize("args, code, line", [
    (["query", "actors", "--store", "missing-store"], 1,
     "Error: missing-store: no store there; make one with: kg build ARTICLES --store missing-store"),
    (["export", "--store", "missing-store", "-o", "x.ttl"], 1,
     "Error: missing-store: no store there; make one with: kg build ARTICLES --store missing-store"),
    (["build", "examples", "--store", "s", "-o", "g.ttl"], 2, "Error: give either --store or -o/--format, not both"),
    (["build", "examples", "--force"], 2, "Error: --cluster, --shards and --force need --store"),
    (["query", "actors", "g.ttl", "--store", "s"], 2, "Error: give either graph files or --store, not both"),
])
def test_store_command_errors(runner, tmp_path, monkeypatch, args, code, line):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.output
    assert result.stderr.strip().splitlines()[-1] == line


def test_export_to_an_unknown_suffix(runner, example_store, tmp_path):
    result = runner.invoke(cli, ["export", "--store", str(example_store), "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"Error: {tmp_path / 'x.csv'}: unknown RDF file suffix '.csv'; "
                                     "use .ttl, .nt, .nq, .trig, .jsonld, .rdf (or --format)")


def test_replacing_an_article_whose_actors_changed_merges_them_again(tmp_path):
    from dataclasses import replace

    from conftest import hand_extraction

    from kg.article import parse_article
    from kg.graph.rdf import to_graph

    first, other = hand_extraction(), hand_extraction()
    other = replace(other, article=parse_article(other.article.body + " Really.", name="b.txt"))
    changed = hand_extraction()
    changed.actors["vladimir-putin"].name = "Putin"  # a shorter name and another kind: not covered by the old one
    changed.actors["vladimir-putin"].kind = "group"
    with open_store(tmp_path / "s", write=True) as store:
        store.put(first, "fp1", "a.txt")
        store.put(other, "fp1", "b.txt")
        assert store.put(changed, "fp2", "a.txt") == "replaced"
        assert_isomorphic(store.graph(), to_graph([other, changed], with_vocabularies=False))


def test_validate_store_writes_a_report_graph(runner, example_store, tmp_path):
    out = tmp_path / "report.ttl"
    result = runner.invoke(cli, ["validate", "--store", str(example_store), "-f", "turtle", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"{example_store}: conforms (2 articles); report written to {out}"
    report = Graph().parse(out, format="turtle")
    assert {str(o) for o in report.objects(None, None) if str(o) in ("true", "false")} == {"true"}
