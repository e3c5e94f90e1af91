"""Check and build agree on any text (issue 11, point 4).

Hypothesis writes a valid library (tests/conftest.py) with random text in
every free-text field of the model (tests/model_texts.py: names, titles,
headings, labels, duties, notes, § and diary numbers, versions, ...):
markup, quotes, spreadsheet formulas, letters of any script, and in some
fields any text at all (control characters, bidirectional overrides, line
breaks, non-characters). Then `styrdok check` and the step
the build runs (`styrdok.site.generate`) must agree:

- either both refuse, with the same located `file:line:col: field: message`
  lines, and the build step writes nothing;
- or both accept, and every Atom feed, iCalendar file, CSV and JSON export
  the build step wrote parses.

Neither may crash.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from .bad_input.harness import run_build_step, run_cli, tree_digest
from .bad_input.outputs import parse_every_output
from .conftest import DOCUMENT_EVERY_FIELD, DOCUMENT_REPLACED, write_library
from .model_texts import plant_library, text_fields
from .site_build import TODAY

LOCATED = re.compile(r"^[^:\n]+:\d+:\d+: ")

FRAGMENTS = ["<script>alert(1)</script>", "</title>", "<img src=x onerror=alert(1)>", '"', "'", "&amp;", "&lt;",
             "=1+1", "+", "-", "@SUM(A1)", "\uff1d", "]]>", "<![CDATA[", "END:VEVENT", ";", ",", "\\", ":",
             "{{ x }}", "{% x %}", "*", "_", "#", "[a](javascript:x)", "§", "å", "\u05e9\u05dc\u05d5\u05dd",
             "\U0001F600", "\u200d", "\u00ad", "\ufeff", "  "]
# Text the model accepts in every field, mostly: any letters, marks,
# punctuation and symbols, and hostile fragments, but no control, format,
# separator or surrogate characters, which the model refuses.
_LETTERS = st.text(st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp")), min_size=1, max_size=20)
_PIECES = st.lists(_LETTERS | st.sampled_from(FRAGMENTS), min_size=1, max_size=5).map("".join)
ONE_LINE = _PIECES
PROSE = st.lists(_PIECES, min_size=1, max_size=3).map("\n\n".join)
# What the model refuses somewhere: control characters, line breaks and tabs
# (in one-line fields), bidirectional controls, separators, non-characters;
# and any character at all.
REFUSED = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\r", "\n", "\t", "\u202a", "\u202e", "\u2066",
           "\u2069", "\u2028", "\u2029", "\ufdd0", "\ufffe", "\U0010ffff"]
ANY = st.lists(_LETTERS | st.sampled_from(REFUSED) | st.text(max_size=3), min_size=1, max_size=6).map("".join)


def _library(root: Path) -> Path:
    """The sample library with a value in every field the model has: the
    document with every field, and a replaced one."""
    data = write_library(root, document=DOCUMENT_EVERY_FIELD)
    (data / "documents" / "testby" / "ersatt.yaml").write_text(DOCUMENT_REPLACED, encoding="utf-8")
    return data


def _field_count() -> int:
    """How many texts the planting asks for in the base library."""
    with tempfile.TemporaryDirectory(prefix="styrdok-fuzz-count-") as tmp:
        return len(plant_library(_library(Path(tmp)), lambda multiline: "x").values)


FIELDS = _field_count()


def _error_lines(text: str) -> list[str]:
    return sorted(line for line in text.splitlines() if LOCATED.match(line) and " warning: " not in line)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data(), st.sets(st.integers(min_value=0, max_value=FIELDS - 1), max_size=8))
def test_check_and_build_agree_on_any_text(data: st.DataObject, poisoned: set[int]) -> None:
    """`poisoned`: the fields (in planting order) that get any text."""
    counter = itertools.count()

    def make(multiline: bool) -> str:
        index = next(counter)
        strategy = ANY if index in poisoned else PROSE if multiline else ONE_LINE
        return data.draw(strategy, label=f"text {index}")

    with tempfile.TemporaryDirectory(prefix="styrdok-fuzz-build-") as tmp:
        root = Path(tmp)
        library = _library(root)
        plant_library(library, make)
        docs = root / "docs"
        docs.mkdir()
        code, output = run_cli(["check", "--data", str(library)])
        result = run_build_step(library, docs, TODAY)
        assert "Traceback" not in output
        event("refused" if code else "accepted")  # --hypothesis-show-statistics shows the mix
        if code != 0:
            assert result.error is not None, f"check refused, the build step accepted:\n{output}"
            reported = _error_lines(result.error)
            assert reported, f"no located problem:\n{result.error}"
            assert result.error.splitlines()[:-1] == [line for line in result.error.splitlines()[:-1] if LOCATED.match(line)], \
                f"a problem without file:line:col:\n{result.error}"
            assert _error_lines(output) == reported, f"check and build report different problems:\n{output}\n---\n{result.error}"
            assert tree_digest(docs) == {}, "a refused build step wrote files"
        else:
            assert result.error is None, f"check accepted, the build step refused:\n{result.error}"
            assert parse_every_output(result.files) >= 8, sorted(result.files)


def test_the_fuzz_reaches_every_text_field(tmp_path: Path) -> None:
    planted = plant_library(_library(tmp_path), lambda multiline: "x").planted
    assert not text_fields() - planted, f"text fields the fuzz test never fills: {sorted(text_fields() - planted)}"
