"""'Say you are coming': serving an event's booking form (GET and POST) and its thank-you page.

EventPage's routes call these; storing the booking is the service's job (bookings.py). The form is open
until the event starts, unless it is cancelled or full; a POST to a closed form gets the same clear page
with 409. Nothing here logs personal data: log lines carry page and row ids and exception class names.
"""

import logging

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from get_involved.flood import count_post
from get_involved.forms import make_started_token
from get_involved.known_forms import remember_form
from get_involved.sign_ups import partner_for
from get_involved.views import no_store, privacy_notice_context
from stp_site.core.page_urls import local_url

from .bookings import KIND, EventFull, save_or_spool
from .forms import BookingForm

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "events.booking"
TEMPLATE = "pages/event_booking.html"
THANK_YOU_TEMPLATE = "pages/event_booking_thank_you.html"


def _render(request, event, template, context=None, status=200):
    context = {
        **event.get_context(request),
        **privacy_notice_context(request, "We will use your details only to run this event."),
        **(context or {}),
    }
    return no_store(TemplateResponse(request, template, context, status=status))


def _closed(request, event, status=200, reason=None):
    return _render(request, event, TEMPLATE, {"closed": reason or event.booking_closed_reason()}, status=status)


def book(request, event):
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))

    closed = event.booking_closed_reason()
    if request.method != "POST":
        if closed:
            return _closed(request, event)
        remember_form(
            request.path,
            kind=KIND,
            page_id=event.pk,
            title=event.title,
            privacy=privacy_notice_context(request)["privacy_notice_url"],
            closes_at=event.starts_at.timestamp(),
        )
        # Only ?ref= is read from the query string; other parameters never fill in or send the form.
        partner = partner_for(request.GET.get("ref", ""))
        initial = {"started": make_started_token(), "people": "1", "ref": partner.code if partner else ""}
        return _render(request, event, TEMPLATE, {"form": BookingForm(initial=initial)})

    if closed:
        return _closed(request, event, status=409)

    form = BookingForm(request.POST)
    count_post()
    if form.is_honeypot_filled() or form.is_too_fast():
        logger.info("Booking discarded for event %s: spam checks", event.pk)
        context = {"form_url": event.booking_url}
        return _render(request, event, "pages/reference_group_not_sent.html", context, 400)

    if is_ratelimited(
        request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.SIGNUP_RATE_LIMIT, method="POST", increment=True
    ):
        logger.warning("Booking refused for event %s: rate limit", event.pk)
        return _render(request, event, TEMPLATE, {"form": form, "rate_limited": True}, 429)

    if not form.is_valid():
        return _render(request, event, TEMPLATE, {"form": form, "show_errors": True})

    privacy_url = privacy_notice_context(request)["privacy_notice_url"]
    try:
        outcome, record_id = save_or_spool(event, form.cleaned_data, privacy_url)
    except EventFull:
        logger.info("Booking refused for event %s: full", event.pk)
        return _closed(request, event, status=409, reason="full")
    if outcome == "spooled":
        return spooled_response(request, event.title)
    logger.info("Booking %s stored for event %s", record_id, event.pk)
    thank_you_url = local_url(event) + event.reverse_subpage("booking_thank_you")
    return no_store(HttpResponseRedirect(thank_you_url, status=303))


def spooled_response(request, event_title):
    """Thank the resident whose booking waits in the spool, reading nothing from the database. The event's
    calendar file is next to its booking form: `<event>/book/` -> `<event>/calendar.ics`."""
    calendar_url = request.path.removesuffix("book/") + "calendar.ics" if request.path.endswith("/book/") else ""
    context = {"event_title": event_title, "with_database": False, "spooled_calendar_url": calendar_url}
    return no_store(TemplateResponse(request, THANK_YOU_TEMPLATE, context))


def thank_you(request, event):
    if request.method not in ("GET", "HEAD"):
        return no_store(HttpResponseNotAllowed(["GET"]))
    return _render(request, event, THANK_YOU_TEMPLATE, {"event_title": event.title})
