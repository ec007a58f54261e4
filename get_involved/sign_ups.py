"""Storing a resident's sign-up and telling the group's coordinators: the service the sign-up form calls.

A sign-up the database cannot take is kept in the spool on disk (spool.py) and replayed from there.
Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging
from functools import partial

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q

from . import spool
from .forms import SignUpForm
from .models.records import EqualityAnswers, ReferralPartner, SignUp, expiry_for
from .resident_records import PageGone
from .staff_emails import tell_staff

logger = logging.getLogger(__name__)


def partner_for(code):
    """The referral partner whose link (?ref=<code>) the resident followed, or None."""
    if not code or len(code) > 60:
        return None
    return ReferralPartner.objects.filter(code=code).first()


def save_or_spool(group, data, privacy_notice_url):
    """Store the sign-up, or, when the database cannot take it, keep it in the spool to replay.

    Returns ("stored", sign-up id), ("duplicate", None) or ("spooled", spool entry id). Either way
    the resident's answers are kept before they are thanked."""
    try:
        sign_up_id = save_sign_up(group, data, privacy_notice_url)
    except DatabaseError as error:
        logger.error("Sign-up for group %s could not be saved: %s", group.pk, type(error).__name__)
        return "spooled", spool.write(group.pk, data, privacy_notice_url)
    return ("duplicate", None) if sign_up_id is None else ("stored", sign_up_id)


def store_spooled(entry):
    """Store one spooled sign-up. Returns its id, or None if it (or the same person) is stored already."""
    # The group's page class, without importing the pages.
    group = SignUp._meta.get_field("group").related_model.objects.filter(pk=entry["group_id"]).first()
    if group is None:
        logger.error("Spooled entry %s is for a group that no longer exists; kept in the spool", entry["id"])
        raise PageGone(entry["group_id"])
    return save_sign_up(group, entry["data"], entry["privacy_notice_url"], spool_id=entry["id"])


def save_sign_up(group, data, privacy_notice_url, spool_id=None):
    """Store one sign-up (and its equality answers) in one transaction. Returns its id, or None if the same
    person already signed up to the group.

    The same person is the same email address or, without one, the same name and phone number. Another
    name with a phone number the group already has (a household sharing a landline) is stored, flagged
    as a possible duplicate for the coordinators: nobody who is thanked is dropped.

    `data` is the sign-up form's cleaned data; `privacy_notice_url` the notice the form showed."""
    email, phone = data["email"], data["phone"]
    same_person = Q(email=email) if email else Q(email="", phone=phone, full_name__iexact=data["full_name"])
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Fail fast with a clear page rather than hang while the table is locked.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SIGNUP_DB_LOCK_TIMEOUT_MS)}ms"])
            # Every read of the sign-up table sits under that timeout too: a replay that waited for a
            # lock without one would hang the worker (and the request that finished before it).
            if spool_id and SignUp.objects.filter(spool_id=spool_id).exists():
                return None
            if SignUp.objects.filter(same_person, group=group).exists():
                return None
            record = SignUp.objects.create(
                spool_id=spool_id,
                possible_duplicate=bool(phone) and SignUp.objects.filter(group=group, phone=phone).exists(),
                group=group,
                expires_at=expiry_for(group),
                full_name=data["full_name"],
                email=email,
                phone=phone,
                postcode=data["postcode"],
                take_part=list(data["take_part"]),
                support_needs=data["support_needs"],
                heard_about=data["heard_about"],
                referral=partner_for(data["ref"]),
                consent_to_contact=True,
                consent_privacy_notice_url=privacy_notice_url,
            )
            if data.get("equality_consent"):
                EqualityAnswers.objects.create(
                    sign_up=record, consent=True, **{name: data[name] for name in SignUpForm.EQUALITY_FIELDS}
                )
            notification = partial(
                notify_coordinators, group.pk, group.title, group.notification_addresses(), record.pk
            )
            transaction.on_commit(notification)
    except IntegrityError:
        # The same person sent the form twice at the same moment: the first one is kept.
        return None
    return record.pk


def notify_coordinators(group_id, group_title, recipients, sign_up_id):
    """Tell the group's coordinators there is a new sign-up. No personal data: a link to the admin only."""
    opening = f"Someone has asked to join the {group_title}."
    tell_staff(recipients, f"New sign-up: {group_title}", opening, "signups:inspect", sign_up_id, group_id)
