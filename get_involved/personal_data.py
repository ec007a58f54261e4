"""Finding, deleting and purging sign-ups: used by the data protection management commands.

Log lines and audit records here carry counts and dates only, never who.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Site

from .models.records import DataProtectionLog, SignUp, SignUpSettings
from .phone_numbers import normalise_phone

logger = logging.getLogger(__name__)


def sign_ups_for(email=None, phone=None):
    """Every sign-up for this email address or phone number (normalised as the form stores them)."""
    query = Q(pk__in=[])
    if email:
        query |= Q(email__iexact=email.strip())
    if phone:
        normalised = normalise_phone(phone)
        if normalised:
            query |= Q(phone=normalised)
    return SignUp.objects.filter(query).select_related("group", "referral", "equality_answers").order_by("created_at")


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


def delete_and_log(queryset, action):
    with transaction.atomic():
        count = queryset.count()
        # Equality answers go with their sign-up (on_delete=CASCADE).
        queryset.delete()
        DataProtectionLog.objects.create(action=action, count=count)
    logger.info("Data protection: %s, %s record(s)", action, count)
    return count
