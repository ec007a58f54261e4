"""Finding, deleting and purging sign-ups and questions to meetings, and one person's records of every
kind (resident_records.py): used by the data protection management commands.

Log lines and audit records here carry counts and dates only, never who.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from stp_site.core import content_version

from .models.records import DataProtectionLog, PublicQuestion, SignUp, SignUpSettings
from .phone_numbers import normalise_phone
from .resident_records import all_kinds

logger = logging.getLogger(__name__)


def same_person(email, phone):
    """Records with this email address or phone number (normalised as the forms store them)."""
    query = Q(pk__in=[])
    if email:
        query |= Q(email__iexact=email.strip())
    if phone:
        normalised = normalise_phone(phone)
        if normalised:
            query |= Q(phone=normalised)
    return query


def sign_ups_for(email=None, phone=None):
    """Every sign-up for this email address or phone number (normalised as the form stores them)."""
    query = same_person(email, phone)
    return SignUp.objects.filter(query).select_related("group", "referral", "equality_answers").order_by("created_at")


def questions_for(email=None, phone=None):
    """Every question to a meeting from this email address or phone number."""
    return PublicQuestion.objects.filter(same_person(email, phone)).select_related("meeting").order_by("created_at")


def expired_sign_ups(now=None):
    """Sign-ups past their expiry, older than the retention period their partnership's site now sets, or
    a month after their group closed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    past_retention = Q(pk__in=[])
    for site in Site.objects.select_related("root_page"):
        cutoff = now - SignUpSettings.for_site(site).retention_period()
        past_retention |= Q(group__path__startswith=site.root_page.path, created_at__lte=cutoff)
    return SignUp.objects.filter(
        Q(expires_at__lte=now) | past_retention | Q(group__closed_on__lte=today - timedelta(days=31))
    )


def records_of(email=None, phone=None):
    """One person's records of every kind that has them: {kind: queryset}, in the kinds' order."""
    return {kind: kind.records_for(email, phone) for kind in all_kinds() if kind.records_for is not None}


def erase(found):
    """Delete one person's records ({kind: queryset}, from records_of) for an erasure request, with one log
    row. Returns {kind: how many}."""
    with transaction.atomic():
        counts = {kind: records.count() for kind, records in found.items()}
        for records in found.values():
            records.delete()  # a deleted published question makes its meeting's page stale (signals.py)
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.ERASE, count=sum(counts.values()))
    logger.info("Data protection: erase, %s record(s)", sum(counts.values()))
    return counts


def purge_sign_ups(now=None):
    """Delete the sign-ups past their retention (expired_sign_ups). Returns how many."""
    return delete_and_log(expired_sign_ups(now), DataProtectionLog.Action.PURGE)


def delete_and_log(queryset, action):
    with transaction.atomic():
        count = queryset.count()
        # Equality answers go with their sign-up (on_delete=CASCADE).
        queryset.delete()
        DataProtectionLog.objects.create(action=action, count=count)
    logger.info("Data protection: %s, %s record(s)", action, count)
    return count


def expired_questions(now=None):
    """Questions whose asker's details are past their deletion date, or older than the retention period
    their partnership's site now sets."""
    now = now or timezone.now()
    past_retention = Q(pk__in=[])
    for site in Site.objects.select_related("root_page"):
        cutoff = now - SignUpSettings.for_site(site).question_retention_period()
        past_retention |= Q(meeting__path__startswith=site.root_page.path, created_at__lte=cutoff)
    return PublicQuestion.objects.filter(Q(expires_at__lte=now) | past_retention).exclude(
        full_name="", email="", phone="", is_published=True
    )


def purge_questions(now=None):
    """Delete the askers' details of expired questions. A published question and answer stays on its
    meeting's page, as from a member of the public, with the question as shown there (never the text as
    sent, which may hold more); any other expired question is deleted whole. Returns how many."""
    with transaction.atomic():
        expired = expired_questions(now)
        count = expired.count()
        published = expired.filter(is_published=True)
        for question in published.only("pk", "question", "question_as_published"):
            PublicQuestion.objects.filter(pk=question.pk).update(question=question.shown_question)
        anonymised = published.update(full_name="", email="", phone="", organisation="", publish_name=False)
        expired.filter(is_published=False).delete()
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.QUESTION_PURGE, count=count)
    if anonymised:
        content_version.bump()  # a name shown with an answer has gone from the meeting's page
    logger.info("Data protection: expired questions' details deleted, %s record(s)", count)
    return count
