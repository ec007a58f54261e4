"""One number that changes whenever published content changes.

Everything cached from published content (the menu and footer, whole anonymous pages) is keyed by
it, so publishing, unpublishing, moving or deleting a page, or saving the site settings, makes every
cached copy stale at once, in every worker that shares the cache.
"""

from django.core.cache import cache

KEY = "stp_site:content_version"


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
