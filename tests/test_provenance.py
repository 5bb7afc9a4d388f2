"""Every statement records the rules that decided it: in the JSON output and in the graph (sentences ours)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.article import Article
from kg.evaluation.goldjson import to_gold_json
from kg.extraction.extract import extract_article
from kg.graph.rdf import to_graph
from kg.graph.validate import validate_graph
from kg.namespaces import KG
from kg.provenance import ASPECTS, all_rules, describe, rule_iri

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extracted(nlp):
    def run(text: str):
        return extract_article(Article(body=text, name="t.txt"))
    return run


def only(extraction) -> dict:
    statements = to_gold_json(extraction)["statements"]
    assert len(statements) == 1, statements
    return statements[0]


@pytest.mark.parametrize("text, aspect, rule_id", [
    ("The regulator warned that the merger would hurt consumers.", "frame", "verb-frame"),
    ("The plant will close in May, according to two managers.", "frame", "according-to"),
    ("The chief executive, Marta Lind, was blunt: “The price rises are over.”", "frame", "colon-quote"),
    ("Halvard Steel plans to sell its rail unit, citing people familiar with the matter.", "frame", "citing"),
    ("The union's insistence on a pay rise of ten percent angered the board.", "frame", "owned-cue-noun"),
    ("For the union, the offer is an insult to every worker.", "frame", "for-perspective"),
    ("Western diplomats were skeptical of the proposal.", "frame", "attitude"),
    ("The minister said the plan was dead, news agency AFP reported.", "frame", "trailing-outlet"),
    ("Anna Berg met the press on Monday. She said the talks had failed.", "speaker", "speaker/coref-pronoun"),
    ("The closure was first reported by the Valley Gazette.", "speaker", "speaker/passive-agent"),
    ("The bank is exploring a sale of the unit, Bloomberg News reported, citing two people familiar with the talks.",
     "speaker", "speaker/cited-source"),
    ("The bank is exploring a sale of the unit, Bloomberg News reported, citing two people familiar with the talks.",
     "channel", "channel/relay"),
    ("The minister told Reuters that the talks had failed.", "channel", "channel/told-outlet"),
    ("Governor Amy Ortiz said in a statement that the budget was balanced.", "channel", "channel/venue"),
    ("Governor Amy Ortiz said in a statement that the budget was balanced.", "cue", "cue/medium-phrase"),
    ("The union vowed to continue the strike until the company raised wages.", "kind", "kind/stance-cue"),
])
def test_a_rule_records_its_id_in_the_json_and_in_the_graph(extracted, text, aspect, rule_id):
    extraction = extracted(text)
    statements = to_gold_json(extraction)["statements"]
    assert any(rule_id in s["rules"][aspect] for s in statements), [s["rules"] for s in statements]
    graph = to_graph([extraction])
    rule = URIRef(rule_iri(rule_id))
    prop = KG.decidedBy if aspect == "channel" else KG[f"{aspect}Rule"]
    assert any(True for _ in graph.subjects(prop, rule)), f"no {prop} {rule} in the graph"
    assert (rule, RDF.type, KG.Rule) in graph
    assert (rule, RDFS.label, Literal(rule_id)) in graph
    assert graph.value(rule, RDFS.comment), "the rule's description is in the graph"


def test_every_aspect_is_in_the_json_and_the_channel_has_one_rule_per_hop(extracted):
    extraction = extracted("The minister told Reuters in an interview that the talks had failed.")
    statement = only(extraction)
    assert list(statement["rules"]) == list(ASPECTS)
    assert len(statement["rules"]["channel"]) == len(statement["channel"])
    assert all(statement["rules"]["channel"])


def test_a_continued_quote_records_how_its_speaker_was_found(extracted):
    text = ("“We are ready to talk,” the foreign minister, Anna Berg, told a news conference. "
            "“But nobody should expect us to give up what is ours.”")
    first, second = to_gold_json(extracted(text))["statements"]
    assert second["rules"]["frame"] == ["continued-quote"]
    assert second["rules"]["speaker"] in (["speaker/quote-owner"], ["speaker/last-quoted"])
    assert first["rules"]["speaker"] == ["speaker/subject", "speaker/coref-name"]


def test_an_assigned_position_names_its_rules(extracted):
    extraction = extracted("Putin said Moscow was willing to stop the war along the current front lines.")
    statement = only(extraction)
    assert statement["position"] is not None
    assert statement["rules"]["position"], statement
    assert all(r.startswith("position/") and describe(r) for r in statement["rules"]["position"])


def test_the_graph_with_rules_validates_and_a_bad_rule_does_not(extracted):
    graph = to_graph([extracted("The regulator warned that the merger would hurt consumers.")])
    assert validate_graph(graph).conforms
    statement = next(graph.subjects(RDF.type, KG.Statement))
    graph.add((statement, KG.kindRule, Literal("kind/stance-cue")))  # a literal, not a rule IRI
    report = validate_graph(graph)
    assert not report.conforms and "kg:Rule IRI" in report.text


def test_every_rule_id_the_code_records_is_described():
    """Each 'aspect/name' id written in kg's modules has a description (the graph's rdfs:comment)."""
    written = set()
    for path in (ROOT / "kg").rglob("*.py"):
        written |= set(re.findall(r'"((?:speaker|cue|channel|kind|position)/[a-z-]+)"', path.read_text(encoding="utf-8")))
    described = all_rules()
    assert written, "no rule ids found"
    assert sorted(written - set(described)) == []
    assert all(describe(rule_id) for rule_id in written)


def test_the_rules_travel_back_from_worker_processes(nlp):
    """nlp.pipe(n_process=N) sends results back as plain data (kg_output, portable): the rules go with them."""
    from kg.extraction.pipeline import Output, doc_results

    doc = nlp("The minister told Reuters that the talks had failed.")
    here, _ = doc_results(doc)
    travelled, _ = doc_results(Output()(doc, portable=True))
    assert [s.rules for s in travelled] == [s.rules for s in here] and here[0].rules["frame"] == ["verb-frame"]
    assert [h.rule for h in travelled[0].channel] == [h.rule for h in here[0].channel] == ["channel/told-outlet"]
