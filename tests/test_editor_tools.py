"""Editors' tools without a site build: schema, scaffolding, revisions,
translations that fall behind their original."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from styrdok.cli import main
from styrdok.views.gaps import find_gaps
from styrdok.views.history import recent, stale_translations
from styrdok.data.library import load_library
from styrdok.data.model import Document
from styrdok.data.scaffold import bump
from styrdok.data.schema import SCHEMAS, fields_markdown, schema_text

from .conftest import DOCUMENT, PROJECT, write_library


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(name: str) -> None:
    committed = (PROJECT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(name), "run `styrdok schema` and commit schema/"


def test_committed_field_reference_is_up_to_date() -> None:
    """README and CONTRIBUTING link schema/fields.md: it must say what the model says."""
    committed = (PROJECT / "schema" / "fields.md").read_text(encoding="utf-8")
    assert committed == fields_markdown(), "run `styrdok schema` and commit schema/"
    assert "| `decisions` | `list of Decision` | yes |" in committed
    for link in ("README.md", "CONTRIBUTING.md"):
        assert "schema/fields.md" in (PROJECT / link).read_text(encoding="utf-8"), link


def test_every_data_file_points_to_its_schema() -> None:
    data = PROJECT / "policy_data"
    expected = {"document_types.yaml": "../schema/document_types.schema.json"}
    files = [data / "document_types.yaml", *data.glob("organisations/*.yaml"), *data.glob("documents/*/*.yaml")]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        target = expected.get(path.name) or ("../../schema/organisation.schema.json" if path.parent.name == "organisations"
                                               else "../../../schema/document.schema.json")
        assert first == f"# yaml-language-server: $schema={target}", path
        assert (path.parent / target).resolve().exists()


def test_schema_rejects_unknown_keys_for_editors() -> None:
    document = json.loads(schema_text("document"))
    assert document["additionalProperties"] is False
    assert "decisions" in document["required"]


def test_new_organisation_and_document_pass_check(tmp_path: Path, capsys) -> None:
    data = write_library(tmp_path)
    assert main(["--data", str(data), "new", "organisation", "--id", "nyby", "--name-sv", "Nyby kommun",
                 "--name-en", "Nyby Municipality"]) == 0
    assert main(["--data", str(data), "new", "document", "--organisation", "nyby", "--type", "policy",
                 "--title-sv", "Policy för öppna data", "--title-en", "Open data policy",
                 "--adopted-by", "kommunfullmaktige", "--adopted-on", "2025-03-27", "--paragraph", "45"]) == 0
    library = load_library(data)
    doc = library.documents["nyby/policy-for-oppna-data"].model
    assert (doc.adoption.body, doc.adopted_on.isoformat(), doc.adoption.paragraph) == ("kommunfullmaktige", "2025-03-27", "45")
    assert "ok: 2 documents in 2 organisations" in capsys.readouterr().out


def test_new_writes_any_value_as_written_and_nothing_more(tmp_path: Path) -> None:
    """Values go through a YAML emitter: quotes, colons, hashes, braces and
    number-like text come back exactly, and add no key of their own."""
    data = write_library(tmp_path)
    title_sv, title_en = 'Policy: "061" #1 {x: y} [a]', "'on': no & *alias"
    assert main(["--data", str(data), "new", "organisation", "--id", "nyby", "--name-sv", "Nyby: kommun #2",
                 "--name-en", "- yes"]) == 0
    assert main(["--data", str(data), "new", "document", "--organisation", "nyby", "--type", "policy", "--id", "policy",
                 "--title-sv", title_sv, "--title-en", title_en, "--paragraph", "061", "--diary-number", "12:30"]) == 0
    library = load_library(data)
    assert (library.organisations["nyby"].name.sv, library.organisations["nyby"].name.en) == ("Nyby: kommun #2", "- yes")
    doc = library.documents["nyby/policy"].model
    assert (doc.title.sv, doc.title.en, doc.adoption.paragraph, doc.adoption.diary_number) == (title_sv, title_en, "061", "12:30")
    written = yaml.safe_load((data / "documents/nyby/policy.yaml").read_text(encoding="utf-8"))
    assert set(written) == set(Document.model_fields) - {"description", "contact", "replaced_by", "revisions", "follow_ups"}


def test_a_new_file_the_library_refuses_is_taken_back(tmp_path: Path) -> None:
    """The scaffolding loads the library with the new file before keeping it."""
    from styrdok.data import scaffold
    from styrdok.data.problems import DataError

    data = write_library(tmp_path)
    before = sorted(p.relative_to(data) for p in data.rglob("*"))
    new = scaffold.NewDocument(organisation="nyby", type="policy", title_sv="Ny policy", title_en="New policy",
                               adopted_by=None, adopted_on=None)
    with pytest.raises(DataError) as refused:
        scaffold.new_document(data, new)
    assert "unknown organisation 'nyby'" in refused.value.report()
    assert sorted(p.relative_to(data) for p in data.rglob("*")) == before, "the file or its folder was left behind"


def test_new_revision_records_the_decision_and_bumps_the_version(tmp_path: Path) -> None:
    data = write_library(tmp_path)
    path = data / "documents/testby/testpolicy.yaml"
    path.write_text(path.read_text().replace("version: null", 'version: "1.0"'))
    args = ["--data", str(data), "new", "revision", "testby/testpolicy", "--date", "2024-05-02", "--body",
            "kommunfullmaktige", "--paragraph", "77", "--diary-number", "KS 2024/12",
            "--note-sv", "Ny ansvarsfördelning.", "--note-en", "New division of duties."]
    assert main(args) == 0
    assert main([*args[:5], "--date", "2026-01-10", *args[7:]]) == 0
    doc = load_library(data).documents["testby/testpolicy"].model
    assert doc.version == "1.2"
    assert [(r.date.isoformat(), r.version) for r in doc.revision_decisions] == [("2024-05-02", "1.1"), ("2026-01-10", "1.2")]
    assert doc.revision_decisions[0].diary_number == "KS 2024/12"
    events = recent(load_library(data))
    assert [(e.kind, e.date.isoformat()) for e in events] == [("revised", "2026-01-10"), ("revised", "2024-05-02"), ("adopted", "2020-01-15")]


def test_bump() -> None:
    assert (bump("1.0"), bump("3"), bump("2.9"), bump(None)) == ("1.1", "4", "2.10", None)


def test_changed_swedish_text_makes_the_translation_stale(tmp_path: Path) -> None:
    data = write_library(tmp_path)
    assert main(["--data", str(data), "translated", "testby/testpolicy"]) == 0
    assert stale_translations(load_library(data).documents["testby/testpolicy"].model) == []
    path = data / "documents/testby/testpolicy.yaml"
    path.write_text(path.read_text().replace("Samordnar arbetet.", "Samordnar och följer upp arbetet."))
    library = load_library(data)
    assert stale_translations(library.documents["testby/testpolicy"].model) == ["en"]
    assert [g.kind for g in find_gaps(library) if g.kind == "stale_translation"] == ["stale_translation"]
    assert yaml.safe_load(path.read_text())["versions"]["en"]["translates"]
    # Changing only the English text does not make it stale.
    assert main(["--data", str(data), "translated", "testby/testpolicy"]) == 0
    path.write_text(path.read_text().replace("Coordinates the work.", "Coordinates the work well."))
    assert stale_translations(load_library(data).documents["testby/testpolicy"].model) == []


def test_scaffolding_refuses_clearly(tmp_path: Path, capsys) -> None:
    data = write_library(tmp_path)
    assert main(["--data", str(data), "new", "revision", "testby/finns-inte", "--date", "2024-01-01",
                 "--note-sv", "x", "--note-en", "x"]) == 1
    assert "unknown document 'testby/finns-inte'" in capsys.readouterr().err


def test_data_option_works_before_and_after_the_command(tmp_path: Path) -> None:
    data = write_library(tmp_path)
    assert main(["check", "--data", str(data)]) == 0
    assert main(["--data", str(data), "check"]) == 0


def test_new_document_refuses_unknown_names_before_writing(tmp_path: Path, capsys) -> None:
    data = write_library(tmp_path)
    assert main(["--data", str(data), "new", "document", "--organisation", "testby", "--type", "plan",
                 "--title-sv", "Plan", "--title-en", "Plan", "--adopted-on", "2024-01-01"]) == 1
    assert "unknown document type 'plan' (expected one of: policy)" in capsys.readouterr().err
    assert sorted(p.name for p in (data / "documents/testby").iterdir()) == ["testpolicy.yaml"]


def test_done_rules_leave_the_calendar_and_feeds(tmp_path: Path) -> None:
    import datetime as dt

    from styrdok.views.calendar import by_year, entries
    from styrdok.render.ical import feed
    from icalendar import Calendar

    document = DOCUMENT.replace("kind: every_n_years\n    years: 4", "kind: by_year\n    year: 2027")
    data = write_library(tmp_path, document=document)
    assert main(["--data", str(data), "new", "revision", "testby/testpolicy", "--date", "2026-01-10",
                 "--note-sv", "Reviderad.", "--note-en", "Revised."]) == 0
    library = load_library(data)
    items = entries(library, dt.date(2026, 11, 23), 180)
    assert [e.item.status for e in items] == ["done"]
    assert by_year(items) == []
    ics = Calendar.from_ical(feed(library, items, "en", dt.date(2026, 11, 23), {"testby/testpolicy": "http://x/"}, "x"))
    assert list(ics.walk("VEVENT")) == []


def test_new_revision_keeps_the_outgoing_text_as_the_earlier_version(tmp_path: Path) -> None:
    from styrdok.views.versions import versions_of

    data = write_library(tmp_path)
    path = data / "documents/testby/testpolicy.yaml"
    first_text = load_library(data).documents["testby/testpolicy"].model.sections
    args = ["--data", str(data), "new", "revision", "testby/testpolicy", "--date", "2024-05-02",
            "--note-sv", "Ny ansvarsfördelning.", "--note-en", "New division of duties."]
    assert main(args) == 0
    path.write_text(path.read_text().replace("Samordnar arbetet.", "Samordnar och följer upp arbetet."))
    second_text = load_library(data).documents["testby/testpolicy"].model.sections
    assert main([*args[:5], "--date", "2026-01-10", *args[7:]]) == 0
    library = load_library(data)
    line = [v.doc_id for v in versions_of(library, "testby/testpolicy")]
    assert line == ["testby/testpolicy-2020-01-15", "testby/testpolicy-2024-05-02", "testby/testpolicy"]
    oldest, middle = (library.documents[d].model for d in line[:2])
    assert (oldest.status, oldest.replaced_by.document) == ("revised", "testby/testpolicy-2024-05-02")
    assert (middle.status, middle.replaced_by.document) == ("revised", "testby/testpolicy")
    assert oldest.sections == first_text and middle.sections == second_text
    assert [d.date.isoformat() for d in middle.decisions] == ["2020-01-15", "2024-05-02"]
    # Each decision is told once in what's new, though two files record it.
    assert [(e.doc_id, e.date.isoformat()) for e in recent(library)] == [
        ("testby/testpolicy", "2026-01-10"), ("testby/testpolicy", "2024-05-02"), ("testby/testpolicy", "2020-01-15")]


def test_new_revision_without_keeping_the_text(tmp_path: Path) -> None:
    data = write_library(tmp_path)
    assert main(["--data", str(data), "new", "revision", "testby/testpolicy", "--date", "2024-05-02", "--no-keep",
                 "--note-sv", "Ny ansvarsfördelning.", "--note-en", "New division of duties."]) == 0
    assert sorted(load_library(data).documents) == ["testby/testpolicy"]
