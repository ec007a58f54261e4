"""An event's booking form in Chromium: a keyboard-only journey from the event's page through errors to
the thank-you page, with JavaScript on and off; axe-core on the events page, an event, the booking form
(and its error state), the thank-you page and a full event's closed form, at 320px and 1280px."""

import pytest

from stp_site.events.models import EventBooking
from tests.browser.conftest import WIDTHS
from tests.browser.test_signup_browser import SEND_BUTTON, tab_to, tab_to_id
from tests.events.factories import EventBookingFactory, EventPageFactory, in_days, make_events

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOOK_BUTTON = "document.activeElement && document.activeElement.textContent.trim() === 'Say you are coming'"


@pytest.fixture
def event(home, settings):
    settings.SIGNUP_MIN_SECONDS = 0  # the browser is quicker than a person; the trap has its own tests
    return EventPageFactory(parent=make_events(home), title="Drop-in at Stafford Library", places=20,
                            starts_at=in_days(12, hour=10))  # fmt: skip


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_keyboard_only_booking_through_errors_to_the_thank_you_page(live_server, event, open_page, javascript):
    page = open_page(live_server.url + event.url, width=1280, javascript=javascript)
    tab_to(page, BOOK_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/book/")

    tab_to_id(page, "id_full_name")
    page.keyboard.type("Siân O'Brien")
    tab_to_id(page, "id_email")
    page.keyboard.type("not an email")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error: ")
    links = page.locator(".nhsuk-error-summary a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == ["#id_email", "#id_consent"]
    assert page.input_value("#id_full_name") == "Siân O'Brien"
    assert EventBooking.objects.count() == 0

    tab_to_id(page, "id_email")
    page.keyboard.press("Control+A")
    page.keyboard.type("sian@example.com")
    tab_to_id(page, "id_people_0")
    page.keyboard.press("ArrowDown")  # radios: the arrow keys move the choice to 2
    tab_to_id(page, "id_access_needs")
    page.keyboard.type("A hearing loop, please")
    tab_to_id(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/book/thank-you/")
    assert page.locator("h1").inner_text() == "You are booked in"
    assert page.locator("a[href$='calendar.ics']").count() == 1

    booking = EventBooking.objects.get()
    assert (booking.email, booking.people, booking.access_needs) == ("sian@example.com", 2, "A hearing loop, please")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_event_pages_have_no_wcag_violations(live_server, event, open_page, assert_accessible, width, javascript):
    EventPageFactory(parent=event.get_parent(), title="Conversation Staffordshire: Stafford", starts_at=in_days(-60))
    assert_accessible(open_page(live_server.url + event.get_parent().url, width=width, javascript=javascript))
    assert_accessible(open_page(live_server.url + event.url, width=width, javascript=javascript))

    page = open_page(live_server.url + event.url + "book/", width=width, javascript=javascript)
    assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_selector(".nhsuk-error-summary")
    assert_accessible(page)
    page.fill("#id_full_name", "李小龙")
    page.fill("#id_phone", "01782 683080")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/thank-you/")
    assert_accessible(page)

    full = EventPageFactory(parent=event.get_parent(), title="Full drop-in", places=1)
    EventBookingFactory(event=full)
    page = open_page(live_server.url + full.url + "book/", width=width, javascript=javascript)
    assert "Every place is taken" in page.content()
    assert_accessible(page)
