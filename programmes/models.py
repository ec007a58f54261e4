from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from stp_site.blocks import SHORT_TEXT_FEATURES
from stp_site.models import BasePage


class ProgrammeIndexPage(BasePage):
    """'Our work': an introduction and a card for each workstream programme, in the order staff set."""

    template = "pages/programme_index_page.html"
    max_count = 1
    parent_page_types = ["stp_site.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]

    intro = RichTextField(features=SHORT_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            ProgrammePage.objects.child_of(self).live().public().defer_streamfields().select_related("listing_image")
        )
        return context


class ProgrammePage(BasePage):
    """One workstream programme, such as maternity and children."""

    template = "pages/programme_page.html"
    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = []
