"""Which addresses are sign-up forms, kept in the cache so that a form can be recognised, and its answers
kept, even when the database that Wagtail routes pages through is down."""

from django.core.cache import cache

KEY = "get_involved:sign_up_form:{path}"


def remember_form(path, group, privacy_notice_url):
    """Called each time a group's form is shown: its address, its group, whether it takes sign-ups and
    the privacy notice it links to."""
    known = {"group_id": group.pk, "title": group.title, "closed": group.closed, "privacy": privacy_notice_url}
    cache.set(KEY.format(path=path), known, None)


def form_at(path):
    """{"group_id", "title", "closed", "privacy"} for the form at this address, or None if it is not one."""
    return cache.get(KEY.format(path=path))
