"""YAML that must not hang, crash or grow (issue 11, point 2): aliases and
anchors, deep nesting (flow and block), tags, several documents in a file,
files too large, and files that hold no mapping. Each ends in a located
message, well within the corpus' time bound."""

from __future__ import annotations

from .harness import DOC, ORG, TYPES, accepted, append, case, refused, replace, write

_DOC = r"documents/testby/testpolicy\.yaml"


def _billion_laughs() -> str:
    """The classic: nine levels of ten aliases each, under 1 KB, 10^9 strings if expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def _block_nesting(depth: int) -> str:
    return "".join("  " * level + "deeper:\n" for level in range(depth)) + "  " * depth + "deeper: x\n"


def _unchanged_page(files: dict[str, bytes]) -> None:
    assert "\">Testpolicy – " in files["testby/testpolicy.md"].decode("utf-8")


CASES = [
    case("billion-laughs", "yaml", refused(_DOC + r":1:\d+: a: YAML anchors \(&name\) and aliases \(\*name\) are not used"),
         write(DOC, _billion_laughs()), sample=True),
    case("billion-laughs-in-organisation", "yaml", refused(r"organisations/testby\.yaml:\d+:\d+: \w+: YAML anchors"),
         append(ORG, _billion_laughs().replace("a:", "lols:", 1))),
    case("anchor-on-a-text", "yaml", refused(_DOC + r":\d+:\d+: title: YAML anchors .* write the value out in full"),
         replace(DOC, "title: {sv:", "title: &t {sv:")),
    case("alias-without-anchor", "yaml", refused(_DOC + r":\d+:\d+: owner: YAML anchors .*aliases"),
         replace(DOC, "owner: kommunstyrelsen", "owner: *kommunstyrelsen")),
    case("merge-key", "yaml", refused(_DOC + r":\d+:\d+: decisions\[0\]\.<<: YAML anchors"),
         replace(DOC, "  - kind: adopted\n", "  - kind: adopted\n    <<: *defaults\n")),
    case("brackets-1000-deep", "yaml", refused(_DOC + r":\d+:\d+: title(\[0\])+: nested more than 40 levels deep"),
         replace(DOC, "title: {sv: Testpolicy, en: Test policy}", "title: " + "[" * 1000 + "]" * 1000)),
    case("brackets-50000-deep", "yaml", refused(_DOC + r":\d+:\d+: source_file(\[0\])+: nested more than 40 levels"),
         replace(DOC, "source_file: null", "source_file: " + "[" * 50_000 + "]" * 50_000)),
    case("braces-50000-deep", "yaml", refused(r"organisations/testby\.yaml:\d+:\d+: name(\.a)+: nested more than 40 levels"),
         replace(ORG, "name: {sv: Testby kommun, en: Testby Municipality}", "name: " + "{a: " * 50_000 + "x" + "}" * 50_000)),
    case("unclosed-brackets-50000", "yaml", refused(r"document_types\.yaml:\d+:\d+: \S+: nested more than 40 levels"),
         append(TYPES, "more: " + "[" * 50_000 + "\n")),
    case("block-nesting-200-deep", "yaml", refused(_DOC + r":\d+:\d+: deeper(\.deeper)+: nested more than 40 levels"),
         append(DOC, _block_nesting(200))),
    case("block-lists-200-deep", "yaml", refused(_DOC + r":\d+:\d+: sections(\[0\])+: nested more than 40 levels"),
         replace(DOC, "sections:\n", "sections:\n" + "".join("  " * i + "-\n" for i in range(200)) + "  " * 200 + "- x\n"
                 + "old_sections:\n")),
    case("python-object-tag", "yaml", refused(_DOC + r":\d+:\d+: source_file: YAML tags such as !!int .* are not used"),
         replace(DOC, "source_file: null", 'source_file: !!python/object/apply:os.system ["touch pwned"]')),
    case("binary-tag", "yaml", refused(_DOC + r":\d+:\d+: version: YAML tags"),
         replace(DOC, "version: null", "version: !!binary aGVsbG8=")),
    case("second-document", "yaml", refused(_DOC + r":\d+:\d+: a second YAML document \(after ---\)"),
         append(DOC, "---\norganisation: testby\n")),
    case("list-as-key", "yaml", refused(_DOC + r":\d+:\d+: a key must be a plain name"),
         append(DOC, "? [title, version]\n: x\n")),
    case("nul-character", "yaml", refused(_DOC + r":\d+:\d+: not valid YAML: the character U\+0000 is not allowed"),
         replace(DOC, "status: in_force", "status: in_\x00force")),
    case("unclosed-bracket", "yaml", refused(_DOC + r":\d+:\d+: not valid YAML: .*(flow|expected)"),
         replace(DOC, "status: in_force", "status: [in_force")),
    case("file-over-1-mb", "yaml", refused(_DOC + r":1:1: [\d,]+ bytes is too large for a data file \(the limit is 1,000,000 bytes\)"),
         append(DOC, ("# " + "x" * 98 + "\n") * 10_001)),
    case("half-a-million-items", "yaml", refused(_DOC + r":\d+:\d+: sections\[\d+\]: more than 50,000 keys and values in one file"),
         replace(DOC, "sections:\n", "sections: [" + "1," * 490_000 + "]\nold_sections:\n")),
    case("forty-thousand-wrong-items", "yaml", refused(_DOC + r":\d+:\d+: 39,95\d more problems in this file are not listed"),
         replace(DOC, "sections:\n", "sections: [" + "1," * 40_000 + "]\nold_sections:\n")),
    case("empty-file", "yaml", refused(_DOC + r":1:1: expected a mapping of fields .* found nothing"),
         write(DOC, "")),
    case("only-comments", "yaml", refused(r"organisations/testby\.yaml:1:1: expected a mapping of fields .* found nothing"),
         write(ORG, "# id: testby\n")),
    case("only-a-list", "yaml", refused(r"document_types\.yaml:\d+:\d+: expected a mapping of fields .* found a list"),
         write(TYPES, "- id: policy\n  name: {sv: Policy, en: Policy}\n")),
    case("only-a-scalar", "yaml", refused(_DOC + r":1:1: expected a mapping of fields .* found a single value"),
         write(DOC, "testpolicy\n")),
    case("byte-order-mark", "yaml", accepted(_unchanged_page), replace(DOC, "organisation: testby", "\ufefforganisation: testby")),
]
