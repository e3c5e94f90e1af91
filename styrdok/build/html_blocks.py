"""Hand the generated HTML past Python-Markdown.

A generated page is mostly HTML that the templates already made safe: its
tables, lists, facts and notes stand as raw HTML blocks between a few
Markdown headings. Python-Markdown would read every one of those blocks with
its HTML parser, and MkDocs a second time to collect their ids, only to pass
them on unchanged; at 1,000 documents that was about a third of the MkDocs
build. So each top-level block that Python-Markdown would keep as raw HTML
is swapped for a marker before Markdown and put back in the HTML after: the
same bytes, without the parsing. The headings stay Markdown, so MkDocs still
makes the table of contents and the heading anchors.

A block is set aside when it is a paragraph of its own (a blank line or the
start before it, a blank line or the end after it) made of elements that
Python-Markdown treats as block-level, each starting a line and closing at
the end of one: Python-Markdown then keeps each whole as a raw HTML block. The ids inside are returned, so that MkDocs can
still check links to them. A test converts every generated page both ways,
with the extensions mkdocs.yml loads, and compares the HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Python-Markdown's block-level elements (markdown.Markdown.block_level_elements)
# that the templates start a block with.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main",
    "nav", "ol", "p", "pre", "section", "table", "ul",
})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>/]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>|<!--[\s\S]*?-->")
_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_MARKER = "<!--styrdok-html-{}-->"
_MARKERS = re.compile(r"<!--styrdok-html-(\d+)-->")
_CHUNKS = re.compile(r"\n\n+")


def _starts_block(text: str, at: int) -> bool:
    start = _START.match(text, at)
    return start is not None and start.group(1).lower() in _BLOCK_TAGS


def _whole_block(chunk: str) -> bool:
    """Whether `chunk` is block-level elements only, each opened at the start
    of a line and closed at the end of one, the last at the chunk's end."""
    if not _starts_block(chunk, 0):
        return False
    depth = 0
    for tag in _TAG.finditer(chunk):
        name = tag.group(2)
        if name is None:  # a comment
            continue
        if tag.group(3) or name.lower() in _VOID:  # <x/> or a void element: no closing tag
            if depth:
                continue
        else:
            depth += -1 if tag.group(1) else 1
            if depth:
                continue
        # an element at the top closed here: the chunk ends, or a line with the next one starts
        end = tag.end()
        if end == len(chunk):
            return True
        if chunk[end] != "\n" or not _starts_block(chunk, end + 1):
            return False
    return False


@dataclass
class SetAside:
    """A page's Markdown with its HTML blocks replaced by markers."""

    markdown: str
    blocks: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # the ids inside the blocks


def set_aside(markdown: str) -> SetAside:
    """The Markdown with each run of whole HTML blocks replaced by one marker.
    Python-Markdown puts one blank line between consecutive raw blocks,
    whatever the number of blank lines between them in the Markdown, so a run
    comes back joined that way."""
    out: list[str] = []
    blocks: list[str] = []
    run: list[str] = []  # the blocks of the run being read; its marker is the last item of `out`
    position = 0
    for gap in [*_CHUNKS.finditer(markdown), None]:
        end = gap.start() if gap is not None else len(markdown)
        chunk = markdown[position:end].rstrip("\n")  # the file's last newline stays
        if chunk.startswith("<") and _whole_block(chunk):
            if run:
                run.append(chunk)
                out.pop()  # the blank lines since the run's last block
            else:
                run = [chunk]
                out.append(_MARKER.format(len(blocks)))
                blocks.append("")
            blocks[-1] = "\n\n".join(run)
        else:
            run = []
            out.append(chunk)
        out.append(markdown[position + len(chunk):end])
        if gap is not None:
            out.append(gap.group(0))
            position = gap.end()
    ids = {match.group(1) for block in blocks for match in _ID.finditer(block)}
    return SetAside("".join(out), blocks, ids)


def put_back(html: str, blocks: list[str]) -> str:
    """The HTML with each marker replaced by its block."""
    if not blocks:
        return html
    return _MARKERS.sub(lambda m: blocks[int(m.group(1))], html)


class BlocksSetAside:
    """What was set aside from each page's Markdown until its HTML is made
    (MkDocs converts the Markdown in between), keyed by the page's source path."""

    def __init__(self) -> None:
        self._pages: dict[str, SetAside] = {}

    def from_markdown(self, page: str, markdown: str) -> str:
        self._pages[page] = aside = set_aside(markdown)
        return aside.markdown

    def into_html(self, page: str, html: str) -> tuple[str, set[str]]:
        """The page's HTML with its blocks put back, and the ids inside them."""
        aside = self._pages.pop(page, None)
        if aside is None:
            return html, set()
        return put_back(html, aside.blocks), aside.ids
