"""Get involved: its page, the reference group index and groups, referral partners and sign-ups."""

import factory
from factory.django import DjangoModelFactory

from get_involved.models import GetInvolvedPage, ReferenceGroupIndexPage, ReferenceGroupPage, ReferralPartner, SignUp
from tests.factories import PageFactory


class GetInvolvedPageFactory(PageFactory):
    class Meta:
        model = GetInvolvedPage

    title = "Get involved"
    slug = "get-involved"


class ReferenceGroupIndexPageFactory(PageFactory):
    class Meta:
        model = ReferenceGroupIndexPage

    title = "Patient reference groups"
    slug = "patient-reference-groups"


class ReferenceGroupPageFactory(PageFactory):
    class Meta:
        model = ReferenceGroupPage

    title = factory.Sequence(lambda number: f"Reference group {number}")
    what_it_does = "<p>Helps to shape our work.</p>"


class ReferralPartnerFactory(DjangoModelFactory):
    class Meta:
        model = ReferralPartner
        django_get_or_create = ["code"]

    name = "Healthwatch Staffordshire"
    code = factory.LazyAttribute(lambda partner: partner.name.lower().replace(" ", "-"))


class SignUpFactory(DjangoModelFactory):
    """A stored sign-up (as a coordinator would type it in); `expires_at` follows the retention setting."""

    class Meta:
        model = SignUp

    group = None  # required: SignUpFactory(group=...)
    full_name = "Test Person"
    email = factory.Sequence(lambda number: f"person{number}@example.com")
    postcode = "ST4 1AA"
    take_part = factory.LazyFunction(lambda: ["online"])
    consent_to_contact = True
