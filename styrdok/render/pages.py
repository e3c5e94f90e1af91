"""Render the library to pages, one set per language.

Templates (styrdok/render/templates) hold the page structure and write it as
HTML (a page file holds no Markdown: render/page_file); this module only
hands them the data and small helpers. Jinja autoescapes everything, and
editor text goes through `text_html` (Markdown → sanitised HTML), so no text
from YAML can reach the page as raw HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Callable, Collection, Iterable, MutableMapping
from functools import partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from styrdok.data import urls
from styrdok.render import atom, catalogue, exports, ical, linked_data, text_html
from styrdok.views import calendar, comparison, gaps, history, review, versions as versions_view
from styrdok.render import phrase_table, search
from styrdok.render.page_file import OUTLINE_KEY, Outline, front_matter
from styrdok.data import schema
from styrdok.data.library import Library, LoadedDocument, walk_sections
from styrdok.data.model import LANGUAGES, Actor, Section, Text
from styrdok.views.relations import Link, incoming_links, links_of
from styrdok.views.responsibilities import actor_duties, actor_roles, document_matrix, organisation_matrix, short
from styrdok.render.settings import SiteSettings
from styrdok.render.words import Words, format_date, say, status_key
from styrdok.render.plan import EVERYTHING, Depends, Origin, Planned, check_unique
from styrdok.data.problems import DataError


@dataclass(frozen=True)
class Shown:
    """A text as shown on a page: its words, the language they are in, and
    the attribute its element carries: ` lang="en"` when that is not the
    page's language, else nothing."""

    text: str
    lang: str
    attr: Markup = Markup("")


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("styrdok.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["urls"] = urls
    env.filters["md"] = lambda shown: text_html.block(shown.text)
    env.filters["lines"] = lambda text: Markup("<br>").join(text.split("\n"))
    return env


_ENV = _environment()


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
        self._versions: dict[str, list[versions_view.Version]] = {}
        self._replacing: dict[str, list[str]] | None = None
        self._earlier: dict[str, str] | None = None
        self._by_org: dict[str, list[LoadedDocument]] | None = None

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
                if review.status_of(self.library.documents[d].model, self.evaluate(d)) == "no_rule":
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

    def versions(self, doc_id: str) -> list[versions_view.Version]:
        found = self._versions.get(doc_id)
        if found is None:
            if self._earlier is None:
                self._earlier = versions_view.earlier_versions(self.library)
            found = versions_view.versions_of(self.library, doc_id, self._earlier)
            for version in found:
                self._versions[version.doc_id] = found
        return found

    def replaced_by(self, doc_id: str) -> list[str]:
        """The replaced documents (sorted by id) that name `doc_id` as what replaced them."""
        if self._replacing is None:
            self._replacing = {}
            for d, other in sorted(self.library.documents.items()):
                if other.model.status == "replaced" and other.model.replaced_by is not None:
                    self._replacing.setdefault(other.model.replaced_by.document, []).append(d)
        return self._replacing.get(doc_id, [])

    def documents_of(self, org: str) -> list[LoadedDocument]:
        """An organisation's documents, by id."""
        if self._by_org is None:
            self._by_org = {org_id: [] for org_id in self.library.organisations}
            for _, loaded in sorted(self.library.documents.items()):
                self._by_org.setdefault(loaded.organisation, []).append(loaded)
        return self._by_org.get(org, [])

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
        self.outline = Outline()  # the headings, as the template writes them
        self._lang_attrs = {other: Markup("") if other == language else Markup(f' lang="{other}"')
                            for other in LANGUAGES}

    def evaluate(self, doc_id: str) -> list[review.DueItem]:
        return self.derived.evaluate(doc_id)

    def status(self, doc_id: str) -> str:
        return review.status_of(self.library.documents[doc_id].model, self.evaluate(doc_id))

    def shown_status(self, doc_id: str) -> str:
        """The document's status word key on `today`, e.g. `status_proposal`."""
        return status_key(self.library.documents[doc_id].model, self.today)

    def term(self, doc_id: str) -> review.TermLabel | None:
        return review.term_label(self.library.documents[doc_id].model, self.today)

    # --- review phrases -----------------------------------------------------------
    def say(self, phrase: review.Phrase) -> str:
        return say(self.w, phrase, self.actor_name)

    def when(self, item: review.DueItem) -> str:
        return self.say(review.when(item, self.today))

    def who_acts(self, doc_id: str, item: review.DueItem) -> str:
        return self.say(review.who_acts(self.library.documents[doc_id].model, item))

    def no_rule(self, doc_id: str) -> str:
        return self.say(review.no_rule_phrase(self.library.documents[doc_id].model))

    # --- calendar ---------------------------------------------------------------
    def overdue(self, items: list[calendar.Entry]) -> list[calendar.Entry]:
        return calendar.overdue(items)

    def by_year(self, items: list[calendar.Entry]) -> list[tuple[int | None, list[calendar.Entry]]]:
        return calendar.by_year(items)

    def owners(self, org: str) -> list[str]:
        return list(self.derived.owners(org))

    def documents_without_rule(self, org: str | None, owner: str | None) -> list[str]:
        return list(self.derived.without_rule(org, owner))

    # --- text -------------------------------------------------------------------
    def pick(self, text: Text, prefer: tuple[str, ...] = ()) -> Shown:
        """The page's language if the text has it, else the first language it has."""
        for language in (self.language, *prefer, *LANGUAGES):
            value = text.get(language)
            if value is not None:
                return Shown(value, language, self._lang_attrs[language])
        raise ValueError("empty text")  # pragma: no cover - Text forbids it

    def heading(self, level: int, text: "Shown | str | int", anchor: str = "", *classes: str,
                lang_of: Shown | None = None) -> Markup:
        """A heading of the page (`page_file.Outline`): its anchor, its classes,
        and `lang` if its text (or the text `lang_of` it is made from) is not
        in the page's language."""
        shown = text if isinstance(text, Shown) else lang_of
        lang = shown.lang if shown is not None and shown.lang != self.language else None
        words = text.text if isinstance(text, Shown) else text
        words = words.unescape() if isinstance(words, Markup) else str(words)
        return self.outline.heading(level, words, anchor, classes, lang)

    def has_text(self, section: Section) -> bool:
        """Whether a section is given in the page's language (a partial translation leaves some out)."""
        return section.heading.get(self.language) is not None

    def short(self, text: str) -> str:
        return short(text)

    def breakable_path(self, path: str) -> Markup:
        """A file path that may wrap after each `/` on a narrow screen, never inside a name."""
        return Markup("/<wbr>").join(path.split("/"))

    def date(self, value: dt.date | None) -> str:
        if value is None:
            return self.w.unknown
        return format_date(self.w, value)

    # --- names and links --------------------------------------------------------
    def link(self, address: urls.Address, fragment: str = "") -> str:
        return urls.relative(self.here.url, address.url) + (f"#{fragment}" if fragment else "")

    def report_link(self) -> str:
        """Where "report an error" leads from this page (SiteSettings.report_error)."""
        target = self.settings.report_error
        if not target or ":" in target.split("/", 1)[0]:  # empty, or an address with a scheme
            return target
        page, _, fragment = target.partition("#")
        return self.link(urls.Address(page, page.rstrip("/")), fragment)

    def absolute_here(self) -> str:
        """This page's full address, for a printout."""
        return self.settings.absolute(self.language, self.here.url)

    def actor_name(self, org: str, actor_id: str) -> str:
        return self.derived.actor(org, actor_id).name.get(self.language)

    def actor_link(self, org: str, actor_id: str) -> str:
        return self.link(urls.actor(org, actor_id))

    def document_link(self, doc_id: str) -> str:
        return self.link(urls.document(doc_id))

    def version_label(self, doc_id: str) -> str:
        """"Version 1.1", or, when the source gives no number, the version's first day."""
        number = self.library.documents[doc_id].model.version
        if number:
            return f"{self.w.version} {number}"
        start = next((v.start for v in self.derived.versions(doc_id) if v.doc_id == doc_id), None)
        return f"{self.w.version} {self.date(start) if start else self.w.version_unknown_date}"

    def title(self, doc_id: str) -> Shown:
        return self.pick(self.library.documents[doc_id].model.title)

    def documents_of(self, org: str) -> list[LoadedDocument]:
        return self.derived.documents_of(org)

    def documents_of_type(self, type_id: str) -> list[LoadedDocument]:
        """Documents of a type, by id; a combined document is listed under each of its types."""
        return [d for _, d in sorted(self.library.documents.items()) if type_id in d.model.types]

    def org_name(self, org: str) -> str:
        return self.library.organisations[org].name.get(self.language)

    def type_name(self, type_id: str) -> str:
        return self.library.types[type_id].name.get(self.language)


def _render(template: str, ctx: PageContext, record: search.Record | None = None,
            more: dict[str, Any] | None = None, **data: Any) -> str:
    """The page file: front matter (the search's record, `more`, the page's
    outline) and the page's HTML."""
    body = _ENV.get_template(template).render(c=ctx, w=ctx.w, **data)
    matter = {**(record.as_data() if record else {}), **(more or {}), OUTLINE_KEY: ctx.outline.as_data()}
    return front_matter(matter) + body


def document_page(ctx: PageContext, loaded: LoadedDocument) -> str:
    doc = loaded.model
    shown_language = ctx.language if ctx.language in doc.versions else next(iter(doc.versions))
    partial = ctx.language in doc.versions and doc.versions[ctx.language].partial
    translated = [s for s, _ in walk_sections(doc.sections) if ctx.has_text(s)] if partial else None
    types = " / ".join(ctx.type_name(t) for t in doc.types)
    record = search.document_record(doc, ctx.today, ctx.pick(doc.title).text, ctx.library.organisations[doc.organisation],
                                    types, ctx.status(loaded.id), ctx.language)
    return _render(
        "document.md.j2",
        ctx,
        record,
        {"feeds": feeds_of(ctx, doc.organisation)},
        doc=doc,
        doc_id=loaded.id,
        org=doc.organisation,
        version=doc.versions[shown_language],
        shown_language=shown_language,
        links=ctx.derived.links(loaded.id),
        events=history.events_of(loaded.id, doc, doc.organisation),
        stale=ctx.language in ctx.derived.stale_translations(loaded.id),
        matrix=document_matrix(doc),
        translated=translated,
        versions=ctx.derived.versions(loaded.id),
        linked_data=linked_data.script(linked_data.legislation(
            ctx.library, loaded.id, ctx.language, ctx.today, ctx.settings, ctx.derived.versions(loaded.id),
            ctx.derived.replaced_by(loaded.id))),
    )


def feeds_of(ctx: PageContext, org: str) -> list[dict[str, str]]:
    """The organisation's feeds, for the page frame to name in the head
    (the page's front matter, `page_file.front_matter`)."""
    atom_url = urls.news_feed(org, ctx.language)[1]
    ics_url = f"{urls.calendar(org).url}{urls.FEED_NAME}.ics"
    name = ctx.org_name(org)
    feeds = [{"type": "application/atom+xml", "href": ctx.settings.absolute(ctx.language, atom_url),
              "title": f"{ctx.w.news_title}: {name}"},
             {"type": "text/calendar", "href": ctx.settings.absolute(ctx.language, ics_url),
              "title": f"{ctx.w.calendar_title}: {name}"}]
    return feeds


def changes_page(ctx: PageContext, old_id: str, new_id: str) -> str:
    """What changed from version `old_id` to version `new_id`, section by section."""
    old = ctx.library.documents[old_id].model
    new = ctx.library.documents[new_id].model
    start = versions_view.start_of(new)
    decision = next((d for d in reversed(new.decisions) if d.kind == "revised" and d.date == start), None)
    return _render("changes.md.j2", ctx, old=old, new=new, old_id=old_id, new_id=new_id, decision=decision,
                   changes=versions_view.compare(old, new, ctx.language))


GAP_KINDS = ("no_decision", "placeholder", "rule_without_actor", "no_owner", "actor_without_duties", "unlisted_role",
             "stale_translation")


def build_pages(library: Library, today: dt.date, settings: SiteSettings = SiteSettings(),
                out: MutableMapping[str, str] | None = None,
                hand_written: Iterable[str] = ()) -> MutableMapping[str, str]:
    """Every generated file: docs-relative name → content (a page file, a feed, an export)."""
    return render_planned(plan_pages(library, today, settings), out, hand_written)


def render_planned(planned: list[Planned], out: MutableMapping[str, str] | None = None,
                   hand_written: Iterable[str] = (), only: Collection[str] | None = None) -> MutableMapping[str, str]:
    """Render the plan (or the files named in `only`). The plan is checked
    first (`plan.check_unique`): two files at one address, or one where a
    `hand_written` file is, raise DataError before anything is rendered.
    Each page is then stored into `out` as soon as it is rendered (a dict by
    default; `generated_files.GeneratedWriter` writes it to disk instead)."""
    problems = check_unique(planned, hand_written)
    if problems:
        raise DataError(problems)
    pages: MutableMapping[str, str] = {} if out is None else out
    for page in planned:
        if only is None or page.name in only:
            pages[page.name] = page.render()
    return pages


class _ForEachLanguage:
    """A file written the same in each language's folder: worked out once, and
    let go once every language has written it (the exports of 3,000
    documents take about 80 MB). Asked for once more, it is worked out anew."""

    def __init__(self, make: Callable[[], str]):
        self._make = make
        self._value: str | None = None
        self._left = 0

    def __call__(self) -> str:
        if self._value is None:
            self._value, self._left = self._make(), len(LANGUAGES)
        value = self._value
        self._left -= 1
        if self._left == 0:
            self._value = None
        return value


def plan_pages(library: Library, today: dt.date, settings: SiteSettings = SiteSettings()) -> list[Planned]:
    """Every generated file, with the data it comes from, what it shows and
    how to render it; nothing is rendered yet."""
    organisations = set(library.organisations)
    documents = set(library.documents)
    planned: list[Planned] = []
    entries = calendar.entries(library, today, settings.due_soon_days)
    compared = comparison.compare(library, today)
    found_gaps = gaps.find_gaps(library)
    page_urls = {lang: {d: settings.absolute(lang, urls.document(d).url) for d in library.documents} for lang in LANGUAGES}
    derived = Derived(library, today, settings)
    phrase_rows = phrase_table.rows()
    by_org = {org_id: derived.documents_of(org_id) for org_id in library.organisations}
    # Each calendar's entries, in the calendar's order, in one pass (not one pass per calendar).
    entries_of_org: dict[str, list[calendar.Entry]] = {}
    entries_of_owner: dict[tuple[str, str], list[calendar.Entry]] = {}
    for entry in entries:
        entries_of_org.setdefault(entry.organisation, []).append(entry)
        if entry.owner is not None:
            entries_of_owner.setdefault((entry.organisation, entry.owner), []).append(entry)
    news = history.recent_by_organisation(library)
    news = {org_id: news.get(org_id, []) for org_id in [None, *sorted(organisations)]}
    the_site = Origin("a page of the site itself")

    shows_org = {org_id: Depends(frozenset(d.id for d in docs), frozenset([org_id])) for org_id, docs in by_org.items()}

    def shows_document(doc_id: str) -> Depends:
        """Its own data, its organisation's names, and the titles of the documents it links with."""
        loaded = library.documents[doc_id]
        linked = {link.document for link in derived.links(doc_id) if link.document}
        return Depends(frozenset({doc_id, *linked}), frozenset([loaded.organisation]))

    def shows_versions(doc_id: str) -> Depends:
        """A document page also lists every version of its document."""
        shown = shows_document(doc_id)
        return Depends(shown.documents | {v.doc_id for v in derived.versions(doc_id)}, shown.organisations)

    def of_org(org_id: str, what: str, path: tuple[str | int, ...] = ("id",)) -> Origin:
        return Origin(f"{what} of organisation {org_id!r}", library.organisation_files.get(org_id), path)

    def actor_origin(org_id: str, actor_id: str) -> Origin:
        index = next(i for i, a in enumerate(library.organisations[org_id].actors) if a.id == actor_id)
        return of_org(org_id, f"the page of actor {actor_id!r}", ("actors", index, "id"))

    def page(language: str, address: urls.Address, template: str, make: Callable[[], dict[str, Any]] | None,
             record: search.Record | None, **data: Any) -> str:
        """`make` gives the data that is only worked out when the page is rendered;
        `record`, what the search indexes of the page (none: not indexed)."""
        return _render(template, PageContext(library, language, today, address, settings, derived), record,
                       **data, **(make() if make else {}))

    def document(language: str, address: urls.Address, loaded: LoadedDocument) -> str:
        return document_page(PageContext(library, language, today, address, settings, derived), loaded)

    def changes(language: str, address: urls.Address, old_id: str, new_id: str) -> str:
        return changes_page(PageContext(library, language, today, address, settings, derived), old_id, new_id)

    for language in LANGUAGES:
        def put(address: urls.Address, origin: Origin, template: str,
                make: Callable[[], dict[str, Any]] | None = None, depends: Depends = EVERYTHING,
                record: search.Record | None = None, **data: Any) -> None:
            planned.append(Planned(address.file(language), origin,
                                   partial(page, language, address, template, make, record, **data), depends))

        def put_calendar(address: urls.Address, origin: Origin, items: list[calendar.Entry], scope: str,
                         depends: Depends = EVERYTHING, **data: Any) -> None:
            put(address, origin, "calendar.md.j2", entries=items, scope=scope, feed=urls.FEED_NAME + ".ics",
                depends=depends, **data)
            name = f"{Words(language).calendar_title}: {scope}"
            planned.append(Planned(urls.feed_file(address, language), origin, lambda items=items, language=language, name=name:
                                   ical.feed(library, items, language, today, page_urls[language], name).decode("utf-8"),
                                   depends))

        w = Words(language)
        put(urls.HOME, the_site, "home.md.j2")
        put(urls.TYPES, the_site, "types.md.j2")
        put(urls.GAPS, the_site, "gaps.md.j2", gaps=found_gaps, kinds=GAP_KINDS)
        put(urls.FIELDS, the_site, "fields.md.j2", files=[(name, schema.field_rows(name)) for name in schema.SCHEMAS])
        put(urls.PHRASES, the_site, "phrases.md.j2", rows=phrase_rows, render=phrase_table.render, sv=Words("sv"),
            en=Words("en"))
        for org_id, events in news.items():
            file, url = urls.news_feed(org_id, language)
            scope = w.news_title if org_id is None else f"{w.news_title}: {library.organisations[org_id].name.get(language)}"
            planned.append(Planned(file, the_site if org_id is None else of_org(org_id, "the news feed"), partial(
                atom.feed, library, events, language, settings.absolute(language, url), page_urls[language],
                scope, settings.absolute(language, ""), today), EVERYTHING if org_id is None else shows_org[org_id]))
        put(urls.NEWS, the_site, "news.md.j2", events=news[None])
        put(urls.COMPARISON, the_site, "comparison.md.j2", comparison=compared, questions=comparison.QUESTIONS,
            left_out=sorted(d for d, loaded in library.documents.items() if not loaded.model.in_force_on(today)))
        put_calendar(urls.CALENDAR, the_site, entries, w.filter_all)
        for org_id in sorted(organisations):
            org = library.organisations[org_id]
            shows = shows_org[org_id]
            put(urls.organisation(org_id), of_org(org_id, "the page"), "organisation.md.j2", org=org,
                documents=list(by_org[org_id]), depends=shows, record=search.organisation_record(org, language))
            put_calendar(urls.calendar(org_id), of_org(org_id, "the review calendar"), entries_of_org.get(org_id, []),
                         org.name.get(language), depends=shows, org_id=org_id)
            # "Who is responsible" views show documents in force; the others are named as left out.
            org_docs = [(d.id, d.model) for d in by_org[org_id] if d.model.in_force_on(today)]
            left_out = [d.id for d in by_org[org_id] if not d.model.in_force_on(today)]
            put(urls.organisation_matrix(org_id), of_org(org_id, "the responsibility matrix"), "organisation_matrix.md.j2",
                lambda org=org, org_docs=org_docs: {"matrix": organisation_matrix(org_docs, [a.id for a in org.actors])},
                depends=shows, org=org, left_out=left_out)
            for actor in org.actors:
                put(urls.actor(org_id, actor.id), actor_origin(org_id, actor.id), "actor.md.j2",
                    lambda actor=actor, org_docs=org_docs: {"duties": actor_duties(org_docs, actor.id),
                                                            "roles": actor_roles(org_docs, actor.id)},
                    depends=shows, record=search.actor_record(actor.name.get(language), actor.kind, org, language),
                    org=org_id, actor=actor, left_out=left_out,
                    parts=[a.id for a in org.actors if a.part_of == actor.id])
        for org_id, owner in calendar.owners(library):
            if org_id not in organisations:
                continue
            scope = f"{library.actor(org_id, owner).name.get(language)} ({library.organisations[org_id].name.get(language)})"
            put_calendar(urls.calendar(org_id, owner), actor_origin(org_id, owner), entries_of_owner.get((org_id, owner), []),
                         scope, depends=shows_org[org_id], org_id=org_id, owner=owner)
        for doc_id in sorted(documents):
            loaded = library.documents[doc_id]
            address = urls.document(doc_id)
            planned.append(Planned(address.file(language), Origin(f"the page of document {doc_id!r}", loaded.where),
                                   partial(document, language, address, loaded), shows_versions(doc_id)))
            line = [v.doc_id for v in derived.versions(doc_id)]
            if line.index(doc_id) > 0:
                old_id = line[line.index(doc_id) - 1]
                address = urls.changes(doc_id)
                planned.append(Planned(address.file(language), Origin(f"what changed in document {doc_id!r}", loaded.where),
                                       partial(changes, language, address, old_id, doc_id),
                                       Depends(frozenset({old_id, doc_id}), frozenset([loaded.organisation]))))
    planned.append(Planned(urls.CATALOGUE_FILE, the_site, partial(catalogue.catalogue_json, library, settings), EVERYTHING))
    documents_csv = _ForEachLanguage(partial(exports.documents_csv, library, today, settings))  # the same file in both
    documents_json = _ForEachLanguage(partial(exports.documents_json, library, today, settings))
    for language in LANGUAGES:
        planned.append(Planned(urls.document_list("csv", language), the_site, documents_csv, EVERYTHING))
        planned.append(Planned(urls.document_list("json", language), the_site, documents_json, EVERYTHING))
    for org_id in sorted(organisations):
        csv_text = _ForEachLanguage(partial(exports.matrix_csv, library, org_id, today, by_org[org_id]))
        json_text = _ForEachLanguage(partial(exports.matrix_json, library, org_id, today, by_org[org_id]))
        for language in LANGUAGES:  # the same bilingual files in both languages
            planned.append(Planned(urls.export(org_id, "csv", language), of_org(org_id, "the matrix export"), csv_text,
                                   shows_org[org_id]))
            planned.append(Planned(urls.export(org_id, "json", language), of_org(org_id, "the matrix export"), json_text,
                                   shows_org[org_id]))
    return planned
