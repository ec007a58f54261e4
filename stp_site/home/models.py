"""The partnership's own pages: the home page, the vision, and plain content pages (such as the
accessibility statement), with the known accessibility issues that statement lists."""

from django.db import models

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from news.models import NewsIndexPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.core import content_version
from stp_site.core.blocks import SHORT_TEXT_FEATURES, BodyStreamBlock
from stp_site.core.models import BasePage
from stp_site.governance.models import next_board_meeting

from .blocks import StandardPageBodyBlock

LATEST_NEWS = 3


def programmes_context(page):
    """The published programmes of `page`'s site in the order staff set, and its 'Our work' page (home
    and vision pages)."""
    root = page.site_root_path
    return {
        "programmes": content_version.cached(f"programmes:{root}", lambda: ProgrammePage.published(root)),
        "programme_index": content_version.cached(
            f"programme_index:{root}",
            lambda: ProgrammeIndexPage.objects.in_site(root).live().public().defer_streamfields().first(),
        ),
    }


class HomePage(BasePage):
    """The front page: the vision in brief and a way into every section."""

    template = "pages/home_page.html"
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.VisionPage",
        "home.StandardPage",
        "partners.PartnerIndexPage",
        "glossary.GlossaryPage",
        "programmes.ProgrammeIndexPage",
        "news.NewsIndexPage",
        "get_involved.GetInvolvedPage",
        "email_updates.EmailUpdatesPage",
        "governance.GovernancePage",
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
        """Adds `sections` (the menu's pages, as cards), `programmes`, `programme_index`, `latest_news`,
        `news_index` and its feed, and `next_meeting` (the next board meeting, or None). Each only changes
        when staff publish: cached under the content version."""
        context = super().get_context(request, *args, **kwargs)
        context.update(programmes_context(self))
        context["next_meeting"] = next_board_meeting(self.site_root_path)
        if self.pk:
            context["sections"] = content_version.cached(f"home_sections:{self.pk}", self.menu_sections)
            news_index = content_version.cached(f"news_index:{self.pk}", self.news_index)
            if news_index is not None:
                context.update(
                    news_index=news_index,
                    latest_news=content_version.cached(
                        f"latest_news:{news_index.pk}", lambda: news_index.latest(LATEST_NEWS)
                    ),
                    news_feed_url=news_index.feed_url(),
                    news_feed_title=news_index.feed_title(),
                )
        return context

    def menu_sections(self):
        """The pages below the home page that are in the menu, as cards."""
        return list(self.get_children().live().public().in_menu().specific())

    def news_index(self):
        return NewsIndexPage.objects.child_of(self).live().public().defer_streamfields().first()


class VisionPage(BasePage):
    """The partnership's vision: what it wants to achieve, who is in it and how it began."""

    template = "pages/vision_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StandardPage"]

    vision_statement = models.CharField(max_length=250, help_text="The vision in one sentence.")
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("vision_statement"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("vision_statement"), index.SearchField("body")]

    def get_context(self, request, *args, **kwargs):
        """Adds `programmes` and `programme_index`."""
        context = super().get_context(request, *args, **kwargs)
        context.update(programmes_context(self))
        return context


class StandardPage(BasePage):
    """A plain content page: accessibility statement, privacy notice, cookies, contact us."""

    template = "pages/standard_page.html"
    parent_page_types = [
        "home.HomePage",
        "home.VisionPage",
        "home.StandardPage",
        "get_involved.GetInvolvedPage",
    ]
    subpage_types = ["home.StandardPage"]

    body = StreamField(StandardPageBodyBlock(), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    def get_context(self, request, *args, **kwargs):
        """Adds `known_accessibility_issues` when the body lists them (the accessibility statement)."""
        context = super().get_context(request, *args, **kwargs)
        if any(block.block_type == "known_accessibility_issues" for block in self.body):
            root = self.site_root_path
            context["known_accessibility_issues"] = content_version.cached(
                f"known_accessibility_issues:{root}",
                lambda: KnownAccessibilityIssue.objects.filter(site__root_page__path=root, fixed=False),
            )
        return context


class KnownAccessibilityIssue(models.Model):
    """A part of a partnership's website that does not yet meet WCAG 2.2 AA. Listed on that site's
    accessibility statement. A snippet: staff see their own sites' issues only (wagtail_hooks.py)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="known_accessibility_issues",
        help_text="The partnership's website with this problem.",
    )
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
        FieldPanel("site"),
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
