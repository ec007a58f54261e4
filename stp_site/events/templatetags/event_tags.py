"""`{% upcoming_events for_page=page %}`: the next few events on Get involved (every upcoming event of the
page's site) and on a programme's page (the events that belong to it). Get involved and programmes name
this tag in their templates and never import the events app. One query, however many events there are."""

from django import template

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
