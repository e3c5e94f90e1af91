"""Pages for developers (the benchmark, the plan for the stack's end) are
kept in git beside the site's pages but never published (README, "Decisions")."""

from __future__ import annotations

import re

from .site_build import PROJECT, built_site

DEVELOPER_PAGES = ("benchmark", "stack-plan")


def test_developer_pages_are_kept_but_not_published() -> None:
    site = built_site()
    kept = (PROJECT / "docs" / ".gitignore").read_text(encoding="utf-8").splitlines()
    excluded = re.search(r"^exclude_docs: \|\n((?:  .*\n)+)", (PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert excluded, "mkdocs.yml has no exclude_docs block"
    published = [p.relative_to(site).as_posix() for p in site.rglob("*.html")]
    assert len(published) > 100
    for name in DEVELOPER_PAGES:
        assert (PROJECT / "docs" / f"{name}.md").is_file(), name
        assert f"!/{name}.md" in kept, f"docs/.gitignore does not keep docs/{name}.md"
        assert f"  /{name}.md" in excluded[1].splitlines(), f"mkdocs.yml does not exclude docs/{name}.md"
        assert not [p for p in published if name in p], f"{name} was published"
