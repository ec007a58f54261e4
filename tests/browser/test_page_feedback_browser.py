"""'Is this page useful?' in Chromium: keyboard only, with JavaScript (the form is replaced in place, focus
moves to the answer) and without it (each answer is a page); an empty comment gets the error summary;
no cookie is ever set; axe-core on every step at 320px and 1280px, JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from stp_site.page_feedback.models import PageFeedback
from tests.browser.conftest import WIDTHS
from tests.browser.test_signup_browser import tab_to
from tests.home.factories import StandardPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUTTON = "document.activeElement && document.activeElement.matches('.app-page-feedback button[value={}]')"
SEND = "document.activeElement && document.activeElement.matches('.app-page-feedback__comment button')"
BACK = "Go back to Winter vaccinations"


@pytest.fixture
def content_page(home):
    return StandardPageFactory(parent=home, title="Winter vaccinations", slug="winter-vaccinations")


def heading(page):
    """The feedback panel's heading: an h2 on the page, the h1 of an answer's own page."""
    return page.locator("#page-feedback-heading").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_keyboard_only_vote_and_comment(live_server, content_page, open_page, javascript):
    url = live_server.url + content_page.url
    page = open_page(url, javascript=javascript)
    assert heading(page) == "Is this page useful?"
    tab_to(page, BUTTON.format("no"))
    page.keyboard.press("Enter")
    if javascript:
        # (expect, not wait_for_function: the site's CSP forbids the eval that a polled string needs)
        expect(page.locator("#page-feedback-heading")).to_be_focused()
        assert page.url == url  # replaced in place
    else:
        page.wait_for_url("**/page-feedback/")
        assert page.locator("h1").inner_text() == "Thank you for your feedback"
    assert heading(page) == "Thank you for your feedback"
    assert PageFeedback.objects.get().useful is False

    tab_to(page, SEND)  # sent empty: the error summary
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.locator(".nhsuk-error-summary a").inner_text() == "Enter how we can improve this page"
    if javascript:
        expect(page.locator(".nhsuk-error-summary")).to_be_focused()
        page.keyboard.press("Tab")  # its link
    else:
        assert page.title().startswith("Error: ")
        tab_to(page, "document.activeElement && document.activeElement.matches('.nhsuk-error-summary a')")
    page.keyboard.press("Enter")
    expect(page.locator("#id_comment")).to_be_focused()
    page.keyboard.type("Say which clinics open at weekends.")
    tab_to(page, SEND)
    page.keyboard.press("Enter")
    if javascript:
        expect(page.locator("#page-feedback-heading")).to_have_text("Thank you for your comment")
        expect(page.locator("#page-feedback-heading")).to_be_focused()
    else:
        page.wait_for_url("**/page-feedback/comment/")
    assert heading(page) == "Thank you for your comment"
    assert PageFeedback.objects.get().comment == "Say which clinics open at weekends."
    assert page.context.cookies() == []
    if not javascript:
        tab_to(
            page, "document.activeElement && document.activeElement.textContent === 'Go back to Winter vaccinations'"
        )
        page.keyboard.press("Enter")
        page.wait_for_url(url)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_every_step_has_no_wcag_violations(live_server, content_page, open_page, assert_accessible, width, javascript):
    page = open_page(live_server.url + content_page.url, width=width, javascript=javascript)
    assert_accessible(page)
    page.locator(".app-page-feedback button[value=yes]").click()
    page.wait_for_selector("#id_comment")
    assert_accessible(page)
    page.locator(".app-page-feedback__comment button").click()
    page.wait_for_selector(".nhsuk-error-summary")
    assert_accessible(page)
    page.fill("#id_comment", "Clear and short.")
    page.locator(".app-page-feedback__comment button").click()
    expect(page.locator("#page-feedback-heading")).to_have_text("Thank you for your comment")
    assert_accessible(page)
