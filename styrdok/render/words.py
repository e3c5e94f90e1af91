"""The words a reader sees, per language, loaded from `words.yaml`.

Keeping them in one file lets a translator review every label at once. A
template asking for a word that does not exist fails the build loudly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from styrdok.data.model import LANGUAGES, Document
from styrdok.views.review import ActorRef, Phrase, Span, Term


class MissingWord(KeyError):
    pass


@cache
def _all() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(files(__package__).joinpath("words.yaml").read_text(encoding="utf-8"))
    for key, value in data.items():
        missing = [lang for lang in LANGUAGES if lang not in value]
        if missing:
            raise MissingWord(f"words.yaml: {key}: no text for {', '.join(missing)}")
        extra = sorted(set(value) - set(LANGUAGES))
        if extra:  # e.g. an unquoted comma in {sv: a, b} makes `b` a key
            raise MissingWord(f"words.yaml: {key}: unexpected keys {extra} (quote texts with commas)")
    return data


class Words:
    """`Words('sv').adopted_by` → 'Antaget av'."""

    def __init__(self, language: str):
        self.language = language

    def __getattr__(self, key: str) -> Any:
        try:
            return _all()[key][self.language]
        except KeyError:
            raise MissingWord(f"no word {key!r} in words.yaml") from None

    def __getitem__(self, key: str) -> Any:
        return self.__getattr__(key)


THEME_WORDS = ("theme_accessibility_statement", "theme_table")


def for_theme() -> dict[str, dict[str, str]]:
    """The words the theme's own templates print, per language and without
    the `theme_` prefix: templates cannot call into the package, so the
    generator's glue hands these over in its config."""
    return {lang: {key.removeprefix("theme_"): _all()[key][lang] for key in THEME_WORDS} for lang in LANGUAGES}


def status_key(doc: Document, day: dt.date) -> str:
    """The words.yaml key of a document's status on `day`. A document typed
    in force with no recorded adoption says so, rather than pass as adopted."""
    shown = doc.shown_status(day)
    if shown == "in_force" and doc.adoption is None:
        return "status_in_force_unrecorded"
    return "status_" + shown


def plural(w: Words, key: str, n: int) -> str:
    """`{key}_one` for 1, else `{key}_other`: the CLDR rule for integers in
    both Swedish and English."""
    return w[f"{key}_{'one' if n == 1 else 'other'}"].format(n=n)


def format_date(w: Words, value: dt.date) -> str:
    return f"{value.day} {w.months[value.month - 1]} {value.year}"


def duration(w: Words, span: Span) -> str:
    """'15 år och 220 dagar', '1 year', '3 days'."""
    parts = [plural(w, "years", span.years)] if span.years else []
    if span.days or not parts:
        parts.append(plural(w, "days", span.days))
    return w.duration_and.format(years=parts[0], days=parts[1]) if len(parts) == 2 else parts[0]


def say(w: Words, phrase: Phrase, actor_name: Callable[[str, str], str]) -> str:
    """A phrase in words: its values formatted in the language, actors by name."""
    return w[phrase.key].format(**{name: _value(w, value, actor_name) for name, value in phrase.values})


def _value(w: Words, value: object, actor_name: Callable[[str, str], str]) -> str:
    if isinstance(value, Phrase):
        return say(w, value, actor_name)
    if isinstance(value, ActorRef):
        return actor_name(value.organisation, value.actor)
    if isinstance(value, Span):
        return duration(w, value)
    if isinstance(value, Term):
        return value.label
    if isinstance(value, dt.date):
        return format_date(w, value)
    return str(value)
