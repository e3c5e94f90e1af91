"""A broken YAML file stops `mkdocs build --strict` with the same clear
message as `styrdok check`, no traceback, and no site."""

from __future__ import annotations

from pathlib import Path

from styrdok.build.sandbox import copy_project
from .site_build import PROJECT, mkdocs_build


def test_bad_data_fails_the_build_with_file_line_and_field(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path / "project")
    document = project / "policy_data/documents/alingsas/internationell-policy.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace("date: 2007-04-25", "date: 2007-04-31"), encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "date: 2007-04-25" in l)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"policy_data/documents/alingsas/internationell-policy.yaml:{line}:5: decisions[0].date: '2007-04-31' is not a real date" in output
    assert "Traceback" not in output
    assert not site.exists() or not any(site.rglob("*.html")), "no half-built site"
