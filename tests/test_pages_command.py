"""`styrdok pages` writes the generated docs tree without MkDocs: the same
files, byte for byte, as a real MkDocs build of the same data and day
generates into docs/, in a process where MkDocs cannot be imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from styrdok.build.generated_files import MANIFEST, generated_names

from .site_build import PROJECT, TODAY, built_project, built_site

# Makes every import of MkDocs, its theme and its i18n plugin fail in the process that runs the command.
NO_MKDOCS = ("import sys\n"
             "for name in ('mkdocs', 'material', 'mkdocs_static_i18n', 'properdocs'):\n"
             "    sys.modules[name] = None\n")


def _python(code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(PROJECT), **env}
    environ.pop("STYRDOK_SITE_URL", None)
    return subprocess.run([sys.executable, "-c", NO_MKDOCS + code], cwd=cwd, env=environ,
                          capture_output=True, text=True, timeout=300)


def _styrdok(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return _python(f"from styrdok.cli import main\nsys.exit(main({args!r}))", cwd, **env)


def _site_url(site: Path) -> str:
    """The address the built site was built for: its home page's canonical link."""
    link = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find("link", rel="canonical")
    assert link is not None, "the built home page has no canonical link"
    return str(link["href"])


def _publisher(project: Path) -> list[str]:
    """The publisher flags from the project's mkdocs.yml, as the build reads it."""
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    block = yaml.safe_load(config.split("\nextra:\n", 1)[1].split("\nextra_css:", 1)[0])["styrdok"]["publisher"]
    url = ["--publisher-url", block["url"]] if block.get("url") else []
    return ["--publisher-sv", block["name"]["sv"], "--publisher-en", block["name"]["en"], *url]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_mkdocs_cannot_be_imported_under_the_block(tmp_path: Path) -> None:
    result = _python("import mkdocs", tmp_path)
    assert result.returncode != 0 and "ModuleNotFoundError" in result.stderr


def test_pages_writes_exactly_what_the_build_generates_into_docs(tmp_path: Path) -> None:
    site, project = built_site(), built_project()
    out = tmp_path / "out"
    result = _styrdok(["pages", "--data", str(project / "policy_data"), "--out", str(out),
                       "--today", TODAY, "--site-url", _site_url(site), *_publisher(project)], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

    generated = generated_names(project / "docs")
    assert generated, "the build generated nothing into docs/"
    assert generated_names(out) == generated
    expected = {name: (project / "docs" / name).read_bytes() for name in generated}
    written = _files(out)
    written.pop(MANIFEST)
    assert written.keys() == expected.keys()
    different = sorted(name for name in expected if written[name] != expected[name])
    assert not different, f"differs from the build's docs/: {different[:10]}"
    kinds = {Path(name).suffix for name in written}
    assert {".md", ".xml", ".ics", ".csv", ".json"} <= kinds  # pages, feeds and exports


def test_pages_takes_today_from_the_environment_and_refuses_a_missing_site_url(tmp_path: Path) -> None:
    data = str(PROJECT / "policy_data")
    missing = _styrdok(["pages", "--data", data, "--out", str(tmp_path / "a")], tmp_path, STYRDOK_TODAY=TODAY)
    assert missing.returncode == 2 and "--site-url" in missing.stderr and "Traceback" not in missing.stderr
    assert not (tmp_path / "a").exists()

    bad_day = _styrdok(["pages", "--data", data, "--out", str(tmp_path / "b"), "--site-url", "https://example.org/"],
                       tmp_path, STYRDOK_TODAY="23/11/2026")
    assert bad_day.returncode == 2 and "STYRDOK_TODAY" in bad_day.stderr and "Traceback" not in bad_day.stderr

    later = _styrdok(["pages", "--data", data, "--out", str(tmp_path / "c"), "--site-url", "https://example.org/"],
                     tmp_path, STYRDOK_TODAY="2030-01-01")
    assert later.returncode == 0, later.stderr
    assert "<id>https://example.org/nytt/atom.xml</id>" in (tmp_path / "c" / "nytt" / "atom.xml").read_text(encoding="utf-8")
    page = (tmp_path / "c" / "alingsas" / "internationell-policy.md").read_text(encoding="utf-8")
    assert "Försenad i 18 år" in page  # due 25 April 2011, counted to 1 January 2030


def test_pages_refuses_invalid_data_with_file_and_line_and_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(PROJECT / "policy_data"), str(data)], check=True)
    document = data / "documents" / "vaxjo" / "internationell-strategi.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("organisation: vaxjo", "organisation: nowhere", 1),
                        encoding="utf-8")
    result = _styrdok(["pages", "--data", str(data), "--out", str(tmp_path / "out"),
                       "--today", TODAY, "--site-url", "https://example.org/"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "internationell-strategi.yaml:" in result.stderr and "organisation" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
