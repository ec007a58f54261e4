"""After a worker has served a request, it replays the spool if sign-ups or questions wait there and the
database is back. Saving a question to a meeting makes cached pages stale."""

import time

from django.conf import settings
from django.core.signals import request_finished
from django.db.models.signals import post_delete, post_save

from stp_site.core import content_version

from . import spool
from .models import PublicQuestion
from .replay import replay_spooled

_last_look = 0.0


def replay_after_response(**kwargs):
    global _last_look  # noqa: PLW0603 - one timestamp per worker process: look at most every few seconds
    now = time.monotonic()
    if now - _last_look < settings.SIGNUP_SPOOL_REPLAY_SECONDS:
        return
    _last_look = now
    if spool.waiting():
        replay_spooled(limit=100)


request_finished.connect(replay_after_response, dispatch_uid="get_involved_replay_spool")


def questions_changed(sender, instance, **kwargs):
    """A meeting's page shows its published questions and answers: a change to one that is (or was)
    published is a change to published content, so every cached copy goes stale. A new question from a
    resident changes nothing published (and a flood of them must not empty the caches)."""
    if instance.is_published or instance.was_published:
        content_version.bump()


post_save.connect(questions_changed, sender=PublicQuestion, dispatch_uid="get_involved_question_saved")
post_delete.connect(questions_changed, sender=PublicQuestion, dispatch_uid="get_involved_question_deleted")
