"""The built HTML (no browser needed):

- it is valid HTML: the Nu HTML Checker (v.Nu, npm package vnu-jar, run with
  Java) reports no error on any page. One message is left out, for Material's
  own markup only: `autocomplete="off"` on its hidden checkbox toggles
  (`input.md-toggle`), the quirk the notes name; nothing else is filtered.
- no internal link is broken: every href/src of every page, raw-HTML links
  from the data included, points at a file of the site, and every #fragment
  at an id on its page. `mkdocs build --strict` does not check raw HTML.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html as lxml_html

from ..site_build import PROJECT
from .conftest import site_pages

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SITE_URL = "https://example.invalid/styrdok/"  # mkdocs.yml site_url

# Material writes autocomplete="off" on <input type="checkbox" class="md-toggle">.
_MATERIAL_QUIRK = "Attribute “autocomplete” is only allowed when the input type is"


def _html_files(site: Path) -> list[Path]:
    files = sorted(site.rglob("*.html"))
    assert files, f"no HTML files under {site}"
    return files


def _require_pages() -> None:
    site, pages, error = site_pages()
    if site is None or not pages:
        pytest.fail(f"no built site to check: {error or 'the build produced no pages'}")


def test_html_is_valid(site: Path) -> None:
    _require_pages()
    java = shutil.which("java")
    assert java, "Java is missing (the HTML checker needs it): apt-get install default-jre-headless"
    assert VNU.exists(), f"{VNU.relative_to(PROJECT)} is missing: run `npm ci --ignore-scripts` (make test does)"
    files = _html_files(site)
    result = subprocess.run([java, "-Xss8m", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                             *map(str, files)], capture_output=True, text=True, timeout=600)
    report = json.loads(result.stderr or result.stdout)
    problems = []
    for message in report["messages"]:
        if message["type"] == "info" and message.get("subType") != "warning":
            continue
        if message["message"].startswith(_MATERIAL_QUIRK) and 'class="md-toggle' in (message.get("extract") or ""):
            continue
        where = unquote(message.get("url", "")).removeprefix("file:").removeprefix(str(site) + "/")
        kind = message.get("subType") or message["type"]
        problems.append(f"{where}:{message.get('lastLine', '?')}: {kind}: {message['message']}\n"
                        f"    {(message.get('extract') or '').strip()[:160]}")
    assert not problems, f"v.Nu found {len(problems)} problem(s):\n" + "\n".join(problems[:60])


# --- links ----------------------------------------------------------------------------

_LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                    "iframe": "src", "source": "src", "audio": "src", "video": "src", "form": "action"}


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        tree = lxml_html.fromstring(path.read_bytes())
        cache[path] = {e.get("id") for e in tree.iter() if isinstance(e.tag, str) and e.get("id")} | {
            e.get("name") for e in tree.iter("a") if e.get("name")}
    return cache[path]


def broken_links(site: Path) -> list[str]:
    """Every broken internal link of the site, as `page: <tag attr="url">: why`."""
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}
    for page in _html_files(site):
        page_url = "/" + page.relative_to(site).as_posix()
        tree = lxml_html.fromstring(page.read_bytes())
        for element in tree.iter(*_LINK_ATTRIBUTES):
            attribute = _LINK_ATTRIBUTES[element.tag]
            url = element.get(attribute)
            if url is None:
                continue
            url = url.strip()
            where = f"{page.relative_to(site)}: <{element.tag} {attribute}=\"{url}\">"
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme in ("javascript", "data", "vbscript"):
                problems.append(f"{where}: a {scheme}: URL")
                continue
            if url.startswith(SITE_URL):
                parts = urlsplit("/" + url[len(SITE_URL):])
            elif scheme or parts.netloc:
                continue  # another site (mailto:, https://…): not ours to check
            if not parts.path:
                target = page
            else:
                path = parts.path if parts.path.startswith("/") else posixpath.join(posixpath.dirname(page_url), parts.path)
                path = posixpath.normpath(unquote(path))
                target = site / path.lstrip("/")
                if parts.path.endswith("/") or target.is_dir():
                    target = target / "index.html"
            if not target.is_file():
                problems.append(f"{where}: no such file {target.relative_to(site) if target.is_relative_to(site) else target}")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target, ids):
                problems.append(f"{where}: no id {unquote(parts.fragment)!r} in {target.relative_to(site)}")
    return problems


def test_no_broken_internal_links(site: Path) -> None:
    _require_pages()
    problems = broken_links(site)
    assert not problems, f"{len(problems)} broken internal link(s):\n" + "\n".join(problems[:80])


def test_link_check_finds_a_broken_raw_html_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"><a href="../b/">b</a> <a href="#here">ok</a> <a href="#gone">x</a>'
        ' <a href="javascript:alert(1)">j</a> <a href="https://other.example/">ext</a></p>', encoding="utf-8")
    problems = broken_links(tmp_path)
    assert len(problems) == 3, problems


def test_every_page_links_to_the_accessibility_statement_in_its_language(site: Path) -> None:
    """Digg: the statement is easy to find, from every page (the footer)."""
    _require_pages()
    problems = []
    for page in _html_files(site):
        tree = lxml_html.fromstring(page.read_bytes())
        language = tree.get("lang")
        hrefs = [a.get("href") for a in tree.xpath("//footer//a[@href]")]
        if page.name == "404.html":
            # Served at any depth, so its links cannot be relative: Material
            # writes them from site_url. The footer link must be there.
            ok = any(h.rstrip("/").endswith("tillganglighet") for h in hrefs)
            where = "a link to the accessibility statement"
        else:
            expected = (site / ("en/" if language == "en" else "") / "tillganglighet" / "index.html").resolve()
            ok = any((page.parent / urlsplit(h).path).resolve() / "index.html" == expected
                     for h in hrefs if not urlsplit(h).scheme)
            where = f"a link to {expected.relative_to(site.resolve())}"
        if not ok:
            problems.append(f"{page.relative_to(site)} (lang={language}): the footer has no {where}: {hrefs}")
    assert not problems, "\n".join(problems[:40])


def test_a_suite_without_pages_fails_rather_than_passes() -> None:
    """When the build fails or yields no page, the page suites collect one
    placeholder test, and it fails (pytest would take "no tests" as a pass)."""
    from .conftest import NO_PAGES, require_pages

    with pytest.raises(pytest.fail.Exception, match="no built pages to test"):
        require_pages(NO_PAGES)
