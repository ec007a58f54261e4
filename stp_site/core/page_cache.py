"""Whole-page cache for residents: anonymous GET requests for public pages are served from the cache.

A resident's request carries no cookies (the site sets none on public pages), so every resident
sees the same page and one rendered copy can serve them all. Copies are keyed by the content version,
so a publish is live at once. Nothing personal is ever stored: requests with any cookie (staff,
form users) are never served from or stored in it, nor are responses that set cookies, carry a form
token or are marked private or no-store (every form page).
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.utils import timezone

from . import content_version
from .navigation import get_navigation

SKIP_PREFIXES = ("/admin/", "/documents/", "/health/", "/media/", "/static/")
MAX_PATH_LENGTH = 300


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self.storable(response):
            cache.set(key, response, self.timeout())
            response["X-Page-Cache"] = "miss"
        return response

    def cache_key(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD") or request.COOKIES:
            return None
        path = request.get_full_path()
        if path.startswith(SKIP_PREFIXES) or len(path) > MAX_PATH_LENGTH:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        return f"stp_site:page:{content_version.current()}:{request.method}:{request.scheme}:{host}:{path}"

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
    def timeout():
        """Ten minutes, or less when the alert banner is due to appear or disappear before then."""
        seconds = settings.PAGE_CACHE_SECONDS
        alert = get_navigation()["alert"]
        now = timezone.now()
        for moment in (alert.starts_at, alert.ends_at):
            if moment and moment > now:
                seconds = min(seconds, max(1, int((moment - now).total_seconds())))
        return seconds
