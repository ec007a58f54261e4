"""The partnership's own pages (home, vision, standard pages) and the known accessibility issues."""

import factory
from factory.django import DjangoModelFactory

from wagtail.models import Site

from stp_site.home.models import HomePage, KnownAccessibilityIssue, StandardPage, VisionPage
from tests.factories import PageFactory


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = "home"
    hero_heading = "Together we're better"
    hero_text = "Health and care."


class VisionPageFactory(PageFactory):
    class Meta:
        model = VisionPage

    title = "Our vision"
    slug = "our-vision"
    vision_statement = "The healthiest places to live and work"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage


class KnownAccessibilityIssueFactory(DjangoModelFactory):
    class Meta:
        model = KnownAccessibilityIssue

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))

    description = factory.Sequence(lambda number: f"Some older PDF documents are not accessible ({number}).")
    wcag_criterion = "1.1.1 (non-text content)"
    plan = "We will replace them by March 2027."
    sort_order = factory.Sequence(int)
