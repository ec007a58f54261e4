"""'Say you are coming': good input is stored in one row (with the referral code, consent and the privacy
notice) and the organisers told without personal data; bad input gets the NHS error summary with what was
typed kept; spam is refused quietly; a full, started or cancelled event takes none (409)."""

import html
import time

import pytest

from django.core import mail

from get_involved.forms import make_started_token
from stp_site.core.models import SiteSettings
from stp_site.events.models import EventBooking, EventPage, EventSettings
from tests import html as h
from tests.get_involved.factories import ReferralPartnerFactory
from tests.sites import default_site

from .factories import EventBookingFactory, EventPageFactory, in_days, make_events

pytestmark = pytest.mark.django_db

NAME = "Siân O'Brien-Nguyễn"
EMAIL = "sian.obrien@example.com"
NEEDS = "I use a wheelchair and need a hearing loop"
ORGANISER = "engagement@example.org"


@pytest.fixture
def event(home):
    settings_row = EventSettings.for_site(default_site())
    settings_row.booking_emails = ORGANISER
    settings_row.save()
    return EventPageFactory(parent=make_events(home), title="Drop-in at Stafford Library", places=10)


def good(**changes):
    data = {
        "full_name": NAME,
        "email": EMAIL,
        "phone": "",
        "people": "2",
        "access_needs": NEEDS,
        "consent": "on",
        "ref": "",
        "started": make_started_token(time.time() - 60),
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def form_url(event):
    return event.url + "book/"


def test_the_form_asks_the_right_questions_and_is_never_cached(client, event):
    response = client.get(form_url(event))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    content = response.content.decode()
    assert h.elements(content, "input", name="full_name", autocomplete="name")
    assert [h.attribute(content, "input", "value", id=f"id_people_{n}") for n in range(5)] == list("12345")
    assert h.elements(content, "input", name="people", value="1", checked=True)
    assert "For example a hearing loop, step-free access, a BSL interpreter" in content
    legend = h.texts(content, "legend")
    assert "How many people are coming, including you?" in legend


def test_a_good_booking_is_stored_and_the_organiser_told_without_personal_data(
    client, event, django_capture_on_commit_callbacks
):
    partner = ReferralPartnerFactory(name="Healthwatch Staffordshire", code="healthwatch-staffordshire")
    assert h.elements(
        client.get(form_url(event), {"ref": partner.code}).content.decode(), "input", name="ref", value=partner.code
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(event), good(ref=partner.code))
    assert response.status_code == 303
    assert response["Location"] == form_url(event) + "thank-you/"
    booking = EventBooking.objects.get()
    assert (booking.event_id, booking.full_name, booking.email, booking.people, booking.access_needs) == (
        event.pk, NAME, EMAIL, 2, NEEDS,
    )  # fmt: skip
    assert booking.referral == partner and booking.consent_to_contact and booking.spool_id is None
    assert booking.expires_at == event.ends_at + EventSettings.for_site(default_site()).retention_period()

    (message,) = mail.outbox
    assert message.to == [ORGANISER]
    for personal in (NAME, EMAIL, "wheelchair"):
        assert personal not in message.subject + message.body
    assert f"/admin/event_bookings/inspect/{booking.pk}/" in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "no-store" in thanks["Cache-Control"]
    content = thanks.content.decode()
    assert "You are booked in" in content
    assert event.url + "calendar.ics" in h.hrefs(content)
    assert "30 days after the event" in content


def test_the_thank_you_says_how_to_tell_us_you_cannot_come(client, event):
    site_settings = SiteSettings.for_site(default_site())
    site_settings.phone, site_settings.email = "0300 123 4567", "events@example.org"
    site_settings.save()
    content = client.get(form_url(event) + "thank-you/").content.decode()
    assert "If you cannot come after all, please let us know: call" in content
    assert {"tel:03001234567", "mailto:events@example.org"} <= set(h.hrefs(content))


def test_booking_again_changes_the_booking_instead_of_adding_one(client, event):
    client.post(form_url(event), good(people="2"))
    client.post(form_url(event), good(people="3", access_needs=""))
    booking = EventBooking.objects.get()
    assert (booking.people, booking.access_needs) == (3, "")


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"full_name": "", "email": "", "people": None, "consent": None},
            [
                "Enter your full name",
                "Enter an email address or a phone number, so we can tell you if anything changes",
                "Select how many people are coming",
                "Tick the box to say we can contact you about this event",
            ],
        ),
        ({"people": "9"}, ["Choose a number from 1 to 5"]),
        ({"access_needs": "Loop " * 300}, ["must be 1000 characters or fewer"]),
        ({"access_needs": "A ramp\x00 please"}, ["contains a character we cannot store"]),
        ({"email": "not an email"}, ["Enter an email address in the correct format, like name@example.com"]),
        ({"email": "", "phone": "call me"}, ["Enter a phone number, like 01782 123456 or 07123 456789"]),
    ],
)
def test_bad_input_gets_the_error_summary_keeps_what_was_typed_and_stores_nothing(client, event, changes, messages):
    response = client.post(form_url(event), good(**changes))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    summary = h.element(content, "div", class_="nhsuk-error-summary")
    links = h.hrefs(summary)
    assert links and all(link.startswith("#id_") for link in links)
    for message in messages:
        assert html.escape(message) in str(summary), message
    assert EventBooking.objects.count() == 0
    if changes.get("full_name") is None:
        assert h.elements(content, "input", name="full_name", value=NAME)  # what they typed is still there


def test_spam_is_refused_quietly(client, event):
    assert client.post(form_url(event), good(website="http://spam.example")).status_code == 400
    assert client.post(form_url(event), good(started=make_started_token())).status_code == 400
    assert EventBooking.objects.count() == 0


def test_too_many_bookings_from_one_address_are_refused(client, event, settings):
    settings.SIGNUP_RATE_LIMIT = "2/h"
    for number in range(2):
        assert client.post(form_url(event), good(email=f"person{number}@example.org")).status_code == 303
    response = client.post(form_url(event), good(email="third@example.org"))
    assert response.status_code == 429
    assert EventBooking.objects.count() == 2


def test_a_full_event_takes_no_more_bookings(client, event, django_capture_on_commit_callbacks):
    EventBookingFactory(event=event, people=9)
    # Two people want the one place left: 409, the page says it is full, and nothing is stored.
    response = client.post(form_url(event), good(people="2"))
    assert response.status_code == 409
    assert "Every place is taken" in response.content.decode()
    assert EventBooking.objects.count() == 1
    # One person takes it; then the form itself says it is full.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(form_url(event), good(people="1")).status_code == 303
    page = client.get(form_url(event))
    assert page.status_code == 200 and not h.elements(page.content.decode(), "form", method="post")
    assert "Every place is taken" in page.content.decode()
    assert client.post(form_url(event), good(email="late@example.org", people="1")).status_code == 409


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"starts_at": in_days(0, hour=0), "ends_at": in_days(2)}, "This event has started"),
        ({"starts_at": in_days(-3), "ends_at": in_days(-3, hour=12)}, "This event has passed"),
        ({"status": EventPage.CANCELLED, "status_notice": "The hall is flooded."}, "This event is cancelled"),
    ],
)
def test_a_started_passed_or_cancelled_event_takes_no_bookings(client, event, changes, says):
    for name, value in changes.items():
        setattr(event, name, value)
    event.save_revision().publish()
    page = client.get(form_url(event))
    assert page.status_code == 200 and says in page.content.decode()
    assert not h.elements(page.content.decode(), "input", name="full_name")
    assert client.post(form_url(event), good()).status_code == 409
    assert EventBooking.objects.count() == 0


def test_an_event_without_bookings_says_just_come_along(client, event):
    event.takes_bookings = False
    event.save_revision().publish()
    assert "Just come along" in client.get(form_url(event)).content.decode()
    assert client.post(form_url(event), good()).status_code == 409
