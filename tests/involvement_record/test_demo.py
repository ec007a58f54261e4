"""The demo's involvement record: its open consultations and upcoming events have responses and bookings,
so Reports → Involvement record shows every route and referral partners; loading again adds none."""

import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

from stp_site.involvement_record.models import Kind, Participation
from stp_site.involvement_record.record import engagements, financial_year_of

pytestmark = pytest.mark.django_db


def test_the_demo_record_shows_consultations_and_events_by_route(demo):
    found = engagements(financial_year_of(timezone.localdate()), Site.objects.all())
    consultation = next(item for item in found if item.kind == Kind.CONSULTATION.label)
    assert consultation.took_part == 54
    assert all(consultation.route_counts), consultation.route_counts  # every route has someone
    assert "Healthwatch" in consultation.referral_partners
    assert any(item.kind == Kind.EVENT.label and item.took_part == 4 for item in found)

    rows = Participation.objects.count()
    call_command("load_demo_content", stdout=io.StringIO())
    assert Participation.objects.count() == rows
