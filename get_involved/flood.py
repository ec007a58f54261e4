"""Noticing a flood of sign-up posts. Each address has its own rate limit, so one resident or bot cannot
lock out the others; a flood from many addresses is not refused (real residents would be refused with
it) but reported to staff: in the log, and on the admin dashboard for those who see sign-ups."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)


def _key(hour):
    return f"get_involved:sign_up_posts:{hour:%Y%m%d%H}"


def count_post():
    """Count one sign-up post in this hour; log a warning the moment the hour's count reaches the alert level."""
    key = _key(timezone.now())
    count = (cache.get(key) or 0) + 1
    cache.set(key, count, 2 * 60 * 60)  # kept through the next hour, for the dashboard
    if count == settings.SIGNUP_FLOOD_ALERT:
        logger.warning("Unusually many sign-up posts: %s in this hour (alert level %s)", count, count)
    return count


def posts_this_hour():
    return cache.get(_key(timezone.now())) or 0


def flooding():
    """This hour's count, if it has reached the alert level, else None."""
    count = posts_this_hour()
    return count if count >= settings.SIGNUP_FLOOD_ALERT else None
