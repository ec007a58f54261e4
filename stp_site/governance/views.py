"""The calendar files: `<meetings page>/calendar.ics` (the feed of upcoming meetings) and
`<meeting>/calendar.ics` (one meeting).

Wagtail routes only addresses ending in a slash, made of letters, digits and hyphens, so a page's route
cannot end in ".ics". This view finds the page the way Wagtail's own `serve` does (the request's site,
then the page's route, then the `before_serve_page` hooks, which keep private pages private) and asks it
for its calendar."""

from django.http import Http404, HttpResponse

from wagtail import hooks
from wagtail.models import Site

from .calendar import meeting_file, meetings_feed
from .models import MeetingIndexPage, MeetingPage


def calendar_response(ical, filename=None):
    response = HttpResponse(ical, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar(request, page_path):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("No site")
    components = [component for component in page_path.split("/") if component]
    page, args, kwargs = site.root_page.localized.specific.route(request, components)
    if not isinstance(page, MeetingIndexPage | MeetingPage):
        raise Http404("No calendar here")
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if result is not None:
            return result  # a private page: sign in, or give its password, first
    if isinstance(page, MeetingPage):
        return calendar_response(meeting_file(page, request), filename=f"{page.slug}.ics")
    return calendar_response(meetings_feed(page, page.calendar_meetings(), request))
