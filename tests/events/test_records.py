"""Bookings get the sign-ups' care: the event booking's RecordKind (get_involved/resident_records.py) spools
a booking the database cannot take and stores it exactly once; finds one person's bookings for subject
access and erasure; purges them a set number of days after the event (per site). In the admin, only that
partnership's coordinators see its bookings, and the organiser's CSV is formula-safe."""

import csv
import datetime
import html
import io
import logging

import pytest

from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import Site

from get_involved import resident_records, spool
from get_involved.known_forms import form_at
from get_involved.models import DataProtectionLog
from stp_site.events.bookings import KIND, save_or_spool
from stp_site.events.models import EventBooking, EventSettings
from stp_site.partnerships.staff_groups import ensure_partnership
from tests.get_involved.test_spool import database_down
from tests.sites import add_site
from tests.staff import sign_in

from .factories import EventBookingFactory, EventPageFactory, in_days, make_events
from .test_booking import EMAIL, NAME, NEEDS, form_url, good

DAY = datetime.timedelta(days=1)


def kind():
    return resident_records.kind_named(KIND)


@pytest.fixture
def event(home):
    return EventPageFactory(parent=make_events(home), title="Drop-in at Stafford Library")


def cleaned(**changes):
    form = kind().outage_form({}, QueryDict(mutable=True) | good(**changes))
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.mark.django_db(transaction=True)
def test_a_booking_the_database_cannot_take_is_spooled_and_stored_exactly_once(event, caplog):
    caplog.set_level(logging.DEBUG)
    data = cleaned()
    with database_down():
        outcome, entry_id = save_or_spool(event, data, "/privacy/")
    assert outcome == "spooled"
    (path,) = spool.waiting()
    assert NAME not in path.name and EMAIL not in path.name
    logs = "\n".join(record.getMessage() for record in caplog.records)
    assert NAME not in logs and EMAIL not in logs and NEEDS not in logs

    entry = spool.read(path)
    assert entry["kind"] == KIND and entry["group_id"] == event.pk and entry["id"] == entry_id
    booking_id = kind().store_spooled(entry)
    booking = EventBooking.objects.get(pk=booking_id)
    assert (booking.full_name, booking.people, booking.access_needs) == (NAME, 2, NEEDS)
    assert str(booking.spool_id) == entry_id and booking.consent_privacy_notice_url == "/privacy/"
    assert kind().store_spooled(entry) is None  # a replay cut short and run again stores nothing twice
    assert EventBooking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_outage_form_and_thank_you_need_no_database(client, event):
    assert client.get(form_url(event)).status_code == 200  # shown: its address is known
    known = form_at(form_url(event))
    assert known["kind"] == KIND and known["group_id"] == event.pk
    request = RequestFactory().post(form_url(event))
    with database_down():
        bad = kind().outage_form(known, QueryDict(mutable=True) | good(full_name=""))
        assert not bad.is_valid()
        form = kind().outage_form(known, QueryDict(mutable=True) | good())
        assert form.is_valid()
        response = kind().spool_and_thank(request, known, form)
        response.render()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert "You are booked in" in content and event.url + "calendar.ics" in content
    (path,) = spool.waiting()
    assert kind().store_spooled(spool.read(path))
    assert EventBooking.objects.get().event_id == event.pk


@pytest.mark.django_db
def test_a_spooled_booking_for_a_deleted_event_stays_in_the_spool(event):
    entry = {"id": "00000000-0000-0000-0000-000000000001", "kind": KIND, "group_id": event.pk + 999,
             "privacy_notice_url": "", "data": cleaned()}  # fmt: skip
    with pytest.raises(resident_records.PageGone):
        kind().store_spooled(entry)


@pytest.mark.django_db
def test_one_persons_bookings_are_found_for_export_and_erasure(event):
    mine = EventBookingFactory(event=event, full_name=NAME, email=EMAIL, access_needs=NEEDS)
    by_phone = EventBookingFactory(event=event, full_name=NAME, email="", phone="+447123456789")
    EventBookingFactory(event=event, email="someone.else@example.org")

    found = kind().records_for(EMAIL.upper(), "07123 456789")
    assert {booking.pk for booking in found} == {mine.pk, by_phone.pk}
    exported = mine.as_export()
    assert exported["full_name"] == NAME and exported["access_needs"] == NEEDS and exported["people"] == 1
    description = mine.describe()
    assert NAME not in description and EMAIL not in description and "Drop-in at Stafford Library" in description
    assert kind().label == "event booking(s)"


@pytest.mark.django_db
def test_bookings_are_purged_the_set_number_of_days_after_the_event(home, event):
    past = EventPageFactory(parent=event.get_parent(), starts_at=in_days(-40), title="Long gone")
    recent = EventPageFactory(parent=event.get_parent(), starts_at=in_days(-10), title="Last week")
    old = EventBookingFactory(event=past)
    kept = EventBookingFactory(event=recent)
    upcoming = EventBookingFactory(event=event)
    assert old.expires_at == past.ends_at + 30 * DAY

    assert kind().purge_expired(timezone.now()) == 1
    assert set(EventBooking.objects.all()) == {kept, upcoming}
    assert DataProtectionLog.objects.filter(action=DataProtectionLog.Action.PURGE, count=1).exists()

    # A shorter time set for the site counts from the event, whatever the booking's own date says.
    settings_row = EventSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.booking_retention_days = 7
    settings_row.save()
    assert kind().purge_expired(timezone.now()) == 1
    assert list(EventBooking.objects.all()) == [upcoming]


# --- The admin ----------------------------------------------------------------------------------------


def coordinator_of(site, username):
    partnership, _ = ensure_partnership(site)
    user = get_user_model().objects.create_user(username, email=f"{username}@example.org", password="x" * 16)
    user.groups.add(partnership.coordinators)
    return user


@pytest.fixture
def two_sites(event):
    second = add_site("second.example", title="Second partnership")
    theirs = EventPageFactory(parent=make_events(second.root_page), title="Their drop-in")
    return {
        "mine": EventBookingFactory(event=event, full_name=NAME, email=EMAIL, access_needs="=HYPERLINK(1)"),
        "theirs": EventBookingFactory(event=theirs, full_name="Tomasz Nowak", email="tomasz@example.org"),
        "coordinator": coordinator_of(Site.objects.get(is_default_site=True), "coordinator"),
        "their coordinator": coordinator_of(second, "their_coordinator"),
        "event": event,
        "their event": theirs,
    }


def body(response):
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


@pytest.mark.django_db
def test_a_coordinator_sees_only_their_partnerships_bookings(client, two_sites):
    sign_in(client, two_sites["coordinator"])
    listing = client.get("/admin/event_bookings/")
    assert listing.status_code == 200
    assert html.escape(NAME) in body(listing) and "Tomasz Nowak" not in body(listing)
    assert client.get(f"/admin/event_bookings/inspect/{two_sites['mine'].pk}/").status_code == 200
    assert client.get(f"/admin/event_bookings/inspect/{two_sites['theirs'].pk}/").status_code == 404
    # The list per event: the filter offers only their own events.
    per_event = body(client.get("/admin/event_bookings/", {"event": two_sites["event"].pk}))
    assert html.escape(NAME) in per_event and "Their drop-in" not in per_event
    assert client.get("/admin/event_bookings/add/").status_code in (302, 403, 404)


@pytest.mark.django_db
def test_the_organisers_csv_has_access_needs_and_runs_no_formula(client, two_sites):
    sign_in(client, two_sites["coordinator"])
    rows = list(csv.DictReader(io.StringIO(body(client.get("/admin/event_bookings/?export=csv")))))
    assert [row["Full name"] for row in rows] == [NAME]
    assert rows[0]["Access needs"] == "'=HYPERLINK(1)" and rows[0]["Event"] == "Drop-in at Stafford Library"


@pytest.mark.django_db
def test_staff_without_the_permission_see_no_bookings_and_a_superuser_sees_all(client, two_sites):
    editor = get_user_model().objects.create_user("plain", email="plain@example.org", password="x" * 16)
    partnership, _ = ensure_partnership(Site.objects.get(is_default_site=True))
    editor.groups.add(partnership.comms_editors)
    sign_in(client, editor)
    assert client.get("/admin/event_bookings/").status_code in (302, 403)
    assert client.get(f"/admin/event_bookings/inspect/{two_sites['mine'].pk}/").status_code in (302, 403)

    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    sign_in(client, boss)
    everything = body(client.get("/admin/event_bookings/"))
    assert html.escape(NAME) in everything and "Tomasz Nowak" in everything


@pytest.mark.django_db
def test_an_events_admin_pages_link_to_who_is_coming(client, two_sites):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "x" * 16)
    sign_in(client, boss)
    event = two_sites["event"]
    content = body(client.get(f"/admin/pages/{event.pk}/edit/"))
    assert f"/admin/event_bookings/?event={event.pk}" in content
    assert f"/admin/event_bookings/?event={event.pk}" in body(client.get(f"/admin/pages/{event.get_parent().pk}/"))
