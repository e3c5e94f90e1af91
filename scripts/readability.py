#!/usr/bin/env python3
"""How plain is the plain English? Flesch reading ease and average sentence
length of every English text of every document whose English version is a
`plain_translation` (written for this library).

An official translation (kind `official_translation`, such as Västerås's own
English policy) is the organisation's text, quoted as published, and is not
measured; neither is an original.

    scripts/readability.py            print a table of every text
    scripts/readability.py --write    also rewrite docs/readability.md and .en.md
    scripts/readability.py --check    exit 1 if a text fails the bound or the
                                      docs pages are out of date

The bound (issue 3): any English text of more than three sentences scores at
least 50 (Flesch reading ease, "fairly difficult" begins below 50). A text that
fails is rewritten; the bound is never loosened. One section counts as one text:
its body, its labels and its duties together; its heading names it. Every other
English text (title, description, rules as written, notes) counts on its own.

Scores come from textstat 0.7.3 (pinned: later versions download a dictionary
at run time, which fails offline), which counts syllables with pyphen.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(PROJECT))

import textstat  # noqa: E402

from styrdok.data.library import load_library, sections_with_paths  # noqa: E402
from styrdok.data.problems import field_path  # noqa: E402
from styrdok.data import urls  # noqa: E402
from styrdok.data.model import LANGUAGES, Section, texts  # noqa: E402
from styrdok.render.words import Words  # noqa: E402

MIN_FLESCH = 50.0
MAX_SENTENCES_UNCHECKED = 3
DOCS = {language: PROJECT / "docs" / urls.READABILITY.file(language) for language in LANGUAGES}

textstat.set_lang("en")


@dataclass(frozen=True)
class Row:
    document: str  # document id, e.g. vaxjo/internationell-strategi
    title: str  # the document's English title
    field: str  # e.g. `sections[2]` or `review[0].as_written`
    label: str  # a section's heading, or the field name
    text: str  # plain text as measured (Markdown removed)
    sentences: int
    words: int
    avg_sentence_length: float
    flesch: float

    @property
    def checked(self) -> bool:
        return self.sentences > MAX_SENTENCES_UNCHECKED

    @property
    def fails(self) -> bool:
        return self.checked and self.flesch < MIN_FLESCH


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


def plain_text(markdown: str) -> str:
    """Markdown as a reader hears it: markup removed; every paragraph and list
    item ends a sentence (a list item without a full stop is still one)."""
    items: list[str] = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        current: list[str] = []
        for line in block.splitlines():
            if _LIST_ITEM.match(line) and current:
                items.append(" ".join(current))
                current = []
            current.append(_LIST_ITEM.sub("", line).strip())
        if current:
            items.append(" ".join(current))
    out = []
    for item in items:
        item = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", item)  # [text](url) → text
        item = re.sub(r"<(https?://[^>\s]+)>", r"\1", item)
        item = re.sub(r"^(#+|>)\s*", "", item)
        item = re.sub(r"[*_`]+", "", item)
        item = re.sub(r"\s+", " ", item).strip()
        if not item:
            continue
        if item[-1] not in ".!?:;":
            item += "."
        out.append(item)
    return " ".join(out)


def _measure(document: str, title: str, field: str, label: str, markdown: str) -> Row:
    text = plain_text(markdown)
    return Row(document, title, field, label, text,
               sentences=textstat.sentence_count(text), words=textstat.lexicon_count(text),
               avg_sentence_length=float(textstat.avg_sentence_length(text)),
               flesch=float(textstat.flesch_reading_ease(text)))


def measured_documents(data_dir: Path = PROJECT / "policy_data") -> tuple[list[Row], list[tuple[str, str | None]]]:
    """Rows for every measured text, and the documents left out with why."""
    library = load_library(data_dir)
    rows: list[Row] = []
    skipped: list[tuple[str, str]] = []
    for doc_id, loaded in sorted(library.documents.items()):
        doc = loaded.model
        english = doc.versions.get("en")
        if english is None or english.kind != "plain_translation":
            skipped.append((doc_id, english.kind if english else None))
            continue
        title = doc.title.en or doc_id
        for path, text in texts(doc, (), skip=(Section,)):
            if text.en:
                rows.append(_measure(doc_id, title, field_path(path), field_path(path), text.en))
        for path, section in sections_with_paths(doc.sections, ("sections",)):
            parts = [section.body.en] if section.body and section.body.en else []
            for responsibility in section.responsibilities:
                if responsibility.label and responsibility.label.en:
                    parts.append(responsibility.label.en)
                parts.extend(d.en for d in responsibility.duties if d.en)
            if parts:
                rows.append(_measure(doc_id, title, field_path(path), section.heading.en or section.id, "\n\n".join(parts)))
    return rows, skipped


def table(rows: list[Row]) -> str:
    lines = [f"{'flesch':>6} {'avg len':>7} {'sent':>4} {'words':>5}  check  document / field"]
    for r in rows:
        mark = "FAIL" if r.fails else ("ok" if r.checked else "-")
        lines.append(f"{r.flesch:6.1f} {r.avg_sentence_length:7.1f} {r.sentences:4d} {r.words:5d}  {mark:5}  {r.document} {r.field} ({r.label})")
    return "\n".join(lines)


# --- the docs pages -----------------------------------------------------------------

# Why a document is not measured: its English version's kind, as a words.yaml key.
_SKIPPED = {"official_translation": "readability_skipped_official_translation",
            "original": "readability_skipped_original", None: "readability_skipped_no_english"}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _link(doc_id: str) -> str:
    """From the readability page to a document's page, in the same language."""
    return urls.relative(urls.READABILITY.url, urls.document(doc_id).url)


def render_page(rows: list[Row], skipped: list[tuple[str, str | None]], language: str) -> str:
    w = Words(language)
    en = ' lang="en"' if language != "en" else ""
    out = [
        "<!-- Generated by scripts/readability.py (option write); do not edit by hand. -->",
        f"# {w.readability_title}",
        "",
        w.readability_intro,
        "",
        w.readability_unit,
        "",
    ]
    checked = [r for r in rows if r.checked]
    if checked:
        out.append(w.readability_summary.format(min=f"{min(r.flesch for r in checked):.1f}", n=len(checked),
                                       fails=sum(r.fails for r in checked)))
    else:
        out.append(w.readability_none_checked)
    out.append("")
    documents: dict[str, list[Row]] = {}
    for r in rows:
        documents.setdefault(r.document, []).append(r)
    for doc_id, doc_rows in documents.items():
        title = doc_rows[0].title
        out.append(f'## <span{en}>{_escape(title)}</span> {{#{doc_id.replace("/", "-")}}}')
        out.append("")
        out.append(f'<p><a href="{_link(doc_id)}"{en}>{_escape(title)}</a> (<code>{doc_id}</code>)</p>')
        out.append("")
        # A wide table scrolls in its own box, never the page (a phone is 375 px wide).
        out.append(f'<div class="sd-table-scroll" tabindex="0" role="region" '
                   f'aria-label="{_escape(w.readability_caption)}: {_escape(title)}">')
        out.append('<table class="sd-readability">')
        out.append(f"<caption>{w.readability_caption}: <span{en}>{_escape(title)}</span></caption>")
        numeric = range(1, 5)  # sentences, words, words per sentence, Flesch: aligned on the right
        number = ' class="sd-number"'
        out.append("<thead><tr>" + "".join(f'<th scope="col"{number if i in numeric else ""}>{c}</th>'
                                           for i, c in enumerate(w.readability_columns)) + "</tr></thead>")
        out.append("<tbody>")
        for r in doc_rows:
            verdict = (w.readability_yes_fail if r.fails else w.readability_yes_ok) if r.checked else w.readability_no
            out.append(
                f'<tr><th scope="row"><span{en}>{_escape(r.label)}</span> <code>{_escape(r.field)}</code></th>'
                f'<td class="sd-number">{r.sentences}</td><td class="sd-number">{r.words}</td>'
                f'<td class="sd-number">{r.avg_sentence_length:.1f}</td>'
                f'<td class="sd-number">{r.flesch:.1f}</td><td>{verdict}</td></tr>'
            )
        out.append("</tbody>")
        out.append("</table>")
        out.append("</div>")
        out.append("")
    out.append(f"## {w.readability_skipped_title}")
    out.append("")
    out.append(w.readability_skipped_intro)
    out.append("")
    if skipped:
        out.append("<ul>")
        for doc_id, why in skipped:
            out.append(f'<li><a href="{_link(doc_id)}"><code>{doc_id}</code></a>: {w[_SKIPPED[why]]}</li>')
        out.append("</ul>")
        out.append("")
    return "\n".join(out)


def pages(data_dir: Path = PROJECT / "policy_data") -> dict[str, str]:
    rows, skipped = measured_documents(data_dir)
    return {language: render_page(rows, skipped, language) for language in DOCS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite docs/readability.md and docs/readability.en.md")
    parser.add_argument("--check", action="store_true", help="fail if a text is below the bound or the docs are stale")
    args = parser.parse_args(argv)
    rows, skipped = measured_documents()
    print(table(rows))
    for doc_id, why in skipped:
        print(f"not measured: {doc_id} ({why or 'no English version'})")
    status = 0
    failing = [r for r in rows if r.fails]
    if failing:
        print(f"\n{len(failing)} text(s) of more than {MAX_SENTENCES_UNCHECKED} sentences score below {MIN_FLESCH:.0f}:")
        for r in failing:
            print(f"  {r.document} {r.field}: {r.flesch:.1f}")
        status = 1 if args.check else status
    rendered = {language: render_page(rows, skipped, language) for language in DOCS}
    for language, path in DOCS.items():
        if args.write:
            if not path.exists() or path.read_text(encoding="utf-8") != rendered[language]:
                path.write_text(rendered[language], encoding="utf-8")
                print(f"wrote {path.relative_to(PROJECT)}")
        elif args.check and (not path.exists() or path.read_text(encoding="utf-8") != rendered[language]):
            print(f"{path.relative_to(PROJECT)} is out of date: run scripts/readability.py --write")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
