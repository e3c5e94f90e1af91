"""The one setting for "today": overdue reviews and term labels depend on it.

`STYRDOK_TODAY=YYYY-MM-DD` fixes it for builds and tests; without it, it is
the real date. Nothing else in the package may call `date.today()`.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "STYRDOK_TODAY"


class TodayError(ValueError):
    pass


def today(environ: dict[str, str] | None = None) -> dt.date:
    value = (environ if environ is not None else os.environ).get(ENV, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise TodayError(f"{ENV}={value!r} is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)") from None


def build_epoch(day: dt.date) -> int:
    """Seconds at midnight UTC of `day`: the default SOURCE_DATE_EPOCH, so two
    builds on the same day (or with the same STYRDOK_TODAY) give the same bytes."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())
