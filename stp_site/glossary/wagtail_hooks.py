from stp_site.core.site_snippets import SiteSnippetViewSet, register_site_snippet

from .models import GlossaryTerm


class GlossaryTermViewSet(SiteSnippetViewSet):
    """Each partnership's staff list and edit their own site's terms only."""

    model = GlossaryTerm
    icon = "help"
    list_display = ["term", "site"]


register_site_snippet(GlossaryTermViewSet)
