"""The page plan: every file a build will write, where the site publishes
it, which data it comes from, and which documents and organisations it
shows. Checked before a single page is rendered.

What a file shows (`Depends`) is declared where the file is planned, so the
preview (`mkdocs serve`) renders again exactly the files an edit touches
(`Change`), with no second list of rules to keep in step with the renderer.

Two files published at one address would silently replace each other (an
organisation named like a generated page, a document named like its
organisation's page, a page named like a hand-written one). The reserved
ids (`urls.RESERVED_*`, refused when the library is loaded) keep the known
cases out; this check is the guarantee: whatever the ids, no address is
made twice, and an overwrite is a located error that names the data behind
both files. `pages.build_pages` plans its files (name, origin, how to
render) first, checks them here, then renders them one at a time, so pages
still stream to disk. This is the first piece of a page plan: the plan can
take over `Planned` and `check_unique` as they are.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from styrdok.data.library import Library, Located, at
from styrdok.data.problems import Problem
from styrdok.data.urls import DEFAULT_LANGUAGE, OTHER_LANGUAGES


@dataclass(frozen=True)
class Origin:
    """What a generated file is made from: a place in a data file, or the
    site itself (`where` is None: a page about the whole library)."""

    what: str  # e.g. "the page of document testby/index"
    where: Located | None = None
    path: tuple[str | int, ...] = ()

    def problem(self, message: str) -> Problem:
        if self.where is None:  # a page of the site against a hand-written one: no data file to point at
            return Problem("(the site)", 1, 1, "", message)
        if not self.path:
            return Problem(self.where.file, 1, 1, "file name", message)
        return at(self.where, self.path, message)

    def describe(self) -> str:
        return self.what if self.where is None else f"{self.what} (from {self.where.file})"


@dataclass(frozen=True)
class Change:
    """What an edit changed: documents and organisations (added, removed or
    edited), or `everything` (the document types, which every page names)."""

    documents: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    everything: bool = False


def change_between(old: Library, new: Library) -> Change:
    """The documents and organisations that differ. An unchanged file gives
    the very same model object (library.read_model), so `is` settles most."""
    if old.types != new.types:
        return Change(everything=True)

    def differ(a: object, b: object) -> bool:
        return a is not b and a != b

    documents = {d for d in old.documents.keys() | new.documents.keys()
                 if d not in old.documents or d not in new.documents
                 or differ(old.documents[d].model, new.documents[d].model)}
    organisations = {o for o in old.organisations.keys() | new.organisations.keys()
                     if differ(old.organisations.get(o), new.organisations.get(o))}
    return Change(frozenset(documents), frozenset(organisations))


@dataclass(frozen=True)
class Depends:
    """The data a file shows: the whole library (`everything`: the home
    page, the calendar, the comparison...), or these documents and
    organisations (a document's page shows its own, its organisation's
    names and the titles of the documents it links with)."""

    documents: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    everything: bool = False

    def touched_by(self, change: Change) -> bool:
        return self.everything or change.everything or not self.documents.isdisjoint(change.documents) \
            or not self.organisations.isdisjoint(change.organisations)


EVERYTHING = Depends(everything=True)


@dataclass(frozen=True)
class Planned:
    name: str  # docs-relative file name, e.g. "testby/index.en.md"
    origin: Origin
    render: Callable[[], str]
    depends: Depends = EVERYTHING


def to_render_again(planned: Iterable[Planned], before: dict[str, Depends], change: Change) -> set[str]:
    """The files an edit can change: new files, and those whose data, as
    declared now or at the last render, the edit touched (a link removed
    leaves the page it pointed to showing it until rendered again)."""
    return {page.name for page in planned
            if page.name not in before or page.depends.touched_by(change) or before[page.name].touched_by(change)}


def site_path(name: str) -> str:
    """Where MkDocs publishes a docs file, with mkdocs-static-i18n's suffix
    layout and directory URLs: `kalender/index.en.md` → `en/kalender/`,
    `jamforelse.md` → `jamforelse/`, `testby/atom.en.xml` → `en/testby/atom.xml`."""
    stem, extension = posixpath.splitext(name)
    base, dot, suffix = stem.rpartition(".")
    language = DEFAULT_LANGUAGE
    if dot and suffix in OTHER_LANGUAGES:
        stem, language = base, suffix
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    if extension != ".md":
        return prefix + stem + extension
    folder, _, last = stem.rpartition("/")
    if last == "index":
        return prefix + (f"{folder}/" if folder else "")
    return prefix + stem + "/"


def check_unique(planned: Iterable[Planned], hand_written: Iterable[str] = ()) -> list[Problem]:
    """A problem for every planned file published where a hand-written file
    or an earlier planned file already is."""
    taken: dict[str, str] = {site_path(name): f"the hand-written file docs/{name}" for name in hand_written}
    problems: list[Problem] = []
    for page in planned:
        address = site_path(page.name)
        other = taken.get(address)
        if other is not None:
            problems.append(page.origin.problem(
                f"{page.origin.what} would be published at /{address}, where {other} is already; "
                "one would replace the other: choose another id"))
        else:
            taken[address] = page.origin.describe()
    return problems
