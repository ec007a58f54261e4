from django.http import Http404

from wagtail import hooks
from wagtail.models import Page

from stp_site.core.site_permissions import under_site_roots

from .bulk_actions import BULK_ACTIONS
from .group_permissions import SitePermissionsForm
from .scope import home_page_paths, on_their_sites


@hooks.register("construct_page_chooser_queryset")
def choose_pages_of_their_own_sites(pages, request):
    """The page chooser (links, "related" pages, the settings' key pages) offers only pages of the
    partnerships this person works on; browsing into another's pages is "not found"."""
    paths = home_page_paths(request.user)
    if paths is None:
        return pages
    parent_id = request.resolver_match.kwargs.get("parent_page_id") if request.resolver_match else None
    if parent_id is not None:
        parent_path = Page.objects.filter(pk=parent_id).values_list("path", flat=True).first()
        if parent_path and len(parent_path) > Page.steplen and not on_their_sites(parent_path, paths):
            raise Http404
    return pages.filter(under_site_roots(paths))


# After Wagtail's own (order 0), which they replace.
for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=1)


@hooks.register("register_group_permission_panel")
def register_site_permissions_panel():
    return SitePermissionsForm
