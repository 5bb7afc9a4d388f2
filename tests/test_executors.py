"""kg.store.executors: the one store build (kg.store.build) run by the local executor (spaCy's workers, here) and by the
Dask executor (kg.store.cluster, a real local cluster of 2 worker processes started here) gives the same store, and
reports an article that fails the same way."""
from __future__ import annotations

from datetime import date

import pytest
from test_store import assert_isomorphic

from kg.article import Article
from kg.graph.corpus import build
from kg.graph.rdf import actor_iri
from kg.store.build import build_store, fingerprint
from kg.store.dataset import open_store
from kg.store.executors import Job, LocalExecutor

# Written for these tests. The second article's "E. Varga" is linked onto the first's Elena Varga: the Dask
# executor's triples are made on a worker before linking, so this checks that they are linked all the same.
TEXTS = {
    "a1.txt": "Elena Varga said on Tuesday that the vote was rigged. “We will appeal,” she said.",
    "a2.txt": "E. Varga told reporters the count would be challenged. Tom Haller said the pier would close.",
    "a3.txt": "The mayor, Maria Okonkwo, said the harbour plan was a mistake. Haller disagreed, officials said.",
}


def articles(published: dict[str, object] | None = None) -> list[tuple[Article, str]]:
    """(article, source) pairs, as kg.store.build.read_sources gives them; ``published`` overrides dates by name."""
    published = published or {}
    return [(Article(body, name=name, published=published.get(name, date(2024, 3, 15))), f"/corpus/{name}")
            for name, body in TEXTS.items()]


@pytest.fixture(scope="module")
def dask_executor():
    from distributed import Client, LocalCluster

    from kg.store.cluster import DaskExecutor

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        yield DaskExecutor(client=client, partition_size=2)


def test_both_executors_build_isomorphic_stores(nlp, dask_executor, tmp_path):
    seen: dict[str, list] = {"local": [], "dask": []}
    for name, executor in (("local", LocalExecutor(workers=1)), ("dask", dask_executor)):
        summary = build_store(articles(), tmp_path / name, executor=executor, progress=seen[name].append)
        assert (summary.added, summary.failures) == (3, [])
    assert seen["local"] == seen["dask"]  # the same articles, statuses and statement counts, in the same order
    with open_store(tmp_path / "local") as local, open_store(tmp_path / "dask") as dask:
        assert local.records() == dask.records()
        assert_isomorphic(dask.graph(), local.graph())
        plain = build([article for article, _ in articles()])
        assert_isomorphic(local.graph(), plain)  # and both are what kg build -o makes of the same articles
        rows = dask.query("SELECT ?s ?a WHERE { ?x kg:speaker ?s ; kg:article ?a }")
        speakers = {(row[0].value, row[1].value.rsplit("/", 1)[1]) for row in rows}
    varga = {text_hash for speaker, text_hash in speakers if speaker == str(actor_iri("elena-varga"))}
    assert varga == {articles()[0][0].text_hash, articles()[1][0].text_hash}  # E. Varga of a2.txt linked
    assert not [s for s, _ in speakers if "varga" in s and s != str(actor_iri("elena-varga"))]


def test_an_article_failing_in_a_worker_is_reported_the_same_way_by_both(nlp, dask_executor, tmp_path):
    # a date that is not a date: extracting "on Tuesday" against it raises in whichever process extracts it
    broken = articles({"a1.txt": "soon"})
    outcome = {}
    for name, executor in (("local", LocalExecutor(workers=1)), ("dask", dask_executor)):
        seen: list = []
        summary = build_store(broken, tmp_path / name, executor=executor, progress=seen.append)
        outcome[name] = (summary.added, summary.failures, [(p.name, p.status) for p in seen])
        with open_store(tmp_path / name) as store:
            assert sorted(r.name for r in store.records().values()) == ["a2.txt", "a3.txt"]  # the others committed
    assert outcome["local"] == outcome["dask"]
    added, failures, progress = outcome["dask"]
    assert added == 2 and progress[0] == ("a1.txt", "failed")
    assert failures == ["a1.txt: could not be extracted: TypeError: "
                        "combine() argument 1 must be datetime.date, not str"]


def test_an_executor_yields_each_article_in_order_with_its_failure(nlp, dask_executor):
    from kg.extraction.extract import Settings

    settings = Settings()
    job = Job(settings, fingerprint(settings))
    todo = articles({"a1.txt": "soon"})
    for executor in (LocalExecutor(workers=1), dask_executor):
        results = list(executor.results(todo, job))
        assert [r.article.name for r in results] == ["a1.txt", "a2.txt", "a3.txt"]
        assert [r.piece is None for r in results] == [True, False, False]
        assert results[0].error.startswith("a1.txt: could not be extracted: TypeError")
        # the actors as extracted, not yet linked across articles: the build links them, in file order
        assert "tom-haller" in results[1].actors and "elena-varga" not in results[1].actors
        assert results[1].statements == 2 == len([t for t in results[1].piece.triples if t[1].value.endswith("#speaker")
                                             or t[1].value.endswith("/speaker")])
