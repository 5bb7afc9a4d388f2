"""Actors: names, short forms, pronouns, descriptions, groups, and one node per actor across articles.

Sentences are written for these tests; the expected actor is in a comment beside each.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from rdflib import Graph

from kg.actors import load_known_actors, slug
from kg.article import Article
from kg.cli import cli
from kg.evaluation.goldjson import to_gold_json
from kg.extraction.extract import extract_article
from kg.graph.corpus import build
from kg.graph.queries import get_query
from kg.graph.sparql import run


def speakers(text: str) -> list[tuple[str | None, str]]:
    result = to_gold_json(extract_article(Article(body=text, name="t.txt")))
    return [(s["speaker"], s["speaker_actor"]) for s in result["statements"]]


def actor_named(text: str, name: str) -> dict:
    result = to_gold_json(extract_article(Article(body=text, name="t.txt")))
    return next(a for a in result["actors"] if a["name"] == name)


def test_short_form_joins_the_full_name(nlp):
    text = ("Finance Minister Olena Hrytsak said the budget was balanced. "
            "Hrytsak added that taxes would not rise.")  # Hrytsak -> Olena Hrytsak
    assert [a for _, a in speakers(text)] == ["Olena Hrytsak", "Olena Hrytsak"]


def test_transliteration_variants_of_a_known_actor_are_one(nlp):
    known = load_known_actors()
    assert known.find("Dmitri Peskov", "person").key == known.find("Dmitry Peskov", "person").key


def test_he_goes_to_the_last_male_speaker_not_to_a_possessor(nlp):
    text = ("The governor's spokesman, Mark Ellis, said the vote was delayed. "
            "He pointed to the governor's earlier comments.")  # He -> Mark Ellis, not the governor
    assert speakers(text)[-1] == ("He", "Mark Ellis")


def test_she_agrees_in_gender(nlp):
    text = ("Anna Keller met Thomas Brandt on Monday. "
            "She said the merger talks had ended.")  # She -> Anna Keller
    assert speakers(text) == [("She", "Anna Keller")]


def test_it_goes_to_the_last_organisation(nlp):
    text = ("Nordvik Shipping reported a loss for the quarter. "
            "It said demand would recover next year.")  # It -> Nordvik Shipping
    assert speakers(text)[-1][1] == "Nordvik Shipping"


def test_a_narrative_pronoun_skips_what_was_named_inside_the_quote(nlp):
    text = ("Mayor Jan Kowal defended the budget on Tuesday.\n\n"
            "“I will not be lectured by a council member who skipped every meeting,” he said.")
    assert speakers(text)[-1] == ("he", "Jan Kowal")


def test_a_body_named_by_a_common_noun_is_not_a_person(nlp):
    text = ("Senator Paul Grant criticised the government on Monday. "
            "“The government has lost its way,” he said.")  # he -> Paul Grant, never "the government"
    assert speakers(text)[-1] == ("he", "Paul Grant")


def test_who_refers_to_the_people_not_to_the_noun_it_was_attached_to(nlp):
    text = ("The deal was delayed, according to people familiar with the negotiations, "
            "who said the lenders wanted more time.")
    assert speakers(text)[-1][1] == "people familiar with the negotiations"


def test_role_noun_matches_the_actor_with_that_role(nlp):
    text = ("The ministry's spokeswoman, Irina Volkova, said the talks would resume. "
            "The spokeswoman added that no date had been set.")  # the spokeswoman -> Irina Volkova
    assert speakers(text)[-1] == ("The spokeswoman", "Irina Volkova")


def test_definite_description_matches_an_earlier_mention(nlp):
    text = ("“We are close,” one senior European diplomat told reporters. "
            "The diplomat added that a deal could come within days.")  # the diplomat -> one senior European diplomat
    assert speakers(text)[-1] == ("The diplomat", "one senior European diplomat")


def test_a_new_description_is_a_new_actor(nlp):
    text = ("A senior Russian official said the offer stood. "
            "According to the senior Chinese official present, the talks went well.")
    first, second = (a for _, a in speakers(text))
    assert first != second


def test_the_publication_is_the_article_outlet(nlp):
    text = ("The Financial Times reported the plan on Monday. "
            "Then the minister said that the plan was dead, the sources of the newspaper reported.")
    result = to_gold_json(extract_article(Article(body=text, name="t.txt")))
    outer = next(s for s in result["statements"] if s["cue"] == "reported" and s["speaker"].startswith("the sources"))
    assert outer["channel"] == ["Financial Times"]


def test_collective_speakers_are_groups_and_a_single_source_is_a_member(nlp):
    text = ("Former Ukrainian officials said the front was stable. "
            "One of the former Ukrainian officials said reserves were low.")
    group = actor_named(text, "Former Ukrainian officials")
    member = actor_named(text, "One of the former Ukrainian officials")
    assert group["type"] == "group"
    assert member["type"] == "person" and member["member_of"] == "Former Ukrainian officials"


def test_roles_are_kept_on_the_actor(nlp):
    actor = actor_named("Sergei Lavrov, Russia's foreign minister, said the talks were over.", "Sergei Lavrov")
    result = to_gold_json(extract_article(Article(body="Sergei Lavrov, Russia's foreign minister, said the talks were over.")))
    assert result["statements"][0]["speaker_role"] in ("foreign minister", "minister")
    assert actor["type"] == "person"


def test_organisation_short_form_and_acronym(nlp):
    text = ("Harwick Industries said it would fight the bid. Harwick added that the offer was too low. "
            "The Securities and Exchange Commission said it was reviewing the deal. The SEC declined to say more.")
    result = to_gold_json(extract_article(Article(body=text, name="t.txt")))
    names = {a["name"]: {x.lower() for x in a["aliases"]} for a in result["actors"]}
    assert "harwick" in names["Harwick Industries"]
    assert any(alias.endswith("sec") for alias in next(v for k, v in names.items() if "Securities" in k))


def test_unknown_actors_get_stable_keys():
    assert slug("Anna-Maria Öberg") == "anna-maria-oberg"
    assert slug("the Hostage Families Forum") == slug("the Hostage Families Forum")


def test_people_are_linked_across_articles(nlp):
    first = Article(body="Marta Ilves, the mayor of Tartu, said the bridge would reopen in May.", name="a.txt")
    second = Article(body="On Friday, Ilves said that the bridge would stay closed.", name="b.txt")
    graph = build([first, second])
    result = run(graph, get_query("actors").text).rows()
    assert [r["statements"] for r in result if "Ilves" in r["name"]] == ["2"]


@pytest.fixture(scope="module")
def examples_actors(tmp_path_factory, nlp) -> list[dict]:
    path = tmp_path_factory.mktemp("actors") / "graph.ttl"
    result = CliRunner().invoke(cli, ["build", *map(str, EXAMPLES), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return run(Graph().parse(path), get_query("actors").text).rows()


@pytest.mark.parametrize("label", ["Putin", "Peskov", "New York Times", "NATO"])
def test_each_real_actor_is_one_node_across_the_examples(examples_actors, label):
    nodes = {r["actor"] for r in examples_actors if label.lower() in r["name"].lower()}
    assert len(nodes) == 1, nodes


def test_kg_actors_prints_counts_and_aliases(tmp_path, nlp):
    article = tmp_path / "a.txt"
    article.write_text("Vladimir Putin said the war would go on. Putin added that talks were possible.", encoding="utf-8")
    graph = tmp_path / "g.ttl"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(article), "-o", str(graph)]).exit_code == 0
    result = runner.invoke(cli, ["actors", str(graph), "--format", "csv"])
    assert result.exit_code == 0, result.output
    line = next(l for l in result.stdout.splitlines() if "vladimir-putin" in l)
    assert ",2," in line and "Putin" in line
