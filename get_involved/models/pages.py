"""Get involved's pages: the ways to have a say, and the patient reference groups with their sign-up form."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from stp_site.core.blocks import SHORT_TEXT_FEATURES, BodyStreamBlock
from stp_site.core.models import BasePage, SectionPage

from .. import views

DEFAULT_HOW_TO_JOIN_OFFLINE = (
    "<p>You do not need to go online to join. Call your local Healthwatch and they will help you sign up.</p>"
    "<ul><li>Healthwatch Staffordshire: call free on 0800 051 8371</li>"
    "<li>Healthwatch Stoke-on-Trent: call 01782 683080</li></ul>"
)


class GetInvolvedPage(SectionPage):
    """The ways to have a say: reference groups, the People's Panel, maternity voices, Healthwatch."""

    template = "pages/get_involved_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    # "Get email updates" (stp_site/email_updates) may live here or under the home page: one per site.
    subpage_types = [
        "get_involved.ReferenceGroupIndexPage",
        "consultations.ConsultationIndexPage",
        "events.EventIndexPage",  # stp_site/events: named, never imported
        "email_updates.EmailUpdatesPage",
        "home.StandardPage",
    ]

    body = StreamField(BodyStreamBlock(), blank=True, help_text="Each way to get involved, with a heading.")

    content_panels = SectionPage.content_panels + [FieldPanel("body")]
    search_fields = SectionPage.search_fields + [index.SearchField("body")]


class ReferenceGroupIndexPage(SectionPage):
    """The list of patient reference groups, one card each."""

    template = "pages/reference_group_index_page.html"
    max_count_per_parent = 1  # one in each get involved section
    parent_page_types = ["get_involved.GetInvolvedPage"]
    subpage_types = ["get_involved.ReferenceGroupPage"]

    def get_context(self, request, *args, **kwargs):
        """Adds `groups`: the published reference groups."""
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.published_children(ReferenceGroupPage)
        return context


class ReferenceGroupPage(RoutablePageMixin, BasePage):
    """One patient reference group. Its URL is the sign-up form partners link to; never a 404 when closed."""

    template = "pages/reference_group_page.html"
    thank_you_template = "pages/reference_group_thank_you.html"
    page_feedback = False  # its own address is the sign-up form: no "Is this page useful?" (page_feedback)
    parent_page_types = ["get_involved.ReferenceGroupIndexPage"]
    subpage_types = []

    programme = models.ForeignKey(
        "programmes.ProgrammePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reference_groups",
        help_text="The programme (workstream) this group helps to shape.",
    )
    what_it_does = RichTextField(
        features=SHORT_TEXT_FEATURES, help_text="What the group does and who it would suit, in plain English."
    )
    meeting_frequency = models.CharField(max_length=100, blank=True, help_text="For example 'Every two months'.")
    meeting_place = models.CharField(
        max_length=200, blank=True, help_text="Where it meets, for example 'Online, or at a community venue'."
    )
    support_offered = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="Expenses, accessible venues, online options, interpreters and formats.",
    )
    how_to_join_offline = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        default=DEFAULT_HOW_TO_JOIN_OFFLINE,
        help_text="How to join without the internet, e.g. by phoning Healthwatch.",
    )
    coordinators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Staff told by email when someone signs up (the email has no personal details, just a link).",
    )
    coordinator_emails = models.TextField(
        blank=True,
        max_length=2000,
        help_text="Other email addresses to tell about new sign-ups, one a line (e.g. a team inbox).",
    )
    is_closed = models.BooleanField(
        default=False,
        verbose_name="closed to new members",
        help_text="The page stays at the same address and says the group is not taking new members.",
    )
    closed_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the group closed or will close. Sign-ups to a closed group are deleted "
        "after this date plus a month, if that is sooner than the usual retention period.",
    )
    closed_message = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="Optional: what to say instead of the form, e.g. when it may reopen.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("programme"),
        FieldPanel("what_it_does"),
        FieldRowPanel([FieldPanel("meeting_frequency"), FieldPanel("meeting_place")]),
        FieldPanel("support_offered"),
        FieldPanel("how_to_join_offline"),
        MultiFieldPanel(
            [FieldPanel("is_closed"), FieldPanel("closed_on"), FieldPanel("closed_message")],
            heading="Closing the group",
        ),
    ]
    settings_panels = BasePage.settings_panels + [
        MultiFieldPanel([FieldPanel("coordinators"), FieldPanel("coordinator_emails")], heading="Sign-up emails"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("what_it_does")]

    def clean(self):
        super().clean()
        if self.is_closed and not self.closed_on:
            self.closed_on = timezone.localdate()

    @property
    def closed(self):
        if self.is_closed:
            return True
        return bool(self.closed_on and self.closed_on <= timezone.localdate())

    def notification_addresses(self):
        addresses = {user.email for user in self.coordinators.all() if user.email and user.is_active}
        addresses.update(line.strip() for line in self.coordinator_emails.splitlines() if "@" in line)
        return sorted(addresses)

    def get_context(self, request, *args, **kwargs):
        """Adds `privacy_notice_url` and `consent_hint`: the privacy notice the form links to (and the
        sign-up records)."""
        context = super().get_context(request, *args, **kwargs)
        context.update(views.privacy_notice_context(request))
        return context

    @path("", name="sign_up")
    def sign_up(self, request):
        return views.sign_up(request, self)

    @path("thank-you/", name="thank_you")
    def thank_you(self, request):
        return views.thank_you(request, self)
