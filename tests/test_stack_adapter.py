"""The one adapter to MkDocs, Material and i18n (hooks/stack_adapter.py).

These tests fail when the stack under the site changes: another version of
a package the adapter was written for, or a Material template that
overrides/ copies or extends. Then read the changes of that package, check
each use in the adapter and each override (README, "Decisions"), and
update WRITTEN_FOR or the hashes.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
from pathlib import Path

import pytest

from styrdok.build.sandbox import copy_project

from .site_build import PROJECT, mkdocs_build

HOOKS = PROJECT / "hooks"


def _load_adapter():
    spec = importlib.util.spec_from_file_location("stack_adapter_under_test", HOOKS / "stack_adapter.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


adapter = _load_adapter()


def test_the_installed_stack_is_the_one_the_adapter_was_written_for() -> None:
    assert adapter.installed_versions() == adapter.WRITTEN_FOR, (
        "the stack changed: check every use in hooks/stack_adapter.py and every template override "
        "against the new version, then update WRITTEN_FOR (README, Decisions)"
    )


@pytest.mark.parametrize("override", adapter.TEMPLATE_OVERRIDES, ids=lambda o: o.path)
def test_each_template_override_was_made_from_the_installed_material_template(override) -> None:
    original = adapter.material_template(override.material, override.package)
    assert original.is_file(), f"Material has no templates/{override.material} any more"
    assert adapter.sha256_of(original) == override.sha256, (
        f"Material's templates/{override.material} changed: redo overrides/{override.path} "
        f"({override.change}) from the new one, then update its sha256"
    )


def test_every_template_override_is_listed_in_the_adapter() -> None:
    on_disk = sorted(p.relative_to(PROJECT / "overrides").as_posix() for p in (PROJECT / "overrides").rglob("*.*"))
    listed = sorted(o.path for o in adapter.TEMPLATE_OVERRIDES)
    assert on_disk == listed


# What only the adapter may touch: plugins' attributes, the theme's settings,
# MkDocs' loggers, Jinja's caches and a page's text.
_PRIVATE = re.compile(r"\.plugins\[|\.theme\[|getLogger|bytecode|page\.(markdown|content)\s*=|\.unwatch\(")


def test_hooks_only_connect_events_and_leave_the_internals_to_the_adapter() -> None:
    hooks = [p for p in HOOKS.glob("*.py") if p.name != "stack_adapter.py"]
    assert len(hooks) >= 3
    for hook in hooks:
        text = hook.read_text(encoding="utf-8")
        assert not _PRIVATE.findall(text), f"{hook.name} reaches into the stack: {_PRIVATE.findall(text)}"
        assert not re.search(r"^\s*global\b", text, re.M), f"{hook.name} keeps state of its own"


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.parametrize("logger_name", ["mkdocs.commands.build", "properdocs.commands.build"])
def test_the_preview_silences_the_dirty_build_warning_and_nothing_else(logger_name: str) -> None:
    logger = logging.getLogger(logger_name)
    records = _Records()
    logger.addHandler(records)
    before = {name: list(logging.getLogger(name).filters) for name in adapter.BUILD_LOGGERS}
    assert logger_name in before
    try:
        adapter.BuildSession().start("build", dirty=False)
        logger.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation")
        adapter.BuildSession().start("serve", dirty=True)
        logger.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation")
        logger.warning("Doc file 'x.md' contains a link 'y.md', but the target is not found")
    finally:
        logger.removeHandler(records)
        for name, filters in before.items():
            logging.getLogger(name).filters[:] = filters
    assert records.messages == [
        "A 'dirty' build is being performed, this will likely lead to inaccurate navigation",
        "Doc file 'x.md' contains a link 'y.md', but the target is not found",
    ]


def test_the_outermost_build_covers_the_languages_built_inside_it() -> None:
    """i18n builds English inside the Swedish build's on_post_build."""
    session = adapter.BuildSession()
    assert session.begin_build()  # Swedish
    assert not session.begin_build()  # English, inside it
    assert not session.end_build()
    assert session.end_build()
    assert session.begin_build()  # the next rebuild
    assert not session.begin_build()
    session.failed()  # the English build failed, and with it the Swedish one
    assert session.begin_build()


_PROBE = """
from pathlib import Path

import stack_adapter
from mkdocs.plugins import event_priority


def _note(config, event):
    log = Path(config.config_file_path).parent / "probe.log"
    with log.open("a", encoding="utf-8") as out:
        out.write(f"{event} {stack_adapter.session.depth}\\n")


def on_pre_build(config):
    _note(config, "pre " + stack_adapter.language(config))


@event_priority(-400)  # after styrdok_pages' on_post_build
def on_post_build(config):
    _note(config, "post")
"""


def test_i18n_builds_english_inside_the_swedish_build(tmp_path: Path) -> None:
    """What BuildSession counts on, in a real build: i18n runs the English
    build inside the Swedish one, so the outermost build spans both, and
    the count is back at nought when the build is done."""
    project = copy_project(PROJECT, tmp_path / "project")
    (project / "hooks" / "probe.py").write_text(_PROBE, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - hooks/release_pages.py\n" in text
    config.write_text(text.replace("  - hooks/release_pages.py\n", "  - hooks/release_pages.py\n  - hooks/probe.py\n"),
                      encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert (project / "probe.log").read_text(encoding="utf-8").splitlines() == [
        "pre sv 1", "pre en 2", "post 1", "post 0",
    ]
