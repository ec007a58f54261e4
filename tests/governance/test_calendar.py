"""Meetings in calendars: each meeting's .ics file and the feed of upcoming meetings, parsed back with
icalendar: the fields, Europe/London times (GMT in winter, BST in summer), UIDs that never change, and
SEQUENCE going up when the time or status changes."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from django.utils import timezone

from stp_site.governance.models import MeetingPage
from tests.sites import add_site

from .factories import MeetingPageFactory, make_governance

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
DAY = datetime.timedelta(days=1)


@pytest.fixture
def section(home):
    return make_governance(home)


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    # RFC 5545: lines end with CRLF and are folded at 75 octets.
    lines = body.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines)
    return icalendar.Calendar.from_ical(body)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def test_meeting_ics_has_the_meeting_in_london_time(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"],
        committees=[section["board"]],
        title="Board meeting, 2 July 2031",
        date=datetime.date(2031, 7, 2),
        start_time=datetime.time(10, 0),
        end_time=datetime.time(12, 30),
        livestream_url="https://www.youtube.com/watch?v=live",
        listing_summary="The board meets in public.",
    )
    response = client.get(f"{meeting.url}calendar.ics")
    assert response["Content-Disposition"] == f'attachment; filename="{meeting.slug}.ics"'
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    assert "Board meetings" in calendar["PRODID"]
    (event,) = events(calendar)
    assert event["SUMMARY"] == "Board meeting, 2 July 2031"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.datetime(2031, 7, 2, 10, 0, tzinfo=LONDON)
    assert end == datetime.datetime(2031, 7, 2, 12, 30, tzinfo=LONDON)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert start.utcoffset() == datetime.timedelta(hours=1)  # BST
    assert event["UID"] == meeting.uid
    assert event["URL"] == f"http://localhost{meeting.url}"
    assert event["LOCATION"] == "Council chamber, Civic Centre, Main Street Stafford ST16 1AA"
    description = str(event["DESCRIPTION"])
    assert "The board meets in public." in description
    assert "Getting there: Step-free access by the side door." in description
    assert "Watch it live: https://www.youtube.com/watch?v=live" in description
    assert f"Agenda and papers: http://localhost{meeting.url}" in description
    assert event["STATUS"] == "CONFIRMED" and event["SEQUENCE"] == 0
    assert event.decoded("DTSTAMP") == meeting.last_published_at.replace(microsecond=0)
    # The time zone is in the file, with GMT and BST.
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/London"
    names = {str(part["TZNAME"]) for part in zone.subcomponents}
    assert names >= {"GMT", "BST"}


def test_a_winter_meeting_is_in_gmt(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=datetime.date(2031, 1, 9)
    )
    (event,) = events(parse(client.get(f"{meeting.url}calendar.ics")))
    start = event.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(0)
    assert start.astimezone(datetime.UTC) == datetime.datetime(2031, 1, 9, 10, 0, tzinfo=datetime.UTC)


def test_uid_stays_and_sequence_goes_up_when_the_meeting_changes(client, section):
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=datetime.date(2031, 3, 6)
    )
    first = events(parse(client.get(f"{meeting.url}calendar.ics")))[0]
    meeting.title = "Board meeting (renamed)"
    meeting.listing_summary = "A new summary."
    meeting.save_revision().publish()
    renamed = events(parse(client.get(f"{meeting.url}calendar.ics")))[0]
    assert renamed["UID"] == first["UID"] and renamed["SEQUENCE"] == 0  # no change of time: same sequence
    meeting.slug = "board-meeting-moved"
    meeting.date = datetime.date(2031, 3, 13)
    meeting.save_revision().publish()
    meeting.refresh_from_db()
    moved = events(parse(client.get(f"{meeting.url}calendar.ics")))[0]
    assert moved["UID"] == first["UID"]
    assert moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART").date() == datetime.date(2031, 3, 13)
    meeting.status, meeting.status_notice = MeetingPage.CANCELLED, "Not enough business."
    meeting.save_revision().publish()
    cancelled = events(parse(client.get(f"{meeting.url}calendar.ics")))[0]
    assert cancelled["UID"] == first["UID"]
    assert cancelled["SEQUENCE"] == 2 and cancelled["STATUS"] == "CANCELLED"
    assert str(cancelled["SUMMARY"]).startswith("Cancelled: ")
    assert "Not enough business." in str(cancelled["DESCRIPTION"])


def test_saving_a_draft_does_not_change_the_sequence(section):
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=datetime.date(2031, 3, 6)
    )
    meeting.date = datetime.date(2031, 4, 6)
    meeting.save_revision()  # a draft: the live meeting is unchanged
    meeting.refresh_from_db()
    assert meeting.calendar_sequence == 0 and meeting.date == datetime.date(2031, 3, 6)


def test_feed_has_upcoming_and_last_months_meetings_of_its_own_site(client, section):
    index, board, committee = section["index"], section["board"], section["committee"]
    today = timezone.localdate()
    old = MeetingPageFactory(parent=index, committees=[board], date=today - 60 * DAY)
    recent = MeetingPageFactory(parent=index, committees=[board], date=today - 10 * DAY)
    soon = MeetingPageFactory(parent=index, committees=[committee], date=today + 3 * DAY)
    cancelled = MeetingPageFactory(
        parent=index, committees=[board], date=today + 5 * DAY, status="cancelled", status_notice="Not needed."
    )
    MeetingPageFactory(parent=index, committees=[board], date=today + 6 * DAY, live=False)
    other_site = add_site()
    other = make_governance(other_site.root_page)
    elsewhere = MeetingPageFactory(parent=other["index"], committees=[other["board"]], date=today + 4 * DAY)

    response = client.get("/how-we-are-run/board-meetings/calendar.ics")
    assert "Content-Disposition" not in response  # a feed to follow, not a file to save
    calendar = parse(response)
    assert calendar["X-WR-CALNAME"] == "Test: board meetings"  # the site's name
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    found = {str(event["UID"]): event for event in events(calendar)}
    assert set(found) == {recent.uid, soon.uid, cancelled.uid}
    assert old.uid not in found and elsewhere.uid not in found
    assert found[cancelled.uid]["STATUS"] == "CANCELLED"
    assert [str(event["UID"]) for event in events(calendar)] == [recent.uid, soon.uid, cancelled.uid]
    assert len(calendar.walk("VTIMEZONE")) == 1
    theirs = parse(client.get("/how-we-are-run/board-meetings/calendar.ics", HTTP_HOST="second.example"))
    assert [str(event["UID"]) for event in events(theirs)] == [elsewhere.uid]
    assert theirs["X-WR-CALNAME"] == "Second partnership: board meetings"


def test_an_empty_feed_is_still_a_calendar(client, section):
    calendar = parse(client.get("/how-we-are-run/board-meetings/calendar.ics"))
    assert events(calendar) == [] and calendar["VERSION"] == "2.0"


def test_a_meeting_held_in_common_is_one_event_on_both_sites(client, section):
    other_site = add_site()
    other = make_governance(other_site.root_page)
    meeting = MeetingPageFactory(
        parent=section["index"],
        committees=[section["board"], other["board"]],
        title="Meeting in common of the two boards",
        date=timezone.localdate() + 12 * DAY,
    )
    alias = meeting.create_alias(parent=other["index"])
    ours = events(parse(client.get(f"{meeting.url}calendar.ics")))[0]
    theirs = events(
        parse(client.get(f"{alias.url}calendar.ics".replace("http://second.example", ""), HTTP_HOST="second.example"))
    )[0]
    assert ours["UID"] == theirs["UID"] == meeting.uid
    assert theirs["URL"].startswith("http://second.example/how-we-are-run/board-meetings/")
    feed = parse(client.get("/how-we-are-run/board-meetings/calendar.ics", HTTP_HOST="second.example"))
    assert [str(event["UID"]) for event in events(feed)] == [meeting.uid]


def test_a_private_meetings_calendar_is_private_too(client, section):
    from wagtail.models import PageViewRestriction

    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=datetime.date(2031, 3, 6)
    )
    PageViewRestriction.objects.create(page=meeting, restriction_type="login")
    response = client.get(f"{meeting.url}calendar.ics")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize(
    "path",
    [
        "/how-we-are-run/calendar.ics",
        "/calendar.ics",
        "/no-such-page/calendar.ics",
        "/how-we-are-run/board-meetings/calendar.ics/",
    ],
)
def test_no_calendar_where_there_is_no_meeting(client, section, path):
    assert client.get(path).status_code == 404


def test_another_calendar_parser_reads_the_feed_and_the_files(client, section):
    """vobject (the parser of the Radicale CalDAV server), not the library that wrote them, reads the feed
    and a meeting's file: each event's time in Europe/London from the file's own VTIMEZONE, its UID,
    SEQUENCE and STATUS."""
    summer = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + 20 * DAY
    )
    cancelled = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + 40 * DAY,
        status=MeetingPage.CANCELLED, status_notice="The chair is ill.",
    )  # fmt: skip
    feed = client.get(f"{section['index'].url}calendar.ics").content.decode()
    (calendar,) = list(vobject.readComponents(feed, validate=True))
    found = {event.uid.value: event for event in calendar.vevent_list}
    assert set(found) == {summer.uid, cancelled.uid}
    for meeting in (summer, cancelled):
        event = found[meeting.uid]
        start = event.dtstart.value
        assert start.replace(tzinfo=None) == datetime.datetime.combine(meeting.date, meeting.start_time)
        assert start.utcoffset() == datetime.datetime.combine(meeting.date, meeting.start_time, LONDON).utcoffset()
        assert event.dtend.value - start == datetime.timedelta(hours=2)
    assert found[cancelled.uid].status.value == "CANCELLED" and found[summer.uid].status.value == "CONFIRMED"
    assert int(found[summer.uid].sequence.value) == 0

    single = client.get(f"{summer.url}calendar.ics").content.decode()
    (calendar,) = list(vobject.readComponents(single, validate=True))
    (event,) = calendar.vevent_list
    assert event.uid.value == summer.uid and event.summary.value == summer.title
