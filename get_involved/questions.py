"""Storing a resident's question to a board or committee meeting, and telling the staff who answer them:
the service the question form calls. It takes the sign-ups' path: a question the database cannot take
waits in the spool on disk (spool.py) and is stored from there, exactly once.

Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from . import spool
from .models.records import PublicQuestion, question_expiry_for

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


def store_spooled(entry, meeting):
    """Store one spooled question. Returns its id, or None if it was stored already."""
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
    if not recipients:
        return
    try:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("public_questions:edit", args=[question_id])
        body = (
            f"Someone has sent a question to the meeting: {meeting_title}.\n\n"
            f"Sign in to read and answer it:\n{link}\n\n"
            "Please do not forward their details by email.\n"
        )
        mail_connection = get_connection(timeout=settings.SIGNUP_MAIL_TIMEOUT)
        send_mail(f"New question: {meeting_title}", body, None, recipients, connection=mail_connection)
    except Exception as error:  # noqa: BLE001 - the question is stored; a mail problem must not undo that
        logger.error("Question notification for meeting %s failed: %s", meeting_id, type(error).__name__)
