"""The demo content command builds the site from fixtures/demo/ and is safe to run again."""

from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, Revision, Site

from stp_site.core.models import AlertBanner, SiteSettings
from stp_site.home.models import HomePage, StandardPage, VisionPage

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "urls": sorted(Page.objects.values_list("url_path", flat=True)),
    }


def test_demo_content_builds_the_site_and_a_second_run_changes_nothing(client):
    call_command("load_demo_content", stdout=StringIO())
    first = snapshot()
    call_command("load_demo_content", stdout=StringIO())
    assert snapshot() == first

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert VisionPage.objects.live().get().url == "/our-vision/"
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"accessibility-statement", "privacy", "cookies", "contact-us"} <= slugs
    assert SiteSettings.load().organisation_name == "Together We're Better"
    assert AlertBanner.load().is_showing()

    for path in ("/", "/our-vision/", "/accessibility-statement/", "/privacy/", "/cookies/", "/contact-us/"):
        html = client.get(path).content.decode()
        assert "Pin It" not in html
        assert "protected from spambots" not in html
        assert " on ." not in html


def test_demo_content_keeps_staff_edits(client):
    call_command("load_demo_content", stdout=StringIO())
    vision = VisionPage.objects.get()
    vision.vision_statement = "Edited by the comms team"
    vision.save_revision().publish()
    call_command("load_demo_content", stdout=StringIO())
    assert VisionPage.objects.get().vision_statement == "Edited by the comms team"
