"""Meetings as iCalendar (RFC 5545), with the `icalendar` package: one meeting's .ics file, and the
feed of upcoming meetings that a calendar can subscribe to.

Times are in Europe/London, with its VTIMEZONE (GMT and BST) in the file, so a meeting at 10am is at 10am
in England whatever the calendar's own time zone. Each meeting's UID never changes (see
MeetingPage.uid), and its SEQUENCE goes up when its date, time or status changes, so a calendar updates
the entry it has instead of adding another. A cancelled or moved meeting stays in the feed as
STATUS:CANCELLED, so subscribed calendars take it out.
"""

import datetime

import icalendar

from django.utils import timezone

from stp_site.core.navigation import get_navigation

REFRESH = datetime.timedelta(hours=12)


def _calendar(request, name, description):
    organisation = get_navigation(request)["organisation_name"]
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{organisation}//Board meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-timezone", timezone.get_default_timezone_name())
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    return calendar


def _event(meeting, request):
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("summary", f"Cancelled: {meeting.title}" if meeting.status == meeting.CANCELLED else meeting.title)
    event.add("dtstart", meeting.start_at)
    event.add("dtend", meeting.end_at)
    stamp = meeting.last_published_at or meeting.first_published_at or timezone.now()
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", meeting.calendar_sequence)
    event.add("status", "CONFIRMED" if meeting.is_going_ahead else "CANCELLED")
    event.add("transp", "OPAQUE")
    url = meeting.get_full_url(request)
    if url:
        event.add("url", url)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", _description(meeting, url))
    return event


def _description(meeting, url):
    lines = []
    if not meeting.is_going_ahead and meeting.status_notice:
        lines.append(meeting.status_notice.strip())
    if meeting.listing_summary:
        lines.append(meeting.listing_summary)
    if meeting.access_information and not meeting.is_online_only:
        lines.append(f"Getting there: {' '.join(meeting.access_information.split())}")
    if meeting.livestream_url:
        lines.append(f"Watch it live: {meeting.livestream_url}")
    if url:
        lines.append(f"Agenda and papers: {url}")
    return "\n\n".join(lines)


def _finish(calendar, meetings):
    if meetings:
        # Only the years the meetings are in: Europe/London's rules, from the time zone database.
        first = min(meeting.date for meeting in meetings) - datetime.timedelta(days=366)
        last = max(meeting.date for meeting in meetings) + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def meeting_file(meeting, request):
    """One meeting, as a .ics file to add to a calendar."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = _calendar(request, meeting.title, f"{meeting.title}, {organisation}")
    calendar.add_component(_event(meeting, request))
    return _finish(calendar, [meeting])


def meetings_feed(index, meetings, request):
    """The feed of `index`'s meetings (the upcoming ones, and last month's), soonest first."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = _calendar(
        request, f"{organisation}: board meetings", f"Meetings of the board and its committees of {organisation}."
    )
    for meeting in meetings:
        calendar.add_component(_event(meeting, request))
    return _finish(calendar, meetings)
