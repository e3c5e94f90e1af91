"""Shared test helpers: a minimal valid library written as real YAML files,
a temporary folder for the whole run, and the check that the run left the
checkout as it found it."""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import sys
import tempfile
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from . import checkout_guard
from .site_build import RUN_DIR_VARIABLE

PROJECT = Path(__file__).resolve().parent.parent

_before = pytest.StashKey[checkout_guard.Snapshot]()


def _is_controller(config: pytest.Config) -> bool:
    """True in the process that runs the session (xdist workers have `workerinput`)."""
    return not hasattr(config, "workerinput")


def pytest_configure(config: pytest.Config) -> None:
    """On the controller, before any xdist worker starts: snapshot the
    checkout, and make the run's shared temporary folder. Workers inherit
    the folder's name through the environment."""
    if _is_controller(config):
        config.stash[_before] = checkout_guard.snapshot(PROJECT)
        os.environ[RUN_DIR_VARIABLE] = tempfile.mkdtemp(prefix="styrdok-tests-")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On the controller, after every worker is done: fail the run if the
    checkout changed (tests must build in copies, see tests/site_build.py)."""
    config = session.config
    if not _is_controller(config) or _before not in config.stash:
        return
    changed = checkout_guard.changes(config.stash[_before], checkout_guard.snapshot(PROJECT))
    if changed:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        lines = ["The tests changed the checkout; they must work in a copy (styrdok.sandbox.copy_project):",
                 *changed[:30], *([f"... and {len(changed) - 30} more"] if len(changed) > 30 else [])]
        if reporter is not None:
            reporter.write_sep("=", "checkout changed", red=True)
            for line in lines:
                reporter.write_line(line)
        else:
            print("\n".join(lines), file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_unconfigure(config: pytest.Config) -> None:
    if _is_controller(config) and RUN_DIR_VARIABLE in os.environ:
        shutil.rmtree(os.environ.pop(RUN_DIR_VARIABLE), ignore_errors=True)


@functools.cache
def synthetic() -> ModuleType:
    """benchmarks/synthetic.py, the benchmark's generator of valid libraries."""
    spec = importlib.util.spec_from_file_location("synthetic", PROJECT / "benchmarks" / "synthetic.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def synthetic_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic library of 80 documents, shaped like the real ones. Tests
    that change it work on a copy."""
    data = tmp_path_factory.mktemp("synthetic") / "policy_data"
    synthetic().generate(data, 80, seed=11)
    return data

TYPES = """\
types:
  - id: policy
    name: {sv: Policy, en: Policy}
"""

ORGANISATION = """\
id: testby
name: {sv: Testby kommun, en: Testby Municipality}
actors:
  - id: kommunfullmaktige
    name: {sv: Kommunfullmäktige, en: Municipal council}
    kind: council
  - id: kommunstyrelsen
    name: {sv: Kommunstyrelsen, en: Executive board}
    kind: executive_board
"""

DOCUMENT = """\
organisation: testby
types: [policy]
title: {sv: Testpolicy, en: Test policy}
source_file: null
original: {url: null, retrieved: null}
versions:
  sv: {kind: original}
  en: {kind: plain_translation, translated_from: sv}
status: in_force
owner: kommunstyrelsen
responsible_officer: null
decisions:
  - kind: adopted
    body: kommunfullmaktige
    date: 2020-01-15
    paragraph: "12"
    diary_number: null
scope: null
published: null
version: null
validity: {kind: until_further_notice}
review:
  - kind: every_n_years
    years: 4
    duties: [revision]
    as_written: {sv: Revideras vart fjärde år., en: Revised every four years.}
sections:
  - id: ansvar
    heading: {sv: Ansvar, en: Responsibility}
    responsibilities:
      - actor: kommunstyrelsen
        duties:
          - {sv: Samordnar arbetet., en: Coordinates the work.}
"""


# The sample document with a value in the fields DOCUMENT leaves empty (a body
# outside the organisation, an identifier of scheme other, a named scope), so
# that tests which plant text into every field of the model reach them all.
DOCUMENT_EVERY_FIELD = DOCUMENT.replace("""    paragraph: "12"
    diary_number: null
scope: null
""", """    paragraph: "12"
    diary_number: null
  - kind: confirmed
    body: null
    outside_body: {sv: Testby Energi AB:s styrelse, en: The board of Testby Energi AB}
    date: 2020-02-20
    paragraph: null
    diary_number: null
identifiers:
  - {scheme: other, label: {sv: Löpnummer, en: Serial number}, value: "T 2020 nr 1"}
scope:
  applies_to:
    - {kind: named, name: {sv: Testby hamn, en: Testby harbour}}
  as_written: {sv: Gäller för Testby hamn., en: It applies to Testby harbour.}
""")
assert DOCUMENT_EVERY_FIELD != DOCUMENT

# A second document, replaced by one outside the library: the fields of a successor.
DOCUMENT_REPLACED = DOCUMENT.replace("status: in_force\n", "status: replaced\n"
                                     "replaced_by: {title: {sv: Ny testpolicy, en: New test policy}}\n")
assert DOCUMENT_REPLACED != DOCUMENT

def write_library(root: Path, document: str = DOCUMENT, organisation: str = ORGANISATION,
                  types: str = TYPES, doc_name: str = "testpolicy") -> Path:
    """Write a small library under root/policy_data and return that folder."""
    data = root / "policy_data"
    (data / "organisations").mkdir(parents=True, exist_ok=True)
    (data / "documents" / "testby").mkdir(parents=True, exist_ok=True)
    (data / "document_types.yaml").write_text(textwrap.dedent(types), encoding="utf-8")
    (data / "organisations" / "testby.yaml").write_text(textwrap.dedent(organisation), encoding="utf-8")
    (data / "documents" / "testby" / f"{doc_name}.yaml").write_text(textwrap.dedent(document), encoding="utf-8")
    return data


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return write_library(tmp_path)
