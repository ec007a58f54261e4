from stp_site.core.site_snippets import SiteSnippetViewSet, register_site_snippet

from .models import KnownAccessibilityIssue


class KnownAccessibilityIssueViewSet(SiteSnippetViewSet):
    """Each partnership's staff list and edit their own site's known issues only."""

    model = KnownAccessibilityIssue
    icon = "warning"
    list_display = ["description", "site", "fixed"]
    list_filter = ["fixed"]


register_site_snippet(KnownAccessibilityIssueViewSet)
