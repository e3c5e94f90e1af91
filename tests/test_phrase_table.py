"""Unknown stays unknown: for every combination of validity, review rule,
duty, adoption date and who is named, the words never imply a value the
source lacks; and the editors' table of phrases shows every phrase."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from styrdok.render import phrase_table
from styrdok.render.words import Words, _all

RULES: list[dict[str, Any] | None] = [
    None, {"kind": "no_interval"}, {"kind": "by_year", "year": 2020}, {"kind": "by_year", "year": 2031},
    {"kind": "by_date", "date": "2027-01-15"}, {"kind": "every_n_years", "years": 4},
    {"kind": "every_n_years", "years": 3, "counted_from": "adoption"}, {"kind": "yearly"}, {"kind": "once_per_term"},
]
VALIDITY = [{"kind": "until_further_notice"}, {"kind": "unknown"}, {"kind": "until_date", "until": "2030-06-30"},
            {"kind": "until_date", "until": "2020-06-30"}]
DUTIES = [["revision"], ["follow_up"], ["report"], ["follow_up", "revision"]]
ADOPTED = ["2007-04-25", "2025-03-01", None]
WHO = [("namnd", None), (None, "agare"), (None, None)]  # (the rule's body, the document's owner)
TODAYS = [dt.date(2026, 12, 1), dt.date(2010, 1, 1)]

GRID = list(itertools.product(VALIDITY, RULES, DUTIES, ADOPTED, WHO, TODAYS))


def texts(fields: dict[str, Any], today: dt.date) -> dict[str, str]:
    said = phrase_table.said(phrase_table.sample(fields), today)
    return {lang: phrase_table.render(Words(lang), said) for lang in ("sv", "en")} | {"status": said.status}


def test_words_never_imply_a_value_the_source_lacks() -> None:
    assert len(GRID) > 2000
    for case in GRID:
        check(*case)


def check(validity: dict[str, Any], rule: dict[str, Any] | None, duties: list[str], adopted: str | None,
          who: tuple[str | None, str | None], today: dt.date) -> None:
    body, owner = who
    review = [] if rule is None else [{**rule, "duties": duties, **({"responsible": body} if body else {})}]
    said = texts({"validity": validity, "review": review, "adopted": adopted, "owner": owner}, today)
    sv, en = said["sv"].lower(), said["en"].lower()
    if validity["kind"] != "until_further_notice":
        assert "tills vidare" not in sv and "until further notice" not in en, said
    assert "aldrig" not in sv and "never" not in en and "ingen behöver" not in sv and "no one is ever" not in en, said
    if rule is not None and rule["kind"] == "no_interval":
        assert "inget intervall" in sv and "no interval" in en, said
        assert "senast" not in sv and "due by" not in en, said  # no date is made up
    if duties == ["report"] or adopted is None and rule is not None and rule["kind"] not in ("by_year", "by_date"):
        assert said["status"] not in ("overdue",), said  # unrecorded reports and unknown starts are never "late"
    if rule is not None and body is None:
        if owner is None:
            assert "uppgift saknas i källan (regeln namnger ingen" in sv and "not stated in the source (the rule" in en
        else:
            assert "dokumentägaren, eftersom regeln inte namnger någon" in sv
            assert "the owner, because the rule names no one" in en
    if rule is None and validity["kind"] != "until_date":
        expected = ("dokumentet gäller tills vidare" if validity["kind"] == "until_further_notice"
                    else "källan anger inte hur länge dokumentet gäller")
        assert expected in sv, said


PREFIXES = ("when_", "acts_", "no_rule_validity_", "reason_", "review_status_", "validity_", "period_")


def test_the_table_shows_every_phrase_about_validity_and_review() -> None:
    phrase_keys = {key for key in _all() if key.startswith(PREFIXES)}
    assert phrase_keys - phrase_table.keys_used() == set()


def test_every_situation_is_described_in_both_languages() -> None:
    keys = [key for key, _ in phrase_table.CASES]
    assert len(set(keys)) == len(keys)
    for key in keys:
        assert _all()[f"phrase_case_{key}"]["sv"] and _all()[f"phrase_case_{key}"]["en"]
