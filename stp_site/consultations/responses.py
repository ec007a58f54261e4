"""Storing a response to an exercise, and finding, exporting, erasing and purging responses: the service
the questionnaire calls, and the functions of the record kind (kind.py).

A response is stored in one transaction, or, when the database cannot take it, kept in the spool on disk
(get_involved/spool.py) and stored from there exactly once (its entry id is the row's unique spool_id).
Nothing here logs personal data: log lines carry page and row ids, counts and exception class names only.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from get_involved import spool
from get_involved.models import DataProtectionLog
from get_involved.phone_numbers import normalise_phone
from get_involved.resident_records import PageGone
from get_involved.sign_ups import partner_for

from .models.records import ConsultationResponse, ConsultationSettings, response_expiry_for

logger = logging.getLogger(__name__)

KIND = "consultation_response"
QUESTIONS_KEY = "consultations:questions:{page_id}"  # the questions, for checking answers while the database is down


def remember_questions(page):
    cache.set(QUESTIONS_KEY.format(page_id=page.pk), page.question_definitions(), None)


def remembered_questions(page_id):
    return cache.get(QUESTIONS_KEY.format(page_id=page_id))


def save_or_spool(consultation, data, privacy_notice_url):
    """Store the response, or keep it in the spool when the database cannot take it. Returns ("stored", id)
    or ("spooled", entry id): either way it is kept before the resident is thanked."""
    try:
        return "stored", save_response(consultation, data, privacy_notice_url)
    except DatabaseError as error:
        logger.error("Response to consultation %s could not be saved: %s", consultation.pk, type(error).__name__)
        return "spooled", spool.write(consultation.pk, data, privacy_notice_url, kind=KIND)


def save_response(consultation, data, privacy_notice_url, spool_id=None):
    """Store one online response in one transaction. Returns its id, or None if this spool entry is stored."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SIGNUP_DB_LOCK_TIMEOUT_MS)}ms"])
        if spool_id and ConsultationResponse.objects.filter(spool_id=spool_id).exists():
            return None
        response = ConsultationResponse.objects.create(
            consultation=consultation,
            spool_id=spool_id,
            expires_at=response_expiry_for(consultation),
            route=ConsultationResponse.ONLINE,
            answers=data["answers"],
            labels=data["labels"],
            full_name=data.get("full_name", ""),
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            hear_back=bool(data.get("hear_back")) and bool(data.get("email")),
            referral=partner_for(data.get("ref", "")),
            consent=True,
            consent_privacy_notice_url=privacy_notice_url or "",
        )
    return response.pk


def store_spooled(entry):
    """Store one spooled response exactly once. Raises PageGone if its exercise no longer exists."""
    consultation_model = ConsultationResponse._meta.get_field("consultation").related_model
    consultation = consultation_model.objects.filter(pk=entry["group_id"]).first()
    if consultation is None:
        raise PageGone(entry["group_id"])
    return save_response(consultation, entry["data"], entry["privacy_notice_url"], spool_id=entry["id"])


def _same_person(email, phone):
    query = Q(pk__in=[])
    if email and email.strip():
        query |= Q(email__iexact=email.strip())
    if phone and phone.strip():
        normalised = normalise_phone(phone)
        if normalised:
            query |= Q(phone=normalised)
    return query


def records_for(email=None, phone=None):
    """Every response from this email address or phone number (subject access and erasure)."""
    return (
        ConsultationResponse.objects.filter(_same_person(email, phone))
        .select_related("consultation", "referral")
        .order_by("created_at")
    )


def expired_responses(now=None):
    """Responses whose details are past their deletion date, or whose exercise closed longer ago than the
    retention period their site sets now, that still hold details."""
    now = now or timezone.now()
    past_retention = Q(pk__in=[])
    for site in Site.objects.select_related("root_page"):
        cutoff = now - ConsultationSettings.for_site(site).retention_period()
        past_retention |= Q(consultation__path__startswith=site.root_page.path, consultation__closes_on__lte=cutoff)
    return ConsultationResponse.objects.filter(
        Q(expires_at__lte=now) | past_retention, details_deleted_at__isnull=True
    )


def purge_expired(now=None):
    """Delete the name, contact details and answers of every expired response. What stays is that someone
    took part, when, how and through which partner: the count an involvement record and Healthwatch need.
    Returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = expired_responses(now)
        count = expired.update(
            answers={},
            labels={},
            summary="",
            full_name="",
            email="",
            phone="",
            hear_back=False,
            details_deleted_at=now,
        )
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.PURGE, count=count)
    logger.info("Data protection: expired consultation responses' details deleted, %s record(s)", count)
    return count
