"""Finding, deleting and purging sign-ups: used by the data protection management commands.

Log lines and audit records here carry counts and dates only, never who.
"""

import logging
from datetime import timedelta

import phonenumbers

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import DataProtectionLog, SignUp, SignUpSettings

logger = logging.getLogger(__name__)


def normalise_phone(value):
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def sign_ups_for(email=None, phone=None):
    """Every sign-up for this email address or phone number (normalised as the form stores them)."""
    query = Q(pk__in=[])
    if email:
        query |= Q(email__iexact=email.strip())
    if phone:
        normalised = normalise_phone(phone)
        if normalised:
            query |= Q(phone=normalised)
    return SignUp.objects.filter(query).select_related("group", "referral").order_by("created_at")


def expired_sign_ups(now=None):
    """Sign-ups past their expiry, older than the retention period now set, or a month after their group closed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = SignUpSettings.load().retention_months
    return SignUp.objects.filter(
        Q(expires_at__lte=now)
        | Q(created_at__lte=now - timedelta(days=round(months * 30.44)))
        | Q(group__closed_on__lte=today - timedelta(days=31))
    )


def delete_and_log(queryset, action):
    with transaction.atomic():
        count = queryset.count()
        # Equality answers go with their sign-up (on_delete=CASCADE).
        queryset.delete()
        DataProtectionLog.objects.create(action=action, count=count)
    logger.info("Data protection: %s, %s record(s)", action, count)
    return count
