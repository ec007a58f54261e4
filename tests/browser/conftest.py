"""Headless Chromium (Debian's build) driven by Playwright, with axe-core for accessibility.

Browser tests use pytest-django's live_server, so their data must be committed: they take
`transactional_db`, and build pages with the same fixtures as the other tests.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from scripts.chromium import launch

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [320, 1280]
# There once static/js/site.js has started the page's components (a selector: the site's CSP allows no eval).
SETTLED = "body[data-components-ready]"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width=1280, javascript=True, status=200) -> a Playwright page that has loaded url.

    With javascript=False the site's scripts are never fetched, so the page is exactly what a
    browser without JavaScript shows, while axe-core (injected by Playwright) can still run in it.
    """
    contexts = []

    def _open(url, width=1280, javascript=True, status=200):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        if not javascript:
            page.route(
                "**/*", lambda route: route.abort() if route.request.resource_type == "script" else route.continue_()
            )
        page.set_default_timeout(15_000)
        response = page.goto(url)
        assert response is not None and response.status == status, f"{url} answered {response and response.status}"
        # The header and other components start after load (static/js/site.js): let them settle. The admin
        # has no site.js.
        if javascript and page.locator('script[src*="/js/site"]').count():
            page.wait_for_selector(SETTLED, state="attached")
        return page

    yield _open
    for context in contexts:
        context.close()


# The newest axe-core, vendored from npm (axe-core@4.14.1, MPL-2.0): axe-playwright-python bundles an older
# one (4.12) that misses rules such as label-content-name-mismatch (WCAG 2.5.3). To update:
# `npm pack axe-core@X.Y.Z`, copy package/axe.min.js here as axe-core-X.Y.Z.min.js, and change AXE_CORE.
AXE_CORE = Path(__file__).parent / "vendor" / "axe-core-4.14.1.min.js"


@pytest.fixture(scope="session")
def axe():
    return Axe(axe_script=AXE_CORE.read_text(encoding="utf-8"))


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules; fail listing every violation."""

    def _check(page):
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        details = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[node['target'] for node in v['nodes']][:5]}"
            for v in violations
        ]
        assert violations == [], f"axe-core found {len(violations)} violations on {page.url}:\n" + "\n".join(details)

    return _check
