"""What a generated page file holds: one line of front matter, then the page
as finished HTML.

The templates write every element themselves, headings included, so the
page needs no Markdown. What MkDocs would otherwise learn by converting
Markdown (the page's title, its table of contents, the ids links may point
to) the templates record as they write the headings (`Outline`), and the
front matter carries it (key OUTLINE_KEY) to the MkDocs glue, which hands it
to MkDocs in place of a conversion (hooks/stack_adapter.py). Python-Markdown
would spend about a fifth of the build reading pages that are already HTML
(docs/benchmark.md, issue 17).

Headings come out as Python-Markdown's `toc` and `attr_list` would make them
from `## text {#id .class lang=xx}`: the same id (given, or the `toc`
slug of the text), and the table-of-contents name and page title as `toc`
and MkDocs take them: the escaped text, its white space collapsed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from markdown.extensions.toc import slugify, unique
from markupsafe import Markup

OUTLINE_KEY = "styrdok_outline"  # front matter: {"toc": [[level, id, name], ...]}


@dataclass
class Outline:
    """The headings of one page as it is rendered, in order."""

    headings: list[tuple[int, str, str]] = field(default_factory=list)  # (level, id, name as HTML)

    @property
    def title(self) -> str | None:
        """The page's title, as MkDocs takes it: the first h1's name."""
        return _title(self.headings)

    def heading(self, level: int, text: str, anchor: str = "", classes: tuple[str, ...] = (),
                lang: str | None = None) -> Markup:
        """An `<hN>` element for `text` (plain text, escaped here), recorded
        for the page's title and table of contents. Without `anchor` its id
        is the `toc` slug of the text, made unique on the page as `toc` does."""
        level = min(max(level, 1), 6)
        name = " ".join(html.escape(text, quote=False).split())
        anchor = anchor or unique(slugify(text, "-"), {h[1] for h in self.headings})
        attributes = f' id="{html.escape(anchor)}"'
        if classes:
            attributes += f' class="{html.escape(" ".join(classes))}"'
        if lang:
            attributes += f' lang="{html.escape(lang)}"'
        self.headings.append((level, anchor, name))
        return Markup(f"<h{level}{attributes}>{html.escape(text, quote=False)}</h{level}>")

    def as_data(self) -> dict[str, Any]:
        return {"toc": [list(h) for h in self.headings]}


def _title(headings: list[tuple[int, str, str]]) -> str | None:
    return next((name for level, _, name in headings if level == 1), None)


def toc_tokens(data: dict[str, Any]) -> tuple[str | None, list[dict[str, Any]]]:
    """An outline read back from front matter → (title, flat table-of-contents
    tokens shaped like Python-Markdown's `toc_tokens` before nesting)."""
    headings = [(int(level), str(anchor), str(name)) for level, anchor, name in data.get("toc") or []]
    tokens = [{"level": level, "id": anchor, "name": name, "html": name, "data-toc-label": ""}
              for level, anchor, name in headings]
    return _title(headings), tokens


def front_matter(data: dict[str, Any]) -> str:
    """Front matter for a generated page: one line of JSON, which YAML reads as
    a flow mapping, written by the json module in a fraction of the time a
    YAML emitter takes. Every string is double-quoted with its control
    characters escaped, so no text can end the front matter or change its
    structure."""
    return f"---\n{_yaml_safe(json.dumps(data, ensure_ascii=False))}\n---\n\n"


def body_of(text: str) -> str:
    """The page's HTML: what follows the front matter of a page file."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 3)
    return text if end < 0 else text[end + 5:].strip("\n")


# What YAML (1.1, as PyYAML reads MkDocs' front matter) takes differently from
# JSON inside a double-quoted string: characters it refuses outright, and the
# line breaks it would fold into a space. Written as JSON escapes, which YAML
# reads the same way.
_NOT_YAML_AS_IS = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _yaml_safe(text: str) -> str:
    return _NOT_YAML_AS_IS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
