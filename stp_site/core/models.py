"""What every page shares (BasePage) and each partnership's site settings (one per Wagtail Site)."""

from django.db import models
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod

from stp_site.plain_english.panels import PlainEnglishPageForm, ReadabilityPanel

from . import content_version
from .blocks import SHORT_TEXT_FEATURES, LinkBlock
from .view_restrictions import SitePageManager, private_sections

MAX_CACHED_ROUTE = 200  # longer paths (no real page has one) are routed afresh: a short cache key each


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

    objects = SitePageManager()  # `.public()` without a query: see view_restrictions.py

    class Meta:
        abstract = True

    @cached_classmethod
    def get_edit_handler(cls):
        """The usual Content, Promote and Settings tabs, with the plain-English check at the top of Content.

        Apps add panels to every page's Promote tab with the `register_page_promote_panels` hook: a function
        returning a list of panels (the governance app's "Publication scheme" is one), so core names none."""
        if hasattr(cls, "edit_handler"):
            return cls.edit_handler.bind_to_model(cls)
        base_form_class = cls.base_form_class if cls.base_form_class is not WagtailAdminPageForm else None
        tabs = [ObjectList([ReadabilityPanel(), *cls.content_panels], heading="Content")]
        promote_panels = [*cls.promote_panels]
        for hook in hooks.get_hooks("register_page_promote_panels"):
            promote_panels += hook()
        if promote_panels:
            tabs.append(ObjectList(promote_panels, heading="Promote"))
        if cls.settings_panels:
            tabs.append(ObjectList(cls.settings_panels, heading="Settings"))
        return TabbedInterface(tabs, base_form_class=base_form_class or PlainEnglishPageForm).bind_to_model(cls)

    def route(self, request, path_components):
        """From a site's home page, the page at a path comes from the cache: Wagtail otherwise reads each
        step of the path from the database. What is cached is the deepest page the path reaches (its
        specific object) and the rest of the path, which that page routes itself (a calendar file, a
        feed), so the result is the one Wagtail's walk gives until the next publish or move. A POST (a
        form sent) is routed through the database as before: it needs the database anyway, and while the
        database is down it gets the 503 page, not a form it cannot store."""
        path = "/".join(path_components)
        if self.depth != 2 or not path or len(path) > MAX_CACHED_ROUTE or request.method not in ("GET", "HEAD"):
            return super().route(request, path_components)

        def walk():  # Http404 (no such page) is raised, never cached
            page = super(BasePage, self).route(request, path_components).page
            return page, path_components[page.depth - self.depth :]

        page, rest = content_version.cached(f"route:{self.pk}:{path}", walk)
        return page.route(request, rest)

    @property
    def search_result_date(self):
        """The date shown with this page in search results, and its label. News pages show their own date."""
        return "Updated", self.last_published_at

    def get_view_restrictions(self):
        """Wagtail checks these before serving a page; with no private sections there is nothing to look up."""
        if not private_sections():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def site_root_path(self):
        """The tree path of this page's home page. Every partnership's home page sits straight under the
        tree's root (HomePage.parent_page_types), so a page's site is the first step of its path."""
        return self.path[: self.steplen * 2]

    @property
    def canonical_url(self):
        """The one address search engines should list: a page shared from another partnership's site (a
        Wagtail alias) names the original."""
        original = self.alias_of if self.alias_of_id else self
        return original.full_url

    def get_sitemap_urls(self, request=None):
        """A shared page is listed in its original's site's sitemap only (it names that page as canonical)."""
        return [] if self.alias_of_id else super().get_sitemap_urls(request)

    @property
    def card_title(self):
        return self.listing_title or self.title

    @property
    def meta_description(self):
        return self.search_description or self.listing_summary


class SectionPage(BasePage):
    """A section's front page: a short introduction above a list of the pages in the section."""

    intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="A few plain sentences about the section, shown above the list.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def published_children(self, model):
        """The section's published pages of one type that anyone may read, in the order staff set."""
        return model.objects.child_of(self).live().public().defer_streamfields().order_by("path")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who the partnership is and how to reach it: used in the header, footer and contact details."""

    organisation_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The partnership's name, shown in the header. Leave blank to use the site's name.",
    )
    organisation_descriptor = models.CharField(
        max_length=120, blank=True, help_text="Shown under the name, e.g. the area the partnership serves."
    )
    area_served = models.CharField(
        max_length=120,
        blank=True,
        help_text="The area the partnership serves, for search engines, e.g. 'Staffordshire and Stoke-on-Trent'.",
    )
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The privacy notice. Forms link to it, and each sign-up records which notice was shown.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How to contact the partnership. Error pages and 'request another format' link to it.",
    )
    footer_links = StreamField([("link", LinkBlock())], blank=True)
    social_links = StreamField([("link", LinkBlock())], blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_descriptor"), FieldPanel("area_served")],
            heading="Organisation",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")], heading="Contact"),
        MultiFieldPanel([FieldPanel("privacy_notice_page"), FieldPanel("contact_page")], heading="Key pages"),
        FieldPanel("footer_links"),
        FieldPanel("social_links"),
    ]

    class Meta:
        verbose_name = "site settings"


@register_setting(icon="warning")
class AlertBanner(BaseSiteSetting):
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
