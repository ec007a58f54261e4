"""Merging one partnership's site into another's (stp_site/site_merge): B's events page is merged into A's
(SITE_MERGE_SECTION_TYPES), so A's events page lists both partnerships' events, each with its bookings."""

import pytest

from stp_site.events.models import EventBooking, EventIndexPage, EventPage
from stp_site.site_merge.merge import run_merge
from stp_site.site_merge.plan import plan_merge
from tests.site_merge.conftest import _two_sites, sites  # noqa: F401 - the two sites' fixtures

from .factories import EventBookingFactory, EventPageFactory, in_days, make_events

pytestmark = pytest.mark.django_db


def test_bs_events_join_as_events_page_with_their_bookings(sites):  # noqa: F811 - the fixture, imported
    a_events, b_events = make_events(sites.a_home), make_events(sites.b_home)
    a_event = EventPageFactory(parent=a_events, title="A drop-in", starts_at=in_days(5))
    b_event = EventPageFactory(parent=b_events, title="B drop-in", starts_at=in_days(6))
    booking = EventBookingFactory(event=b_event, people=2)

    plan = plan_merge(sites.b_site, sites.a_site)
    assert plan.runnable, plan.problems
    assert (b_events.pk, "merged") in {(removal.page.pk, removal.reason) for removal in plan.removals}
    run_merge(plan)

    assert not EventIndexPage.objects.filter(pk=b_events.pk).exists()
    assert set(EventPage.objects.child_of(a_events).values_list("pk", flat=True)) == {a_event.pk, b_event.pk}
    assert EventBooking.objects.get(pk=booking.pk).event_id == b_event.pk
