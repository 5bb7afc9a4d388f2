"""Extraction on a Dask cluster, for corpora that outgrow one machine (``pip install 'kg[cluster]'``).

Each task extracts a partition of articles on a worker, with the spaCy pipeline loaded once per worker
process (kg.pipeline caches it), and writes one N-Quads shard: a named graph per article plus its
bookkeeping records, every node an IRI minted by kg.rdf (no blank nodes), so shards from any worker
can be loaded in any order. The client then links people across articles (kg.linking, in file order,
as a plain build does), bulk-loads the shards into the store and merges the corpus's actors.

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
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

import pyoxigraph as ox

from .errors import ClusterError
from .store import (BUILD, BUILD_GRAPH, BuildSummary, Progress, named_node, actor_iri, article_iri, article_piece,
                    corpus_linker, fingerprint, link_actors, open_store, plan, read_sources)

DEFAULT_PARTITION = 20


def partitions(items: list, size: int) -> list[list]:
    """Consecutive chunks of ``items``, each of at most ``size``."""
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_shard(batch: list[tuple[Any, str]], settings, fp: str, shard: str | None) -> dict[str, Any]:
    """A worker's task: extract a partition of (article, source) pairs into one N-Quads shard.

    :param batch: the articles and their source files.
    :param settings: extraction settings.
    :param fp: the build fingerprint recorded with each article.
    :param shard: where to write the shard (a folder the client can read too); None returns its bytes.
    :returns: the shard path or bytes, and the articles' text hashes and statement counts.
    """
    from .extraction import extract_many
    from .positions import load_scheme

    scheme = load_scheme(list(settings.scheme))
    quads, done = [], []
    for (article, source), extraction in zip(batch, extract_many([a for a, _ in batch], settings)):
        piece = article_piece(extraction, fp, source, scheme)
        quads.extend(piece.quads())
        done.append((article.name, article.text_hash, len(extraction.statements)))
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if shard is None:
        return {"data": data, "articles": done, "pid": os.getpid()}
    tmp = f"{shard}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, shard)
    return {"path": shard, "articles": done, "pid": os.getpid()}


def build_on_cluster(paths: Iterable, store_path: str | Path, settings=None, address: str | None = None,
                     workers: int = 2, shard_dir: str | Path | None = None, partition_size: int = DEFAULT_PARTITION,
                     progress: Callable[[Progress], None] | None = None, force: bool = False,
                     client=None, connect_timeout: float = 30) -> BuildSummary:
    """Extract articles on a Dask cluster and bulk-load the shards into a store.

    :param paths: article files or folders (or (article, source) pairs from kg.store.read_sources).
    :param store_path: the store folder (created when missing; locked for the whole build).
    :param settings: extraction settings.
    :param address: a scheduler address (tcp://host:8786); None or "local" starts a local cluster.
    :param workers: worker processes of a local cluster.
    :param shard_dir: a folder shared with the workers where they write shards; None: workers send the
        shards back to the client, which writes them next to the store.
    :param partition_size: articles per task (and per shard).
    :param progress: called once per article.
    :param force: extract unchanged articles again.
    :param client: an existing distributed.Client (then ``address`` and ``workers`` are ignored).
    :param connect_timeout: seconds to wait for the scheduler.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError("the cluster extra is not installed: pip install 'kg[cluster]'") from None
    from .extraction import Settings
    from .positions import load_scheme
    from .rdf import vocabularies

    settings = settings or Settings()
    sources = read_sources(paths)
    with open_store(store_path, write=True, purpose="kg build --cluster") as store:
        fp = fingerprint(settings)
        store.set_vocabularies(vocabularies(load_scheme(list(settings.scheme))))
        todo, unchanged = plan(store, sources, fp, force)
        summary = BuildSummary(skipped=len(unchanged), articles=len(sources))
        for article, _ in unchanged:
            if progress is not None:
                progress(Progress(article.name, "skipped"))
        if not todo:
            summary.triples = len(store)
            return summary
        linker = corpus_linker(store, exclude=[a.text_hash for a, _ in todo])
        local = Path(tempfile.mkdtemp(prefix=".kg-shards-", dir=Path(store_path).resolve().parent))
        cluster = None
        try:
            if client is None:
                if address in (None, "local"):
                    try:
                        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
                    except Exception as err:  # distributed raises RuntimeError (and others) when workers fail
                        raise ClusterError(f"cannot start a local Dask cluster: {err}") from None
                    address = cluster.scheduler_address
                try:
                    own_client = Client(address, timeout=connect_timeout)
                except OSError as err:
                    raise ClusterError(f"cannot reach the Dask scheduler at {address}: {err}") from None
            else:
                own_client = None
            active = client or own_client
            try:
                batches = partitions(todo, partition_size)
                shards = [None if shard_dir is None else str(Path(shard_dir) / f"shard-{i:05d}.nq")
                          for i in range(len(batches))]
                futures = [active.submit(extract_shard, batch, settings, fp, shard, pure=False)
                           for batch, shard in zip(batches, shards)]
                touched: set[str] = set()
                try:
                    for index, (batch, future) in enumerate(zip(batches, futures)):  # in file order, for linking
                        try:
                            result = future.result()
                        except Exception as err:  # a worker's failure comes back as its own exception type
                            raise ClusterError(f"a cluster task failed: {type(err).__name__}: {err}") from None
                        path = result.get("path") or _write(local / f"shard-{index:05d}.nq", result["data"])
                        statuses = _load_shard(store, path, batch, linker, touched)
                        for (name, _, statements), status in zip(result["articles"], statuses):
                            setattr(summary, status, getattr(summary, status) + 1)
                            if progress is not None:
                                progress(Progress(name, status, statements))
                finally:  # the loaded shards' actors are merged even when a later task failed
                    store.refresh_actors(touched)
            finally:
                if own_client is not None:
                    own_client.close()
        finally:
            if cluster is not None:
                cluster.close()
            shutil.rmtree(local, ignore_errors=True)
        summary.triples = len(store)
    return summary


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _load_shard(store, path: str, batch: list, linker, touched: set[str]) -> list[str]:
    """Link the shard's people onto the corpus and bulk-load it; adds the actor keys it mentions to ``touched``."""
    hashes = [article.text_hash for article, _ in batch]
    superseded = set()
    for article, source in batch:
        superseded |= store._superseded(article.text_hash, source)
    if superseded:
        store.remove_articles(superseded)
    quads = list(ox.parse(path=path, format=ox.RdfFormat.N_QUADS))
    contributions = {q.subject.value: json.loads(q.object.value) for q in quads
                     if q.graph_name == named_node(BUILD_GRAPH) and q.predicate == named_node(BUILD.actors)}
    renames: dict[str, dict[ox.NamedNode, ox.NamedNode]] = {}
    linked_records: dict[str, list[dict]] = {}
    for text_hash in hashes:
        node = str(article_iri(text_hash))
        mapping, linked = link_actors(linker, contributions.get(node, []))
        touched |= {a["key"] for a in linked}
        if any(k != v for k, v in mapping.items()) or linked != contributions.get(node, []):
            renames[node] = {named_node(actor_iri(k)): named_node(actor_iri(v)) for k, v in mapping.items() if k != v}
            linked_records[node] = linked
    if not renames:
        store.bulk_load(path)
    else:
        store.ox.bulk_extend(_relinked(quads, renames, linked_records))
    return ["replaced" if h in superseded else "added" for h in hashes]


def _relinked(quads: list, renames: dict, linked: dict) -> Iterable[ox.Quad]:
    """The shard's quads with actor IRIs mapped onto the corpus's and the actor records replaced."""
    build = named_node(BUILD_GRAPH)
    for quad in quads:
        node = (quad.subject if quad.graph_name == build else quad.graph_name).value
        if node not in renames:
            yield quad
            continue
        if quad.graph_name == build and quad.predicate in (named_node(BUILD.actors), named_node(BUILD.mentions)):
            continue  # written again below from the linked actors
        rename = renames[node]
        yield ox.Quad(quad.subject, quad.predicate, rename.get(quad.object, quad.object), quad.graph_name)
    for node, actors in linked.items():
        subject = ox.NamedNode(node)
        yield ox.Quad(subject, named_node(BUILD.actors), ox.Literal(json.dumps(actors, sort_keys=True, ensure_ascii=False)),
                      build)
        for actor in actors:
            yield ox.Quad(subject, named_node(BUILD.mentions), named_node(actor_iri(actor["key"])), build)
