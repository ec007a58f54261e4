"""The events page and each event: upcoming first, past ones a year at a time, and each event's status
worked out from the facts (upcoming, happening, full, "This event has passed") or set by staff
(cancelled, with a notice); its place with access information, or a link out to join online."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from stp_site.events.bookings import save_booking
from stp_site.events.models import EventPage
from tests import html as h
from tests.partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory

from .factories import EventBookingFactory, EventPageFactory, in_days, make_events

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(home):
    return make_events(home)


def status_tag(content):
    return h.text(h.element(content, "strong", class_="event-status"))


def test_an_upcoming_event_shows_when_where_access_and_who_runs_it(client, home, events):
    healthwatch = PartnerPageFactory(parent=PartnerIndexPageFactory(parent=home), title="Healthwatch Staffordshire")
    programme = ProgrammePageFactory(parent=ProgrammeIndexPageFactory(parent=home), title="Maternity")
    event = EventPageFactory(
        parent=events,
        title="Drop-in at Stafford Library",
        starts_at=in_days(10, hour=14),
        hosts=[healthwatch],
        other_hosts="Stafford Carers Group",
        programmes=[programme],
    )
    response = client.get(event.url)
    assert response.status_code == 200
    content = response.content.decode()
    assert status_tag(content) == "Status: Upcoming"
    assert event.date_text in content and "2pm to 4pm" in content
    assert "Stafford Library" in content and "Step-free entrance from Kings Walk." in content
    assert healthwatch.url in h.hrefs(content) and "Stafford Carers Group" in content
    assert programme.url in h.hrefs(content)
    assert event.url + "book/" in h.hrefs(content)
    assert event.url + "calendar.ics" in h.hrefs(content)
    assert "A cup of tea and a chat" in content and "Anyone who lives in Stafford." in content


def test_an_online_event_links_out_and_loads_nothing_from_elsewhere(client, events):
    event = EventPageFactory(
        parent=events, attendance=EventPage.ONLINE, venue="", venue_address="", access_information="",
        online_url="https://teams.microsoft.com/l/meetup-join/abc", online_instructions="You do not need an account.",
    )  # fmt: skip
    content = client.get(event.url).content.decode()
    assert "https://teams.microsoft.com/l/meetup-join/abc" in h.hrefs(content)
    assert "(on Microsoft Teams)" in content and "You do not need an account." in content
    assert not h.elements(content, "iframe") and "Getting there" not in content


def test_after_it_ends_the_event_has_passed_and_takes_no_bookings(client, events):
    event = EventPageFactory(parent=events, starts_at=in_days(-3))
    content = client.get(event.url).content.decode()
    assert status_tag(content) == "Status: This event has passed"
    assert "This event has passed." in content
    assert event.url + "book/" not in h.hrefs(content)
    assert event.url + "calendar.ics" not in h.hrefs(content)


def test_a_cancelled_event_says_why(client, events):
    event = EventPageFactory(parent=events, status=EventPage.CANCELLED, status_notice="The library is closed.")
    content = client.get(event.url).content.decode()
    assert status_tag(content) == "Status: Cancelled"
    assert "This event is cancelled" in content and "The library is closed." in content
    assert event.url + "book/" not in h.hrefs(content)


def test_when_every_place_is_taken_the_event_is_full(client, events, django_capture_on_commit_callbacks):
    event = EventPageFactory(parent=events, places=3, full_message="Call 01785 000000 to join the waiting list.")
    EventBookingFactory(event=event, people=2)
    content = client.get(event.url).content.decode()
    assert status_tag(content) == "Status: Upcoming" and "There is 1 place left." in content
    # The booking that takes the last place is made as the form makes it: the cached copy of the page goes.
    with django_capture_on_commit_callbacks(execute=True):
        save_booking(event, {"full_name": "Jo Bloggs", "email": "jo@example.org", "phone": "", "people": 1}, "")
    content = client.get(event.url).content.decode()
    assert status_tag(content) == "Status: Full"
    assert "Call 01785 000000 to join the waiting list." in content
    assert event.url + "book/" not in h.hrefs(content)


def test_a_full_event_without_its_own_message_asks_people_to_contact_us(client, events):
    event = EventPageFactory(parent=events, places=1)
    EventBookingFactory(event=event)
    assert "/contact-us/" in h.hrefs(client.get(event.url).content.decode())


def test_staff_must_say_where_it_is_and_why_it_is_cancelled(events):
    event = EventPage(title="x", starts_at=in_days(2), ends_at=in_days(2), venue="", status=EventPage.CANCELLED)
    with pytest.raises(ValidationError) as error:
        event.clean()
    assert {"ends_at", "venue", "status_notice"} <= set(error.value.message_dict)
    online = EventPage(title="y", starts_at=in_days(2), ends_at=in_days(3), attendance=EventPage.ONLINE)
    with pytest.raises(ValidationError) as error:
        online.clean()
    assert set(error.value.message_dict) == {"online_url"}


def test_the_index_lists_upcoming_events_then_past_ones_by_year(client, events):
    soon = EventPageFactory(parent=events, title="Soon", starts_at=in_days(2))
    later = EventPageFactory(parent=events, title="Later", starts_at=in_days(40))
    cancelled = EventPageFactory(parent=events, title="Off", starts_at=in_days(5), status=EventPage.CANCELLED,
                                 status_notice="Sorry.")  # fmt: skip
    this_year = timezone.localdate().year
    last = EventPageFactory(parent=events, title="Conversation Staffordshire", starts_at=aware(this_year - 1, 11, 15))
    older = EventPageFactory(parent=events, title="Older", starts_at=aware(this_year - 3, 3, 1))

    content = client.get(events.url).content.decode()
    upcoming = h.element(content, "section", aria_labelledby="upcoming")
    assert h.texts(upcoming, "a")[:3] == ["Soon", "Off", "Later"]
    past = h.element(content, "section", aria_labelledby="past")
    # The latest year with past events is shown first: last year's, not the older one.
    assert "Conversation Staffordshire" in h.texts(past, "a") and "Older" not in h.texts(past, "a")
    assert f"?year={this_year - 3}#past" in h.hrefs(past)

    older_year = client.get(events.url, {"year": this_year - 3}).content.decode()
    assert "Older" in h.texts(h.element(older_year, "section", aria_labelledby="past"), "a")
    assert "Conversation Staffordshire" not in older_year
    unknown = client.get(events.url, {"year": "1990"}).content.decode()
    assert "We have no events to show for that year." in unknown
    assert {soon.pk, later.pk, cancelled.pk, last.pk, older.pk} == set(EventPage.objects.values_list("pk", flat=True))


def aware(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 18, 0))
