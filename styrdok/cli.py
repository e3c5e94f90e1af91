"""The `styrdok` command for editors.

    styrdok check                       validate policy_data/ (warnings apart from errors)
    styrdok new organisation ...        write a new organisation file
    styrdok new document ...            write a new document file
    styrdok new revision DOC ...        keep the outgoing text as an earlier version, record the revision
    styrdok translated DOC              mark the English text as matching the Swedish
    styrdok schema                      regenerate schema/*.schema.json from the model
    styrdok pages --out DIR             write the generated pages, feeds and exports
                                        (what the MkDocs hook writes into docs/), without MkDocs

Exit codes: 0 done (for check: the data is valid; warnings may be printed),
1 the data has errors or the request could not be carried out,
2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import yaml

from styrdok.build import generated_files, site
from styrdok.data import scaffold, today
from styrdok.views.gaps import warnings
from styrdok.data.library import load_library
from styrdok.data.schema import write_schemas
from styrdok.data.problems import DataError, Problem, Severity
from styrdok.render.settings import SiteSettings
from styrdok.views.review import DEFAULT_DUE_SOON_DAYS

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE = 0, 1, 2
SITE_URL_VARIABLE = "STYRDOK_SITE_URL"  # the variable mkdocs.yml reads its site_url from


def _github(problem: Problem) -> str:
    """A GitHub Actions workflow command, so the problem shows on the PR line."""
    level = "error" if problem.severity is Severity.ERROR else "warning"
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{level} file={problem.file},line={problem.line},col={problem.column}::{message}"


def _print(problems: list[Problem], style: str) -> None:
    for problem in problems:
        print(_github(problem) if style == "github" else problem.format())


def check(data: Path, style: str) -> int:
    try:
        library = load_library(data)
    except DataError as exc:
        _print(exc.problems, style)
        if style != "github":
            print(exc.report().splitlines()[-1].replace("nothing was built", "fix and run again"))
        return EXIT_DATA_ERRORS
    found = sorted([*library.notes, *warnings(library)])
    _print(found, style)
    if style != "github":
        print(f"ok: {len(library.documents)} documents in {len(library.organisations)} organisations"
              + (f", {len(found)} warnings (see the editors' page of gaps)" if found else ""))
    return EXIT_OK


def pages(data: Path, out: Path, day: dt.date, settings: SiteSettings) -> int:
    """Write the generated docs tree into `out` through the code path of the
    MkDocs hook (`site.generate`), so another generator can consume it and
    both stay identical. `out` may be docs/ itself, or an empty folder; a
    manifest (`.styrdok-generated`) there lets the next run remove what the
    data no longer generates. The generated links are checked against the
    hand-written pages of the project's docs/ (beside the data folder), which
    the site will hold beside the generated ones."""
    project_docs = data.parent / "docs"
    changed = site.generate(data, out, day, settings, site_pages=project_docs if project_docs.is_dir() else None)
    written = generated_files.generated_names(out)
    print(f"{out}: {len(written)} generated files for {day.isoformat()}, {len(changed)} changed")
    return EXIT_OK


def _site_settings(args: argparse.Namespace) -> SiteSettings:
    site_url = args.site_url if args.site_url is not None else os.environ.get(SITE_URL_VARIABLE, "")
    if not site_url:
        raise _UsageError(f"--site-url: the feeds need the site's absolute address "
                          f"(give --site-url or set {SITE_URL_VARIABLE})")
    options = _configured_options(args.data.parent / "mkdocs.yml")
    if args.due_soon_days is not None:
        options["due_soon_days"] = args.due_soon_days
    if args.publisher_sv or args.publisher_en or args.publisher_url:
        options["publisher"] = {"name": {"sv": args.publisher_sv, "en": args.publisher_en}, "url": args.publisher_url}
    return SiteSettings.from_options(site_url, options)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the settings here: `!ENV [NAME,
    default]` is the variable or its default; other tags are not needed."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """`!ENV NAME` or `!ENV [NAME, ..., default]`: the first variable set, else the default."""
    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        names, default = [loader.construct_scalar(node)], None  # type: ignore[arg-type]
    return next((os.environ[str(n)] for n in names if str(n) in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _environment_value)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _configured_options(config: Path) -> dict[str, object]:
    """`extra.styrdok` of the project's mkdocs.yml (beside the data folder),
    so `pages` writes what the build writes: publisher, report-an-error
    target and the due-soon window come from the same place."""
    if not config.is_file():
        return {}
    loaded = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    return dict((loaded.get("extra") or {}).get("styrdok") or {})


class _UsageError(Exception):
    """The command was used wrongly (exit code 2, as argparse's own errors)."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None


def _ask(value: str | None, question: str, required: bool = True) -> str | None:
    """Ask for a missing value when a person is at the keyboard; else insist on the flag."""
    if value is not None:
        return value
    if sys.stdin.isatty():
        answer = input(f"{question}: ").strip()
        if answer or not required:
            return answer or None
    if required:
        raise scaffold.ScaffoldError(f"missing: {question} (give it as a flag, see --help)")
    return None


def _load_document(data: Path, doc_id: str):
    library = load_library(data)
    if doc_id not in library.documents:
        raise scaffold.ScaffoldError(f"unknown document {doc_id!r} (expected one of: {', '.join(sorted(library.documents))})")
    return data / "documents" / f"{doc_id}.yaml", library.documents[doc_id].model


def _known_names(data: Path, args: argparse.Namespace) -> None:
    """Refuse before writing anything when the organisation, type or body is unknown."""
    library = load_library(data)
    if args.organisation and args.organisation not in library.organisations:
        raise scaffold.ScaffoldError(f"--organisation: unknown organisation {args.organisation!r} (expected one of: "
                                     f"{', '.join(sorted(library.organisations))}); add it first with `styrdok new organisation`")
    if args.type and args.type not in library.types:
        raise scaffold.ScaffoldError(f"--type: unknown document type {args.type!r} (expected one of: {', '.join(sorted(library.types))})")
    if args.adopted_by and args.organisation in library.organisations and args.adopted_by not in library.actors(args.organisation):
        raise scaffold.ScaffoldError(f"--adopted-by: unknown actor {args.adopted_by!r} of {args.organisation} (expected one of: "
                                     f"{', '.join(sorted(library.actors(args.organisation)))})")


def _new(args: argparse.Namespace) -> int:
    data: Path = args.data
    if args.what == "organisation":
        path = scaffold.new_organisation(data, _ask(args.id, "organisation id, e.g. vasteras"),
                                         _ask(args.name_sv, "Swedish name"), _ask(args.name_en, "English name"))
    elif args.what == "document":
        _known_names(data, args)
        verb = "proposed" if args.status == "proposal" else "adopted"
        adopted_on = args.adopted_on or (_date(a) if (a := _ask(None, f"{verb} on (YYYY-MM-DD, empty if not stated)", False)) else None)
        path = scaffold.new_document(data, scaffold.NewDocument(
            organisation=_ask(args.organisation, "organisation id"), type=_ask(args.type, "document type id"),
            title_sv=_ask(args.title_sv, "Swedish title"), title_en=_ask(args.title_en, "English title"),
            adopted_by=args.adopted_by, adopted_on=adopted_on, paragraph=args.paragraph,
            diary_number=args.diary_number, doc_id=args.id, status=args.status))
    else:
        path, doc = _load_document(data, _ask(args.document, "document id, e.g. vasteras/riktlinje-internationellt-arbete"))
        actors = load_library(data).actors(doc.organisation)
        if args.body is not None and args.body not in actors:
            raise scaffold.ScaffoldError(f"--body: unknown actor {args.body!r} of {doc.organisation} "
                                         f"(expected one of: {', '.join(sorted(actors))})")
        decided_on = args.date or _date(_ask(None, "decided on (YYYY-MM-DD)"))
        note_sv = _ask(args.note_sv, "what changed, in Swedish (one sentence, shown on the site and in the feeds)")
        note_en = _ask(args.note_en, "what changed, in English (one sentence, shown on the site and in the feeds)")
        doc_id = path.relative_to(data / "documents").with_suffix("").as_posix()
        if not args.no_keep:
            kept = scaffold.keep_earlier(data, doc_id, doc, decided_on)
            print(f"kept the earlier text in {kept}")
        version = scaffold.add_revision(path, doc, scaffold.NewRevision(
            date=decided_on, body=args.body,
            paragraph=args.paragraph, diary_number=args.diary_number,
            note_sv=note_sv, note_en=note_en, version=args.version))
        print(f"version: {version}" if version else "version: unknown (the document gives none; set one with --version)")
    print(f"wrote {path}")
    return check(data, "text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrdok", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    data_option = argparse.ArgumentParser(add_help=False)
    data_option.add_argument("--data", type=Path, default=argparse.SUPPRESS,
                             help="the data folder (default: policy_data)")
    parser.add_argument("--data", type=Path, default=Path("policy_data"), help="the data folder (default: policy_data)")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", parents=[data_option], help="validate the data and report every problem")
    check_cmd.add_argument("--format", choices=["text", "github"], default="text",
                           help="text: file:line:col: field: message; github: Actions annotations on the PR")

    new = commands.add_parser("new", help="write new YAML")
    kinds = new.add_subparsers(dest="what", required=True)
    org = kinds.add_parser("organisation", parents=[data_option], help="a new organisation with its council and executive board")
    org.add_argument("--id")
    org.add_argument("--name-sv")
    org.add_argument("--name-en")
    doc = kinds.add_parser("document", parents=[data_option], help="a new document")
    doc.add_argument("--organisation")
    doc.add_argument("--type", help="document type id, e.g. policy")
    doc.add_argument("--title-sv")
    doc.add_argument("--title-en")
    doc.add_argument("--status", choices=scaffold.NEW_STATUSES, default="in_force",
                     help="in_force (adopted; the default) or proposal (not adopted)")
    doc.add_argument("--adopted-by", help="actor id of the deciding body (for a proposal: the proposing body)")
    doc.add_argument("--adopted-on", type=_date, help="YYYY-MM-DD (for a proposal: the date proposed)")
    doc.add_argument("--paragraph", help="§ number")
    doc.add_argument("--diary-number")
    doc.add_argument("--id", help="file name (default: from the Swedish title)")
    rev = kinds.add_parser("revision", parents=[data_option], help="record a revision decision of a document and bump its version")
    rev.add_argument("document", nargs="?", help="organisation/document")
    rev.add_argument("--date", type=_date, help="YYYY-MM-DD of the decision")
    rev.add_argument("--body", help="actor id of the deciding body")
    rev.add_argument("--paragraph", help="§ number")
    rev.add_argument("--diary-number")
    rev.add_argument("--note-sv")
    rev.add_argument("--note-en")
    rev.add_argument("--version", help="the new version (default: the old one plus one)")
    rev.add_argument("--no-keep", action="store_true",
                     help="do not keep the outgoing text as an earlier version (e.g. only the decision changed)")

    translated = commands.add_parser("translated", parents=[data_option], help="mark a translation as matching the current original")
    translated.add_argument("document")
    translated.add_argument("--language", default="en")
    schema_cmd = commands.add_parser("schema", parents=[data_option], help="regenerate the JSON Schemas from the model")
    schema_cmd.add_argument("--out", type=Path, default=Path("schema"))

    pages_cmd = commands.add_parser("pages", parents=[data_option],
                                    help="write the generated pages, feeds and exports without MkDocs")
    pages_cmd.add_argument("--out", type=Path, required=True,
                           help="the folder to write into (docs/ itself, or an empty folder)")
    pages_cmd.add_argument("--today", type=_date, default=None,
                           help=f"YYYY-MM-DD (default: ${today.ENV}, else the real date)")
    pages_cmd.add_argument("--site-url", default=None,
                           help=f"the site's absolute address, for the feeds (default: ${SITE_URL_VARIABLE})")
    pages_cmd.add_argument("--due-soon-days", type=int, default=None,
                           help="days before a date that count as \"due soon\" (default: mkdocs.yml "
                                f"extra.styrdok.due_soon_days beside the data folder, else {DEFAULT_DUE_SOON_DAYS}); "
                                "the publisher and report-an-error settings come from there too")
    for flag, what in (("--publisher-sv", "the publisher's Swedish name"), ("--publisher-en", "its English name"),
                       ("--publisher-url", "its address (default: the site's)")):
        pages_cmd.add_argument(flag, default=None, help=f"{what}, in place of mkdocs.yml extra.styrdok.publisher")

    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return check(args.data, args.format)
        if args.command == "new":
            return _new(args)
        if args.command == "translated":
            path, document = _load_document(args.data, args.document)
            print(f"{path}: {args.language} matches the original ({scaffold.mark_translated(path, document, args.language)})")
            return EXIT_OK
        if args.command == "schema":
            for path in write_schemas(args.out):
                print(f"wrote {path}")
            return EXIT_OK
        if args.command == "pages":
            return pages(args.data, args.out, args.today or today.today(), _site_settings(args))
    except (_UsageError, today.TodayError) as exc:
        print(f"styrdok: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except scaffold.ScaffoldError as exc:
        print(f"styrdok: {exc}", file=sys.stderr)
        return EXIT_DATA_ERRORS
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_DATA_ERRORS
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
