"""Two builds of the same commit give a byte-identical site/, sitemap
included (issue 3, point 7).

The two builds run from two copies of the project at different paths, with
different Python hash seeds, so neither an absolute path nor the order of a
set or dict can leak into the output unnoticed.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from styrdok.build.sandbox import copy_project
from .site_build import PROJECT, file_hashes, first_difference, mkdocs_build

pytestmark = pytest.mark.xdist_group("reproducible-build")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    for run, seed in (("first", "1"), ("second-build-elsewhere", "4242")):
        project = copy_project(PROJECT, tmp_path / run / "project")
        site = project / "site"
        result = mkdocs_build(project, site, extra_env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, f"build {run} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        sites.append(site)
    first, second = (file_hashes(s) for s in sites)
    assert first, "the build wrote no files"
    assert "sitemap.xml" in first and "sitemap.xml.gz" in first, "no sitemap was built"
    only = sorted(set(first) ^ set(second))
    assert not only, f"files in only one build: {only[:20]}"
    differ = sorted(name for name in first if first[name] != second[name])
    details = [first_difference(sites[0], sites[1], name) for name in differ[:5]]
    assert not differ, f"{len(differ)} file(s) differ between two builds: {differ[:20]}\n" + "\n".join(details)
    assert filecmp.cmp(sites[0] / "sitemap.xml.gz", sites[1] / "sitemap.xml.gz", shallow=False)
    shutil.rmtree(tmp_path, ignore_errors=True)
