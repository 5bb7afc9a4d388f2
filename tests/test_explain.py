"""kg explain: each statement of an article with the rules behind it (the examples and sentences of ours)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.article import Article
from kg.cli import cli
from kg.evaluation.explain import explain, explain_text
from kg.extraction.extract import extract_article

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_kg_explain_lists_every_statement_of_an_example_with_its_rules(runner, nlp, path):
    result = runner.invoke(cli, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    extracted = json.loads(runner.invoke(cli, ["extract", str(path), "--format", "json"]).output)["statements"]
    assert result.output.startswith(f"{path.name}: {len(extracted)} statement(s)")
    blocks = result.output.split("\n\ns")[1:]
    assert len(blocks) == len(extracted)
    for block, statement in zip(blocks, extracted):
        assert f"frame       {' + '.join(statement['rules']['frame'])}" in block
        speaker_line = next(line for line in block.splitlines() if line.strip().startswith("speaker"))
        assert "← " + ", ".join(statement["rules"]["speaker"]) in speaker_line
        for label, rule in zip(statement["channel"], statement["rules"]["channel"]):
            assert f"channel     {label}  ← {rule}" in block
    legend = result.output.split("Rules used:\n")[1]
    assert "verb-frame" in legend and "speaker/coref-name" in legend


def test_explain_gives_each_aspect_its_value_and_rules(nlp):
    extraction = extract_article(Article(body="The minister told Reuters that the talks had failed.", name="t.txt"))
    (item,) = explain(extraction)
    lines = {aspect: (value, rules) for aspect, value, rules in item.lines}
    assert item.frame == ["verb-frame"]
    assert lines["cue"] == ("told", ["cue/lexicon-verb"])
    assert lines["channel"] == ("Reuters", ["channel/told-outlet"])
    assert lines["kind"][1] == ["kind/reported-fact"]
    text = explain_text(extraction)
    assert "channel     Reuters  ← channel/told-outlet" in text
    assert "An outlet addressed" in text  # the legend says what the rule means
    assert "Rules used" not in explain_text(extraction, legend=False)


def test_kg_explain_on_a_missing_file_is_one_error_line(runner):
    result = runner.invoke(cli, ["explain", "no-such-article.txt"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "no-such-article.txt" in result.output
