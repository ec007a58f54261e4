from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from wagtail import blocks, hooks
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.utils.decorators import cached_classmethod

from . import content_version
from .blocks import SHORT_TEXT_FEATURES, BodyStreamBlock, LinkStructValue, StandardPageBodyBlock
from .privacy import SitePageManager, private_sections


class BasePage(Page):
    """What every public page has: how it looks in lists, and when its content was last checked."""

    listing_title = models.CharField(
        max_length=120, blank=True, help_text="A shorter title for cards and lists. Leave blank to use the title."
    )
    listing_summary = models.TextField(
        max_length=300,
        blank=True,
        verbose_name="summary",
        help_text="One or two plain sentences shown on cards, in search results and under the title.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown on cards and when the page is shared. Its alt text is taken from the image title.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, verbose_name="page last reviewed", help_text="When someone last checked this page."
    )
    next_review_due = models.DateField(
        null=True, blank=True, help_text="When the page should next be checked. Shown to residents."
    )

    content_panels = Page.content_panels + [FieldPanel("listing_summary")]
    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("listing_title"), FieldPanel("listing_image")], heading="Cards and lists"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")])],
            heading="Content review",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("listing_summary")]

    objects = SitePageManager()  # `.public()` without a query: see privacy.py

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """The usual Content, Promote and Settings tabs, with the plain-English check at the top of Content."""
        from .panels import PlainEnglishPageForm, ReadabilityPanel

        if hasattr(cls, "edit_handler"):
            return cls.edit_handler.bind_to_model(cls)
        base_form_class = cls.base_form_class if cls.base_form_class is not WagtailAdminPageForm else None
        tabs = [ObjectList([ReadabilityPanel(), *cls.content_panels], heading="Content")]
        if cls.promote_panels:
            tabs.append(ObjectList(cls.promote_panels, heading="Promote"))
        if cls.settings_panels:
            tabs.append(ObjectList(cls.settings_panels, heading="Settings"))
        return TabbedInterface(tabs, base_form_class=base_form_class or PlainEnglishPageForm).bind_to_model(cls)

    @property
    def search_result_date(self):
        """The date shown with this page in search results, and its label. News overrides it."""
        return "Updated", self.last_published_at

    def get_view_restrictions(self):
        """Wagtail checks these before serving a page; with no private sections there is nothing to look up."""
        if not private_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Apps add to other apps' pages through this hook (e.g. news adds "latest news" to the home
        # and programme pages), so no app imports another's models or views to do it.
        for extend_context in hooks.get_hooks("extend_page_context"):
            extend_context(page=self, request=request, context=context)
        return context

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def meta_description(self):
        return self.search_description or self.listing_summary


class HomePage(BasePage):
    """The front page: the vision in brief and a way into every section."""

    template = "pages/home_page.html"
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "stp_site.VisionPage",
        "stp_site.StandardPage",
        "stp_site.PartnerIndexPage",
        "programmes.ProgrammeIndexPage",
        "news.NewsIndexPage",
        "get_involved.GetInvolvedPage",
    ]

    hero_heading = models.CharField(max_length=120, help_text="The big heading at the top of the page.")
    hero_text = models.CharField(max_length=250, blank=True, help_text="One sentence under the heading.")
    vision_in_brief = RichTextField(features=SHORT_TEXT_FEATURES, blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("vision_in_brief"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("vision_in_brief")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk:
            context["sections"] = content_version.cached(f"home_sections:{self.pk}", self.menu_sections)
        return context

    def menu_sections(self):
        """The pages below the home page that are in the menu, as cards."""
        return list(self.get_children().live().public().in_menu().specific().select_related("listing_image"))


class VisionPage(BasePage):
    """The partnership's vision: what it wants to achieve, who is in it and how it began."""

    template = "pages/vision_page.html"
    max_count = 1
    parent_page_types = ["stp_site.HomePage"]
    subpage_types = ["stp_site.StandardPage"]

    vision_statement = models.CharField(max_length=250, help_text="The vision in one sentence.")
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("vision_statement"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("vision_statement"), index.SearchField("body")]


class StandardPage(BasePage):
    """A plain content page: accessibility statement, privacy notice, cookies, contact us."""

    template = "pages/standard_page.html"
    parent_page_types = ["stp_site.HomePage", "stp_site.VisionPage", "stp_site.StandardPage"]
    subpage_types = ["stp_site.StandardPage"]

    body = StreamField(StandardPageBodyBlock(), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(required=False, max_length=300, help_text="A web address or a path such as /privacy/.")

    class Meta:
        icon = "link"
        value_class = LinkStructValue


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """Who the partnership is and how to reach it: used in the header, footer and contact details."""

    organisation_name = models.CharField(max_length=100, default="Together We're Better")
    organisation_descriptor = models.CharField(
        max_length=120, blank=True, help_text="Shown under the name, e.g. the area the partnership serves."
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    footer_links = StreamField([("link", LinkBlock())], blank=True)
    social_links = StreamField([("link", LinkBlock())], blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_descriptor")], heading="Organisation"
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading="Contact"),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "site settings"


@register_setting(icon="warning")
class AlertBanner(BaseGenericSetting):
    """A site-wide notice (NHS notification banner) that shows only between its start and end."""

    title = models.CharField(max_length=100, blank=True, help_text="A short heading, e.g. 'Coronavirus (COVID-19)'.")
    body = RichTextField(features=SHORT_TEXT_FEATURES, blank=True)
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Leave blank to show it straight away.")
    ends_at = models.DateTimeField(null=True, blank=True, help_text="The banner hides itself after this time.")

    panels = [FieldPanel("title"), FieldPanel("body"), FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])]

    class Meta:
        verbose_name = "alert banner"

    def is_showing(self, now=None):
        now = now or timezone.now()
        if not (self.title and self.body):
            return False
        if self.starts_at and now < self.starts_at:
            return False
        return not (self.ends_at and now >= self.ends_at)


class PartnerIndexPage(BasePage):
    """The partner organisations, grouped by type, each with its logo and summary."""

    template = "pages/partner_index_page.html"
    max_count = 1
    parent_page_types = ["stp_site.HomePage"]
    subpage_types = ["stp_site.PartnerPage"]

    intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="A few plain sentences about who is in the partnership, shown above the list.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = (
            PartnerPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("path")
            .prefetch_related(Prefetch("listing_image", queryset=get_image_model().objects.prefetch_renditions()))
        )
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
    parent_page_types = ["stp_site.PartnerIndexPage"]
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


# --- Findability and trust (issue 7): glossary, known accessibility issues, plain-English settings ---


@register_snippet
class GlossaryTerm(models.Model):
    """A word residents may not know, with its meaning in plain English. The first use of a term on a
    page links to its entry on /glossary/."""

    term = models.CharField(
        max_length=80, unique=True, help_text="The word or abbreviation, as it is written, e.g. ICB."
    )
    meaning = models.TextField(
        max_length=600, help_text="What it means, in a few short sentences a 9 to 11 year old could follow."
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("term"), FieldPanel("meaning")]

    class Meta:
        ordering = [Lower("term")]
        verbose_name = "glossary term"

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        return "term-" + (slugify(self.term) or str(self.pk))


@register_snippet
class KnownAccessibilityIssue(models.Model):
    """A part of the website that does not yet meet WCAG 2.2 AA. Listed on the accessibility statement."""

    description = models.TextField(help_text="What does not work, and for whom, in plain words.")
    wcag_criterion = models.CharField(
        max_length=120, blank=True, help_text="The WCAG 2.2 success criterion it fails, e.g. 1.1.1 (non-text content)."
    )
    plan = models.CharField(
        max_length=250,
        blank=True,
        help_text="What we will do about it, and by when, e.g. 'We will fix this by March 2027.'",
    )
    fixed = models.BooleanField(default=False, help_text="Tick when fixed. Fixed issues are not listed.")
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [
        FieldPanel("description"),
        FieldPanel("wcag_criterion"),
        FieldPanel("plan"),
        FieldRowPanel([FieldPanel("fixed"), FieldPanel("sort_order")]),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "known accessibility issue"

    def __str__(self):
        return self.description[:80]


@register_setting(icon="doc-full")
class ReadabilitySettings(BaseGenericSetting):
    """How strict the plain-English check is. It always advises; for one section it can also require a
    reason before a page above the target reading age is published."""

    target_reading_age = models.PositiveSmallIntegerField(
        default=11, help_text="Pages above this reading age are flagged to editors. NHS.UK aims for 9 to 11."
    )
    enforced_section = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A section (this page and every page under it) where the check is enforced.",
    )
    enforced_max_reading_age = models.PositiveSmallIntegerField(
        default=11, help_text="In that section, publishing a page above this reading age needs a reason."
    )
    enforce = models.BooleanField(
        default=False,
        help_text="Tick to ask for a reason before publishing above the reading age in that section. "
        "The reason is kept in the page history.",
    )

    panels = [
        FieldPanel("target_reading_age"),
        MultiFieldPanel(
            [FieldPanel("enforce"), FieldPanel("enforced_section"), FieldPanel("enforced_max_reading_age")],
            heading="Enforce in one section",
        ),
    ]

    class Meta:
        verbose_name = "plain English check"

    def enforced_limit_for(self, page=None, parent=None):
        """The reading age above which publishing needs a reason, or None where the check only advises."""
        if not (self.enforce and self.enforced_section_id):
            return None
        section_path = self.enforced_section.path
        path = page.path if page is not None and page.pk else (parent.path if parent is not None else "")
        return self.enforced_max_reading_age if path and path.startswith(section_path) else None
