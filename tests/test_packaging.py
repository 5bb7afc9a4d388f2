"""What a user installs and runs besides kg itself: the runtime dependencies and the benchmark scripts
(issue 15, item 8)."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT


def project() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower() for requirement in requirements}


def test_pytest_is_a_test_dependency_not_a_runtime_one():
    found = project()
    assert "pytest" not in names(found["dependencies"])
    assert "pytest" in names(found["optional-dependencies"]["test"])


def test_no_kg_module_imports_pytest():
    assert not [p.name for p in (ROOT / "kg").glob("*.py") if re.search(r"^\s*(import|from) pytest", p.read_text(
        encoding="utf-8"), flags=re.MULTILINE)]


@pytest.mark.parametrize("args, code, expected", [
    (["--help"], 0, "usage: newsgen.py"),
    ([], 2, "error: the following arguments are required: count, folder"),
    (["many", "/tmp/x"], 2, "error: argument count: invalid int value: 'many'"),
])
def test_newsgen_has_a_command_line(args, code, expected):
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "newsgen.py"), *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == code, done.stderr
    assert expected in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_newsgen_writes_the_same_corpus_for_the_same_seed(tmp_path):
    for folder in ("a", "b"):
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "newsgen.py"), "3", str(tmp_path / folder)],
                       check=True, capture_output=True, timeout=60)
    assert [p.read_bytes() for p in sorted((tmp_path / "a").iterdir())] == \
        [p.read_bytes() for p in sorted((tmp_path / "b").iterdir())]
