"""The "Get email updates" page. It sits above the views it routes to (as get_involved's pages do):
nothing below imports it."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.models import BasePage

from .. import views


class EmailUpdatesPage(RoutablePageMixin, BasePage):
    """The "Get email updates" form: an email address and what to hear about. One per partnership's site."""

    template = "pages/email_updates_page.html"
    page_feedback = False  # its address is a form (as a reference group's is)
    parent_page_types = ["home.HomePage", "get_involved.GetInvolvedPage"]
    subpage_types = []

    intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="A few plain sentences above the form: what we send and how often.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "email updates page"

    @classmethod
    def can_create_at(cls, parent):
        """One per site: under its home page or its Get involved page, not both."""
        if not super().can_create_at(parent):
            return False
        site_root = parent.get_ancestors(inclusive=True).filter(depth=2).first()
        return site_root is None or not cls.objects.descendant_of(site_root, inclusive=True).exists()

    @path("", name="subscribe")
    def subscribe(self, request):
        return views.subscribe(request, self)

    @path("check-your-email/", name="check_email")
    def check_email(self, request):
        return views.check_email(request, self)
