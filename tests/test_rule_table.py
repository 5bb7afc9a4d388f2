"""kg eval's per-rule table: statements each rule produced, true and false against the gold (hand-written data)."""
from __future__ import annotations

import json
from pathlib import Path

from kg.cli import cli
from kg.evaluation.score import Score, format_rule_table, rule_rows, score_article

BODY = "Putin said that the talks are over. Peskov said no. Putin said it again."
SENTENCES = ["Putin said that the talks are over.", "Peskov said no.", "Putin said it again."]
ROOT = Path(__file__).resolve().parent.parent


def statement(id_, sentence, speaker, rules=None, **fields):
    start = BODY.index(SENTENCES[sentence])
    out = {"id": id_, "speaker": speaker, "speaker_actor": speaker, "cue": "said", "channel": [],
           "quote_kind": "indirect", "hedged": False, "kind": "claim", "position": None,
           "evidence": SENTENCES[sentence], "reported_by": None, "same_as": None,
           "start": start, "end": start + len(SENTENCES[sentence])}
    if rules is not None:
        out["rules"] = rules
    out.update(fields)
    return out


GOLD = {"article": "a.txt", "actors": [{"name": "Putin", "type": "person", "aliases": []},
                                       {"name": "Peskov", "type": "person", "aliases": []}],
        "statements": [statement("s1", 0, "Putin"), statement("s2", 1, "Peskov", kind="stance")]}


def predicted() -> dict:
    verb = {"frame": ["verb-frame"], "speaker": ["speaker/subject"], "cue": ["cue/lexicon-verb"], "channel": [],
            "kind": ["kind/reported-fact"], "position": []}
    return {"article": "a.txt", "actors": [], "statements": [
        statement("s1", 0, "Putin", verb),                                   # true, kind right
        statement("s2", 1, "Peskov", {**verb, "frame": ["verb-frame", "trailing-outlet"]}),  # true, kind wrong
        statement("s3", 2, "Putin", {**verb, "frame": ["colon-quote"], "cue": ["cue/words-before-colon"]}),  # false
    ]}


def test_each_rule_counts_the_statements_it_produced_true_and_false():
    score = score_article(predicted(), GOLD, BODY, set())
    rows = {r["rule"]: r for r in rule_rows(score)}
    assert (rows["verb-frame"]["produced"], rows["verb-frame"]["true"], rows["verb-frame"]["false"]) == (2, 2, 0)
    assert (rows["colon-quote"]["produced"], rows["colon-quote"]["true"], rows["colon-quote"]["false"]) == (1, 0, 1)
    assert rows["trailing-outlet"]["true"] == 1
    assert (rows["kind/reported-fact"]["produced"], rows["kind/reported-fact"]["false"]) == (3, 1)
    assert rows["kind/reported-fact"]["aspect_right"] == 0.5  # right on s1, wrong on s2 (gold: stance)
    assert rows["verb-frame"]["aspect_right"] is None  # a frame rule decides no single aspect
    assert rows["colon-quote"]["precision"] == 0.0


def test_rule_counts_add_up_in_the_total_and_frame_rules_come_first():
    total = Score(article="TOTAL")
    for _ in range(2):
        total.add(score_article(predicted(), GOLD, BODY, set()))
    rows = rule_rows(total)
    by_rule = {r["rule"]: r for r in rows}
    assert by_rule["verb-frame"]["produced"] == 4 and by_rule["colon-quote"]["false"] == 2
    names = [r["rule"] for r in rows]
    assert names.index("colon-quote") < names.index("speaker/subject") < names.index("cue/lexicon-verb") \
        < names.index("kind/reported-fact")
    table = format_rule_table(total)
    assert table.splitlines()[0].split() == ["rule", "produced", "true", "false", "P", "aspect_right"]
    assert any(line.split()[:4] == ["colon-quote", "2", "0", "2"] for line in table.splitlines())


def test_statements_without_rules_count_for_no_rule():
    plain = {"article": "a.txt", "actors": [], "statements": [statement("s1", 0, "Putin")]}
    assert rule_rows(score_article(plain, GOLD, BODY, set())) == []


def test_kg_eval_rules_prints_the_table_after_the_totals(runner, nlp):
    examples = sorted(str(p) for p in (ROOT / "examples").glob("*.txt"))
    plain = runner.invoke(cli, ["eval", "--gold", str(ROOT / "examples" / "gold"), *examples])
    assert plain.exit_code == 0 and "Per rule" not in plain.output
    assert plain.output.splitlines()[-1].startswith("TOTAL")  # `| tail -1` still gives the total
    result = runner.invoke(cli, ["eval", "--gold", str(ROOT / "examples" / "gold"), *examples, "--rules"])
    assert result.exit_code == 0, result.output
    totals, table = result.output.split("Per rule (total):\n")
    assert totals.strip().splitlines()[-1] == plain.output.strip().splitlines()[-1]
    rows = {line.split()[0]: line.split() for line in table.strip().splitlines()[1:]}
    produced, true, false = (int(x) for x in rows["verb-frame"][1:4])
    assert produced == true + false and produced > 0
    as_json = json.loads(runner.invoke(cli, ["eval", "--gold", str(ROOT / "examples" / "gold"), *examples,
                                             "--rules", "--format", "json"]).output)
    assert as_json["scores"][-1]["article"] == "TOTAL"
    total = as_json["scores"][-1]
    frame_rows = [r for r in as_json["rules"] if "/" not in r["rule"]]
    # every predicted statement has a frame rule; the first frame rule of each is counted once
    assert sum(r["true"] for r in frame_rows) >= total["aligned"]
    assert {r["rule"] for r in as_json["rules"]} >= {"verb-frame", "speaker/subject", "cue/lexicon-verb"}
