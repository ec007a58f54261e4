"""What counts as taking part, kind by kind: each source says, for one stored record, which engagement it
belongs to, through which route and referral partner, and how many people. A Participation row is
written once per record when it is first stored (post_save), by the resident's form, a replay of the
spool, or staff adding one that came by phone or post.

This app reads the apps that take residents' records; none of them imports it."""

from dataclasses import dataclass

from django.db.models.signals import post_save

from wagtail.models import Site

from get_involved.models import PublicQuestion, SignUp
from stp_site.consultations.models import ConsultationResponse
from stp_site.events.models import EventBooking

from .models import Kind, Participation, Route


@dataclass(frozen=True)
class Source:
    model: type
    kind: str
    page: str  # the record's field holding its engagement's page
    route: callable = lambda record: Route.ONLINE
    referral_partner: callable = lambda record: ""
    people: callable = lambda record: 1


SOURCES = [
    Source(
        SignUp,
        Kind.REFERENCE_GROUP,
        page="group",
        referral_partner=lambda sign_up: sign_up.referral.name if sign_up.referral_id else "",
    ),
    Source(PublicQuestion, Kind.MEETING_QUESTIONS, page="meeting"),
    Source(
        ConsultationResponse,
        Kind.CONSULTATION,
        page="consultation",
        route=lambda response: response.route,
        referral_partner=lambda response: response.referral.name if response.referral_id else "",
    ),
    # An event's bookings: how many said they are coming, with the people each booked for.
    Source(
        EventBooking,
        Kind.EVENT,
        page="event",
        route=lambda booking: Route.EVENT,
        referral_partner=lambda booking: booking.referral.name if booking.referral_id else "",
        people=lambda booking: booking.people,
    ),
]


def record_key(record):
    return f"{record._meta.label_lower}:{record.pk}"


def site_id_of(page):
    """The site whose home page is at or above `page`, from Wagtail's cached site root paths (no query
    once warm; the longest root path wins, as sites can nest)."""
    for root in sorted(Site.get_site_root_paths(), key=lambda root: -len(root.root_path)):
        if page.url_path.startswith(root.root_path):
            return root.site_id
    return None


def count(source, record):
    """The Participation row for `record`, written once: one INSERT that leaves an existing row alone."""
    page = getattr(record, source.page)
    row = Participation(
        record=record_key(record),
        kind=source.kind,
        page=page,
        page_title=page.title,
        site_id=site_id_of(page),
        route=source.route(record),
        referral_partner=source.referral_partner(record),
        people=source.people(record),
        happened_at=record.created_at,
    )
    Participation.objects.bulk_create([row], ignore_conflicts=True)


def connect_sources():
    for source in SOURCES:

        def stored(sender, instance, created, raw=False, source=source, **kwargs):
            if raw:
                return
            if created:
                count(source, instance)
            else:  # a booking changed to more or fewer people
                Participation.objects.filter(record=record_key(instance)).update(people=source.people(instance))

        post_save.connect(
            stored, sender=source.model, weak=False, dispatch_uid=f"involvement_{source.model._meta.label}"
        )
