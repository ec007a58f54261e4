"""Events: the events page under Get involved, events and bookings.

events = make_events(home)                        # /get-involved/events/ (and Get involved, if missing)
event = EventPageFactory(parent=events, starts_at=..., places=10, programmes=[programme])
booking = EventBookingFactory(event=event, people=2)
make_many_events(events, 50, start=...)           # fast, in bulk
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone
from django.utils.text import slugify

from get_involved.models import GetInvolvedPage
from stp_site.events.models import EventBooking, EventIndexPage, EventPage
from tests.factories import PageFactory
from tests.get_involved.factories import GetInvolvedPageFactory

HOUR = datetime.timedelta(hours=1)


def in_days(days, hour=10):
    """An aware time `days` from today, at `hour` on the clock in England."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(PageFactory):
    """A drop-in at a library, two hours long, starting `starts_at` (three weeks ahead unless told)."""

    class Meta:
        model = EventPage

    title = factory.Sequence(lambda number: f"Drop-in {number}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    starts_at = factory.LazyFunction(lambda: in_days(21))
    ends_at = factory.LazyAttribute(lambda page: page.starts_at + 2 * HOUR)
    attendance = EventPage.IN_PERSON
    venue = "Stafford Library"
    venue_address = "Kings Walk\nStafford\nST16 1DR"
    access_information = "Step-free entrance from Kings Walk. A hearing loop at the desk."
    listing_summary = "Come and tell us what you think of local health services."
    what_to_expect = "<p>A cup of tea and a chat with the team.</p>"
    who_for = "Anyone who lives in Stafford."


class EventBookingFactory(DjangoModelFactory):
    class Meta:
        model = EventBooking

    full_name = factory.Sequence(lambda number: f"Resident {number}")
    email = factory.Sequence(lambda number: f"resident{number}@example.org")
    people = 1
    consent_to_contact = True


def make_events(home):
    get_involved = GetInvolvedPage.objects.child_of(home).first() or GetInvolvedPageFactory(parent=home)
    return EventIndexPageFactory(parent=get_involved)


def make_many_events(index, count, start, step=datetime.timedelta(days=3), **fields):
    """`count` published events under `index`, a few days apart from `start`: made in bulk with treebeard's
    and Wagtail's own calls, without a revision each (fast enough for the query-count tests)."""
    made = []
    for number in range(count):
        starts = start + number * step
        event = EventPage(
            title=f"Bulk event {number}",
            slug=f"bulk-event-{number}-{int(starts.timestamp())}",
            starts_at=starts,
            ends_at=starts + 2 * HOUR,
            venue="Community centre",
            live=True,
            **fields,
        )
        index.add_child(instance=event)
        made.append(event)
    return made
