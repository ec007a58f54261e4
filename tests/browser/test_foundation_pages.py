"""The partnership's own page types in Chromium: axe-core clean at 320px and 1280px, with and without
JavaScript; the skip link is the first tab stop and moves focus to the main content."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from stp_site.core.models import AlertBanner
from stp_site.home.models import StandardPage, VisionPage
from tests.browser.conftest import WIDTHS
from tests.factories import publish
from tests.sites import default_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def foundation_site(home):
    vision = publish(
        home,
        VisionPage(
            title="Our vision",
            slug="our-vision",
            vision_statement="The healthiest places to live and work",
            body=[{"type": "rich_text", "value": "<h2>How it began</h2><p>We began in 2016.</p>"}],
            show_in_menus=True,
            listing_summary="What we want to achieve.",
            last_reviewed=date(2026, 11, 1),
        ),
    )
    standard = publish(
        home,
        StandardPage(
            title="Contact us",
            slug="contact-us",
            listing_summary="How to reach us.",
            body=[
                {"type": "rich_text", "value": "<p>Phone us on 0300 123 4567.</p>"},
                {"type": "details", "value": {"summary": "Opening times", "body": "<p>9am to 5pm.</p>"}},
                {"type": "warning_callout", "value": {"title": "Important", "body": "<p>Call 999.</p>"}},
                {"type": "inset_text", "value": {"body": "<p>We answer in 2 days.</p>"}},
            ],
        ),
    )
    alert = AlertBanner.for_site(default_site())
    alert.title = "Get help now"
    alert.body = "<p>Call NHS 111 for urgent help.</p>"
    alert.save()
    return {"home": home, "vision": vision, "standard": standard}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("path", ["/", "/our-vision/", "/contact-us/", "/no-such-page/"])
def test_page_types_have_no_wcag_violations(
    live_server, foundation_site, open_page, assert_accessible, path, width, javascript
):
    status = 404 if path == "/no-such-page/" else 200
    page = open_page(live_server.url + path, width=width, javascript=javascript, status=status)
    assert page.locator("main#maincontent").count() == 1
    if not javascript:
        assert page.evaluate("document.body.classList.contains('js-enabled')") is False
    assert_accessible(page)


def test_skip_link_is_first_tab_stop_and_focuses_main(live_server, foundation_site, open_page):
    page = open_page(live_server.url + "/our-vision/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'maincontent'")


def test_page_works_without_javascript(live_server, foundation_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/contact-us/")
    assert page.evaluate("document.body.classList.contains('js-enabled')") is False
    page.get_by_text("Opening times").click()  # native <details> opens with no script
    expect(page.get_by_text("9am to 5pm.")).to_be_visible()
    page.get_by_role("link", name="Our vision").first.click()
    expect(page).to_have_url(live_server.url + "/our-vision/")
    expect(page.locator("h1")).to_have_text("Our vision")
    context.close()


def test_javascript_enhances_page_and_makes_no_third_party_requests(live_server, foundation_site, browser):
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(live_server.url + "/")
    expect(page.locator("body")).to_have_class(re.compile(r"\bnhsuk-frontend-supported\b"))
    page.wait_for_load_state("networkidle")  # every request the page makes has been made
    assert errors == []
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    expect(page.get_by_text("Call NHS 111 for urgent help.")).to_be_visible()
    context.close()
