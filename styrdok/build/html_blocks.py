"""Hand the generated HTML tables past Python-Markdown.

The pages' tables (matrices, calendars, the comparison, the gaps) are HTML
that the templates already made safe. Python-Markdown would only read them
through its HTML parser to pass them on unchanged, and that was most of the
time spent on the largest pages (a third of a second for the comparison at
500 documents, on every rebuild after a title is edited). So each table that
stands as a block of its own is swapped for a marker before Markdown, and
put back in the HTML after: the same bytes, without the parsing. A test
converts every generated page both ways, with the extensions mkdocs.yml
loads, and compares the HTML.
"""

from __future__ import annotations

import re

# A table at the start of a line, after a blank line (or the start), up to
# the first line that is `</table>` (tables are not nested here), followed
# by a blank line (or the end): what Python-Markdown reads as a raw HTML block.
_TABLE = re.compile(r"(?:(?<=\n\n)|\A)<table\b[^\n]*\n(?:(?!\n\n)[\s\S])*?\n</table>(?=\n\n|\n?\Z)")
_MARKER = "<!--styrdok-table-{}-->"
_MARKERS = re.compile(r"<!--styrdok-table-(\d+)-->")


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each table block replaced by a marker, and the tables."""
    tables: list[str] = []

    def swap(match: re.Match[str]) -> str:
        tables.append(match.group(0))
        return _MARKER.format(len(tables) - 1)

    return _TABLE.sub(swap, markdown), tables


def put_back(html: str, tables: list[str]) -> str:
    """The HTML with each marker replaced by its table."""
    if not tables:
        return html
    return _MARKERS.sub(lambda m: tables[int(m.group(1))], html)


class TablesSetAside:
    """The tables set aside from each page's Markdown until its HTML is made
    (the generator converts the Markdown in between), keyed by the page's
    source path."""

    def __init__(self) -> None:
        self._tables: dict[str, list[str]] = {}

    def from_markdown(self, page: str, markdown: str) -> str:
        markdown, self._tables[page] = set_aside(markdown)
        return markdown

    def into_html(self, page: str, html: str) -> str:
        return put_back(html, self._tables.pop(page, []))
