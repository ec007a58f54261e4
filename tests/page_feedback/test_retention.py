"""Comments are blanked after PAGE_FEEDBACK_COMMENT_DAYS by the daily purge; the votes stay."""

import datetime
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from stp_site.page_feedback.models import PageFeedback
from stp_site.page_feedback.retention import purge_old_comments

pytestmark = pytest.mark.django_db


def test_the_daily_purge_deletes_old_comments_and_keeps_the_counts(home, settings):
    settings.PAGE_FEEDBACK_COMMENT_DAYS = 30
    old = PageFeedback.objects.create(page=home, useful=False, comment="My name is Sam Jones")
    recent = PageFeedback.objects.create(page=home, useful=True, comment="Helpful")
    PageFeedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=31))
    out = StringIO()
    call_command("purge_expired_signups", stdout=out)
    assert "1 page feedback comment(s)" in out.getvalue()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.comment, old.useful) == ("", False)
    assert recent.comment == "Helpful"
    assert PageFeedback.objects.count() == 2
    assert purge_old_comments() == 0
