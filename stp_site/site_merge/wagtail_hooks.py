from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import SiteMerge
from .views import MergeDoneView, MergeSitesView, may_merge


@hooks.register("register_admin_urls")
def register_merge_urls():
    return [
        path("merge-sites/", MergeSitesView.as_view(), name="site_merge"),
        path("merge-sites/<int:pk>/", MergeDoneView.as_view(), name="site_merge_done"),
    ]


class MergeSitesMenuItem(MenuItem):
    def is_shown(self, request):
        return may_merge(request.user)


@hooks.register("register_settings_menu_item")
def register_merge_menu_item():
    return MergeSitesMenuItem("Merge sites", reverse("site_merge"), name="merge-sites", icon_name="site", order=610)


@hooks.register("register_permissions")
def register_merge_permission():
    """So that an administrator can give "Can add site merge" to a group (Settings > Groups)."""
    return Permission.objects.filter(content_type__app_label="site_merge", codename="add_sitemerge")


@hooks.register("before_delete_page")
def keep_merged_sites_roots(request, page):
    """A merged site's placeholder home page holds its Site row up: deleting it would delete the site,
    with every redirect its old addresses answer with."""
    merge = SiteMerge.objects.filter(source__root_page=page).select_related("source").first()
    if merge is None:
        return None
    messages.error(
        request,
        f"This page cannot be deleted: it stands in for {merge.source.site_name or merge.source.hostname}, "
        "which was merged, and its old addresses need it to keep redirecting.",
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)
