"""One value that changes whenever published content changes.

Everything cached from published content (the menu and footer, whole anonymous pages, the lists
that pages show from other pages) is keyed by it, so publishing, unpublishing, moving or deleting a
page, changing who may see a page, or saving the site settings or a site makes every cached copy
stale at once, in every worker that shares the cache.

A version is never used twice. It is made from the clock and a random part, not counted up: a
counter that the cache evicted or expired would start again at 1 and bring back copies stored under
the old 1 (Django's file cache has no `incr` of its own and re-sets the key with the default
timeout). A lost version only makes every copy stale, which is safe.

During a request the version is read from the cache once and remembered (a page reads it for every
fragment and cached list it shows); a publish in the same request remembers its new one. What
`cached()` holds is also kept in the worker's memory for up to MEMO_SECONDS: a key names its
version, so what is stored under it never changes, and the next request after a publish asks for
new keys in every worker at once. The memory saves reading and unpickling the same lists and
fragments from the shared cache on every request; callers must not change what they are given.
"""

import secrets
import threading
import time
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import QuerySet

KEY = "stp_site:content_version"
_MISSING = object()
MEMO_SECONDS = 60
MEMO_SIZE = 2000
_memo = OrderedDict()  # key: (monotonic expiry, value), oldest used first
_memo_lock = threading.Lock()
_request = threading.local()  # .version: this request's version, while a request is being handled


def _start_request(**kwargs):
    _request.version = None


def _end_request(**kwargs):
    _request.__dict__.pop("version", None)


request_started.connect(_start_request, dispatch_uid="content_version_start")
request_finished.connect(_end_request, dispatch_uid="content_version_end")


def _new_version():
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def current():
    version = getattr(_request, "version", None)
    if version is not None:
        return version
    version = cache.get(KEY)
    if version is None:
        # Never set, evicted or expired: start a version no copy has been stored under.
        version = _new_version()
        if not cache.add(KEY, version, None):
            version = cache.get(KEY) or version  # another worker started one first: share it
    if hasattr(_request, "version"):
        _request.version = version
    return version


def bump(**kwargs):
    version = _new_version()
    cache.set(KEY, version, None)
    if hasattr(_request, "version"):
        _request.version = version


def _remembered(key):
    with _memo_lock:
        entry = _memo.get(key)
        if entry is None:
            return _MISSING
        if entry[0] < time.monotonic():
            del _memo[key]
            return _MISSING
        _memo.move_to_end(key)
        return entry[1]


def _remember(key, value, timeout):
    with _memo_lock:
        _memo[key] = (time.monotonic() + min(timeout or MEMO_SECONDS, MEMO_SECONDS), value)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)


def _get(key, timeout):
    value = _remembered(key)
    if value is _MISSING:
        value = cache.get(key, _MISSING)
        if value is not _MISSING:
            _remember(key, value, timeout)
    return value


def peek(name):
    """What `cached(name, ...)` holds now, or None: never builds, so it never reads the database."""
    value = _get(f"stp_site:cached:{current()}:{name}", MEMO_SECONDS)
    return None if value is _MISSING else value


def cached(name, build, timeout=3600, keep=None):
    """`build()`'s result, built at most once per content version (and per `timeout` seconds).

    For things read from published pages that only change when staff publish: lists shown on other
    pages, lookups of a section's index page. `name` must say everything the result depends on
    (e.g. f"related_news:{page.pk}"). A queryset is evaluated to a list first, so the cache holds
    rows, not a query; anything the template reads from related rows must be fetched in `build`
    (select_related, prefetched renditions), or each render queries for it again. With `keep`, a
    result is stored only if `keep(result)` is true (a fragment holding a form token never is).
    """
    key = f"stp_site:cached:{current()}:{name}"
    value = _get(key, timeout)
    if value is _MISSING:
        value = build()
        if isinstance(value, QuerySet):
            value = list(value)
        if keep is None or keep(value):
            cache.set(key, value, timeout)
            _remember(key, value, timeout)
    return value
