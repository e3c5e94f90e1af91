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

    def __post_init__(self) -> None:
        """`publisher` as mkdocs.yml writes it (`{name: {sv, en}, url}`) becomes a Publisher."""
        if isinstance(self.publisher, Mapping):
            given = self.publisher
            object.__setattr__(self, "publisher", Publisher(name=dict(given.get("name") or {}),
                                                            url=str(given.get("url") or "")))

    @classmethod
    def from_options(cls, site_url: str, options: Mapping[str, Any]) -> SiteSettings:
        """The settings from mkdocs.yml's `extra.styrdok` mapping."""
        return cls(site_url=site_url, **dict(options))

    def publisher_name(self, language: str) -> str | None:
        return self.publisher.name.get(language) or None

    def publisher_url(self) -> str:
        """The publisher's address, or the site's own when none is set."""
        return self.publisher.url or self.site_url

    def absolute(self, language: str, url: str, default_language: str = "sv") -> str:
        prefix = "" if language == default_language else f"{language}/"
        return self.site_url.rstrip("/") + "/" + prefix + url
