"""Comments are kept for PAGE_FEEDBACK_COMMENT_DAYS, then blanked; the yes/no votes and their counts stay.

Run by the daily `purge_expired_signups` (get_involved), so production has one data protection job."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from .models import PageFeedback

logger = logging.getLogger(__name__)


def purge_old_comments(now=None):
    """Blank every comment older than the retention period; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PAGE_FEEDBACK_COMMENT_DAYS)
    count = PageFeedback.objects.filter(created_at__lt=cutoff).exclude(comment="").update(comment="")
    logger.info("Page feedback: %s comment(s) past their retention period deleted", count)
    return count
