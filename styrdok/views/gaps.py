"""Gaps in the data that an editor should look at: not errors (the data is
valid), but places where a reader would find no answer.

- a follow-up or revision rule that names no one to do it;
- a document with no owner;
- an actor that no document gives anything to do;
- a role that a text names but the organisation does not list as an actor;
- a translation made from an older version of the original text;
- a document in force with no decision that adopted it;
- placeholder text that `styrdok new` wrote and nobody replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from styrdok.views.history import stale_translations
from styrdok.data.library import Library, LoadedDocument, at, sections_with_paths
from styrdok.data.model import Section, texts
from styrdok.data.problems import Problem, Severity
from styrdok.data.scaffold import PLACEHOLDERS

# Role nouns that name a person's job in Swedish texts.
_ROLE_NOUNS = ("samordnare", "strateg", "projektutvecklare", "handläggare", "kontaktperson", "tjänsteman")
_ROLE = re.compile(r"\b\w*(?:" + "|".join(_ROLE_NOUNS) + r")(?:en|er|erna|n|na|ns|ens)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Gap:
    kind: str  # a key in words.yaml: gap_<kind>
    organisation: str
    doc_id: str | None
    subject: str  # actor id, role word or rule position, for the message
    problem: Problem


# Each document's gaps, with the objects they were found from. The preview
# (`mkdocs serve`) keeps the library between rebuilds, and an unchanged file
# gives the very same model objects (library.read_model), so a document's
# gaps stay right while its model and its organisation are the same objects
# (`is`): after an edit only the edited document is looked at again. In a
# one-off build every look-up misses.
_found: dict[str, tuple[tuple[object, ...], tuple[list[Gap], set[str]]]] = {}


def _document_gaps_kept(library: Library, doc_id: str, loaded: LoadedDocument) -> tuple[list[Gap], set[str]]:
    inputs = (loaded.model, loaded.where, library.organisations[loaded.organisation])
    kept = _found.get(doc_id)
    if kept is not None and all(a is b for a, b in zip(kept[0], inputs)):
        return kept[1]
    result = _document_gaps(library, doc_id, loaded)
    _found[doc_id] = (inputs, result)
    return result


def find_gaps(library: Library) -> list[Gap]:
    gaps: list[Gap] = []
    used: dict[str, set[str]] = {org: set() for org in library.organisations}
    for doc_id, loaded in sorted(library.documents.items()):
        org = loaded.organisation
        found, actors = _document_gaps_kept(library, doc_id, loaded)
        gaps.extend(found)
        used[org].update(actors)
    for org_id, org in sorted(library.organisations.items()):
        for index, actor in enumerate(org.actors):
            has_parts = any(a.part_of == actor.id for a in org.actors)
            if actor.id not in used[org_id] and not has_parts:
                gaps.append(Gap("actor_without_duties", org_id, None, actor.id, at(
                    library.organisation_files[org_id], ("actors", index, "id"),
                    f"no document gives {actor.id!r} a duty or a role", Severity.WARNING)))
    return gaps


def _document_gaps(library: Library, doc_id: str, loaded: LoadedDocument) -> tuple[list[Gap], set[str]]:
    """One document's gaps, and the actors it gives a duty or a role."""
    gaps: list[Gap] = []
    doc, org, where = loaded.model, loaded.organisation, loaded.where
    used = {a for a in (doc.owner, doc.responsible_officer, doc.contact) if a}
    used.update(d.body for d in doc.decisions if d.body)
    if doc.owner is None:
        gaps.append(Gap("no_owner", org, doc_id, "", at(where, ("owner",), "no owner (dokumentägare) is recorded; "
                        "if the source names none, leave null and ask the organisation", Severity.WARNING)))
    for index, rule in enumerate(doc.review):
        if rule.responsible is None:
            gaps.append(Gap("rule_without_actor", org, doc_id, str(index),
                            at(where, ("review", index, "responsible"), "the rule names no one to do it", Severity.WARNING)))
        else:
            used.add(rule.responsible)
    if doc.status == "in_force" and doc.adoption is None:
        gaps.append(Gap("no_decision", org, doc_id, "", at(
            where, ("decisions",), "the document is in force, but no decision of kind adopted is recorded; "
            "add it (body and date may be null), or change the status", Severity.WARNING)))
    for path, text in texts(doc):
        for language in ("sv", "en"):
            if (value := text.get(language)) and any(p in value for p in PLACEHOLDERS):
                gaps.append(Gap("placeholder", org, doc_id, ".".join(map(str, path)), at(
                    where, path + (language,), "placeholder text left by `styrdok new`; replace it with the "
                    "document's own words", Severity.WARNING)))
    for language in stale_translations(doc):
        state = ("is not yet marked as matching the original text" if doc.versions[language].translates is None
                 else "was made from another version of the original text")
        gaps.append(Gap("stale_translation", org, doc_id, language, at(
            where, ("versions", language), f"the {language!r} translation {state}; when it matches, "
            f"run `styrdok translated {doc_id}`", Severity.WARNING)))
    known = [a.name.sv.lower() for a in library.organisations[org].actors]
    for path, section in sections_with_paths(doc.sections, ("sections",)):
        used.update(r.actor for r in section.responsibilities)
        for word in sorted(_role_words(section)):
            noun = next(n for n in _ROLE_NOUNS if n in word.lower())
            if not any(noun in name for name in known):
                gaps.append(Gap("unlisted_role", org, doc_id, word, at(
                    where, path + ("id",), f"section {section.id!r} names a {word!r}, but {org} lists no actor "
                    f"whose name contains {noun!r}", Severity.WARNING)))
    return gaps, used


def _role_words(section: Section) -> set[str]:
    texts = [section.body.sv if section.body else None]
    texts += [d.sv for r in section.responsibilities for d in r.duties]
    return {m.group(0) for text in texts if text for m in _ROLE.finditer(text)}


def warnings(library: Library) -> list[Problem]:
    return [gap.problem for gap in find_gaps(library)]
