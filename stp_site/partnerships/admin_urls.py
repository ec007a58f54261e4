"""Admin pages this app serves in place of Wagtail's, at Wagtail's own addresses (included ahead of
Wagtail's admin in stp_site/urls.py), with the same sign-in and caching Wagtail gives its own."""

from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access

from .chooser import BrowseTheirSitesView
from .reports import (
    PageTypesOnTheirSitesView,
    SiteHistoryView,
    WorkflowsOnTheirSitesView,
    WorkflowTasksOnTheirSitesView,
)


def admin_view(view):
    return never_cache(require_admin_access(view))


def report(address, view_class):
    """A report and the results-only part its filters reload, as Wagtail's own are routed."""
    name = address.strip("/").replace("-", "_").replace("/", "_")
    return [
        path(f"reports/{address}", admin_view(view_class.as_view()), name=f"{name}_on_their_sites"),
        path(
            f"reports/{address}results/",
            admin_view(view_class.as_view(results_only=True)),
            name=f"{name}_on_their_sites_results",
        ),
    ]


urlpatterns = [
    path("choose-page/", admin_view(BrowseTheirSitesView.as_view()), name="choose_page_on_their_sites"),
    *report("page-types-usage/", PageTypesOnTheirSitesView),
    *report("site-history/", SiteHistoryView),
    *report("workflow/", WorkflowsOnTheirSitesView),
    *report("workflow_tasks/", WorkflowTasksOnTheirSitesView),
]
