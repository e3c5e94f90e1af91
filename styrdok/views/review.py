"""Review rules turned into dates, statuses and phrases, as of a given "today".

Pure functions: a document and a date in, what is due out, and the phrase
(a key in words.yaml with its values) that says it. Three kinds of duty:

- revision (revidering) and follow_up (uppföljning) review the document.
  A recorded revision counts for both (the document was looked at and
  changed); a recorded follow-up counts only for follow-up. "Late" means no
  such step is recorded in time, as the pages say.
- report is recurring reporting on the work (e.g. in the annual report). The
  library holds no record of it, so a past date is "not recorded here",
  never "late": the library cannot know whether the report was made.

Every date difference goes through dateutil's relativedelta.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from dateutil.relativedelta import relativedelta

from styrdok.data.model import ByDate, ByYear, Document, EveryNYears, NoInterval, OncePerTerm, ReviewRule, Yearly


# --- what this module reads from a document --------------------------------
# Every read of the adoption decision, the recorded revisions and follow-ups,
# the owner and the document's status is one of these functions, so a change
# to the document model is a change here only.

def adoption_date(doc: Document) -> dt.date | None:
    return doc.adopted_on


def adopting_body(doc: Document) -> str | None:
    return doc.adoption.body if doc.adoption else None


def revision_dates(doc: Document) -> list[dt.date]:
    return [d.date for d in doc.revision_decisions if d.date]


def follow_up_dates(doc: Document) -> list[dt.date]:
    return [f.date for f in doc.follow_ups]


def is_revised(doc: Document) -> bool:
    return bool(doc.revision_decisions)


def in_force(doc: Document) -> bool:
    """Only a document typed in force has duties due (a proposal, an earlier
    wording, a replaced or a repealed one has none); a passed validity end
    date shows as its own late item, "expired"."""
    return doc.status == "in_force"


def owner(doc: Document) -> str | None:
    return doc.owner


# --- dates ------------------------------------------------------------------

Status = Literal["overdue", "expired", "due_soon", "unknown", "on_track", "no_interval", "recurring",
                 "not_recorded", "done", "no_rule", "not_in_force"]
DutyKind = Literal["revision", "follow_up", "report", "expiry"]

# Worst first: a document's status is the worst of its duties.
SEVERITY: tuple[Status, ...] = ("overdue", "expired", "due_soon", "unknown", "on_track", "no_interval",
                                "not_recorded", "recurring", "done", "no_rule", "not_in_force")

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

    def following(self) -> "Term":
        return term_of(self.end + dt.timedelta(days=1))


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
    return day + relativedelta(years=years)


@dataclass(frozen=True)
class Span:
    """A stretch of time in whole years and the days left over."""

    years: int
    days: int


def years_and_days(start: dt.date, end: dt.date) -> Span:
    """From `start` to `end` (not before it): whole years as relativedelta
    counts them, then the days left, so leap days are counted exactly."""
    if end < start:
        raise ValueError(f"{end} is before {start}")
    years = relativedelta(end, start).years
    return Span(years, (end - (start + relativedelta(years=years))).days)


def days_until(today: dt.date, day: dt.date) -> int:
    return (day - today).days


# --- phrases ------------------------------------------------------------------

@dataclass(frozen=True)
class ActorRef:
    organisation: str
    actor: str


@dataclass(frozen=True)
class Phrase:
    """What a page says: a key in words.yaml and the values for its
    placeholders (dates, spans, terms, actors, numbers, other phrases)."""

    key: str
    values: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **values: object) -> "Phrase":
        return cls(key, tuple(values.items()))


@dataclass(frozen=True)
class DueItem:
    duty: DutyKind
    rule: ReviewRule | None  # None for the validity end date
    status: Status
    due: dt.date | None = None  # when it is (or was) due; for a recurring report, the next date
    done_on: dt.date | None = None  # the last recorded event that counts
    previous: dt.date | None = None  # a recurring report's latest past date
    reason: str | None = None  # a phrase key in words.yaml saying why the status is unknown

    def late_by(self, today: dt.date) -> Span | None:
        if self.due is None or self.status not in ("overdue", "expired"):
            return None
        return years_and_days(self.due, today)


def _events(doc: Document, duty: DutyKind) -> list[dt.date]:
    dates = revision_dates(doc)
    if duty == "follow_up":
        dates += follow_up_dates(doc)
    return dates


def _last_event(doc: Document, duty: DutyKind, after: dt.date | None = None) -> dt.date | None:
    dates = [d for d in _events(doc, duty) if after is None or d >= after]
    return max(dates, default=None)


def _status(due: dt.date, today: dt.date, window: int) -> Status:
    if today > due:
        return "overdue"
    if days_until(today, due) <= window:
        return "due_soon"
    return "on_track"


def _last_change(doc: Document) -> dt.date | None:
    """The date the current wording was decided: the last revision, else adoption."""
    return _last_event(doc, "revision") or adoption_date(doc)


def evaluate_rule(doc: Document, rule: ReviewRule, duty: DutyKind, today: dt.date, window: int) -> DueItem:
    if isinstance(rule, NoInterval):
        return DueItem(duty, rule, "no_interval", done_on=_last_event(doc, duty) if duty != "report" else None)
    if duty == "report":
        return _report(doc, rule, today, window)
    last = _last_event(doc, duty)
    adopted = adoption_date(doc)
    if isinstance(rule, (ByYear, ByDate)):
        due = dt.date(rule.year, 12, 31) if isinstance(rule, ByYear) else rule.date
        done = _last_event(doc, duty, after=adopted) if adopted else last
        if done:
            return DueItem(duty, rule, "done", due, done)
        return DueItem(duty, rule, _status(due, today, window), due)
    if isinstance(rule, EveryNYears):
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
        base = last or adopted
        if base is None:
            return DueItem(duty, rule, "unknown", reason="reason_no_adoption_date")
        due = dt.date(base.year + 1, 12, 31)
        return DueItem(duty, rule, _status(due, today, window), due, last)
    if isinstance(rule, OncePerTerm):
        return _once_per_term(doc, rule, duty, today, window, last)
    raise TypeError(f"unhandled rule {rule!r}")  # pragma: no cover - the union is closed


def _once_per_term(doc: Document, rule: OncePerTerm, duty: DutyKind, today: dt.date, window: int,
                   last: dt.date | None) -> DueItem:
    """Terms count from the term of adoption: the first term with nothing
    recorded in it is the one due. The adoption itself counts as that
    term's revision (the text was decided then), not as its follow-up."""
    adopted = adoption_date(doc)
    current = term_of(today)
    if adopted is None:
        if last is not None and last >= current.start:
            due = current.following().end
            return DueItem(duty, rule, _status(due, today, window), due, last)
        return DueItem(duty, rule, "unknown", current.end, last, reason="reason_no_adoption_date_terms")
    counted = _events(doc, duty) + ([adopted] if duty == "revision" else [])
    term = term_of(max(adopted, dt.date(FIRST_FOUR_YEAR_ELECTION, *TERM_START)))
    while any(term.start <= day <= term.end for day in counted):
        term = term.following()
    return DueItem(duty, rule, _status(term.end, today, window), term.end, last)


def _report(doc: Document, rule: ReviewRule, today: dt.date, window: int) -> DueItem:
    """A report on the work: the latest past date and the next one. Nothing
    about reports is recorded here, so a past date is never "late"."""
    adopted = adoption_date(doc)
    if isinstance(rule, (ByYear, ByDate)):
        due = dt.date(rule.year, 12, 31) if isinstance(rule, ByYear) else rule.date
        if today > due:
            return DueItem("report", rule, "not_recorded", due)
        return DueItem("report", rule, _status(due, today, window), due)
    if isinstance(rule, Yearly):
        following, previous = dt.date(today.year, 12, 31), dt.date(today.year - 1, 12, 31)
    elif isinstance(rule, OncePerTerm):
        current = term_of(today)
        following, previous = current.end, current.start - dt.timedelta(days=1)
    elif isinstance(rule, EveryNYears):
        if adopted is None:
            return DueItem("report", rule, "unknown", reason="reason_no_adoption_date")
        periods = 1
        while add_years(adopted, periods * rule.years) < today:
            periods += 1
        following, previous = add_years(adopted, periods * rule.years), add_years(adopted, (periods - 1) * rule.years)
    else:  # pragma: no cover - NoInterval is handled by the caller
        raise TypeError(f"unhandled rule {rule!r}")
    if adopted is None or previous < adopted:
        return DueItem("report", rule, "recurring", following)
    return DueItem("report", rule, "recurring", following, previous=previous)


def evaluate(doc: Document, today: dt.date, window: int = DEFAULT_DUE_SOON_DAYS) -> list[DueItem]:
    """Every duty of a document in force, in rule order, then the validity end."""
    if not in_force(doc):
        return []
    items = [evaluate_rule(doc, rule, duty, today, window) for rule in doc.review for duty in rule.duties]
    if doc.validity.kind == "until_date" and doc.validity.until:
        until = doc.validity.until
        status = "expired" if today > until else _status(until, today, window)
        items.append(DueItem("expiry", None, status, until))
    return items


def document_status(items: list[DueItem], is_in_force: bool = True) -> Status:
    """The worst status among the items; `no_rule` when the document has no duty."""
    if not is_in_force:
        return "not_in_force"
    if not items:
        return "no_rule"
    return min((i.status for i in items), key=SEVERITY.index)


def status_of(doc: Document, items: list[DueItem]) -> Status:
    return document_status(items, in_force(doc))


# --- what the pages say -------------------------------------------------------


def when(item: DueItem, today: dt.date) -> Phrase:
    """When a duty is (or was) due, as one phrase: the pages, the calendar
    and the .ics all say it with these words."""
    if item.status == "expired":
        return Phrase.of("when_expired", due=item.due, late=item.late_by(today))
    if item.duty == "expiry":
        return Phrase.of("when_expires", due=item.due)
    if item.status == "overdue":
        return Phrase.of("when_overdue", due=item.due, late=item.late_by(today))
    if item.status == "done":
        return Phrase.of("when_done", done=item.done_on)
    if item.status == "no_interval":
        return Phrase.of("when_no_interval")
    if item.status == "not_recorded":
        return Phrase.of("when_not_recorded", due=item.due)
    if item.status == "recurring":
        period = _period(item.rule)
        if item.previous is None:
            return Phrase.of("when_recurring_next", period=period, next=item.due)
        return Phrase.of("when_recurring", period=period, last=item.previous, next=item.due)
    if item.status == "unknown":
        if item.reason == "reason_no_adoption_date_terms" and item.due is not None:
            return Phrase.of("reason_no_adoption_date_terms", term=term_of(item.due), due=item.due)
        return Phrase.of(item.reason or "reason_no_adoption_date")
    return Phrase.of("when_due", due=item.due)


def _period(rule: ReviewRule | None) -> Phrase:
    if isinstance(rule, EveryNYears):
        return Phrase.of("period_every_n_years", n=rule.years)
    if isinstance(rule, OncePerTerm):
        return Phrase.of("period_once_per_term")
    return Phrase.of("period_yearly")


def who_acts(doc: Document, item: DueItem) -> Phrase:
    """Who must act: the body the rule names; the document's owner only when
    the rule names nobody (and the phrase says so); else not stated."""
    org = doc.organisation
    if item.rule is not None and item.rule.responsible:
        return Phrase.of("acts_rule", body=ActorRef(org, item.rule.responsible))
    doc_owner = owner(doc)
    if item.rule is None:
        return Phrase.of("acts_owner", body=ActorRef(org, doc_owner)) if doc_owner else Phrase.of("acts_not_stated_no_rule")
    if doc_owner:
        return Phrase.of("acts_owner_fallback", body=ActorRef(org, doc_owner))
    return Phrase.of("acts_not_stated")


def no_rule_phrase(doc: Document) -> Phrase:
    """Why a document has nothing due, in words that match what the source
    says about its validity (never "until further notice" unless it says so)."""
    # A document valid until a date always has that date as a duty, so it never gets here.
    return Phrase.of("no_rule_validity_until_further_notice" if doc.validity.kind == "until_further_notice"
                     else "no_rule_validity_unknown")


@dataclass(frozen=True)
class TermLabel:
    term: Term
    over: bool  # a new term has started since
    revised: bool  # the current wording comes from a revision, not the adoption
    body: str | None  # the adopting body


def term_label(doc: Document, today: dt.date) -> TermLabel | None:
    """The term in which the current wording was adopted, and whether that
    term is over (a new council has not re-adopted it)."""
    decided = _last_change(doc)
    if decided is None or decided.year < FIRST_FOUR_YEAR_ELECTION:
        return None
    term = term_of(decided)
    return TermLabel(term, term.end < today, is_revised(doc), adopting_body(doc))


def repeats_every(item: DueItem) -> int | None:
    """Years between a recurring report's dates (for a calendar's RRULE), else None."""
    if item.status != "recurring":
        return None
    if isinstance(item.rule, EveryNYears):
        return item.rule.years
    return 4 if isinstance(item.rule, OncePerTerm) else 1

