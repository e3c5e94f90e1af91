"""Relations that make sense (issue 11, 10): no replacement that goes round
in a circle, no document that replaces or relates to itself, no section id
that is one of the document page's own anchors."""

from __future__ import annotations

from collections.abc import Callable

from styrdok.data import urls

from .harness import DOC, Mutation, accepted, case, copy, refused, replace, set_field

A, B, C = "testby/testpolicy", "testby/b", "testby/c"
CIRCLE = r"replacements go round in a circle \({}, each replaced by the next\)"


def documents(*names: str) -> tuple[Mutation, ...]:
    """Copies of the base document under the given names (in testby/)."""
    return tuple(copy(DOC, f"documents/testby/{name}.yaml") for name in names)


def file_of(doc_id: str) -> str:
    return f"documents/{doc_id}.yaml"


def replaced_by(old: str, new: str) -> Mutation:
    """`old` has the status replaced, by `new` in the library."""
    def apply(data):
        set_field(file_of(old), "status", "replaced")(data)
        set_field(file_of(old), "replaced_by", {"document": new})(data)
    return apply


def replaces(new: str, *old: str) -> Mutation:
    return set_field(file_of(new), "relations", [{"kind": "replaces", "document": d} for d in old])


def circle(*ids: str) -> str:
    return CIRCLE.format(" → ".join(ids))


def section_id(anchor: str, nested: bool = False) -> Mutation:
    if not nested:
        return set_field(DOC, "sections.0.id", anchor)
    return set_field(DOC, "sections.0.sections", [{"id": anchor, "heading": {"sv": "Del", "en": "Part"}}])


def _links_to(page: str, target: str) -> Callable[[dict[str, bytes]], None]:
    def inspect(files: dict[str, bytes]) -> None:
        assert target.encode() in files[page], f"{page} does not link to {target}"
    return inspect


CASES = [
    case("replaced-by-itself", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: replaced_by\.document: a document cannot replace itself"),
         replaced_by(A, A), sample=True),
    case("replaces-itself", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: relations\[0\]\.document: a document cannot relate to itself"),
         replaces(A, A)),
    case("refers-to-itself", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: relations\[0\]\.document: a document cannot relate to itself"),
         set_field(DOC, "relations", [{"kind": "refers_to", "document": A}])),
    case("replaced-by-circle-of-two", "relations",
         refused(r"documents/testby/b\.yaml:\d+:\d+: replaced_by\.document: " + circle(B, A, B)),
         *documents("b"), replaced_by(A, B), replaced_by(B, A)),
    case("replaces-and-replaced-by-the-same", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: relations\[0\]\.document: " + circle(B, A, B)),
         *documents("b"), replaced_by(A, B), replaces(A, B)),
    case("replaces-each-other", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: relations\[0\]\.document: " + circle(B, A, B)),
         *documents("b"), replaces(A, B), replaces(B, A)),
    case("replaced-by-circle-of-three", "relations",
         refused(r"documents/testby/b\.yaml:\d+:\d+: replaced_by\.document: " + circle(B, C, A, B)),
         *documents("b", "c"), replaced_by(A, B), replaced_by(B, C), replaced_by(C, A)),
    case("replaces-circle-of-three", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: relations\[0\]\.document: " + circle(B, A, C, B)),
         *documents("b", "c"), replaces(A, B), replaces(B, C), replaces(C, A)),
    case("circle-of-three-mixed", "relations",
         refused(circle(B, C, A, B)),
         *documents("b", "c"), replaced_by(A, B), replaces(C, B), replaced_by(C, A)),
    # A chain written from both ends is no circle.
    case("replacement-chain-from-both-ends", "relations",
         accepted(_links_to("testby/testpolicy.md", "../b/")),
         *documents("b", "c"), replaced_by(A, B), replaces(B, A), replaced_by(B, C), replaces(C, B)),
    *[case(f"section-id-{anchor}", "relations",
           refused(rf"documents/testby/testpolicy\.yaml:\d+:\d+: sections\[0\]\.id: '{anchor}' is an anchor the document "
                   r"page uses itself; choose another \(reserved: .*fakta"),
           section_id(anchor)) for anchor in sorted(urls.DOCUMENT_ANCHORS.all())],
    case("subsection-id-historik", "relations",
         refused(r"documents/testby/testpolicy\.yaml:\d+:\d+: sections\[0\]\.sections\[0\]\.id: 'historik' is an anchor"),
         section_id("historik", nested=True)),
]
