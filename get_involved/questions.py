"""Storing a resident's question to a board or committee meeting, and telling the staff who answer them:
the service the question form calls. It takes the sign-ups' path: a question the database cannot take
waits in the spool on disk (spool.py) and is stored from there, exactly once.

Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from . import spool
from .models.records import PublicQuestion, question_expiry_for
from .resident_records import PageGone
from .staff_emails import tell_staff

logger = logging.getLogger(__name__)


def original(meeting):
    """The page a meeting's questions belong to: itself, or the meeting a copy on another site aliases."""
    return meeting.alias_of.specific if meeting.alias_of_id else meeting


def save_or_spool(meeting, data, privacy_notice_url, late=False):
    """Store the question, or, when the database cannot take it, keep it in the spool to replay.

    Returns ("stored", question id) or ("spooled", spool entry id): either way it is kept before the
    resident is thanked."""
    meeting = original(meeting)
    try:
        question_id = save_question(meeting, {**data, "late": late}, privacy_notice_url)
    except DatabaseError as error:
        logger.error("Question to meeting %s could not be saved: %s", meeting.pk, type(error).__name__)
        entry = {**data, "late": late}
        return "spooled", spool.write(meeting.pk, entry, privacy_notice_url, kind=spool.QUESTION)
    return "stored", question_id


def store_spooled(entry):
    """Store one spooled question. Returns its id, or None if it was stored already."""
    # The meeting's page class, without importing the pages.
    meeting = PublicQuestion._meta.get_field("meeting").related_model.objects.filter(pk=entry["group_id"]).first()
    if meeting is None:
        logger.error("Spooled entry %s is for a meeting that no longer exists; kept in the spool", entry["id"])
        raise PageGone(entry["group_id"])
    return save_question(meeting, entry["data"], entry["privacy_notice_url"], spool_id=entry["id"])


def save_question(meeting, data, privacy_notice_url, spool_id=None):
    """Store one question in one transaction and, once committed, tell the staff who answer them.
    Returns its id, or None if this spool entry was stored before."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SIGNUP_DB_LOCK_TIMEOUT_MS)}ms"])
        if spool_id and PublicQuestion.objects.filter(spool_id=spool_id).exists():
            return None
        created_at = timezone.now()
        record = PublicQuestion.objects.create(
            spool_id=spool_id,
            meeting=meeting,
            created_at=created_at,
            expires_at=question_expiry_for(meeting, created_at),
            late=bool(data.get("late")),
            full_name=data["full_name"],
            email=data["email"],
            phone=data["phone"],
            organisation=data.get("organisation", ""),
            question=data["question"],
            publish_name=bool(data.get("publish_name")),
            consent_to_contact=True,
            consent_privacy_notice_url=privacy_notice_url or "",
        )
        recipients = meeting.governance_settings.question_notification_addresses()
        transaction.on_commit(partial(notify_staff, meeting.pk, meeting.title, recipients, record.pk))
    return record.pk


def notify_staff(meeting_id, meeting_title, recipients, question_id):
    """Tell the staff who answer questions there is a new one. No personal data, and not the question (it
    may hold some): a link to the admin only."""
    opening = f"Someone has sent a question to the meeting: {meeting_title}."
    tell_staff(recipients, f"New question: {meeting_title}", opening, "public_questions:edit", question_id, meeting_id)
