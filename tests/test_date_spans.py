"""Every difference between dates, checked against dateutil's relativedelta
across leap years (and 2100, which is not one), with Hypothesis."""

from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from styrdok.data.model import Document
from styrdok.views.review import Span, add_years, days_until, evaluate, years_and_days
from styrdok.render.words import Words, duration

dates = st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2104, 12, 31))
leap_days = st.sampled_from([dt.date(y, 2, 29) for y in (1996, 2000, 2004, 2020, 2024, 2028, 2096)])
any_date = st.one_of(dates, leap_days)


def ordered(a: dt.date, b: dt.date) -> tuple[dt.date, dt.date]:
    return (a, b) if a <= b else (b, a)


@settings(max_examples=400)
@given(any_date, any_date)
def test_years_and_days_agree_with_relativedelta(a: dt.date, b: dt.date) -> None:
    start, end = ordered(a, b)
    span = years_and_days(start, end)
    assert span.years == relativedelta(end, start).years
    anniversary = start + relativedelta(years=span.years)
    assert anniversary + dt.timedelta(days=span.days) == end
    # The days left are fewer than the days to the next anniversary.
    assert 0 <= span.days < (start + relativedelta(years=span.years + 1) - anniversary).days


@given(any_date, st.integers(min_value=0, max_value=60))
def test_add_years_keeps_the_day_except_29_february(day: dt.date, years: int) -> None:
    later = add_years(day, years)
    assert later == day + relativedelta(years=years)
    assert (later.year, later.month) == (day.year + years, day.month)
    leap = later.year % 4 == 0 and (later.year % 100 != 0 or later.year % 400 == 0)
    assert later.day == (28 if (day.month, day.day) == (2, 29) and not leap else day.day)
    assert years_and_days(day, later) == Span(years, 0)


@given(any_date, any_date)
def test_days_until_agrees_with_relativedelta(a: dt.date, b: dt.date) -> None:
    assert a + relativedelta(days=days_until(a, b)) == b


def _document(due: dt.date) -> Document:
    return Document.model_validate({
        "organisation": "x", "types": ["policy"], "title": {"sv": "T"}, "source_file": None,
        "original": {"url": None, "retrieved": None}, "scope": None,
        "versions": {"sv": {"kind": "original"}}, "status": "in_force", "owner": None,
        "responsible_officer": None, "published": None, "version": None,
        "decisions": [{"kind": "adopted", "body": None, "date": None, "paragraph": None, "diary_number": None}],
        "validity": {"kind": "unknown"},
        "review": [{"kind": "by_date", "date": due.isoformat(), "duties": ["revision"], "as_written": {"sv": "x"}}],
        "sections": [{"id": "a", "heading": {"sv": "A"}}],
    })


@settings(max_examples=200)
@given(any_date, any_date)
def test_late_by_and_its_words_agree_with_relativedelta(a: dt.date, b: dt.date) -> None:
    due, today = ordered(a, b)
    [item] = evaluate(_document(due), today)
    if today == due:
        assert item.late_by(today) is None  # due today is not late
        return
    delta = relativedelta(today, due)
    span = item.late_by(today)
    assert span is not None and span.years == delta.years
    assert due + relativedelta(years=span.years, days=span.days) == today
    english, swedish = duration(Words("en"), span), duration(Words("sv"), span)
    numbers = {unit: int(n) for n, unit in re.findall(r"(\d+) (year|day)", english)}
    assert numbers.get("year", 0) == span.years and numbers.get("day", 0) == span.days
    for n, unit in re.findall(r"(\d+) (years?|days?)\b", english):
        assert unit.endswith("s") == (n != "1"), english  # "1 day", "2 days"
    for n, unit in re.findall(r"(\d+) (år|dagar|dag)\b", swedish):
        assert unit != "dagar" or n != "1", swedish
        assert unit != "dag" or n == "1", swedish
