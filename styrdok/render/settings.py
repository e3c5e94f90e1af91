"""Settings that come from the site's configuration (mkdocs.yml `extra.styrdok`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from styrdok.views.review import DEFAULT_DUE_SOON_DAYS


@dataclass(frozen=True)
class SiteSettings:
    site_url: str = ""  # absolute base URL; feeds need absolute links
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS  # "due soon" window for the calendar
    # Who publishes the site: `{name: {sv, en}, url}`; the front page and the open data catalogue name it.
    publisher: dict[str, Any] = field(default_factory=dict)

    def publisher_name(self, language: str) -> str | None:
        names = self.publisher.get("name") or {}
        return names.get(language) if isinstance(names, dict) else None

    def publisher_url(self) -> str:
        """The publisher's address, or the site's own when none is set."""
        return str(self.publisher.get("url") or self.site_url)

    def absolute(self, language: str, url: str, default_language: str = "sv") -> str:
        prefix = "" if language == default_language else f"{language}/"
        return self.site_url.rstrip("/") + "/" + prefix + url
