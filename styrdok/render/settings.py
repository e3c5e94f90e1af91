"""Settings that come from the site's configuration (mkdocs.yml `extra.styrdok`)."""

from __future__ import annotations

from dataclasses import dataclass

from styrdok.views.review import DEFAULT_DUE_SOON_DAYS


@dataclass(frozen=True)
class SiteSettings:
    site_url: str = ""  # absolute base URL; feeds need absolute links
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS  # "due soon" window for the calendar

    def absolute(self, language: str, url: str, default_language: str = "sv") -> str:
        prefix = "" if language == default_language else f"{language}/"
        return self.site_url.rstrip("/") + "/" + prefix + url
