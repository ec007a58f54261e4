"""Demo events for each partnership, from its events.json: the events page under Get involved, upcoming
drop-ins and an online event (their days counted from when the events page was first made, so the demo
always has something upcoming, and running the loader again on another day makes nothing twice), and
past events on fixed dates, such as the Conversation Staffordshire and Stoke-on-Trent events of 2016.

Hosts are named by their partner pages' slugs, programmes by theirs; a venue is named once in "venues"
and used by key. An event that is part of a consultation names it by its slug under the consultations
page ("consultation"), so this loader runs after the consultations' one; an event made before it had its
consultation gets it on the next run."""

import datetime

from django.utils import timezone

from programmes.models import ProgrammePage
from stp_site.core.demo import common_fields, ensure_child, ensure_section
from stp_site.core.times import london
from stp_site.partners.models import PartnerPage

from .models import EventIndexPage, EventPage, EventSettings

GET_INVOLVED = "/get-involved/"
CONSULTATIONS = GET_INVOLVED + "consultations/"


def load(stdout, partnership):
    data = partnership.fixture("events.json")
    get_involved = partnership.page(GET_INVOLVED) if partnership.site else None
    if data is None or get_involved is None:
        return
    EventSettings.objects.get_or_create(site=partnership.site, defaults=data.get("settings", {}))
    index, made_index = ensure_section(get_involved.specific, EventIndexPage, data["index"], show_in_menus=True)
    built_on = timezone.localdate(index.first_published_at)
    site_root = partnership.site.root_page.path
    partners = {page.slug: page for page in PartnerPage.objects.in_site(site_root)}
    programmes = {page.slug: page for page in ProgrammePage.objects.in_site(site_root)}
    venues = data.get("venues", {})
    made = 0
    for item in data["events"]:
        day = (
            built_on + datetime.timedelta(days=item["in_days"])
            if "in_days" in item
            else datetime.date.fromisoformat(item["date"])
        )
        venue = venues.get(item.get("venue"), {})
        online = item.get("online", {})
        attendance = EventPage.BOTH if venue and online else EventPage.ONLINE if online else EventPage.IN_PERSON
        consultation = partnership.page(f"{CONSULTATIONS}{item['consultation']}/") if "consultation" in item else None
        event, was_made = ensure_child(
            index,
            EventPage,
            item["slug"],
            starts_at=london(day, datetime.time.fromisoformat(item["start"])),
            ends_at=london(day, datetime.time.fromisoformat(item["end"])),
            attendance=attendance,
            venue=venue.get("venue", ""),
            venue_address=venue.get("address", ""),
            access_information=venue.get("access", ""),
            online_url=online.get("url", ""),
            online_instructions=online.get("instructions", ""),
            what_to_expect=item.get("what_to_expect", ""),
            who_for=item.get("who_for", ""),
            hosts=[partners[slug] for slug in item.get("hosts", []) if slug in partners],
            other_hosts=item.get("other_hosts", ""),
            programmes=[programmes[slug] for slug in item.get("programmes", []) if slug in programmes],
            takes_bookings=item.get("takes_bookings", True),
            places=item.get("places"),
            full_message=item.get("full_message", ""),
            consultation=consultation,
            last_reviewed=None,
            next_review_due=None,
            **common_fields(item),
        )
        made += was_made
        if consultation is not None and event.consultation_id is None:
            event.consultation = consultation
            event.save_revision().publish()
    if made_index or made:
        stdout.write(f"Created the events page and {made} events.")
