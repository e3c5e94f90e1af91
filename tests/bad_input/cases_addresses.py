"""Addresses that can't collide (issue 11, 5): organisation ids and document
file names that the site uses itself are refused with the list, whatever
kind of page they would replace."""

from __future__ import annotations

from collections.abc import Callable

from styrdok.data import urls

from ..conftest import ORGANISATION
from .harness import DOC, ORG, Case, Mutation, accepted, case, copy, refused, replace, write

RESERVED = r".*is a name the site uses itself; choose another \(reserved: .*{}"


def organisation(org_id: str) -> Mutation:
    """A second, valid organisation with the id `org_id` (and its file name)."""
    return write(f"organisations/{org_id}.yaml", ORGANISATION.replace("id: testby", f"id: {org_id}"))


def reserved_organisation(org_id: str) -> Case:
    return case(f"organisation-named-{org_id}", "addresses",
                refused(rf"organisations/{org_id}\.yaml:\d+:\d+: id: '{org_id}'" + RESERVED.format("kalender")),
                organisation(org_id), sample=org_id == "kalender")


def reserved_document(name: str) -> Case:
    return case(f"document-file-{name}", "addresses",
                refused(rf"documents/testby/{name}\.yaml:1:1: file name: '{name}'" + RESERVED.format("ansvar")),
                copy(DOC, f"documents/testby/{name}.yaml"))


def _has(name: str) -> Callable[[dict[str, bytes]], None]:
    def inspect(files: dict[str, bytes]) -> None:
        assert name in files, f"{name} was not written: {sorted(files)}"
    return inspect


CASES = [
    # Every reserved id, of each kind: generated pages (kalender, jamforelse, nytt, redaktion,
    # dokumenttyper, index), hand-written pages (om, tillganglighet...), theme and search files
    # (assets, search, 404, sitemap), the English site (en); and in an organisation's folder its
    # page (index), matrix (ansvar), actors (aktorer), feed (atom) and exports (ansvarsmatris).
    *[reserved_organisation(org_id) for org_id in sorted(urls.RESERVED_ORGANISATION_IDS)],
    *[reserved_document(name) for name in sorted(urls.RESERVED_DOCUMENT_IDS)],
    # a name close to a reserved one is fine
    case("document-named-like-a-reserved-name", "addresses", accepted(_has("testby/ansvar-2.md")),
         copy(DOC, "documents/testby/ansvar-2.yaml")),
    case("website-javascript", "addresses",
         refused(r"organisations/testby\.yaml:\d+:\d+: website: 'javascript:alert\(1\)' is not an http\(s\) address "
                 r"\(expected an address that starts with https:// or http://\)"),
         replace(ORG, "actors:", "website: javascript:alert(1)\nactors:")),
    case("website-without-scheme", "addresses",
         refused(r"organisations/testby\.yaml:\d+:\d+: website: 'www\.testby\.se' is not an http\(s\) address"),
         replace(ORG, "actors:", "website: www.testby.se\nactors:")),
]
