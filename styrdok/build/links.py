"""Every link of the generated pages leads to a page, file or anchor of the site.

The generated pages are HTML, handed to MkDocs without a Markdown
conversion (render/page_file), so MkDocs never reads their links: it
checks only the links written in Markdown. This check reads every `href` of
every generated page as the page is written, resolves it against the page's
address, and fails the build when one leads to no page or file of the site
(generated or hand-written) in the page's language, or to no anchor on a
generated page. Links with a scheme (`https:`, `mailto:`) or to another host
are the reader's to follow, not checked here.

Each problem is located in the generated page file as `docs/<file>:line:col`,
which a developer opens to see the link and the template that wrote it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from html import unescape

from styrdok.data.problems import DataError, Problem
from styrdok.data.urls import DEFAULT_LANGUAGE

_HREF = re.compile(r"""\shref=(?:"([^"]*)"|'([^']*)')""")
_HTML_ID = re.compile(r'\sid="([^"]+)"')  # the templates quote attributes with "
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
_LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2})$")
# Ids that the page frame (overrides/) gives every page: the header search's dialog.
FRAME_IDS = frozenset({"sd-search"})
# The pages MkDocs and the site's own hooks write beside the docs: linked
# from generated pages, never generated into docs/.
BUILT_BY_THE_SITE = frozenset({"pagefind/", "404.html", "sitemap.xml", "search/"})


class BrokenLinks(DataError):
    """Links of the generated pages that lead nowhere."""

    what = ("broken link", "in the generated pages")


def address_of(name: str) -> tuple[str, str]:
    """A file under docs/ → (its language, its address below the site root),
    as MkDocs (directory URLs) and mkdocs-static-i18n (suffix layout) place
    it: `vasteras/policy.en.md` → ("en", "en/vasteras/policy/")."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    language = DEFAULT_LANGUAGE
    suffix = _LANGUAGE_SUFFIX.search(stem)
    if suffix:
        language, stem = suffix.group(1), stem[: suffix.start()]
    prefix = "" if language == DEFAULT_LANGUAGE else f"{language}/"
    if extension != "md":
        return language, prefix + (f"{stem}.{extension}" if dot else stem)
    if stem == "index":
        return language, prefix
    if stem.endswith("/index"):
        return language, prefix + stem[: -len("index")]
    return language, f"{prefix}{stem}/"


def ids_in(html: str) -> set[str]:
    """The ids of a generated page's elements (the templates quote attributes with ")."""
    return set(_HTML_ID.findall(html))


@dataclass(frozen=True)
class _Link:
    href: str  # as written, for the message
    line: int
    column: int
    address: str | None  # what it leads to, below the site root; None: not checked (another site, a scheme)
    fragment: str
    above_root: bool = False


@dataclass
class _Page:
    links: list[_Link]
    ids: set[str]


def _resolve(href: str, here: str) -> tuple[str | None, str, bool]:
    """(address, fragment, above the root?) of a link on the page at `here`."""
    if _SCHEME.match(href) or href.startswith("//"):
        return None, "", False
    path, _, fragment = href.partition("#")
    path = path.partition("?")[0]
    if not path:
        return here, fragment, False
    address = posixpath.normpath(posixpath.join(here, path))  # `here` is a folder address (ends with / or is "")
    if address == ".":
        return "", fragment, False
    if address == ".." or address.startswith("../"):
        return address, fragment, True
    return address + "/" if path.endswith("/") else address, fragment, False


@dataclass
class LinkCheck:
    """The links and anchors of each generated file, read as the file is
    written and kept per file, so that a partial render (the preview after
    an edit) reads only the files it renders again and checks them all."""

    pages: dict[str, _Page] = field(default_factory=dict)

    def read(self, name: str, text: str) -> None:
        if not name.endswith(".md"):  # feeds, calendars, exports: files to link to
            self.pages[name] = _Page([], set())
            return
        here = address_of(name)[1]
        links: list[_Link] = []
        seen: set[str] = set()  # each href once, where it first stands
        line, counted = 1, 0
        for match in _HREF.finditer(text):
            written = match.group(1) if match.group(1) is not None else match.group(2)
            if written in seen:
                continue
            seen.add(written)
            start = match.start()
            line += text.count("\n", counted, start)
            counted = start
            href = unescape(written) if "&" in written else written
            links.append(_Link(href, line, start + 1 - text.rfind("\n", 0, start), *_resolve(href, here)))
        self.pages[name] = _Page(links, ids_in(text))

    def keep_only(self, names: Iterable[str]) -> None:
        """Forget the files no longer generated."""
        keep = set(names)
        for name in [n for n in self.pages if n not in keep]:
            del self.pages[name]

    def watching(self, out: MutableMapping[str, str]) -> MutableMapping[str, str]:
        """`out`, reading every file stored into it on the way."""
        return _Reading(self, out)

    def problems(self, hand_written: Iterable[str]) -> list[Problem]:
        """Every link of the generated pages that leads nowhere."""
        targets: dict[str, str | None] = {}  # address → the generated file there (None: hand-written)
        for name in hand_written:
            targets.setdefault(address_of(name)[1], None)
        for name in self.pages:
            targets[address_of(name)[1]] = name
        found: list[Problem] = []
        for name, page in sorted(self.pages.items()):
            for link in page.links:
                message = self._check(link, targets)
                if message:
                    found.append(Problem(f"docs/{name}", link.line, link.column, "href", message))
        return found

    def _check(self, link: _Link, targets: dict[str, str | None]) -> str | None:
        address = link.address
        if address is None:
            return None
        if link.above_root:
            return f"{link.href!r} leads above the site's root"
        if address not in targets:
            if address + "/" in targets:
                return f"{link.href!r} leaves out the final '/' of the page {address}/"
            if any(address.startswith(b) or address == b.rstrip("/") for b in BUILT_BY_THE_SITE):
                return None
            return f"{link.href!r} leads to no page or file of the site ({address or '/'})"
        target = targets[address]
        if link.fragment and target is not None and link.fragment not in FRAME_IDS \
                and link.fragment not in self.pages[target].ids:
            return f"{link.href!r}: the page {address or '/'} has no anchor {link.fragment!r}"
        return None


class _Reading(MutableMapping[str, str]):
    def __init__(self, check: LinkCheck, out: MutableMapping[str, str]):
        self._check, self._out = check, out

    def __setitem__(self, name: str, text: str) -> None:
        self._check.read(name, text)
        self._out[name] = text

    def __getitem__(self, name: str) -> str:
        return self._out[name]

    def __delitem__(self, name: str) -> None:
        del self._out[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._out)

    def __len__(self) -> int:
        return len(self._out)


def check(pages: dict[str, str], hand_written: Iterable[str] = ()) -> list[Problem]:
    """The problems of a set of rendered files (name → text) at once."""
    links = LinkCheck()
    for name, text in pages.items():
        links.read(name, text)
    return links.problems(hand_written)

