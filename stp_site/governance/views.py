"""The calendar files: `<meetings page>/calendar.ics` (the feed of upcoming meetings) and
`<meeting>/calendar.ics` (one meeting).

Wagtail routes only addresses ending in a slash, made of letters, digits and hyphens, so a page's route
cannot end in ".ics". This view serves the page's calendar the way Wagtail's own `serve` view serves the
page: the request's site routes to it, then the same `on_serve_page` and `before_serve_page` hooks run
(Wagtail's view restrictions among them, so a private meeting's calendar is private too)."""

from django.http import Http404, HttpResponse

from wagtail import hooks
from wagtail.models import Page

from .calendar import meeting_file, meetings_feed
from .models import MeetingIndexPage, MeetingPage


def calendar_response(ical, filename=None):
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def serve_calendar(page, request, args, kwargs):
    if isinstance(page, MeetingPage):
        return calendar_response(meeting_file(page, request), filename=f"{page.slug}.ics")
    return calendar_response(meetings_feed(page, page.calendar_meetings(), request))


def calendar(request, page_path):
    route = Page.route_for_request(request, page_path)
    if route is None:
        raise Http404("No such page")
    page, args, kwargs = route
    if not isinstance(page, MeetingIndexPage | MeetingPage):
        raise Http404("No calendar here")
    chain = serve_calendar
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, args, kwargs)
