"""The extraction API: article text in, statements and actors out."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from kg.actors import Actor, clean_aliases, is_generic, is_pronoun
from kg.article import Article, parse_article, read_article
from kg.errors import ExtractionError
from kg.extraction.cleaning import mask_boilerplate
from kg.extraction.pieces import PIECE_CHARS, Piece, merge, rekey, split
from kg.extraction.pipeline import doc_results, load_pipeline
from kg.extraction.positions.classifier import DEFAULT_THRESHOLD
from kg.extraction.timex import resolve
from kg.statements import Statement, without_dangling_references


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
                 batch_size: int = 16, on_failure: Callable[[Article, ExtractionError], None] | None = None
                 ) -> Iterator[Extraction]:
    """Extract a stream of articles with spaCy's nlp.pipe (optionally in several processes), in order.

    A body longer than kg.extraction.pieces.PIECE_CHARS (or half of the model's ``max_length``) is read in pieces.

    :param n_process: spaCy processes (nlp.pipe's own multiprocessing); with more than one, each worker's
        ``kg_output`` sends back only the results, as plain data.
    :param batch_size: texts per batch (and per hand-over to a worker process).
    :param on_failure: called with an article whose extraction failed, which is then left out; without it
        the failure is raised (:class:`ExtractionError`). Either way the articles before it are yielded.
    """
    settings = settings or Settings()
    nlp = settings.pipeline()
    source = iter(articles)
    while True:
        pending: deque[_Unit] = deque()
        stream = _pipe(nlp, source, pending, n_process, batch_size)
        while True:
            try:
                unit = next(stream)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 - an article broke the stream: find it, keep the others
                if not pending:
                    raise  # no article in flight: not an article's fault
                break
            yield from _finished(unit, on_failure)
        # nlp.pipe cannot go on after an error: the articles in flight are extracted again one by one, alone,
        # so only the one that fails is lost, and a new stream carries on with the rest
        for unit in list(pending):
            yield from _finished(_alone(nlp, unit), on_failure)


@dataclass
class _Unit:
    """An article on its way through nlp.pipe: its (masked) text, its pieces and, as they come back, their results."""

    article: Article
    text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    results: list = field(default_factory=list)
    error: Exception | None = None

    @property
    def long(self) -> bool:
        return len(self.pieces) > 1

    @property
    def done(self) -> bool:
        return self.error is not None or len(self.results) == len(self.pieces)


def _prepare(nlp, article: Article) -> _Unit:
    unit = _Unit(article)
    try:
        unit.text = mask_boilerplate(article.body, nlp.get_pipe("kg_attribution").lexicon)
        unit.pieces = split(unit.text, _piece_chars(nlp))
    except Exception as err:  # noqa: BLE001 - reported as this article's failure
        unit.error = err
    return unit


def _pipe(nlp, source: Iterator[Article], pending: deque[_Unit], n_process: int, batch_size: int) -> Iterator[_Unit]:
    """Units whose every piece has been through the pipeline; ``pending`` holds those still in flight."""
    def texts() -> Iterator[str]:
        for article in source:
            unit = _prepare(nlp, article)
            pending.append(unit)
            if not unit.long:  # a long article is read here, by itself, when its turn comes (see _complete)
                yield from (unit.text[p.start:p.end] for p in unit.pieces)

    config = {"kg_output": {"portable": True}} if n_process != 1 else None
    for doc in nlp.pipe(texts(), n_process=n_process, batch_size=batch_size, component_cfg=config):
        yield from _complete(nlp, pending)
        pending[0].results.append(doc_results(doc))
        yield from _complete(nlp, pending)
    yield from _complete(nlp, pending)


def _complete(nlp, pending: deque[_Unit]) -> Iterator[_Unit]:
    """Take the units at the head of ``pending`` that have all their results (or failed before the pipeline),
    reading a long article's pieces when it is at the head."""
    while pending:
        if pending[0].long and not pending[0].done:
            _read_pieces(nlp, pending[0])
        if not pending[0].done:
            return
        yield pending.popleft()


def _read_pieces(nlp, unit: _Unit) -> None:
    """Parse and extract a unit's pieces in this process, two at a time: a batch of 16 long pieces in the shared
    stream would hold 16 parses at once (memory then grew with the article: +845 MB at 300k characters, against
    about +120 MB two at a time, at the same speed)."""
    try:
        texts = (unit.text[p.start:p.end] for p in unit.pieces)
        unit.results = [doc_results(doc) for doc in nlp.pipe(texts, batch_size=2)]
    except Exception as err:  # noqa: BLE001 - reported as this article's failure
        unit.error = err


def _alone(nlp, unit: _Unit) -> _Unit:
    """Extract one article by itself, outside the shared stream."""
    retry = _prepare(nlp, unit.article)
    if retry.error is None:
        _read_pieces(nlp, retry)
    return retry


def _piece_chars(nlp) -> int:
    """Pieces stay well under the model's limit, whatever it is set to."""
    return max(1, min(PIECE_CHARS, nlp.max_length // 2))


def _finished(unit: _Unit, on_failure: Callable[[Article, ExtractionError], None] | None) -> Iterator[Extraction]:
    """The unit's extraction, or its failure reported (or raised without ``on_failure``)."""
    if unit.error is None:
        try:
            parts = [(piece, statements, actors) for piece, (statements, actors) in zip(unit.pieces, unit.results)]
            yield _finish(unit.article, *merge(parts))
            return
        except Exception as err:  # noqa: BLE001 - reported as this article's failure
            unit.error = err
    reason = str(unit.error).splitlines()[0] if str(unit.error) else ""
    error = ExtractionError(f"{unit.article.name}: could not be extracted: {type(unit.error).__name__}"
                            + (f": {reason}" if reason else ""))
    if on_failure is None:
        raise error from unit.error
    on_failure(unit.article, error)


def _finish(article: Article, statements: list[Statement], actors: dict[str, Actor]) -> Extraction:
    without_dangling_references(statements)
    for statement in statements:
        # The parse ran on the masked body: take the words from the article itself.
        statement.evidence = article.body[statement.start:statement.end]
        if statement.time:
            statement.time_start, statement.time_end = resolve(statement.time, article.published)
    actors = _own_unnamed_sources(article, statements, actors)
    for actor in actors.values():
        actor.aliases = clean_aliases(actor.name, actor.aliases)
    used = _used_actors(statements, actors)
    # every named or collective actor of the article, those the statements involve first
    mentioned = {k: a for k, a in actors.items() if k not in used and not is_pronoun(a.name)}
    return Extraction(article, statements, {**used, **mentioned})


def _own_unnamed_sources(article: Article, statements: list[Statement], actors: dict[str, Actor]) -> dict[str, Actor]:
    """Unnamed sources ("two officials", "a source", kg.actors.is_generic) get keys of this article: the same
    words are other people in another article, so no build, store or cluster may join them by key."""
    mapping = {key: f"{key}-{article.text_hash[:8]}" for key, actor in actors.items() if is_generic(actor)}
    if not mapping:
        return actors
    for statement in statements:
        rekey(statement, mapping)
    return {mapping.get(k, k): replace(a, key=mapping.get(k, k), member_of=mapping.get(a.member_of, a.member_of))
            for k, a in actors.items()}


def _used_actors(statements: list[Statement], actors: dict[str, Actor]) -> dict[str, Actor]:
    keys: list[str] = []
    for s in statements:
        keys += [k for k in (s.speaker_actor, s.addressee_actor, *s.subject_actors) if k]
        keys += [h.actor for h in s.channel if h.actor]
    for key in list(keys):
        if key in actors and actors[key].member_of:
            keys.append(actors[key].member_of)
    return {k: actors[k] for k in dict.fromkeys(keys) if k in actors}
