"""The open data catalogue: every export of the site described in
DCAT-AP-SE (version 2.2.0), as JSON-LD, for Sweden's open data portal.

One dataset per export and organisation (the responsibility matrix, the
news feed, the review calendar) and one each for the whole library's feed
and calendar; a distribution per file, with its download address. Titles
and descriptions come from words.yaml in both languages; the publisher from
`extra.styrdok.publisher` (SiteSettings), the same setting the front page
uses. The licence is CC0 1.0 (README, "Decisions"). The shapes it must pass
are in schema/dcat-ap-se-shapes.ttl (tests/test_open_data.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from styrdok.data import urls
from styrdok.data.library import Library
from styrdok.data.model import LANGUAGES
from styrdok.render.settings import SiteSettings
from styrdok.render.words import Words

LICENCE = "http://creativecommons.org/publicdomain/zero/1.0/"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/IRREG"  # rebuilt when the data changes
THEME = "http://publications.europa.eu/resource/authority/data-theme/GOVE"
LANGUAGE = {"sv": "http://publications.europa.eu/resource/authority/language/SWE",
            "en": "http://publications.europa.eu/resource/authority/language/ENG"}
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}


def _both(key: str, suffix: str = "") -> list[dict[str, str]]:
    return [{"@value": Words(lang)[key] + suffix, "@language": lang} for lang in LANGUAGES]


def _names(names: dict[str, str]) -> list[dict[str, str]]:
    return [{"@value": names[lang], "@language": lang} for lang in LANGUAGES if names.get(lang)]


def catalogue(library: Library, settings: SiteSettings) -> dict[str, Any]:
    """The catalogue as a JSON-LD document."""
    home = settings.absolute("sv", "")
    publisher = {"@id": settings.publisher_url(), "@type": "foaf:Agent",
                 "foaf:name": _names({lang: settings.publisher_name(lang) or "" for lang in LANGUAGES})}
    contact = {"@type": "vcard:Organization",
               "vcard:fn": settings.publisher_name("sv") or "", "vcard:hasURL": {"@id": settings.publisher_url()}}

    def distribution(address: str, language: str, file_type: str, media: str, title: list[dict[str, str]]) -> dict[str, Any]:
        url = settings.absolute(language, address)
        return {"@id": url + "#distribution", "@type": "dcat:Distribution", "dct:title": title,
                "dcat:accessURL": {"@id": url}, "dcat:downloadURL": {"@id": url},
                "dct:format": {"@id": FILE_TYPE + file_type}, "dcat:mediaType": {"@id": MEDIA_TYPE + media},
                "dct:license": {"@id": LICENCE}}

    def dataset(key: str, title: list[dict[str, str]], description: str,
                distributions: list[dict[str, Any]]) -> dict[str, Any]:
        return {"@id": f"{home}{urls.CATALOGUE_FILE}#{key}", "@type": "dcat:Dataset", "dct:title": title,
                "dct:description": _both(description), "dct:publisher": publisher, "dcat:contactPoint": contact,
                "dcat:keyword": _both("catalogue_keyword"), "dcat:theme": {"@id": THEME},
                "dct:accrualPeriodicity": {"@id": FREQUENCY}, "dcat:landingPage": {"@id": home},
                "dct:language": [{"@id": LANGUAGE[lang]} for lang in LANGUAGES],
                "dcat:distribution": distributions}

    def titled(key: str, org_id: str | None) -> list[dict[str, str]]:
        return [{"@value": Words(lang)[key] + ("" if org_id is None else
                                               f": {library.organisations[org_id].name.get(lang)}"),
                 "@language": lang} for lang in LANGUAGES]

    def feeds(org_id: str | None) -> list[dict[str, Any]]:
        key = "all" if org_id is None else org_id
        calendar_url = f"{urls.calendar(org_id).url}{urls.FEED_NAME}.ics"
        return [
            dataset(f"news-{key}", titled("news_title", org_id), "dataset_news_description",
                    [distribution(urls.news_feed(org_id, lang)[1], lang, "ATOM", "application/atom+xml",
                                  [{"@value": Words(lang).news_title, "@language": lang}]) for lang in LANGUAGES]),
            dataset(f"calendar-{key}", titled("calendar_title", org_id), "dataset_calendar_description",
                    [distribution(calendar_url, lang, "ICS", "text/calendar",
                                  [{"@value": Words(lang).calendar_title, "@language": lang}]) for lang in LANGUAGES]),
        ]

    def csv_and_json(address: Callable[[str], str]) -> list[dict[str, Any]]:
        """The CSV and JSON files of an export (the same bilingual file under both languages)."""
        return [distribution(address(ext), "sv", file_type, media, _both(word))
                for ext, file_type, media, word in (("csv", "CSV", "text/csv", "export_csv"),
                                                    ("json", "JSON", "application/json", "export_json"))]

    datasets = feeds(None)
    datasets.append(dataset("documents", _both("document_list_title"), "dataset_documents_description",
                            csv_and_json(lambda ext: urls.document_list(ext, "sv"))))
    for org_id in sorted(library.organisations):
        datasets.append(dataset(f"matrix-{org_id}", titled("org_matrix_title", org_id), "dataset_matrix_description",
                                csv_and_json(lambda ext, org_id=org_id: urls.export(org_id, ext, "sv"))))
        datasets.extend(feeds(org_id))
    return {
        "@context": CONTEXT,
        "@id": f"{home}{urls.CATALOGUE_FILE}",
        "@type": "dcat:Catalog",
        "dct:title": _both("catalogue_title"),
        "dct:description": _both("catalogue_description"),
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": home},
        "dct:license": {"@id": LICENCE},
        "dct:language": [{"@id": LANGUAGE[lang]} for lang in LANGUAGES],
        "dcat:dataset": datasets,
    }


def catalogue_json(library: Library, settings: SiteSettings) -> str:
    return json.dumps(catalogue(library, settings), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
