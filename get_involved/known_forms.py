"""Which addresses are forms residents send (a reference group's sign-up form, a meeting's question form),
kept in the cache so that a form can be recognised, and its answers kept, even when the database that
Wagtail routes pages through is down."""

from django.core.cache import cache

KEY = "get_involved:sign_up_form:{path}"


def remember_form(path, *, kind, page_id, title, privacy, closed=False, closes_at=None):
    """Called each time a form is shown: its address, what kind it is (spool.SIGN_UP or spool.QUESTION),
    the page its answers belong to, whether it is closed, when it closes (a timestamp, for a question
    form) and the privacy notice it links to."""
    known = {
        "kind": kind,
        "group_id": page_id,
        "title": title,
        "closed": closed,
        "closes_at": closes_at,
        "privacy": privacy,
    }
    cache.set(KEY.format(path=path), known, None)


def form_at(path):
    """{"kind", "group_id", "title", "closed", "closes_at", "privacy"} for the form at this address, or None
    if it is not one."""
    return cache.get(KEY.format(path=path))
