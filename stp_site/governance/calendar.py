"""Meetings as iCalendar, made the site's one way (stp_site/core/calendars.py): one meeting's .ics file,
and the feed of upcoming meetings that a calendar can subscribe to.

Each meeting's UID never changes (see MeetingPage.uid), and its SEQUENCE goes up when its date, time or
status changes. A cancelled or moved meeting stays in the feed as STATUS:CANCELLED.
"""

from django.utils import timezone

from stp_site.core.calendars import calendar_event, finish, new_calendar
from stp_site.core.navigation import get_navigation

PRODUCT = "Board meetings"


def _event(meeting, request):
    url = meeting.get_full_url(request)
    stamp = meeting.last_published_at or meeting.first_published_at or timezone.now()
    return calendar_event(
        uid=meeting.uid,
        summary=meeting.title,
        start=meeting.start_at,
        end=meeting.end_at,
        stamp=stamp,
        sequence=meeting.calendar_sequence,
        cancelled=not meeting.is_going_ahead,
        url=url,
        location=meeting.place,
        description=_description(meeting, url),
    )


def _description(meeting, url):
    lines = []
    if not meeting.is_going_ahead and meeting.status_notice:
        lines.append(meeting.status_notice.strip())
    if meeting.listing_summary:
        lines.append(meeting.listing_summary)
    if meeting.access_information and not meeting.is_online_only:
        lines.append(f"Getting there: {meeting.access_line}")
    if meeting.livestream_url:
        lines.append(f"Watch it live: {meeting.livestream_url}")
    if url:
        lines.append(f"Agenda and papers: {url}")
    return "\n\n".join(lines)


def meeting_file(meeting, request):
    """One meeting, as a .ics file to add to a calendar."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = new_calendar(request, PRODUCT, meeting.title, f"{meeting.title}, {organisation}")
    calendar.add_component(_event(meeting, request))
    return finish(calendar, [meeting.date])


def meetings_feed(index, meetings, request):
    """The feed of `index`'s meetings (the upcoming ones, and last month's), soonest first."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = new_calendar(
        request,
        PRODUCT,
        f"{organisation}: board meetings",
        f"Meetings of the board and its committees of {organisation}.",
    )
    for meeting in meetings:
        calendar.add_component(_event(meeting, request))
    return finish(calendar, [meeting.date for meeting in meetings])
