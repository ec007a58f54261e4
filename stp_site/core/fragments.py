"""Rendered parts of pages (the header, the footer, breadcrumbs, a page's content), cached until the
next publish: `{% fragment "name" part ... %}…{% endfragment %}` (core_tags).

A fragment is keyed by the content version (content_version.py), so any publish, unpublish, move,
snippet or settings change makes every fragment stale at once, and by everything else it can vary
with: the site, scheme and host, the language, the name, the tag's own parts (a page's id, the path)
and the query parameters pages read (PAGE_CACHE_QUERY_PARAMETERS). It lives at most
FRAGMENT_CACHE_SECONDS, which bounds how long a list of upcoming events or open consultations can
lag the clock, as the whole-page cache does.

Fragments are shared by everyone, so nothing personal may be in one. A fragment is never used for a
preview (unsaved content), for anything but GET and HEAD, or for a request carrying a query parameter
no page reads; and one whose output holds a form token (a sign-up form) is rendered afresh every time
instead of stored. Templates keep a signed-in user's name, messages and form state outside fragments.
"""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.utils.translation import get_language

from . import content_version

NEVER_STORED = "csrfmiddlewaretoken"
MAX_QUERY_LENGTH = 300


def name(request, fragment, parts):
    """The fragment's name among cached things (content_version.cached), or None when it must be rendered."""
    if (
        settings.FRAGMENT_CACHE_SECONDS <= 0
        or request is None
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or any(parameter not in settings.PAGE_CACHE_QUERY_PARAMETERS for parameter in request.GET)
    ):
        return None
    query = urlencode(sorted(request.GET.items()))
    if len(query) > MAX_QUERY_LENGTH:
        return None
    site = getattr(request, "_wagtail_site", None)
    varies = (site.pk if site else "", request.scheme, request.get_host(), get_language(), fragment, query, *parts)
    return f"fragment:{hashlib.sha256(chr(0).join(map(str, varies)).encode()).hexdigest()}"


def render(request, fragment, parts, render_fragment):
    """`render_fragment()`'s output, from the cache when it holds it, else rendered (and stored if it may be)."""
    cached_name = name(request, fragment, parts)
    if cached_name is None:
        return render_fragment()
    return content_version.cached(
        cached_name, render_fragment, settings.FRAGMENT_CACHE_SECONDS, keep=lambda output: NEVER_STORED not in output
    )
