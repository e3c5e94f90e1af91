"""Acceptance test, as a new editor would (issue 6, item 8).

In a temporary copy of the project (what `git clone` gives: config, hooks,
theme, the hand-written docs listed in docs/.gitignore, the data and the
schemas), an editor follows CONTRIBUTING.md and nothing else:

1. `styrdok new organisation` for an organisation the library does not have,
   then adds the actors its document names to the organisation's file;
2. `styrdok new document` of a type no document uses yet (handlingsplan),
   then fills in owner, version, review rules, text and duties by editing
   the YAML as CONTRIBUTING.md shows;
3. `styrdok new revision` for a later decision, `styrdok translated` once the
   English is written, and `styrdok check` (exit 0, no warning about the new
   files).

One strict site build follows, and the new document must show everywhere:
its page in both languages with its own matrix, its organisation's page and
matrix, the revision calendar and its .ics feeds, What's new and the Atom
feeds, the home page and both search indexes. No code is changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from icalendar import Calendar

from .site_build import PROJECT, TODAY, mkdocs_build, search_fragments

# One site build for the whole module: keep its tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("editor_acceptance")

ORG = "nordvik"
ORG_SV, ORG_EN = "Nordviks kommun", "Nordvik Municipality"
TYPE = "handlingsplan"
TITLE_SV = "Handlingsplan för internationellt samarbete 2025–2027"
TITLE_EN = "Action plan for international cooperation 2025–2027"
DOC = f"{ORG}/handlingsplan-for-internationellt-samarbete-2025-2027"  # the file name CONTRIBUTING.md says is made
BODY_SV = "Nordviks kommun ska utveckla skolutbyten med vänorten Kaunas."
BODY_EN = "Nordvik Municipality will build up school exchanges with its twin town Kaunas."
DUTY_SV = "Ansvarar för skolutbytena med Kaunas."
DUTY_EN = "Runs the school exchanges with Kaunas."
COMMITTEE_SV, COMMITTEE_EN = "Barn- och utbildningsnämnden", "Committee for children and education"

# The commands the editor runs, exactly as given to `styrdok`.
NEW_ORGANISATION = ["new", "organisation", "--id", ORG, "--name-sv", ORG_SV, "--name-en", ORG_EN]
NEW_DOCUMENT = ["new", "document", "--organisation", ORG, "--type", TYPE, "--title-sv", TITLE_SV,
                "--title-en", TITLE_EN, "--adopted-by", "kommunfullmaktige", "--adopted-on", "2025-02-12",
                "--paragraph", "18", "--diary-number", "KS 2024/455"]
NEW_REVISION = ["new", "revision", DOC, "--date", "2026-06-10", "--body", "kommunstyrelsen", "--paragraph", "92",
                "--diary-number", "KS 2026/118", "--note-sv", "Nya mål för skolutbyten.",
                "--note-en", "New goals for school exchanges."]
TRANSLATED = ["translated", DOC]
CHECK = ["check"]
CHECK_GITHUB = ["check", "--format", "github"]
COMMANDS = [NEW_ORGANISATION, NEW_DOCUMENT, NEW_REVISION, TRANSLATED, CHECK, CHECK_GITHUB]


# --- the editor's copy of the project ----------------------------------------------


def hand_written_docs() -> list[str]:
    """The files docs/.gitignore keeps in git: everything else in docs/ is generated."""
    lines = (PROJECT / "docs/.gitignore").read_text(encoding="utf-8").splitlines()
    return [line[2:].rstrip("/") for line in lines if line.startswith("!/") and line != "!/.gitignore"]


def clone(target: Path) -> Path:
    """What a fresh checkout holds that the build and the commands need."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy2(PROJECT / name, target / name)
    for name in ("hooks", "overrides", "policy_data", "schema"):
        shutil.copytree(PROJECT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "docs").mkdir()
    shutil.copy2(PROJECT / "docs/.gitignore", target / "docs/.gitignore")
    for rel in hand_written_docs():
        source = PROJECT / "docs" / rel
        if source.is_dir():
            shutil.copytree(source, target / "docs" / rel)
        elif source.exists():
            shutil.copy2(source, target / "docs" / rel)
    return target


def styrdok_command() -> str:
    beside = Path(sys.executable).with_name("styrdok")
    found = str(beside) if beside.exists() else shutil.which("styrdok")
    assert found, "the `styrdok` command is not installed (make serve / make test install it)"
    return found


def styrdok(project: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STYRDOK_TODAY": TODAY}
    return subprocess.run([styrdok_command(), *args], cwd=project, env=env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120)


def run_ok(project: Path, args: list[str]) -> str:
    result = styrdok(project, args)
    assert result.returncode == 0, f"styrdok {' '.join(args)} → {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def replace_once(path: Path, old: str, new: str) -> None:
    """An editor's edit: `old` must be in the file exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path.name}: expected {old!r} once, as CONTRIBUTING.md describes the file"
    path.write_text(text.replace(old, new), encoding="utf-8")


ACTORS = f"""\
  - id: barn-och-utbildningsnamnden
    name: {{sv: {COMMITTEE_SV}, en: {COMMITTEE_EN}}}
    kind: committee
  - id: internationell-samordnare
    name: {{sv: Internationell samordnare, en: International coordinator}}
    kind: role
    part_of: kommunstyrelsen
"""

REVIEW = """\
review:
  - kind: yearly
    duties: [follow_up]
    responsible: kommunstyrelsen
    as_written:
      sv: Handlingsplanen följs upp årligen av kommunstyrelsen.
      en: The board checks the plan every year.
  - kind: by_year
    year: 2027
    duties: [revision]
    responsible: kommunstyrelsen
    as_written:
      sv: Handlingsplanen ska revideras senast 2027.
      en: The plan must be updated by the end of 2027."""

SECTIONS = f"""\
sections:
  - id: mal
    heading: {{sv: Mål, en: Goals}}
    body:
      sv: {BODY_SV}
      en: {BODY_EN}
  - id: ansvar
    heading: {{sv: Ansvar, en: Who is responsible}}
    responsibilities:
      - actor: kommunstyrelsen
        duties:
          - about: [follow_up]
            sv: Följer upp handlingsplanen varje år.
            en: Checks the plan every year.
      - actor: barn-och-utbildningsnamnden
        duties:
          - about: [twin_towns]
            sv: {DUTY_SV}
            en: {DUTY_EN}
      - actor: internationell-samordnare
        duties:
          - about: [coordination, external_funding]
            sv: Samordnar arbetet och söker EU-medel.
            en: Makes the parts of the work fit together and applies for EU money.
"""


@dataclass(frozen=True)
class Outcome:
    project: Path
    site: Path
    check_output: str


@pytest.fixture(scope="module")
def outcome(tmp_path_factory: pytest.TempPathFactory) -> Outcome:
    project = clone(tmp_path_factory.mktemp("editor") / "styrdok")
    data = project / "policy_data"

    # Preconditions: both the organisation and the document type are new to the library.
    assert not (data / "organisations" / f"{ORG}.yaml").exists()
    used_types = {t for p in data.glob("documents/*/*.yaml") for t in yaml.safe_load(p.read_text(encoding="utf-8"))["types"]}
    assert TYPE not in used_types, f"{TYPE} is used already: pick a type no document uses"
    assert TYPE in {t["id"] for t in yaml.safe_load((data / "document_types.yaml").read_text(encoding="utf-8"))["types"]}

    # 1. A new organisation, then the actors its document names (CONTRIBUTING: "A new organisation").
    run_ok(project, NEW_ORGANISATION)
    organisation = data / "organisations" / f"{ORG}.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + ACTORS, encoding="utf-8")

    # 2. A new document; fill in what the source gives (CONTRIBUTING: "A new document").
    run_ok(project, NEW_DOCUMENT)
    document = data / "documents" / f"{DOC}.yaml"
    assert document.exists(), sorted(p.name for p in document.parent.iterdir())
    replace_once(document, "owner: null", "owner: kommunstyrelsen")
    replace_once(document, "version: null", 'version: "1.0"')
    replace_once(document, "review: []", REVIEW)
    text = document.read_text(encoding="utf-8")
    assert text.count("\nsections:\n") == 1 and text.rstrip().endswith("Write the plain English version here.")
    document.write_text(text[: text.index("\nsections:\n") + 1] + SECTIONS, encoding="utf-8")

    # 3. A later decision, the English marked as up to date, and the check.
    revision_output = run_ok(project, NEW_REVISION)
    assert "version: 1.1" in revision_output
    run_ok(project, TRANSLATED)
    check_output = run_ok(project, CHECK)
    github_output = run_ok(project, CHECK_GITHUB)
    assert "::error" not in github_output

    site = project.parent / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return Outcome(project, site, check_output)


# --- helpers for the built site -------------------------------------------------


def page(site: Path, path: str) -> BeautifulSoup:
    file = site / path / "index.html"
    assert file.exists(), f"no page /{path}"
    return BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def links_to(soup: BeautifulSoup, from_path: str, target: str) -> list:
    """Links on the page at /from_path that lead to /target (relative hrefs resolved)."""
    base = "http://site/" + (from_path.strip("/") + "/" if from_path.strip("/") else "")
    wanted = "/" + target.strip("/") + "/"
    return [a for a in soup.find_all("a", href=True) if urlsplit(urljoin(base, a["href"])).path == wanted]


def matrix_cell(table, row_heading: str, column: str) -> str:
    """The duties behind a matrix cell: its mark links to them, listed per
    actor under the matrix."""
    columns = [words(th) for th in table.select("thead th")]
    assert column in columns, f"no column {column!r} in {columns}"
    for row in table.select("tbody tr"):
        if words(row.th) == row_heading:
            mark = row.find_all(["th", "td"])[columns.index(column)].select_one("a.sd-mark")
            assert mark is not None, f"no mark at ({row_heading!r}, {column!r})"
            return words(table.find_parent("article").find(id=mark["href"].removeprefix("#")))
    raise AssertionError(f"no row {row_heading!r} in {[words(r.th) for r in table.select('tbody tr')]}")


def matrix_mark(table, row_heading: str, column: str) -> str:
    """The accessible name of a matrix cell's mark."""
    columns = [words(th) for th in table.select("thead th")]
    for row in table.select("tbody tr"):
        if words(row.th) == row_heading:
            return row.find_all(["th", "td"])[columns.index(column)].select_one("a.sd-mark")["aria-label"]
    raise AssertionError(f"no row {row_heading!r}")


LANGUAGES = [  # (prefix, language, document title, organisation name)
    pytest.param("", "sv", TITLE_SV, ORG_SV, id="sv"),
    pytest.param("en/", "en", TITLE_EN, ORG_EN, id="en"),
]


# --- the editor only used what CONTRIBUTING.md shows --------------------------------


def test_contributing_shows_every_command_and_flag_the_editor_used() -> None:
    guide = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## Svenska" in guide and "## English" in guide
    for args in COMMANDS:
        command = " ".join(["styrdok", *[a for a in args[:2] if not a.startswith("-") and "/" not in a]])
        assert command in guide, f"CONTRIBUTING.md does not show `{command}`"
        for flag in (a for a in args if a.startswith("--")):
            assert flag in guide, f"CONTRIBUTING.md does not mention {flag} ({command})"


def test_check_passes_with_no_warning_about_the_new_files(outcome: Outcome) -> None:
    lines = outcome.check_output.splitlines()
    # The new document, and its text before the revision kept as the earlier version.
    documents = len(list((PROJECT / "policy_data/documents").glob("*/*.yaml"))) + 2
    organisations = len(list((PROJECT / "policy_data/organisations").glob("*.yaml"))) + 1
    assert lines[-1].startswith(f"ok: {documents} documents in {organisations} organisations"), lines[-1]
    # The English of the text kept from before the revision was never marked as up to date
    # (the editor did that after the revision, on the new text): the check says so, truly.
    kept = f"{DOC}-2025-02-12"
    assert [line for line in lines if f"/{ORG}" in line and not (f"{kept}.yaml" in line and "versions.en" in line)] == [], \
        "the editor finished: no warning about the new files"


# --- the built site ---------------------------------------------------------------


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_document_page_in_both_languages(outcome: Outcome, prefix: str, language: str, title: str, org_name: str) -> None:
    soup = page(outcome.site, prefix + DOC)
    assert soup.html["lang"] == language
    assert words(soup.select_one("article h1")) == f"{title} – {org_name}"
    facts = words(soup.select_one("dl.sd-facts"))
    assert ("Handlingsplan" if language == "sv" else "Action plan") in facts
    assert org_name in facts and "KS 2024/455" in facts and "1.1" in facts
    article = words(soup.select_one("article"))
    assert (BODY_SV if language == "sv" else BODY_EN) in article
    assert soup.select_one(".sd-stale") is None, "the English was marked as translated"
    history = words(soup.select_one("ul.sd-history"))
    expected = ("10 juni 2026: Reviderat av Kommunstyrelsen, § 92" if language == "sv"
                else "10 June 2026: Revised by Municipal executive board, § 92")
    assert expected in history and ("12 februari 2025" if language == "sv" else "12 February 2025") in history


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_the_text_before_the_revision_is_kept_as_the_earlier_version(outcome: Outcome, prefix: str, language: str,
                                                                    title: str, org_name: str) -> None:
    earlier = f"{DOC}-2025-02-12"  # named after the day its wording began
    soup = page(outcome.site, prefix + earlier)
    assert (BODY_SV if language == "sv" else BODY_EN) in words(soup.select_one("article"))
    assert links_to(soup.select_one(".sd-earlier"), prefix + earlier, prefix + DOC)
    current = page(outcome.site, prefix + DOC)
    assert [words(li).split(":")[0].strip() for li in current.select("ol.sd-versions > li")] == (
        ["Version 1.0", "Version 1.1 (den här sidan), gällande version"] if language == "sv"
        else ["Version 1.0", "Version 1.1 (this page), the version in force"])
    assert links_to(current.select_one("ol.sd-versions"), prefix + DOC, f"{prefix}{DOC}/andringar")


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_document_has_its_own_matrix(outcome: Outcome, prefix: str, language: str, title: str, org_name: str) -> None:
    table = page(outcome.site, prefix + DOC).select_one("table.sd-matrix")
    assert table is not None
    row = "Ansvar" if language == "sv" else "Who is responsible"
    committee = COMMITTEE_SV if language == "sv" else COMMITTEE_EN
    assert (DUTY_SV if language == "sv" else DUTY_EN) in matrix_cell(table, row, committee)


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_organisation_page_lists_the_document_and_actors(outcome: Outcome, prefix: str, language: str, title: str, org_name: str) -> None:
    soup = page(outcome.site, prefix + ORG)
    assert words(soup.select_one("article h1")) == org_name
    assert [words(a) for a in links_to(soup, prefix + ORG, prefix + DOC)] == [title]
    assert links_to(soup, prefix + ORG, f"{prefix}{ORG}/aktorer/barn-och-utbildningsnamnden")
    actor = page(outcome.site, f"{prefix}{ORG}/aktorer/barn-och-utbildningsnamnden")
    assert (DUTY_SV if language == "sv" else DUTY_EN) in words(actor.select_one("article"))


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_organisation_matrix_has_a_row_for_the_document(outcome: Outcome, prefix: str, language: str, title: str, org_name: str) -> None:
    path = f"{prefix}{ORG}/ansvar"
    soup = page(outcome.site, path)
    table = soup.select_one("table.sd-matrix")
    rows = {words(r.th): r for r in table.select("tbody tr")}
    assert title in rows, list(rows)
    assert links_to(rows[title], path, prefix + DOC)
    committee = COMMITTEE_SV if language == "sv" else COMMITTEE_EN
    assert re.fullmatch(r"1 (uppgift|duty)", matrix_mark(table, title, committee))
    assert (DUTY_SV if language == "sv" else DUTY_EN)[:40] in matrix_cell(table, title, committee)


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
@pytest.mark.parametrize("calendar", ["kalender", f"kalender/{ORG}"])
def test_calendar_lists_the_review_dates(outcome: Outcome, prefix: str, language: str, title: str, org_name: str, calendar: str) -> None:
    path = prefix + calendar
    soup = page(outcome.site, path)
    rows = [r for r in soup.select("table.sd-calendar tbody tr") if links_to(r, path, prefix + DOC)]
    tasks = sorted(words(r) for r in rows)
    # The yearly follow-up is listed; the revision "by 2027" is done (revised in
    # June 2026), so it is no longer in the calendar.
    assert len(rows) == 1, tasks
    assert all(org_name in t for t in tasks)
    assert not any(("Handlingsplanen ska revideras senast 2027." if language == "sv"
                    else "The plan must be updated by the end of 2027.") in t for t in tasks)
    if calendar == "kalender":
        assert links_to(soup.select_one(".sd-filters"), path, f"{prefix}kalender/{ORG}")


@pytest.mark.parametrize("feed", ["kalender/kalender.ics", f"kalender/{ORG}/kalender.ics",
                                  "en/kalender/kalender.ics", f"en/kalender/{ORG}/kalender.ics"])
def test_calendar_feeds_carry_the_document(outcome: Outcome, feed: str) -> None:
    english = feed.startswith("en/")
    calendar = Calendar.from_ical((outcome.site / feed).read_bytes())
    events = [e for e in calendar.walk("VEVENT") if str(e["URL"]).endswith(f"/{DOC}/")]
    title = TITLE_EN if english else TITLE_SV
    summaries = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events}
    follow_up, revision = ("Follow-up", "Revision") if english else ("Uppföljning", "Revidering")
    summary = f"{follow_up}: {title} ({ORG_EN if english else ORG_SV})"  # titles name the organisation
    assert set(summaries) == {summary}, summaries  # the revision by 2027 is done
    assert summaries[summary] == dt.date(2027, 12, 31)
    assert all(("/en/" in str(e["URL"])) == english and str(e["UID"]).endswith("@styrdok") for e in events)


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_whats_new_lists_the_revision_and_the_adoption(outcome: Outcome, prefix: str, language: str, title: str, org_name: str) -> None:
    path = prefix + "nytt"
    soup = page(outcome.site, path)
    items = soup.select("ul.sd-news li")
    texts = [" ".join(words(li).replace(" :", ":").split()) for li in items]
    revised, adopted = ("Reviderat", "Antaget") if language == "sv" else ("Revised", "Adopted")
    assert texts[0].startswith(f"{'10 juni 2026' if language == 'sv' else '10 June 2026'}: {revised} – {title} ({org_name})"), texts[0]
    assert texts[1].startswith(f"{'12 februari 2025' if language == 'sv' else '12 February 2025'}: {adopted} – {title} ({org_name})"), texts[1]
    assert links_to(items[0], path, prefix + DOC) and links_to(items[1], path, prefix + DOC)


@pytest.mark.parametrize("feed", ["nytt/atom.xml", "en/nytt/atom.xml", f"{ORG}/atom.xml", f"en/{ORG}/atom.xml"])
def test_atom_feeds_carry_the_revision_and_the_adoption(outcome: Outcome, feed: str) -> None:
    english = feed.startswith("en/")
    parsed = feedparser.parse((outcome.site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == ("en" if english else "sv")
    title = TITLE_EN if english else TITLE_SV
    revised, adopted = ("Revised", "Adopted") if english else ("Reviderat", "Antaget")
    assert [e.title for e in parsed.entries[:2]] == [f"{revised}: {title}", f"{adopted}: {title}"]
    for entry in parsed.entries[:2]:
        assert entry.link.endswith(("/en/" if english else "/") + f"{DOC}/"), entry.link
    if ORG in feed:
        assert len(parsed.entries) == 2, "the organisation's feed has only its own document"


@pytest.mark.parametrize("prefix, language, title, org_name", LANGUAGES)
def test_home_page_links_the_organisation_and_the_document(outcome: Outcome, prefix: str, language: str, title: str, org_name: str) -> None:
    soup = page(outcome.site, prefix.rstrip("/"))
    article = soup.select_one("article")
    assert [words(a) for a in links_to(article, prefix, prefix + ORG)]
    documents = links_to(article, prefix, prefix + DOC)
    assert len(documents) == 1 and {words(a) for a in documents} == {title}  # under its organisation, once
    listed = words(documents[0].find_parent("li"))
    status = "Gällande" if language == "sv" else "In force"
    assert re.fullmatch(re.escape(title) + r" \([^)]+\) – " + re.escape(status), listed), listed


@pytest.mark.parametrize("prefix, language, own_words, other_words", [
    pytest.param("", "sv", "skolutbyten med vänorten Kaunas", "school exchanges with its twin town", id="sv"),
    pytest.param("en/", "en", "school exchanges with its twin town Kaunas", "skolutbyten med vänorten", id="en"),
])
def test_search_index_finds_the_document_in_its_language(outcome: Outcome, prefix: str, language: str, own_words: str, other_words: str) -> None:
    fragments = search_fragments(outcome.site)
    mine = [f for lang, f in fragments if lang == language]
    entries = [f for f in mine if f["url"] == f"/{prefix}{DOC}/"]
    assert len(entries) == 1, f"{DOC} is not in the {language} search index"
    assert entries[0]["meta"]["title"] == (TITLE_SV if language == "sv" else TITLE_EN)
    assert entries[0]["meta"]["organisation"] == (ORG_SV if language == "sv" else ORG_EN)
    assert own_words in entries[0]["content"]
    assert other_words not in " ".join(f["content"] for f in mine)
    assert any(f["url"] == f"/{prefix}{ORG}/" for f in mine), "the organisation's page is searchable"
    assert (outcome.site / prefix / DOC / "index.html").exists()  # the URL resolves
