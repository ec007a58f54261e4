"""Storing a resident's booking for an event, and everything the data protection commands do with
bookings: the service the booking form calls, and the event booking's RecordKind (registered with
get_involved/resident_records.py in apps.py).

A booking the database cannot take waits in the spool on disk (get_involved/spool.py) and is stored from
there, exactly once (its spool entry's id is the row's unique spool_id). Nothing here logs personal data:
log lines carry page and row ids and exception class names only.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, Sum
from django.utils import timezone

from wagtail.models import Site

from get_involved import spool
from get_involved.models import DataProtectionLog
from get_involved.personal_data import same_person
from get_involved.resident_records import PageGone, RecordKind
from get_involved.sign_ups import partner_for
from get_involved.staff_emails import tell_staff
from stp_site.core import content_version

from .forms import BookingForm
from .models import EventBooking, EventPage, EventSettings, booking_expiry_for

logger = logging.getLogger(__name__)

KIND = "event_booking"


class EventFull(Exception):
    """Every place was taken while the resident filled in the form."""


def save_or_spool(event, data, privacy_notice_url):
    """Store the booking, or, when the database cannot take it, keep it in the spool to replay.

    Returns ("stored", booking id) or ("spooled", spool entry id): either way it is kept before the
    resident is thanked. Raises EventFull when the places ran out."""
    try:
        booking_id = save_booking(event, data, privacy_notice_url)
    except DatabaseError as error:
        logger.error("Booking for event %s could not be saved: %s", event.pk, type(error).__name__)
        return "spooled", spool.write(event.pk, data, privacy_notice_url, kind=KIND)
    return "stored", booking_id


def save_booking(event, data, privacy_notice_url, spool_id=None):
    """Store one booking in one transaction and, once committed, tell the organisers. The same person
    booking again (the same email address, or without one the same name and phone) changes their booking
    instead of adding another. Returns the booking's id, or None if this spool entry was stored before.

    A booking from the form checks the places left with the event's row locked, so two people cannot
    take the last place; one replayed from the spool was promised already and is stored whatever."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SIGNUP_DB_LOCK_TIMEOUT_MS)}ms"])
        if spool_id and EventBooking.objects.filter(spool_id=spool_id).exists():
            return None
        # Lock the event's row: bookings for one event are counted and added one at a time.
        locked = EventPage.objects.select_for_update(of=("self",)).only("pk", "places").get(pk=event.pk)
        email, phone = data["email"], data["phone"]
        mine = Q(email=email) if email else Q(email="", phone=phone, full_name__iexact=data["full_name"])
        existing = EventBooking.objects.filter(mine, event_id=event.pk).first()
        people = int(data["people"])
        if spool_id is None and locked.places is not None:
            others = EventBooking.objects.filter(event_id=event.pk)
            if existing:
                others = others.exclude(pk=existing.pk)
            taken = others.aggregate(total=Sum("people"))["total"] or 0
            if taken + people > locked.places:
                raise EventFull(event.pk)
        fields = {
            "full_name": data["full_name"],
            "email": email,
            "phone": phone,
            "people": people,
            "access_needs": data.get("access_needs", ""),
            "referral": partner_for(data.get("ref", "")),
            "consent_to_contact": True,
            "consent_privacy_notice_url": privacy_notice_url or "",
        }
        if existing:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.save()
            record = existing
        else:
            record = EventBooking.objects.create(
                event_id=event.pk, spool_id=spool_id, expires_at=booking_expiry_for(event), **fields
            )
        if locked.places is not None:
            taken = EventBooking.objects.filter(event_id=event.pk).aggregate(total=Sum("people"))["total"] or 0
            if taken >= locked.places:
                # The event's pages now say "Full": cached copies of them go.
                transaction.on_commit(content_version.bump)
        recipients = EventSettings.for_site_root(event.site_root_path).notification_addresses()
        transaction.on_commit(partial(notify_staff, event.pk, event.title, recipients, record.pk))
    return record.pk


def notify_staff(event_id, event_title, recipients, booking_id):
    """Tell the organisers someone is coming. No personal data, and not the access needs: a link only."""
    opening = f"Someone has said they are coming to the event: {event_title}."
    tell_staff(recipients, f"New booking: {event_title}", opening, "event_bookings:inspect", booking_id, event_id)


# --- The record kind: the spool, the outage middleware, and the data protection commands ----------------


def store_spooled(entry):
    event = EventPage.objects.filter(pk=entry["group_id"]).first()
    if event is None:
        logger.error("Spooled entry %s is for an event that no longer exists; kept in the spool", entry["id"])
        raise PageGone(entry["group_id"])
    return save_booking(event, entry["data"], entry["privacy_notice_url"], spool_id=entry["id"])


def outage_form(known, data):
    return BookingForm(data)


def spool_and_thank(request, known, form):
    from . import views  # the views use this service

    spool.write(known["group_id"], form.cleaned_data, known["privacy"], kind=KIND)
    return views.spooled_response(request, known["title"])


def records_for(email, phone):
    """Every booking made with this email address or phone number."""
    return EventBooking.objects.filter(same_person(email, phone)).select_related("event").order_by("created_at")


def expired(now=None):
    """Bookings past their deletion date, or older than the days after the event that their partnership's
    site now sets."""
    now = now or timezone.now()
    past_retention = Q(pk__in=[])
    for site in Site.objects.select_related("root_page"):
        cutoff = now - EventSettings.for_site(site).retention_period()
        past_retention |= Q(event__path__startswith=site.root_page.path, event__ends_at__lte=cutoff)
    return EventBooking.objects.filter(Q(expires_at__lte=now) | past_retention)


def purge_expired(now=None):
    """Delete every booking past its retention, with one count in the data protection log. Returns how many."""
    with transaction.atomic():
        queryset = expired(now)
        count = queryset.count()
        queryset.delete()
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.PURGE, count=count)
    logger.info("Data protection: expired event bookings deleted, %s record(s)", count)
    return count


RECORD_KIND = RecordKind(
    name=KIND,
    label="event booking(s)",
    store_spooled=store_spooled,
    outage_form=outage_form,
    spool_and_thank=spool_and_thank,
    records_for=records_for,
    purge_expired=purge_expired,
)
