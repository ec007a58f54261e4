"""The site chrome every page shares: the menu follows "show in menus" and the alert banner its dates."""

from datetime import timedelta

import pytest

from django.utils import timezone

from stp_site.core.models import AlertBanner
from tests import html as h
from tests.home.factories import VisionPageFactory
from tests.sites import default_site

pytestmark = pytest.mark.django_db


def test_alert_banner_shows_only_between_its_dates(client, home):
    alert = AlertBanner.for_site(default_site())
    alert.title = "Strike action"
    alert.body = "<p>Some clinics are closed.</p>"
    alert.ends_at = timezone.now() + timedelta(days=1)
    alert.save()
    assert "Some clinics are closed." in client.get("/").content.decode()
    alert.ends_at = timezone.now() - timedelta(minutes=1)
    alert.save()
    assert "Some clinics are closed." not in client.get("/").content.decode()
    alert.ends_at = None
    alert.starts_at = timezone.now() + timedelta(days=1)
    alert.save()
    assert "Some clinics are closed." not in client.get("/").content.decode()


def test_menu_follows_show_in_menus_and_updates_when_published(client, home):
    vision = VisionPageFactory(parent=home, vision_statement="X", show_in_menus=True)
    html = client.get("/").content.decode()
    assert "/our-vision/" in h.hrefs(html, class_="nhsuk-header__navigation-link")
    vision.unpublish()
    html = client.get("/").content.decode()
    assert "/our-vision/" not in h.hrefs(html)
