"""The editors' table of what the site says about validity and review, for
each situation a source can leave us in.

Each row is a small sample document run through the same functions the
pages, the calendar and the .ics use (review.evaluate, when, who_acts,
no_rule_phrase), so the table cannot drift from what readers see. Values
are shown as placeholders (‹datum›), never as made-up examples.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from styrdok.views import review
from styrdok.data.model import Document
from styrdok.render.words import Words, say

TODAY = dt.date(2026, 12, 1)  # any day works: only the kind of phrase is shown

# (situation key in words.yaml: phrase_case_<key>, sample document fields)
CASES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("no_rule_until_further_notice", {"validity": {"kind": "until_further_notice"}}),
    ("no_rule_validity_unknown", {}),
    ("not_in_force", {"status": "proposal", "review": [{"kind": "by_year", "year": 2030}]}),
    ("valid_until_date", {"validity": {"kind": "until_date", "until": "2030-06-30"}, "owner": "agare"}),
    ("valid_until_date_passed", {"validity": {"kind": "until_date", "until": "2020-06-30"}}),
    ("no_interval_named", {"review": [{"kind": "no_interval", "responsible": "namnd"}]}),
    ("no_interval_owner", {"review": [{"kind": "no_interval"}], "owner": "agare"}),
    ("no_interval_nobody", {"review": [{"kind": "no_interval"}]}),
    ("dated_ahead", {"review": [{"kind": "by_year", "year": 2030, "responsible": "namnd"}]}),
    ("dated_soon", {"review": [{"kind": "by_date", "date": "2027-01-15", "responsible": "namnd"}]}),
    ("dated_late", {"review": [{"kind": "by_year", "year": 2020, "responsible": "namnd"}]}),
    ("dated_done", {"review": [{"kind": "by_year", "year": 2020, "responsible": "namnd"}],
                    "revisions": ["2019-05-02"]}),
    ("interval_no_adoption", {"adopted": None, "review": [{"kind": "every_n_years", "years": 4, "responsible": "namnd"}]}),
    ("term_known", {"adopted": "2013-05-29", "review": [{"kind": "once_per_term", "responsible": "namnd"}]}),
    ("term_no_adoption", {"adopted": None, "review": [{"kind": "once_per_term", "responsible": "namnd"}]}),
    ("report_recurring", {"review": [{"kind": "yearly", "duties": ["report"], "responsible": "namnd"}]}),
    ("report_every_n_years", {"review": [{"kind": "every_n_years", "years": 4, "duties": ["report"],
                                          "responsible": "namnd"}]}),
    ("report_per_term", {"review": [{"kind": "once_per_term", "duties": ["report"], "responsible": "namnd"}]}),
    ("report_first", {"adopted": None, "review": [{"kind": "yearly", "duties": ["report"], "responsible": "namnd"}]}),
    ("report_once_passed", {"review": [{"kind": "by_year", "year": 2020, "duties": ["report"], "responsible": "namnd"}]}),
)


def sample(fields: dict[str, Any]) -> Document:
    """A minimal in-force document with the given review facts."""
    rules = [{"duties": ["revision"], "as_written": {"sv": "–"}, **rule} for rule in fields.get("review", [])]
    decision = {"body": None, "paragraph": None, "diary_number": None}
    status = fields.get("status", "in_force")
    decisions = [{**decision, "kind": "proposed" if status == "proposal" else "adopted",
                  "date": fields.get("adopted", "2007-04-25")}]
    decisions += [{**decision, "kind": "revised", "date": day} for day in fields.get("revisions", [])]
    return Document.model_validate({
        "organisation": "exempel", "types": ["policy"], "title": {"sv": "–"}, "source_file": None,
        "original": {"url": None, "retrieved": None}, "scope": None,
        "versions": {"sv": {"kind": "original"}}, "status": status,
        "owner": fields.get("owner"), "responsible_officer": None, "published": None, "version": None,
        "decisions": decisions, "validity": fields.get("validity", {"kind": "unknown"}), "review": rules,
        "sections": [{"id": "a", "heading": {"sv": "–"}}],
    })


@dataclass(frozen=True)
class Said:
    """What one sample makes the site say: the phrases, in the page's order."""

    validity: review.Phrase
    status: str
    phrases: tuple[review.Phrase, ...]


def said(doc: Document, today: dt.date = TODAY) -> Said:
    items = review.evaluate(doc, today)
    status = review.status_of(doc, items)
    phrases: list[review.Phrase] = []
    for item in items:
        phrases += [review.when(item, today), review.who_acts(doc, item)]
    if status in ("no_rule", "not_in_force"):
        phrases.append(review.no_rule_phrase(doc) if status == "no_rule" else review.Phrase.of("not_in_force_explained"))
    return Said(review.Phrase.of(f"validity_{doc.validity.kind}"), status, tuple(phrases))


def rows() -> list[tuple[str, Said]]:
    return [(key, said(sample(fields))) for key, fields in CASES]


def keys_used() -> set[str]:
    """Every words.yaml key the table shows (nested phrases included)."""
    found: set[str] = set()

    def walk(phrase: review.Phrase) -> None:
        found.add(phrase.key)
        for _, value in phrase.values:
            if isinstance(value, review.Phrase):
                walk(value)

    for _, s in rows():
        found.add(f"review_status_{s.status}")
        walk(s.validity)
        for phrase in s.phrases:
            walk(phrase)
    return found


def render(w: Words, s: Said) -> str:
    """The words of one row in one language, placeholders for values."""
    validity = w[s.validity.key] + (f" {w.placeholder_date}" if s.validity.key == "validity_until_date" else "")
    parts = [f"{w.validity}: {validity}.", f"{w.review_status}: {w['review_status_' + s.status]}."]
    phrases = list(s.phrases)
    while phrases:
        phrase = phrases.pop(0)
        if phrase.key.startswith("acts_"):
            parts.append(f"{w.who_acts}: {_placeholders(w, phrase)}.")
        else:
            parts.append(_placeholders(w, phrase))
    return " ".join(parts)


def _placeholders(w: Words, phrase: review.Phrase) -> str:
    def name(organisation: str, actor: str) -> str:
        return w.placeholder_body

    values = []
    for key, value in phrase.values:
        if isinstance(value, review.Phrase):
            values.append((key, review.Phrase.of("placeholder_text", text=_placeholders(w, value))))
        else:
            kind = ("date" if isinstance(value, dt.date) else "span" if isinstance(value, review.Span)
                    else "term" if isinstance(value, review.Term) else "body" if isinstance(value, review.ActorRef)
                    else "number")
            values.append((key, review.Phrase.of(f"placeholder_{kind}")))
    return say(w, review.Phrase(phrase.key, tuple(values)), name)
