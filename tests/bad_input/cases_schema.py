"""Cases the loader already refused before the hostile-input work: kept so
that the corpus shows they still give located messages."""

from __future__ import annotations

from .harness import DOC, ORG, case, refused, replace

CASES = [
    case("impossible-date", "values", refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: decisions\[0\]\.date: '2020-02-30' is not a real date"),
         replace(DOC, "date: 2020-01-15", "date: 2020-02-30"), sample=True),
    case("unknown-field", "values", refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: titel: unknown field"),
         replace(DOC, "title:", "titel:")),
    case("duplicate-key", "yaml", refused(r"organisations/testby\.yaml:\d+:\d+: id: appears twice"),
         replace(ORG, "id: testby\n", "id: testby\nid: testby\n"), sample=True),
    case("unknown-actor", "relations", refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: owner: unknown actor of testby 'nobody'"),
         replace(DOC, "owner: kommunstyrelsen", "owner: nobody")),
]
