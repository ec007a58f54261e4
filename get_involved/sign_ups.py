"""Storing a resident's sign-up and telling the group's coordinators: the service the sign-up form calls.

Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse

from .forms import SignUpForm
from .models.records import EqualityAnswers, ReferralPartner, SignUp, expiry_for

logger = logging.getLogger(__name__)


def partner_for(code):
    """The referral partner whose link (?ref=<code>) the resident followed, or None."""
    if not code or len(code) > 60:
        return None
    return ReferralPartner.objects.filter(code=code).first()


def save_sign_up(group, data, privacy_notice_url):
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
            if SignUp.objects.filter(same_person, group=group).exists():
                return None
            record = SignUp.objects.create(
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
    if not recipients:
        return
    try:
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("signups:inspect", args=[sign_up_id])
        body = (
            f"Someone has asked to join the {group_title}.\n\n"
            f"Sign in to see their details:\n{link}\n\n"
            "Please do not forward their details by email.\n"
        )
        # A short timeout: the resident is waiting for the thank-you page while this runs.
        mail_connection = get_connection(timeout=settings.SIGNUP_MAIL_TIMEOUT)
        send_mail(f"New sign-up: {group_title}", body, None, recipients, connection=mail_connection)
    except Exception as error:  # noqa: BLE001 - the sign-up is stored; a mail problem must not undo that
        logger.error("Sign-up notification for group %s failed: %s", group_id, type(error).__name__)
