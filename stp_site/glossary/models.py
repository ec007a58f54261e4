"""The glossary: words residents may not know, kept as snippets, and the page in the tree that lists them."""

from django.db import models
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils.text import slugify

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from stp_site.core import content_version
from stp_site.core.models import BasePage


@register_snippet
class GlossaryTerm(models.Model):
    """A word residents may not know, with its meaning in plain English. The first use of a term on a
    page links to its entry on the glossary page."""

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


def glossary_terms():
    """Every term, in the glossary's order. Read on every page with rich text: cached per content version."""
    return content_version.cached("glossary_terms", lambda: list(GlossaryTerm.objects.all()))


class GlossaryPage(BasePage):
    """The glossary: every term and its meaning, in A to Z order, each with its own anchor to link to."""

    template = "pages/glossary_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = "glossary page"

    def get_context(self, request, *args, **kwargs):
        """Adds `terms`: every glossary term."""
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = glossary_terms()
        return context

    def get_sitemap_urls(self, request=None):
        """Dated by the last change to the page or to any term, whichever is later."""
        urls = super().get_sitemap_urls(request)
        latest_term = GlossaryTerm.objects.aggregate(latest=Max("updated_at"))["latest"]
        for url in urls:
            if latest_term and (url.get("lastmod") is None or latest_term > url["lastmod"]):
                url["lastmod"] = latest_term
        return urls


def glossary_page_url():
    """The glossary page's address, or "" when there is none. Cached per content version."""
    page = content_version.cached(
        "glossary_page", lambda: GlossaryPage.objects.live().public().defer_streamfields().first()
    )
    return page.get_url() if page is not None else ""
