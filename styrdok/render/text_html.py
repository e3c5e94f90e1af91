"""Turn editor-written text into safe HTML.

Editors may write Markdown (paragraphs, lists, emphasis, tables, links to
http/https). Anything that looks like HTML is escaped before Markdown sees
it, so it shows as text; the HTML Markdown produces is then cleaned by nh3
(Ammonia) as a second line of defence: only the tags below survive, links
only with http(s) or mailto, and no headings (the page owns its outline).
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3
from markupsafe import Markup

_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "br", "code", "blockquote",
         "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
_SCHEMES = {"http", "https", "mailto"}
_MD = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


def _escape_html(text: str) -> str:
    """`&` and `<` are all it takes to open a tag or entity; `>` stays for quotes."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


# A paragraph that Markdown would only wrap in <p>: letters, digits, spaces and
# punctuation that starts no Markdown or HTML syntax, one line, not starting
# with a list, heading or code marker. Most duties and many bodies are just
# that, or a list of such lines ("- item"), and Markdown + nh3 cost a
# millisecond or more each; tests check that both ways give the same bytes.
_PLAIN_CHAR = "[^\\W_]|[ .,:;!?'\"()%/\u2013\u2014+=\u00a7\u2026\u2019\u201c\u201d\u00ab\u00bb-]"
_PLAIN_PARAGRAPH = re.compile(f"[^\\W\\d_](?:{_PLAIN_CHAR})*")


def _plain(paragraph: str) -> bool:
    return _PLAIN_PARAGRAPH.fullmatch(paragraph) is not None and not paragraph.endswith(" ")


def _list_items(paragraph: str) -> list[str] | None:
    """The items of a paragraph that is a tight list of plain lines, "- " each."""
    lines = paragraph.split("\n")
    if all(line.startswith("- ") and _plain(line[2:]) for line in lines):
        return [line[2:] for line in lines]
    return None


def _plain_paragraphs(text: str) -> Markup | None:
    out: list[str] = []
    was_list = False
    for paragraph in text.split("\n\n"):
        if _plain(paragraph):
            out.append(f"<p>{paragraph}</p>")
            was_list = False
            continue
        items = _list_items(paragraph)
        if items is None or was_list:  # two lists in a row: Markdown makes one loose list of them
            return None
        out += ["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>"]
        was_list = True
    return Markup("\n".join(out))


@functools.lru_cache(maxsize=16384)
def block(text: str) -> Markup:
    """Markdown from the data → sanitised HTML, with no blank lines inside.
    Kept for the texts seen last: a page shows each duty twice (in its
    section and under its actor), and both languages' pages may show the
    same untranslated passage."""
    plain = _plain_paragraphs(text)
    if plain is not None:
        return plain
    return markdown_block(text)


def markdown_block(text: str) -> Markup:
    """`block` without the shortcut for plain paragraphs."""
    _MD.reset()
    rendered = _MD.convert(_escape_html(text))
    cleaned = nh3.clean(
        rendered,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel="noopener nofollow",
        strip_comments=True,
    )
    with_scope = cleaned.replace("<th>", '<th scope="col">')
    return Markup("\n".join(line for line in with_scope.splitlines() if line.strip()))
