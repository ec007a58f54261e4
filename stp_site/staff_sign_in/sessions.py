"""How long a staff session lasts: a working day from signing in, and an hour without a request.

Django's session cookie age (SESSION_COOKIE_AGE, 8 hours) ends the session row and cookie too; these
two limits are checked by `StaffSessionMiddleware` on every request that carries a signed-in session,
so a session that keeps being used still ends 8 hours after signing in."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

SIGNED_IN_AT = "staff_sign_in.signed_in_at"
LAST_SEEN = "staff_sign_in.last_seen"
# The last-seen time is written at most this often, so a busy editor's session is not saved on every request.
LAST_SEEN_RESOLUTION_SECONDS = 60


def absolute_limit():
    return settings.STAFF_SESSION_ABSOLUTE_SECONDS


def idle_limit():
    return settings.STAFF_SESSION_IDLE_SECONDS


def stamp(session, now=None):
    """Mark `session` as signed in now (called when anyone signs in)."""
    now = time.time() if now is None else now
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now


def expired(session, now=None):
    """Why `session` has ended ("absolute" or "idle"), or None if it has not. A signed-in session with no
    stamp was not made by signing in here (nor since this code was deployed): it has ended too."""
    now = time.time() if now is None else now
    signed_in_at = session.get(SIGNED_IN_AT)
    if signed_in_at is None:
        return "absolute"
    if now - signed_in_at > absolute_limit():
        return "absolute"
    if now - session.get(LAST_SEEN, signed_in_at) > idle_limit():
        return "idle"
    return None


def touch(session, now=None):
    """Record activity, writing the session only when the last record is more than a minute old."""
    now = time.time() if now is None else now
    if now - session.get(LAST_SEEN, 0) > LAST_SEEN_RESOLUTION_SECONDS:
        session[LAST_SEEN] = now


def end_sessions_of(user):
    """Sign `user` out everywhere: delete every session row that is theirs. Returns how many.

    Sessions live in the database (Django's default engine); each row must be decoded to see whose it is,
    which is fine for a command an administrator runs now and then."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended
