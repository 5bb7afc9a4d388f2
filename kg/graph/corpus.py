"""Building one graph from many articles."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from rdflib import Graph

from kg.article import Article
from kg.errors import ArticleError, ExtractionError
from kg.extraction.extract import Extraction, Settings, extract_many
from kg.extraction.positions.classifier import load_scheme
from kg.graph.linking import ActorLinker
from kg.graph.rdf import CorpusTriples
from kg.sources import Columns, read_inputs, unique_articles


def read_articles(paths: Iterable[str | Path], columns: Columns | None = None) -> list[Article]:
    """Find and read every article under ``paths``, so that a bad file fails before any extraction.

    :param paths: article files (plain text, HTML, JSON Lines, CSV by suffix), folders of them, or ``-`` (stdin).
    :param columns: the field names of JSON Lines and CSV corpora.
    """
    return read_inputs(paths, columns)


def build(paths: Iterable[str | Path | Article], settings: Settings | None = None,
          progress: Callable[[Extraction], None] | None = None, workers: int = 1,
          on_failure: Callable[[Article, ExtractionError], None] | None = None) -> Graph:
    """Extract every article under ``paths`` into one RDF graph.

    :param paths: article files or folders of them, or articles already read (see read_articles).
    :param settings: extra data files and thresholds.
    :param progress: called after each article.
    :param workers: spaCy processes.
    :param on_failure: called with an article whose extraction failed, which is left out of the graph; without
        it the failure is raised (:class:`kg.errors.ExtractionError`).
    """
    return build_triples(paths, settings, progress, workers, on_failure).graph()


def build_triples(paths: Iterable[str | Path | Article], settings: Settings | None = None,
                  progress: Callable[[Extraction], None] | None = None, workers: int = 1,
                  on_failure: Callable[[Article, ExtractionError], None] | None = None) -> CorpusTriples:
    """What :func:`build` does, without the rdflib Graph: the triples, for a writer (``kg build -o``)."""
    settings = settings or Settings()
    articles: list[Article] = []
    for item in paths:  # read everything first: a bad file fails before any extraction
        articles.extend([item] if isinstance(item, Article) else read_articles([item]))
    articles = unique_articles(articles)  # the same file, or the same body, twice: one article
    if not articles:
        raise ArticleError("no articles given")
    triples = CorpusTriples(load_scheme(list(settings.scheme)))
    linker = ActorLinker()
    for extraction in extract_all(articles, settings, workers, on_failure):
        extraction = linker.link(extraction)
        triples.add(extraction)
        if progress is not None:
            progress(extraction)
    return triples


def extract_all(articles: list[Article], settings: Settings, workers: int,
                on_failure: Callable[[Article, ExtractionError], None] | None = None) -> Iterator[Extraction]:
    """The articles' extractions, in order, from ``workers`` processes: spaCy's own nlp.pipe(n_process=...), whose
    workers send back only kg's results (as plain data, see kg.extraction.pipeline.Output). Measured on 200 articles and 2
    cores against a pool of processes that each extracted whole articles: nlp.pipe was faster, as the workers
    start from the model already loaded."""
    yield from extract_many(articles, settings, n_process=max(1, min(workers, len(articles))), on_failure=on_failure)
