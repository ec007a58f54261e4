from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from stp_site.core import calendars
from stp_site.page_feedback import views as page_feedback_views
from stp_site.search import views as search_views

from . import views

handler400 = "stp_site.views.bad_request"
handler403 = "stp_site.views.permission_denied"
handler404 = "stp_site.views.page_not_found"
handler500 = "stp_site.views.server_error"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": WagtailSitemap}},
        name="sitemap",
    ),
    path("search/", search_views.search, name="search"),
    # "Is this page useful?" (stp_site/page_feedback): POSTs only, never cached.
    path("page-feedback/", page_feedback_views.vote, name="page_feedback_vote"),
    path("page-feedback/comment/", page_feedback_views.comment, name="page_feedback_comment"),
    # Email updates' links: confirming, changing choices and one-click unsubscribing (stp_site/email_updates).
    path("email-updates/", include("stp_site.email_updates.urls")),
    path("favicon.ico", views.favicon, name="favicon"),
    # Two-step verification (stp_site/staff_sign_in) and its passkey endpoints (django-otp-webauthn).
    path("admin/two-factor/passkey/", include("stp_site.staff_sign_in.passkeys")),
    path("admin/two-factor/", include("stp_site.staff_sign_in.urls")),
    # Wagtail admin pages limited to each person's partnerships, ahead of Wagtail's own at the same addresses.
    path("admin/", include("stp_site.partnerships.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Calendar feeds and files of meetings and events (stp_site/core/calendars.py): Wagtail's own routes
    # cannot end in ".ics".
    re_path(r"^((?:[\w\-]+/)+)calendar\.ics$", calendars.serve, name="page_calendar"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Uploaded images and documents, when no web server or object storage serves them (docs/deploy.md).
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
