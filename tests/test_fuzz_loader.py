"""Property-based tests of the loader (issue 3, point 8; issue 11, points 2, 3 and 6).

Random and mutated YAML documents, organisations and type lists, written to
temporary folders, are fed to `styrdok.library.load_library`. Whatever the
input, it either returns a library or raises `styrdok.problems.DataError`,
and every problem it reports starts with `file:line:column: ` so an editor
can find it. Any other exception (a traceback) fails the test, and
hypothesis shrinks the input to a small example. Each example must also end
within a few seconds: YAML that would hang (aliases, deep nesting) fails.
The raw-YAML tests damage the files' bytes and text, and the tree test
fills the data folders with links, folders, pipes and odd names.
"""

from __future__ import annotations

import copy
import re
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrdok.data.files import fingerprint
from styrdok.data.library import load_library
from styrdok.data.problems import DataError

from .bad_input.harness import bounded
from .bad_input.harness import write
from .conftest import DOCUMENT, ORGANISATION, TYPES, write_library
from .site_build import PROJECT

LOCATED = re.compile(r"^[^:]+:\d+:\d+: ")

FUZZ = settings(max_examples=120, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])


def check(root: Path) -> None:
    """The property: a library, or a DataError of located problems only,
    within the corpus' time bound."""
    try:
        with bounded():
            fingerprint(root)
            load_library(root)
    except DataError as exc:
        assert exc.problems, "a DataError without any problem"
        for problem in exc.problems:
            line = problem.format()
            assert LOCATED.match(line), f"problem without file:line:col: {line!r}"
            assert not re.search(r"[\r\n]", line), f"a problem that spans lines: {line!r}"
        for line in re.split(r"\r\n|\r|\n", str(exc))[:-1]:  # the last line counts the errors
            assert LOCATED.match(line), f"report line without file:line:col: {line!r}"


def _write(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory(prefix="styrdok-fuzz-") as tmp:
        root = Path(tmp)
        data = write_library(root)
        for name, content in files.items():
            write(name, content)(data)
        check(data)


DOC_FILE = "documents/testby/testpolicy.yaml"
ORG_FILE = "organisations/testby.yaml"
TYPES_FILE = "document_types.yaml"
SEEDS = {DOC_FILE: textwrap.dedent(DOCUMENT), ORG_FILE: textwrap.dedent(ORGANISATION), TYPES_FILE: textwrap.dedent(TYPES)}

# Values YAML can hold, nested a little.
scalars = (st.none() | st.booleans() | st.integers(min_value=-10**12, max_value=10**12)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=30)
           | st.dates().map(str) | st.sampled_from(["", "sv", "en", "2013-02-30", "kommunstyrelsen", "policy",
                                                    "every_n_years", "by_year", "null", "~", "<script>", "a:b"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=10) | st.sampled_from(["sv", "en", "kind", "id", "duties"]),
                                        inner, max_size=3), max_leaves=8)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += _paths(value, prefix + (index,))
    return out


def _mutate(data: st.DataObject, document: Any) -> Any:
    """Apply one random change at a random place of a parsed document."""
    paths = _paths(document)
    path = data.draw(st.sampled_from(paths), label="path")
    op = data.draw(st.sampled_from(["replace", "delete", "add", "null", "wrap", "duplicate", "empty"]), label="op")
    if not path:
        return data.draw(values, label="whole document") if op == "replace" else document
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if op == "replace":
        parent[key] = data.draw(values, label="value")
    elif op == "delete":
        del parent[key]
    elif op == "add" and isinstance(parent[key], dict):
        parent[key][data.draw(st.text(min_size=1, max_size=12), label="new key")] = data.draw(values, label="new value")
    elif op == "add" and isinstance(parent[key], list):
        parent[key].append(data.draw(values, label="new item"))
    elif op == "null":
        parent[key] = None
    elif op == "wrap":
        parent[key] = [parent[key]]
    elif op == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    elif op == "empty":
        parent[key] = type(parent[key])() if isinstance(parent[key], (dict, list, str)) else ""
    return document


@FUZZ
@given(st.data(), st.sampled_from(sorted(SEEDS)), st.integers(min_value=1, max_value=4))
def test_mutated_documents_give_located_errors_only(data: st.DataObject, name: str, count: int) -> None:
    document = yaml.safe_load(SEEDS[name])
    for _ in range(count):
        document = _mutate(data, document)
    _write({name: yaml.safe_dump(document, allow_unicode=True, sort_keys=False)})


YAML_BITS = ["\n", " ", "  ", "\t", ":", ": ", "- ", "-", "#", "'", '"', "{", "}", "[", "]", ",", "&a ", "*a",
             "!!python/object:os.system ", "!!binary ", "? ", "|", ">", "%YAML 1.1\n", "---\n", "...\n",
             "<<: *a\n", "\ufeff", "\x00", "\x85", "é", "2013-02-30", "null", "~", "0x1F", ".inf", "sv: ", "en: ",
             "&b [*a, *a, *a]", "[" * 60, "{a: " * 60, "]" * 60, "- " * 60, "!!int ", "!x ", "%TAG ! tag:x,2000:\n",
             "061", "12:30", "1.10", "no", "9" * 5000, "? [a]\n: b\n", "\u202e", "\r\n"]


@FUZZ
@given(st.data(), st.sampled_from(sorted(SEEDS)), st.integers(min_value=1, max_value=6))
def test_damaged_yaml_text_gives_located_errors_only(data: st.DataObject, name: str, count: int) -> None:
    text = SEEDS[name]
    for _ in range(count):
        at = data.draw(st.integers(min_value=0, max_value=len(text)), label="at")
        kind = data.draw(st.sampled_from(["insert", "delete", "cut"]), label="kind")
        if kind == "insert":
            bit = data.draw(st.sampled_from(YAML_BITS) | st.text(max_size=4), label="bit")
            text = text[:at] + bit + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + data.draw(st.integers(0, 20), label="n"):]
        else:
            text = text[:at]
    _write({name: text})


@FUZZ
@given(st.sampled_from(sorted(SEEDS)), st.binary(max_size=200) | st.text(max_size=200))
def test_random_files_give_located_errors_only(name: str, content: bytes | str) -> None:
    _write({name: content})


@FUZZ
# File names: anything a file system takes, but no ":" (the `file:line:col`
# format cannot tell a colon in a file name from its separator).
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/:\x00"), min_size=1, max_size=12)
       .filter(lambda s: s not in (".", "..")),
       st.text(max_size=100))
def test_stray_and_oddly_named_files_give_located_errors_only(stem: str, content: str) -> None:
    """Files in unexpected places or with odd names (the loader walks folders)."""
    _write({f"documents/{stem}.yaml": content, f"documents/testby/{stem}.yml": content})


_REAL_DOC = PROJECT / "policy_data" / "documents" / "vaxjo" / "internationell-strategi.yaml"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.integers(min_value=1, max_value=3))
def test_mutated_real_documents_give_located_errors_only(data: st.DataObject, count: int) -> None:
    """The same on a copy of the real data: richer documents to break."""
    import shutil

    document = yaml.safe_load(_REAL_DOC.read_text(encoding="utf-8"))
    for _ in range(count):
        document = _mutate(data, document)
    with tempfile.TemporaryDirectory(prefix="styrdok-fuzz-real-") as tmp:
        root = Path(tmp) / "policy_data"
        shutil.copytree(PROJECT / "policy_data", root)
        (root / "documents" / "vaxjo" / _REAL_DOC.name).write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
        check(root)


def test_the_property_rejects_an_unlocated_problem() -> None:
    from styrdok.data.problems import Problem

    assert not LOCATED.match(Problem("", 0, 0, "", "x").format())  # no file name
    assert LOCATED.match(Problem("policy_data/x.yaml", 3, 7, "title", "m").format())
    assert not LOCATED.match("Traceback (most recent call last):")


def _damage_bytes(data: st.DataObject, raw: bytes, count: int) -> bytes:
    for _ in range(count):
        at = data.draw(st.integers(min_value=0, max_value=len(raw)), label="at")
        kind = data.draw(st.sampled_from(["insert", "flip", "cut", "repeat"]), label="kind")
        if kind == "insert":
            raw = raw[:at] + data.draw(st.binary(min_size=1, max_size=4)
                                       | st.sampled_from([b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\xfe\xff", b"\x00"]),
                                       label="bytes") + raw[at:]
        elif kind == "flip" and at < len(raw):
            raw = raw[:at] + bytes([raw[at] ^ data.draw(st.integers(1, 255), label="mask")]) + raw[at + 1:]
        elif kind == "cut":
            raw = raw[:at] + raw[at + data.draw(st.integers(0, 30), label="n"):]
        else:
            piece = raw[at:at + data.draw(st.integers(1, 40), label="n")]
            raw = raw[:at] + piece * data.draw(st.integers(2, 200), label="times") + raw[at:]
    return raw


@FUZZ
@given(st.data(), st.sampled_from(sorted(SEEDS)), st.integers(min_value=1, max_value=5))
def test_damaged_yaml_bytes_give_located_errors_only(data: st.DataObject, name: str, count: int) -> None:
    """Byte-level damage: broken UTF-8, byte order marks, repeated runs of brackets or keys."""
    _write({name: _damage_bytes(data, SEEDS[name].encode("utf-8"), count)})


# Entries an editor's tool, a careless copy or an attacker could leave in the data folders.
ODD_NAMES = ["x.yaml", "x.yml", "X.yaml", "x.YAML", "x y.yaml", "x.y.yaml", "förslag.yaml", "notes.txt", ".x.yaml",
             "testpolicy.yml", "testby.yml", "document_types.yml", "x", "-x.yaml", "x-.yaml", "a" * 90 + ".yaml"]
FOLDERS = ["", "organisations", "documents", "documents/testby", "documents/otherby", "documents/testby/sub"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["file", "folder", "link", "pipe"]), st.sampled_from(FOLDERS),
                          st.sampled_from(ODD_NAMES), st.sampled_from(sorted(SEEDS)),
                          st.sampled_from(["nowhere", "/etc/passwd", "..", "x.yaml", "../testby.yaml", "."])),
                min_size=1, max_size=5))
def test_odd_files_and_folders_give_located_errors_only(entries: list[tuple[str, str, str, str, str]]) -> None:
    """Links (broken, looping, outside), folders named .yaml, pipes, twins and bad names, in any folder."""
    import os

    with tempfile.TemporaryDirectory(prefix="styrdok-fuzz-tree-") as tmp:
        data = write_library(Path(tmp))
        for kind, folder, name, seed, target in entries:
            path = data / folder / name
            if os.path.lexists(path):
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_text(SEEDS[seed], encoding="utf-8")
            elif kind == "folder":
                path.mkdir()
            elif kind == "link":
                os.symlink(target if target != "x.yaml" else name, path)  # "x.yaml" → a link to itself
            else:
                os.mkfifo(path)
        check(data)
