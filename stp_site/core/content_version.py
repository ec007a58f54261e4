"""One value that changes whenever published content changes.

Everything cached from published content (the menu and footer, whole anonymous pages, the lists
that pages show from other pages) is keyed by it, so publishing, unpublishing, moving or deleting a
page, changing who may see a page, or saving the site settings or a site makes every cached copy
stale at once, in every worker that shares the cache.

A version is never used twice. It is made from the clock and a random part, not counted up: a
counter that the cache evicted or expired would start again at 1 and bring back copies stored under
the old 1 (Django's file cache has no `incr` of its own and re-sets the key with the default
timeout). A lost version only makes every copy stale, which is safe.
"""

import secrets
import time

from django.core.cache import cache
from django.db.models import QuerySet

KEY = "stp_site:content_version"
_MISSING = object()


def _new_version():
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def current():
    version = cache.get(KEY)
    if version is None:
        # Never set, evicted or expired: start a version no copy has been stored under.
        version = _new_version()
        if not cache.add(KEY, version, None):
            version = cache.get(KEY) or version  # another worker started one first: share it
    return version


def bump(**kwargs):
    cache.set(KEY, _new_version(), None)


def peek(name):
    """What `cached(name, ...)` holds now, or None: never builds, so it never reads the database."""
    value = cache.get(f"stp_site:cached:{current()}:{name}", _MISSING)
    return None if value is _MISSING else value


def cached(name, build, timeout=3600):
    """`build()`'s result, built at most once per content version (and per `timeout` seconds).

    For things read from published pages that only change when staff publish: lists shown on other
    pages, lookups of a section's index page. `name` must say everything the result depends on
    (e.g. f"related_news:{page.pk}"). A queryset is evaluated to a list first, so the cache holds
    rows, not a query; anything the template reads from related rows must be fetched in `build`
    (select_related, prefetched renditions), or each render queries for it again.
    """
    key = f"stp_site:cached:{current()}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if isinstance(value, QuerySet):
            value = list(value)
        cache.set(key, value, timeout)
    return value
