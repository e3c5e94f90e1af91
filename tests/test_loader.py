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
