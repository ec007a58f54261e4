"""Partner organisations: the partners page, grouped by type, and one page per organisation."""

from django.db import models

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from stp_site.core import content_version
from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.models import BasePage, SectionPage


class PartnerIndexPage(SectionPage):
    """The partner organisations, grouped by type, each with its logo and summary."""

    template = "pages/partner_index_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    subpage_types = ["partners.PartnerPage"]

    def get_context(self, request, *args, **kwargs):
        """Adds `partner_groups`: the published partners, grouped by type."""
        context = super().get_context(request, *args, **kwargs)
        partners = self.published_children(PartnerPage).with_listing_images()
        context["partner_groups"] = PartnerPage.group_by_type(partners)
        return context


class PartnerPage(BasePage):
    """One partner organisation: who they are and what they do in the partnership. The programmes it
    takes part in are listed from the programme pages that name it, so nobody enters them twice."""

    class PartnerType(models.TextChoices):
        NHS_TRUST = "nhs_trust", "NHS trust"
        COUNCIL = "council", "Council"
        PRIMARY_CARE = "primary_care", "Primary care"
        AMBULANCE = "ambulance", "Ambulance service"
        HEALTHWATCH = "healthwatch", "Healthwatch"
        VOLUNTARY = "voluntary", "Voluntary and community sector"

    # Headings for the groups on the partners page, in the order they are shown.
    GROUP_HEADINGS = {
        "nhs_trust": "NHS trusts",
        "council": "Councils",
        "primary_care": "Primary care",
        "ambulance": "Ambulance service",
        "healthwatch": "Healthwatch",
        "voluntary": "Voluntary and community sector",
    }

    template = "pages/partner_page.html"
    parent_page_types = ["partners.PartnerIndexPage"]
    subpage_types = []

    partner_type = models.CharField(
        max_length=20,
        choices=PartnerType.choices,
        default=PartnerType.NHS_TRUST,
        help_text="Which group the partner is listed under on the partners page.",
    )
    who_they_are = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="What kind of organisation this is and what services it runs, in plain words.",
    )
    role_in_partnership = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        verbose_name="role in the partnership",
        help_text="What the organisation does in the partnership.",
    )
    area_served = models.CharField(
        max_length=200, blank=True, help_text="The places the organisation serves, for example 'Stoke-on-Trent'."
    )
    website = models.URLField(blank=True, help_text="The organisation's own website, starting with https://.")
    phone = models.CharField(max_length=40, blank=True, help_text="A public phone number, if residents may call.")
    email = models.EmailField(blank=True, help_text="A public email address. Shown as a plain email link.")
    strategic_objectives = StreamField(
        [("objective", blocks.TextBlock(max_length=400, label="Objective"))],
        blank=True,
        help_text="Only if the organisation publishes them. Add one objective per item, in their order.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("partner_type"),
        FieldPanel("who_they_are"),
        FieldPanel("role_in_partnership"),
        MultiFieldPanel(
            [FieldPanel("area_served"), FieldPanel("website"), FieldPanel("phone"), FieldPanel("email")],
            heading="Area and contact details",
        ),
        FieldPanel("strategic_objectives"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("who_they_are"),
        index.SearchField("role_in_partnership"),
        index.SearchField("area_served"),
        index.FilterField("partner_type"),
    ]

    class Meta:
        verbose_name = "partner page"

    @property
    def website_display(self):
        """The website without 'https://' or a trailing slash, easier to read aloud."""
        return self.website.split("://", 1)[-1].removeprefix("www.").rstrip("/") if self.website else ""

    @property
    def phone_link(self):
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    def get_context(self, request, *args, **kwargs):
        """Adds `programmes`: the published programmes whose "partners involved" name this partner
        (the programme pages' relation, read back). Only changes when staff publish: cached."""
        context = super().get_context(request, *args, **kwargs)
        if self.pk:
            context["programmes"] = content_version.cached(
                f"partner_programmes:{self.pk}",
                lambda: list(self.programmes.live().public().defer_streamfields().order_by("path")),
            )
        return context

    @classmethod
    def group_by_type(cls, partners):
        """[{'anchor', 'label', 'partners'}] in the order of GROUP_HEADINGS, leaving out empty groups."""
        by_type = {key: [] for key in cls.GROUP_HEADINGS}
        for partner in partners:
            by_type.setdefault(partner.partner_type, []).append(partner)
        return [
            {"anchor": key, "label": cls.GROUP_HEADINGS.get(key, key), "partners": members}
            for key, members in by_type.items()
            if members
        ]
