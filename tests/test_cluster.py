"""Distributed extraction (kg.store.cluster) on a real local Dask cluster of 2 worker processes started here."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
from conftest import EXAMPLES
from test_store import assert_isomorphic

from kg.cli import cli
from kg.store.cluster import build_on_cluster
from kg.store.dataset import BUILD_GRAPH, open_store


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client


def _models_per_worker() -> int:
    from kg.extraction.pipeline import _cached_pipeline

    return _cached_pipeline.cache_info().currsize


def test_a_cluster_build_is_isomorphic_to_a_plain_build(cluster, example_graph, tmp_path):
    shards = tmp_path / "shards"
    shards.mkdir()
    summary = build_on_cluster(EXAMPLES, tmp_path / "kg-store", client=cluster, shard_dir=shards, partition_size=1)
    assert (summary.added, summary.skipped) == (len(EXAMPLES), 0)
    with open_store(tmp_path / "kg-store") as store:
        assert_isomorphic(store.graph(), example_graph)
    assert set(cluster.run(_models_per_worker).values()) <= {0, 1}  # at most one spaCy model in each worker
    # each worker wrote N-Quads: a named graph per article (plus its records), IRIs only
    files = sorted(shards.glob("*.nq"))
    assert len(files) == len(EXAMPLES)
    for path in files:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
        graphs = {q.graph_name.value for q in quads}
        assert len(graphs - {str(BUILD_GRAPH)}) == 1 and next(iter(graphs - {str(BUILD_GRAPH)})).startswith(
            "https://w3id.org/kg/id/article/")
        assert not [q for q in quads if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]


def test_kg_build_cluster_command_skips_unchanged_articles(cluster, runner, tmp_path):
    address = cluster.scheduler.address
    store = tmp_path / "kg-store"
    first = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", str(store), "--cluster", address])
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines()[-1].startswith(f"Store {store}: 2 added, 0 replaced, 0 unchanged (skipped)")
    again = runner.invoke(cli, ["build", *map(str, EXAMPLES), "--store", str(store), "--cluster", address])
    assert again.stderr.splitlines()[-1].startswith(f"Store {store}: 0 added, 0 replaced, 2 unchanged (skipped)")


def test_an_unreachable_scheduler_is_a_clear_error(tiny_article, tmp_path):
    from kg.errors import ClusterError
    from kg.store.server import free_port

    port = free_port()
    with pytest.raises(ClusterError, match=f"^cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        build_on_cluster([tiny_article], tmp_path / "s", address=f"tcp://127.0.0.1:{port}", connect_timeout=2)
