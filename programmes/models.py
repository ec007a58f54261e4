from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from stp_site.core.blocks import SHORT_TEXT_FEATURES, DocumentLinkBlock
from stp_site.core.content_version import cached
from stp_site.core.models import BasePage, SectionPage

from .blocks import AimsStreamBlock, CaseStudiesStreamBlock

# Introduction and priorities sit under the page's own h2 headings, so their headings start at h3.
SECTION_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
LATEST_NEWS = 3


class ProgrammeIndexPage(SectionPage):
    """'Our work': an introduction and a card for each workstream programme, in the order staff set."""

    template = "pages/programme_index_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]

    def get_context(self, request, *args, **kwargs):
        """Adds `programmes`: the published programmes, as cards."""
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = self.published_children(ProgrammePage).with_listing_images()
        return context


class ProgrammePage(BasePage):
    """One workstream programme, such as maternity and children. Every section is optional: the page
    shows only the sections that have content."""

    template = "pages/programme_page.html"
    parent_page_types = ["programmes.ProgrammeIndexPage"]
    subpage_types = []

    summary = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        verbose_name="summary paragraphs",
        help_text="What the programme is, in two or three short paragraphs. Shown under the one-line summary.",
    )
    introduction = RichTextField(
        features=SECTION_TEXT_FEATURES,
        blank=True,
        help_text="Why the programme matters to residents and what it is doing. Shown under 'About this programme'.",
    )
    video_url = models.URLField(
        blank=True,
        help_text=(
            "Optional. The web address of a video about the programme, for example on YouTube. Residents see a "
            "link to it: nothing loads from the video website until they choose to watch."
        ),
    )
    video_title = models.CharField(
        max_length=150,
        blank=True,
        help_text="What the video is called, for example 'Meet the maternity team'. Needed if you add a video.",
    )
    video_transcript = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A document with everything said in the video, for people who cannot watch or hear it.",
    )
    priorities = RichTextField(
        features=SECTION_TEXT_FEATURES,
        blank=True,
        verbose_name="priorities and projects",
        help_text="The programme's main jobs and projects. A bulleted list works well. Headings start at h3.",
    )
    aims = StreamField(
        AimsStreamBlock(),
        blank=True,
        verbose_name="aims and outcomes",
        help_text="What the programme wants to achieve. Add targets to an aim to show numbers, dates and progress.",
    )
    case_studies = StreamField(
        CaseStudiesStreamBlock(),
        blank=True,
        verbose_name="stories",
        help_text="Case studies or stories that show what the programme changes for people.",
    )
    resources = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name="documents",
        help_text="Current documents, such as newsletters and plans. Each link shows its file type, size and date.",
    )
    archive = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name="older documents",
        help_text="Documents kept for the record but no longer current. Shown under 'Older documents'.",
    )
    partners = ParentalManyToManyField(
        "partners.PartnerPage",
        blank=True,
        related_name="programmes",
        verbose_name="partners involved",
        help_text="The partner organisations that take part. Their partner pages list this programme for you.",
    )
    lead_name = models.CharField(
        max_length=120, blank=True, verbose_name="contact name", help_text="A person or team, such as 'Digital team'."
    )
    lead_role = models.CharField(max_length=120, blank=True, verbose_name="contact role", help_text="Optional.")
    lead_email = models.EmailField(
        blank=True,
        verbose_name="contact email",
        help_text="Shown as a plain email link. Use a team address, not a personal one, where you can.",
    )
    lead_phone = models.CharField(max_length=40, blank=True, verbose_name="contact phone", help_text="Optional.")

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("introduction"),
                FieldPanel("video_url"),
                FieldPanel("video_title"),
                FieldPanel("video_transcript"),
            ],
            heading="About this programme",
        ),
        FieldPanel("priorities"),
        FieldPanel("aims"),
        FieldPanel("case_studies"),
        MultiFieldPanel([FieldPanel("resources"), FieldPanel("archive")], heading="Documents"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [FieldPanel("lead_name"), FieldPanel("lead_role"), FieldPanel("lead_email"), FieldPanel("lead_phone")],
            heading="Programme lead contact",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.SearchField("priorities"),
        index.SearchField("aims"),
        index.SearchField("case_studies"),
    ]

    class Meta:
        verbose_name = "programme page"

    @classmethod
    def published(cls, site_root_path):
        """Every published programme of one site that anyone may read, in the order staff set, without
        the heavy fields."""
        return list(cls.objects.in_site(site_root_path).live().public().defer_streamfields().order_by("path"))

    def clean(self):
        super().clean()
        if self.video_url and not self.video_title:
            raise ValidationError({"video_title": "Give the video a title, so residents know what it is."})

    @property
    def video_host(self):
        """The website the video is on, named for residents: 'YouTube', 'Vimeo' or the web address."""
        host = urlsplit(self.video_url).hostname or ""
        host = host.removeprefix("www.").removeprefix("m.")
        if host in {"youtube.com", "youtu.be", "youtube-nocookie.com"}:
            return "YouTube"
        if host.endswith("vimeo.com"):
            return "Vimeo"
        return host

    def live_partners(self):
        """The partners involved that are published, by name. Works on previews (unsaved relations) too."""
        return sorted((partner for partner in self.partners.all() if partner.live), key=lambda p: p.title.lower())

    def latest_news(self):
        """The latest published news about this programme (news items name their programmes)."""
        return list(
            self.news_pages.live()
            .public()
            .defer_streamfields()
            .order_by("-date", "-first_published_at", "-pk")[:LATEST_NEWS]
        )

    def reference_group(self):
        """The published patient reference group that helps to shape this programme, if any."""
        return self.reference_groups.live().public().defer_streamfields().order_by("path").first()

    def get_context(self, request, *args, **kwargs):
        """Adds `partners`, `related_news` (with `news_index` and its feed for this programme),
        `reference_group` and `contents`. Only changes when staff publish: cached under the content
        version, except in a preview, which shows the partners being edited."""
        context = super().get_context(request, *args, **kwargs)
        if self.pk and not getattr(request, "is_preview", False):
            context["partners"] = cached(f"programme_partners:{self.pk}", self.live_partners)
        else:
            context["partners"] = self.live_partners()
        if self.pk:
            context["related_news"] = cached(f"programme_news:{self.pk}", self.latest_news)
            context["reference_group"] = cached(f"programme_reference_group:{self.pk}", self.reference_group)
        if context.get("related_news"):
            # Every news item lives under the news index: its parent leads to the index and its feed.
            news_index = cached(
                f"programme_news_index:{self.pk}", lambda: context["related_news"][0].get_parent().specific
            )
            context.update(
                news_index=news_index,
                news_feed_url=news_index.feed_url(self),
                news_feed_title=news_index.feed_title(self),
            )
        context["contents"] = self.contents(context)
        return context

    def contents(self, context):
        """'On this page' links, for the sections this programme has."""
        sections = [
            ("about", "About this programme", self.introduction or self.video_url),
            ("priorities", "Priorities and projects", self.priorities),
            ("aims", "Aims and outcomes", self.aims),
            ("stories", "Stories", self.case_studies),
            ("documents", "Documents", self.resources),
            ("older-documents", "Older documents", self.archive),
            ("partners", "Who is involved", context.get("partners")),
            ("have-your-say", "Have your say", context.get("reference_group")),
            ("contact", "Contact the programme team", self.lead_email or self.lead_phone),
            ("news", "Latest news", context.get("related_news")),
        ]
        return [{"anchor": anchor, "label": label} for anchor, label, present in sections if present]
