"""Every case of the bad-input corpus (see `harness.py`) through `styrdok
check` and the build's own load-and-render step, in-process; a sample of
each class through the real `mkdocs build --strict`."""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from pathlib import Path

import pytest

from styrdok.build.sandbox import copy_project

from ..site_build import PROJECT, TODAY, mkdocs_build
from . import harness
from .harness import Case, bounded, make_library, matching, run_build_step, run_cli, tree_digest

# The classes of input the corpus must cover (issue 11), each with a real-build sample
# except where the case is a command, not data.
CLASSES = ("yaml", "values", "text", "addresses", "files", "scaffold", "exports", "relations")
NEEDS_SAMPLE = tuple(c for c in CLASSES if c != "scaffold")
MINIMUM = 80


def _collect() -> list[Case]:
    found: list[Case] = []
    package = Path(__file__).parent
    for module in sorted(m.name for m in pkgutil.iter_modules([str(package)]) if m.name.startswith("cases_")):
        found.extend(importlib.import_module(f"{__package__}.{module}").CASES)
    return found


CASES = _collect()
DATA_CASES = [c for c in CASES if not c.cli]
CLI_CASES = [c for c in CASES if c.cli]
SAMPLES = [c for c in CASES if c.sample]


def test_the_corpus_covers_every_class() -> None:
    ids = Counter(c.id for c in CASES)
    assert not [i for i, n in ids.items() if n > 1], "case ids must be unique"
    assert len(CASES) >= MINIMUM, f"{len(CASES)} cases; the corpus needs at least {MINIMUM}"
    kinds = Counter(c.kind for c in CASES)
    assert set(kinds) <= set(CLASSES), f"unknown classes: {set(kinds) - set(CLASSES)}"
    assert not [k for k in CLASSES if not kinds[k]], f"classes without a case: {[k for k in CLASSES if not kinds[k]]}"
    sampled = {c.kind for c in SAMPLES}
    assert not [k for k in NEEDS_SAMPLE if k not in sampled], "every class needs a real-build sample"


def _library(tmp_path: Path, case: Case) -> Path:
    # Nested, so that a path escaping the data folder still lands inside tmp_path.
    return make_library(tmp_path / "a" / "b" / "c" / "project", case.mutate)


@pytest.mark.parametrize("case", DATA_CASES, ids=lambda c: f"{c.kind}-{c.id}")
def test_check(case: Case, tmp_path: Path) -> None:
    data = _library(tmp_path, case)
    with bounded():
        code, output = run_cli(["check", "--data", str(data)])
    assert "Traceback" not in output
    if case.outcome.pattern is not None:
        assert code != 0, f"styrdok check accepted it:\n{output}"
        assert matching(case.outcome.pattern, output), f"no line matches {case.outcome.pattern!r}:\n{output}"
    else:
        assert code == 0, f"styrdok check refused an acceptable library:\n{output}"


@pytest.mark.parametrize("case", DATA_CASES, ids=lambda c: f"{c.kind}-{c.id}")
def test_build_step(case: Case, tmp_path: Path) -> None:
    """The same verdict from the step the build runs, and no half-written docs/."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "om.md").write_text("# Hand-written\n", encoding="utf-8")
    if case.outcome.pattern is not None:
        good = make_library(tmp_path / "good", ())
        assert run_build_step(good, docs, TODAY).error is None
    before = tree_digest(docs)
    data = _library(tmp_path, case)
    with bounded():
        result = run_build_step(data, docs, TODAY)
    if case.outcome.pattern is not None:
        assert result.error is not None, "the build step accepted what check must refuse"
        assert matching(case.outcome.pattern, result.error), f"no line matches {case.outcome.pattern!r}:\n{result.error}"
        assert tree_digest(docs) == before, "a refused build changed docs/"
    else:
        assert result.error is None, f"the build step refused an acceptable library:\n{result.error}"
        assert case.outcome.inspect is not None
        case.outcome.inspect(result.files)


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda c: f"{c.kind}-{c.id}")
def test_command(case: Case, tmp_path: Path) -> None:
    data = _library(tmp_path, case)
    before = tree_digest(tmp_path)
    argv = [part.replace("{data}", str(data)) for part in case.cli]
    with bounded():
        code, output = run_cli(argv)
    assert "Traceback" not in output
    assert code != 0, f"the command succeeded:\n{output}"
    assert case.outcome.pattern is not None and matching(case.outcome.pattern, output), \
        f"no line matches {case.outcome.pattern!r}:\n{output}"
    assert tree_digest(tmp_path) == before, "a refused command changed files"


@pytest.mark.xdist_group("bad-input-builds")
@pytest.mark.parametrize("case", SAMPLES, ids=lambda c: f"{c.kind}-{c.id}")
def test_real_build(case: Case, tmp_path: Path) -> None:
    """`mkdocs build --strict`: refused with the message, no traceback, and an
    existing site/ and docs/ left as they were."""
    data = _library(tmp_path, case)
    project = copy_project(PROJECT, tmp_path / "project", data=data)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the site as it was", encoding="utf-8")
    docs_before, site_before = tree_digest(project / "docs"), tree_digest(site)
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    if case.outcome.pattern is not None:
        assert result.returncode != 0, "mkdocs build accepted it"
        assert matching(case.outcome.pattern, output), f"no line matches {case.outcome.pattern!r}:\n{output}"
        assert tree_digest(project / "docs") == docs_before, "a refused build changed docs/"
        assert tree_digest(site) == site_before, "a refused build changed the existing site/"
    else:
        assert result.returncode == 0, output
        from styrdok.build.generated_files import generated_names
        docs = project / "docs"
        assert case.outcome.inspect is not None
        case.outcome.inspect({name: (docs / name).read_bytes() for name in generated_names(docs)})
