"""Accepted hostile texts in the exports and feeds: a CSV cell that would be
a formula reaches the spreadsheet neutralised (a `'` in front, quoted, per
OWASP), the JSON keeps the text exactly, and Atom and iCalendar parse with
the text intact."""

from __future__ import annotations

from collections.abc import Callable

from .harness import DOC, ORG, accepted, case, set_field
from .outputs import ATOM_EN, CSV, ICS_EN, atom_entries, csv_rows, formula_cells, ics_events, json_data

DUTY = "sections.0.responsibilities.0.duties.0"


def _neutralised(column: str, text: str) -> Callable[[dict[str, bytes]], None]:
    """The CSV cell is the text with a `'` in front (both languages' files);
    the JSON has the text as written; no cell anywhere starts a formula."""
    def inspect(files: dict[str, bytes]) -> None:
        assert not formula_cells(files), formula_cells(files)
        for name in (CSV, CSV.replace(".csv", ".en.csv")):
            assert [row[column] for row in csv_rows(files, name)] == ["'" + text], name
            assert files[name].decode("utf-8").startswith('"document",'), "cells are not quoted"
        assert [row[column] for row in json_data(files)["duties"]] == [text]
    return inspect


def _title_neutralised_in_the_list(text: str) -> Callable[[dict[str, bytes]], None]:
    """A title that starts like a formula reaches the list of documents neutralised."""
    def inspect(files: dict[str, bytes]) -> None:
        assert not formula_cells(files), formula_cells(files)
        assert [row["title_sv"] for row in csv_rows(files, "dokument.csv")] == ["'" + text]
        assert [row["title_sv"] for row in json_data(files, "dokument.json")["documents"]] == [text]
    return inspect


def _plain_cells_unchanged(files: dict[str, bytes]) -> None:
    rows = csv_rows(files)
    assert [row["duty_sv"] for row in rows] == ["Minus 5 = mer än -5; @ och + mitt i texten."]
    assert [row["duty_en"] for row in rows] == ["'-5 is less than 0"]


def _json_intact(text: str) -> Callable[[dict[str, bytes]], None]:
    def inspect(files: dict[str, bytes]) -> None:
        assert [row["duty_en"] for row in json_data(files)["duties"]] == [text]
        assert [row["duty_en"] for row in json_data(files, JSON_EN)["duties"]] == [text]
    return inspect


JSON_EN = "testby/ansvarsmatris.en.json"


def _atom_intact(text: str) -> Callable[[dict[str, bytes]], None]:
    def inspect(files: dict[str, bytes]) -> None:
        entries = atom_entries(files, ATOM_EN)
        assert [e.title for e in entries] == [f"Adopted: {text}"], [e.title for e in entries]
        org_feed = atom_entries(files, "testby/atom.en.xml")
        assert [e.title for e in org_feed] == [f"Adopted: {text}"]
    return inspect


def _ics_intact(text: str) -> Callable[[dict[str, bytes]], None]:
    def inspect(files: dict[str, bytes]) -> None:
        events = ics_events(files, ICS_EN)
        assert events, "no event in the calendar"
        # "Late: Revision: <title> (<organisation>)": the title arrives whole inside the event's title
        assert all(str(e["summary"]).endswith(f": {text} (Testby Municipality)") for e in events), \
            [str(e["summary"]) for e in events]
    return inspect


def _rule_text_in_ics(text: str) -> Callable[[dict[str, bytes]], None]:
    def inspect(files: dict[str, bytes]) -> None:
        events = ics_events(files, ICS_EN)
        assert events and all(text in str(e["description"]) for e in events), [str(e["description"]) for e in events]
    return inspect


XML_HOSTILE = 'Plan ]]> <![CDATA[ x ]]> </title> &amp; &#0; "q" \'a\' <entry>'
ICS_HOSTILE = "Plan; DESCRIPTION:x, y\\n END:VEVENT BEGIN:VEVENT \\ ; , : \U0001F600 \u05e9\u05dc\u05d5\u05dd"

CASES = [
    case("formula-in-title-in-the-document-list", "exports",
         accepted(_title_neutralised_in_the_list('=HYPERLINK("http://evil.example","Policy")')),
         set_field(DOC, "title.sv", '=HYPERLINK("http://evil.example","Policy")')),
    case("formula-equals-in-duty", "exports", accepted(_neutralised("duty_sv", '=HYPERLINK("http://evil.example","klicka")')),
         set_field(DOC, DUTY + ".sv", '=HYPERLINK("http://evil.example","klicka")'), sample=True),
    case("formula-plus-in-duty", "exports", accepted(_neutralised("duty_en", "+1+cmd|' /C calc'!A0")),
         set_field(DOC, DUTY + ".en", "+1+cmd|' /C calc'!A0")),
    case("formula-minus-in-duty", "exports", accepted(_neutralised("duty_en", "-2+3+cmd|' /C calc'!A0")),
         set_field(DOC, DUTY + ".en", "-2+3+cmd|' /C calc'!A0")),
    case("formula-at-in-duty", "exports", accepted(_neutralised("duty_sv", "@SUM(1+1)*cmd|' /C calc'!A0")),
         set_field(DOC, DUTY + ".sv", "@SUM(1+1)*cmd|' /C calc'!A0")),
    case("formula-full-width-in-duty", "exports", accepted(_neutralised("duty_sv", "\uff1dSUM(1,2)")),
         set_field(DOC, DUTY + ".sv", "\uff1dSUM(1,2)")),
    case("formula-in-heading", "exports", accepted(_neutralised("section_sv", "=1+1")),
         set_field(DOC, "sections.0.heading.sv", "=1+1")),
    case("formula-in-actor-name", "exports", accepted(_neutralised("actor_en", "@board")),
         set_field(ORG, "actors.1.name.en", "@board")),
    case("formula-characters-inside-text", "exports", accepted(_plain_cells_unchanged),
         set_field(DOC, DUTY + ".sv", "Minus 5 = mer än -5; @ och + mitt i texten."),
         set_field(DOC, DUTY + ".en", "-5 is less than 0")),
    case("json-hostile-duty", "exports", accepted(_json_intact('"}], "x": [{"\\u0000 </script> \\\\ \U0001F600')),
         set_field(DOC, DUTY + ".en", '"}], "x": [{"\\u0000 </script> \\\\ \U0001F600')),
    case("atom-hostile-title", "exports", accepted(_atom_intact(XML_HOSTILE)),
         set_field(DOC, "title.en", XML_HOSTILE)),
    case("ics-hostile-title", "exports", accepted(_ics_intact(ICS_HOSTILE)),
         set_field(DOC, "title.en", ICS_HOSTILE)),
    case("ics-multiline-rule", "exports", accepted(_rule_text_in_ics("Every four years.\nEND:VCALENDAR")),
         set_field(DOC, "review.0.as_written.en", "Every four years.\nEND:VCALENDAR")),
]
