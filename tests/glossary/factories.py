"""Glossary terms and the glossary page that lists them."""

import factory
from factory.django import DjangoModelFactory

from wagtail.models import Site

from stp_site.glossary.models import GlossaryPage, GlossaryTerm
from tests.factories import PageFactory


class GlossaryPageFactory(PageFactory):
    class Meta:
        model = GlossaryPage

    title = "Glossary"
    slug = "glossary"


class GlossaryTermFactory(DjangoModelFactory):
    class Meta:
        model = GlossaryTerm
        django_get_or_create = ["site", "term"]

    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))

    term = factory.Sequence(lambda number: f"Term {number}")
    meaning = "What it means, in plain words."
