"""Write new YAML for editors: a new organisation, a new document, a revision,
and the mark that a translation is up to date.

New files are written by a YAML emitter (PyYAML) from a data structure, so
no value can add keys of its own, whatever it holds; a fixed header of
comments carries the schema modeline and explains the fields. Changes to
existing files are small text edits at known keys, with every value
written as a JSON string (valid YAML, escaped), so the editor's comments and
layout stay as they were.

Nothing is written until it is known to be right: ids are checked before
any file is touched, a new file is checked by loading the library with it
(and removed again if the library refuses it), an edited file is parsed
before it replaces the old one. A failed command changes no file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from styrdok.data import urls
from styrdok.data.library import _parse_model, load_library
from styrdok.data.model import Document, Id, Organisation, slug
from styrdok.data.problems import DataError, Problem, relative_name
from styrdok.data.model import original_fingerprint


class ScaffoldError(Exception):
    """A request the scaffolding cannot carry out; the message says why."""


def _q(text: str | None) -> str:
    """A YAML scalar for a value: JSON strings are valid YAML and escape everything."""
    return "null" if text is None else json.dumps(text, ensure_ascii=False)


_ID = TypeAdapter(Id)


def valid_id(value: str, option: str, reserved: frozenset[str] = frozenset()) -> str:
    """`value` as an id, or a ScaffoldError naming the command-line `option`."""
    try:
        _ID.validate_python(value)
    except ValidationError:
        raise ScaffoldError(f"{option}: {value!r} is not a valid id (expected lower-case letters a–z, "
                            "digits and hyphens, e.g. nyby or policy-for-oppna-data)") from None
    if value in reserved:
        raise ScaffoldError(f"{option}: {value!r} is a name the site uses itself; choose another "
                            f"(reserved: {', '.join(sorted(reserved))})")
    return value


def one_line(value: str | None, option: str) -> str | None:
    """Names, titles and numbers are one line of text with no control characters."""
    if value is not None and any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in value):
        raise ScaffoldError(f"{option}: a line break or control character in {value!r}; give it on one line")
    if value is not None and not value.strip():
        raise ScaffoldError(f"{option}: empty; give the text")
    return value


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key (`actors:` then `  - id: ...`), the
    layout of every data file and of the examples in CONTRIBUTING.md."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _Block(dict):  # type: ignore[type-arg]
    """A mapping written one key per line: long texts an editor replaces."""


_Dumper.add_representer(
    _Block, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False))


def _emit(header: str, data: dict[str, Any]) -> str:
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                              width=10_000)


def _write_new(data: Path, path: Path, text: str, model: type[BaseModel]) -> Path:
    """Write a new file only if it parses as `model` and the library loads
    with it; otherwise leave everything as it was and say why."""
    if not path.resolve().is_relative_to(data.resolve()):
        raise ScaffoldError(f"{path} is outside the data folder {data}")  # ids are checked; a last guard
    if path.exists():
        raise ScaffoldError(f"{path} exists already")
    problems: list[Problem] = []
    if _parse_model(text, relative_name(path, data), model, problems) is None:
        raise DataError(problems)
    made = [folder for folder in [path.parent, *path.parent.parents] if not folder.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _place(path, text, replace=False)
        try:
            load_library(data)
        except DataError as exc:
            own = [p for p in exc.problems if p.file == relative_name(path, data)]
            if own:
                path.unlink()
                raise DataError(own) from None
    except BaseException:
        for folder in made:
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    return path


def _place(path: Path, text: str, replace: bool) -> None:
    """Write `text` to a temporary file beside `path`, then move it into
    place in one step (a new file never replaces one that appeared meanwhile)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".styrdok-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if replace:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)
    except FileExistsError:
        raise ScaffoldError(f"{path} exists already") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _edit(path: Path, data: Path, text: str) -> None:
    """Replace a document file with `text` only if it still parses."""
    problems: list[Problem] = []
    if _parse_model(text, relative_name(path, data), Document, problems) is None:
        raise DataError(problems)
    _place(path, text, replace=True)


ORGANISATION_HEADER = """\
# yaml-language-server: $schema=../../schema/organisation.schema.json
# `actors`: every body, office and role the organisation's documents name,
# with its own Swedish name and a plain English one. Every municipality has a
# council and an executive board (kommunallagen); add the others its
# documents name.
"""


def new_organisation(data: Path, org_id: str, name_sv: str, name_en: str) -> Path:
    valid_id(org_id, "--id", urls.RESERVED_ORGANISATION_IDS)
    content = {
        "id": org_id,
        "name": {"sv": one_line(name_sv, "--name-sv"), "en": one_line(name_en, "--name-en")},
        "website": None,
        "actors": [
            {"id": "kommunfullmaktige", "name": {"sv": "Kommunfullmäktige", "en": "Municipal council"}, "kind": "council"},
            {"id": "kommunstyrelsen", "name": {"sv": "Kommunstyrelsen", "en": "Municipal executive board"},
             "kind": "executive_board"},
        ],
    }
    path = data / "organisations" / f"{org_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"--id: {path} exists already")
    return _write_new(data, path, _emit(ORGANISATION_HEADER, content), Organisation)


@dataclass(frozen=True)
class NewDocument:
    organisation: str
    type: str
    title_sv: str
    title_en: str
    adopted_by: str | None
    adopted_on: dt.date | None
    paragraph: str | None = None
    diary_number: str | None = None
    doc_id: str | None = None
    status: str = "in_force"  # or "proposal"


# Text that `new_document` writes for the editor to replace; `styrdok check` warns while it is left.
PLACEHOLDERS = ("Klistra in dokumentets text här, avsnitt för avsnitt.", "Write the plain English version here.")
NEW_STATUSES = ("in_force", "proposal")

DOCUMENT_HEADER = """\
# yaml-language-server: $schema=../../../schema/document.schema.json
# Fields the source does not give stay null: the site shows them as unknown.
# Every field is explained in CONTRIBUTING.md and schema/fields.md.
# `original`: where the published original is, and the date you retrieved it.
# `identifiers`: e.g. - {scheme: diary_number, value: "KS-2014/00860"}
# `scope`: what it applies to, e.g. applies_to: [{kind: organisation}, {kind: companies}]
# Review rules go in `review`, e.g.:
#   - kind: every_n_years
#     years: 4
#     duties: [follow_up, revision]
#     responsible: kommunstyrelsen
#     as_written: {sv: "…as the document says…", en: "…in plain English…"}
# Other kinds: by_year, by_date, yearly, once_per_term, and no_interval (the
# source says who, not when). duties: revision, follow_up (of the document),
# report (recurring reporting on the work, e.g. in the annual report).
"""


def new_document(data: Path, new: NewDocument) -> Path:
    organisation = valid_id(new.organisation, "--organisation")
    doc_type = valid_id(new.type, "--type")
    if new.doc_id is not None:
        doc_id = valid_id(new.doc_id, "--id", urls.RESERVED_DOCUMENT_IDS)
    else:
        doc_id = valid_id(slug(one_line(new.title_sv, "--title-sv") or ""), "--title-sv (made into an id; give one with --id)",
                          urls.RESERVED_DOCUMENT_IDS)
    if new.adopted_by is not None:
        valid_id(new.adopted_by, "--adopted-by")
    path = data / "documents" / organisation / f"{doc_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"--id: {path} exists already; choose another id with --id")
    if new.status not in NEW_STATUSES:
        raise ScaffoldError(f"--status: a new document has status {' or '.join(NEW_STATUSES)}, not {new.status!r}")
    content = {
        "organisation": organisation,
        "types": [doc_type],
        "title": {"sv": one_line(new.title_sv, "--title-sv"), "en": one_line(new.title_en, "--title-en")},
        "source_file": None,
        "original": {"url": None, "retrieved": None},
        "versions": {"sv": {"kind": "original"}, "en": {"kind": "plain_translation", "translated_from": "sv"}},
        "status": new.status,
        "owner": None,
        "responsible_officer": None,
        "decisions": [_Block(kind="proposed" if new.status == "proposal" else "adopted", body=new.adopted_by,
                             date=new.adopted_on, paragraph=one_line(new.paragraph, "--paragraph"),
                             diary_number=one_line(new.diary_number, "--diary-number"))],
        "identifiers": [],
        "scope": None,
        "published": None,
        "version": None,
        "validity": {"kind": "unknown"},
        "review": [],
        "relations": [],
        "sections": [{"id": "text", "heading": {"sv": "Text", "en": "Text"},
                      "body": _Block(sv=PLACEHOLDERS[0], en=PLACEHOLDERS[1])}],
    }
    return _write_new(data, path, _emit(DOCUMENT_HEADER, content), Document)


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
    if revision.body is not None:
        valid_id(revision.body, "--body")
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
    _edit(path, path.parents[2], text)
    return version


_REPLACED_BY = re.compile(r"^replaced_by:\s*\{\s*document:\s*([^\s}]+)\s*\}\s*$", re.M)


def keep_earlier(data: Path, doc_id: str, doc: Document, decided_on: dt.date) -> Path:
    """Before a revision, keep the outgoing text as a version of its own: a
    copy of the file beside it, with `status: revised` and `replaced_by`
    the current document, named after the date its wording began
    (`<name>-<YYYY-MM-DD>`; `<name>-fore-<date of the revision>` when the
    source gives no date). An earlier version that pointed to the current
    document now points to the kept copy, so the versions stay one line."""
    path = data / "documents" / f"{doc_id}.yaml"
    text = path.read_text(encoding="utf-8")
    dated = [d.date for d in doc.decisions if d.kind in ("revised", "adopted", "confirmed") and d.date is not None]
    name = doc_id.rsplit("/", 1)[1]
    earlier_id = f"{doc.organisation}/{name}-{max(dated).isoformat() if dated else 'fore-' + decided_on.isoformat()}"
    earlier = data / "documents" / f"{earlier_id}.yaml"
    pointing = []
    for other in sorted((data / "documents" / doc.organisation).glob("*.yaml")):
        other_text = other.read_text(encoding="utf-8")
        match = _REPLACED_BY.search(other_text)
        if match and match.group(1).strip("\"'") == doc_id and re.search(r"^status:\s*revised\s*$", other_text, re.M):
            pointing.append((other, other_text[:match.start()] + f"replaced_by: {{document: {earlier_id}}}"
                             + other_text[match.end():]))
    if re.search(r"^replaced_by:", text, re.M):
        raise ScaffoldError(f"{path}: a document with `replaced_by` is not the current version")
    kept = _set_top_level(text, "status", "revised")
    kept = re.sub(r"^(status: revised)$", rf"\1\nreplaced_by: {{document: {doc_id}}}",
                  kept, count=1, flags=re.M)
    _write_new(data, earlier, kept, Document)
    for other, other_text in pointing:
        _edit(other, data, other_text)
    return earlier


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
    _edit(path, path.parents[2], text)
    return fingerprint
