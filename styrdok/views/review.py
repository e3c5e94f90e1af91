"""Review rules turned into dates and statuses, as of a given "today".

Pure functions: a document and a date in, what is due out. Follow-up
(uppföljning) and revision (revidering) are tracked as separate duties. A
recorded revision counts for both (the document was looked at and changed);
a recorded follow-up counts only for follow-up.

What the library knows is what its data records: "overdue" means no revision
or follow-up is recorded in time, as the pages say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from styrdok.data.model import ByDate, ByYear, Document, EveryNYears, OncePerTerm, ReviewRule, Yearly

Status = Literal["overdue", "due_soon", "on_track", "unknown", "done", "no_rule"]
DutyKind = Literal["revision", "follow_up", "expiry"]

# Worst first: a document's status is the worst of its duties.
SEVERITY: tuple[Status, ...] = ("overdue", "due_soon", "unknown", "on_track", "done", "no_rule")

FIRST_FOUR_YEAR_ELECTION = 1994  # Swedish terms have been four years since the 1994 election
TERM_START = (10, 15)  # a new council's term starts on 15 October of the election year

DEFAULT_DUE_SOON_DAYS = 180


@dataclass(frozen=True)
class Term:
    start: dt.date
    end: dt.date  # the last day of the term

    @property
    def label(self) -> str:
        return f"{self.start.year}–{self.start.year + 4}"


def term_of(day: dt.date) -> Term:
    """The council's term of office that `day` falls in (from 1994 on)."""
    year = day.year if day >= dt.date(day.year, *TERM_START) else day.year - 1
    start_year = year - (year - FIRST_FOUR_YEAR_ELECTION) % 4
    if start_year < FIRST_FOUR_YEAR_ELECTION:
        raise ValueError(f"terms before {FIRST_FOUR_YEAR_ELECTION} are not four years; {day} is not supported")
    start = dt.date(start_year, *TERM_START)
    end = dt.date(start_year + 4, *TERM_START) - dt.timedelta(days=1)
    return Term(start, end)


def add_years(day: dt.date, years: int) -> dt.date:
    """`day` plus whole years; 29 February becomes 28 February in other years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DueItem:
    duty: DutyKind
    rule: ReviewRule | None  # None for the validity end date
    status: Status
    due: dt.date | None = None  # when it is (or was) due
    done_on: dt.date | None = None  # the last recorded event that counts
    reason: str | None = None  # a key in words.yaml explaining "unknown"

    def overdue_days(self, today: dt.date) -> int:
        return (today - self.due).days if self.due and self.status == "overdue" else 0


def _last_event(doc: Document, duty: DutyKind, after: dt.date | None = None) -> dt.date | None:
    dates = [d.date for d in doc.revision_decisions if d.date]
    if duty == "follow_up":
        dates += [f.date for f in doc.follow_ups]
    if after is not None:
        dates = [d for d in dates if d >= after]
    return max(dates, default=None)


def _status(due: dt.date, today: dt.date, window: int) -> Status:
    if today > due:
        return "overdue"
    if (due - today).days <= window:
        return "due_soon"
    return "on_track"


def _last_change(doc: Document) -> dt.date | None:
    """The date the current wording was decided: the last revision, else adoption."""
    return _last_event(doc, "revision") or doc.adopted_on


def evaluate_rule(doc: Document, rule: ReviewRule, duty: DutyKind, today: dt.date, window: int) -> DueItem:
    last = _last_event(doc, duty)
    if isinstance(rule, (ByYear, ByDate)):
        due = dt.date(rule.year, 12, 31) if isinstance(rule, ByYear) else rule.date
        since = doc.adopted_on
        done = _last_event(doc, duty, after=since) if since else last
        if done:
            return DueItem(duty, rule, "done", due, done)
        return DueItem(duty, rule, _status(due, today, window), due)
    if isinstance(rule, EveryNYears):
        adopted = doc.adopted_on
        if adopted is None and last is None:
            return DueItem(duty, rule, "unknown", reason="reason_no_adoption_date")
        if rule.counted_from == "last_revision" or adopted is None:
            due = add_years(last or adopted, rule.years)  # type: ignore[arg-type]
        else:  # fixed periods from adoption; an event settles the period it falls in
            periods = 1
            if last is not None:
                while add_years(adopted, periods * rule.years) < last:
                    periods += 1
                periods += 1
            due = add_years(adopted, periods * rule.years)
        return DueItem(duty, rule, _status(due, today, window), due, last)
    if isinstance(rule, Yearly):
        base = last or doc.adopted_on
        if base is None:
            return DueItem(duty, rule, "unknown", reason="reason_no_adoption_date")
        due = dt.date(base.year + 1, 12, 31)
        return DueItem(duty, rule, _status(due, today, window), due, last)
    if isinstance(rule, OncePerTerm):
        return _once_per_term(doc, rule, duty, today, window, last)
    raise TypeError(f"unhandled rule {rule!r}")  # pragma: no cover - the union is closed


def _once_per_term(doc: Document, rule: OncePerTerm, duty: DutyKind, today: dt.date, window: int,
                   last: dt.date | None) -> DueItem:
    current = term_of(today)
    previous = term_of(current.start - dt.timedelta(days=1))
    adopted = doc.adopted_on
    if last is not None and last >= current.start:
        # Done in this term: next due by the end of the next term.
        next_end = term_of(current.end + dt.timedelta(days=1)).end
        return DueItem(duty, rule, _status(next_end, today, window), next_end, last)
    if adopted is None and last is None:
        return DueItem(duty, rule, "unknown", current.end, reason="reason_no_adoption_date_terms")
    started = max(d for d in (adopted, last) if d is not None)
    if started <= previous.end and (last is None or last < previous.start):
        # The document lived through the previous term with nothing recorded in it.
        return DueItem(duty, rule, "overdue", previous.end, last)
    return DueItem(duty, rule, _status(current.end, today, window), current.end, last)


def evaluate(doc: Document, today: dt.date, window: int = DEFAULT_DUE_SOON_DAYS) -> list[DueItem]:
    """Every dated duty of a document, in rule order, then the validity end."""
    items = [evaluate_rule(doc, rule, duty, today, window) for rule in doc.review for duty in rule.duties]
    if doc.validity.kind == "until_date" and doc.validity.until:
        until = doc.validity.until
        items.append(DueItem("expiry", None, _status(until, today, window), until))
    return items


def document_status(items: list[DueItem]) -> Status:
    """The worst status among the items; `no_rule` when nothing is ever due."""
    if not items:
        return "no_rule"
    return min((i.status for i in items), key=SEVERITY.index)


def term_label(doc: Document, today: dt.date) -> tuple[Term, bool] | None:
    """The term in which the current wording was adopted, and whether that
    term is over (a new council has not re-adopted it)."""
    decided = _last_change(doc)
    if decided is None or decided.year < FIRST_FOUR_YEAR_ELECTION:
        return None
    term = term_of(decided)
    return term, term.end < today
