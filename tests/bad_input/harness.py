"""The bad-input corpus: small mutations of a valid library, each with what
the editor must be told.

A case is a mutation of the small valid library of `tests/conftest.py`
(written afresh for every case) plus its outcome:

- `refused(pattern)`: `styrdok check` and the build's own load-and-render
  step both fail with a line matching `pattern` (a regex searched in each
  reported line, e.g. ``r"documents/testby/testpolicy\\.yaml:\\d+(:\\d+)?: title\\.sv: .*control"``),
  without a traceback, within a few seconds, and the build step leaves
  `docs/` exactly as it was;
- `accepted(inspect)`: both accept the library, and `inspect(files)` checks
  what the build step wrote (docs-relative name → bytes), e.g. that a CSV
  cell is neutralised or a feed still parses.

A case may instead run a `styrdok` command (`cli=[...]`), which must fail
with the pattern and change no file anywhere under the case's folder.

Cases live in `cases_*.py` modules beside this one, each a list `CASES`;
`test_corpus.py` collects them. `sample=True` also sends the case through
the real `mkdocs build --strict` on a copy of the project.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..conftest import write_library

# Paths of the base library's files, relative to policy_data/.
DOC = "documents/testby/testpolicy.yaml"
ORG = "organisations/testby.yaml"
TYPES = "document_types.yaml"

SECONDS = 5  # every case must end within this bound (hangs are a defect)

Mutation = Callable[[Path], None]


@dataclass(frozen=True)
class Outcome:
    pattern: str | None = None  # refused: a reported line must match this regex
    inspect: Callable[[dict[str, bytes]], None] | None = None  # accepted: checks the written files


def refused(pattern: str) -> Outcome:
    return Outcome(pattern=pattern)


def accepted(inspect: Callable[[dict[str, bytes]], None]) -> Outcome:
    return Outcome(inspect=inspect)


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # the class of input, as in the issue: yaml, values, text, addresses, files, scaffold, exports, relations
    outcome: Outcome
    mutate: tuple[Mutation, ...] = ()  # applied in order to a fresh policy_data/
    cli: tuple[str, ...] = ()  # a styrdok command to run instead of check+build ("{data}" is replaced)
    sample: bool = False  # also through the real `mkdocs build --strict`

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.id):
            raise ValueError(f"case id {self.id!r}: lower-case words joined by hyphens")


def case(id: str, kind: str, outcome: Outcome, *mutate: Mutation, cli: tuple[str, ...] = (),
         sample: bool = False) -> Case:
    return Case(id, kind, outcome, tuple(mutate), cli, sample)


# --- mutations ---------------------------------------------------------------------


def write(rel: str, text: str | bytes) -> Mutation:
    """Write (or overwrite) a file under policy_data/."""
    def apply(data: Path) -> None:
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return apply


def replace(rel: str, old: str, new: str) -> Mutation:
    """Replace text in a file of the base library; `old` must be there."""
    def apply(data: Path) -> None:
        path = data / rel
        text = path.read_text(encoding="utf-8")
        if old not in text:
            raise AssertionError(f"case mutation: {old!r} is not in {rel}")
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def append(rel: str, text: str) -> Mutation:
    def apply(data: Path) -> None:
        path = data / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


def set_field(rel: str, dotted: str, value: Any) -> Mutation:
    """Set a field by path (`sections.0.heading.sv`) and write the file back
    with PyYAML (line numbers move; patterns should use \\d+)."""
    def apply(data: Path) -> None:
        path = data / rel
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        target = content
        parts = [int(p) if p.isdigit() else p for p in dotted.split(".")]
        for part in parts[:-1]:
            target = target[part]
        target[parts[-1]] = value
        path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return apply


def rename(rel: str, new_rel: str) -> Mutation:
    def apply(data: Path) -> None:
        (data / new_rel).parent.mkdir(parents=True, exist_ok=True)
        (data / rel).rename(data / new_rel)
    return apply


def copy(rel: str, new_rel: str) -> Mutation:
    def apply(data: Path) -> None:
        (data / new_rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(data / rel, data / new_rel)
    return apply


def remove(rel: str) -> Mutation:
    def apply(data: Path) -> None:
        (data / rel).unlink()
    return apply


def symlink(rel: str, target: str) -> Mutation:
    """A symbolic link at `rel` pointing to `target` (as written, may dangle)."""
    def apply(data: Path) -> None:
        (data / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, data / rel)
    return apply


def mkdir(rel: str) -> Mutation:
    def apply(data: Path) -> None:
        (data / rel).mkdir(parents=True, exist_ok=True)
    return apply


# --- running a case ------------------------------------------------------------------


def make_library(root: Path, mutations: tuple[Mutation, ...]) -> Path:
    data = write_library(root)
    for mutation in mutations:
        mutation(data)
    return data


def tree_digest(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (links not followed) with a hash of its content."""
    out: dict[str, str] = {}
    if not folder.exists():
        return out
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


class Hang(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int = SECONDS) -> Iterator[None]:
    """Fail instead of hanging: SIGALRM interrupts the case after `seconds`."""
    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"the case did not finish within {seconds} s")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run_cli(argv: list[str]) -> tuple[int, str]:
    """`styrdok ARGS` in-process: (exit code, stdout and stderr together)."""
    from styrdok import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            code = cli.main(argv)
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue()


def matching(pattern: str, output: str) -> bool:
    return any(re.search(pattern, line) for line in output.splitlines())


@dataclass
class BuildResult:
    error: str | None  # the report of a DataError, or None when the build step succeeded
    files: dict[str, bytes] = field(default_factory=dict)  # what it wrote under docs/ (docs-relative)


def run_build_step(data: Path, docs: Path, today: str) -> BuildResult:
    """What the MkDocs hook runs before a build (`styrdok.site.generate`),
    in-process, into `docs`."""
    import datetime as dt

    from styrdok.build import site
    from styrdok.data.problems import DataError

    before = tree_digest(docs)
    try:
        site.generate(data, docs, dt.date.fromisoformat(today))
    except DataError as exc:
        return BuildResult(exc.report())
    written = {rel for rel, digest in tree_digest(docs).items() if before.get(rel) != digest and digest != "dir"}
    return BuildResult(None, {rel: (docs / rel).read_bytes() for rel in sorted(written)})
