"""Scoring against gold annotations (kg.evaluation.score), on small hand-written gold and predictions."""
from __future__ import annotations

import json

import pytest

from kg.errors import GoldError
from kg.evaluation.score import Score, find_gold, format_scores, load_gold, score_article

BODY = ("Putin said that the talks with Kyiv are over for now. "  # 0-54, the longest sentence
        "Peskov said no. "                                           # 55-70
        "Putin said it again.")                                      # 71-91
SENTENCES = ["Putin said that the talks with Kyiv are over for now.", "Peskov said no.", "Putin said it again."]
VOCABULARY = {"open_to_ceasefire", "deny_report", "no_talks_without_ukraine"}


def gold_statement(id_, sentence, speaker_actor, **fields):
    statement = {"id": id_, "speaker": speaker_actor, "speaker_actor": speaker_actor, "cue": "said",
                 "channel": [], "quote_kind": "indirect", "hedged": False, "kind": "claim", "position": None,
                 "evidence": SENTENCES[sentence], "reported_by": None, "same_as": None}
    statement.update(fields)
    return statement


def predicted_statement(id_, sentence, speaker_actor, **fields):
    start = BODY.index(SENTENCES[sentence])
    statement = gold_statement(id_, sentence, speaker_actor, start=start, end=start + len(SENTENCES[sentence]))
    statement.update(fields)
    return statement


GOLD = {
    "article": "a.txt",
    "actors": [{"name": "Vladimir Putin", "type": "person", "aliases": ["Putin"]},
               {"name": "Dmitry Peskov", "type": "person", "aliases": ["Peskov"]}],
    "statements": [
        gold_statement("s1", 0, "Vladimir Putin", kind="stance", position="no_talks_without_ukraine",
                       channel=["The New York Times"]),
        gold_statement("s2", 1, "Dmitry Peskov", kind="stance", position="deny_report"),
        gold_statement("s3", 2, "Vladimir Putin", same_as="s1"),  # the same act again: one unit with s1
    ],
}


def test_alignment_precision_recall_and_agreement():
    predicted = {"article": "a.txt", "statements": [
        # the speaker resolves through an alias; the channel matches after normalising "The"
        predicted_statement("s1", 0, "Putin", kind="stance", position="no_talks_without_ukraine",
                            channel=["New York Times"]),
        predicted_statement("s2", 1, "Sergei Shoigu"),  # right span, wrong speaker: not aligned
        predicted_statement("s3", 2, "Putin"),  # its unit (s1 + s3) is taken by the better overlap
    ]}
    score = score_article(predicted, GOLD, BODY, VOCABULARY)
    assert (score.gold, score.predicted, score.aligned) == (2, 3, 1)
    assert (score.precision, score.recall) == (pytest.approx(1 / 3), 0.5)
    assert score.f1 == pytest.approx(0.4)
    assert {name: score.rate(name) for name in ("cue", "channel_set", "channel_exact", "quote_kind", "hedged",
                                                "kind", "nesting", "position")} == {
        "cue": 1.0, "channel_set": 1.0, "channel_exact": 1.0, "quote_kind": 1.0, "hedged": 1.0, "kind": 1.0,
        "nesting": 1.0, "position": 1.0}


def test_disagreements_are_counted_on_aligned_pairs():
    predicted = {"article": "a.txt", "statements": [
        predicted_statement("s1", 0, "Vladimir Putin", kind="claim", hedged=True, cue="stated",
                            channel=["Reuters", "The New York Times"], reported_by="s2"),
        predicted_statement("s2", 1, "Peskov", kind="stance", position="open_to_ceasefire"),
    ]}
    score = score_article(predicted, GOLD, BODY, VOCABULARY)
    assert (score.gold, score.predicted, score.aligned) == (2, 2, 2)
    assert score.as_dict() == {
        "article": "a.txt", "gold": 2, "predicted": 2, "aligned": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0,
        "cue": 0.5, "channel_set": 0.667, "channel_exact": 0.5, "quote_kind": 1.0, "hedged": 0.5, "kind": 0.5,
        "nesting": 0.0, "position": 0.0, "speaker_actor": 1.0, "actor_b3": None}


def test_nothing_predicted():
    score = score_article({"article": "a.txt", "statements": []}, GOLD, BODY, VOCABULARY)
    assert (score.precision, score.recall, score.f1) == (0.0, 0.0, 0.0)
    assert score.rate("cue") is None


def test_total_adds_articles():
    total = Score("TOTAL")
    for aligned in (1, 2):
        total.add(Score("x", gold=2, predicted=3, aligned=aligned, agree={"cue": aligned}, seen={"cue": 2}))
    assert (total.gold, total.predicted, total.aligned, total.rate("cue")) == (4, 6, 3, 0.75)


def test_format_scores_has_a_row_per_article_and_the_total():
    lines = format_scores([Score("a.txt", gold=2, predicted=2, aligned=1), Score("TOTAL", gold=2, predicted=2,
                                                                                    aligned=1)]).splitlines()
    assert lines[0].split()[:7] == ["article", "gold", "pred", "align", "P", "R", "F1"]
    assert lines[1].split()[:7] == ["a.txt", "2", "2", "1", "0.500", "0.500", "0.500"]
    assert lines[2].split()[0] == "TOTAL"
    # no pair was compared: only the set-based channel and nesting scores have a value (agreement by default)
    assert lines[1].split()[7:] == ["-", "1.000", "-", "-", "-", "-", "1.000", "-", "-", "-"]


def test_find_gold(tmp_path):
    (tmp_path / "012_abc.json").write_text("{}", encoding="utf-8")
    (tmp_path / "seed_007.json").write_text("{}", encoding="utf-8")
    (tmp_path / "other.json").write_text(json.dumps({"article": "named.txt", "statements": []}), encoding="utf-8")
    assert find_gold(tmp_path, "012_abc.txt") == tmp_path / "012_abc.json"
    assert find_gold(tmp_path, "007_def.txt") == tmp_path / "seed_007.json"
    assert find_gold(tmp_path, "named.txt") == tmp_path / "other.json"
    assert find_gold(tmp_path, "unknown.txt") is None


@pytest.mark.parametrize("content, message", [
    ("{not json", "cannot read gold file"),
    ("[]", "a gold file needs a 'statements' list"),
    ('{"statements": {}}', "a gold file needs a 'statements' list"),
])
def test_load_gold_errors(tmp_path, content, message):
    path = tmp_path / "g.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldError, match=f"^{path}: {message}"):
        load_gold(path)


def test_speaker_resolution_needs_the_actor_not_just_the_mention():
    # aligned through the mention "Putin", but the actor was resolved to someone else
    statement = predicted_statement("s1", 0, "Dmitry Peskov")
    statement["speaker"] = "Putin"
    score = score_article({"article": "a.txt", "statements": [statement]}, GOLD, BODY, VOCABULARY)
    assert score.aligned == 1
    assert score.rate("speaker_actor") == 0.0


def test_actor_clustering_b_cubed():
    predicted = {"article": "a.txt", "statements": [], "actors": [
        {"name": "Vladimir Putin", "type": "person", "aliases": ["Putin", "Peskov"]},  # Peskov wrongly joined
        {"name": "Dmitry Peskov", "type": "person", "aliases": []},
    ]}
    score = score_article(predicted, GOLD, BODY, VOCABULARY)
    # mentions: vladimir putin, putin, peskov (pred cluster of 3), dmitry peskov (alone)
    # precision: 2/3 + 2/3 + 1/3 + 1 ; recall: 1 + 1 + 1/2 + 1/2 ; over 4 mentions
    assert score.rate("actor_b3") == pytest.approx(2 * (8 / 12) * (3 / 4) / ((8 / 12) + (3 / 4)))
