"""One rule for every output (kg.outputs): a file or store folder goes into a folder that exists and kg can write
in, checked before any work; kg creates no missing folders above it."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.cli import cli

UNWRITABLE = Path("/sys/kernel")  # a folder nobody, root included, can create files in (sysfs)


def _commands(article: Path, graph: Path, out: Path) -> dict[str, list[str]]:
    return {
        "build -o": ["build", str(article), "-o", str(out / "graph.ttl")],
        "build --store": ["build", str(article), "--store", str(out / "kg-store")],
        "report -o": ["report", str(graph), "-o", str(out / "report.html")],
        "validate -o": ["validate", str(graph), "-o", str(out / "report.txt")],
        "export": ["export", "--store", "no-store", "-o", str(out / "corpus.nq")],
    }


COMMANDS = ["build -o", "build --store", "report -o", "validate -o", "export"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_folder_is_refused_before_any_work(runner, tiny_article, fixture_graph_path, tmp_path, command):
    missing = tmp_path / "no-such-folder"
    args = _commands(tiny_article, fixture_graph_path, missing)[command]
    result = runner.invoke(cli, args)
    target = args[args.index("-o" if "-o" in args else "--store") + 1]
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {target}: the folder {missing} does not exist\n"  # nothing else: no extraction
    assert not missing.exists()


@pytest.mark.skipif(not UNWRITABLE.is_dir(), reason="needs sysfs")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_kg_cannot_write_in_is_refused_before_any_work(runner, tiny_article, fixture_graph_path, command):
    args = _commands(tiny_article, fixture_graph_path, UNWRITABLE)[command]
    result = runner.invoke(cli, args)
    target = args[args.index("-o" if "-o" in args else "--store") + 1]
    assert result.exit_code == 1, result.output
    assert result.stderr == f"Error: {target}: cannot write in {UNWRITABLE}: Permission denied\n"


def test_a_file_where_the_folder_should_be(runner, tiny_article, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tiny_article), "-o", str(blocker / "graph.ttl")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {blocker / 'graph.ttl'}: {blocker} is a file, not a folder\n"
