"""Events in calendars: each event's .ics file and the feed of upcoming events, parsed back with icalendar
and with vobject (the Radicale CalDAV server's parser), as the meetings' are (tests/governance)."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from stp_site.events.models import EventPage

from .factories import EventPageFactory, in_days, make_events

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def events(home):
    return make_events(home)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = response.content.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    return icalendar.Calendar.from_ical(response.content)


def test_an_event_ics_has_its_time_in_london_place_and_access(client, events):
    event = EventPageFactory(
        parent=events,
        title="Drop-in at Stafford Library",
        starts_at=datetime.datetime(2031, 1, 14, 10, 30, tzinfo=LONDON),
        ends_at=datetime.datetime(2031, 1, 14, 12, 0, tzinfo=LONDON),
    )
    response = client.get(f"{event.url}calendar.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{event.slug}.ics"'
    calendar = parse(response)
    assert "Events" in calendar["PRODID"]
    (entry,) = calendar.walk("VEVENT")
    assert entry["SUMMARY"] == "Drop-in at Stafford Library"
    start = entry.decoded("DTSTART")
    assert start == datetime.datetime(2031, 1, 14, 10, 30, tzinfo=LONDON)
    assert entry["DTSTART"].params["TZID"] == "Europe/London" and start.utcoffset() == datetime.timedelta(0)  # GMT
    assert entry["UID"] == event.uid and entry["STATUS"] == "CONFIRMED"
    assert entry["LOCATION"] == "Stafford Library, Kings Walk Stafford ST16 1DR"
    description = str(entry["DESCRIPTION"])
    assert "Getting there: Step-free entrance from Kings Walk." in description
    assert f"More about the event: http://localhost{event.url}" in description
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"

    # vobject reads the same file.
    parsed = vobject.readOne(response.content.decode())
    assert parsed.vevent.summary.value == "Drop-in at Stafford Library"
    assert parsed.vevent.dtstart.value == datetime.datetime(2031, 1, 14, 10, 30, tzinfo=LONDON)


def test_an_online_event_gives_its_link_and_no_getting_there(client, events):
    event = EventPageFactory(
        parent=events, attendance=EventPage.ONLINE, venue="", venue_address="",
        online_url="https://teams.microsoft.com/l/meetup-join/abc",
    )  # fmt: skip
    (entry,) = parse(client.get(f"{event.url}calendar.ics")).walk("VEVENT")
    assert entry["LOCATION"] == "Online"
    description = str(entry["DESCRIPTION"])
    assert "Join online: https://teams.microsoft.com/l/meetup-join/abc" in description
    assert "Getting there" not in description


def test_the_feed_lists_upcoming_events_and_keeps_a_cancelled_one_as_cancelled(client, events):
    soon = EventPageFactory(parent=events, title="Soon", starts_at=in_days(3))
    off = EventPageFactory(parent=events, title="Off", starts_at=in_days(9))
    EventPageFactory(parent=events, title="Long ago", starts_at=in_days(-90))
    off.status, off.status_notice = EventPage.CANCELLED, "The hall is flooded."
    off.save_revision().publish()
    off.refresh_from_db()
    assert off.calendar_sequence == 1  # its status changed: calendars take the change

    calendar = parse(client.get(f"{events.url}calendar.ics"))
    entries = {str(entry["SUMMARY"]): entry for entry in calendar.walk("VEVENT")}
    assert set(entries) == {"Soon", "Cancelled: Off"}
    assert entries["Cancelled: Off"]["STATUS"] == "CANCELLED" and entries["Cancelled: Off"]["SEQUENCE"] == 1
    assert "The hall is flooded." in str(entries["Cancelled: Off"]["DESCRIPTION"])
    assert entries["Soon"]["UID"] == soon.uid
    assert len(list(vobject.readComponents(client.get(f"{events.url}calendar.ics").content.decode()))) == 1


def test_a_new_title_keeps_the_uid_and_sequence(client, events):
    event = EventPageFactory(parent=events, title="Old title")
    uid = event.uid
    event.title = "New title"
    event.save_revision().publish()
    event.refresh_from_db()
    assert event.uid == uid and event.calendar_sequence == 0
