"""`mkdocs serve` renders only what an edit can change: the files whose
declared data (`plan.Depends`, set where each file is planned) the edit
touched (`plan.Change`).

The only thing that matters is that the result is the same as rendering
everything: each edit below is applied to a synthetic library, rendered on
top of the previous pages, and compared file by file with a full render.
What is rendered again must also really be smaller than everything, or the
preview would be as slow as a build.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from styrdok.build import site
from styrdok.data.library import load_library
from styrdok.render.pages import build_pages, plan_pages, render_planned
from styrdok.render.plan import change_between, to_render_again


TODAY = dt.date(2026, 11, 23)


def _linked_document(data: Path) -> Path:
    """A document that links to another one in the library."""
    return next(p for p in sorted((data / "documents").glob("*/*.yaml"))
                if re.search(r"^  document: ", p.read_text(encoding="utf-8"), re.M))


def _edit(pattern: str, replacement: str) -> Callable[[Path], Path]:
    def edit(data: Path) -> Path:
        path = _linked_document(data)
        text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.M)
        assert count == 1, f"{pattern!r} not found in {path}"
        path.write_text(text, encoding="utf-8")
        return path
    return edit


def _retarget(data: Path) -> Path:
    """Point the first link at another document of the library."""
    path = _linked_document(data)
    text = path.read_text(encoding="utf-8")
    current = re.search(r"^  document: (.*)$", text, re.M).group(1)
    other = next(f"{p.parent.name}/{p.stem}" for p in sorted((data / "documents").glob("*/*.yaml"))
                 if f"{p.parent.name}/{p.stem}" not in (current, f"{path.parent.name}/{path.stem}"))
    path.write_text(text.replace(f"  document: {current}\n", f"  document: {other}\n", 1), encoding="utf-8")
    return path


EDITS = {
    "title": _edit(r"^(title:\n  sv: .*)$", r"\1 (reviderad)"),
    "the document it links to": _retarget,
    "a link removed": _edit(r"^- kind: \w+\n  document: .*\n", ""),
    "a duty": _edit(r"^(    - sv: .*)$", r"\1 Och mer."),
    "adopted date": _edit(r"^(  date: )\d{4}-\d\d-\d\d$", r"\g<1>2019-02-03"),
}


class Counting(dict):
    """A page store that counts the pages rendered into it."""

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.rendered = 0

    def __setitem__(self, key: str, value: str) -> None:
        self.rendered += 1
        super().__setitem__(key, value)


def _again(before, after) -> set[str]:
    """The files the preview renders again after the edit from `before` to `after`."""
    depends = {page.name: page.depends for page in plan_pages(before, TODAY)}
    return to_render_again(plan_pages(after, TODAY), depends, change_between(before, after))


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_rendering_what_an_edit_touches_gives_the_same_pages_as_rendering_all(
        synthetic_data: Path, tmp_path: Path, edit: str) -> None:
    data = tmp_path / "policy_data"
    shutil.copytree(synthetic_data, data)
    before = load_library(data)
    pages = Counting(build_pages(before, TODAY))
    everything = len(pages)
    EDITS[edit](data)
    after = load_library(data)
    pages.rendered = 0
    render_planned(plan_pages(after, TODAY), out=pages, only=_again(before, after))
    assert 0 < pages.rendered < everything / 3, f"{pages.rendered} of {everything} pages rendered again"
    full = build_pages(after, TODAY)
    assert pages.keys() == full.keys()
    assert [name for name in full if pages[name] != full[name]] == []


def test_unchanged_files_give_the_same_models_and_nothing_to_render(synthetic_data: Path) -> None:
    first, second = load_library(synthetic_data), load_library(synthetic_data)
    assert all(second.documents[d].model is first.documents[d].model for d in first.documents)
    change = change_between(first, second)
    assert (change.documents, change.organisations, change.everything) == (frozenset(), frozenset(), False)
    assert _again(first, second) == {page.name for page in plan_pages(second, TODAY) if page.depends.everything}


@pytest.mark.parametrize("change", ["new document", "organisation file", "new owner", "document types"])
def test_wider_changes_give_the_same_pages_too(synthetic_data: Path, tmp_path: Path, change: str) -> None:
    """Adding a document, renaming an organisation, a new owner (a new
    calendar page) or the document types: what is rendered again still gives
    the pages of a full render."""
    data = tmp_path / "policy_data"
    shutil.copytree(synthetic_data, data)
    before = load_library(data)
    pages = build_pages(before, TODAY)
    doc = _linked_document(data)
    if change == "new document":
        shutil.copy(doc, doc.with_name("kopia.yaml"))
    elif change == "organisation file":
        org = data / "organisations" / f"{doc.parent.name}.yaml"
        org.write_text(re.sub(r"^(  name:\n    sv: .*)$", r"\1 X", org.read_text(encoding="utf-8"), count=1, flags=re.M),
                       encoding="utf-8")
    elif change == "new owner":
        actors = load_library(data).actors(doc.parent.name)
        owners = {d.model.owner for d in before.documents_of(doc.parent.name)}
        unused = next(a for a in sorted(actors) if a not in owners)
        doc.write_text(re.sub(r"^owner: .*$", f"owner: {unused}", doc.read_text(encoding="utf-8"), count=1, flags=re.M),
                       encoding="utf-8")
    else:
        types = data / "document_types.yaml"
        types.write_text(re.sub(r"^(    sv: )", r"\1Ny ", types.read_text(encoding="utf-8"), count=1, flags=re.M),
                         encoding="utf-8")
    after = load_library(data)
    edit = change_between(before, after)
    assert edit.everything or edit.documents or edit.organisations, "the edit changed nothing"
    assert edit.everything == (change == "document types")
    planned = plan_pages(after, TODAY)
    full = build_pages(after, TODAY)
    pages = {name: text for name, text in pages.items() if name in full}  # a file no longer planned is removed
    render_planned(planned, out=pages, only=_again(before, after))
    assert pages.keys() == full.keys()
    assert [name for name in full if pages[name] != full[name]] == []


def test_serve_writes_the_same_files_as_a_build(synthetic_data: Path, tmp_path: Path) -> None:
    """Through `site.generate` as `mkdocs serve` runs it (twice, keeping the library)."""
    data = tmp_path / "policy_data"
    shutil.copytree(synthetic_data, data)
    served, built = tmp_path / "served", tmp_path / "built"
    served.mkdir()
    built.mkdir()
    site.generate(data, served, TODAY, serving=True)
    EDITS["title"](data)
    changed = site.generate(data, served, TODAY, serving=True)
    assert 0 < len(changed) < 60
    site.generate(data, built, TODAY)  # as `mkdocs build`: everything
    files = sorted(p.relative_to(served) for p in served.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(built) for p in built.rglob("*") if p.is_file())
    assert [f for f in files if (served / f).read_bytes() != (built / f).read_bytes()] == []
