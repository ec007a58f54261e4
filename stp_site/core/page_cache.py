"""Whole-page cache for residents: anonymous GET requests for public pages are served from the cache.

A resident's request carries no cookies (the site sets none on public pages), so every resident
sees the same page and one rendered copy can serve them all. Copies are keyed by the content version,
so a publish is live at once. Nothing personal is ever stored: requests with any cookie (staff,
form users) are never served from or stored in it, nor are responses that set cookies, carry a form
token or are marked private or no-store (every form page).

Copies live in a cache of their own (the "pages" cache), so that however many pages it holds, its
eviction never touches the content version or the rate-limit counters in the default cache. A copy's
key is made only of what routing and the page read: the routed path, the host, the scheme and the
query parameters pages use (PAGE_CACHE_QUERY_PARAMETERS). Any other parameter (?utm_source=,
?fbclid=, junk) is served the same copy instead of making a new one; a request whose path is not the
path routing used (a SCRIPT_NAME prefix) is never cached.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.utils import timezone

from . import content_version
from .navigation import get_navigation

SKIP_PREFIXES = ("/admin/", "/documents/", "/health/", "/media/", "/static/")
MAX_KEY_PART_LENGTH = 300


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.get_response(request)
        pages = caches["pages"]
        cached = pages.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self.storable(response):
            pages.set(key, response, self.timeout(request))
            response["X-Page-Cache"] = "miss"
        return response

    def cache_key(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD") or request.COOKIES:
            return None
        path = request.path_info
        if request.path != path or path.startswith(SKIP_PREFIXES):
            return None  # served under a prefix, or not a page
        query = urlencode(
            sorted(
                (name, value) for name, value in request.GET.items() if name in settings.PAGE_CACHE_QUERY_PARAMETERS
            )
        )
        if len(path) > MAX_KEY_PART_LENGTH or len(query) > MAX_KEY_PART_LENGTH:
            return None
        if any(ord(char) < 33 or ord(char) == 127 for char in path):
            return None  # a space or control character (/a%0d%0ab/): no page has one, and some caches refuse it
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        # GET and HEAD share a copy: the page is the same; the server leaves out the body for HEAD.
        return f"stp_site:page:{content_version.current()}:{request.scheme}:{host}:{path}?{query}"

    @staticmethod
    def storable(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and b"csrfmiddlewaretoken" not in response.content
        )

    @staticmethod
    def timeout(request):
        """Ten minutes, or less when the site's alert banner is due to appear or disappear before then."""
        seconds = settings.PAGE_CACHE_SECONDS
        alert = get_navigation(request)["alert"]
        now = timezone.now()
        for moment in (alert.starts_at, alert.ends_at):
            if moment and moment > now:
                seconds = min(seconds, max(1, int((moment - now).total_seconds())))
        return seconds
