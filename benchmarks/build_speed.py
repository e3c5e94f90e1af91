"""How fast and how big the site is at scale, against the same pages hand-written.

    NO_MKDOCS_2_WARNING=1 .venv/bin/python benchmarks/build_speed.py            # N = 1000, 3000, 10000; serve at 500
    .venv/bin/python benchmarks/build_speed.py --sizes 1000 --serve-size 500
    .venv/bin/python benchmarks/build_speed.py --quick                          # tiny N, no serve: for the tests

For each N it writes a synthetic library (benchmarks/synthetic.py) into a
throw-away copy of this project and measures, each build in a process of
its own (time, CPU time, peak memory of the process and its children):

- styrdok: `mkdocs build --strict` of the project as it is (hooks generate
  the pages from YAML, Pagefind indexes the built site);
- hand-written, tuned (issue 17's anchor): the same pages as plain Markdown
  files, written beforehand by the renderer as it was when issue 17 was
  taken up (`styrdok pages` at BASELINE_REVISION, from this checkout's git
  history), built with this project's mkdocs.yml minus its hooks, and with
  the search set up as styrdok's (benchmarks/hand_written_search.py: the
  same header search and the same Pagefind run); and the ratio styrdok /
  hand-written in CPU time (steadier than wall time on a shared machine),
  with wall time beside it;
- with --stock, issue 7's ceiling: the same pages with a stock
  configuration (every page in the navigation, Material's own search);
- HTML bytes per document page; the Pagefind bundle per language (files,
  bytes, and whether it holds only its language) and the time its index
  took inside the styrdok build; the bytes a browser transfers for a first
  view of a document page (Playwright + Debian's chromium when present;
  else the sum of the files the page references); and in chromium, for a
  first query ("vänort", "uppföljning") typed in the header search of a
  fresh browser, the bytes it transfers and the time to its first result;
- at the serve size (default 500): the time from saving one document's YAML
  to `mkdocs serve` serving the changed page.

The last line printed is the build ratio styrdok / hand-written tuned at
N = 1000 (or at the largest N measured when 1000 is not among the sizes).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
import synthetic  # noqa: E402

from styrdok.build.generated_files import MANIFEST, hand_written_paths  # noqa: E402
from styrdok.render import words  # noqa: E402
from styrdok.build.sandbox import copy_project, free_port, serve_folder  # noqa: E402

TODAY = "2026-11-23"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def env() -> dict[str, str]:
    out = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "STYRDOK_TODAY": os.environ.get("STYRDOK_TODAY", TODAY)}
    out.pop("SOURCE_DATE_EPOCH", None)
    return out


# --- projects -------------------------------------------------------------------


class Tagged:
    """A YAML value with a custom tag (`!ENV`, `!!python/name:`), kept as written."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _plugin(config: dict[str, Any], name: str) -> dict[str, Any] | None:
    for index, entry in enumerate(config.get("plugins") or []):
        if entry == name:
            config["plugins"][index] = {name: {}}
            return config["plugins"][index][name]
        if isinstance(entry, dict) and name in entry:
            if entry[name] is None:
                entry[name] = {}
            return entry[name]
    return None


def hand_written_config(config: dict[str, Any], stock: bool) -> dict[str, Any]:
    """styrdok's mkdocs.yml without hooks; `stock`: also MkDocs' default nav
    (every page) and the i18n plugin's default search de-duplication, with
    Material's own search. Otherwise the search is set up as styrdok's:
    the same header search and the same Pagefind run (benchmarks/hand_written_search.py)."""
    out = {k: v for k, v in config.items() if k not in ("hooks", "watch")}
    out["extra"] = {**(out.get("extra") or {}), "styrdok_words": words.for_theme()}  # the theme's words, as the hook adds them
    if stock:
        out.pop("nav", None)
        out.pop("not_in_nav", None)
        i18n = _plugin(out, "i18n")
        if i18n is not None:
            i18n.pop("reconfigure_search", None)
        if _plugin(out, "search") is None:  # a stock Material site searches with its own plugin
            out["plugins"] = ["search", *(out.get("plugins") or [])]
    else:
        out["hooks"] = [f"hooks/{HAND_WRITTEN_SEARCH.name}"]
    return out


def make_styrdok_project(dest: Path, data: Path) -> Path:
    """A copy of this project (config, hooks, theme overrides, hand-written
    pages) with `data` as its policy_data/."""
    return copy_project(PROJECT, dest, data)


# The hand-written pages are the Markdown that styrdok's renderer wrote when
# issue 17 (faster than hand-written) was taken up: the generator at this
# commit (`styrdok pages`), whatever the build does now.
BASELINE_REVISION = "fe032267375837308d22d9e0b6e5540d05d6184c"
HAND_WRITTEN_SEARCH = HERE / "hand_written_search.py"


def baseline_generator(work: Path, revision: str = BASELINE_REVISION) -> Path | None:
    """The `styrdok` package as it was at `revision`, unpacked once into
    `work`: the generator of the hand-written pages. None when this
    checkout's history does not hold that commit."""
    dest = work / f"generator-{revision[:12]}"
    if (dest / "styrdok").is_dir():
        return dest
    try:
        archive = subprocess.run(["git", "-C", str(PROJECT), "archive", "--format=tar", revision, "styrdok"],
                                 capture_output=True, check=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def _publisher_flags(config: dict[str, Any]) -> list[str]:
    publisher = ((config.get("extra") or {}).get("styrdok") or {}).get("publisher") or {}
    name = publisher.get("name") or {}
    flags = [flag for lang in ("sv", "en") if name.get(lang) for flag in (f"--publisher-{lang}", name[lang])]
    return flags + (["--publisher-url", publisher["url"]] if publisher.get("url") else [])


def write_hand_written_pages(project: Path, docs: Path, generator: Path | None) -> str:
    """Write the generated pages of `project`'s policy_data/ into `docs` with
    the pinned generator (or this checkout's when there is none). Returns
    which generator wrote them."""
    config = read_config(project / "mkdocs.yml")
    site_url = config.get("site_url")
    site_url = site_url.value[-1] if isinstance(site_url, Tagged) else site_url  # !ENV [NAME, default]
    command = [sys.executable, "-c", "import sys, styrdok, styrdok.cli; print(styrdok.__file__, file=sys.stderr); "
               "sys.exit(styrdok.cli.main(sys.argv[1:]))",
               "pages", "--data", str(project / "policy_data"), "--out", str(docs), "--today", env()["STYRDOK_TODAY"],
               "--site-url", str(site_url), *_publisher_flags(config)]
    run_env = env()
    if generator is not None:
        run_env["PYTHONPATH"] = str(generator)
    done = subprocess.run(command, cwd=project, env=run_env, capture_output=True, text=True, timeout=7200)
    if done.returncode != 0:
        raise RuntimeError(f"writing the hand-written pages failed:\n{done.stderr[-3000:]}")
    used = Path(done.stderr.strip().splitlines()[0]).parent.parent
    if generator is not None and used.resolve() != generator.resolve():
        raise RuntimeError(f"the pinned generator was not used: {used}")
    return f"styrdok pages at {BASELINE_REVISION[:7]}" if generator is not None else "styrdok pages of this checkout"


def make_hand_written_project(dest: Path, project: Path, stock: bool, generator: Path | None) -> tuple[Path, str]:
    """The pages of `project` as plain Markdown files, written beforehand by
    the pinned generator, with the project's hand-written pages, theme
    overrides and configuration minus its hooks."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    write_config(dest / "mkdocs.yml", hand_written_config(read_config(project / "mkdocs.yml"), stock))
    if (project / "overrides").is_dir():
        shutil.copytree(project / "overrides", dest / "overrides")
    for path in hand_written_paths(project / "docs"):  # the project's own pages, not those its build wrote
        target = dest / "docs" / path.relative_to(project / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if path.is_dir() else shutil.copy2)(path, target)
    if not stock:
        (dest / "hooks").mkdir()
        shutil.copy2(HAND_WRITTEN_SEARCH, dest / "hooks" / HAND_WRITTEN_SEARCH.name)
        shutil.copy2(PROJECT / "hooks" / "stack_adapter.py", dest / "hooks" / "stack_adapter.py")
    which = write_hand_written_pages(project, dest / "docs", generator)
    return dest, which


# --- running ----------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mb: float
    ok: bool
    error: str = ""
    load: float = 0.0  # the machine's 1-minute load average when it ended (other work skews times)
    cpu_seconds: float = 0.0  # user + system CPU time: steadier than wall time on a shared machine
    timed_out: bool = False  # stopped at the time limit: the times are lower bounds
    index_seconds: float | None = None  # Pagefind's share of the build (hooks/pagefind_index.py logs it)


def timed(cmd: list[str], cwd: Path, timeout: float) -> Run:
    """Wall time and peak resident memory of one child process (os.wait4)."""
    log = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env(), stdout=log, stderr=subprocess.STDOUT)
    deadline = start + timeout
    timed_out = False
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            timed_out = True
            break
        time.sleep(0.05)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    ok = proc.returncode == 0
    error = ""
    log.seek(0)
    output = log.read().decode("utf-8", "replace")
    if timed_out:
        error = f"stopped after {timeout:.0f} s"
    elif not ok:
        error = output[-3000:] or f"exit {proc.returncode}"
    log.close()
    indexed = _INDEXED.search(output)
    return Run(seconds, usage.ru_maxrss / 1024, ok, error, os.getloadavg()[0], usage.ru_utime + usage.ru_stime, timed_out,
               float(indexed.group(1)) if indexed else None)


_INDEXED = re.compile(r"Pagefind indexed \d+ pages in ([0-9.]+) s")


def mkdocs_build(project: Path, strict: bool, timeout: float) -> Run:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]
    return timed(cmd + (["--strict"] if strict else []), project, timeout)


# --- what a reader gets -----------------------------------------------------------


def document_pages(site: Path, data: Path) -> dict[str, list[Path]]:
    """Built document pages per language: site/<org>/<doc>/ and site/en/<org>/<doc>/."""
    out: dict[str, list[Path]] = {"sv": [], "en": []}
    for path in sorted((data / "documents").glob("*/*.yaml")):
        doc = f"{path.parent.name}/{path.stem}"
        for lang, prefix in (("sv", ""), ("en", "en/")):
            page = site / f"{prefix}{doc}" / "index.html"
            if page.exists():
                out[lang].append(page)
    return out


def html_sizes(pages: list[Path]) -> tuple[float, float]:
    raw = [p.stat().st_size for p in pages]
    zipped = [len(gzip.compress(p.read_bytes(), 6)) for p in pages]
    return (statistics.mean(raw), statistics.mean(zipped)) if raw else (0.0, 0.0)


def search_bundle(site: Path) -> dict[str, Any]:
    """Pagefind's bundle: per language its pages, files and bytes (the
    fragments and index chunks a reader downloads only as a query needs
    them), and whether each language's index holds only its own pages."""
    bundle = site / "pagefind"
    entry_path = bundle / "pagefind-entry.json"
    if not entry_path.exists():
        return {}
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    urls: dict[str, list[str]] = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        urls.setdefault(path.name.split("_", 1)[0], []).append(json.loads(data[len(b"pagefind_dcd"):])["url"])
    for lang, info in entry["languages"].items():
        files = [p for p in bundle.rglob(f"*{lang}_*") if p.is_file()] + [bundle / f"wasm.{lang}.pagefind"]
        out[lang] = {"pages": info["page_count"], "files": len(files), "bytes": sum(p.stat().st_size for p in files if p.exists())}
    out["single_language"] = bool(urls) and all(
        all(url.startswith("/en/") == (lang == "en") for url in found) for lang, found in urls.items())
    return out


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def first_view_static(site: Path, page: Path) -> dict[str, Any]:
    """The page and every stylesheet, script, font and image it references."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(r'<(?:link[^>]*rel="(?:stylesheet|icon|preload)"[^>]*href|script[^>]*src|img[^>]*src)="([^"]+)"', html)
    files = {page}
    for ref in refs:
        if ref.startswith(("http:", "https:", "data:")):
            continue
        path = (page.parent / ref.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            files.add(path)
            if path.suffix == ".css":  # fonts and images a stylesheet pulls in
                for url in re.findall(r"url\(([^)]+)\)", path.read_text(encoding="utf-8", errors="replace")):
                    url = url.strip("'\" ")
                    if not url.startswith(("data:", "http:", "https:", "#")):
                        target = (path.parent / url.split("?")[0].split("#")[0]).resolve()
                        if target.is_file() and target.suffix in (".woff", ".woff2", ".ttf"):
                            files.add(target)
    data = [f.read_bytes() for f in files]
    return {"method": "referenced files", "requests": len(files), "bytes": sum(map(len, data)),
            "gzip_bytes": sum(map(_gz, data)), "search_bytes": 0, "search_gzip_bytes": 0}


def first_view_browser(site: Path, page: Path) -> dict[str, Any] | None:
    """Every response chromium receives for a first view (cold cache), until
    the network is idle; bytes as served (http.server does not compress) and
    as gzip would send them."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    bodies: list[tuple[str, bytes]] = []
    with serve_folder(site) as base, sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            browser_page = context.new_page()

            def on_response(response: Any) -> None:
                with contextlib.suppress(Exception):
                    bodies.append((response.url, response.body()))

            browser_page.on("response", on_response)
            url = base + page.relative_to(site).parent.as_posix() + "/"
            browser_page.goto(url, wait_until="networkidle", timeout=120_000)
            browser_page.wait_for_timeout(500)
        finally:
            context.close()
    index = [b for u, b in bodies if "/pagefind/" in u]
    return {
        "method": "chromium",
        "requests": len(bodies),
        "bytes": sum(len(b) for _, b in bodies),
        "gzip_bytes": sum(_gz(b) for _, b in bodies),
        "search_bytes": sum(map(len, index)),
        "search_gzip_bytes": sum(map(_gz, index)),
    }


FIRST_QUERIES = ("vänort", "uppföljning")


def first_queries(site: Path, page: Path) -> dict[str, Any] | None:
    """For each query, in a fresh browser (cold cache): open a document
    page, open the header search, type the query and press Enter; the
    bytes transferred from then until the results show (the Pagefind
    script, its language's metadata and WebAssembly, the index chunks and
    fragments the query needs) and the time from Enter to the first
    result (the first query also starts Pagefind)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists():
        return None
    out: dict[str, Any] = {}
    with serve_folder(site) as base, sync_playwright() as p:
        for query in FIRST_QUERIES:
            with tempfile.TemporaryDirectory() as profile:
                context = p.chromium.launch_persistent_context(
                    profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
                try:
                    browser_page = context.new_page()
                    url = base + page.relative_to(site).parent.as_posix() + "/"
                    browser_page.goto(url, wait_until="networkidle", timeout=120_000)
                    bodies: list[tuple[str, bytes]] = []

                    def on_response(response: Any) -> None:
                        with contextlib.suppress(Exception):
                            bodies.append((response.url, response.body()))

                    browser_page.on("response", on_response)
                    browser_page.locator("button.sd-search-open").click()
                    browser_page.locator("#sd-search-input").fill(query)
                    start = time.monotonic()
                    browser_page.locator("#sd-search-input").press("Enter")
                    browser_page.wait_for_selector("#sd-search-results li", timeout=120_000)
                    seconds = time.monotonic() - start
                    browser_page.wait_for_load_state("networkidle")
                    results = browser_page.locator("#sd-search-results li").count()
                finally:
                    context.close()
            out[query] = {"requests": len(bodies), "bytes": sum(len(b) for _, b in bodies),
                          "gzip_bytes": sum(_gz(b) for _, b in bodies), "seconds": seconds, "results_shown": results}
    return out


# --- mkdocs serve -----------------------------------------------------------------


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_until_quiet(log: Any, quiet: float, limit: float) -> None:
    """Wait until the server has written nothing to its log for `quiet` seconds:
    writing generated pages makes `mkdocs serve` rebuild once more."""
    start = last_change = time.monotonic()
    size = os.fstat(log.fileno()).st_size
    while time.monotonic() - last_change < quiet and time.monotonic() - start < limit:
        time.sleep(0.25)
        now = os.fstat(log.fileno()).st_size
        if now != size:
            size, last_change = now, time.monotonic()


# What an editor changes, and how to find it in a synthetic document: the
# title (shown on many pages: lists, calendars, comparison) or the first
# paragraph of a section (shown on the document's page only).
EDITS = {
    "title": r"^(title:\n  sv: )(.*)$",
    "text": r"^(  body:\n    sv: '?)(.*)$",
}


def edit_to_refresh(project: Path, edits: int, startup_timeout: float, refresh_timeout: float,
                    extra_args: list[str] | None = None, what: str = "title") -> dict[str, Any]:
    """Start `mkdocs serve`, change one document's title (or a section's
    text) in its YAML, and time until the served page shows the change. The
    server is always stopped."""
    doc_file = sorted((project / "policy_data" / "documents").glob("*/*.yaml"))[0]
    url_path = f"{doc_file.parent.name}/{doc_file.stem}/"
    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    log = tempfile.TemporaryFile()
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *(extra_args or [])]
    proc = subprocess.Popen(cmd, cwd=project, env=env(), stdout=log, stderr=subprocess.STDOUT)
    original = doc_file.read_text(encoding="utf-8")
    times: list[float] = []
    result: dict[str, Any] = {"page": url_path, "args": extra_args or [], "what": what}
    try:
        start = time.monotonic()
        while fetch(url) is None:
            if proc.poll() is not None or time.monotonic() - start > startup_timeout:
                log.seek(0)
                raise RuntimeError("mkdocs serve did not start:\n" + log.read().decode("utf-8", "replace")[-3000:])
            time.sleep(0.25)
        result["startup_seconds"] = time.monotonic() - start
        wait_until_quiet(log, quiet=3.0, limit=startup_timeout)  # the watcher settles after the first build
        for attempt in range(edits):
            marker = f"bench-edit-{attempt}-{int(time.time() * 1000)}"
            text, count = re.subn(EDITS[what], lambda m: f"{m.group(1)}{marker} {m.group(2)}",
                                  original, count=1, flags=re.M)
            if not count:
                raise RuntimeError(f"no Swedish {what} found in {doc_file}")
            begin = time.monotonic()
            doc_file.write_text(text, encoding="utf-8")
            while True:
                page = fetch(url)
                if page is not None and marker in page:
                    times.append(time.monotonic() - begin)
                    break
                if proc.poll() is not None or time.monotonic() - begin > refresh_timeout:
                    raise RuntimeError(f"the page did not change within {refresh_timeout} s")
                time.sleep(0.05)
            wait_until_quiet(log, quiet=3.0, limit=refresh_timeout)  # a trailing rebuild, then the next edit
    finally:
        doc_file.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    result["seconds"] = times
    result["median_seconds"] = statistics.median(times) if times else None
    result["max_seconds"] = max(times) if times else None
    return result


# --- one size ---------------------------------------------------------------------


@dataclass
class SizeResult:
    documents: int
    organisations: int = 0
    actors: int = 0
    pages: int = 0  # HTML pages in the styrdok site, both languages
    styrdok: Run | None = None
    hand_stock: Run | None = None
    hand_tuned: Run | None = None
    hand_written_by: str = ""  # which generator wrote the hand-written pages
    hand_search: dict[str, Any] = field(default_factory=dict)  # the hand-written site's Pagefind bundle
    html_per_document_page: float = 0.0
    html_per_document_page_gzip: float = 0.0
    search: dict[str, Any] = field(default_factory=dict)
    first_view: dict[str, Any] = field(default_factory=dict)
    queries: dict[str, Any] = field(default_factory=dict)

    def _ceiling(self) -> bool:
        return bool(self.styrdok and self.hand_stock and self.styrdok.ok
                    and (self.hand_stock.ok or self.hand_stock.timed_out) and self.hand_stock.cpu_seconds)

    @property
    def ratio(self) -> float | None:
        """styrdok / hand-written stock, wall time (an upper bound when the
        hand-written build was stopped at the time limit)."""
        return self.styrdok.seconds / self.hand_stock.seconds if self._ceiling() else None  # type: ignore[union-attr]

    @property
    def cpu_ratio(self) -> float | None:
        return self.styrdok.cpu_seconds / self.hand_stock.cpu_seconds if self._ceiling() else None  # type: ignore[union-attr]

    def _tuned(self) -> bool:
        return bool(self.styrdok and self.hand_tuned and self.styrdok.ok and self.hand_tuned.ok
                    and self.hand_tuned.cpu_seconds)

    @property
    def tuned_cpu_ratio(self) -> float | None:
        """styrdok / hand-written tuned, CPU time: the headline (issue 17)."""
        return self.styrdok.cpu_seconds / self.hand_tuned.cpu_seconds if self._tuned() else None  # type: ignore[union-attr]

    @property
    def tuned_ratio(self) -> float | None:
        return self.styrdok.seconds / self.hand_tuned.seconds if self._tuned() else None  # type: ignore[union-attr]

    def ratio_text(self) -> str:
        if self.ratio is None or self.cpu_ratio is None:
            return "–"
        bound = "< " if self.hand_stock and self.hand_stock.timed_out else ""
        return f"{bound}{self.ratio:.2f}, {bound}{self.cpu_ratio:.2f}"


def measure_size(n: int, work: Path, args: argparse.Namespace, say: Any) -> SizeResult:
    data = work / f"data-{n}"
    counts = synthetic.generate(data, n, seed=args.seed)
    result = SizeResult(n, counts["organisations"], counts["actors"])
    project = make_styrdok_project(work / f"styrdok-{n}", data)
    say(f"N={n}: building with styrdok ({counts['organisations']} organisations, {counts['actors']} actors)")
    result.styrdok = mkdocs_build(project, strict=True, timeout=args.timeout)
    if not result.styrdok.ok:
        raise RuntimeError(f"styrdok build failed at N={n}:\n{result.styrdok.error}")
    say(f"N={n}: styrdok {result.styrdok.seconds:.1f} s, {result.styrdok.peak_mb:.0f} MB")
    site = project / "site"
    result.pages = sum(1 for p in site.rglob("*.html") if "assets" not in p.parts)
    pages = document_pages(site, data)
    result.html_per_document_page, result.html_per_document_page_gzip = html_sizes(pages["sv"] + pages["en"])
    result.search = search_bundle(site)
    if pages["sv"] and not args.no_browser:
        result.first_view = first_view_browser(site, pages["sv"][0]) or first_view_static(site, pages["sv"][0])
        result.queries = first_queries(site, pages["sv"][0]) or {}
    elif pages["sv"]:
        result.first_view = first_view_static(site, pages["sv"][0])

    generator = baseline_generator(work)
    if not args.no_tuned:
        tuned, result.hand_written_by = make_hand_written_project(work / f"hand-tuned-{n}", project, False, generator)
        say(f"N={n}: building the hand-written pages ({result.hand_written_by}), tuned config, Pagefind")
        result.hand_tuned = mkdocs_build(tuned, strict=False, timeout=args.timeout)
        if not result.hand_tuned.ok:
            raise RuntimeError(f"hand-written tuned build failed at N={n}:\n{result.hand_tuned.error}")
        say(f"N={n}: hand-written tuned {result.hand_tuned.seconds:.1f} s, {result.hand_tuned.peak_mb:.0f} MB")
        result.hand_search = search_bundle(tuned / "site")
        if not args.keep:
            shutil.rmtree(tuned, ignore_errors=True)
    if args.stock:
        stock, _ = make_hand_written_project(work / f"hand-stock-{n}", project, True, generator)
        say(f"N={n}: building the hand-written pages, stock config (the ceiling of issue 7)")
        result.hand_stock = mkdocs_build(stock, strict=False, timeout=args.ceiling_timeout or args.timeout)
        state = "" if result.hand_stock.ok else " FAILED: " + result.hand_stock.error[-500:]
        say(f"N={n}: hand-written stock {result.hand_stock.seconds:.1f} s, {result.hand_stock.peak_mb:.0f} MB{state}")
        if not args.keep:
            shutil.rmtree(stock, ignore_errors=True)
    if not args.keep:
        shutil.rmtree(project, ignore_errors=True)
    return result


# --- report -----------------------------------------------------------------------


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024:,.1f} KB"


def _run(run: Run | None) -> str:
    if run is None:
        return "–"
    if run.timed_out:
        return f"> {run.seconds:.0f} s (> {run.cpu_seconds:.0f} s CPU; stopped), ≥ {run.peak_mb:,.0f} MB"
    return f"{run.seconds:.1f} s ({run.cpu_seconds:.1f} s CPU), {run.peak_mb:,.0f} MB" + ("" if run.ok else " (failed)")


def _load(result: "SizeResult") -> str:
    runs = [r for r in (result.styrdok, result.hand_stock, result.hand_tuned) if r]
    return " / ".join(f"{r.load:.1f}" for r in runs)


def table(results: list[SizeResult], serves: list[dict[str, Any]]) -> str:
    lines = _size_table(results) if results else []
    if serves:
        lines.append("")
    for serve in serves:
        if serve.get("error"):
            lines.append(f"edit-to-refresh ({serve['what']}) in mkdocs serve {' '.join(serve['args'])} at "
                         f"N={serve['documents']}: FAILED: {serve['error'][:300]}")
        else:
            each = ", ".join(f"{s:.2f}" for s in serve["seconds"])
            lines.append(f"edit-to-refresh ({serve['what']}) in mkdocs serve {' '.join(serve['args'])} at "
                         f"N={serve['documents']}: median {serve['median_seconds']:.2f} s, max {serve['max_seconds']:.2f} s "
                         f"(each: {each}; first build {serve['startup_seconds']:.1f} s)")
    return "\n".join(lines)


def _size_table(results: list[SizeResult]) -> list[str]:
    rows = [
        ("organisations / actors", [f"{r.organisations} / {r.actors}" for r in results]),
        ("HTML pages (both languages)", [f"{r.pages:,}" for r in results]),
        ("styrdok build (time, peak memory)", [_run(r.styrdok) for r in results]),
        ("hand-written, styrdok's config minus hooks, Pagefind", [_run(r.hand_tuned) for r in results]),
        ("  its pages written by", [r.hand_written_by or "–" for r in results]),
        ("  pages its Pagefind indexed (sv / en)",
         [f"{r.hand_search.get('sv', {}).get('pages', 0):,} / {r.hand_search.get('en', {}).get('pages', 0):,}"
          if r.hand_search else "–" for r in results]),
        ("hand-written, stock config (issue 7's ceiling)", [_run(r.hand_stock) for r in results]),
        ("load average after each build (2 cores)", [_load(r) for r in results]),
        ("ratio styrdok / hand-written tuned (CPU, wall)",
         [f"{r.tuned_cpu_ratio:.2f}, {r.tuned_ratio:.2f}" if r.tuned_cpu_ratio is not None and r.tuned_ratio is not None
          else "–" for r in results]),
        ("ratio styrdok / hand-written stock (wall, CPU)",
         [r.ratio_text() for r in results]),
        ("HTML per document page (raw / gzip)",
         [f"{_kb(r.html_per_document_page)} / {_kb(r.html_per_document_page_gzip)}" for r in results]),
        ("Pagefind index, inside the styrdok build",
         [f"{r.styrdok.index_seconds:.1f} s ({r.styrdok.index_seconds / r.styrdok.seconds:.0%})"
          if r.styrdok and r.styrdok.index_seconds is not None else "–" for r in results]),
        ("search bundle sv (pages, files, raw)",
         [f"{r.search.get('sv', {}).get('pages', 0):,}, {r.search.get('sv', {}).get('files', 0):,}, "
          f"{_kb(r.search.get('sv', {}).get('bytes'))}" for r in results]),
        ("search bundle en (pages, files, raw)",
         [f"{r.search.get('en', {}).get('pages', 0):,}, {r.search.get('en', {}).get('files', 0):,}, "
          f"{_kb(r.search.get('en', {}).get('bytes'))}" for r in results]),
        ("a reader's index holds only their language", ["yes" if r.search.get("single_language") else "no" for r in results]),
        *[(f"first query “{q}” (requests, raw / gzip)",
           [f"{r.queries[q]['requests']}, {_kb(r.queries[q]['bytes'])} / {_kb(r.queries[q]['gzip_bytes'])}"
            if q in r.queries else "–" for r in results]) for q in FIRST_QUERIES],
        *[(f"time to first result, “{q}” (chromium)",
           [f"{r.queries[q]['seconds'] * 1000:,.0f} ms ({r.queries[q]['results_shown']} shown)"
            if q in r.queries else "–" for r in results]) for q in FIRST_QUERIES],
        ("first view of a document page (raw / gzip)",
         [f"{_kb(r.first_view.get('bytes'))} / {_kb(r.first_view.get('gzip_bytes'))}" for r in results]),
        ("  of which search files (raw / gzip)",
         [f"{_kb(r.first_view.get('search_bytes'))} / {_kb(r.first_view.get('search_gzip_bytes'))}"
          for r in results]),
        ("  measured with", [f"{r.first_view.get('method', '–')}, {r.first_view.get('requests', 0)} requests" for r in results]),
    ]
    head = ["N = " + f"{r.documents:,}" for r in results]
    width = max(len(label) for label, _ in rows)
    cols = [max(len(h), *(len(v[i]) for _, v in rows)) for i, h in enumerate(head)]
    lines = ["| " + "measure".ljust(width) + " | " + " | ".join(h.ljust(c) for h, c in zip(head, cols)) + " |",
             "|-" + "-" * width + "-|-" + "-|-".join("-" * c for c in cols) + "-|"]
    for label, values in rows:
        lines.append("| " + label.ljust(width) + " | " + " | ".join(v.ljust(c) for v, c in zip(values, cols)) + " |")
    if len(results) >= 2:
        first, last = results[0], results[-1]
        if first.styrdok and last.styrdok:
            growth = (f"growth N={last.documents} / N={first.documents} (×{last.documents / first.documents:.0f} documents): "
                      f"styrdok ×{last.styrdok.cpu_seconds / max(first.styrdok.cpu_seconds, 1e-9):.2f} CPU, "
                      f"×{last.styrdok.seconds / first.styrdok.seconds:.2f} wall")
            if last.hand_tuned and first.hand_tuned and first.hand_tuned.cpu_seconds:
                growth += (f"; hand-written tuned ×{last.hand_tuned.cpu_seconds / first.hand_tuned.cpu_seconds:.2f} CPU, "
                           f"×{last.hand_tuned.seconds / first.hand_tuned.seconds:.2f} wall")
            lines += ["", growth]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 3000, 10000],
                        help="numbers of documents (none: only the serve test)")
    parser.add_argument("--serve-size", type=int, default=500, help="N for the edit-to-refresh test; 0 skips it")
    parser.add_argument("--serve-edits", type=int, default=5, help="edits timed per measurement")
    parser.add_argument("--serve-changes", nargs="*", default=["title", "text"], choices=sorted(EDITS),
                        help="what each measurement changes: a document's title (on many pages) or a section's text")
    parser.add_argument("--serve-args", nargs="*", default=["--dirty", ""],
                        help="one measurement per value: extra arguments for mkdocs serve (default: as `make serve` "
                             "runs it, with --dirty; and a plain mkdocs serve, which rebuilds every page)")
    parser.add_argument("--quick", action="store_true", help="N = 10 and 30, no serve test: checks that it all runs")
    parser.add_argument("--no-tuned", action="store_true", help="skip the tuned hand-written build")
    parser.add_argument("--no-browser", action="store_true", help="first view from referenced files, not chromium")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed for one build")
    parser.add_argument("--ceiling-timeout", type=float, default=1500,
                        help="seconds allowed for the stock hand-written build (quadratic: about 11 min at N=1000 "
                             "on 2 cores); when stopped, its time is a lower bound and the ratio an upper bound")
    parser.add_argument("--stock", action="store_true",
                        help="also build the hand-written pages with a stock config (issue 7's ceiling: quadratic, "
                             "and searched by Material's own plugin)")
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temp folder, removed)")
    parser.add_argument("--keep", action="store_true", help="keep the built projects in the working folder")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.serve_size = [10, 30], 0

    def say(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    work = args.work or Path(tempfile.mkdtemp(prefix="styrdok-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [measure_size(n, work, args, say) for n in args.sizes]
        serve: list[dict[str, Any]] = []
        if args.serve_size:
            n = args.serve_size
            data = work / f"data-{n}"
            synthetic.generate(data, n, seed=args.seed)
            for variant in args.serve_args:
                for what in args.serve_changes:
                    project = make_styrdok_project(work / f"serve-{n}", data)
                    say(f"N={n}: mkdocs serve {variant}, edit-to-refresh ({what})")
                    try:
                        one = edit_to_refresh(project, args.serve_edits, startup_timeout=args.timeout,
                                              refresh_timeout=300, extra_args=variant.split(), what=what)
                    except RuntimeError as exc:
                        one = {"error": str(exc), "args": variant.split(), "what": what}
                    one["documents"] = n
                    serve.append(one)
                    shutil.rmtree(project, ignore_errors=True)
    finally:
        if args.work is None and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({
            "sizes": [{**asdict(r), "ratio": r.ratio, "cpu_ratio": r.cpu_ratio, "tuned_ratio": r.tuned_ratio,
                       "tuned_cpu_ratio": r.tuned_cpu_ratio} for r in results],
            "serve": serve,
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        }, indent=1, default=str), encoding="utf-8")
    print(table(results, serve))
    if not results:
        print("build ratio styrdok / hand-written tuned: n/a (no build measured)")
        return 0
    at = next((r for r in results if r.documents == 1000), results[-1])
    ratio = (f"{at.tuned_cpu_ratio:.2f} (CPU), {at.tuned_ratio:.2f} (wall)"
             if at.tuned_cpu_ratio is not None and at.tuned_ratio is not None else "n/a")
    print(f"build ratio styrdok / hand-written tuned at N={at.documents}: {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
