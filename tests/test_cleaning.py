"""kg.extraction.cleaning: headline, datelines and credits are blanked with every character offset kept."""
from __future__ import annotations

import pytest

from kg.extraction.cleaning import mask_boilerplate


@pytest.mark.parametrize("body, kept", [
    ("OSLO, March 3 (Reuters) - The mayor said the ferry was late.", "The mayor said the ferry was late."),
    ("HARBOURTON -- The mayor said the ferry was late.", "The mayor said the ferry was late."),
    ("Lisbon (AP) — The mayor said the ferry was late.", "The mayor said the ferry was late."),
])
def test_a_dateline_is_blanked(body, kept):
    masked = mask_boilerplate(body)
    assert masked.strip() == kept
    assert masked.endswith(kept)


@pytest.mark.parametrize("credit", [
    "Reporting by Ana Silva; Editing by Tom Reed",
    "Additional reporting by Ana Silva",
    "By Ana Silva",
    "Ana Silva reported from Lisbon.",
    "Tom Reed contributed to this report.",
])
def test_a_credit_line_is_blanked(credit):
    body = f"The mayor said the ferry was late.\n{credit}\n"
    masked = mask_boilerplate(body)
    assert masked.split("\n")[1].strip() == ""
    assert masked.split("\n")[0] == "The mayor said the ferry was late."


def test_a_short_unpunctuated_first_line_is_a_headline_and_is_blanked():
    body = "Ferry delays anger islanders\nThe mayor said the ferry was late."
    masked = mask_boilerplate(body)
    assert masked.split("\n")[0].strip() == ""
    assert masked.split("\n")[1] == "The mayor said the ferry was late."


@pytest.mark.parametrize("body", [
    "The mayor said the ferry was late.\nShe added that it was cold.",  # a first line ending in a full stop
    "The mayor said the ferry was late",  # a single line: nothing follows it, so it is no headline
])
def test_a_narrative_first_line_is_kept(body):
    assert mask_boilerplate(body) == body


def test_a_line_that_only_mentions_reporting_is_kept():
    body = "The mayor said the ferry was late.\nThe paper reported that the mayor was angry.\n"
    assert mask_boilerplate(body) == body


@pytest.mark.parametrize("body", [
    "Ferry delays anger islanders\nOSLO, March 3 (Reuters) - The mayor said no.\nReporting by Ana Silva\n",
    "Ferry delays\n\nLisbon (AP) — “No,” she said.\n",
])
def test_offsets_are_kept_line_breaks_stay_and_narrative_is_untouched(body):
    masked = mask_boilerplate(body)
    assert len(masked) == len(body)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [i for i, c in enumerate(body) if c == "\n"]
    assert all(m == b or m == " " for m, b in zip(masked, body))
    assert "said" in masked
