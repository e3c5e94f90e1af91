"""Every reliance of this site on the inside of MkDocs, Material and i18n.

The hooks in this folder only connect MkDocs events to the `styrdok`
package and to this module. What is here leans on behaviour that the
three projects do not promise to keep: a plugin's attribute, a logger's
name and message, the order in which mkdocs-static-i18n builds the
languages, the lifetime of a page's text, Material's templates. It was
written for the versions in WRITTEN_FOR, and tests/test_stack_adapter.py
fails as soon as another version is installed, or when a Material
template that overrides/ copies or extends changes. README ("Decisions")
says how to update it.

Material's search and the search index (hooks/search_per_language.py,
styrdok/build/search_index.py and the index-delaying script in
overrides/main.html) lean on internals too; they are left out here
because the move to Pagefind removes them.

MkDocs puts a hook's folder on sys.path while it loads the hook, so the
hooks import this module as `stack_adapter`. Loaded once per process, it
keeps its state across the rebuilds of `mkdocs serve`.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.toc import get_toc

# The versions this module (and the overrides listed below) was checked
# against. ProperDocs, the drop-in fork of MkDocs 1.6, builds the same site
# in CI (tests/test_properdocs.py).
WRITTEN_FOR: dict[str, str] = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.1",
    "mkdocs-static-i18n": "1.3.1",
    "properdocs": "1.6.7",
}


def installed_versions() -> dict[str, str | None]:
    """The installed version of each package in WRITTEN_FOR (None: missing)."""
    found: dict[str, str | None] = {}
    for name in WRITTEN_FOR:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return found


@dataclass(frozen=True)
class TemplateOverride:
    """A file of overrides/ and the Material template it copies or extends."""

    path: str  # under overrides/
    material: str  # under Material's templates/
    sha256: str  # of that Material template when the override was written
    change: str
    package: str = "material"  # whose templates/ it comes from (mkdocs_static_i18n: custom_i18n_sitemap/)


TEMPLATE_OVERRIDES: tuple[TemplateOverride, ...] = (
    TemplateOverride(
        "main.html", "base.html",
        "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
        "extends base.html: block htmltitle prints `page.title | striptags | e`; block extrahead adds "
        "`<link rel=alternate>` for the feeds a page's front matter lists (`page.meta.feeds`); block content "
        "marks a searchable page's body and prints its search filters and facts (Pagefind's data attributes); "
        "block scripts adds the keyboard help, "
        "using Material's `lang.t`, config.extra.styrdok_words, its element ids (__drawer, __search, __toc) and class names; "
        "the front page's search item (a[data-sd-search]) clicks the header's search button",
    ),
    TemplateOverride(
        "partials/alternate.html", "partials/alternate.html",
        "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
        "the language switch is one link per other language, named in that language (config.extra.alternate "
        "as mkdocs-static-i18n's reconfigure_material sets it), instead of an icon that opens a list",
    ),
    TemplateOverride(
        "sitemap.xml", "sitemap.xml",
        "538e71a0c68befdae40bb4e0451150b1ca424ef5b1c4f0e0e7d806640d17e5e7",
        "mkdocs-static-i18n's sitemap with an `x-default` alternate (the default language's page) for every page; "
        "i18n uses a sitemap.xml of the theme's custom_dir instead of its own",
        package="mkdocs_static_i18n",
    ),
    TemplateOverride(
        "partials/copyright.html", "partials/copyright.html",
        "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
        "a link to the accessibility statement (its words from config.extra.styrdok_words, set by "
        "hooks/styrdok_pages.py); no third-party credit link",
    ),
    TemplateOverride(
        "partials/header.html", "partials/header.html",
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
        "draws styrdok's search (partials/search.html) where Material draws its own, which needs "
        "Material's search plugin; the rest as Material's",
    ),
    TemplateOverride(
        "partials/nav-item.html", "partials/nav-item.html",
        "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
        "no empty tabindex attribute on section labels (invalid HTML)",
    ),
    TemplateOverride(
        "partials/search.html", "partials/search.html",
        "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
        "styrdok's search button and dialog (Pagefind, driven by docs/assets/search.js), its words "
        "from the page context (hooks/pagefind_index.py), in place of Material's lunr search",
    ),
    TemplateOverride(
        "partials/toc.html", "partials/toc.html",
        "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
        "the title is a label for __toc only where that checkbox exists (valid HTML)",
    ),
)


def material_template(name: str, package: str = "material") -> Path:
    """The installed template `name` of Material (a path under templates/),
    or of mkdocs-static-i18n (under custom_i18n_sitemap/)."""
    folder = "templates" if package == "material" else "custom_i18n_sitemap"
    return Path(str(files(package) / folder / name))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# mkdocs-static-i18n


def hook_logger(name: str) -> logging.Logger:
    """A hook's logger, under MkDocs' own, so its lines show (and count under
    `--strict`) like MkDocs'."""
    return logging.getLogger(f"mkdocs.hooks.{name}")


def default_language(config: Any) -> str:
    """The language built first and served at the root, from i18n's settings."""
    return next(lang.locale for lang in config.plugins["i18n"].config.languages if lang.default)


def language(config: Any) -> str:
    """The language being built: i18n sets the theme's language for each build."""
    return str(config.theme["language"])


def root_404_in_default_language(html: str, template_name: str, config: Any) -> str:
    """The 404 page to write at the site's root, keeping the default language there.

    i18n builds every other language inside the default language's build,
    after it, into the same site folder, and each build writes /404.html,
    so the last language would win. A non-default language's 404 page goes
    to /<language>/404.html instead, and the root keeps the page the default
    build wrote already.
    """
    if template_name != "404.html" or language(config) == default_language(config):
        return html
    site = Path(config.site_dir)
    own = site / language(config) / "404.html"
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text(html, encoding="utf-8")
    root = site / "404.html"
    return root.read_text(encoding="utf-8") if root.is_file() else html


# MkDocs


class _CompiledTemplates(BytecodeCache):
    """The theme's templates, compiled once per process. MkDocs makes a new
    Jinja environment for every build (and i18n runs one build per
    language), and compiles Material's templates again each time: a second
    or so of every rebuild in `mkdocs serve`. Jinja keys each entry on the
    template's source, so an edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled = _CompiledTemplates()


def share_compiled_templates(env: Environment) -> Environment:
    env.bytecode_cache = _compiled
    return env


def let_go_of_page(page: Any) -> None:
    """Drop a written page's Markdown and HTML. MkDocs keeps them until the
    build ends, and i18n runs the other languages' builds inside the first,
    so a large library held every language's pages at once (issue 7,
    docs/benchmark.md). Nothing reads them after `on_post_page` in this
    stack: the search plugin has indexed the page, and the sitemap needs
    only its address and date."""
    page.markdown = None
    page.content = None


def render_without_markdown(page: Any, title: str | None, toc_tokens: list[dict[str, Any]], ids: set[str]) -> None:
    """Let MkDocs take a page that is already HTML as it stands, with the
    title and table of contents its generator recorded, instead of
    converting it as Markdown (styrdok.render.page_file). Replaces the
    page's `render`, which `_populate_page` calls after `on_page_markdown`,
    and fills what it fills: the table of contents, the title MkDocs reads
    from the first h1 (`_title_from_render`) and the `ids` that links to this
    page may point to (`present_anchor_ids`, read by the anchor check once
    every page is rendered). The page's own links are checked by the
    generator (styrdok.build.links); `links_to_anchors` stays empty.

    MkDocs renders every page of a language before it writes the first, and
    would hold all their HTML at once. So the HTML is let go here, and
    `content` stays empty until `fill_content` reads it again from the file
    as the page is built. `markdown` stays a string: MkDocs reads the title
    only from a page whose Markdown is not None."""

    def render(config: Any, files: Any) -> None:
        page.toc = get_toc(nest_toc_tokens(toc_tokens))
        page._title_from_render = title
        page.present_anchor_ids = ids
        page.links_to_anchors = {}
        page.markdown = page.content = ""

    page.render = render


def fill_content(page: Any, html: str) -> None:
    """Give a page rendered by `render_without_markdown` its HTML, as it is
    built (`on_page_context`: before the theme's template reads it)."""
    page.content = html


def watch_only(server: Any, docs_dir: str, paths: list[Path]) -> Any:
    """Make `mkdocs serve` watch these files of docs_dir instead of all of it."""
    server.unwatch(docs_dir)
    for path in paths:
        server.watch(str(path))
    return server


# The logger that warns about dirty builds: MkDocs' and ProperDocs' build module.
BUILD_LOGGERS = ("mkdocs.commands.build", "properdocs.commands.build")
_DIRTY_WARNING = "A 'dirty' build is being performed"


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(_DIRTY_WARNING)


class BuildSession:
    """What the hooks need to know about the command that is running.

    `mkdocs serve --dirty` (`make serve`) rebuilds only the pages whose
    Markdown changed: right for this site, since the styrdok hook rewrites
    exactly the pages an edit changes and the nav does not list documents.
    MkDocs warns about it on every rebuild, and under `strict: true` that
    warning would fail the preview, so it is silenced there; every other
    warning still counts.

    i18n runs the other languages' builds inside the default language's
    `on_post_build`, so build events nest. `begin_build` and `end_build`
    (called from `on_pre_build` and a late `on_post_build`) say when the
    outermost build, the one that covers every language, starts and ends.
    """

    def __init__(self) -> None:
        self.serving = False
        self._depth = 0

    def start(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        if self.serving and dirty:
            for name in BUILD_LOGGERS:
                logger = logging.getLogger(name)
                if _not_the_dirty_warning not in logger.filters:
                    logger.addFilter(_not_the_dirty_warning)

    @property
    def depth(self) -> int:
        """How many builds are running, one inside the other."""
        return self._depth

    def begin_build(self) -> bool:
        """True when this is the outermost build."""
        self._depth += 1
        return self._depth == 1

    def end_build(self) -> bool:
        """True when the outermost build has ended."""
        self._depth = max(self._depth - 1, 0)
        return self._depth == 0

    def failed(self) -> None:
        """A build failed: every build of that round has stopped."""
        self._depth = 0


session = BuildSession()
