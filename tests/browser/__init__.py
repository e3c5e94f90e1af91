"""Browser tests: the built site in Debian's chromium, driven by Playwright."""
