"""Extraction results as gold-shaped JSON (kg.evaluation.goldjson), from a hand-made extraction."""
from __future__ import annotations

from conftest import HAND_BODY as BODY
from conftest import hand_extraction as extraction

from kg.evaluation.goldjson import to_gold_json


def test_to_gold_json():
    data = to_gold_json(extraction())
    assert data["article"] == "a.txt"
    assert data["actors"] == [
        {"name": "Vladimir Putin", "type": "person", "aliases": ["Putin"]},
        {"name": "Russian officials", "type": "group", "aliases": []},
        {"name": "the official", "type": "person", "aliases": [], "member_of": "Russian officials"},
        {"name": "The New York Times", "type": "organization", "aliases": [],
         "same_as": "http://www.wikidata.org/entity/Q9684"},
    ]
    outer, inner = data["statements"]
    assert {k: outer[k] for k in ("id", "speaker", "speaker_actor", "speaker_type", "speaker_role", "cue", "channel",
                                  "addressee", "quote", "quote_kind", "hedged", "kind", "position", "subject",
                                  "reported_by", "start", "end", "evidence")} == {
        "id": "s1", "speaker": "the official", "speaker_actor": "the official", "speaker_type": "person",
        "speaker_role": None, "cue": "told", "channel": ["The New York Times"], "addressee": "The New York Times",
        "quote": False, "quote_kind": "indirect", "hedged": False, "kind": "claim", "position": None,
        "subject": "Vladimir Putin", "reported_by": None, "start": 0, "end": len(BODY), "evidence": BODY}
    assert (inner["id"], inner["reported_by"], inner["speaker_role"], inner["hedged"]) == ("s2", "s1", "president",
                                                                                          True)
    assert (inner["position"], inner["position_confidence"]) == ("no_retreat", 0.8)


def test_subjects_list_when_several():
    ex = extraction()
    ex.statements[0].subject_actors = ["vladimir-putin", "the-new-york-times"]
    assert to_gold_json(ex)["statements"][0]["subject"] == ["Vladimir Putin", "The New York Times"]
    ex.statements[0].subject_actors = []
    assert to_gold_json(ex)["statements"][0]["subject"] is None
