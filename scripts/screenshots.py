#!/usr/bin/env python3
"""Screenshots of each kind of page, in both languages, at 1280 and 375 px,
so that a pull request can show what changed. Not run by the tests.

    scripts/screenshots.py OUT             build the site (STYRDOK_TODAY or today) and shoot it
    scripts/screenshots.py OUT --site DIR  shoot a site that is already built

OUT gets one PNG per page kind, language and width, e.g.
`document-en-375.png`, each the whole page (full_page). The browser is
Debian's chromium, driven as in the browser tests (tests/browser/support.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
if str(PROJECT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(PROJECT))

from styrdok.build.sandbox import copy_project, serve_folder  # noqa: E402
from tests.browser.support import CHROMIUM, CHROMIUM_FLAGS, NO_MOTION, WIDTHS  # noqa: E402

# One page of each kind, by its Swedish path (the English one is under en/).
KINDS = {
    "home": "",
    "organisation": "alingsas/",
    "document": "alingsas/internationell-policy/",
    "matrix": "vasteras/ansvar/",
    "actor": "vasteras/aktorer/stadsledningskontoret/",
    "calendar": "kalender/vanersborg/",
    "comparison": "jamforelse/",
    "news": "nytt/",
    "types": "dokumenttyper/",
    "about": "om/",
    "not-found": "404.html",
}


def build(into: Path) -> Path:
    """A strict build of a temporary copy of the project (the checkout is
    never written to)."""
    project = into / "project"
    copy_project(PROJECT, project)
    site = into / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=project, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def shoot(site: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve_folder(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        try:
            for width_name, (width, height) in sorted(WIDTHS.items()):
                context = browser.new_context(viewport={"width": width, "height": height}, reduced_motion="reduce")
                context.add_init_script(NO_MOTION)
                page = context.new_page()
                for kind, path in KINDS.items():
                    for language, prefix in (("sv", ""), ("en", "en/")):
                        if kind == "not-found" and language == "en":
                            continue  # one 404 page for the site
                        page.goto(base + prefix + path, wait_until="load")
                        file = out / f"{kind}-{language}-{width}.png"
                        page.screenshot(path=str(file), full_page=True)
                        written.append(file)
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--site", type=Path, help="a built site to shoot (default: build one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="styrdok-shots-") as tmp:
        site = args.site if args.site else build(Path(tmp))
        for file in shoot(site, args.out):
            print(file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
