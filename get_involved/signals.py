"""After a worker has served a request, it replays the spool if sign-ups wait there and the database is back."""

import time

from django.conf import settings
from django.core.signals import request_finished

from . import spool
from .sign_ups import replay_spooled

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
