"""Load `policy_data/` into a validated, cross-checked `Library`.

Layout (see README):

    policy_data/document_types.yaml
    policy_data/organisations/<organisation>.yaml
    policy_data/documents/<organisation>/<document>.yaml

A document's id is `<organisation>/<document>` from its path, so URLs are
stable and need no second source of truth. All problems in all files are
collected before anything is raised, so an editor sees every mistake at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from styrdok.data.files import discover, read_text, shown
from styrdok.data.model import Actor, Document, DocumentTypes, DocumentType, Organisation, Section
from styrdok.data.problems import DataError, Problem, Severity, field_path, quoted
from styrdok.data.yaml_source import DuplicateKey, Positions, YamlSyntaxError, load_yaml
from styrdok.data import urls

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Located:
    """A loaded model with where it came from, so later checks can point at lines."""

    file: str
    positions: Positions


@dataclass
class LoadedDocument:
    id: str
    model: Document
    where: Located

    @property
    def organisation(self) -> str:
        return self.model.organisation


@dataclass
class Library:
    organisations: dict[str, Organisation] = field(default_factory=dict)
    types: dict[str, DocumentType] = field(default_factory=dict)
    documents: dict[str, LoadedDocument] = field(default_factory=dict)
    organisation_files: dict[str, Located] = field(default_factory=dict)
    notes: list[Problem] = field(default_factory=list)  # warnings about files left unread (data_files)

    def actor(self, organisation: str, actor_id: str) -> Actor:
        return self.actors(organisation)[actor_id]

    def actors(self, organisation: str) -> dict[str, Actor]:
        return {a.id: a for a in self.organisations[organisation].actors}

    def documents_of(self, organisation: str) -> list[LoadedDocument]:
        return [d for d in self.documents.values() if d.organisation == organisation]


def walk_sections(sections: list[Section], depth: int = 0) -> Iterator[tuple[Section, int]]:
    for section in sections:
        yield section, depth
        yield from walk_sections(section.sections, depth + 1)


# --- reading one file -----------------------------------------------------------

_EXPECTED = {
    "missing": "this field is required; write null if the source does not give it",
    "date_from_datetime_parsing": "a real date as YYYY-MM-DD",
    "date_parsing": "a real date as YYYY-MM-DD",
    "date_type": "a date as YYYY-MM-DD",
    "string_type": "text",
    "string_pattern_mismatch": "lower-case letters a–z, digits and hyphens",
    "literal_error": None,
    "bool_parsing": "true or false",
}


# Fields with a pattern that is not an id, and what their value must be.
_PATTERN_FIELDS = {
    "url": "an http(s) address (expected an address that starts with https:// or http://)",
    "website": "an http(s) address (expected an address that starts with https:// or http://)",
    "file": "a file under originals/ (expected e.g. originals/policy-2014.pdf)",
}


def _message(error: dict[str, Any], model: type[BaseModel]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see the field reference in the docs)"
    if kind == "union_tag_invalid":
        ctx = error.get("ctx", {})
        return f"unknown kind {ctx.get('tag')!r} (expected one of: {ctx.get('expected_tags', '')})"
    if kind == "union_tag_not_found":
        return "missing `kind` (it says which sort of rule this is)"
    message = error["msg"]
    if kind.startswith("value_error"):
        message = message.removeprefix("Value error, ")
    expected = _EXPECTED.get(kind)
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f"{quoted(error['input'])} is not a real date (expected {expected})"
    if kind == "string_pattern_mismatch":
        field = error["loc"][-1] if error.get("loc") else None
        if field in _PATTERN_FIELDS:
            return f"{quoted(error['input'])} is not {_PATTERN_FIELDS[field]}"
        return f"{quoted(error['input'])} is not a valid id (expected {expected})"
    if kind == "bool_parsing":
        return f"{quoted(error['input'])} is not true or false (expected {expected})"
    if kind == "missing":
        return f"missing ({expected})"
    if expected:
        return f"{message} (expected {expected})"
    return message


_RULE_KINDS = {"by_year", "by_date", "every_n_years", "once_per_term", "yearly", "no_interval"}


def _clean_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop pydantic's union tags from a location: they are not keys in the file."""
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and part in _RULE_KINDS and out and isinstance(out[-1], int):
            continue
        out.append(part)
    return tuple(out)


# An editor reads the first problems of a file and fixes them; thousands of
# lines (a list of 50,000 wrong items) would hide the rest of the report.
MAX_PROBLEMS_PER_FILE = 50

# The last valid result per file and model: (a digest of the file's text, what
# it gave). A long-lived process (`mkdocs serve`) then parses only the files an
# editor changed; the models are frozen, so sharing them between loads is safe.
# The digest, not the text, is kept: the texts of 3,000 documents take about
# 80 MB (docs/benchmark.md).
_last_read: dict[tuple[str, str, str], tuple[bytes, tuple[Any, Located]]] = {}


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).digest()


def read_model(path: Path, root: Path, model: type[M], problems: list[Problem]) -> tuple[M, Located] | None:
    """Parse and validate one file; on failure add problems and return None.
    An unchanged file gives the very same objects as last time (`is`)."""
    name = shown(path, root)
    text = read_text(path, root, problems)
    if text is None:
        return None
    key = (str(path.absolute()), name, model.__name__)
    last = _last_read.get(key)
    digest = _digest(text)
    if last is not None and last[0] == digest:
        return last[1]
    result = _parse_model(text, name, model, problems)
    if result is not None:
        _last_read[key] = (digest, result)
    return result


def _parse_model(text: str, name: str, model: type[M], problems: list[Problem]) -> tuple[M, Located] | None:
    try:
        data, positions = load_yaml(text)
    except YamlSyntaxError as exc:
        problems.append(Problem(name, exc.line, exc.column, field_path(exc.path), exc.message))
        return None
    except DuplicateKey as exc:
        problems.append(
            Problem(name, exc.line, exc.column, exc.key, f"appears twice (first on line {exc.first_line}); keep one")
        )
        return None
    if not isinstance(data, dict):
        found = "nothing" if data is None else "a list" if isinstance(data, list) else "a single value"
        problems.append(Problem(name, *positions.find(()), "",
                                f"expected a mapping of fields (key: value) at the top of the file, found {found}"))
        return None
    try:
        return model.model_validate(data), Located(name, positions)
    except ValidationError as exc:
        errors = exc.errors()
        if len(errors) > MAX_PROBLEMS_PER_FILE:
            line, column = positions.find(_clean_loc(errors[MAX_PROBLEMS_PER_FILE]["loc"]))
            problems.append(Problem(name, line, column, "", f"{len(errors) - MAX_PROBLEMS_PER_FILE:,} more problems "
                                    "in this file are not listed; fix the ones above first"))
        for error in errors[:MAX_PROBLEMS_PER_FILE]:
            loc = _clean_loc(error["loc"])
            if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc += ("kind",)
            line, column = positions.find(loc)
            problems.append(Problem(name, line, column, field_path(loc), _message(error, model)))
        return None


# --- the whole library ------------------------------------------------------------


def load_library(root: Path) -> Library:
    """Load and check everything under `root`; raise DataError with all problems."""
    problems: list[Problem] = []
    library = Library()
    if not root.is_dir():
        raise DataError([Problem(str(root), 1, 1, "", "the data folder does not exist")])

    files = discover(root, problems)
    library.notes = files.notes
    types_where: Located | None = None
    if files.types is not None and (loaded := read_model(files.types, root, DocumentTypes, problems)):
        types, where = loaded
        library.types = _unique(types.types, "types", where, problems)
        types_where = where
    for path in files.organisations:
        if loaded_org := read_model(path, root, Organisation, problems):
            org, where = loaded_org
            if org.id != path.stem:
                problems.append(at(where, ("id",), f"{org.id!r} differs from the file name; expected {path.stem!r}"))
            else:
                library.organisations[org.id] = org
                library.organisation_files[org.id] = where
                _check_actors(org, where, problems)
    for path in files.documents:
        if loaded_doc := read_model(path, root, Document, problems):
            doc, where = loaded_doc
            doc_id = f"{path.parent.name}/{path.stem}"
            if doc.organisation != path.parent.name:
                problems.append(
                    at(where, ("organisation",), f"{doc.organisation!r} differs from the folder; expected {path.parent.name!r}")
                )
            library.documents[doc_id] = LoadedDocument(doc_id, doc, where)

    if types_where is not None:
        _check_type_definitions(library, types_where, problems)
    for loaded_document in library.documents.values():
        _check_document(library, loaded_document, problems)
    check_addresses(library, problems)
    _check_replacements(library, problems)
    if problems:
        raise DataError(problems)
    return library


def check_addresses(library: Library, problems: list[Problem]) -> None:
    """Refuse organisation and document ids that are names the site uses
    itself (urls.RESERVED_*): such a page would silently overwrite, or be
    overwritten by, a page the site generates or ships."""
    for org_id, where in library.organisation_files.items():
        if org_id in urls.RESERVED_ORGANISATION_IDS:
            problems.append(at(where, ("id",), _reserved(org_id, urls.RESERVED_ORGANISATION_IDS)))
    for doc_id, loaded in library.documents.items():
        name = doc_id.rsplit("/", 1)[-1]
        if name in urls.RESERVED_DOCUMENT_IDS:
            problems.append(Problem(loaded.where.file, 1, 1, "file name", _reserved(name, urls.RESERVED_DOCUMENT_IDS)))


def _reserved(value: str, reserved: frozenset[str]) -> str:
    return f"{value!r} is a name the site uses itself; choose another (reserved: {', '.join(sorted(reserved))})"


def _check_replacements(library: Library, problems: list[Problem]) -> None:
    """`replaced_by` and `replaces` relations must not go round in a circle:
    each document would be shown as replaced by one that it replaces."""
    # old → new, each with where it is written
    edges: dict[str, dict[str, tuple[Located, tuple[str | int, ...]]]] = {}
    for doc_id, loaded in sorted(library.documents.items()):
        successor = loaded.model.replaced_by.document if loaded.model.replaced_by else None
        if successor in library.documents and successor != doc_id:  # replacing itself: see _check_document
            edges.setdefault(doc_id, {}).setdefault(successor, (loaded.where, ("replaced_by", "document")))
        for index, relation in enumerate(loaded.model.relations):
            if relation.kind == "replaces" and relation.document in library.documents and relation.document != doc_id:
                edges.setdefault(relation.document, {}).setdefault(
                    doc_id, (loaded.where, ("relations", index, "document")))
    reported: set[frozenset[str]] = set()
    for cycle in _cycles(edges):
        if frozenset(cycle) in reported:
            continue
        reported.add(frozenset(cycle))
        where, path = edges[cycle[0]][cycle[1]]
        shown = " → ".join([*cycle, cycle[0]])
        problems.append(at(where, path, f"replacements go round in a circle ({shown}, each replaced by the next); "
                                        "a document cannot in the end replace itself"))


def _cycles(edges: dict[str, dict[str, Any]]) -> Iterator[list[str]]:
    """Each circle found by a depth-first walk, starting from its smallest id."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(edges):
        if start in state:
            continue
        path: list[str] = [start]
        state[start] = 1
        todo = [iter(sorted(edges.get(start, {})))]
        while todo:
            following = next(todo[-1], None)
            if following is None:
                todo.pop()
                state[path.pop()] = 2
            elif state.get(following) == 1:
                cycle = path[path.index(following):]
                low = cycle.index(min(cycle))
                yield cycle[low:] + cycle[:low]
            elif following not in state:
                state[following] = 1
                path.append(following)
                todo.append(iter(sorted(edges.get(following, {}))))


def at(where: Located, path: tuple[str | int, ...], message: str, severity: Severity = Severity.ERROR) -> Problem:
    line, column = where.positions.find(path)
    return Problem(where.file, line, column, field_path(path), message, severity)


def _unique(items: list[Any], key: str, where: Located, problems: list[Problem]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for index, item in enumerate(items):
        if item.id in out:
            problems.append(at(where, (key, index, "id"), f"duplicate id {item.id!r}; ids must be unique"))
        out[item.id] = item
    return out


def _check_actors(org: Organisation, where: Located, problems: list[Problem]) -> None:
    ids = _unique(org.actors, "actors", where, problems)
    for index, actor in enumerate(org.actors):
        if actor.part_of is not None and actor.part_of not in ids:
            problems.append(at(where, ("actors", index, "part_of"), _unknown("actor", actor.part_of, ids)))


def _unknown(what: str, value: str, known: Any) -> str:
    choices = ", ".join(sorted(known)) or "none defined"
    return f"unknown {what} {value!r} (expected one of: {choices})"


def _check_type_definitions(library: Library, where: Located, problems: list[Problem]) -> None:
    for t_index, doc_type in enumerate(library.types.values()):
        for d_index, definition in enumerate(doc_type.definitions):
            path: tuple[str | int, ...] = ("types", t_index, "definitions", d_index)
            if definition.organisation not in library.organisations:
                problems.append(at(where, path + ("organisation",), _unknown("organisation", definition.organisation, library.organisations)))
            if definition.source not in library.documents:
                problems.append(at(where, path + ("source",), _unknown("document", definition.source, library.documents)))


def _check_document(library: Library, loaded: LoadedDocument, problems: list[Problem]) -> None:
    doc, where = loaded.model, loaded.where
    if doc.organisation not in library.organisations:
        problems.append(at(where, ("organisation",), _unknown("organisation", doc.organisation, library.organisations)))
        return
    actors = library.actors(doc.organisation)

    def actor_ref(path: tuple[str | int, ...], value: str | None) -> None:
        if value is not None and value not in actors:
            problems.append(at(where, path, _unknown(f"actor of {doc.organisation}", value, actors)))

    def document_ref(path: tuple[str | int, ...], value: str | None) -> None:
        if value is not None and value not in library.documents:
            problems.append(at(where, path, _unknown("document", value, library.documents)))

    for path, message in doc.life_problems():
        problems.append(at(where, path, message))
    for index, type_id in enumerate(doc.types):
        if type_id not in library.types:
            problems.append(at(where, ("types", index), _unknown("document type", type_id, library.types)))
    for key in ("owner", "responsible_officer", "contact"):
        actor_ref((key,), getattr(doc, key))
    for index, decision in enumerate(doc.decisions):
        actor_ref(("decisions", index, "body"), decision.body)
    for index, follow_up in enumerate(doc.follow_ups):
        actor_ref(("follow_ups", index, "body"), follow_up.body)
    for index, rule in enumerate(doc.review):
        actor_ref(("review", index, "responsible"), rule.responsible)
    if doc.scope is not None:
        for index, part in enumerate(doc.scope.applies_to):
            actor_ref(("scope", "applies_to", index, "actor"), part.actor)
    if doc.replaced_by is not None:
        document_ref(("replaced_by", "document"), doc.replaced_by.document)
        if doc.replaced_by.document == loaded.id:
            problems.append(at(where, ("replaced_by", "document"), "a document cannot replace itself"))
    for index, relation in enumerate(doc.relations):
        document_ref(("relations", index, "document"), relation.document)
        if relation.document == loaded.id:
            problems.append(at(where, ("relations", index, "document"), "a document cannot relate to itself"))

    languages = set(doc.versions)
    _check_languages(where, ("title",), doc.title, languages, problems)
    # A partial version gives the title, and text only for the sections it covers.
    languages = {lang for lang in languages if not doc.versions[lang].partial}
    seen: dict[str, tuple[str | int, ...]] = {}
    for path, section in sections_with_paths(doc.sections, ("sections",)):
        if section.id in seen:
            problems.append(at(where, path + ("id",), f"duplicate section id {section.id!r}; section ids must be unique in a document"))
        if section.id in urls.DOCUMENT_ANCHORS.all():
            problems.append(at(where, path + ("id",), f"{section.id!r} is an anchor the document page uses itself; choose another "
                                                      f"(reserved: {', '.join(sorted(urls.DOCUMENT_ANCHORS.all()))})"))
        seen[section.id] = path
        _check_languages(where, path + ("heading",), section.heading, languages, problems)
        if section.body:
            _check_languages(where, path + ("body",), section.body, languages, problems)
        for r_index, responsibility in enumerate(section.responsibilities):
            actor_ref(path + ("responsibilities", r_index, "actor"), responsibility.actor)
            for d_index, duty in enumerate(responsibility.duties):
                _check_languages(where, path + ("responsibilities", r_index, "duties", d_index), duty, languages, problems)


def sections_with_paths(
    sections: list[Section], prefix: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Section]]:
    for index, section in enumerate(sections):
        path = prefix + (index,)
        yield path, section
        yield from sections_with_paths(section.sections, path + ("sections",))


def _check_languages(where: Located, path: tuple[str | int, ...], text: Any, languages: set[str], problems: list[Problem]) -> None:
    """Every text of a document is given in each language its `versions` list."""
    for language in sorted(languages):
        if text.get(language) is None:
            problems.append(at(where, path, f"no {language!r} text, but `versions` lists {language!r}; add `{language}:`"))
