"""One number that changes whenever published content changes.

Everything cached from published content (the menu and footer, whole anonymous pages, the lists
that pages show from other pages) is keyed by it, so publishing, unpublishing, moving or deleting a
page, changing who may see a page, or saving the site settings or a site makes every cached copy
stale at once, in every worker that shares the cache.
"""

from django.core.cache import cache
from django.db.models import QuerySet

KEY = "stp_site:content_version"
_MISSING = object()


def current():
    version = cache.get(KEY)
    if version is None:
        version = 1
        cache.add(KEY, version, None)
    return version


def bump(**kwargs):
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(KEY, 2, None)


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
