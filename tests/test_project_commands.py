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


# --- publishing that stays true (issue 13, point 8) ------------------------------

WORKFLOWS = sorted((PROJECT / ".github/workflows").glob("*.yml"))
SHA_PIN = re.compile(r"^\s*-?\s*uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})\s+#\s+v\d+(\.\d+)*\s*$")


def _workflow(path):
    # PyYAML reads YAML 1.1, where the key `on` is the boolean True.
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it() -> None:
    uses = [(path.name, line) for path in WORKFLOWS for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^\s*-?\s*uses:", line)]
    assert len(uses) >= 5, uses
    assert [u for u in uses if not SHA_PIN.match(u[1])] == []


def test_workflows_grant_least_privilege_and_never_run_fork_code_with_write_access() -> None:
    for path in WORKFLOWS:
        workflow = _workflow(path)
        assert "pull_request_target" not in workflow["on"] and "workflow_run" not in workflow["on"], path.name
        assert "permissions" in workflow, f"{path.name}: no default permissions"
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} has no permissions of its own"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {name}"
    pull_request = _workflow(PROJECT / ".github/workflows/pull-request.yml")
    granted = [pull_request["permissions"], *(job["permissions"] for job in pull_request["jobs"].values())]
    assert all(p == {"contents": "read"} for p in granted), granted
    assert not any("environment" in job for job in pull_request["jobs"].values())


def test_the_site_is_rebuilt_every_day_and_on_demand() -> None:
    publish = _workflow(PROJECT / ".github/workflows/publish.yml")
    assert publish["permissions"] == {}
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert len(publish["on"]["schedule"]) == 1 and publish["on"]["schedule"][0]["cron"].endswith("* * *")
    assert "workflow_dispatch" in publish["on"]
    writers = {name for name, job in publish["jobs"].items() if "write" in job["permissions"].values()}
    assert writers == {"deploy"} and "make test" in [s.get("run") for s in publish["jobs"]["build"]["steps"]]


def test_dependabot_watches_pip_npm_and_actions() -> None:
    config = yaml.safe_load((PROJECT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert sorted(u["package-ecosystem"] for u in config["updates"]) == ["github-actions", "npm", "pip"]


def _pins(text: str) -> dict[str, str]:
    """name -> version of every `name==version` line, names normalised (PEP 503)."""
    pins = {}
    for line in text.splitlines():
        found = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", line)
        if found:
            pins[re.sub(r"[-_.]+", "-", found[1]).lower()] = found[2]
    return pins


def test_the_hashed_lock_agrees_with_the_constraints_and_make_uses_it() -> None:
    lock = (PROJECT / "requirements-ci.txt").read_text(encoding="utf-8")
    locked, pinned = _pins(lock), _pins((PROJECT / "constraints.txt").read_text(encoding="utf-8"))
    build_tools = {"setuptools"}  # in the lock to build the project; pinned in constraints.txt too (its comment says why)
    assert {n: v for n, v in locked.items() if n not in build_tools} == \
        {n: v for n, v in pinned.items() if n not in build_tools}, "run `make lock` (README)"
    assert all(locked[n] == pinned[n] for n in build_tools if n in pinned), "run `make lock` (README)"
    assert build_tools <= set(locked)
    entries = re.findall(r"^[A-Za-z0-9][^\n]*==[^\n]*(?:\n[ \t]+[^\n]*)*", lock, flags=re.M)
    assert len(entries) == len(locked) and all("--hash=sha256:" in e for e in entries)
    assert "--index-url" not in lock and "--find-links" not in lock, "a machine's own package sources leaked in"
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes --no-deps --no-build-isolation -r requirements-ci.txt" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
