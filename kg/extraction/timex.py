"""Time of a statement: the expression as written, resolved against the article date when known."""
from __future__ import annotations

import calendar
from datetime import date, datetime
from functools import lru_cache

from spacy.tokens import Doc, Token

from kg.extraction.attribution.grammar import TIME_PREPOSITIONS
from kg.extraction.doccache import doc_ents
from kg.statements import Statement


def time_expression(doc: Doc, statement: Statement, cue_token: int | None) -> str | None:
    """The DATE entity attached to the statement's cue (its token; or to the clause it governs), as written."""
    if cue_token is None:
        return None
    cue = doc[cue_token]
    near = {cue.i} | {c.i for c in cue.children} | {g.i for c in cue.children if c.dep_ in ("prep", "npadvmod") for g in c.subtree}
    for ent in doc_ents(doc):
        if ent.label_ == "DATE" and any(t.i in near for t in ent) and ent.start_char >= statement.start and ent.end_char <= statement.end:
            return _with_preposition(doc, ent.start, ent.text)
    return None


def _with_preposition(doc: Doc, start: int, text: str) -> str:
    before: Token | None = doc[start - 1] if start > 0 else None
    if before is not None and before.dep_ == "prep" and before.lower_ in TIME_PREPOSITIONS:
        return f"{before.text} {text}"
    return text


@lru_cache(maxsize=4096)
def resolve(expression: str, published: date | None) -> tuple[str | None, str | None]:
    """ISO start and end dates of a time expression relative to the article date.

    >>> resolve("this month", date(2023, 12, 20))
    ('2023-12-01', '2023-12-31')
    """
    if not expression or published is None:
        return None, None
    from dateparser.date import DateDataParser  # slow to import; only needed with an article date

    text = expression.split(" ", 1)[1] if expression.split(" ", 1)[0].lower() in TIME_PREPOSITIONS else expression
    parser = DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime.combine(published, datetime.min.time()),
        "RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": "past"})
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None, None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        return day.replace(day=1).isoformat(), day.replace(day=calendar.monthrange(day.year, day.month)[1]).isoformat()
    if period == "year":
        return date(day.year, 1, 1).isoformat(), date(day.year, 12, 31).isoformat()
    return day.isoformat(), day.isoformat()
