"""A document's life in the data: bad values are refused at their line and
field, and the checker warns where the data is valid but not yet true."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from styrdok.cli import main
from styrdok.data.library import load_library

from .conftest import DOCUMENT, write_library
from .test_loader import DOC_FILE, errors_for, line_of


# The sample document's decisions block, with its one adoption.
ADOPTED = DOCUMENT[DOCUMENT.index("decisions:\n"):DOCUMENT.index("scope: null")]
assert ADOPTED.count("- kind: adopted") == 1


def loads(tmp_path: Path, document: str):
    return load_library(write_library(tmp_path, document=document)).documents["testby/testpolicy"].model


def test_a_paragraph_written_with_its_sign_is_stored_without_it(tmp_path: Path) -> None:
    doc = loads(tmp_path, DOCUMENT.replace('paragraph: "12"', 'paragraph: "§ 258"'))
    assert doc.adoption.paragraph == "258"


@pytest.mark.parametrize("value, message", [
    ('"§"', "decisions[0].paragraph: give the § number, e.g. `61`, or null"),
    ('"12 § 13"', "decisions[0].paragraph: write the number without `§`, e.g. `61`"),
])
def test_a_paragraph_that_is_not_a_number_is_refused_at_its_line(tmp_path: Path, value: str, message: str) -> None:
    document = DOCUMENT.replace('paragraph: "12"', f"paragraph: {value}")
    [error] = errors_for(tmp_path, document=document)
    assert error == f"{DOC_FILE}:{line_of(document, 'paragraph:')}:5: {message}"


def test_a_proposal_with_an_adoption_is_refused(tmp_path: Path) -> None:
    document = DOCUMENT.replace("status: in_force", "status: proposal")
    messages = errors_for(tmp_path, document=document)
    assert messages == [
        f"{DOC_FILE}:{line_of(document, 'status:')}:1: status: status proposal needs a decision of kind proposed "
        "(body and date may be null)",
        f"{DOC_FILE}:{line_of(document, '- kind: adopted')}:5: decisions[0].kind: a proposal has no decision of "
        "kind adopted; once it is adopted, set `status: in_force`",
    ]


def test_repealed_needs_its_decision_and_in_force_contradicts_one(tmp_path: Path) -> None:
    document = DOCUMENT.replace("status: in_force", "status: repealed")
    [error] = errors_for(tmp_path, document=document)
    assert error == f"{DOC_FILE}:{line_of(document, 'status:')}:1: status: status repealed needs a decision of kind repealed"
    repealed = DOCUMENT.replace(ADOPTED, ADOPTED + "  - {kind: repealed, body: null, date: 2024-01-01, paragraph: null, diary_number: null}\n")
    [error] = errors_for(tmp_path, document=repealed)
    assert error.endswith("status: status in_force contradicts the decision of kind repealed; use status repealed")


def test_replaced_needs_a_successor_given_one_way(tmp_path: Path) -> None:
    document = DOCUMENT.replace("status: in_force", "status: replaced")
    [error] = errors_for(tmp_path, document=document)
    assert error.endswith("status: status replaced needs `replaced_by`")
    both = document.replace("status: replaced\n", "status: replaced\nreplaced_by: {document: testby/x, title: {sv: X}}\n")
    [error] = errors_for(tmp_path, document=both)
    assert error == (f"{DOC_FILE}:{line_of(both, 'replaced_by:')}:1: replaced_by: give either `document` (in this "
                     "library) or `title` (outside it), not both")
    unknown = document.replace("status: replaced\n", "status: replaced\nreplaced_by: {document: testby/x}\n")
    [error] = errors_for(tmp_path, document=unknown)
    assert "replaced_by.document: unknown document 'testby/x' (expected one of: testby/testpolicy)" in error


def test_types_are_checked_one_by_one(tmp_path: Path) -> None:
    document = DOCUMENT.replace("types: [policy]", "types: [policy, plan, policy]")
    messages = errors_for(tmp_path, document=document)
    assert messages == [
        f"{DOC_FILE}:2:17: types[1]: unknown document type 'plan' (expected one of: policy)",
        f"{DOC_FILE}:2:23: types[2]: type 'policy' is listed twice",
    ]


def test_scope_original_identifiers_and_bodies_are_checked(tmp_path: Path) -> None:
    document = (DOCUMENT
                .replace("scope: null", "scope:\n  applies_to:\n    - {kind: actor}\n    - {kind: actor, actor: ks}")
                .replace("original: {url: null, retrieved: null}", "original: {url: 'javascript:alert(1)', retrieved: null}")
                .replace("    body: kommunfullmaktige\n", "    body: kommunfullmaktige\n    outside_body: {sv: Regionen}\n"))
    messages = errors_for(tmp_path, document=document)
    assert f"{DOC_FILE}:{line_of(document, '{kind: actor}')}:7: scope.applies_to[0]: `actor` is needed for kind actor, and only for it" in messages
    assert (f"{DOC_FILE}:{line_of(document, 'javascript')}:12: original.url: 'javascript:alert(1)' is not an "
            "http(s) address (expected an address that starts with https:// or http://)") in messages
    assert f"{DOC_FILE}:{line_of(document, '- kind: adopted')}:5: decisions[0]: give either `body` (an actor id) or " \
           "`outside_body` (a name), not both" in messages
    retrieved = DOCUMENT.replace("original: {url: null, retrieved: null}", "original: {url: null, retrieved: 2026-01-01}")
    [error] = errors_for(tmp_path, document=retrieved)
    assert error == f"{DOC_FILE}:5:1: original: `retrieved` needs a `url` or a `file`"
    other = DOCUMENT.replace("scope: null", "scope: null\nidentifiers: [{scheme: other, value: A 1}]")
    [error] = errors_for(tmp_path, document=other)
    assert error.endswith("identifiers[0]: `label` is needed for scheme other, and only for it")


def test_unknown_scope_actor_is_named(tmp_path: Path) -> None:
    document = DOCUMENT.replace("scope: null", "scope:\n  applies_to: [{kind: actor, actor: ks}]")
    [error] = errors_for(tmp_path, document=document)
    assert error.startswith(f"{DOC_FILE}:{line_of(document, 'applies_to')}:")
    assert "scope.applies_to[0].actor: unknown actor of testby 'ks' (expected one of: kommunfullmaktige, kommunstyrelsen)" in error


def test_the_helpers_other_code_uses(tmp_path: Path) -> None:
    revised = DOCUMENT.replace(ADOPTED, ADOPTED + "  - {kind: revised, body: null, date: 2024-03-01, paragraph: null, diary_number: null}\n"
                               ).replace("validity: {kind: until_further_notice}", "validity: {kind: until_date, until: 2026-06-30}")
    doc = loads(tmp_path, revised)
    assert doc.adopted_on == dt.date(2020, 1, 15) and doc.adoption.body == "kommunfullmaktige"
    assert [d.date for d in doc.revision_decisions] == [dt.date(2024, 3, 1)]
    assert doc.in_force_on(dt.date(2026, 6, 30)) and doc.shown_status(dt.date(2026, 6, 30)) == "in_force"
    assert not doc.in_force_on(dt.date(2026, 7, 1)) and doc.shown_status(dt.date(2026, 7, 1)) == "expired"


def test_a_partial_translation_needs_only_the_title(tmp_path: Path) -> None:
    document = (DOCUMENT.replace("translated_from: sv}", "translated_from: sv, partial: true}")
                .replace("heading: {sv: Ansvar, en: Responsibility}", "heading: {sv: Ansvar}"))
    assert loads(tmp_path, document).versions["en"].partial
    whole = DOCUMENT.replace("heading: {sv: Ansvar, en: Responsibility}", "heading: {sv: Ansvar}")
    [error] = errors_for(tmp_path, document=whole)
    assert error.endswith("sections[0].heading: no 'en' text, but `versions` lists 'en'; add `en:`")


def test_check_warns_about_an_in_force_document_without_adoption(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = DOCUMENT.replace(ADOPTED, "decisions: []\n")
    data = write_library(tmp_path, document=document)
    assert main(["--data", str(data), "check"]) == 0
    out = capsys.readouterr().out
    assert (f"{DOC_FILE}:{line_of(document, 'decisions:')}:1: warning: decisions: the document is in force, but no "
            "decision of kind adopted is recorded; add it (body and date may be null), or change the status") in out


def test_new_document_takes_a_status_and_check_warns_about_its_placeholders(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_library(tmp_path)
    assert main(["--data", str(data), "new", "document", "--organisation", "testby", "--type", "policy",
                 "--title-sv", "Förslag till plan", "--title-en", "Draft plan", "--status", "proposal",
                 "--adopted-by", "kommunstyrelsen", "--adopted-on", "2026-03-03"]) == 0
    out = capsys.readouterr().out
    doc = load_library(data).documents["testby/forslag-till-plan"].model
    assert doc.status == "proposal" and doc.adoption is None
    assert (doc.proposal.body, doc.proposal.date) == ("kommunstyrelsen", dt.date(2026, 3, 3))
    name = "policy_data/documents/testby/forslag-till-plan.yaml"
    text = (data / "documents/testby/forslag-till-plan.yaml").read_text(encoding="utf-8")
    for language, needle in (("sv", "Klistra in"), ("en", "Write the plain")):
        assert (f"{name}:{line_of(text, needle)}:7: warning: sections[0].body.{language}: placeholder text left by "
                "`styrdok new`; replace it with the document's own words") in out
    with pytest.raises(SystemExit) as refused:
        main(["--data", str(data), "new", "document", "--organisation", "testby", "--type", "policy",
              "--title-sv", "X", "--title-en", "X", "--status", "repealed"])
    assert refused.value.code == 2
    assert "invalid choice: 'repealed' (choose from 'in_force', 'proposal')" in capsys.readouterr().err
