"""News: the index at /news/ (paged, filtered by programme, with RSS feeds) and the news items under it."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.queryset import FakeQuerySet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from programmes.models import ProgrammePage
from stp_site.core.blocks import BodyStreamBlock
from stp_site.core.content_version import cached
from stp_site.core.jsonld import json_ld_script
from stp_site.core.models import BasePage, SectionPage
from stp_site.core.navigation import get_navigation
from stp_site.core.page_urls import local_url
from stp_site.partners.models import PartnerPage

from .feeds import NewsFeed

PER_PAGE = 10
FEED_LENGTH = 20
RESERVED_SLUGS = {"feed"}


def news_items():
    """Published news anyone may read, newest first, without the heavy body field."""
    return NewsPage.objects.live().public().defer_streamfields().order_by("-date", "-first_published_at", "-pk")


class NewsIndexPage(RoutablePageMixin, SectionPage):
    """All news, newest first, with a filter by programme and RSS feeds for all news and each programme."""

    template = "pages/news_index_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "news index page"

    def programme_options(self):
        """The programmes of this site that news can be filtered by."""
        return (
            ProgrammePage.objects.in_site(self.site_root_path)
            .live()
            .public()
            .order_by("title")
            .only("id", "title", "slug")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = news_items().descendant_of(self)
        programmes = cached(f"news_programme_options:{self.pk}", lambda: list(self.programme_options()))
        wanted = (request.GET.get("programme") or "").strip()[:255]
        selected = next((p for p in programmes if p.slug == wanted), None)
        if wanted and selected is None:
            items = items.none()  # an unknown programme: a clear empty state, never an error
        elif selected is not None:
            items = items.filter(programmes=selected)
        paginator = NewsPaginator(items.with_listing_images(), PER_PAGE)
        news_page = paginator.get_page(request.GET.get("page"))
        context.update(
            news=news_page,
            page_numbers=list(paginator.get_elided_page_range(news_page.number, on_each_side=1, on_ends=1)),
            programmes=programmes,
            programme_wanted=wanted,
            selected_programme=selected,
            news_feed_url=self.feed_url(selected),
            news_feed_title=self.feed_title(selected),
        )
        return context

    def latest(self, count):
        """The newest `count` published items, for lists on other pages."""
        return list(news_items().descendant_of(self)[:count])

    def feed_items(self, programme=None):
        """What a feed lists: the newest published items, all of them or those about one programme."""
        items = news_items().descendant_of(self)
        if programme is not None:
            items = items.filter(programmes=programme)
        return items[:FEED_LENGTH]

    def feed_url(self, programme=None):
        url = local_url(self) + self.reverse_subpage("feed")
        return url + f"{programme.slug}/" if programme else url

    def feed_title(self, programme=None):
        return f"News about {programme.title}" if programme else "All news"

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("feed/", name="feed")
    def feed(self, request):
        return NewsFeed()(request, index=self)

    @path("feed/<slug:programme_slug>/", name="programme_feed")
    def programme_feed(self, request, programme_slug):
        programme = self.programme_options().filter(slug=programme_slug).first()
        if programme is None:
            raise Http404("No such programme")
        return NewsFeed()(request, index=self, programme=programme)


class NewsPaginator(Paginator):
    """Django's Paginator, but page numbers below 1 go to the first page (get_page sends them to the last)."""

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        return super().get_page(max(number, 1))


class NewsPage(BasePage):
    """One news item: what happened, when, and which programmes and partners it is about."""

    template = "pages/news_page.html"
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    date = models.DateField(
        "publication date",
        null=True,
        blank=True,
        db_index=True,
        help_text="The date shown on the news item. Leave blank to use the day it is first published.",
    )
    image_alt = models.CharField(
        "lead image alt text",
        max_length=250,
        blank=True,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    image_decorative = models.BooleanField(
        "lead image is decorative",
        default=False,
        help_text="Tick only if the image adds nothing to the words around it. It then has no alt text.",
    )
    body = StreamField(BodyStreamBlock(), blank=True)
    programmes = ParentalManyToManyField(
        "programmes.ProgrammePage",
        blank=True,
        related_name="news_pages",
        help_text="The programmes this news is about. It shows on their pages and in their news feeds.",
    )
    partners = ParentalManyToManyField(
        "partners.PartnerPage",
        blank=True,
        related_name="news_pages",
        help_text="The partner organisations involved.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "listing_image",
                    heading="Lead image",
                    help_text="Optional. Describe it below, or tick 'decorative' if it adds nothing to the words.",
                ),
                FieldPanel("image_alt"),
                FieldPanel("image_decorative"),
            ],
            heading="Lead image",
            help_text="Shown at the top of the news item, on its card and when it is shared.",
        ),
        FieldPanel("body"),
        FieldPanel("programmes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        InlinePanel("related_links", heading="Related news", label="related news item", max_num=3),
    ]
    # The lead image is the listing image: edited with the content, not on the Promote tab.
    promote_panels = BasePage.promote_panels[:-1] + [
        MultiFieldPanel([FieldPanel("listing_title")], heading="Cards and lists"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("body"), index.FilterField("date")]

    class Meta:
        verbose_name = "news item"
        verbose_name_plural = "news items"

    def clean(self):
        super().clean()
        errors = {}
        if self.listing_image_id and not self.image_decorative and not self.image_alt.strip():
            errors["image_alt"] = "Add alt text for the lead image, or tick 'lead image is decorative'."
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"The slug '{self.slug}' is used by the news feed. Choose another."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The publication date defaults to the day the item is first published.
        if self.date is None and self.first_published_at:
            self.date = timezone.localdate(self.first_published_at)
        return super().save(*args, **kwargs)

    @property
    def display_date(self):
        if self.date:
            return self.date
        return timezone.localdate(self.first_published_at) if self.first_published_at else timezone.localdate()

    @property
    def search_result_date(self):
        """Search results show the news item's own date, as the news list does."""
        return "Published", self.display_date

    @property
    def lead_image_alt(self):
        return "" if self.image_decorative else self.image_alt

    @cached_property
    def live_programmes(self):
        return _live_pages(self.programmes, ProgrammePage)

    @cached_property
    def live_partners(self):
        return _live_pages(self.partners, PartnerPage)

    def get_related_news(self):
        """The items staff chose; otherwise the latest three about the same programmes."""
        chosen_ids = [link.related_page_id for link in self.related_links.all() if link.related_page_id]
        items = news_items().exclude(pk=self.pk)
        if chosen_ids:
            chosen = {item.pk: item for item in items.filter(pk__in=chosen_ids)}
            return [chosen[pk] for pk in chosen_ids if pk in chosen]
        programme_ids = [programme.pk for programme in self.live_programmes]
        if not programme_ids:
            return []
        return list(items.filter(programmes__in=programme_ids).distinct()[:3])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            # The published page's links only change when staff publish: cached under the content version.
            # A preview shows the relations being edited, which are not saved yet, so it reads them afresh.
            self.live_programmes, self.live_partners, context["related_news"] = cached(
                f"news_page_links:{self.pk}",
                lambda: (self.live_programmes, self.live_partners, self.get_related_news()),
            )
        else:
            context["related_news"] = self.get_related_news()
        news_index = self.get_parent()
        if news_index is not None:
            news_index = news_index.specific
            context["news_index"] = news_index
            if isinstance(news_index, NewsIndexPage):
                context["news_feed_url"] = news_index.feed_url()
                context["news_feed_title"] = news_index.feed_title()
        context["structured_data"] = json_ld_script(self.structured_data(request))
        return context

    def structured_data(self, request=None):
        """schema.org NewsArticle, for search engines (rendered as JSON-LD, which browsers never run)."""
        organisation = {"@type": "Organization", "name": get_navigation(request)["organisation_name"]}
        published = self.first_published_at or timezone.now()
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.meta_description,
            "datePublished": self.display_date.isoformat(),
            "dateModified": (self.last_published_at or published).isoformat(),
            "mainEntityOfPage": self.get_full_url(request),
            "author": organisation,
            "publisher": organisation,
        }
        if self.listing_image_id:
            rendition = self.listing_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = request.build_absolute_uri(rendition.url) if request else rendition.full_url
        return data


def _live_pages(relation, model):
    """The live, public pages in a many-to-many field, by title. Works on an unsaved page too (in preview,
    the choices are held in memory, not yet in the database)."""
    chosen = relation.all()
    ids = [item.pk for item in chosen] if isinstance(chosen, FakeQuerySet) else chosen.values("pk")
    return list(
        model.objects.filter(pk__in=ids).live().public().order_by("title").only("id", "title", "url_path", "slug")
    )


class NewsPageRelatedLink(Orderable):
    """A news item that staff chose to show under another one."""

    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        NewsPage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Choose another news item to show under this one.",
    )

    panels = [PageChooserPanel("related_page", "news.NewsPage")]
