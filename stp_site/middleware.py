from django.conf import settings

from .views import bad_request


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


class RejectNulBytesMiddleware:
    """A NUL byte in the path or query string gets the 400 page, never a 500.

    PostgreSQL cannot store or compare text with NUL in it, so any query that such a value reaches
    fails. Form answers are checked by their forms, which say which field to fix.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info or any(
            "\x00" in name or any("\x00" in value for value in values) for name, values in request.GET.lists()
        ):
            # Answered here rather than raised: a raised BadRequest logs a traceback for every such probe.
            return bad_request(request)
        return self.get_response(request)
