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


CASES = [
    # control characters, written as YAML escapes (a raw one is a YAML error)
    case("control-in-title", "text", refused(D + r"title\.sv: .*control character U\+0001"),
         set_field(DOC, "title.sv", "Test\x01policy"), sample=True),
    case("escape-in-title", "text", refused(D + r"title\.en: .*control character U\+001B"),
         set_field(DOC, "title.en", "Test \x1b[31mpolicy")),
    case("delete-in-heading", "text", refused(D + r"sections\[0\]\.heading\.sv: .*U\+007F"),
         set_field(DOC, "sections.0.heading.sv", "Ansvar\x7f")),
    case("c1-control-in-duty", "text", refused(D + DUTY_PATH + r"\.en: .*control character U\+0085"),
         set_field(DOC, DUTY + ".en", "Coordinates\x85 the work.")),
    case("null-in-actor-name", "text", refused(O + r"actors\[0\]\.name\.sv: .*control character U\+0000"),
         set_field(ORG, "actors.0.name.sv", "Kommun\x00fullmäktige")),
    case("control-in-paragraph", "text", refused(D + r"adopted\.paragraph: .*control character U\+0007"),
         set_field(DOC, "adopted.paragraph", "12\x07")),
    case("control-in-rule-as-written", "text", refused(D + r"review\[0\]\.as_written\.sv: .*U\+000C"),
         set_field(DOC, "review.0.as_written.sv", "Revideras\x0c vart fjärde år.")),
    # bidirectional overrides and isolates
    case("bidi-override-in-title", "text", refused(D + r"title\.sv: .*U\+202E \(RIGHT-TO-LEFT OVERRIDE\)"),
         set_field(DOC, "title.sv", "Test\u202eycilop")),
    case("bidi-isolate-in-organisation-name", "text", refused(O + r"name\.en: .*U\+2066"),
         set_field(ORG, "name.en", "Testby \u2066Municipality\u2069")),
    case("bidi-embedding-in-diary-number", "text", refused(D + r"adopted\.diary_number: .*U\+202B"),
         set_field(DOC, "adopted.diary_number", "KS-2020/\u202b0012")),
    case("bidi-pop-in-duty", "text", refused(D + DUTY_PATH + r"\.sv: .*U\+202C"),
         set_field(DOC, DUTY + ".sv", "Samordnar\u202c arbetet.")),
    # non-characters and separators
    case("noncharacter-in-version", "text", refused(D + r"version: .*U\+FDD0.*not a character"),
         set_field(DOC, "version", "1.0\ufdd0")),
    case("line-separator-in-duty", "text", refused(D + DUTY_PATH + r"\.sv: .*line separator U\+2028"),
         set_field(DOC, DUTY + ".sv", "Samordnar\u2028arbetet.")),
    # line breaks in one-line fields
    case("newline-in-title", "text", refused(D + r"title\.sv: must be one line"),
         set_field(DOC, "title.sv", "Testpolicy\n# Andra rubriken")),
    case("newline-in-heading", "text", refused(D + r"sections\[0\]\.heading\.en: must be one line"),
         set_field(DOC, "sections.0.heading.en", "Responsibility\n\n<h1>Injected</h1>")),
    case("newline-in-actor-name", "text", refused(O + r"actors\[1\]\.name\.en: must be one line"),
         set_field(ORG, "actors.1.name.en", "Executive\nboard")),
    case("newline-in-organisation-name", "text", refused(O + r"name\.sv: must be one line"),
         set_field(ORG, "name.sv", "Testby\nkommun")),
    case("newline-in-type-name", "text", refused(T + r"types\[0\]\.name\.sv: must be one line"),
         set_field(TYPES, "types.0.name.sv", "Poli\ncy")),
    case("newline-in-label", "text", refused(D + r"sections\[0\]\.responsibilities\[0\]\.label\.sv: must be one line"),
         set_field(DOC, "sections.0.responsibilities.0.label", {"sv": "Styrelsens\nansvar", "en": "The board"})),
    case("newline-in-relation-title", "text", refused(D + r"relations\[0\]\.title\.en: must be one line"),
         set_field(DOC, "relations", [{"kind": "refers_to", "title": {"sv": "Plan", "en": "The\nplan"}}])),
    case("newline-in-diary-number", "text", refused(D + r"adopted\.diary_number: must be one line"),
         set_field(DOC, "adopted.diary_number", "KS-2020/12\nKS-2020/13")),
    case("tab-in-title", "text", refused(D + r"title\.en: must be one line; replace the tab"),
         set_field(DOC, "title.en", "Test\tpolicy")),
    # accepted: hostile names are published as text, and prose keeps its line breaks
    case("script-in-names", "text", accepted(_names_escaped),
         set_field(DOC, "title.sv", HOSTILE_NAME), set_field(DOC, "title.en", HOSTILE_NAME),
         set_field(ORG, "name.sv", HOSTILE_NAME), set_field(ORG, "actors.1.name.sv", HOSTILE_NAME), sample=True),
    case("line-breaks-in-prose", "text", accepted(_multiline_prose_kept),
         set_field(DOC, DUTY + ".sv", "Första raden.\n\nAndra\tstycket.")),
]
