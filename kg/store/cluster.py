"""Extraction on a Dask cluster, for corpora that outgrow one machine (``pip install 'kg[cluster]'``): the executor
(kg.store.executors) of ``kg build --store S --cluster ADDRESS``.

Each task extracts a partition of articles on a worker, with the spaCy pipeline loaded once per worker
process (kg.extraction.pipeline caches it), and writes one N-Quads shard: a named graph per article plus its
bookkeeping records, every node an IRI minted by kg.graph.rdf (no blank nodes). The client reads the shards back in
file order and hands each article to the one store build (kg.store.build), which links its people across articles
and commits it in one transaction, as it does for articles extracted here. An article whose extraction fails on a
worker is reported as one that fails here is.

Why Dask and not Ray, measured on a 2-core machine: ``dask[distributed]`` adds 5 MB of wheels (35 MB
installed) and starts a local 2-worker cluster in 2.1 s (3.7 ms per trivial task); Ray adds 79 MB of
wheels (259 MB installed, before Ray Data's pyarrow and pandas) and starts in 7.3 s (1.5 ms per task).
A task here extracts a partition for seconds, so the start and the install size decide.

Workers need kg (and its model) installed; start them with one thread each so that each process runs
one pipeline at a time: ``dask worker tcp://scheduler:8786 --nworkers 4 --nthreads 1``.

>>> partitions(list(range(5)), 2)
[[0, 1], [2, 3], [4]]
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import pyoxigraph as ox

from kg.errors import ClusterError
from kg.namespaces import ID
from kg.store.dataset import BUILD, BUILD_GRAPH, ArticlePiece, named_node
from kg.store.executors import ArticleResult, Job, article_result

if TYPE_CHECKING:
    from kg.store.build import BuildSummary

DEFAULT_PARTITION = 20


def partitions(items: list, size: int) -> list[list]:
    """Consecutive chunks of ``items``, each of at most ``size``."""
    return [items[i:i + size] for i in range(0, len(items), size)]


class DaskExecutor:
    """Extraction on a Dask cluster (see the module's documentation).

    :param address: a scheduler address (tcp://host:8786); None or "local" starts a local cluster.
    :param workers: worker processes of a local cluster.
    :param shard_dir: a folder shared with the workers where they write shards; None: workers send the
        shards back to the client.
    :param partition_size: articles per task (and per shard).
    :param client: an existing distributed.Client (then ``address`` and ``workers`` are ignored).
    :param connect_timeout: seconds to wait for the scheduler.
    """

    def __init__(self, address: str | None = None, workers: int = 2, shard_dir: str | Path | None = None,
                 partition_size: int = DEFAULT_PARTITION, client=None, connect_timeout: float = 30) -> None:
        try:
            import distributed  # noqa: F401 - only to fail before any work when the extra is missing
        except ImportError:
            raise ClusterError("the cluster extra is not installed: pip install 'kg[cluster]'") from None
        self.address, self.workers, self.shard_dir = address, workers, shard_dir
        self.partition_size, self.client, self.connect_timeout = partition_size, client, connect_timeout

    def results(self, todo: list[tuple[Any, str]], job: Job) -> Iterator[ArticleResult]:
        cluster, own_client = None, None
        try:
            if self.client is None:
                cluster, own_client = self._connect()
            active = self.client or own_client
            batches = partitions(todo, self.partition_size)
            shards = [None if self.shard_dir is None else str(Path(self.shard_dir) / f"shard-{i:05d}.nq")
                      for i in range(len(batches))]
            remote = replace(job, scheme=None)  # each worker reads the scheme itself
            futures = [active.submit(extract_shard, batch, remote, shard, pure=False)
                       for batch, shard in zip(batches, shards)]
            for batch, future in zip(batches, futures):  # in file order, for linking
                try:
                    result = future.result()
                except Exception as err:  # a worker's failure comes back as its own exception type
                    raise ClusterError(f"a cluster task failed: {type(err).__name__}: {err}") from None
                yield from shard_results(batch, result)
        finally:
            if own_client is not None:
                own_client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        """A local cluster (when no address is given) and a client of the scheduler."""
        from distributed import Client, LocalCluster

        cluster, address = None, self.address
        if address in (None, "local"):
            try:
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
            except Exception as err:  # distributed raises RuntimeError (and others) when workers fail
                raise ClusterError(f"cannot start a local Dask cluster: {err}") from None
            address = cluster.scheduler_address
        try:
            return cluster, Client(address, timeout=self.connect_timeout)
        except OSError as err:
            if cluster is not None:
                cluster.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None


def extract_shard(batch: list[tuple[Any, str]], job: Job, shard: str | None) -> dict[str, Any]:
    """A worker's task: extract a partition of (article, source) pairs into one N-Quads shard.

    :param batch: the articles and their source files.
    :param job: the build's settings and fingerprint (its scheme is read here).
    :param shard: where to write the shard (a folder the client can read too); None returns its bytes.
    :returns: the shard path or bytes; per article of the batch (by position) its statement count and actors, or
        why its extraction failed.
    """
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.corpus import extract_all

    job = replace(job, scheme=load_scheme(list(job.settings.scheme)))
    index = {id(article): i for i, (article, _) in enumerate(batch)}
    failed: dict[int, str] = {}
    quads, done = [], {}
    for extraction in extract_all([a for a, _ in batch], job.settings, 1,
                                  lambda article, error: failed.__setitem__(index[id(article)], str(error))):
        position = index[id(extraction.article)]
        result = article_result(extraction, batch[position][1], job)
        quads.extend(result.piece.quads())
        done[position] = (result.statements, result.actors)
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    out = {"articles": done, "failures": failed, "pid": os.getpid()}
    if shard is None:
        return {**out, "data": data}
    tmp = f"{shard}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, shard)
    return {**out, "path": shard}


def shard_results(batch: list[tuple[Any, str]], result: dict[str, Any]) -> Iterator[ArticleResult]:
    """A task's articles as the build takes them, in the batch's order: each one's piece read back from the shard."""
    if "path" in result:
        quads = ox.parse(path=result["path"], format=ox.RdfFormat.N_QUADS)
    else:
        quads = ox.parse(result["data"], format=ox.RdfFormat.N_QUADS)
    pieces = shard_pieces(quads)
    for position, (article, source) in enumerate(batch):
        if position in result["failures"]:
            yield ArticleResult(article, source, error=result["failures"][position])
            continue
        statements, actors = result["articles"][position]
        yield ArticleResult(article, source, pieces[article.text_hash], actors, statements)


def shard_pieces(quads: Iterable[ox.Quad]) -> dict[str, ArticlePiece]:
    """The articles of a shard by text hash: each one's graph, records and actor contribution."""
    prefix, build, contributes = str(ID["article/"]), named_node(BUILD_GRAPH), named_node(BUILD.actors)
    pieces: dict[str, ArticlePiece] = {}
    for quad in quads:
        node = quad.subject if quad.graph_name == build else quad.graph_name
        text_hash = node.value[len(prefix):]
        piece = pieces.setdefault(text_hash, ArticlePiece(text_hash))
        triple = (quad.subject, quad.predicate, quad.object)
        if quad.graph_name != build:
            piece.triples.add(triple)
            continue
        piece.records.add(triple)
        if quad.predicate == contributes:
            piece.actors = json.loads(quad.object.value)
    return pieces


def build_on_cluster(paths: Iterable, store_path: str | Path, settings=None, address: str | None = None,
                     workers: int = 2, shard_dir: str | Path | None = None, partition_size: int = DEFAULT_PARTITION,
                     progress: Callable | None = None, force: bool = False,
                     client=None, connect_timeout: float = 30) -> BuildSummary:
    """kg.store.build.build_store with a :class:`DaskExecutor` (its parameters are the executor's)."""
    from kg.store.build import build_store

    executor = DaskExecutor(address, workers, shard_dir, partition_size, client, connect_timeout)
    return build_store(paths, store_path, settings, progress=progress, force=force, executor=executor,
                       purpose="kg build --cluster")
