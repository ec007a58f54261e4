"""Calendar files (iCalendar, RFC 5545, with the `icalendar` package): the one way the site makes them,
for board meetings (stp_site/governance/calendar.py) and public events (stp_site/events/calendar.py).

Times are in Europe/London, with its VTIMEZONE (GMT and BST) in the file, so a meeting at 10am is at 10am
in England whatever the calendar's own time zone. Each entry's UID never changes, and its SEQUENCE goes
up when its time or status changes, so a calendar updates the entry it has instead of adding another. A
cancelled entry stays in a feed as STATUS:CANCELLED, so subscribed calendars take it out.

Wagtail routes only addresses ending in a slash, so a page's route cannot end in ".ics": `serve` (the
view for every `<page>/calendar.ics`) routes to the page the way Wagtail's own `serve` view does, runs
the same `on_serve_page` and `before_serve_page` hooks (view restrictions among them, so a private page's
calendar is private too), then asks the page for its file: a page with a calendar has a
`calendar_file(request)` method returning (the file's bytes, a download file name or None for a feed).
"""

import datetime

import icalendar

from django.http import Http404, HttpResponse
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Page

from .navigation import get_navigation

REFRESH = datetime.timedelta(hours=12)


def new_calendar(request, product, name, description):
    """An empty calendar called `name`, made by the partnership's `product` ("Board meetings", "Events")."""
    organisation = get_navigation(request)["organisation_name"]
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{organisation}//{product}//EN")
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


def calendar_event(*, uid, summary, start, end, stamp, sequence, cancelled, url, location, description):
    """One entry. `start` and `end` are aware datetimes; they are written on the clock in England."""
    london = timezone.get_default_timezone()
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("summary", f"Cancelled: {summary}" if cancelled else summary)
    event.add("dtstart", start.astimezone(london))
    event.add("dtend", end.astimezone(london))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if url:
        event.add("url", url)
    if location:
        event.add("location", location)
    event.add("description", description)
    return event


def finish(calendar, days):
    """The calendar's bytes, with the Europe/London time zone for the years around `days` (the entries'
    dates): only those years' rules, from the time zone database."""
    if days:
        first = min(days) - datetime.timedelta(days=366)
        last = max(days) + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def calendar_response(ical, filename=None):
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _serve_calendar(page, request, args, kwargs):
    return calendar_response(*page.calendar_file(request))


def serve(request, page_path):
    route = Page.route_for_request(request, page_path)
    if route is None:
        raise Http404("No such page")
    page, args, kwargs = route
    if not callable(getattr(page, "calendar_file", None)):
        raise Http404("No calendar here")
    chain = _serve_calendar
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
