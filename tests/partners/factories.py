"""Partner organisations: the index and a page per partner."""

import factory

from stp_site.partners.models import PartnerIndexPage, PartnerPage
from tests.factories import PageFactory


class PartnerIndexPageFactory(PageFactory):
    class Meta:
        model = PartnerIndexPage

    title = "Our partners"
    slug = "partners"


class PartnerPageFactory(PageFactory):
    class Meta:
        model = PartnerPage

    title = factory.Sequence(lambda number: f"Partner {number}")
    partner_type = PartnerPage.PartnerType.NHS_TRUST
