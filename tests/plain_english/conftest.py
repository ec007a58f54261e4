"""The Chromium fixtures (tests/browser/conftest.py), for this folder's browser test of the live checks."""

from tests.browser.conftest import browser, open_page  # noqa: F401
