"""Events as iCalendar, made the site's one way (stp_site/core/calendars.py): one event's .ics file, and
the feed of upcoming events. A cancelled event stays in the feed as STATUS:CANCELLED."""

from django.utils import timezone

from stp_site.core.calendars import calendar_event, finish, new_calendar
from stp_site.core.navigation import get_navigation

PRODUCT = "Events"


def _event(event, request):
    url = event.get_full_url(request)
    return calendar_event(
        uid=event.uid,
        summary=event.title,
        start=event.starts_at,
        end=event.ends_at,
        stamp=event.last_published_at or event.first_published_at or timezone.now(),
        sequence=event.calendar_sequence,
        cancelled=not event.is_going_ahead,
        url=url,
        location=event.place,
        description=_description(event, url),
    )


def _description(event, url):
    lines = []
    if not event.is_going_ahead and event.status_notice:
        lines.append(event.status_notice.strip())
    if event.listing_summary:
        lines.append(event.listing_summary)
    if event.access_information and not event.is_online_only:
        lines.append(f"Getting there: {event.access_line}")
    if event.online_url and event.attendance != event.IN_PERSON:
        lines.append(f"Join online: {event.online_url}")
    if url:
        lines.append(f"More about the event: {url}")
    return "\n\n".join(lines)


def event_file(event, request):
    """One event, as a .ics file to add to a calendar."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = new_calendar(request, PRODUCT, event.title, f"{event.title}, {organisation}")
    calendar.add_component(_event(event, request))
    return finish(calendar, [event.local_start.date()])


def events_feed(events, request):
    """The feed of upcoming events (and last month's), soonest first."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = new_calendar(
        request, PRODUCT, f"{organisation}: events", f"Public events and drop-ins of {organisation}."
    )
    for event in events:
        calendar.add_component(_event(event, request))
    return finish(calendar, [event.local_start.date() for event in events])
