"""`styrdok check` as an editor runs it: exit codes, messages, warnings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from styrdok.cli import main
from styrdok.views.gaps import find_gaps
from styrdok.data.library import load_library

from .conftest import DOCUMENT, ORGANISATION, PROJECT, write_library


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "styrdok.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=60)


def test_real_data_is_valid() -> None:
    result = run(["check"], PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("ok: 5 documents in 4 organisations")


def test_errors_exit_1_with_file_line_field_and_no_traceback(tmp_path: Path) -> None:
    write_library(tmp_path, document=DOCUMENT.replace("date: 2020-01-15", "date: 2020-13-01"))
    result = run(["check"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "policy_data/documents/testby/testpolicy.yaml:15:5: decisions[0].date: '2020-13-01' is not a real date" in result.stdout


def test_github_format_annotates_the_line(tmp_path: Path, capsys) -> None:
    data = write_library(tmp_path, document=DOCUMENT.replace("owner: kommunstyrelsen", "owner: ks"))
    assert main(["--data", str(data), "check", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=policy_data/documents/testby/testpolicy.yaml,line=10,col=1::owner: unknown actor")


def test_gaps_are_warnings_not_errors(tmp_path: Path, capsys) -> None:
    organisation = ORGANISATION + "  - id: idle\n    name: {sv: Vilande nämnd, en: Idle committee}\n    kind: committee\n"
    document = (DOCUMENT.replace("owner: kommunstyrelsen", "owner: null")
                .replace("{sv: Samordnar arbetet., en: Coordinates the work.}",
                         "{sv: Samordnar arbetet med en internationell samordnare., en: Coordinates the work.}"))
    data = write_library(tmp_path, document=document, organisation=organisation)
    kinds = sorted(g.kind for g in find_gaps(load_library(data)))
    assert kinds == ["actor_without_duties", "no_owner", "rule_without_actor", "stale_translation", "unlisted_role"]
    assert main(["--data", str(data), "check"]) == 0
    out = capsys.readouterr().out
    assert "testpolicy.yaml:10:1: warning: owner: no owner" in out
    assert "warning: actors[2].id: no document gives 'idle' a duty or a role" in out
    assert "names a 'samordnare'" in out
