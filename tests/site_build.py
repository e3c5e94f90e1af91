"""Build a real site for the tests, once per test run, outside the checkout.

The build runs in a temporary copy of the project (`copy_project`), so
neither the generated pages (which the hook writes into `docs/`) nor the
site land in the checkout. The copy lives in a folder of the whole run
(`run_dir`): under pytest-xdist each worker asks for the site, a file lock
there makes the first one build it and the others wait and reuse it.
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from styrdok.build.sandbox import copy_project

PROJECT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"  # fixed "today" for every test of the built site

# The controller of a test run (tests/conftest.py) makes one temporary
# folder and hands it to its xdist workers in this variable.
RUN_DIR_VARIABLE = "STYRDOK_TEST_RUN_DIR"


def run_dir() -> Path:
    """The temporary folder this test run shares between its workers. Outside
    a run set up by tests/conftest.py (a script importing this module), one
    folder per xdist run, or per process, under the system temp dir."""
    shared = os.environ.get(RUN_DIR_VARIABLE)
    if shared:
        return Path(shared)
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"single-{os.getpid()}")
    folder = Path(tempfile.gettempdir()) / f"styrdok-tests-{run_id}"
    folder.mkdir(exist_ok=True)
    return folder


def build_command(generator: str, site_dir: Path) -> list[str]:
    """A strict build of ./mkdocs.yml with `generator` (mkdocs or properdocs),
    which share their command line."""
    return [sys.executable, "-m", generator, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir)]


def mkdocs_build(project: Path, site_dir: Path, today: str = TODAY, extra_env: dict[str, str] | None = None,
                 generator: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STYRDOK_TODAY": today, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(build_command(generator, site_dir), cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


def built_site() -> Path:
    """The project's own site (a copy of its configuration, pages and data),
    built with STYRDOK_TODAY fixed, once per test run."""
    shared = run_dir()
    project = shared / "project"
    site = shared / "site"
    stamp = shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not stamp.exists():
            copy_project(PROJECT, project)
            result = mkdocs_build(project, site)
            if result.returncode != 0:
                raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
            stamp.touch()
    return site


def built_project() -> Path:
    """The project copy `built_site()` built from: its docs/ holds the
    generated files of that build, its policy_data/ the data."""
    return built_site().parent / "project"


def html_pages(site: Path) -> list[Path]:
    """Every content page of the built site (not the 404 page or search assets)."""
    pages = sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)
    if not pages:
        raise AssertionError(f"no built pages under {site}: the site build produced nothing")
    return pages


def search_fragments(site: Path) -> list[tuple[str, dict]]:
    """Every page Pagefind indexed, as (language, fragment): the fragment is
    what a result shows (url, content, meta, filters), gzip of a signature
    and JSON."""
    fragments = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragments.append((path.name.split("_", 1)[0], json.loads(data[len(b"pagefind_dcd"):])))
    return fragments


def file_hashes(site: Path) -> dict[str, str]:
    """Every file of a built site by its path, with the SHA-256 of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


TEXT_SUFFIXES = (".html", ".xml", ".json", ".css", ".js", ".ics", ".csv", ".txt")


def first_difference(first: Path, second: Path, name: str) -> str:
    """Where file `name` of two built sites first differs, for a failure message."""
    a, b = first / name, second / name
    if not name.endswith(TEXT_SUFFIXES):
        return f"  {name} (binary)"
    la, lb = a.read_text(errors="replace").splitlines(), b.read_text(errors="replace").splitlines()
    line = next((i for i, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
    return (f"  {name}, line {line + 1}:\n    {la[line][:200] if line < len(la) else ''}\n"
            f"    {lb[line][:200] if line < len(lb) else ''}")
