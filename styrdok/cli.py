"""The `styrdok` command: `styrdok check` validates the data alone.

Exit codes: 0 the data is valid (warnings may be printed), 1 the data has
errors, 2 the command was used wrongly (argparse's own code).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .gaps import warnings
from .library import load_library
from .problems import DataError, Problem, Severity

EXIT_OK, EXIT_DATA_ERRORS = 0, 1


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
    found = sorted(warnings(library))
    _print(found, style)
    if style != "github":
        print(f"ok: {len(library.documents)} documents in {len(library.organisations)} organisations"
              + (f", {len(found)} warnings (see the editors' page of gaps)" if found else ""))
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="styrdok", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate policy_data/ and report every problem")
    check_cmd.add_argument("--data", type=Path, default=Path("policy_data"), help="the data folder (default: policy_data)")
    check_cmd.add_argument("--format", choices=["text", "github"], default="text",
                           help="text: file:line:col: field: message; github: Actions annotations")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.data, args.format)
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":
    sys.exit(main())
