"""A store build: one orchestration, whichever executor extracts (kg.store.executors: here, or on a Dask cluster).

Every article under the paths is read first (a bad file fails before any work); articles unchanged since the last
build (same text, same :func:`fingerprint`) are skipped; the executor extracts the others and hands each one back in
file order; its people are linked onto the corpus's (kg.graph.linking, in file order, as ``kg build -o`` links them), and
it is committed in one transaction (kg.store.dataset) by a background :class:`StoreWriter` while the next ones are
extracted. An article whose extraction fails is reported and left out; progress and the summary are the same for
every executor.
"""
from __future__ import annotations

import hashlib
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from kg.article import Article, find_articles
from kg.errors import ArticleError
from kg.store.dataset import (
    BUILD, ArticlePiece, CorpusStore, PendingWrite, actor_dict, actor_iri, actor_objects, actor_records, article_iri,
    named_node, open_store
)
from kg.store.executors import ArticleResult, Executor, Job, LocalExecutor

if TYPE_CHECKING:
    from kg.actors import Actor
    from kg.extraction.extract import Settings
    from kg.sources import Columns

FLUSH_EVERY = 50  # articles between flushes of the store's write buffers (about 1 MB of memory per article)


def fingerprint(settings: Settings) -> str:
    """A short hash of what extraction depends on: kg's version, its shipped data and the user's data files.

    Articles built with another fingerprint are extracted again.
    """
    from dataclasses import fields

    from kg import __version__
    from kg.resources import data_path

    files = ("scheme", "lexicon", "actors", "channel_kinds")
    values = {f.name: getattr(settings, f.name) for f in fields(settings) if f.name not in files}  # threshold, ...
    digest = hashlib.sha256(f"{__version__}|{sorted(values.items())}".encode())
    shipped = sorted(p for p in data_path("ontology").rglob("*") if p.is_file() and p.suffix in (".ttl", ".jsonl"))
    for path in (*shipped, *settings.scheme, *settings.lexicon, *settings.actors, *settings.channel_kinds):
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def corpus_linker(store: CorpusStore, exclude: Iterable[str] = ()) -> Any:
    """kg.graph.linking's ActorLinker, primed with the people of the articles already in the store (in file order),
    so that an incremental build links new articles' people as a build of the whole corpus would."""
    from kg.graph.linking import ActorLinker

    linker = ActorLinker()
    exclude = set(exclude)
    for record in sorted(store.records().values(), key=lambda r: (r.source, r.text_hash)):
        if record.text_hash not in exclude:
            link_actor_objects(linker, actor_objects(store.actors.contribution(record.text_hash)))
    return linker


def link_actor_objects(linker, actors: dict[str, Actor]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Map one article's actors onto the corpus's (kg.graph.linking); returns the key mapping and the linked actors as
    records keep them (kg.store.dataset.actor_dict).

    :param linker: an ActorLinker, updated as a side effect.
    :param actors: the article's actors by key (kg.actors.Actor).
    """
    from kg.extraction.extract import Extraction
    from kg.statements import Statement

    probes = [Statement(0, 0, "", None, None, "", speaker_actor=key) for key in actors]  # read the mapping back
    linked = linker.link(Extraction(Article(" ", name="(store)"), probes, actors))
    mapping = {key: probe.speaker_actor for key, probe in zip(actors, probes)}
    return mapping, [actor_dict(a, linked.actors) for a in linked.actors.values()]


@dataclass
class BuildSummary:
    """What a build did to the store."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    triples: int = 0
    articles: int = 0
    failures: list[str] = field(default_factory=list)  # one line per article whose extraction failed (not stored)


@dataclass(frozen=True)
class Progress:
    """One article done: ``status`` is added, replaced, skipped (unchanged) or failed (its extraction; not stored)."""

    name: str
    status: str
    statements: int = 0


def read_sources(paths: Iterable[str | Path | tuple[Article, str]],
                 columns: Columns | None = None) -> list[tuple[Article, str]]:
    """Read every article under ``paths`` with its resolved file name (a bad file fails before any work).

    :param paths: article files or folders; (article, source) pairs already read pass through.
    """
    from kg.sources import STDIN, read_source, read_stdin

    sources, files = [], []
    for item in paths:
        (sources if isinstance(item, tuple) else files).append(item)
    if files:
        seen: set = set()  # a file named twice (or in a folder and on its own) is read once
        for item in files:
            if str(item) == STDIN:
                sources.append((read_stdin(), ""))  # no file: never supersedes another article
                continue
            for path in find_articles([item], seen):
                sources += _file_sources(path, read_source(path, columns))
    return sources


def _file_sources(path: Path, articles: list[Article]) -> list[tuple[Article, str]]:
    """Each article with its source: the file, or for a corpus (JSONL, CSV) the file and the article's name."""
    from kg.sources import CSV_SUFFIXES, JSONL_SUFFIXES

    if path.suffix.lower() not in JSONL_SUFFIXES + CSV_SUFFIXES:
        return [(article, str(path.resolve())) for article in articles]
    return [(article, f"{path.resolve()}#{article.name}") for article in articles]


def plan(store: CorpusStore, sources: list[tuple[Article, str]], fp: str,
         force: bool = False) -> tuple[list[tuple[Article, str]], list[tuple[Article, str]]]:
    """Split articles into those to extract and those unchanged since the last build (same text, same fingerprint)."""
    records = store.records()
    todo, unchanged, seen = [], [], set()
    for article, source in sources:
        if article.text_hash in seen:
            unchanged.append((article, source))  # the same body twice: one article
            continue
        seen.add(article.text_hash)
        record = records.get(article.text_hash)
        if not force and record is not None and record.fingerprint == fp:
            unchanged.append((article, source))
        else:
            todo.append((article, source))
    return todo, unchanged


def build_store(paths: Iterable[str | Path | tuple[Article, str]], store_path: str | Path,
                settings: Settings | None = None, workers: int | None = None,
                progress: Callable[[Progress], None] | None = None, force: bool = False,
                executor: Executor | None = None, purpose: str = "kg build") -> BuildSummary:
    """Extract articles into a store, one transaction per article; unchanged articles are skipped.

    Memory stays flat: each article is written as soon as it is extracted. An article whose extraction fails is
    listed in the summary's ``failures`` and left out (its previous graph, if any, stays); the others are committed.

    :param paths: article files or folders (or (article, source) pairs from :func:`read_sources`).
    :param store_path: the store folder (created when missing; locked for the whole build).
    :param settings: extra data files and thresholds.
    :param workers: extraction processes of the default executor (kg.store.executors.LocalExecutor); None chooses.
    :param progress: called once per article with what happened to it.
    :param force: extract every article again even when unchanged.
    :param executor: where the articles are extracted (default: here, see kg.store.executors).
    :param purpose: who holds the store's lock, shown to anyone refused by it.
    """
    from kg.extraction.extract import Settings
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.rdf import vocabularies

    settings = settings or Settings()
    executor = executor or LocalExecutor(workers)
    sources = read_sources(paths)
    if not sources:
        raise ArticleError("no articles given")
    with open_store(store_path, write=True, purpose=purpose) as store:
        job = Job(settings, fingerprint(settings), load_scheme(list(settings.scheme)))
        store.set_vocabularies(vocabularies(job.scheme))
        todo, unchanged = plan(store, sources, job.fingerprint, force)
        summary = BuildSummary(skipped=len(unchanged), articles=len(sources))
        for article, _ in unchanged:
            _tell(progress, Progress(article.name, "skipped"))
        if todo:
            linker = corpus_linker(store, exclude=[a.text_hash for a, _ in todo])
            with closing(executor.results(todo, job)) as results:  # a Dask executor lets go of its cluster
                _write_all(store, results, linker, summary, progress)
        summary.triples = len(store)
    return summary


def _write_all(store: CorpusStore, results: Iterable[ArticleResult], linker, summary: BuildSummary,
               progress: Callable[[Progress], None] | None) -> None:
    """Link and commit each result as it comes; report each article once committed (or failed)."""
    writer: StoreWriter | None = None  # started with the first article: local extraction workers are forked by then

    def report() -> None:
        for write in writer.finished():
            setattr(summary, write.status, getattr(summary, write.status) + 1)
            _tell(progress, Progress(write.name, write.status, write.statements))

    try:
        for result in results:
            if result.piece is None:  # reported; the other articles are committed
                summary.failures.append(result.error or f"{result.article.name}: could not be extracted")
                _tell(progress, Progress(result.article.name, "failed"))
                continue
            writer = writer or StoreWriter(store)
            write = store.prepare_piece(relinked(result, linker), result.source, before_replacing=writer.wait)
            write.name, write.statements = result.article.name, result.statements
            writer.submit(write)
            report()
    except BaseException:
        if writer is not None:
            writer.close(abandon=True)
            report()  # what was committed before the failure
        raise
    if writer is not None:
        try:
            writer.close()  # raises a failure of the last writes
        finally:
            report()  # what was committed, even then


def _tell(progress: Callable[[Progress], None] | None, done: Progress) -> None:
    if progress is not None:
        progress(done)


def relinked(result: ArticleResult, linker) -> ArticlePiece:
    """The article's piece with its actors mapped onto the corpus's (kg.graph.linking): the graph and records it would
    have had if its extraction had been linked before it was made into triples (as ``kg build -o`` does).

    :param linker: an ActorLinker, updated as a side effect.
    """
    piece = result.piece
    mapping, linked = link_actor_objects(linker, result.actors)
    if all(key == new for key, new in mapping.items()):
        return piece  # nothing linked: the actors and their records are the article's own
    rename = {named_node(actor_iri(k)): named_node(actor_iri(v)) for k, v in mapping.items() if k != v}
    node = named_node(article_iri(piece.text_hash))
    mine = (named_node(BUILD.actors), named_node(BUILD.mentions))
    records = {t for t in piece.records if t[1] not in mine} | actor_records(node, linked)
    # actors appear as objects only (speaker, about, addressee, via): a statement's own IRI never names one
    triples = {(s, p, rename.get(o, o)) for s, p, o in piece.triples}
    return ArticlePiece(piece.text_hash, triples, records, linked)


class StoreWriter:
    """Commits prepared articles in a background thread, in order, while the next ones are extracted.

    Oxigraph releases the GIL while it writes, so the write of one article overlaps the parse of the next. An
    article is reported (``done``) only once its transaction is committed; after a failure nothing more is
    written and the error is raised in the building thread.
    """

    def __init__(self, store: "CorpusStore", depth: int = 8) -> None:
        import queue
        import threading

        self.store = store
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.done: list[PendingWrite] = []  # committed, not yet reported
        self.error: BaseException | None = None
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        count = 0
        while True:
            write = self.queue.get()
            try:
                if write is None:
                    return
                if self.error is not None:
                    continue  # after a failure (or when abandoned) nothing more is written
                self.store.commit(write)
                count += 1
                if count % FLUSH_EVERY == 0:
                    self.store.ox.flush()  # RocksDB's memtables otherwise grow with the corpus: memory stays flat
                with self.lock:
                    self.done.append(write)
            except BaseException as err:  # handed to the building thread
                self.error = err
            finally:
                self.queue.task_done()

    def submit(self, write: PendingWrite) -> None:
        self._check()
        self.queue.put(write)

    def wait(self) -> None:
        """Until every submitted article is committed."""
        self.queue.join()
        self._check()

    def finished(self) -> list[PendingWrite]:
        """The articles committed since the last call."""
        with self.lock:
            done, self.done = self.done, []
        return done

    def close(self, abandon: bool = False) -> None:
        """Commit what is queued (or, with ``abandon``, drop it) and stop the thread."""
        if abandon:
            self.error = self.error or RuntimeError("build abandoned")
        self.queue.put(None)
        self.thread.join()
        if not abandon:
            self._check()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error
