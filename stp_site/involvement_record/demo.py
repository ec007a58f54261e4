"""Demo participation, so the involvement record has something to show: the open consultations get a
few dozen responses, anonymous, through every route and the partnership's referral partners, and the
upcoming events a few bookings from made-up residents. Only where there are none yet (idempotent)."""

import datetime
import itertools

from django.utils import timezone

from get_involved.models import ReferralPartner
from stp_site.consultations.models import ConsultationPage, ConsultationResponse
from stp_site.events.models import EventBooking, EventPage

# (route, how many, through a referral partner's link) for each open demo consultation.
RESPONSES = [
    (ConsultationResponse.ONLINE, 24, False),
    (ConsultationResponse.ONLINE, 9, True),
    (ConsultationResponse.PHONE, 5, False),
    (ConsultationResponse.POST, 3, False),
    (ConsultationResponse.HEALTHWATCH, 7, True),
    (ConsultationResponse.EVENT, 6, False),
]
BOOKINGS = [("Demo resident one", 1), ("Demo resident two", 2), ("Demo resident three", 1)]


def load(stdout, partnership):
    site = partnership.site
    if site is None:
        return
    root = site.root_page.path
    partners = list(ReferralPartner.objects.order_by("name"))
    now = timezone.now()
    responses = bookings = 0
    for exercise in ConsultationPage.objects.in_site(root).live():
        if not exercise.is_open(now) or exercise.responses.exists():
            continue
        referred = itertools.cycle(partners) if partners else itertools.repeat(None)
        for number, (route, count, with_partner) in enumerate(RESPONSES):
            for day in range(count):
                ConsultationResponse.objects.create(
                    consultation=exercise,
                    created_at=max(exercise.opens_on, now - datetime.timedelta(days=day % 10, hours=number)),
                    route=route,
                    summary="" if route == ConsultationResponse.ONLINE else "A demo response, as staff typed it in.",
                    referral=next(referred) if with_partner else None,
                )
                responses += 1
    for event in EventPage.objects.in_site(root).live().filter(starts_at__gt=now):
        if event.bookings.exists():
            continue
        for number, (name, people) in enumerate(BOOKINGS):
            EventBooking.objects.create(
                event=event,
                full_name=name,
                email=f"demo.resident.{event.pk}.{number}@example.org",
                people=people,
                consent_to_contact=True,
            )
            bookings += 1
    if responses or bookings:
        stdout.write(f"  involvement: {responses} demo response(s), {bookings} demo booking(s) for {site.site_name}")
