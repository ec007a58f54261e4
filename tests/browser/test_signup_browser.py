"""The sign-up form in Chromium: a keyboard-only journey through errors to the thank-you page, and
axe-core on the empty form, the error state and the thank-you page at 320px and 1280px."""

import pytest

from get_involved.models import SignUp
from tests.browser.conftest import WIDTHS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def form_url(live_server, group, settings):
    settings.SIGNUP_MIN_SECONDS = 0  # the browser is quicker than a person; the trap has its own tests
    return live_server.url + group.url


def active_id(page):
    return page.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.tagName)")


def tab_to(page, predicate, key="Tab", limit=120):
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(predicate):
            return
    raise AssertionError(f"could not reach {predicate} with {key}")


def tab_to_id(page, element_id, key="Tab"):
    tab_to(page, f"document.activeElement && document.activeElement.id === {element_id!r}", key=key)


SEND_BUTTON = "document.activeElement && document.activeElement.matches('main button[type=submit]')"


def test_keyboard_only_journey_through_errors_to_thank_you(form_url, open_page):
    page = open_page(form_url, width=1280)
    tab_to_id(page, "id_full_name")
    page.keyboard.type("Siân O'Brien")
    tab_to_id(page, "id_email")
    page.keyboard.type("not-an-email")
    tab_to_id(page, "id_postcode")
    page.keyboard.type("nowhere")
    tab_to_id(page, "id_take_part_1")
    page.keyboard.press("Space")
    tab_to_id(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/digital/")
    page.wait_for_selector(".nhsuk-error-summary")

    assert page.title().startswith("Error: ")
    assert SignUp.objects.count() == 0
    # Answers are kept.
    assert page.input_value("#id_full_name") == "Siân O'Brien"
    assert page.is_checked("#id_take_part_1") and page.is_checked("#id_consent")
    links = page.locator(".nhsuk-error-summary a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["#id_email", "#id_postcode"]

    # The summary takes focus; the first link goes to the email field.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_email"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'id_email'")
    page.keyboard.press("Control+A")
    page.keyboard.type("sian@example.com")

    # Back up to the summary's second link, follow it, fix the postcode.
    tab_to(page, "document.activeElement.getAttribute('href') === '#id_postcode'", key="Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'id_postcode'")
    page.keyboard.press("Control+A")
    page.keyboard.type("st4 1aa")

    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/digital/thank-you/")
    assert page.locator("h1").inner_text() == "Thank you for signing up"
    sign_up = SignUp.objects.get()
    assert (sign_up.email, sign_up.postcode, sign_up.take_part) == ("sian@example.com", "ST4 1AA", ["online"])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_form_error_state_and_thank_you_have_no_wcag_violations(
    form_url, open_page, assert_accessible, width, javascript
):
    page = open_page(form_url, width=width, javascript=javascript)
    assert_accessible(page)

    page.click("main button[type=submit]")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error: ")
    assert_accessible(page)

    page.fill("#id_full_name", "李小龙")
    page.fill("#id_phone", "01782 683080")
    page.fill("#id_postcode", "sw1a1aa")
    page.check("#id_take_part_0")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/thank-you/")
    assert_accessible(page)
    assert SignUp.objects.get().postcode == "SW1A 1AA"


@pytest.mark.parametrize("width", WIDTHS)
def test_closed_group_index_and_get_involved_pages_have_no_wcag_violations(
    live_server, group, open_page, assert_accessible, width
):
    for path in ("/get-involved/", "/get-involved/patient-reference-groups/"):
        assert_accessible(open_page(live_server.url + path, width=width))
    group.is_closed = True
    group.save_revision().publish()
    page = open_page(live_server.url + group.url, width=width)
    assert "not taking new members" in page.content()
    assert_accessible(page)


def test_honeypot_is_not_reachable_or_visible(form_url, open_page):
    page = open_page(form_url, width=320)
    honeypot = page.locator("#id_website")
    assert not honeypot.is_visible() or honeypot.bounding_box()["x"] < 0
    tab_to(page, SEND_BUTTON)
    # Walking back from the button never lands on the honeypot.
    for _ in range(80):
        page.keyboard.press("Shift+Tab")
        assert active_id(page) != "id_website"


@pytest.mark.parametrize("width", WIDTHS)
def test_rate_limited_and_not_sent_pages_have_no_wcag_violations(
    form_url, open_page, assert_accessible, settings, width
):
    settings.SIGNUP_RATE_LIMIT = "1/h"
    page = open_page(form_url, width=width)
    page.fill("#id_full_name", "Sam")
    page.click("main button[type=submit]")  # the one allowed post: errors
    page.wait_for_selector(".nhsuk-error-summary")
    page.click("main button[type=submit]")  # blocked
    page.wait_for_selector("text=Please wait before you try again")
    assert page.input_value("#id_full_name") == "Sam"
    assert_accessible(page)

    settings.SIGNUP_RATE_LIMIT = "100/h"
    settings.SIGNUP_MIN_SECONDS = 3600  # every post now looks too fast: the generic "not sent" page
    page = open_page(form_url, width=width)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Sorry, your form was not sent")
    assert_accessible(page)
    assert SignUp.objects.count() == 0
