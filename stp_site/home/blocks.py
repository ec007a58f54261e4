"""Blocks only standard pages use. The shared ones come from stp_site.core.blocks."""

from wagtail import blocks

from stp_site.core.blocks import BodyStreamBlock


class KnownAccessibilityIssuesBlock(blocks.StaticBlock):
    """The known accessibility issues that staff keep as snippets (for the accessibility statement).
    The page that holds this block reads them: StandardPage.get_context names `known_accessibility_issues`."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["issues"] = (parent_context or {}).get("known_accessibility_issues", [])
        return context

    class Meta:
        icon = "warning"
        template = "components/streamfield/blocks/known_accessibility_issues.html"
        admin_text = "Lists the known accessibility issues kept under Snippets > Known accessibility issues."
        description = "The known accessibility issues, for the accessibility statement."


class StandardPageBodyBlock(BodyStreamBlock):
    """A standard page's body: the shared blocks, plus the known-issues list for the accessibility statement."""

    known_accessibility_issues = KnownAccessibilityIssuesBlock()
