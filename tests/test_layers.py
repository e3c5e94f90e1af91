"""The flow of the package is a rule, not a habit: data → views → render →
build → the command line, no step imports a later one, and the package
never imports MkDocs (contracts in pyproject.toml, checked by import-linter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .site_build import PROJECT

LAYERS = ("data", "views", "render", "build")


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    lint_imports = Path(sys.executable).parent / "lint-imports"  # import-linter's command, from the test extras
    return subprocess.run([str(lint_imports), "--no-cache"], cwd=project,
                          capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"})


def test_every_contract_is_kept() -> None:
    result = _lint(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_an_import_against_the_flow_breaks_a_contract(tmp_path: Path) -> None:
    """The check can fail: a view that imports the renderer is caught."""
    copy = tmp_path / "project"
    shutil.copytree(PROJECT / "styrdok", copy / "styrdok", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT / "pyproject.toml", copy / "pyproject.toml")
    review = copy / "styrdok" / "views" / "review.py"
    review.write_text(review.read_text(encoding="utf-8") + "\nfrom styrdok.render import words  # noqa\n", encoding="utf-8")
    result = _lint(copy)
    assert result.returncode != 0
    assert "styrdok.views is not allowed to import styrdok.render" in result.stdout


def test_the_folders_are_the_layers() -> None:
    package = PROJECT / "styrdok"
    assert {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()} == set(LAYERS)
    assert sorted(p.name for p in package.glob("*.py")) == ["__init__.py", "cli.py"]
