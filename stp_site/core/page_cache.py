"""Whole-page cache for residents: anonymous GET requests for public pages are served from the cache.

The site sets no cookies on public pages, so every resident sees the same page and one rendered copy
can serve them all. Copies are keyed by the content version, so a publish is live at once. Nothing
personal is ever stored. Which requests may use the cache is one rule, `request_may_use_cache`: a
cookie that changes the page (a staff session, a flash message) keeps a request out; any other cookie
(the CSRF cookie a resident got from a form, a year ago, or a cookie some other site on the domain set)
does not. Responses that set cookies, carry a form token or are marked private or no-store (every form
page) are never stored: `response_is_public` is that rule, and the compression of pages uses it too.

Public pages are sent compressed (brotli or gzip, as the browser accepts) and each encoding is a copy of
its own. Only they are: a compressed response that also reflects a secret (a CSRF token) beside what an
attacker sends would leak it a byte at a time (BREACH).

Copies live in a cache of their own (the "pages" cache), so that however many pages it holds, its
eviction never touches the content version or the rate-limit counters in the default cache. A copy's
key is made only of what routing and the page read: the routed path, the host, the scheme and the
query parameters pages use (PAGE_CACHE_QUERY_PARAMETERS). Any other parameter (?utm_source=,
?fbclid=, junk) is served the same copy instead of making a new one; a request whose path is not the
path routing used (a SCRIPT_NAME prefix) is never cached.
"""

import gzip
from urllib.parse import urlencode

import brotli

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from . import content_version
from .navigation import get_navigation

SKIP_PREFIXES = ("/admin/", "/documents/", "/health/", "/media/", "/static/")
MAX_KEY_PART_LENGTH = 300
# Smaller bodies gain nothing from compression.
MIN_COMPRESSED_LENGTH = 200


def page_changing_cookies():
    """The cookies whose value changes what a page shows: the session (staff signed in, and what Wagtail
    keeps for them) and the flash messages Django keeps in a cookie before the session. The CSRF cookie
    only checks forms, which are never cached, so it is not one of them."""
    return {settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name}


def request_may_use_cache(request):
    """Whether `request` may be answered from a shared copy of a public page (and a copy made from it):
    a GET or HEAD with no cookie that changes the page. The front-end cache's VCL keeps the same rule."""
    return request.method in ("GET", "HEAD") and not page_changing_cookies() & request.COOKIES.keys()


def response_is_public(response):
    """Whether `response` is the same for everyone and holds nothing secret, so that it may be stored in a
    shared cache and compressed: a whole 200 page that sets no cookie, carries no form token and is not
    marked private or no-store."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        and b"csrfmiddlewaretoken" not in response.content
    )


def accepted_encoding(request):
    """The best encoding the browser accepts, of the two we send: brotli, then gzip; "" for neither."""
    accepted = set()
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _, parameters = part.partition(";")
        quality = parameters.strip().removeprefix("q=")
        try:
            wanted = float(quality) > 0 if parameters else True
        except ValueError:
            wanted = False
        if wanted:
            accepted.add(name.strip().lower())
    return next((encoding for encoding in ("br", "gzip") if encoding in accepted), "")


def compress(request, response):
    """Compress a public page in the encoding the browser prefers (see the module docstring)."""
    encoding = accepted_encoding(request)
    if (
        not encoding
        or response.has_header("Content-Encoding")
        or not request_may_use_cache(request)
        or not response_is_public(response)
        or len(response.content) < MIN_COMPRESSED_LENGTH
    ):
        return response
    if encoding == "br":
        body = brotli.compress(response.content, quality=5, mode=brotli.MODE_TEXT)
    else:
        body = gzip.compress(response.content, compresslevel=6, mtime=0)
    response.content = body
    response["Content-Encoding"] = encoding
    response["Content-Length"] = str(len(body))
    if response.has_header("ETag"):
        response["ETag"] = response["ETag"].removesuffix('"') + f'-{encoding}"'
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.vary(compress(request, self.get_response(request)))
        pages = caches["pages"]
        cached = pages.get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.vary(compress(request, self.get_response(request)))
        if response_is_public(response):
            pages.set(key, response, self.timeout(request))
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def vary(response):
        """A page may be sent compressed or not, so shared caches keep a copy per Accept-Encoding."""
        if not response.streaming:
            patch_vary_headers(response, ("Accept-Encoding",))
        return response

    def cache_key(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0 or not request_may_use_cache(request):
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
        encoding = accepted_encoding(request) or "identity"
        return f"stp_site:page:{content_version.current()}:{request.scheme}:{host}:{path}?{query}:{encoding}"

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
