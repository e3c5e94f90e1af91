"""The editor's preview: `make serve` (mkdocs serve --dirty, as the Makefile
runs it) shows a saved YAML edit, survives a bad one (docs/ left as it was,
the located message in the log) and recovers when it is fixed, and
afterwards its search index is the one a full build of the same data gives
(Pagefind re-indexes the site after each rebuild)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from styrdok.build.sandbox import copy_project, free_port

from .bad_input.harness import tree_digest
from .site_build import PROJECT, TODAY, mkdocs_build, search_fragments

DOC = "vasteras/riktlinje-internationellt-arbete"
ENTRY = "pagefind/pagefind-entry.json"
pytestmark = pytest.mark.xdist_group("serve-preview")


def makefile_serve_args() -> list[str]:
    """The arguments `make serve` gives `mkdocs serve`, without its address."""
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    command = re.search(r"^serve:.*\n(?:#.*\n)*\t\$\(BIN\)/mkdocs serve (.*)$", makefile, re.M)
    assert command, "the Makefile has no `serve` target running mkdocs serve"
    args = shlex.split(command.group(1))
    if "--dev-addr" in args:
        del args[args.index("--dev-addr"):args.index("--dev-addr") + 2]
    return args


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, text: str, server: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        page = _get(url)
        if page is not None and text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s")


def _wait_for_change(url: str, old: str | None, server: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        text = _get(url)
        if text is not None and text != old:
            return text
        time.sleep(0.2)
    raise AssertionError(f"{url} did not change within {seconds} s")


def _wait_for_log(log, pattern: str, server: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        log.flush()
        with open(log.name, encoding="utf-8") as text:
            if re.search(pattern, text.read()):
                return
        time.sleep(0.2)
    raise AssertionError(f"the preview's log did not show {pattern!r} within {seconds} s")


def test_an_edit_shows_in_the_preview_and_its_search(tmp_path: Path) -> None:
    project = copy_project(PROJECT, tmp_path / "project")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "STYRDOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *makefile_serve_args(),
                               "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    source = project / "policy_data" / "documents" / f"{DOC}.yaml"
    clean_log: int | None = None  # the log up to the bad edit
    try:
        _wait_for(base + DOC + "/", "<h1", server, 240)
        before = _wait_for(base + ENTRY, '"languages"', server, 120)  # the first index, made in the background
        time.sleep(2)  # the watcher starts after the first build
        text = source.read_text(encoding="utf-8")
        edited, count = re.subn(r"^(title:\n  sv: .*)$", r"\1 (förhandsvisning)", text, count=1, flags=re.M)
        assert count == 1
        source.write_text(edited, encoding="utf-8")
        page = _wait_for(base + DOC + "/", "(förhandsvisning)", server, 120)
        _wait_for(base + "vasteras/", "(förhandsvisning)", server, 30)  # the organisation's list too
        after = _wait_for_change(base + ENTRY, before, server, 60)
        time.sleep(3)  # a trailing rebuild (the hook rewrote pages) indexes once more: the same bytes
        log.flush()
        clean_log = os.path.getsize(log.name)
        # A bad edit: a document file named like the organisation's own page.
        docs_before = tree_digest(project / "docs")
        bad = source.with_name("index.yaml")
        bad.write_text(edited, encoding="utf-8")
        _wait_for_log(log, r"documents/vasteras/index\.yaml:1:1: file name: 'index' is a name the site uses itself",
                      server, 120)
        assert tree_digest(project / "docs") == docs_before, "a refused preview build changed docs/"
        # Fixed, and edited again: the preview picks up from there, search too.
        bad.unlink()
        before = _get(base + ENTRY)
        edited = edited.replace("(förhandsvisning)", "(förhandsvisning 2)", 1)
        source.write_text(edited, encoding="utf-8")
        page = _wait_for(base + DOC + "/", "(förhandsvisning 2)", server, 120)
        assert _get(base + "vasteras/index/") is None, "a page of the refused file was published"
        after = _wait_for_change(base + ENTRY, before, server, 60)
        time.sleep(3)
        after = _get(base + ENTRY) or after
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.seek(0)
        output = log.read()
        log.close()
    problems = [line for line in output[:clean_log].splitlines() if ("WARNING" in line or "ERROR" in line)
                and f"GET /{ENTRY} HTTP/1.1\" code 404" not in line]  # this test asking before the first index
    assert not problems, output[-3000:]

    built = mkdocs_build(project, tmp_path / "built")  # the same edited data, built in full
    assert built.returncode == 0, built.stdout + built.stderr
    # Pagefind's files are named by their content (search.make_stable): the
    # same entry file means the same metadata, word index and fragments.
    assert json.loads(after) == json.loads((tmp_path / "built" / ENTRY).read_text(encoding="utf-8")), \
        "the preview's search index after the edit differs from a full build's"
    assert any(f["url"] == f"/{DOC}/" and "(förhandsvisning 2)" in f["meta"]["title"]
               for _, f in search_fragments(tmp_path / "built"))
    # The preview's search says that it follows an edit a few seconds late; a built site does not.
    assert "sd-search__preview" in page
    assert "sd-search__preview" not in (tmp_path / "built" / DOC / "index.html").read_text(encoding="utf-8")
