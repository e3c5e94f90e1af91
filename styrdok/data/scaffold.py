"""Write new YAML for editors: a new organisation, a new document, a revision,
and the mark that a translation is up to date.

New files are written from templates as text, so they carry comments that
explain each field and the schema modeline for the editor's YAML tooling.
Changes to existing files are small text edits at known keys, so the
editor's comments and layout stay as they were. Every result passes
`styrdok check` as it is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

from styrdok.views.history import original_fingerprint
from styrdok.data.model import Document, slug


class ScaffoldError(Exception):
    """A request the scaffolding cannot carry out; the message says why."""


def _q(text: str | None) -> str:
    """A YAML scalar for a value: JSON strings are valid YAML and escape everything."""
    return "null" if text is None else json.dumps(text, ensure_ascii=False)


def new_organisation(data: Path, org_id: str, name_sv: str, name_en: str) -> Path:
    path = data / "organisations" / f"{org_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""# yaml-language-server: $schema=../../schema/organisation.schema.json
id: {org_id}
name: {{sv: {_q(name_sv)}, en: {_q(name_en)}}}
website: null
# Every body, office and role the organisation's documents name, with its own
# Swedish name and a plain English one. Every municipality has a council and an
# executive board (kommunallagen); add the others its documents name.
actors:
  - id: kommunfullmaktige
    name: {{sv: Kommunfullmäktige, en: Municipal council}}
    kind: council
  - id: kommunstyrelsen
    name: {{sv: Kommunstyrelsen, en: Municipal executive board}}
    kind: executive_board
""",
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class NewDocument:
    organisation: str
    type: str
    title_sv: str
    title_en: str
    adopted_by: str | None  # the proposing body for a proposal
    adopted_on: dt.date | None  # the date proposed for a proposal
    paragraph: str | None = None
    diary_number: str | None = None
    doc_id: str | None = None
    status: str = "in_force"  # or "proposal"


# Text that `new_document` writes for the editor to replace; `styrdok check` warns while it is left.
PLACEHOLDERS = ("Klistra in dokumentets text här, avsnitt för avsnitt.", "Write the plain English version here.")
NEW_STATUSES = ("in_force", "proposal")


def new_document(data: Path, new: NewDocument) -> Path:
    doc_id = new.doc_id or slug(new.title_sv)
    path = data / "documents" / new.organisation / f"{doc_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path} exists already; choose another id with --id")
    if new.status not in NEW_STATUSES:
        raise ScaffoldError(f"a new document has status {' or '.join(NEW_STATUSES)}, not {new.status!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"""# yaml-language-server: $schema=../../../schema/document.schema.json
# Fields the source does not give stay null: the site shows them as unknown.
# Every field is explained in CONTRIBUTING.md and schema/fields.md.
organisation: {new.organisation}
types: [{new.type}]
title: {{sv: {_q(new.title_sv)}, en: {_q(new.title_en)}}}
source_file: null
# Where the published original is: its address and the date you retrieved it.
original: {{url: null, retrieved: null}}
versions:
  sv: {{kind: original}}
  en: {{kind: plain_translation, translated_from: sv}}
status: {new.status}
owner: null
responsible_officer: null
decisions:
  - kind: {"proposed" if new.status == "proposal" else "adopted"}
    body: {new.adopted_by or "null"}
    date: {new.adopted_on.isoformat() if new.adopted_on else "null"}
    paragraph: {_q(new.paragraph)}
    diary_number: {_q(new.diary_number)}
# Identifiers of the document itself, e.g. - {{scheme: diary_number, value: "KS-2014/00860"}}
identifiers: []
# What it applies to, e.g. applies_to: [{{kind: organisation}}, {{kind: companies}}]
scope: null
published: null
version: null
validity: {{kind: unknown}}
# Review rules, e.g.:
#   - kind: every_n_years
#     years: 4
#     duties: [follow_up, revision]
#     responsible: kommunstyrelsen
#     as_written: {{sv: "…as the document says…", en: "…in plain English…"}}
# Other kinds: by_year, by_date, yearly, once_per_term, and no_interval (the
# source says who, not when). duties: revision, follow_up (of the document),
# report (recurring reporting on the work, e.g. in the annual report).
review: []
relations: []
sections:
  - id: text
    heading: {{sv: Text, en: Text}}
    body:
      sv: {PLACEHOLDERS[0]}
      en: {PLACEHOLDERS[1]}
""",
        encoding="utf-8",
    )
    return path


@dataclass(frozen=True)
class NewRevision:
    date: dt.date
    body: str | None
    paragraph: str | None
    diary_number: str | None
    note_sv: str
    note_en: str
    version: str | None = None


def bump(version: str | None) -> str | None:
    """`1.0` → `1.1`, `3` → `4`; an unknown version stays unknown."""
    if version is None:
        return None
    match = re.fullmatch(r"(.*?)(\d+)", version)
    if not match:
        raise ScaffoldError(f"cannot bump version {version!r}; give the new one with --version")
    return f"{match.group(1)}{int(match.group(2)) + 1}"


_TOP_KEY = re.compile(r"^([a-z_]+):", re.M)


def add_revision(path: Path, doc: Document, revision: NewRevision) -> str | None:
    """Append a decision of kind revised to the document's file and bump its version; returns the new version."""
    text = path.read_text(encoding="utf-8")
    version = revision.version or bump(doc.version)
    entry = (
        f"  - kind: revised\n"
        f"    body: {revision.body or 'null'}\n"
        f"    date: {revision.date.isoformat()}\n"
        f"    paragraph: {_q(revision.paragraph)}\n"
        f"    diary_number: {_q(revision.diary_number)}\n"
        f"    version: {_q(version)}\n"
        f"    note: {{sv: {_q(revision.note_sv)}, en: {_q(revision.note_en)}}}\n"
    )
    if re.search(r"^decisions:\s*\[\]\s*$", text, re.M):
        text = re.sub(r"^decisions:\s*\[\]\s*$", "decisions:\n" + entry.rstrip("\n"), text, count=1, flags=re.M)
    elif re.search(r"^decisions:\s*$", text, re.M):
        start = re.search(r"^decisions:\s*$", text, re.M).end()  # type: ignore[union-attr]
        following = _TOP_KEY.search(text, start)
        cut = following.start() if following else len(text)
        text = text[:cut].rstrip("\n") + "\n" + entry + ("\n" if following else "") + text[cut:]
    else:
        raise ScaffoldError(f"{path}: the file has no top-level `decisions:` list")
    text = _set_top_level(text, "version", _q(version))
    path.write_text(text, encoding="utf-8")
    return version


def _set_top_level(text: str, key: str, value: str) -> str:
    pattern = re.compile(rf"^{key}:.*$", re.M)
    if not pattern.search(text):
        raise ScaffoldError(f"the file has no top-level `{key}:`")
    return pattern.sub(f"{key}: {value}", text, count=1)


def mark_translated(path: Path, doc: Document, language: str) -> str:
    """Record that the `language` translation matches the current original."""
    fingerprint = original_fingerprint(doc)
    if fingerprint is None or language not in doc.versions or doc.versions[language].kind == "original":
        raise ScaffoldError(f"{path}: no translation into {language!r} of an original text")
    text = path.read_text(encoding="utf-8")
    block = re.search(r"^versions:\s*$", text, re.M)
    following = _TOP_KEY.search(text, block.end()) if block else None
    flow = re.compile(rf"^(\s+{language}:\s*\{{)([^}}]*)(\}})", re.M)
    match = flow.search(text, block.end(), following.start() if following else len(text)) if block else None
    if not match:
        raise ScaffoldError(f"{path}: write `versions.{language}` on one line, e.g. "
                            f"`{language}: {{kind: plain_translation, translated_from: sv}}`")
    fields = [f for f in (p.strip() for p in match.group(2).split(",")) if f and not f.startswith("translates:")]
    fields.append(f'translates: "{fingerprint}"')
    text = text[:match.start()] + match.group(1) + ", ".join(fields) + match.group(3) + text[match.end():]
    path.write_text(text, encoding="utf-8")
    return fingerprint
