"""Values stay as written (issue 11, point 3). Every plain YAML value is
the text as written; only the model's field type turns it into a number, a
date or true/false. Text-like fields (paragraph, diary number, version,
titles and names) keep `061`, `1.10`, `12:30`, `no` on the page; number,
date and yes/no fields refuse what is not written as one, with a located
message."""

from __future__ import annotations

from collections.abc import Callable

from .harness import DOC, ORG, TYPES, accepted, case, refused, replace

_DOC = r"documents/testby/testpolicy\.yaml"
_PAGE = "testby/testpolicy.md"


def shows(page: str, *written: str, absent: tuple[str, ...] = ()) -> Callable[[dict[str, bytes]], None]:
    """The generated `page` holds each written form, and none of what YAML 1.1 would have made of it."""
    def inspect(files: dict[str, bytes]) -> None:
        text = files[page].decode("utf-8")
        for needle in written:
            assert needle in text, f"{needle!r} is not on {page}"
        for needle in absent:
            assert needle not in text, f"{needle!r} (a changed value) is on {page}"
    return inspect


def _adopted(field: str, value: str):
    old = {"paragraph": 'paragraph: "12"', "diary_number": "diary_number: null"}[field]
    return replace(DOC, old, f"{field}: {value}")


_DIGITS = "9" * 5000

CASES = [
    # text-like fields keep the written form
    case("paragraph-octal-like", "values", accepted(shows(_PAGE, "§ 061", absent=("§ 49",))),
         _adopted("paragraph", "061"), sample=True),
    case("paragraph-hex-like", "values", accepted(shows(_PAGE, "§ 0x1F", absent=("§ 31",))), _adopted("paragraph", "0x1F")),
    case("paragraph-exponent", "values", accepted(shows(_PAGE, "§ 1e3", absent=("§ 1000",))), _adopted("paragraph", "1e3")),
    case("paragraph-5000-digits", "values", accepted(shows(_PAGE, "§ " + _DIGITS)), _adopted("paragraph", _DIGITS)),
    case("paragraph-boolean-like", "values", accepted(shows(_PAGE, "§ no", absent=("§ False",))), _adopted("paragraph", "no")),
    case("diary-number-base-60", "values", accepted(shows(_PAGE, "12:30", absent=("750",))), _adopted("diary_number", "12:30")),
    case("diary-number-float-like", "values", accepted(shows(_PAGE, "2014.00860")), _adopted("diary_number", "2014.00860")),
    case("diary-number-infinity", "values", accepted(shows(_PAGE, "diarienummer .inf.", absent=("Infinity",))),
         _adopted("diary_number", ".inf")),
    case("version-float-like", "values", accepted(shows(_PAGE, ">1.10<")), replace(DOC, "version: null", "version: 1.10")),
    case("version-boolean-like", "values", accepted(shows(_PAGE, ">on<", absent=(">True<",))), replace(DOC, "version: null", "version: on")),
    case("version-date-like", "values", accepted(shows(_PAGE, ">2020-01-15<")), replace(DOC, "version: null", "version: 2020-01-15")),
    case("title-octal-like", "values", accepted(shows(_PAGE, "\">0777 – ", absent=("\">511 – ",))),
         replace(DOC, "title: {sv: Testpolicy", "title: {sv: 0777")),
    case("title-boolean-like", "values", accepted(shows("testby/testpolicy.en.md", "\">yes – ", absent=("\">True – ",))),
         replace(DOC, "en: Test policy}", "en: yes}")),
    case("organisation-name-float-like", "values", accepted(shows("testby/index.md", "1.50", absent=("1.5 ",))),
         replace(ORG, "name: {sv: Testby kommun", "name: {sv: 1.50")),
    case("type-name-base-60-like", "values", accepted(shows("dokumenttyper.md", "1:20", absent=("80",))),
         replace(TYPES, "name: {sv: Policy", "name: {sv: 1:20")),
    case("actor-id-octal-like", "values", refused(_DOC + r":\d+:\d+: owner: unknown actor of testby '0123'"),
         replace(DOC, "owner: kommunstyrelsen", "owner: 0123")),
    case("title-null-is-no-text", "values", refused(_DOC + r":\d+:\d+: title: no 'sv' text"),
         replace(DOC, "title: {sv: Testpolicy", "title: {sv: null")),
    case("boolean-field-not-yes-or-no", "values",
         refused(_DOC + r":\d+:\d+: sections\[0\]\.duties_in_body: 'maybe' is not true or false"),
         replace(DOC, "  - id: ansvar\n", "  - id: ansvar\n    duties_in_body: maybe\n")),
]

# Number and date fields take only what is written as one:
# (case id, field path as reported, the base text, what replaces it, the message's start).
_NOT_WRITTEN_AS_ONE = [
    ("date-as-number", r"decisions\[0\]\.date", "date: 2020-01-15", "date: 20200115", "'20200115' is not a date written as YYYY-MM-DD"),
    ("date-as-unix-time", r"decisions\[0\]\.date", "date: 2020-01-15", "date: 1579046400", "'1579046400' is not a date written as"),
    ("date-with-time", r"decisions\[0\]\.date", "date: 2020-01-15", "date: 2020-01-15T10:00", "'2020-01-15T10:00' is not a date"),
    ("years-boolean", r"review\[0\]\.years", "years: 4", "years: true", "'true' is not a whole number"),
    ("years-float", r"review\[0\]\.years", "years: 4", "years: 4.0", r"'4\.0' is not a whole number"),
    ("years-hex", r"review\[0\]\.years", "years: 4", "years: 0x4", "'0x4' is not a whole number"),
    ("years-5000-digits", r"review\[0\]\.years", "years: 4", "years: " + _DIGITS, r"'9{30,}\.\.\. is not a whole number"),
    ("year-base-60", r"review\[0\]\.year", "kind: every_n_years\n    years: 4", "kind: by_year\n    year: 33:40",
     "'33:40' is not a whole number"),
]
CASES += [case(name, "values", refused(_DOC + rf":\d+:\d+: {field}: {message}"), replace(DOC, old, new))
          for name, field, old, new, message in _NOT_WRITTEN_AS_ONE]
