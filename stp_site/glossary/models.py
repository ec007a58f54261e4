"""The glossary: words residents may not know, kept as snippets (each partnership's site has its own), and
the page in each site's tree that lists them."""

from django.db import models
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel
from wagtail.models import Site

from stp_site.core import content_version
from stp_site.core.models import BasePage
from stp_site.core.page_urls import local_url


class GlossaryTerm(models.Model):
    """A word residents may not know, with its meaning in plain English. The first use of a term on a
    page links to its entry on the glossary page. A snippet: staff see their own sites' terms only
    (wagtail_hooks.py)."""

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="glossary_terms",
        help_text="The partnership's website this term is explained on.",
    )
    term = models.CharField(max_length=80, help_text="The word or abbreviation, as it is written, e.g. ICB.")
    meaning = models.TextField(
        max_length=600, help_text="What it means, in a few short sentences a 9 to 11 year old could follow."
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("site"), FieldPanel("term"), FieldPanel("meaning")]

    class Meta:
        ordering = [Lower("term")]
        verbose_name = "glossary term"
        constraints = [models.UniqueConstraint(fields=["site", "term"], name="glossary_term_once_per_site")]

    def __str__(self):
        return self.term

    @property
    def anchor(self):
        return "term-" + (slugify(self.term) or str(self.pk))


def glossary_terms(site):
    """Every term of `site`'s glossary, in order. Read on every page with rich text: cached per content version."""
    if site is None:
        return []
    return content_version.cached(f"glossary_terms:{site.pk}", lambda: list(GlossaryTerm.objects.filter(site=site)))


class GlossaryPage(BasePage):
    """The glossary: every term and its meaning, in A to Z order, each with its own anchor to link to."""

    template = "pages/glossary_page.html"
    max_count_per_parent = 1  # one per partnership's site
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "glossary page"

    def get_context(self, request, *args, **kwargs):
        """Adds `terms`: every glossary term."""
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = glossary_terms(Site.find_for_request(request))
        return context

    def get_sitemap_urls(self, request=None):
        """Dated by the last change to the page or to any term, whichever is later."""
        urls = super().get_sitemap_urls(request)
        site = Site.find_for_request(request) if request is not None else self.get_site()
        latest_term = GlossaryTerm.objects.filter(site=site).aggregate(latest=Max("updated_at"))["latest"]
        for url in urls:
            if latest_term and (url.get("lastmod") is None or latest_term > url["lastmod"]):
                url["lastmod"] = latest_term
        return urls


def glossary_page_url(site):
    """The address of `site`'s glossary page, or "" when it has none. Cached per content version."""
    if site is None:
        return ""

    def build():
        page = GlossaryPage.objects.in_site(site.root_page.path).live().public().defer_streamfields().first()
        return local_url(page) if page is not None else ""

    return content_version.cached(f"glossary_page_url:{site.pk}", build)
