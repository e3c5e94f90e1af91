"""The README's two commands are what CI and the workflows run."""

from __future__ import annotations

import re

import yaml

from .conftest import PROJECT


def test_readme_gives_the_two_commands() -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"^make serve\b", readme, re.M) and re.search(r"^make test\b", readme, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    lines = [l for l in (PROJECT / ".ci/run").read_text().splitlines() if l and not l.startswith("#")]
    assert lines[-1] == "make test"


def test_workflows_install_through_the_makefile_only() -> None:
    for path in (PROJECT / ".github/workflows").glob("*.yml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        runs = [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]
        assert all(run.startswith("make ") for run in runs), (path.name, runs)
    pull_request = yaml.safe_load((PROJECT / ".github/workflows/pull-request.yml").read_text(encoding="utf-8"))
    runs = [s.get("run") for s in pull_request["jobs"]["check-test-build"]["steps"]]
    assert runs[1:4] == ["make check CHECK_FORMAT=github", "make test", "make build"]
