from django.conf import settings

from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware


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
