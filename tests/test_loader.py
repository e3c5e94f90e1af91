"""The loader accepts valid data and names file, line and field for each kind of error."""

from __future__ import annotations

from pathlib import Path

import pytest

from styrdok.data.library import load_library
from styrdok.data.problems import DataError

from .conftest import DOCUMENT, ORGANISATION, write_library

DOC_FILE = "policy_data/documents/testby/testpolicy.yaml"
ORG_FILE = "policy_data/organisations/testby.yaml"


def errors_for(tmp_path: Path, **files: str) -> list[str]:
    data = write_library(tmp_path, **files)
    with pytest.raises(DataError) as caught:
        load_library(data)
    return [p.format() for p in caught.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_library_loads(library_dir: Path) -> None:
    library = load_library(library_dir)
    assert list(library.documents) == ["testby/testpolicy"]
    doc = library.documents["testby/testpolicy"].model
    assert doc.adopted_on.isoformat() == "2020-01-15"
    assert doc.sections[0].responsibilities[0].duties[0].sv == "Samordnar arbetet."


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    broken = DOCUMENT.replace("status: in_force", "status: [in_force")
    [message] = errors_for(tmp_path, document=broken)
    assert message.startswith(f"{DOC_FILE}:")
    assert "not valid YAML" in message


def test_missing_required_field(tmp_path: Path) -> None:
    document = DOCUMENT.replace("published: null\n", "")
    [message] = errors_for(tmp_path, document=document)
    assert message.startswith(f"{DOC_FILE}:1:1: published: missing")
    assert "write null if the source does not give it" in message


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    document = DOCUMENT.replace("published: null", "published: null\npublsihed: 2020-01-01")
    [message] = errors_for(tmp_path, document=document)
    assert message == f"{DOC_FILE}:{line_of(document, 'publsihed')}:1: publsihed: unknown field (check the spelling; see the field reference in the docs)"


def test_impossible_date(tmp_path: Path) -> None:
    document = DOCUMENT.replace("date: 2020-01-15", "date: 2013-02-30")
    [message] = errors_for(tmp_path, document=document)
    assert message.startswith(f"{DOC_FILE}:{line_of(document, '2013-02-30')}:")
    assert "decisions[0].date: '2013-02-30' is not a real date (expected a real date as YYYY-MM-DD)" in message


def test_wrong_type_of_value(tmp_path: Path) -> None:
    document = DOCUMENT.replace("years: 4", "years: four")
    [message] = errors_for(tmp_path, document=document)
    assert message.startswith(f"{DOC_FILE}:{line_of(document, 'years: four')}:")
    assert "review[0].years:" in message


def test_unknown_choice_lists_the_choices(tmp_path: Path) -> None:
    document = DOCUMENT.replace("status: in_force", "status: active")
    [message] = errors_for(tmp_path, document=document)
    assert f"{DOC_FILE}:{line_of(document, 'status: active')}:" in message
    assert "'in_force'" in message and "'proposal'" in message


def test_unknown_rule_kind(tmp_path: Path) -> None:
    document = DOCUMENT.replace("kind: every_n_years", "kind: every_decade")
    [message] = errors_for(tmp_path, document=document)
    assert "review[0].kind: unknown kind 'every_decade'" in message
    assert "once_per_term" in message


def test_reference_to_missing_actor(tmp_path: Path) -> None:
    document = DOCUMENT.replace("owner: kommunstyrelsen", "owner: kommunstyrelse")
    [message] = errors_for(tmp_path, document=document)
    assert message == (
        f"{DOC_FILE}:{line_of(document, 'owner:')}:1: owner: unknown actor of testby 'kommunstyrelse' "
        "(expected one of: kommunfullmaktige, kommunstyrelsen)"
    )


def test_reference_to_missing_document(tmp_path: Path) -> None:
    document = DOCUMENT + "relations:\n  - kind: implements\n    document: testby/finns-inte\n"
    [message] = errors_for(tmp_path, document=document)
    assert f"{DOC_FILE}:{line_of(document, 'testby/finns-inte')}:" in message
    assert "relations[0].document: unknown document 'testby/finns-inte'" in message


def test_duplicate_actor_id(tmp_path: Path) -> None:
    organisation = ORGANISATION + "  - id: kommunstyrelsen\n    name: {sv: KS, en: Board}\n    kind: executive_board\n"
    [message] = errors_for(tmp_path, organisation=organisation)
    assert message.startswith(f"{ORG_FILE}:{organisation.splitlines().index('  - id: kommunstyrelsen', 9) + 1}:")
    assert "actors[2].id: duplicate id 'kommunstyrelsen'" in message


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    document = DOCUMENT.replace("version: null", "version: null\nversion: '2'")
    [message] = errors_for(tmp_path, document=document)
    assert message.startswith(f"{DOC_FILE}:{line_of(document, chr(39) + '2' + chr(39))}:1: version: appears twice")


def test_missing_translation_for_a_listed_language(tmp_path: Path) -> None:
    document = DOCUMENT.replace("{sv: Samordnar arbetet., en: Coordinates the work.}", "{sv: Samordnar arbetet.}")
    [message] = errors_for(tmp_path, document=document)
    assert "sections[0].responsibilities[0].duties[0]: no 'en' text" in message


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    document = DOCUMENT.replace("status: in_force", "status: active").replace("years: 4", "years: four")
    organisation = ORGANISATION.replace("kind: council", "kind: parliament")
    messages = errors_for(tmp_path, document=document, organisation=organisation)
    assert [m.split(":")[0] for m in messages] == [DOC_FILE, DOC_FILE, ORG_FILE]
    assert any("status" in m for m in messages) and any("review[0].years" in m for m in messages)
    assert "actors[0].kind" in messages[2]


# --- YAML read as data (issue 11) ---------------------------------------------------


def test_plain_values_are_the_text_as_written() -> None:
    from styrdok.data.yaml_source import load_yaml

    data, positions = load_yaml("a: 061\nb: [1.10, 12:30, no, true, 0x1F, 1e3, 2020-01-15, .inf]\n"
                                "c: [null, Null, NULL, ~, 'null', \"~\"]\nd: |\n  061\ne:\n")
    assert data == {"a": "061", "b": ["1.10", "12:30", "no", "true", "0x1F", "1e3", "2020-01-15", ".inf"],
                    "c": [None, None, None, None, "null", "~"], "d": "061\n", "e": None}
    assert positions.at[("b", 1)] == (2, 11)
    assert positions.at[("c",)] == (3, 1)


def test_nesting_is_limited_to_max_depth() -> None:
    from styrdok.data.yaml_source import MAX_DEPTH, YamlSyntaxError, load_yaml

    data, _ = load_yaml("a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1))
    assert data is not None
    with pytest.raises(YamlSyntaxError) as caught:
        load_yaml("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert (caught.value.line, caught.value.column) == (1, 3 + MAX_DEPTH)
    assert caught.value.path == ("a",) + (0,) * (MAX_DEPTH - 1)


def test_whole_numbers_and_dates_as_written_in_python_too() -> None:
    """The model's own types: what the YAML loader gives (text) and what Python code passes."""
    import datetime as dt

    from pydantic import ValidationError

    from styrdok.data.model import EveryNYears, FollowUp

    rule = {"kind": "every_n_years", "duties": ["revision"], "as_written": {"sv": "x"}}
    assert EveryNYears.model_validate({**rule, "years": "04"}).years == 4
    assert EveryNYears.model_validate({**rule, "years": 4}).years == 4
    for bad in (True, 4.0, "4.0", "1_0", "+4"):
        with pytest.raises(ValidationError, match="is not a whole number written in digits"):
            EveryNYears.model_validate({**rule, "years": bad})
    note = {"sv": "x"}
    assert FollowUp.model_validate({"date": dt.date(2020, 1, 2), "note": note}).date == dt.date(2020, 1, 2)
    for bad in (0, "0", "2020-01-02T00:00", "2020-1-2"):
        with pytest.raises(ValidationError, match="is not a date written as YYYY-MM-DD"):
            FollowUp.model_validate({"date": bad, "note": note})


def test_other_files_are_left_alone_with_a_warning_in_check(library_dir: Path) -> None:
    from styrdok import cli

    (library_dir / "documents" / "testby" / "notes.txt").write_text("x", encoding="utf-8")
    (library_dir / "documents" / "testby" / ".testpolicy.yaml.swp").write_bytes(b"\xff")
    library = load_library(library_dir)
    assert [p.format() for p in library.notes] == [
        "policy_data/documents/testby/notes.txt:1:1: warning: not read: only files ending in .yaml are data"]
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["check", "--data", str(library_dir)]) == 0
    assert "notes.txt:1:1: warning: not read" in out.getvalue()


def test_file_names_are_shown_safely(tmp_path: Path) -> None:
    """A name with a control character or bytes that are not UTF-8 cannot reach the terminal raw."""
    import os

    data = write_library(tmp_path)
    (data / "documents" / "testby" / "a\x1b[31mred.yaml").write_text("x: 1\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(data / "documents" / "testby"), b"b\xff.yaml"), "wb") as file:
        file.write(b"x: 1\n")
    with pytest.raises(DataError) as caught:
        load_library(data)
    report = caught.value.report()
    assert "\x1b" not in report and "\udcff" not in report
    assert "documents/testby/a\\u001b[31mred.yaml:1:1: not a valid file name" in report
    assert "documents/testby/b\\xff.yaml:1:1: not a valid file name" in report
    report.encode("utf-8")  # printable on any UTF-8 terminal


def test_fingerprint_follows_no_link_and_sees_every_change(tmp_path: Path) -> None:
    import os

    from styrdok.data.files import fingerprint

    data = write_library(tmp_path)
    os.symlink("loop.yaml", data / "documents" / "testby" / "loop.yaml")
    os.symlink("/", data / "documents" / "root")
    os.mkfifo(data / "documents" / "testby" / "pipe.yaml")
    first = fingerprint(data)
    assert fingerprint(data) == first
    doc = data / "documents" / "testby" / "testpolicy.yaml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("Testpolicy", "Testpolicx"), encoding="utf-8")
    assert fingerprint(data) != first


def test_a_file_that_cannot_be_read_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, permissions do not stop a read, so the refusal is simulated where the file is opened."""
    import errno
    import os

    from styrdok.data import files as data_files

    data = write_library(tmp_path)
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("testpolicy.yaml"):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(data_files.os, "open", refusing_open)
    with pytest.raises(DataError) as caught:
        load_library(data)
    assert f"{DOC_FILE}:1:1: cannot be read (Permission denied)" in caught.value.report()


def test_files_of_one_shape_share_their_paths_and_positions() -> None:
    """The position maps of all files stay in memory for later checks; the
    paths and positions that repeat from file to file are one object each,
    and each map still gives every field's own line."""
    from styrdok.data.yaml_source import load_yaml

    text = "title:\n  sv: Plan\n  en: Plan\nsections:\n- id: a\n  text: {sv: x}\n"
    _, first = load_yaml(text)
    _, second = load_yaml(text)
    _, shifted = load_yaml("\n" + text)
    assert first.at == second.at and first.find(("sections", 0, "text", "sv")) == (6, 10)
    assert all(a is b for a, b in zip(first.at, second.at))
    assert all(first.at[k] is second.at[k] for k in first.at)
    assert shifted.find(("sections", 0, "id")) == (6, 3) and first.find(("sections", 0, "id")) == (5, 3)
