"""Texts that cannot be published as they are (refused with the field and the
character's code), and hostile texts that are published inert.

Characters: see styrdok/characters.py. One-line fields: titles, names,
headings, labels and the plain values (§, diary number, version)."""

from __future__ import annotations

from .harness import DOC, ORG, TYPES, accepted, case, refused, set_field
from .outputs import atom_entries, ics_events, raw_markup

D = r"documents/testby/testpolicy\.yaml:\d+:\d+: "
O = r"organisations/testby\.yaml:\d+:\d+: "
T = r"document_types\.yaml:\d+:\d+: "
DUTY = "sections.0.responsibilities.0.duties.0"
DUTY_PATH = r"sections\[0\]\.responsibilities\[0\]\.duties\[0\]"

HOSTILE_NAME = 'Testby </title><script>window.__pwned=1</script><img src=x onerror=alert(1)> & "quotes"'


def _names_escaped(files: dict[str, bytes]) -> None:
    assert not raw_markup(files), raw_markup(files)
    page = files["testby/testpolicy.md"].decode("utf-8")
    assert "&lt;/title&gt;&lt;script&gt;" in page, "the title is not on the page, escaped"
    entries = atom_entries(files)
    assert any(e.title.endswith(HOSTILE_NAME) for e in entries), [e.title for e in entries]
    assert any(HOSTILE_NAME in str(e["summary"]) for e in ics_events(files)), "the title is not intact in the calendar"


def _multiline_prose_kept(files: dict[str, bytes]) -> None:
    page = files["testby/testpolicy.md"].decode("utf-8")
    assert "Första raden." in page and "stycket." in page


# (case id, file, field set, text, what the message must say after `file:line:col: `)
REFUSED = [
    # control characters, written as YAML escapes (a raw one is a YAML error)
    ("control-in-title", DOC, "title.sv", "Test\x01policy",
     r"title\.sv: .*control character U\+0001"),
    ("escape-in-title", DOC, "title.en", "Test \x1b[31mpolicy",
     r"title\.en: .*control character U\+001B"),
    ("delete-in-heading", DOC, "sections.0.heading.sv", "Ansvar\x7f",
     r"sections\[0\]\.heading\.sv: .*U\+007F"),
    ("c1-control-in-duty", DOC, DUTY + ".en", "Coordinates\x85 the work.",
     DUTY_PATH + r"\.en: .*control character U\+0085"),
    ("null-in-actor-name", ORG, "actors.0.name.sv", "Kommun\x00fullmäktige",
     r"actors\[0\]\.name\.sv: .*control character U\+0000"),
    ("control-in-paragraph", DOC, "decisions.0.paragraph", "12\x07",
     r"decisions\[0\]\.paragraph: .*control character U\+0007"),
    ("control-in-rule-as-written", DOC, "review.0.as_written.sv", "Revideras\x0c vart fjärde år.",
     r"review\[0\]\.as_written\.sv: .*U\+000C"),
    # bidirectional overrides and isolates
    ("bidi-override-in-title", DOC, "title.sv", "Test\u202eycilop",
     r"title\.sv: .*U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"),
    ("bidi-isolate-in-organisation-name", ORG, "name.en", "Testby \u2066Municipality\u2069",
     r"name\.en: .*U\+2066"),
    ("bidi-embedding-in-diary-number", DOC, "decisions.0.diary_number", "KS-2020/\u202b0012",
     r"decisions\[0\]\.diary_number: .*U\+202B"),
    ("bidi-pop-in-duty", DOC, DUTY + ".sv", "Samordnar\u202c arbetet.",
     DUTY_PATH + r"\.sv: .*U\+202C"),
    # non-characters and separators
    ("noncharacter-in-version", DOC, "version", "1.0\ufdd0",
     r"version: .*U\+FDD0.*not a character"),
    ("line-separator-in-duty", DOC, DUTY + ".sv", "Samordnar\u2028arbetet.",
     DUTY_PATH + r"\.sv: .*line separator U\+2028"),
    # line breaks in one-line fields
    ("newline-in-title", DOC, "title.sv", "Testpolicy\n# Andra rubriken",
     r"title\.sv: must be one line"),
    ("newline-in-heading", DOC, "sections.0.heading.en", "Responsibility\n\n<h1>Injected</h1>",
     r"sections\[0\]\.heading\.en: must be one line"),
    ("newline-in-actor-name", ORG, "actors.1.name.en", "Executive\nboard",
     r"actors\[1\]\.name\.en: must be one line"),
    ("newline-in-organisation-name", ORG, "name.sv", "Testby\nkommun",
     r"name\.sv: must be one line"),
    ("newline-in-type-name", TYPES, "types.0.name.sv", "Poli\ncy",
     r"types\[0\]\.name\.sv: must be one line"),
    ("newline-in-label", DOC, "sections.0.responsibilities.0.label", {"sv": "Styrelsens\nansvar", "en": "The board"},
     r"sections\[0\]\.responsibilities\[0\]\.label\.sv: must be one line"),
    ("newline-in-relation-title", DOC, "relations", [{"kind": "refers_to", "title": {"sv": "Plan", "en": "The\nplan"}}],
     r"relations\[0\]\.title\.en: must be one line"),
    ("newline-in-diary-number", DOC, "decisions.0.diary_number", "KS-2020/12\nKS-2020/13",
     r"decisions\[0\]\.diary_number: must be one line"),
    ("tab-in-title", DOC, "title.en", "Test\tpolicy",
     r"title\.en: must be one line; replace the tab"),
]
SAMPLED = {"control-in-title"}
WHERE = {DOC: D, ORG: O, TYPES: T}

CASES = [
    *(case(cid, "text", refused(WHERE[rel] + pattern), set_field(rel, field, value), sample=cid in SAMPLED)
      for cid, rel, field, value, pattern in REFUSED),
    # accepted: hostile names are published as text, and prose keeps its line breaks
    case("script-in-names", "text", accepted(_names_escaped),
         set_field(DOC, "title.sv", HOSTILE_NAME), set_field(DOC, "title.en", HOSTILE_NAME),
         set_field(ORG, "name.sv", HOSTILE_NAME), set_field(ORG, "actors.1.name.sv", HOSTILE_NAME), sample=True),
    case("line-breaks-in-prose", "text", accepted(_multiline_prose_kept),
         set_field(DOC, DUTY + ".sv", "Första raden.\n\nAndra\tstycket.")),
]
