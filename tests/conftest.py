"""Shared test helpers: a minimal valid library written as real YAML files."""

from __future__ import annotations

import functools
import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

PROJECT = Path(__file__).resolve().parent.parent


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
