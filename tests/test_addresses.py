"""Addresses can't collide, and a build writes all or nothing (issue 11, 5 and 9).

- The reserved ids are complete: every name at the top of the built site
  and of docs/ is reserved or an organisation's id, and every name in an
  organisation's folder is reserved or one of its documents.
- Two files planned for one published address are a located error that
  names both sources, before anything is written.
- A build that fails while rendering or while moving its files into place
  leaves docs/ as it was (or, part-way through the move, nothing the next
  build keeps), and the next good build publishes no ghost page.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from styrdok.build import generated_files, site
from styrdok.render import pages
from styrdok.data import urls
from styrdok.data.library import load_library
from styrdok.render.plan import site_path
from styrdok.data.problems import DataError

from .bad_input.harness import tree_digest
from .conftest import DOCUMENT, ORGANISATION, write_library
from .site_build import PROJECT, built_site

TODAY = dt.date(2026, 11, 23)


def _names(folder: Path) -> set[str]:
    return {urls.top_name(p.name) for p in folder.iterdir() if not p.name.startswith(".")}


def test_every_name_at_the_top_of_the_site_and_of_docs_is_reserved() -> None:
    site_dir = built_site()
    organisations = set(load_library(PROJECT / "policy_data").organisations)
    assert organisations, "the real library has organisations"
    for folder in (site_dir, PROJECT / "docs"):
        unreserved = _names(folder) - organisations - urls.RESERVED_ORGANISATION_IDS
        assert not unreserved, f"{folder}: names the site uses that an organisation could take: {sorted(unreserved)}"
    # The same for the English site: nothing more than the Swedish one.
    assert not _names(site_dir / "en") - organisations - urls.RESERVED_ORGANISATION_IDS


def test_every_name_in_an_organisations_folder_is_reserved() -> None:
    site_dir = built_site()
    library = load_library(PROJECT / "policy_data")
    for org_id in library.organisations:
        documents = {d.rsplit("/", 1)[1] for d in library.documents if d.startswith(org_id + "/")}
        for folder in (site_dir / org_id, site_dir / "en" / org_id):
            unreserved = _names(folder) - documents - urls.RESERVED_DOCUMENT_IDS
            assert not unreserved, f"{folder}: names a document could take: {sorted(unreserved)}"


@pytest.mark.parametrize("name, published", [
    ("index.md", ""), ("index.en.md", "en/"), ("jamforelse.md", "jamforelse/"), ("kalender/index.en.md", "en/kalender/"),
    ("testby/ansvar.md", "testby/ansvar/"), ("testby/atom.en.xml", "en/testby/atom.xml"),
    ("kalender/testby/kalender.ics", "kalender/testby/kalender.ics"), ("assets/views.css", "assets/views.css"),
])
def test_site_path_is_where_mkdocs_publishes_a_file(name: str, published: str) -> None:
    assert site_path(name) == published


def test_the_plan_names_every_file_the_build_writes(synthetic_data: Path) -> None:
    library = load_library(synthetic_data)
    planned = [p.name for p in pages.plan_pages(library, TODAY)]
    assert len(planned) == len(set(planned))
    assert set(planned) == set(pages.build_pages(library, TODAY))


def test_two_inputs_for_one_address_name_both_before_anything_is_written(tmp_path: Path, monkeypatch) -> None:
    """The reserved ids keep this out of the loader; the plan is the guarantee."""
    data = write_library(tmp_path)
    (data / "documents/testby/index.yaml").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.setattr(urls, "RESERVED_DOCUMENT_IDS", frozenset())
    docs = tmp_path / "docs"
    docs.mkdir()
    with pytest.raises(DataError) as refused:
        site.generate(data, docs, TODAY)
    assert re.search(r"^policy_data/documents/testby/index\.yaml:1:1: file name: the page of document 'testby/index' "
                     r"would be published at /testby/, where the page of organisation 'testby' \(from "
                     r"policy_data/organisations/testby\.yaml\) is already", refused.value.report(), re.M), refused.value.report()
    assert tree_digest(docs) == {}


def test_a_page_where_a_hand_written_page_is_is_refused(tmp_path: Path) -> None:
    data = write_library(tmp_path)
    (data / "organisations/hjalp.yaml").write_text(ORGANISATION.replace("id: testby", "id: hjalp"), encoding="utf-8")
    docs = tmp_path / "docs"
    (docs / "hjalp").mkdir(parents=True)
    (docs / "hjalp.md").write_text("# Hjälp\n", encoding="utf-8")
    before = tree_digest(docs)
    with pytest.raises(DataError) as refused:
        site.generate(data, docs, TODAY)
    assert re.search(r"^policy_data/organisations/hjalp\.yaml:\d+:\d+: id: the page of organisation 'hjalp' would be "
                     r"published at /hjalp/, where the hand-written file docs/hjalp\.md is already",
                     refused.value.report(), re.M), refused.value.report()
    assert tree_digest(docs) == before


def test_a_hand_written_page_where_the_site_has_one_is_refused(tmp_path: Path) -> None:
    data = write_library(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kalender.md").write_text("# Kalender\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"a page of the site itself would be published at /kalender/, "
                                        r"where the hand-written file docs/kalender\.md is already"):
        site.generate(data, docs, TODAY)
    assert sorted(p.name for p in docs.iterdir()) == ["kalender.md"]


def _two_documents(tmp_path: Path) -> tuple[Path, Path]:
    data = write_library(tmp_path / "project")
    extra = data / "documents/testby/x-policy.yaml"
    extra.write_text(DOCUMENT.replace("Testpolicy", "Ny policy"), encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "om.md").write_text("# Om\n", encoding="utf-8")
    return data, docs


def test_a_render_that_fails_part_way_leaves_docs_as_it_was(tmp_path: Path, monkeypatch) -> None:
    data, docs = _two_documents(tmp_path)
    extra = data / "documents/testby/x-policy.yaml"
    extra.unlink()
    site.generate(data, docs, TODAY)  # a good build of one document
    good = tree_digest(docs)
    extra.write_text(DOCUMENT.replace("Testpolicy", "Ny policy"), encoding="utf-8")
    rendered: list[str] = []
    real = pages.document_page

    def fails_on_the_new_document(ctx: pages.PageContext, loaded) -> str:
        rendered.append(loaded.id)
        if loaded.id == "testby/x-policy":
            raise RuntimeError("a writer failed")
        return real(ctx, loaded)

    monkeypatch.setattr(pages, "document_page", fails_on_the_new_document)
    monkeypatch.setattr(site, "_can_fork", lambda: False)  # in this process, to see what was rendered
    with pytest.raises(RuntimeError, match="a writer failed"):
        site.generate(data, docs, TODAY)
    assert "testby/testpolicy" in rendered, "the failure came after other pages were rendered"
    assert tree_digest(docs) == good, "a failed build changed docs/"
    monkeypatch.undo()

    extra.unlink()  # the editor removes the file that broke the build
    site.generate(data, docs, TODAY)
    assert tree_digest(docs) == good
    assert not list(docs.rglob("x-policy*")), "a page of the removed document was published"


def test_a_move_into_place_that_fails_part_way_leaves_no_ghost(tmp_path: Path, monkeypatch) -> None:
    data, docs = _two_documents(tmp_path)
    extra = data / "documents/testby/x-policy.yaml"
    extra.unlink()
    site.generate(data, docs, TODAY)
    good = tree_digest(docs)
    extra.write_text(DOCUMENT.replace("Testpolicy", "Ny policy"), encoding="utf-8")
    real, moved = os.replace, []

    def fails_after_some(source, target) -> None:
        if len(moved) == 3:
            raise OSError("disk full")
        moved.append(target)
        real(source, target)

    monkeypatch.setattr(generated_files.os, "replace", fails_after_some)
    monkeypatch.setattr(site, "_can_fork", lambda: False)
    with pytest.raises(OSError, match="disk full"):
        site.generate(data, docs, TODAY)
    monkeypatch.undo()
    assert moved, "some files were moved into place before the failure"
    assert not list(docs.glob(generated_files.STAGING_PREFIX + "*")), "the staging folder was left behind"
    listed = generated_files.generated_names(docs)
    assert {Path(m).relative_to(docs).as_posix() for m in moved} <= listed, "a moved file is not in the manifest"

    extra.unlink()
    site.generate(data, docs, TODAY)
    assert tree_digest(docs) == good, "the next build after the failure differs from a good build"
    assert not list(docs.rglob("x-policy*"))
