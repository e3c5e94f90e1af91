"""Find the data files under `policy_data/` and read them safely.

Data arrives by pull request, so the folder is walked without following
anything: a symbolic link (broken, looping or pointing anywhere) is refused,
not read, and so is a folder named like a data file, a file that is not a
regular file, a file too large to be a document, and a file or folder whose
name is not an id (it becomes a web address, and relations name documents by
it). Each gets a located problem, never a traceback. Files of other kinds are
not read; `styrdok check` says so (a warning), since an editor may have meant
them as data. Hidden files (`.gitkeep`, editor swap files) are passed over.

    policy_data/document_types.yaml
    policy_data/organisations/<organisation>.yaml
    policy_data/documents/<organisation>/<document>.yaml
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from styrdok.data.model import Id
from styrdok.data.problems import Problem, Severity, relative_name

MAX_BYTES = 1_000_000  # the largest real document is 35 KB; a hostile one must not take minutes
SUFFIXES = (".yaml", ".yml")
TYPES_STEM = "document_types"

_ID = TypeAdapter(Id)
_ID_RULE = "lower-case letters a–z, digits and hyphens, e.g. `policy-internationellt-arbete`"


@dataclass
class DataFiles:
    """What `discover` found to read, and its warnings (files it leaves alone)."""

    types: Path | None = None
    organisations: list[Path] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)  # documents/<organisation>/<document>.yaml
    notes: list[Problem] = field(default_factory=list)


def shown(path: Path, root: Path) -> str:
    """The name to print for `path`: relative, and safe for a terminal (no
    control characters, no undecodable bytes)."""
    name = relative_name(path, root).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in name)


def _problem(path: Path, root: Path, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(shown(path, root), 1, 1, "", message, severity)


def is_id(name: str) -> bool:
    try:
        _ID.validate_python(name)
    except ValidationError:
        return False
    return True


@dataclass
class _Listing:
    files: dict[str, Path] = field(default_factory=dict)  # id → a regular file <id>.yaml or <id>.yml
    folders: dict[str, Path] = field(default_factory=dict)  # name → a real folder (name not checked)
    names: set[str] = field(default_factory=set)  # every entry but hidden ones


def _list(folder: Path, root: Path, problems: list[Problem], notes: list[Problem], ids: bool = True) -> _Listing:
    """The entries of `folder` that may be read; everything else reported.
    `ids`: the files' names are ids (not so for policy_data/ itself)."""
    listing = _Listing()
    try:
        with os.scandir(folder) as scan:
            entries = sorted((e for e in scan if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        problems.append(_problem(folder, root, f"the folder cannot be read ({exc.strerror})"))
        return listing
    for entry in entries:
        listing.names.add(entry.name)
        path = Path(entry.path)
        stem, suffix = os.path.splitext(entry.name)
        data_name = suffix.lower() in SUFFIXES
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            problems.append(_problem(path, root, f"cannot be read ({exc.strerror})"))
            continue
        if stat.S_ISLNK(mode):
            problems.append(_problem(path, root, "a symbolic link; links are not followed in policy_data/ "
                                                 "(put the file or folder itself here)"))
        elif stat.S_ISDIR(mode) and data_name:
            problems.append(_problem(path, root, f"a folder named like a data file; only files may end in {suffix}"))
        elif stat.S_ISDIR(mode):
            listing.folders[entry.name] = path
        elif not stat.S_ISREG(mode):
            problems.append(_problem(path, root, "not a regular file (a device, pipe or socket); it cannot be data"))
        elif not data_name:
            notes.append(_problem(path, root, "not read: only files ending in .yaml are data", Severity.WARNING))
        elif suffix not in SUFFIXES or (ids and not is_id(stem)):
            problems.append(_problem(path, root, f"not a valid file name: the name before {suffix.lower()} is an id "
                                                 f"({_ID_RULE}), because it becomes the page's address"))
        elif stem in listing.files:
            problems.append(_problem(path, root, f"{listing.files[stem].name} is here too: two files for the id "
                                                 f"{stem!r}; keep one of them"))
        else:
            listing.files[stem] = path
    return listing


def discover(root: Path, problems: list[Problem]) -> DataFiles:
    """The files to read under `root`; adds a problem for each entry that
    must not be read, and a note for each file that is left alone."""
    found = DataFiles()
    if root.is_symlink():
        problems.append(_problem(root, root, "the data folder is a symbolic link; links are not followed "
                                             "(put the folder itself here)"))
        return found
    top = _list(root, root, problems, found.notes, ids=False)
    for stem, path in top.files.items():
        if stem == TYPES_STEM:
            found.types = path
        else:
            problems.append(_problem(path, root, f"an unknown data file: {root.name}/ holds {TYPES_STEM}.yaml, "
                                                 "organisations/ and documents/"))
    if found.types is None and not any(name.startswith(TYPES_STEM + ".") for name in top.names):
        problems.append(_problem(root / f"{TYPES_STEM}.yaml", root, "file missing: it lists the document types"))
    for name, path in top.folders.items():
        if name not in ("organisations", "documents"):
            found.notes.append(_problem(path, root, "not read: only organisations/ and documents/ hold data",
                                        Severity.WARNING))
    if "organisations" in top.folders:
        organisations = _list(top.folders["organisations"], root, problems, found.notes)
        found.organisations = list(organisations.files.values())
        for path in organisations.folders.values():
            problems.append(_problem(path, root, "a folder inside organisations/; it holds one file per organisation"))
    if "documents" in top.folders:
        documents = _list(top.folders["documents"], root, problems, found.notes)
        for path in documents.files.values():
            problems.append(_problem(path, root, "documents go in a folder named after their organisation"))
        for name, folder in documents.folders.items():
            if not is_id(name):
                problems.append(_problem(folder, root, f"not a valid folder name: it is the organisation's id ({_ID_RULE})"))
                continue
            inside = _list(folder, root, problems, found.notes)
            found.documents.extend(inside.files.values())
            for path in inside.folders.values():
                problems.append(_problem(path, root, "a folder inside an organisation's documents; "
                                                     "documents go directly in documents/<organisation>/"))
    return found


def read_text(path: Path, root: Path, problems: list[Problem]) -> str | None:
    """The file's text, or None with a located problem: too large, unreadable,
    replaced by a link since it was listed, or not UTF-8."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        problems.append(_problem(path, root, f"cannot be read ({exc.strerror})"))
        return None
    with os.fdopen(descriptor, "rb") as file:
        try:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                problems.append(_problem(path, root, f"{size:,} bytes is too large for a data file (the limit is "
                                                     f"{MAX_BYTES:,} bytes); check that this is the right file"))
                return None
            raw = file.read(MAX_BYTES + 1)
        except OSError as exc:
            problems.append(_problem(path, root, f"cannot be read ({exc.strerror})"))
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8")
        line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problems.append(Problem(shown(path, root), line, column, "",
                                f"not UTF-8 text ({exc.reason}); save the file as UTF-8"))
        return None


def fingerprint(root: Path) -> str:
    """A hash of everything under `root` that loading can see, without
    following links and without failing: equal hashes, equal loads."""
    digest = hashlib.sha256()
    if root.is_symlink():
        digest.update(b"a link to " + os.fsencode(os.readlink(root)))
    for folder, folders, files in os.walk(root, followlinks=False, onerror=lambda exc: digest.update(str(exc).encode())):
        folders.sort()
        for name in sorted(files) + folders:
            path = os.path.join(folder, name)
            digest.update(os.fsencode(os.path.relpath(path, root)) + b"\0")
            try:
                info = os.lstat(path)
                digest.update(f"{info.st_mode}:{info.st_size}\0".encode())
                if stat.S_ISLNK(info.st_mode):
                    digest.update(os.fsencode(os.readlink(path)))
                elif stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
                    with open(path, "rb") as file:
                        digest.update(hashlib.sha256(file.read()).digest())
            except OSError as exc:
                digest.update(str(exc).encode())
    return digest.hexdigest()
