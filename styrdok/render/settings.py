"""Settings that come from the site's configuration (mkdocs.yml `extra.styrdok`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from styrdok.views.review import DEFAULT_DUE_SOON_DAYS


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site. The data names the organisations whose
    documents are shown, never who runs the site, so it is a setting."""

    name: Mapping[str, str] = field(default_factory=dict)  # per language
    url: str = ""


@dataclass(frozen=True)
class SiteSettings:
    site_url: str = ""  # absolute base URL; feeds need absolute links
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS  # "due soon" window for the calendar
    publisher: Publisher = Publisher()
    # Where "report an error" leads: an absolute address (https:, mailto:) or
    # a page of the site in the reader's language, such as `om/#rapportera-fel`.
    report_error: str = ""

    @classmethod
    def from_options(cls, site_url: str, options: Mapping[str, Any]) -> SiteSettings:
        """The settings from mkdocs.yml's `extra.styrdok` mapping."""
        given = dict(options)
        publisher = given.pop("publisher", None) or {}
        return cls(site_url=site_url, publisher=Publisher(name=dict(publisher.get("name") or {}),
                                                           url=str(publisher.get("url") or "")), **given)

    def absolute(self, language: str, url: str, default_language: str = "sv") -> str:
        prefix = "" if language == default_language else f"{language}/"
        return self.site_url.rstrip("/") + "/" + prefix + url
