"""The benchmark (benchmarks/build_speed.py) runs end to end at a tiny size.

Only that it completes and prints its table: timings depend on the machine,
so nothing here asserts a time (issue 7). The full benchmark is run by hand;
its results are in docs/benchmark.md.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from .conftest import synthetic

PROJECT = Path(__file__).resolve().parent.parent
BENCHMARKS = PROJECT / "benchmarks"


def test_synthetic_library_passes_check(tmp_path: Path) -> None:
    data = tmp_path / "policy_data"
    subprocess.run([sys.executable, str(BENCHMARKS / "synthetic.py"), str(data), "--documents", "60"],
                   check=True, capture_output=True, text=True, timeout=300)
    assert len(list((data / "documents").glob("*/*.yaml"))) == 60
    assert len(list((data / "organisations").glob("*.yaml"))) >= 2
    result = subprocess.run([sys.executable, "-m", "styrdok.cli", "--data", str(data), "check"],
                            capture_output=True, text=True, timeout=300, cwd=PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok: 60 documents" in result.stdout


def test_synthetic_library_is_deterministic(tmp_path: Path) -> None:
    synthetic().generate(tmp_path / "a", 30, seed=3)
    synthetic().generate(tmp_path / "b", 30, seed=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_quick_benchmark_prints_its_table(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STYRDOK_TODAY": "2026-11-23"}
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "build_speed.py"), "--quick", "--no-browser", "--work", str(tmp_path / "work"),
         "--json", str(tmp_path / "results.json")],
        capture_output=True, text=True, timeout=900, env=env, cwd=PROJECT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("| measure") and "N = 10" in lines[0] and "N = 30" in lines[0]
    for label in ("styrdok build", "hand-written, styrdok's config minus hooks, Pagefind", "ratio styrdok / hand-written tuned",
                  "HTML per document page", "Pagefind index, inside the styrdok build", "search bundle sv",
                  "search bundle en", "first view of a document page"):
        assert any(line.startswith(f"| {label}") for line in lines), label
    assert re.fullmatch(r"build ratio styrdok / hand-written tuned at N=30: \d+\.\d\d \(CPU\), \d+\.\d\d \(wall\)", lines[-1])
    written_by = next(line for line in lines if line.startswith("|   its pages written by"))
    pinned = subprocess.run(["git", "-C", str(PROJECT), "cat-file", "-e", "fe03226^{commit}"], capture_output=True)
    if pinned.returncode == 0:  # the pinned generator, from the checkout's history
        assert "styrdok pages at fe03226" in written_by
    else:  # a checkout without that history (a shallow clone): the benchmark says so
        assert "styrdok pages of this checkout" in written_by
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    for size in results["sizes"]:
        assert size["hand_tuned"]["ok"] and size["tuned_cpu_ratio"] > 0
        assert size["search"]["sv"]["pages"] > 0
        for lang in ("sv", "en"):  # the search is set up the same on both sides
            assert size["hand_search"][lang]["pages"] == size["search"][lang]["pages"]
    assert (tmp_path / "results.json").exists()
