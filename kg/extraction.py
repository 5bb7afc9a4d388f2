"""The extraction API: article text in, statements and actors out."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .actors import Actor
from .article import Article, parse_article, read_article
from .cleaning import mask_boilerplate
from .pipeline import doc_results, load_pipeline
from .positions import DEFAULT_THRESHOLD
from .statements import Statement
from .timex import resolve


@dataclass(frozen=True)
class Settings:
    """Data files and thresholds that configure extraction."""

    scheme: tuple[str, ...] = ()
    lexicon: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    channel_kinds: tuple[str, ...] = ()
    threshold: float = DEFAULT_THRESHOLD
    classifier: str = "rules"  # or "embeddings" / "blend" with the optional embeddings extra

    def pipeline(self):
        return load_pipeline(self.scheme, self.lexicon, self.actors, self.channel_kinds, self.threshold, self.classifier)


@dataclass
class Extraction:
    """What was found in one article: its statements and the actors they involve."""

    article: Article
    statements: list[Statement]
    actors: dict[str, Actor] = field(default_factory=dict)


def extract(text: str | Article, settings: Settings | None = None) -> list[Statement]:
    """Find the attributed statements in an article's text.

    :param text: the article body (or an Article).
    :param settings: extra data files and thresholds.
    """
    return extract_article(text if isinstance(text, Article) else parse_article(text), settings).statements


def extract_article(article: Article, settings: Settings | None = None) -> Extraction:
    """Extract one parsed article."""
    return next(extract_many([article], settings))


def extract_files(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Extraction]:
    """Read and extract article files one by one."""
    return extract_many((read_article(p) for p in paths), settings)


def extract_many(articles: Iterable[Article], settings: Settings | None = None, n_process: int = 1,
                 batch_size: int = 16) -> Iterator[Extraction]:
    """Extract a stream of articles with spaCy's nlp.pipe (optionally in several processes).

    :param n_process: spaCy processes (nlp.pipe's own multiprocessing); with more than one, each worker's
        ``kg_output`` sends back only the results, as plain data.
    :param batch_size: texts per batch (and per hand-over to a worker process).
    """
    settings = settings or Settings()
    nlp = settings.pipeline()
    pending: deque[Article] = deque()

    def texts():
        for article in articles:
            pending.append(article)
            yield mask_boilerplate(article.body)

    config = {"kg_output": {"portable": True}} if n_process != 1 else None
    for doc in nlp.pipe(texts(), n_process=n_process, batch_size=batch_size, component_cfg=config):
        yield _finish(pending.popleft(), doc)


def _finish(article: Article, doc) -> Extraction:
    statements, actors = doc_results(doc)
    for statement in statements:
        # The parse ran on the masked body: take the words from the article itself.
        statement.evidence = article.body[statement.start:statement.end]
        if statement.time:
            statement.time_start, statement.time_end = resolve(statement.time, article.published)
    used = _used_actors(statements, actors)
    # every named or collective actor of the article, those the statements involve first
    mentioned = {k: a for k, a in actors.items() if k not in used and a.name.lower() not in _PRONOUNS}
    return Extraction(article, statements, {**used, **mentioned})


_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "his", "its", "their"}


def _used_actors(statements: list[Statement], actors: dict[str, Actor]) -> dict[str, Actor]:
    keys: list[str] = []
    for s in statements:
        keys += [k for k in (s.speaker_actor, s.addressee_actor, *s.subject_actors) if k]
        keys += [h.actor for h in s.channel if h.actor]
    for key in list(keys):
        if key in actors and actors[key].member_of:
            keys.append(actors[key].member_of)
    return {k: actors[k] for k in dict.fromkeys(keys) if k in actors}
