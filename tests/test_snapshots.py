"""Readers of a store while a build writes it (kg.store.snapshots): a real build in another process, real readers."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, TINY_ARTICLE

from kg.cli import cli
from kg.errors import StoreLockedError
from kg.store.server import start_server
from kg.store.snapshots import SNAPSHOTS_FOLDER

COUNT = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"a{i:03d}.txt").write_text(TINY_ARTICLE.replace("village", f"{folder.name} {i}"), encoding="utf-8")
    return folder


def _read_count(store: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["query", "-e", COUNT, "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]), result.stderr


@pytest.fixture(scope="module")
def concurrent_reads(nlp, tmp_path_factory):
    """A store of 3 articles, then a build of 40 more in another process, read while it writes."""
    folder = tmp_path_factory.mktemp("snapshots")
    store = folder / "kg-store"
    first = CliRunner().invoke(cli, ["build", str(_articles(folder / "first", 3)), "--store", str(store)])
    assert first.exit_code == 0, first.output
    # a snapshot every 0.3 s rather than 5, and a pause after each article, so that however fast this machine
    # extracts, the build is still running while the readers below read (they take a few seconds)
    driver = ("import sys, time\nimport kg.store.snapshots\nfrom kg.store.build import build_store\n"
              "kg.store.snapshots.SNAPSHOT_EVERY = 0.3\n"
              "build_store([sys.argv[1]], sys.argv[2], workers=1,\n"
              "            progress=lambda p: (print(p.status, flush=True), time.sleep(0.25)))\n")
    more = _articles(folder / "more", 40)
    process = subprocess.Popen([sys.executable, "-c", driver, str(more), str(store)], stdout=subprocess.PIPE,
                               text=True, cwd=ROOT)
    found: dict = {"store": store, "reads": []}
    try:
        assert process.stdout.readline().strip() == "added"  # the build holds the store from here on
        runner = CliRunner()
        found["export"] = runner.invoke(cli, ["export", "--store", str(store), "-o", str(folder / "during.nq")])
        found["validate"] = runner.invoke(cli, ["validate", "--store", str(store)])
        found["report"] = runner.invoke(cli, ["report", "--store", str(store), "-o", str(folder / "during.html")])
        try:
            start_server(store, port=None).stop()
            found["serve"] = None
        except StoreLockedError as err:
            found["serve"] = str(err)
        while process.poll() is None:
            found["reads"].append(_read_count(store))
            time.sleep(0.1)
    finally:
        process.kill()
        process.wait()
    found["after"] = _read_count(store)
    found["folder"] = folder
    return found


def test_readers_see_the_last_committed_state_while_a_build_writes(concurrent_reads):
    store = concurrent_reads["store"]
    during = [(n, note) for n, note in concurrent_reads["reads"] if note]
    assert during, "no read happened while the build ran"
    note = re.compile(rf"Note: {re.escape(str(store))}: kg build \(pid \d+\) is writing the store; "
                      r"reading it as last committed at \d\d:\d\d:\d\d\n\Z")
    assert all(note.match(text) for _, text in during), during[0][1]
    counts = [n for n, _ in during]
    assert counts == sorted(counts) and counts[0] >= 3  # never less than what was committed before the build
    assert counts[-1] > counts[0]  # later reads see articles the build committed since
    assert concurrent_reads["after"] == (43, "")  # the build ended: the store itself, no note


def test_export_validate_and_report_read_during_a_build(concurrent_reads):
    for name in ("export", "validate", "report"):
        result = concurrent_reads[name]
        assert result.exit_code == 0, (name, result.output)
        assert result.stderr.startswith(f"Note: {concurrent_reads['store']}: kg build (pid ")
    assert (concurrent_reads["folder"] / "during.nq").stat().st_size > 0


def test_a_server_waits_for_the_build_and_says_why(concurrent_reads):
    message = concurrent_reads["serve"]
    assert message is not None and message.startswith(f"{concurrent_reads['store']}: the store is being written by "
                                                      "kg build (pid ")
    assert message.endswith("; wait for it to finish before kg serve (read-only) (the server reads the store itself, "
                            "not the snapshot kg query and kg export read meanwhile)")


def test_no_snapshot_outlives_the_next_build(concurrent_reads):
    """A build deletes its snapshots when it ends, except one a reader still holds at that moment (the reads above
    run until the build ends): the next build removes that one."""
    store = concurrent_reads["store"]
    again = CliRunner().invoke(cli, ["build", str(concurrent_reads["folder"] / "more"), "--store", str(store)])
    assert again.exit_code == 0, again.output
    left = store / SNAPSHOTS_FOLDER
    assert not left.exists() or list(left.iterdir()) == []
