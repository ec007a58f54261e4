"""The demo loader adds a "Get email updates" page under Get involved, once, and no subscribers."""

from io import StringIO

import pytest

from stp_site.email_updates import demo
from stp_site.email_updates.models import EmailUpdatesPage, Subscriber
from tests.get_involved.factories import GetInvolvedPageFactory
from tests.sites import demo_partnership

pytestmark = pytest.mark.django_db


def test_the_demo_page_is_made_once(home, client):
    GetInvolvedPageFactory(parent=home, slug="get-involved")
    partnership = demo_partnership()
    demo.load(StringIO(), partnership)
    demo.load(StringIO(), partnership)
    page = EmailUpdatesPage.objects.get()
    assert page.url == "/get-involved/email-updates/" and page.live
    assert client.get(page.url).status_code == 200
    assert not Subscriber.objects.exists()
