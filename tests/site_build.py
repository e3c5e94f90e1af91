"""Build a real site for the tests, once per test run.

Under pytest-xdist each worker asks for the site; a file lock makes the
first one build it and the others wait and reuse it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BUILD = PROJECT / "build"
TODAY = "2026-11-23"  # fixed "today" for every test of the built site


def mkdocs_build(project: Path, site_dir: Path, today: str = TODAY, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STYRDOK_TODAY": today, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )


def built_site() -> Path:
    """The project's own site, built with STYRDOK_TODAY fixed."""
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID", f"single-{os.getpid()}")
    BUILD.mkdir(exist_ok=True)
    site = BUILD / "test-site"
    stamp = site / ".built-for"
    with open(BUILD / "test-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (stamp.exists() and stamp.read_text() == run_id):
            shutil.rmtree(site, ignore_errors=True)
            result = mkdocs_build(PROJECT, site)
            if result.returncode != 0:
                raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
            stamp.write_text(run_id)
    return site


def html_pages(site: Path) -> list[Path]:
    """Every content page of the built site (not the 404 page or search assets)."""
    pages = sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)
    if not pages:
        raise AssertionError(f"no built pages under {site}: the site build produced nothing")
    return pages
