"""Safe scaffolding (issue 11, 7): `styrdok new ...` checks ids and values
before it writes, never writes outside the data folder, never overwrites,
and a command that fails changes no file."""

from __future__ import annotations

from .harness import Case, case, refused

ORG = ("--data", "{data}", "new", "organisation")
DOC = ("--data", "{data}", "new", "document", "--organisation", "testby", "--type", "policy",
       "--title-en", "Open data policy", "--adopted-on", "2025-03-27")
REVISION = ("--data", "{data}", "new", "revision", "testby/testpolicy", "--date", "2025-03-27",
            "--note-sv", "Ändrad.", "--note-en", "Changed.")
NOT_AN_ID = r"^styrdok: --id: {} is not a valid id \(expected lower-case letters a–z, digits and hyphens"


def new_organisation(id: str, org_id: str, pattern: str, name_sv: str = "Nyby kommun") -> Case:
    return case(id, "scaffold", refused(pattern),
                cli=(*ORG, "--id", org_id, "--name-sv", name_sv, "--name-en", "Nyby Municipality"))


def new_document(id: str, pattern: str, *options: str, title_sv: str = "Policy för öppna data") -> Case:
    return case(id, "scaffold", refused(pattern), cli=(*DOC, "--title-sv", title_sv, *options))


CASES = [
    new_organisation("organisation-id-climbs-out", "../../../x", NOT_AN_ID.format(r"'\.\./\.\./\.\./x'")),
    new_organisation("organisation-id-with-slash", "a/b", NOT_AN_ID.format("'a/b'")),
    new_organisation("organisation-id-with-space", "ny by", NOT_AN_ID.format("'ny by'")),
    new_organisation("organisation-id-with-newline", "ny\nwebsite: x", NOT_AN_ID.format(r"'ny\\nwebsite: x'")),
    new_organisation("organisation-id-reserved", "kalender",
                     r"^styrdok: --id: 'kalender' is a name the site uses itself; choose another \(reserved: .*kalender"),
    new_organisation("organisation-id-en", "en", r"^styrdok: --id: 'en' is a name the site uses itself"),
    new_organisation("organisation-exists", "testby", r"^styrdok: --id: .*organisations/testby\.yaml exists already"),
    new_organisation("organisation-name-with-newline", "nyby", r"^styrdok: --name-sv: a line break or control character",
                     name_sv="Nyby\nwebsite: javascript:alert(1)"),
    new_document("document-title-with-newline", r"^styrdok: --title-sv: a line break or control character",
                 "--id", "oppna-data", title_sv="Policy\nstatus: draft"),
    new_document("document-title-gives-no-id", r"^styrdok: --title-sv \(made into an id; give one with --id\): '' is not a valid id",
                 title_sv="!!!"),
    new_document("document-unknown-organisation", r"^styrdok: --organisation: unknown organisation 'nowhere'",
                 "--organisation", "nowhere"),
    new_document("document-unknown-type", r"^styrdok: --type: unknown document type 'plan' \(expected one of: policy\)",
                 "--type", "plan"),
    new_document("document-unknown-body", r"^styrdok: --adopted-by: unknown actor 'x\\ny: 1' of testby",
                 "--adopted-by", "x\ny: 1"),
    new_document("document-exists", r"^styrdok: --id: .*documents/testby/testpolicy\.yaml exists already", "--id", "testpolicy"),
    new_document("document-id-climbs-out", NOT_AN_ID.format(r"'\.\./\.\./x'"), "--id", "../../x"),
    new_document("document-id-reserved", r"^styrdok: --id: 'index' is a name the site uses itself; choose another "
                 r"\(reserved: .*ansvar", "--id", "index"),
    case("revision-body-injects-keys", "scaffold", refused(r"^styrdok: --body: unknown actor 'x\\nstatus: draft' of testby"),
         cli=(*REVISION, "--body", "x\nstatus: draft")),
]
