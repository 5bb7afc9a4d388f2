"""The examples' gold annotations (examples/gold/) and the annotation format (docs/FORMAT.md) ship with kg."""
from __future__ import annotations

import json
import re
import shlex

from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from kg.cli import cli

GOLD = sorted((ROOT / "examples" / "gold").glob("*.json"))


def test_every_example_has_a_gold_file_naming_it():
    assert sorted(json.loads(p.read_text(encoding="utf-8"))["article"] for p in GOLD) == [p.name for p in EXAMPLES]


def test_the_format_is_in_docs_and_its_links_resolve():
    text = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)\)", text)
    assert links and all((ROOT / "docs" / link).exists() for link in links)
    assert "realdev" not in text and "PolNeAR" not in text


def test_the_readme_eval_line_runs(nlp):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("kg eval --gold "))
    args = shlex.split(line.split("#")[0])[1:]  # eval --gold examples/gold examples/*.txt, as a shell expands it
    assert args[:2] == ["eval", "--gold"]
    paths = [str(p) for a in args[2:] for p in (sorted(ROOT.glob(a)) if "*" in a else [ROOT / a])]
    result = CliRunner().invoke(cli, [*args[:2], *paths, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    total = rows[-1]
    assert [r["article"] for r in rows[:-1]] == [p.name for p in EXAMPLES]
    assert total["gold"] == 41 and total["f1"] >= 0.9  # the README's table: 41 statements, F1 0.94
