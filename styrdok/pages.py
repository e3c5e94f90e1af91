"""Render the library to Markdown pages, one set per language.

Templates (styrdok/templates) hold the page structure; this module only
hands them the data and small helpers. Jinja autoescapes everything, and
editor text goes through `text_html` (Markdown → sanitised HTML), so no text
from YAML can reach the page as raw HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import MutableMapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import atom, calendar, comparison, exports, gaps, history, ical, review, schema, search, text_html, urls
from .incremental import Scope
from .library import Library, LoadedDocument
from .memo import SameInputs
from .model import LANGUAGES, Actor, Text
from .relations import Link, incoming_links, links_of
from .responsibilities import actor_duties, actor_roles, document_matrix, organisation_matrix, short
from .settings import SiteSettings
from .words import Words


@dataclass(frozen=True)
class Shown:
    """A text as shown on a page: its words and the language they are in."""

    text: str
    lang: str


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("styrdok", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["urls"] = urls
    env.filters["md"] = lambda shown: text_html.block(shown.text)
    env.filters["inline"] = lambda shown: text_html.inline(shown.text if isinstance(shown, Shown) else str(shown))
    return env


_ENV = _environment()
_rows = SameInputs()  # rendered rows of the pages that list the whole library


class Derived:
    """Facts about the whole library that many pages ask for, worked out once
    per build and shared by every page of both languages (none depends on the
    language). Asking the library afresh on each page made the build
    quadratic in the number of documents and organisations."""

    def __init__(self, library: Library, today: dt.date, settings: SiteSettings = SiteSettings()):
        self.library = library
        self.today = today
        self.settings = settings
        self._items: dict[str, list[review.DueItem]] = {}
        self._stale: dict[str, list[str]] = {}
        self._owners: dict[str, list[str]] | None = None
        self._without_rule: dict[str | tuple[str, str | None] | None, list[str]] | None = None
        self._incoming: dict[str, list[Link]] | None = None
        self._actors: dict[str, dict[str, Actor]] = {}

    def evaluate(self, doc_id: str) -> list[review.DueItem]:
        items = self._items.get(doc_id)
        if items is None:
            items = self._items[doc_id] = review.evaluate(
                self.library.documents[doc_id].model, self.today, self.settings.due_soon_days)
        return items

    def owners(self, org: str) -> list[str]:
        if self._owners is None:
            self._owners = {}
            for o, owner in calendar.owners(self.library):
                self._owners.setdefault(o, []).append(owner)
        return self._owners.get(org, [])

    def without_rule(self, org: str | None = None, owner: str | None = None) -> list[str]:
        """Documents (sorted by id) that no rule ever makes due, of an
        organisation (and owner) if given."""
        if self._without_rule is None:
            self._without_rule = {}
            for d in sorted(self.library.documents):
                if review.document_status(self.evaluate(d)) == "no_rule":
                    loaded = self.library.documents[d]
                    for key in (None, loaded.organisation, (loaded.organisation, loaded.model.owner)):
                        self._without_rule.setdefault(key, []).append(d)
        if org is None and owner is not None:
            return [d for d in self._without_rule.get(None, []) if self.library.documents[d].model.owner == owner]
        return self._without_rule.get(org if owner is None else (org, owner), [])

    def links(self, doc_id: str) -> list[Link]:
        if self._incoming is None:
            self._incoming = incoming_links(self.library)
        return links_of(self.library, doc_id, self._incoming)

    def stale_translations(self, doc_id: str) -> list[str]:
        stale = self._stale.get(doc_id)
        if stale is None:
            stale = self._stale[doc_id] = history.stale_translations(self.library.documents[doc_id].model)
        return stale

    def actor(self, org: str, actor_id: str) -> Actor:
        actors = self._actors.get(org)
        if actors is None:
            actors = self._actors[org] = self.library.actors(org)
        return actors[actor_id]


class PageContext:
    """Helpers a template needs for one page in one language."""

    def __init__(self, library: Library, language: str, today: dt.date, here: urls.Address,
                 settings: SiteSettings = SiteSettings(), derived: Derived | None = None):
        self.library = library
        self.language = language
        self.w = Words(language)
        self.today = today
        self.here = here
        self.settings = settings
        self.derived = derived if derived is not None else Derived(library, today, settings)

    def evaluate(self, doc_id: str) -> list[review.DueItem]:
        return self.derived.evaluate(doc_id)

    def status(self, doc_id: str) -> str:
        return review.document_status(self.evaluate(doc_id))

    def term(self, doc_id: str) -> tuple[review.Term, bool] | None:
        return review.term_label(self.library.documents[doc_id].model, self.today)

    # --- calendar ---------------------------------------------------------------
    def overdue(self, items: list[calendar.Entry]) -> list[calendar.Entry]:
        return calendar.overdue(items)

    def by_year(self, items: list[calendar.Entry]) -> list[tuple[int | None, list[calendar.Entry]]]:
        return calendar.by_year(items)

    def owners(self, org: str) -> list[str]:
        return list(self.derived.owners(org))

    def documents_without_rule(self, org: str | None, owner: str | None) -> list[str]:
        return list(self.derived.without_rule(org, owner))

    def duration(self, days: int) -> str:
        years, rest = divmod(days, 365)
        if years:
            return self.w.years_days.format(years=years, days=rest)
        return self.w.days_only.format(days=days)

    # --- text -------------------------------------------------------------------
    def pick(self, text: Text, prefer: tuple[str, ...] = ()) -> Shown:
        """The page's language if the text has it, else the first language it has."""
        for language in (self.language, *prefer, *LANGUAGES):
            value = text.get(language)
            if value is not None:
                return Shown(value, language)
        raise ValueError("empty text")  # pragma: no cover - Text forbids it

    def lang_attr(self, shown: Shown) -> Markup:
        """` lang="en"` when a passage is not in the page's language."""
        return Markup(f' lang="{shown.lang}"') if shown.lang != self.language else Markup("")

    def heading_attrs(self, section_id: str, shown: Shown) -> Markup:
        """attr_list for a Markdown heading: its anchor, and `lang` if it differs."""
        parts = [f"#{section_id}"] if section_id else []
        if shown.lang != self.language:
            parts.append(f"lang={shown.lang}")
        return Markup("{" + " ".join(parts) + "}") if parts else Markup("")

    def short(self, text: str) -> str:
        return short(text)

    def anchor(self, anchor_id: str) -> Markup:
        return Markup("{#" + anchor_id + "}")

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return self.w.unknown
        month = self.w.months[value.month - 1]
        return f"{value.day} {month} {value.year}"

    # --- names and links --------------------------------------------------------
    def link(self, address: urls.Address, fragment: str = "") -> str:
        return urls.relative(self.here.url, address.url) + (f"#{fragment}" if fragment else "")

    def actor_name(self, org: str, actor_id: str) -> str:
        return self.derived.actor(org, actor_id).name.get(self.language)

    def actor_link(self, org: str, actor_id: str) -> str:
        return self.link(urls.actor(org, actor_id))

    def document_link(self, doc_id: str) -> str:
        return self.link(urls.document(doc_id))

    def title(self, doc_id: str) -> Shown:
        return self.pick(self.library.documents[doc_id].model.title)

    def org_name(self, org: str) -> str:
        return self.library.organisations[org].name.get(self.language)

    def type_name(self, type_id: str) -> str:
        return self.library.types[type_id].name.get(self.language)

    def comparison_row(self, question: str, org: str, answers: list[comparison.Answer]) -> Markup:
        """One row of the comparison page. Kept while the organisation and
        the documents it cites are the same objects (memo): a preview after
        one edit renders the few rows it changed, not the whole table."""
        inputs = (self.library.organisations[org], *(self.library.documents[a.doc_id].model for a in answers))
        return _rows.get((self.language, self.here.url, question, org), inputs, lambda: Markup(
            _render("_comparison_row.j2", self, q=question, org=org, answers=answers).rstrip("\n")))


def _render(template: str, ctx: PageContext, **data: Any) -> str:
    return _ENV.get_template(template).render(c=ctx, w=ctx.w, **data)


def document_page(ctx: PageContext, loaded: LoadedDocument) -> str:
    doc = loaded.model
    shown_language = ctx.language if ctx.language in doc.versions else next(iter(doc.versions))
    record = search.document_record(doc, ctx.pick(doc.title).text, ctx.library.organisations[doc.organisation],
                                    ctx.type_name(doc.type), ctx.status(loaded.id), ctx.language)
    return record.front_matter() + _render(
        "document.md.j2",
        ctx,
        doc=doc,
        doc_id=loaded.id,
        org=doc.organisation,
        version=doc.versions[shown_language],
        shown_language=shown_language,
        links=ctx.derived.links(loaded.id),
        events=history.events_of(loaded.id, doc, doc.organisation),
        stale=ctx.language in ctx.derived.stale_translations(loaded.id),
        matrix=document_matrix(doc),
    )


GAP_KINDS = ("rule_without_actor", "no_owner", "actor_without_duties", "unlisted_role", "stale_translation")


def build_pages(library: Library, today: dt.date, settings: SiteSettings = SiteSettings(),
                out: MutableMapping[str, str] | None = None, only: Scope | None = None) -> MutableMapping[str, str]:
    """Every generated file: docs-relative name → content (Markdown or iCalendar).
    Each page is stored into `out` as soon as it is rendered (a dict by
    default; `generated_files.GeneratedWriter` writes it to disk instead).
    With `only`, the pages of the whole library and those of the scope's
    organisations and documents (see `incremental`)."""
    organisations = set(library.organisations) if only is None else only.organisations
    documents = set(library.documents) if only is None else only.documents
    pages: MutableMapping[str, str] = {} if out is None else out
    entries = calendar.entries(library, today, settings.due_soon_days)
    compared = comparison.compare(library)
    found_gaps = gaps.find_gaps(library)
    page_urls = {lang: {d: settings.absolute(lang, urls.document(d).url) for d in library.documents} for lang in LANGUAGES}
    derived = Derived(library, today, settings)
    by_org: dict[str, list[LoadedDocument]] = {org_id: [] for org_id in library.organisations}
    for doc_id, loaded in sorted(library.documents.items()):
        by_org.setdefault(loaded.organisation, []).append(loaded)
    # Each calendar's entries, in the calendar's order, in one pass (not one pass per calendar).
    entries_of_org: dict[str, list[calendar.Entry]] = {}
    entries_of_owner: dict[tuple[str, str], list[calendar.Entry]] = {}
    for entry in entries:
        entries_of_org.setdefault(entry.organisation, []).append(entry)
        if entry.owner is not None:
            entries_of_owner.setdefault((entry.organisation, entry.owner), []).append(entry)
    news = {org_id: history.recent(library, org_id) for org_id in [None, *sorted(organisations)]}
    for language in LANGUAGES:
        def put(address: urls.Address, template: str, record: search.Record | None = None, **data: Any) -> None:
            ctx = PageContext(library, language, today, address, settings, derived)
            pages[address.file(language)] = (record.front_matter() if record else "") + _render(template, ctx, **data)

        def put_calendar(address: urls.Address, items: list[calendar.Entry], scope: str, **data: Any) -> None:
            put(address, "calendar.md.j2", entries=items, scope=scope, feed=urls.FEED_NAME + ".ics", **data)
            name = f"{Words(language).calendar_title}: {scope}"
            pages[urls.feed_file(address, language)] = ical.feed(
                library, items, language, today, page_urls[language], name).decode("utf-8")

        put(urls.HOME, "home.md.j2")
        put(urls.TYPES, "types.md.j2")
        put(urls.GAPS, "gaps.md.j2", gaps=found_gaps, kinds=GAP_KINDS)
        put(urls.FIELDS, "fields.md.j2", files=[(name, schema.field_rows(name)) for name in schema.SCHEMAS])
        w = Words(language)
        for org_id, events in news.items():
            file, url = urls.news_feed(org_id, language)
            scope = w.news_title if org_id is None else f"{w.news_title}: {library.organisations[org_id].name.get(language)}"
            pages[file] = atom.feed(library, events, language, settings.absolute(language, url), page_urls[language],
                                    scope, settings.absolute(language, ""))
        put(urls.NEWS, "news.md.j2", events=news[None])
        put(urls.COMPARISON, "comparison.md.j2", comparison=compared, questions=comparison.QUESTIONS)
        put_calendar(urls.CALENDAR, entries, Words(language).filter_all)
        for org_id in sorted(organisations):
            org = library.organisations[org_id]
            put(urls.organisation(org_id), "organisation.md.j2", search.organisation_record(org, language),
                org=org, documents=list(by_org[org_id]))
            put_calendar(urls.calendar(org_id), entries_of_org.get(org_id, []),
                         org.name.get(language), org_id=org_id)
            org_docs = [(d.id, d.model) for d in by_org[org_id]]
            put(urls.organisation_matrix(org_id), "organisation_matrix.md.j2", org=org,
                matrix=organisation_matrix(org_docs, [a.id for a in org.actors]))
            for actor in org.actors:
                put(urls.actor(org_id, actor.id), "actor.md.j2",
                    search.actor_record(actor.name.get(language), actor.kind, org, language), org=org_id, actor=actor,
                    parts=[a.id for a in org.actors if a.part_of == actor.id],
                    duties=actor_duties(org_docs, actor.id), roles=actor_roles(org_docs, actor.id))
        for org_id, owner in calendar.owners(library):
            if org_id not in organisations:
                continue
            scope = f"{library.actor(org_id, owner).name.get(language)} ({library.organisations[org_id].name.get(language)})"
            put_calendar(urls.calendar(org_id, owner), entries_of_owner.get((org_id, owner), []), scope,
                         org_id=org_id, owner=owner)
        for doc_id in sorted(documents):
            loaded = library.documents[doc_id]
            address = urls.document(doc_id)
            pages[address.file(language)] = document_page(
                PageContext(library, language, today, address, settings, derived), loaded)
    for org_id in sorted(organisations):
        csv_text, json_text = exports.matrix_csv(library, org_id), exports.matrix_json(library, org_id)
        for language in LANGUAGES:  # the same bilingual files in both languages
            pages[urls.export(org_id, "csv", language)] = csv_text
            pages[urls.export(org_id, "json", language)] = json_text
    return pages
