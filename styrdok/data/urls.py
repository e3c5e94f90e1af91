"""Where each page lives. URLs are built from ids only, so they stay stable
when titles change, and are the same in both languages (English under /en/)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

DEFAULT_LANGUAGE = "sv"


@dataclass(frozen=True)
class Address:
    url: str  # relative to the language root, e.g. "vasteras/" or "vasteras/policy/"
    stem: str  # the Markdown file under docs/ without suffix, e.g. "vasteras/index"

    def file(self, language: str) -> str:
        """mkdocs-static-i18n's suffix layout: page.md (sv) and page.en.md."""
        suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
        return f"{self.stem}{suffix}.md"


HOME = Address("", "index")
TYPES = Address("dokumenttyper/", "dokumenttyper")


def organisation(org: str) -> Address:
    return Address(f"{org}/", f"{org}/index")


def document(doc_id: str) -> Address:
    return Address(f"{doc_id}/", doc_id)


def changes(doc_id: str) -> Address:
    """What changed in a version since the one before it, below the version's own page."""
    return Address(f"{doc_id}/{CHANGES_NAME}/", f"{doc_id}/{CHANGES_NAME}")


CHANGES_NAME = "andringar"
CATALOGUE_FILE = "katalog.jsonld"  # the DCAT-AP-SE catalogue of the exports, at the site root


def actor(org: str, actor_id: str) -> Address:
    return Address(f"{org}/aktorer/{actor_id}/", f"{org}/aktorer/{actor_id}")


CALENDAR = Address("kalender/", "kalender/index")
FEED_NAME = "kalender"  # kalender.ics beside each calendar page


def calendar(org: str | None = None, owner: str | None = None) -> Address:
    if org is None:
        return CALENDAR
    if owner is None:
        return Address(f"kalender/{org}/", f"kalender/{org}/index")
    return Address(f"kalender/{org}/{owner}/", f"kalender/{org}/{owner}/index")


def feed_file(address: Address, language: str) -> str:
    """The .ics file beside a calendar page (suffixed for the i18n plugin)."""
    folder = address.stem.rsplit("/", 1)[0]
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    return f"{folder}/{FEED_NAME}{suffix}.ics"


def organisation_matrix(org: str) -> Address:
    return Address(f"{org}/ansvar/", f"{org}/ansvar")


def document_list(extension: str, language: str) -> str:
    """The list of every document (CSV or JSON) at the site root; both
    languages get the same bilingual file, as with the matrix exports."""
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    return f"dokument{suffix}.{extension}"


def export(org: str, extension: str, language: str) -> str:
    """The matrix export beside the organisation's page. Both languages get
    the same bilingual file; the suffix makes the i18n plugin put it under /en/."""
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    return f"{org}/ansvarsmatris{suffix}.{extension}"


COMPARISON = Address("jamforelse/", "jamforelse")
GAPS = Address("redaktion/luckor/", "redaktion/luckor")

NEWS = Address("nytt/", "nytt/index")
FIELDS = Address("redaktion/falt/", "redaktion/falt")
PHRASES = Address("redaktion/fraser/", "redaktion/fraser")
ATOM_NAME = "atom.xml"


def news_feed(org: str | None, language: str) -> tuple[str, str]:
    """(file under docs/, URL from the language root) of an Atom feed."""
    folder = "nytt" if org is None else org
    suffix = "" if language == DEFAULT_LANGUAGE else f".{language}"
    return f"{folder}/atom{suffix}.xml", f"{folder}/{ATOM_NAME}"


# --- names the site itself uses ------------------------------------------------------
# An organisation's id is a folder at the top of the site, and a document's id
# a name inside its organisation's folder, so neither may be a name the site
# already uses there: the lists are worked out from the addresses above, so a
# new page is reserved as soon as it has an address.

SITE_PAGES = (HOME, TYPES, CALENDAR, COMPARISON, GAPS, NEWS, FIELDS)
# Pages written by hand under docs/ (mkdocs.yml's nav lists them; the
# developers' pages, benchmark.md and stack-plan.md, are kept off the site but
# are files there all the same).
READABILITY = Address("readability/", "readability")  # written by scripts/readability.py
HAND_WRITTEN_PAGES = ("om", "tillganglighet", READABILITY.stem, "benchmark", "stack-plan")
# What MkDocs, the theme and the search plugin write at the top of the site,
# and the folder of each language other than the default one.
THEME_NAMES = ("assets", "search", "pagefind", "404", "sitemap")
OTHER_LANGUAGES = ("en",)


def top_name(name: str) -> str:
    """The first part of a docs- or site-relative name, without suffixes:
    `kalender/index.md` → `kalender`, `sitemap.xml.gz` → `sitemap`."""
    return name.split("/", 1)[0].split(".", 1)[0]


def _organisation_names() -> list[str]:
    """What the site puts in an organisation's folder, from the addresses of a
    sample organisation (its page, matrix, actors, feed and exports)."""
    sample = "org"
    made = [organisation(sample).stem, organisation_matrix(sample).stem, actor(sample, "x").stem,
            news_feed(sample, DEFAULT_LANGUAGE)[0], export(sample, "csv", DEFAULT_LANGUAGE)]
    return [top_name(name.removeprefix(sample + "/")) for name in made]


RESERVED_ORGANISATION_IDS = frozenset(
    [top_name(page.stem) for page in SITE_PAGES] + [top_name(news_feed(None, DEFAULT_LANGUAGE)[0])]
    + list(HAND_WRITTEN_PAGES) + list(THEME_NAMES) + list(OTHER_LANGUAGES) + [top_name(CATALOGUE_FILE)]
    + [top_name(document_list("csv", DEFAULT_LANGUAGE))]
)
RESERVED_DOCUMENT_IDS = frozenset(_organisation_names())


@dataclass(frozen=True)
class DocumentAnchors:
    """The anchors the document page gives its own headings. Section ids are
    anchors on the same page, so they may not be one of these."""

    facts: str = "fakta"
    history: str = "historik"
    who_does_what: str = "vem-gor-vad"
    versions: str = "versioner"

    def all(self) -> frozenset[str]:
        return frozenset(vars(self).values())


DOCUMENT_ANCHORS = DocumentAnchors()


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two pages of the same language, so the site
    works under any base path (e.g. a GitHub Pages project site)."""
    if "." in from_url or "." in to_url or "//" in from_url or "//" in to_url:
        rel = posixpath.relpath("/" + to_url, "/" + from_url)  # the general case
        return "./" if rel == "." else rel + "/"
    # Page URLs are plain folders ("org/doc/"): the same result as relpath,
    # without its cost (called for every link on every page).
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return "/".join(parts) + "/" if parts else "./"
