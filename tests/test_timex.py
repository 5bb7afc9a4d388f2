"""kg.extraction.timex: a statement's time as written, resolved against the article date when there is one."""
from __future__ import annotations

from datetime import date

import pytest

from kg.article import parse_article
from kg.extraction.extract import extract
from kg.extraction.timex import resolve

PUBLISHED = date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize("expression, span", [
    ("on Tuesday", ("2024-03-12", "2024-03-12")),
    ("Tuesday", ("2024-03-12", "2024-03-12")),
    ("yesterday", ("2024-03-13", "2024-03-13")),
    ("this month", ("2024-03-01", "2024-03-31")),
    ("last year", ("2023-01-01", "2023-12-31")),
    ("in January", ("2024-01-01", "2024-01-31")),
])
def test_a_relative_date_is_resolved_against_the_article_date(expression, span):
    assert resolve(expression, PUBLISHED) == span


def test_without_an_article_date_nothing_is_resolved():
    assert resolve("on Tuesday", None) == (None, None)


@pytest.mark.parametrize("expression", ["", "at some point soon-ish maybe"])
def test_an_empty_or_unreadable_expression_resolves_to_nothing(expression):
    assert resolve(expression, PUBLISHED) == (None, None)


@pytest.fixture(scope="module")
def dated(nlp):
    text = "Harbour vote\nSource: Gazette, 2024-03-14, https://example.org/a\n\nThe mayor said on Tuesday that the pier would reopen."
    return extract(parse_article(text))


@pytest.fixture(scope="module")
def undated(nlp):
    return extract("The mayor said on Tuesday that the pier would reopen.")


def test_the_time_is_kept_as_written_with_its_preposition(undated):
    assert [s.time for s in undated] == ["on Tuesday"]


def test_with_no_article_date_the_time_stays_as_written_and_unresolved(undated):
    assert (undated[0].time_start, undated[0].time_end) == (None, None)


def test_with_an_article_date_the_statement_time_is_resolved(dated):
    assert [(s.time, s.time_start, s.time_end) for s in dated] == [("on Tuesday", "2024-03-12", "2024-03-12")]


def test_a_date_outside_the_reporting_frame_is_not_the_statement_time(nlp):
    # the date belongs to the reported event, not to the cue
    statements = extract("The mayor said the pier, which was built in 1990, would reopen.")
    assert statements and statements[0].time is None
