"""Cache-Control and surrogate keys for the front-end cache (Varnish, or a CDN that reads them).

One rule for "publicly cacheable": the whole-page cache's (core/page_cache.py, request_may_use_cache and
response_is_public), whether or not that cache is on. A public response to such a request gets
`s-maxage` as long as the page cache keeps it, `max-age=0` so browsers ask again and see a publish at
once, and its `xkey` tags (keys.py).
Everything else (forms, responses setting cookies or carrying a CSRF token, private and unpublished
pages, staff, previews, the admin) says `private, no-store`, and the VCL caches nothing without
`s-maxage`. Static files, media and documents keep their own headers.

Placed just inside PageCacheMiddleware, so the whole-page cache stores a copy with these headers and
serves them on every hit.
"""

from django.utils.cache import patch_cache_control

from stp_site.core.page_cache import SKIP_PREFIXES, PageCacheMiddleware, request_may_use_cache, response_is_public

from . import keys

OWN_HEADERS_PREFIXES = ("/static/", "/media/", "/documents/")
_PAGE_CACHE = PageCacheMiddleware(get_response=None)  # for its timeout: how long a page may be kept


class FrontendCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(OWN_HEADERS_PREFIXES):
            return response
        public = request_may_use_cache(request) and not request.path_info.startswith(SKIP_PREFIXES)
        if public and response_is_public(response):
            patch_cache_control(response, public=True, max_age=0, s_maxage=_PAGE_CACHE.timeout(request))
            response["xkey"] = " ".join(sorted(keys.for_response(request, response)))
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response
