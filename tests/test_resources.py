"""Package data (kg.resources): the ontology and the queries are found, and ship in the wheel."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from kg.resources import data_path


@pytest.mark.parametrize("folder, pattern", [("ontology", "*.ttl"), ("queries", "*.rq")])
def test_data_folders_are_found(folder, pattern):
    path = data_path(folder)
    assert path.is_dir()
    assert sorted(path.glob(pattern))


def test_a_file_in_a_data_folder():
    assert data_path("ontology", "shapes.ttl").is_file()
    assert data_path("queries", "actors.rq").is_file()


def test_an_unknown_data_folder():
    with pytest.raises(ValueError, match="unknown data folder: examples"):
        data_path("examples")


def _copy_sources(target: Path) -> Path:
    # Build from a copy, so the test leaves no build/ or egg-info behind in the work tree.
    ignore = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
                                    ".benchmarks", "graph.ttl")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    for folder in ("kg", "ontology", "queries"):
        shutil.copytree(ROOT / folder, target / folder, ignore=ignore)
    return target


@pytest.mark.slow
def test_the_wheel_ships_the_ontology_and_the_queries(tmp_path):
    source = tmp_path / "src"
    source.mkdir()
    _copy_sources(source)
    out = tmp_path / "wheels"
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = out.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, suffix, source_folder in (("ontology", ".ttl", "ontology"), ("queries", ".rq", "queries")):
        expected = {f"kg/{folder}/{p.name}" for p in (ROOT / source_folder).glob(f"*{suffix}")}
        assert expected and expected <= names, expected - names
    assert "kg/cli.py" in names and "kg/resources.py" in names
    assert "kg/extraction/attribution/registry.py" in names  # the rules' package ships too
