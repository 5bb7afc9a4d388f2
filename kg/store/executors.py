"""Where a store build extracts its articles: one interface, run here (spaCy's worker processes) or on a Dask
cluster (:class:`kg.store.cluster.DaskExecutor`).

An executor is given the articles to extract and yields, for each one and in the order given, an
:class:`ArticleResult`: the article's graph and records as the store keeps them, its own actors (linking across the
corpus is the build's, since it must see the articles in file order), or why its extraction failed. The one build
(:func:`kg.store.build.build_store`) does everything else the same way whichever executor extracted: skipping unchanged
articles, linking, one transaction per article, progress, failures and the summary.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Protocol

if TYPE_CHECKING:
    from kg.actors import Actor
    from kg.article import Article
    from kg.extraction.extract import Settings
    from kg.extraction.positions.classifier import PositionScheme
    from kg.store.dataset import ArticlePiece


@dataclass
class ArticleResult:
    """One article extracted, or not.

    :param piece: its graph and records (kg.store.dataset.article_piece), its actors not yet linked across the corpus;
        None when its extraction failed.
    :param actors: its own actors by key, as extracted (linking reads more of them than a record keeps).
    :param error: one line saying why its extraction failed.
    """

    article: Article
    source: str
    piece: ArticlePiece | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    statements: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Job:
    """What every executor needs besides the articles: the settings, the build's fingerprint and position scheme."""

    settings: Settings
    fingerprint: str
    scheme: PositionScheme | None = None


class Executor(Protocol):
    """Extracts articles, somewhere."""

    def results(self, todo: list[tuple[Article, str]], job: Job) -> Iterator[ArticleResult]:
        """Each (article, source) pair's result, in the order given, as soon as it (and those before it) are done.

        The work starts with the first ``next()``; closing the iterator early releases what the executor holds.
        """
        ...


def article_result(extraction, source: str, job: Job) -> ArticleResult:
    """An extraction as the store takes it (what both executors send back)."""
    from kg.store.dataset import article_piece

    piece = article_piece(extraction, job.fingerprint, source, job.scheme)
    return ArticleResult(extraction.article, source, piece, dict(extraction.actors), len(extraction.statements))


class LocalExecutor:
    """Extraction on this machine: spaCy's own ``nlp.pipe(n_process=...)`` (kg.graph.corpus.extract_all).

    :param workers: extraction processes; None chooses from the number of articles (:func:`auto_workers`).
    """

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers

    def results(self, todo: list[tuple[Article, str]], job: Job) -> Iterator[ArticleResult]:
        from kg.graph.corpus import extract_all

        source_of = {id(article): source for article, source in todo}
        failed: list[ArticleResult] = []  # reported by extract_all before it yields the next article

        def on_failure(article: Article, error) -> None:
            failed.append(ArticleResult(article, source_of[id(article)], error=str(error)))

        articles = [article for article, _ in todo]
        for extraction in extract_all(articles, job.settings, self.workers or auto_workers(len(todo)), on_failure):
            yield from _drain(failed)
            yield article_result(extraction, source_of[id(extraction.article)], job)
        yield from _drain(failed)


def _drain(results: list[ArticleResult]) -> Iterator[ArticleResult]:
    while results:
        yield results.pop(0)


def auto_workers(articles: int) -> int:
    """Extraction processes for a build of ``articles``: 2 from 100 articles on, never more than the cores
    (benchmarks/corpus_scale.py measures 1 against 2 on a machine). The workers are forked from the process
    that loaded the model, so they start at once; the build's own process still writes the store meanwhile.

    >>> auto_workers(10)
    1
    """
    import os

    return max(1, min(2, os.cpu_count() or 1)) if articles >= 100 else 1
