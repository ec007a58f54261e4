"""Storing a sign-up to email updates: the service the form, the spool replay and the outage path call.

Nothing is sent from the request: the confirmation email is a task on the "mail" queue, enqueued once the
transaction commits. Log lines carry row and page ids only, never an address.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from get_involved import spool
from get_involved.sign_ups import partner_for

from .models import PROGRAMME_PREFIX, Subscriber, new_key

logger = logging.getLogger(__name__)

KIND = "email_subscription"  # the spool entry's and known_forms' kind (export_personal_data: "email_subscriptions")
CHOICES_KEY = "email_updates:programmes:{page_id}"


def programme_choices(page):
    """(id, title) of the live, public programmes on the page's site, remembered for the outage form."""
    from programmes.models import ProgrammePage

    choices = list(
        ProgrammePage.objects.in_site(page.site_root_path).live().public().order_by("title").values_list("pk", "title")
    )
    cache.set(CHOICES_KEY.format(page_id=page.pk), choices, None)
    return choices


def remembered_choices(page_id):
    return cache.get(CHOICES_KEY.format(page_id=page_id)) or []


def save_or_spool(page, data, privacy_notice_url):
    """Store the sign-up, or keep it in the spool when the database cannot take it. Returns
    ("stored", subscriber id), ("duplicate", None) or ("spooled", spool entry id)."""
    try:
        subscriber_id = save_subscription(page.get_site(), data, privacy_notice_url)
    except DatabaseError as error:
        logger.error("Email updates sign-up on page %s could not be saved: %s", page.pk, type(error).__name__)
        return "spooled", spool.write(page.pk, data, privacy_notice_url, kind=KIND)
    return ("duplicate", None) if subscriber_id is None else ("stored", subscriber_id)


def save_subscription(site, data, privacy_notice_url, spool_id=None):
    """Store a pending subscription, in one transaction, and queue its confirmation email. Returns the
    subscriber's id, or None when this spool entry was stored already.

    A second sign-up for an address still waiting for confirmation replaces its choices and sends a new
    link (the old one stops working). For an address already confirmed nothing changes without its
    owner: they are emailed a link to change their choices. Either way the page says the same thing."""
    from programmes.models import ProgrammePage

    from .tasks import send_confirmation

    email = data["email"].strip().lower()
    wanted = [int(topic[len(PROGRAMME_PREFIX) :]) for topic in data["topics"] if topic.startswith(PROGRAMME_PREFIX)]
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SIGNUP_DB_LOCK_TIMEOUT_MS)}ms"])
            if spool_id and Subscriber.objects.filter(spool_id=spool_id).exists():
                return None
            subscriber = Subscriber.objects.select_for_update().filter(site=site, email=email).first()
            if subscriber is None:
                subscriber = Subscriber.objects.create(
                    site=site,
                    email=email,
                    spool_id=spool_id,
                    consent_privacy_notice_url=privacy_notice_url or "",
                    referral=partner_for(data.get("ref", "")),
                    created_at=timezone.now(),
                )
            if subscriber.status == Subscriber.Status.PENDING:
                subscriber.all_news = "all_news" in data["topics"]
                subscriber.consultations = "consultations" in data["topics"]
                subscriber.confirm_nonce = new_key()
                subscriber.consent_privacy_notice_url = privacy_notice_url or ""
                subscriber.save()
                on_site = (
                    ProgrammePage.objects.in_site(site.root_page.path)
                    .filter(pk__in=wanted)
                    .values_list("pk", flat=True)
                )
                subscriber.programmes.set(list(on_site))
            transaction.on_commit(partial(send_confirmation.enqueue, subscriber.pk))
    except IntegrityError:
        return None  # the same address sent the form twice at the same moment: the first one is kept
    return subscriber.pk


def confirm(subscriber):
    Subscriber.objects.filter(pk=subscriber.pk).update(
        status=Subscriber.Status.CONFIRMED, confirm_nonce="", confirmed_at=timezone.now()
    )
    logger.info("Email updates: subscriber %s confirmed", subscriber.pk)


def unsubscribe(subscriber):
    """Unsubscribing deletes the record at once (and with it the list of what was sent)."""
    pk = subscriber.pk
    subscriber.delete()
    logger.info("Email updates: subscriber %s unsubscribed and deleted", pk)
