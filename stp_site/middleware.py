from django.conf import settings


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
