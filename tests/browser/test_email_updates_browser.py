"""Get email updates in Chromium: subscribing keyboard-only through errors to "check your email", with
JavaScript on and off, then the confirmation link, the unsubscribe page and its button; axe-core on the
form (empty and with errors), "check your email", the confirmation, "change what you get" and the
unsubscribe pages."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from stp_site.email_updates.models import Subscriber
from tests.email_updates.helpers import EMAIL, make_updates_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEND_BUTTON = "document.activeElement && document.activeElement.matches('main button[type=submit]')"


@pytest.fixture
def section(home, live_server, settings):
    settings.SIGNUP_MIN_SECONDS = 0  # the browser is quicker than a person; the trap has its own tests
    return make_updates_section(home)


def tab_to(page, predicate, key="Tab", limit=120):
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(predicate):
            return
    raise AssertionError(f"could not reach {predicate} with {key}")


def tab_to_id(page, element_id, key="Tab"):
    tab_to(page, f"document.activeElement && document.activeElement.id === {element_id!r}", key=key)


def confirmation_path():
    (message,) = [message for message in mail.outbox if message.subject == "Confirm you want email updates"]
    return re.search(r"http://localhost(/email-updates/confirm/\S+/)", message.body).group(1)


def send_bad_then_good(page, assert_accessible):
    """Bad input (an address in the wrong form, no choice, no consent), then put right by keyboard only."""
    tab_to_id(page, "id_email")
    page.keyboard.type("not-an-email")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error: ")
    links = page.locator(".nhsuk-error-summary a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs == ["#id_email", "#id_topics_0", "#id_consent"]
    assert page.input_value("#id_email") == "not-an-email"  # what they typed is kept
    assert not Subscriber.objects.exists()
    assert_accessible(page)

    tab_to(page, "document.activeElement.getAttribute('href') === '#id_email'")
    page.keyboard.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(EMAIL)
    tab_to_id(page, "id_topics_2")  # the first programme, after all news and consultations
    page.keyboard.press("Space")
    tab_to_id(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/email-updates/check-your-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    assert_accessible(page)


@pytest.mark.parametrize(("javascript", "width"), [(True, 1280), (False, 320)])
def test_subscribe_keyboard_only_confirm_and_unsubscribe(
    section, live_server, open_page, assert_accessible, javascript, width
):
    page = open_page(live_server.url + section["page"].url, width=width, javascript=javascript)
    assert_accessible(page)
    send_bad_then_good(page, assert_accessible)
    stored = Subscriber.objects.get()
    assert stored.status == "pending"
    assert list(stored.programmes.values_list("slug", flat=True)) == ["digital"]

    confirmed = open_page(live_server.url + confirmation_path(), width=width, javascript=javascript)
    assert confirmed.locator("h1").inner_text() == "You will now get email updates"
    assert_accessible(confirmed)
    stored.refresh_from_db()
    assert stored.status == "confirmed"

    choices = open_page(live_server.url + f"/email-updates/manage/{stored.key}/", width=width, javascript=javascript)
    assert choices.is_checked("#id_topics_2")
    assert_accessible(choices)

    leaving = open_page(
        live_server.url + f"/email-updates/unsubscribe/{stored.key}/", width=width, javascript=javascript
    )
    assert_accessible(leaving)
    tab_to(leaving, SEND_BUTTON)
    leaving.keyboard.press("Enter")
    expect(leaving.locator("h1")).to_have_text("You will not get any more email updates")
    assert_accessible(leaving)
    assert not Subscriber.objects.exists()
