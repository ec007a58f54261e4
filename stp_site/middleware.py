from django.conf import settings
from django.core.exceptions import DisallowedHost

from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware
from wagtail.models import Site

from . import content_version


class SecurityHeadersMiddleware:
    """Adds the headers Django has no setting for: CSP and Permissions-Policy.

    The public site gets a strict policy (no inline script); Wagtail's admin needs inline
    script and style, so /admin/ gets a looser policy of its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") or getattr(request, "is_preview", False):
            policy = settings.ADMIN_CONTENT_SECURITY_POLICY
        else:
            policy = settings.CONTENT_SECURITY_POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects (made automatically when a page is moved or renamed), keeping the query string.

    Partners' links carry ?ref=<code>; when a page's slug changes, the old link must still record the referral.
    """

    def process_response(self, request, response):
        result = super().process_response(request, response)
        query = request.META.get("QUERY_STRING", "")
        if result is not response and query and result.has_header("Location") and "?" not in result["Location"]:
            result["Location"] = f"{result['Location']}?{query}"
        return result


class CachedSiteMiddleware:
    """Finds the request's Wagtail Site (with its home page, ready to route from) in the cache.

    Wagtail looks the site up, and then loads its home page, on every request. Both only change when
    staff publish or edit a site, which bumps the content version the copy is keyed by. Only hosts
    in ALLOWED_HOSTS are cached; anything else is left to Wagtail (and Django refuses it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            try:
                host = request.get_host()
            except DisallowedHost:
                host = None
            if host:
                request._wagtail_site = content_version.cached(
                    f"site:{host}:{request.get_port()}", lambda: self.find_site(request)
                )
        return self.get_response(request)

    @staticmethod
    def find_site(request):
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site
