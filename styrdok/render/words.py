"""The words a reader sees, per language, loaded from `words.yaml`.

Keeping them in one file lets a translator review every label at once. A
template asking for a word that does not exist fails the build loudly.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

import datetime as dt

from styrdok.data.model import LANGUAGES, Document


class MissingWord(KeyError):
    pass


@cache
def _all() -> dict[str, dict[str, Any]]:
    data = yaml.safe_load(files(__package__).joinpath("words.yaml").read_text(encoding="utf-8"))
    for key, value in data.items():
        missing = [lang for lang in LANGUAGES if lang not in value]
        if missing:
            raise MissingWord(f"words.yaml: {key}: no text for {', '.join(missing)}")
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


def status_key(doc: Document, day: dt.date) -> str:
    """The words.yaml key of a document's status on `day`. A document typed
    in force with no recorded adoption says so, rather than pass as adopted."""
    shown = doc.shown_status(day)
    if shown == "in_force" and doc.adoption is None:
        return "status_in_force_unrecorded"
    return "status_" + shown
