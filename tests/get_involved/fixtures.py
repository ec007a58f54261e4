"""Shared data for the get involved tests (and the sign-up browser tests): a published group with a
coordinator, a referral partner, the privacy notice, and a valid answer set. A pytest plugin: the root
conftest loads it."""

import time

import pytest

from get_involved.forms import make_started_token
from stp_site.core.models import SiteSettings
from tests.get_involved.factories import (
    GetInvolvedPageFactory,
    ReferenceGroupIndexPageFactory,
    ReferenceGroupPageFactory,
    ReferralPartnerFactory,
)
from tests.home.factories import StandardPageFactory
from tests.sites import default_site

COORDINATOR = "coordinator@example.org"
NAME = "Siân O'Brien-Nguyễn"
EMAIL = "sian.obrien@example.com"
PHONE = "07123 456789"
PHONE_E164 = "+447123456789"
POSTCODE = "st4 1aa"
SUPPORT = "A hearing loop please"


@pytest.fixture
def get_involved(home):
    page = GetInvolvedPageFactory(parent=home, intro="<p>Have your say.</p>")
    return {"page": page, "index": ReferenceGroupIndexPageFactory(parent=page)}


@pytest.fixture
def group(get_involved):
    return ReferenceGroupPageFactory(
        parent=get_involved["index"],
        title="Digital patient reference group",
        slug="digital",
        listing_summary="Help us make apps work for patients.",
        what_it_does="<p>Looks at apps and shared records.</p>",
        meeting_frequency="Every two months",
        meeting_place="Online",
        support_offered="<p>We pay travel costs.</p>",
        coordinator_emails=COORDINATOR,
    )


@pytest.fixture
def privacy_notice(home):
    """The privacy notice, chosen in the site settings as the one forms link to."""
    page = StandardPageFactory(parent=home, title="Privacy notice", slug="privacy")
    site_settings = SiteSettings.for_site(default_site())
    site_settings.privacy_notice_page = page
    site_settings.save()
    return page


@pytest.fixture
def partner(db):
    return ReferralPartnerFactory(name="Healthwatch Staffordshire", code="healthwatch-staffordshire")


def valid_data(**overrides):
    """A complete, valid sign-up as a browser would POST it (form shown a minute ago)."""
    data = {
        "full_name": NAME,
        "email": EMAIL,
        "phone": PHONE,
        "postcode": POSTCODE,
        "take_part": ["meetings", "online"],
        "support_needs": SUPPORT,
        "heard_about": "Healthwatch",
        "consent": "on",
        "ref": "",
        "started": make_started_token(time.time() - 60),
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
