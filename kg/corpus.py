"""Building one graph from many articles."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from rdflib import Graph

from .article import find_articles, read_article
from .extract import Extraction, Settings, extract_many
from .positions import load_scheme
from .rdf import add_extraction, new_graph, vocabularies


def build(paths: Iterable[str | Path], settings: Settings | None = None,
          progress: Callable[[Extraction], None] | None = None, workers: int = 1) -> Graph:
    """Extract every article under ``paths`` into one RDF graph.

    :param paths: article files or folders of them.
    :param settings: extra data files and thresholds.
    :param progress: called after each article.
    :param workers: spaCy processes.
    """
    settings = settings or Settings()
    files = find_articles(list(paths))
    articles = [read_article(p) for p in files]  # read all first: a bad file fails before any work
    scheme = load_scheme(list(settings.scheme))
    graph = new_graph()
    for extraction in extract_many(articles, settings, n_process=workers):
        add_extraction(graph, extraction, scheme)
        if progress is not None:
            progress(extraction)
    graph += vocabularies(scheme)
    return graph
