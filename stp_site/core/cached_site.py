from django.core.exceptions import DisallowedHost

from wagtail.models import Site

from . import content_version


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
