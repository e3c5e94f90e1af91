"""The README's table of how the code is laid out matches the tree: every
module of the package is named in it, and every path it names exists."""

from __future__ import annotations

import re

from .site_build import PROJECT

HEADING = "## How the code is laid out"


def _section() -> str:
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert HEADING in text, f"README.md has no section {HEADING!r}"
    rest = text.split(HEADING, 1)[1]
    return rest.split("\n## ", 1)[0]


def _named_paths(section: str) -> set[str]:
    """Every `code` span of the section that is a path in the project (has a slash)."""
    return {span.rstrip("/") for span in re.findall(r"`([^`\s]+)`", section)
            if "/" in span and not span.startswith(("http", "/"))}


def test_every_module_of_the_package_is_named_in_the_readme() -> None:
    named = _named_paths(_section())
    modules = {path.relative_to(PROJECT).as_posix() for path in (PROJECT / "styrdok").rglob("*.py")
               if path.name != "__init__.py" and "__pycache__" not in path.parts}
    assert modules, "no modules found under styrdok/"
    missing = sorted(modules - named)
    assert not missing, f"README.md, {HEADING!r}, does not name: {missing}"


def test_every_path_the_readme_names_exists() -> None:
    named = _named_paths(_section())
    assert named
    gone = sorted(path for path in named if not any(PROJECT.glob(path)))  # a path or a pattern
    assert not gone, f"README.md, {HEADING!r}, names paths that do not exist: {gone}"
