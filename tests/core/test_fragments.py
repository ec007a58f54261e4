"""Rendered fragments (stp_site/core/fragments.py): the header, the footer and a page's content are
served from the cache on full renders, are fresh on the next render after a publish, and never hold
anything personal (a form token, a signed-in user's name)."""

import pytest

from django.core.cache import cache
from django.test import Client

from wagtail.models import Page

from stp_site.core.models import SiteSettings
from stp_site.home.models import StandardPage
from tests.factories import publish
from tests.home.factories import VisionPageFactory
from tests.sites import default_site
from tests.staff import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _full_renders(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders; only fragments and shared lists are cached


def fragments():
    """Every fragment the cache holds now, as text (the tests' cache is Django's local-memory cache)."""
    keys = [key.removeprefix(":1:") for key in list(cache._cache) if ":fragment:" in key]  # made by make_key
    return [text for text in map(cache.get, keys) if text is not None]


def test_a_menu_change_is_in_the_next_render(client, home):
    VisionPageFactory(parent=home, title="Our vision", vision_statement="X", show_in_menus=True)
    assert "Our vision" in client.get("/").content.decode()
    # A change that bypasses publishing is not seen: the header is the cached fragment.
    Page.objects.filter(slug="our-vision").update(title="Renamed without publishing")
    assert "Renamed without publishing" not in client.get("/").content.decode()
    publish(home, StandardPage(title="About us", slug="about-us", show_in_menus=True))
    page = client.get("/").content.decode()
    assert 'href="/about-us/">About us</a>' in page
    assert "Renamed without publishing" in page  # the menu was read again


def test_a_footer_change_is_in_the_next_render(client, home):
    assert "0300 123 4567" not in client.get("/").content.decode()
    site_settings = SiteSettings.for_site(default_site())
    site_settings.phone = "0300 123 4567"
    site_settings.save()
    assert 'href="tel:03001234567">0300 123 4567</a>' in client.get("/").content.decode()


def test_a_body_change_is_in_the_next_render(client, home):
    page = publish(
        home, StandardPage(title="About us", slug="about-us", body=[{"type": "rich_text", "value": "<p>First.</p>"}])
    )
    assert "<p>First.</p>" in client.get("/about-us/").content.decode()
    assert any("<p>First.</p>" in text for text in fragments())
    page.body = [{"type": "rich_text", "value": "<p>Second.</p>"}]
    page.save_revision().publish()
    html = client.get("/about-us/").content.decode()
    assert "<p>Second.</p>" in html
    assert "<p>First.</p>" not in html


def test_a_preview_is_never_served_from_or_stored_in_a_fragment(editor_client, home):
    page = publish(
        home, StandardPage(title="About us", slug="about-us", body=[{"type": "rich_text", "value": "<p>Live.</p>"}])
    )
    editor_client.get("/about-us/")
    page.body = [{"type": "rich_text", "value": "<p>Draft.</p>"}]
    revision = page.save_revision()
    draft = editor_client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/").content.decode()
    assert "<p>Draft.</p>" in draft
    assert "<p>Live.</p>" in Client().get("/about-us/").content.decode()
    assert not any("Draft." in text for text in fragments())


def test_fragments_never_hold_a_form_token_or_a_users_name(client, django_user_model, group, privacy_notice):
    staff = django_user_model.objects.create_superuser(
        "priya", "priya@example.com", "a-long-test-password", first_name="Priyanka", last_name="Zebedee-Okafor"
    )
    sign_in(client, staff)
    resident = Client()
    resident.get("/get-involved/")  # a resident who has opened a sign-up form carries a CSRF cookie
    for browser in (client, resident):
        for path in ("/", "/get-involved/", group.url, "/privacy/"):
            response = browser.get(path)
            assert response.status_code == 200
    staff_page = client.get(group.url).content.decode()
    assert "csrfmiddlewaretoken" in staff_page  # the sign-up form is on the page, rendered afresh
    held = fragments()
    assert len(held) >= 8  # headers, footers and the pages' content are cached
    for text in held:
        assert "csrfmiddlewaretoken" not in text
        assert "Priyanka" not in text and "Zebedee" not in text and "priya@example.com" not in text
    # The form is rendered for each visitor: each gets a token of their own.
    assert "csrfmiddlewaretoken" in resident.get(group.url).content.decode()
