"""Admin pages this app serves in place of Wagtail's, at Wagtail's own addresses (included ahead of
Wagtail's admin in stp_site/urls.py), with the same sign-in and caching Wagtail gives its own."""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access

from .reports import PageTypesOnTheirSitesView


def admin_view(view):
    return never_cache(require_admin_access(view))


urlpatterns = [
    path(
        "reports/page-types-usage/",
        admin_view(PageTypesOnTheirSitesView.as_view()),
        name="page_types_usage_on_their_sites",
    ),
    path(
        "reports/page-types-usage/results/",
        admin_view(PageTypesOnTheirSitesView.as_view(results_only=True)),
        name="page_types_usage_on_their_sites_results",
    ),
]
