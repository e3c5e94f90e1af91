"""Review rules to dates and statuses, with fixed dates (no site build)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from styrdok.data.model import Document
from styrdok.views.review import add_years, document_status, evaluate, term_label, term_of

D = dt.date


def doc(review: list[dict[str, Any]], adopted: str | None = "2014-10-09", validity: dict[str, Any] | None = None,
        revisions: list[dict[str, Any]] = (), follow_ups: list[dict[str, Any]] = ()) -> Document:
    return Document.model_validate({
        "organisation": "x", "types": ["policy"], "title": {"sv": "T"}, "source_file": None,
        "original": {"url": None, "retrieved": None}, "scope": None,
        "versions": {"sv": {"kind": "original"}}, "status": "in_force", "owner": None,
        "responsible_officer": None, "published": None, "version": None,
        "decisions": [{"kind": "adopted", "body": None, "date": adopted, "paragraph": None, "diary_number": None},
                      *revisions],
        "validity": validity or {"kind": "until_further_notice"}, "review": review,
        "follow_ups": list(follow_ups),
        "sections": [{"id": "a", "heading": {"sv": "A"}}],
    })


def rule(kind: str, duties: list[str] = ["revision"], **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "duties": duties, "as_written": {"sv": "x"}, **extra}


def revision(date: str) -> dict[str, Any]:
    return {"kind": "revised", "body": None, "date": date, "paragraph": None, "diary_number": None, "note": {"sv": "n"}}


@pytest.mark.parametrize("day, start, end", [
    (D(2026, 11, 23), D(2026, 10, 15), D(2030, 10, 14)),
    (D(2026, 10, 14), D(2022, 10, 15), D(2026, 10, 14)),  # last day of a term
    (D(2026, 10, 15), D(2026, 10, 15), D(2030, 10, 14)),  # first day of the next
    (D(2013, 5, 29), D(2010, 10, 15), D(2014, 10, 14)),
    (D(2007, 4, 25), D(2006, 10, 15), D(2010, 10, 14)),
])
def test_terms_start_on_15_october_of_election_years(day: dt.date, start: dt.date, end: dt.date) -> None:
    term = term_of(day)
    assert (term.start, term.end) == (start, end)


def test_terms_before_1994_are_refused() -> None:
    with pytest.raises(ValueError):
        term_of(D(1993, 1, 1))


def test_29_february_plus_years() -> None:
    assert add_years(D(2024, 2, 29), 4) == D(2028, 2, 29)
    assert add_years(D(2024, 2, 29), 1) == D(2025, 2, 28)


def test_by_year_is_due_at_the_end_of_that_year() -> None:
    d = doc([rule("by_year", year=2020)])
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.status, item.due) == ("overdue", D(2020, 12, 31))
    assert item.overdue_days(D(2026, 11, 23)) == (D(2026, 11, 23) - D(2020, 12, 31)).days
    [item] = evaluate(d, D(2020, 12, 31))
    assert item.status == "due_soon"
    [item] = evaluate(d, D(2019, 1, 1))
    assert item.status == "on_track"


def test_by_year_is_done_once_a_revision_is_recorded() -> None:
    d = doc([rule("by_year", year=2020)], revisions=[revision("2019-05-02")])
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.status, item.done_on) == ("done", D(2019, 5, 2))


def test_by_date() -> None:
    d = doc([rule("by_date", date="2027-03-01")])
    assert evaluate(d, D(2026, 11, 23), window=180)[0].status == "due_soon"
    assert evaluate(d, D(2026, 8, 1), window=180)[0].status == "on_track"


def test_every_n_years_from_the_last_revision() -> None:
    d = doc([rule("every_n_years", ["follow_up", "revision"], years=4)], adopted="2007-04-25")
    items = evaluate(d, D(2026, 11, 23))
    assert [(i.duty, i.status, i.due) for i in items] == [
        ("follow_up", "overdue", D(2011, 4, 25)), ("revision", "overdue", D(2011, 4, 25))]
    moved = doc([rule("every_n_years", years=4)], adopted="2007-04-25", revisions=[revision("2024-02-29")])
    assert evaluate(moved, D(2026, 11, 23))[0].due == D(2028, 2, 29)


def test_a_follow_up_moves_only_the_follow_up() -> None:
    d = doc([rule("every_n_years", ["follow_up", "revision"], years=4)], adopted="2020-01-01",
            follow_ups=[{"date": "2023-06-01", "note": {"sv": "n"}}])
    follow_up, revision_item = evaluate(d, D(2024, 6, 1))
    assert follow_up.due == D(2027, 6, 1) and follow_up.status == "on_track"
    assert revision_item.due == D(2024, 1, 1) and revision_item.status == "overdue"


def test_every_n_years_counted_from_adoption_keeps_the_fixed_periods() -> None:
    d = doc([rule("every_n_years", years=4, counted_from="adoption")], adopted="2020-01-01",
            revisions=[revision("2023-06-01")])
    assert evaluate(d, D(2024, 6, 1))[0].due == D(2028, 1, 1)


def test_every_n_years_without_adoption_date_is_unknown() -> None:
    [item] = evaluate(doc([rule("every_n_years", years=4)], adopted=None), D(2026, 11, 23))
    assert (item.status, item.reason) == ("unknown", "reason_no_adoption_date")


def test_yearly_follow_up() -> None:
    d = doc([rule("yearly", ["follow_up"])], adopted="2007-04-25")
    assert evaluate(d, D(2026, 11, 23))[0].due == D(2008, 12, 31)
    d = doc([rule("yearly", ["follow_up"])], adopted="2007-04-25", follow_ups=[{"date": "2026-03-01", "note": {"sv": "n"}}])
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.due, item.status) == (D(2027, 12, 31), "on_track")


def test_once_per_term_missed_in_the_previous_term_is_overdue() -> None:
    d = doc([rule("once_per_term", ["follow_up"])], adopted="2013-05-29")
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.status, item.due) == ("overdue", D(2026, 10, 14))


def test_once_per_term_adopted_in_this_term_is_due_by_its_end() -> None:
    d = doc([rule("once_per_term", ["follow_up"])], adopted="2026-11-01")
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.status, item.due) == ("on_track", D(2030, 10, 14))


def test_once_per_term_done_in_this_term_moves_to_the_next_term() -> None:
    d = doc([rule("once_per_term", ["follow_up"])], adopted="2013-05-29",
            follow_ups=[{"date": "2026-11-01", "note": {"sv": "n"}}])
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.status, item.due) == ("on_track", D(2034, 10, 14))


def test_once_per_term_without_adoption_date_is_unknown_but_names_the_term_end() -> None:
    [item] = evaluate(doc([rule("once_per_term", ["follow_up"])], adopted=None), D(2026, 11, 23))
    assert (item.status, item.due, item.reason) == ("unknown", D(2030, 10, 14), "reason_no_adoption_date_terms")


def test_valid_until_a_date_expires() -> None:
    d = doc([], validity={"kind": "until_date", "until": "2025-12-31"})
    [item] = evaluate(d, D(2026, 11, 23))
    assert (item.duty, item.status) == ("expiry", "overdue")


def test_until_further_notice_without_rules_has_no_rule() -> None:
    assert document_status(evaluate(doc([]), D(2026, 11, 23))) == "no_rule"


def test_document_status_is_the_worst() -> None:
    d = doc([rule("by_year", year=2030), rule("by_year", year=2020)])
    assert document_status(evaluate(d, D(2026, 11, 23))) == "overdue"


def test_term_label_says_when_an_earlier_council_adopted_it() -> None:
    term, over = term_label(doc([], adopted="2013-05-29"), D(2026, 11, 23))
    assert (term.label, over) == ("2010–2014", True)
    term, over = term_label(doc([], adopted="2026-11-01"), D(2026, 11, 23))
    assert (term.label, over) == ("2026–2030", False)
