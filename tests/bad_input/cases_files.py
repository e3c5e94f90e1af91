"""Files and folders under policy_data/ (issue 11, point 6): every symbolic
link is refused (broken, looping, pointing outside or even inside the data
folder), and so are folders named like data files, pipes, twins such as
`x.yaml` beside `x.yml`, names that are not ids, files that are not UTF-8,
and data files in the wrong place. Files of other kinds are left alone (a
warning in `styrdok check`); hidden files are passed over."""

from __future__ import annotations

import os
from pathlib import Path

from .harness import DOC, ORG, TYPES, Mutation, accepted, case, copy, mkdir, refused, remove, rename, symlink, write
from .cases_values import shows

_TESTBY = r"documents/testby/"
_LINK = r":1:1: a symbolic link; links are not followed in policy_data/"
_NAME = r":1:1: not a valid file name: the name before \.yaml is an id \(lower-case letters a–z, digits and hyphens"


def fifo(rel: str) -> Mutation:
    """A named pipe: reading it would wait for ever."""
    def apply(data: Path) -> None:
        os.mkfifo(data / rel)
    return apply


def latin1(rel: str, old: str, new: str) -> Mutation:
    """Replace text in a file and save it as ISO-8859-1, as an old editor might."""
    def apply(data: Path) -> None:
        path = data / rel
        path.write_bytes(path.read_text(encoding="utf-8").replace(old, new, 1).encode("latin-1"))
    return apply


def data_folder_as_link(data: Path) -> None:
    """policy_data/ itself a link to a folder elsewhere."""
    data.rename(data.parent / "elsewhere")
    os.symlink("elsewhere", data)


def _published(files: dict[str, bytes]) -> None:
    shows("testby/testpolicy.md", "\">Testpolicy – ")(files)


CASES = [
    case("symlink-broken", "files", refused(_TESTBY + r"ghost\.yaml" + _LINK), symlink("documents/testby/ghost.yaml", "nowhere.yaml")),
    case("symlink-loop", "files", refused(_TESTBY + r"ping\.yaml" + _LINK),
         symlink("documents/testby/ping.yaml", "pong.yaml"), symlink("documents/testby/pong.yaml", "ping.yaml")),
    case("symlink-outside", "files", refused(_TESTBY + r"passwd\.yaml" + _LINK), symlink("documents/testby/passwd.yaml", "/etc/passwd"),
         sample=True),
    case("symlink-outside-relative", "files", refused(r"organisations/elsewhere\.yaml" + _LINK),
         write("../secret.yaml", "id: elsewhere\n"), symlink("organisations/elsewhere.yaml", "../../secret.yaml")),
    case("data-folder-is-a-link", "files", refused(r"^policy_data:1:1: the data folder is a symbolic link"), data_folder_as_link),
    case("symlink-inside", "files", refused(_TESTBY + r"alias\.yaml" + _LINK), symlink("documents/testby/alias.yaml", "testpolicy.yaml")),
    case("symlink-to-folder", "files", refused(r"documents/otherby" + _LINK), symlink("documents/otherby", "testby")),
    case("symlink-types-file", "files", refused(r"policy_data/document_types\.yaml" + _LINK),
         rename(TYPES, "types-real.yaml"), symlink(TYPES, "types-real.yaml")),
    case("folder-named-yaml", "files", refused(_TESTBY + r"draft\.yaml:1:1: a folder named like a data file"),
         mkdir("documents/testby/draft.yaml")),
    case("folder-named-yml-in-organisations", "files", refused(r"organisations/otherby\.yml:1:1: a folder named like a data file"),
         mkdir("organisations/otherby.yml/x")),
    case("named-pipe", "files", refused(_TESTBY + r"pipe\.yaml:1:1: not a regular file"), fifo("documents/testby/pipe.yaml")),
    case("yaml-and-yml-twins", "files", refused(_TESTBY + r"testpolicy\.yml:1:1: testpolicy\.yaml is here too: two files for the id 'testpolicy'"),
         copy(DOC, "documents/testby/testpolicy.yml")),
    case("organisation-twins", "files", refused(r"organisations/testby\.yml:1:1: testby\.yaml is here too"), copy(ORG, "organisations/testby.yml")),
    case("name-with-space", "files", refused(_TESTBY + r"test policy\.yaml" + _NAME), rename(DOC, "documents/testby/test policy.yaml")),
    case("name-with-capitals", "files", refused(_TESTBY + r"Testpolicy\.yaml" + _NAME), rename(DOC, "documents/testby/Testpolicy.yaml")),
    case("name-non-ascii", "files", refused(_TESTBY + r"förslag\.yaml" + _NAME), copy(DOC, "documents/testby/förslag.yaml")),
    case("name-with-dot", "files", refused(_TESTBY + r"x\.y\.yaml" + _NAME), copy(DOC, "documents/testby/x.y.yaml")),
    case("name-with-underscore", "files", refused(r"organisations/test_by\.yaml" + _NAME.replace("yaml", "yaml", 1)),
         copy(ORG, "organisations/test_by.yaml")),
    case("extension-in-capitals", "files", refused(_TESTBY + r"other\.YAML:1:1: not a valid file name"), copy(DOC, "documents/testby/other.YAML")),
    case("folder-name-not-an-id", "files", refused(r"documents/Test By:1:1: not a valid folder name: it is the organisation's id"),
         copy(DOC, "documents/Test By/testpolicy.yaml")),
    case("folder-inside-documents", "files", refused(_TESTBY + r"old:1:1: a folder inside an organisation's documents"),
         copy(DOC, "documents/testby/old/testpolicy.yaml")),
    case("document-outside-its-folder", "files", refused(r"documents/testpolicy\.yaml:1:1: documents go in a folder named after their organisation"),
         copy(DOC, "documents/testpolicy.yaml")),
    case("unknown-data-file-at-top", "files", refused(r"policy_data/settings\.yaml:1:1: an unknown data file"),
         write("settings.yaml", "a: b\n")),
    case("types-file-missing", "files", refused(r"policy_data/document_types\.yaml:1:1: file missing"), remove(TYPES)),
    case("not-utf-8", "files", refused(_TESTBY + r"testpolicy\.yaml:\d+:2: not UTF-8 text \(invalid start byte\)"),
         latin1(DOC, "versions:", "förs: x\nversions:")),
    case("utf-16", "files", refused(r"organisations/testby\.yaml:1:1: not UTF-8 text"),
         lambda data: (data / ORG).write_bytes((data / ORG).read_text(encoding="utf-8").encode("utf-16"))),
    case("stray-file-left-alone", "files", accepted(_published), write("documents/testby/notes.txt", "not data\n")),
    case("hidden-files-passed-over", "files", accepted(_published),
         write("documents/testby/.testpolicy.yaml.swp", b"\x00\xff"), symlink("documents/testby/.#testpolicy.yaml", "root@host")),
]
