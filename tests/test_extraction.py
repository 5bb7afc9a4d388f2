"""kg.extraction.extract: the API — text or Article in, statements and actors out; streams in order; failures isolated."""
from __future__ import annotations

import pytest

from kg.article import parse_article
from kg.errors import ExtractionError
from kg.extraction.extract import Settings, extract, extract_article, extract_files, extract_many

TEXT = "Elena Varga said the vote was rigged. Tom Haller said the pier would close."


def test_extract_takes_text_or_an_article_alike(nlp):
    from_text = [(s.speaker, s.content) for s in extract(TEXT)]
    from_article = [(s.speaker, s.content) for s in extract(parse_article(TEXT))]
    assert from_text == from_article == [("Elena Varga", "the vote was rigged"), ("Tom Haller", "the pier would close")]


def test_extract_article_gives_the_actors_every_statement_points_at(nlp):
    extraction = extract_article(parse_article(TEXT, name="v.txt"))
    assert extraction.article.name == "v.txt"
    assert {s.speaker_actor for s in extraction.statements} <= set(extraction.actors)
    assert {"elena-varga", "tom-haller"} <= set(extraction.actors)


def test_offsets_point_into_the_body_after_a_masked_dateline(nlp):
    body = "HARBOURTON, March 3 (Reuters) - Elena Varga said the vote was rigged."
    (statement,) = extract(body)
    assert body[statement.start:statement.end] == statement.evidence == "Elena Varga said the vote was rigged."
    assert "Reuters" not in statement.evidence


def test_a_resolved_time_needs_the_article_date(nlp):
    dated = parse_article("Vote\nSource: Gazette, 2024-03-14, https://example.org/a\n\n"
                          "Elena Varga said on Tuesday that the vote was rigged.")
    (statement,) = extract(dated)
    assert (statement.time, statement.time_start) == ("on Tuesday", "2024-03-12")


def test_extract_many_yields_every_article_in_order(nlp):
    articles = [parse_article(f"Speaker {n} said the vote was rigged.".replace("Speaker", name), name=f"{n}.txt")
                for n, name in enumerate(["Elena Varga", "Tom Haller", "Maria Okonkwo"])]
    assert [e.article.name for e in extract_many(articles, batch_size=2)] == ["0.txt", "1.txt", "2.txt"]


def test_a_failing_article_is_reported_and_the_others_are_kept(nlp):
    broken = parse_article("Elena Varga said the vote was rigged.", name="broken.txt")
    object.__setattr__(broken, "body", None)  # an article whose extraction cannot work
    good = parse_article("Tom Haller said the pier would close.", name="ok.txt")
    failed = []
    done = list(extract_many([broken, good], on_failure=lambda article, error: failed.append(article.name)))
    assert [e.article.name for e in done] == ["ok.txt"]
    assert failed == ["broken.txt"]


def test_without_a_failure_handler_the_failure_is_raised(nlp):
    broken = parse_article("Elena Varga said the vote was rigged.", name="broken.txt")
    object.__setattr__(broken, "body", None)
    with pytest.raises(ExtractionError):
        list(extract_many([broken]))


def test_extract_files_reads_and_extracts_each_file(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Elena Varga said the vote was rigged.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Tom Haller said the pier would close.", encoding="utf-8")
    extractions = list(extract_files([tmp_path / "a.txt", tmp_path / "b.txt"]))
    assert [[s.speaker for s in e.statements] for e in extractions] == [["Elena Varga"], ["Tom Haller"]]


def test_settings_with_a_user_actor_file_make_a_name_known(nlp, tmp_path):
    actors = tmp_path / "actors.ttl"
    actors.write_text(
        "@prefix kg: <https://w3id.org/kg/ns#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix actor: <https://w3id.org/kg/actor/> .\n"
        "actor:harbour-gazette a kg:Actor ; kg:actorKind kg:Organization ;\n"
        "    skos:prefLabel \"Harbour Gazette\"@en ; skos:altLabel \"HG\"@en .\n",
        encoding="utf-8")
    default = extract_article(parse_article("HG said the vote was rigged."))
    custom = extract_article(parse_article("HG said the vote was rigged."), Settings(actors=(str(actors),)))
    assert [s.speaker_actor for s in custom.statements] == ["harbour-gazette"]
    assert custom.actors["harbour-gazette"].known
    assert [s.speaker_actor for s in default.statements] != ["harbour-gazette"]
