"""The page chooser, asked for one type of page (say, a reference group) with no page to start from,
starts where that type's pages on this person's sites are. Wagtail starts at the nearest page above every
page of the type, on any site: another partnership's section, when only it has such pages. (Which pages
it lists is limited in wagtail_hooks.py.) Served at Wagtail's own address (admin_urls.py)."""

from django.http import Http404

from wagtail.admin.views.chooser import BrowseView, page_models_from_string
from wagtail.models import Page

from stp_site.core.site_permissions import under_site_roots

from .scope import home_page_paths


class BrowseTheirSitesView(BrowseView):
    def get(self, request, parent_page_id=None):
        page_type = request.GET.get("page_type") or "wagtailcore.page"
        paths = home_page_paths(request.user)
        if parent_page_id is None and paths is not None and page_type != "wagtailcore.page":
            try:
                models = page_models_from_string(page_type)
            except (ValueError, LookupError) as error:
                raise Http404 from error
            theirs = Page.objects.type(*models).filter(under_site_roots(paths))
            start = theirs.first_common_ancestor() if theirs.exists() else Page.get_first_root_node()
            parent_page_id = start.pk
        return super().get(request, parent_page_id)
