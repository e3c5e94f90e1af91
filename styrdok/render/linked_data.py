"""schema.org `Legislation` for a document page, as JSON-LD.

Identifiers follow the scheme in docs/identifiers (modelled on ELI): the
page address of the newest version names the work, each version's own page
address names that version (ELI's expression), and the `/en/` address names
its English language version. All are the site's permanent page addresses.
The context is given inline (`@vocab`), so a reader needs no network to
expand it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from markupsafe import Markup

from styrdok.data import urls
from styrdok.data.library import Library
from styrdok.data.model import LANGUAGES
from styrdok.render.settings import SiteSettings
from styrdok.views.versions import Version, start_of

SCHEMA = "https://schema.org/"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def page_uri(settings: SiteSettings, doc_id: str, language: str) -> str:
    return settings.absolute(language, urls.document(doc_id).url)


def legislation(library: Library, doc_id: str, language: str, today: dt.date, settings: SiteSettings,
                versions: list[Version], replaced: list[str]) -> dict[str, Any]:
    """The facts of one document page in one language; `replaced`: the
    documents (sorted) that this one replaced."""
    loaded = library.documents[doc_id]
    doc = loaded.model
    shown = language if language in doc.versions else next(iter(doc.versions))
    org = library.organisations[loaded.organisation]
    adopted = next((d for d in doc.decisions if d.kind == "adopted"), None)
    line = [v.doc_id for v in versions]
    place = line.index(doc_id) if doc_id in line else 0
    data: dict[str, Any] = {
        "@context": {"@vocab": SCHEMA},
        "@type": "Legislation",
        "@id": page_uri(settings, doc_id, language),
        "url": page_uri(settings, doc_id, language),
        "name": doc.title.get(shown),
        "inLanguage": shown,
        "identifier": [doc_id, *(i.value for i in doc.identifiers)],
        "legislationIdentifier": doc_id,
        "legislationType": [library.types[t].name.get(language) for t in doc.types],
        "legislationJurisdiction": {"@type": "AdministrativeArea", "name": org.name.get(language)},
        "legislationLegalForce": {"@id": SCHEMA + ("InForce" if doc.in_force_on(today) else "NotInForce")},
        "version": doc.version,
        "legislationDate": _iso(adopted.date if adopted else None),
        "legislationDateVersion": _iso(start_of(doc)),
        "datePublished": _iso(doc.published),
        "exampleOfWork": {"@id": page_uri(settings, line[-1], language)} if line and line[-1] != doc_id else None,
    }
    if adopted and adopted.body:
        data["legislationPassedBy"] = {"@type": "GovernmentOrganization",
                                       "name": library.actor(loaded.organisation, adopted.body).name.get(language)}
    kind = doc.versions[shown].kind
    if kind == "original":
        data["workTranslation"] = [{"@id": page_uri(settings, doc_id, lang)} for lang in LANGUAGES
                                   if lang != shown and lang in doc.versions]
    else:
        original = next((lang for lang, v in doc.versions.items() if v.kind == "original"), None)
        if original is not None:
            data["translationOfWork"] = {"@id": page_uri(settings, doc_id, original)}
    # What this text changes: the version before it, and documents it replaced.
    changed = [line[place - 1]] if place > 0 else []
    changed += replaced
    if changed:
        data["legislationChanges"] = [{"@id": page_uri(settings, d, language)} for d in changed]
    return {k: v for k, v in data.items() if v not in (None, [], {})}


def script(data: dict[str, Any]) -> Markup:
    """JSON for a `<script>` element: `<`, `>` and `&` as escapes, so no
    text can close the element or start markup."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
