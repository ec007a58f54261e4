"""'Our work': the programme index and programme pages (pass `partners=[...]` to name partners)."""

import factory

from programmes.models import ProgrammeIndexPage, ProgrammePage
from tests.factories import PageFactory


class ProgrammeIndexPageFactory(PageFactory):
    class Meta:
        model = ProgrammeIndexPage

    title = "Our work"
    slug = "our-work"


class ProgrammePageFactory(PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda number: f"Programme {number}")
    listing_summary = factory.LazyAttribute(lambda page: f"About {page.title.lower()}.")
