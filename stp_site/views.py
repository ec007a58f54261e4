import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request):
    """200 when the database answers, 503 when it does not; says nothing more."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: database unavailable")
        return HttpResponse("unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the hashed static file."""
    return HttpResponsePermanentRedirect(static("wagtailnhsukfrontend/favicons/favicon.ico"))


def _error_page(request, template_name, status, with_database=True):
    """Render an error page. The 500 page reads nothing from the database: it may be the problem."""
    context = {"request": request, "with_database": with_database, "status": status}
    try:
        html = render_to_string(template_name, context, request=request if with_database else None)
    except Exception:
        if not with_database:
            raise
        logger.exception("Error page %s could not read the site navigation; falling back", status)
        html = render_to_string(template_name, {**context, "with_database": False})
    return HttpResponse(html, status=status)


def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


def server_error(request):
    return _error_page(request, "500.html", 500, with_database=False)


def csrf_failure(request, reason=""):
    return _error_page(request, "403_csrf.html", 403)
