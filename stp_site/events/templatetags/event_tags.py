"""`{% upcoming_events for_page=page %}`: the next few events on Get involved (every upcoming event of the
page's site) and on a programme's page (the events that belong to it). Get involved and programmes name
this tag in their templates and never import the events app. One query, however many events there are.

`{% consultation_events for_page=page %}`: on a consultation's page, the events that name it as their
linked consultation, upcoming first (soonest first) then past (newest first). Consultations never imports
the events app: an event belongs to at most one consultation through its own field. One query."""

from django import template
from django.utils import timezone

from stp_site.events.models import EventPage

register = template.Library()

SHOWN = 3


@register.inclusion_tag("events/upcoming_events.html", takes_context=True)
def upcoming_events(context, for_page, heading_level=2):
    page = getattr(for_page, "specific", for_page)
    events = (
        EventPage.objects.in_site(page.site_root_path).live().public().defer_streamfields().upcoming().with_booked()
    )
    index = None
    if page._meta.label == "programmes.ProgrammePage":
        events = events.filter(programmes=page.alias_of_id or page.pk)
    events = list(events[:SHOWN])
    if events:
        index = events[0].get_parent()  # every event sits under the site's one events page
    return {
        "request": context.get("request"),
        "events": events,
        "events_index": index,
        "heading_level": heading_level,
        "for_programme": page._meta.label == "programmes.ProgrammePage",
    }


@register.inclusion_tag("events/consultation_events.html")
def consultation_events(for_page, heading_level=2):
    page = getattr(for_page, "specific", for_page)
    events = list(
        EventPage.objects.filter(consultation_id=page.alias_of_id or page.pk)
        .live()
        .public()
        .defer_streamfields()
        .with_booked()
        .order_by("starts_at")
    )
    now = timezone.now()
    return {
        "upcoming": [event for event in events if event.ends_at > now],
        "past": [event for event in reversed(events) if event.ends_at <= now],
        "heading_level": heading_level,
    }
