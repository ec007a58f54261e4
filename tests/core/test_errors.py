"""Error pages in the site's style, and bad input that must never give a 500."""

import pytest

from django.test import RequestFactory

from stp_site import views
from stp_site.core.models import AlertBanner
from stp_site.home.models import VisionPage
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_unknown_url_gives_404_page_with_site_chrome(client, home):
    response = client.get("/there-is-nothing-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert "nhsuk-header" in html and "nhsuk-footer" in html
    assert "<title>Page not found - Together We" in html


def test_host_not_allowed_gives_400_page(client, home):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()


def test_403_page(rf):
    response = views.permission_denied(rf.get("/secret/"))
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_500_page_reads_nothing_from_the_database(django_assert_num_queries):
    request = RequestFactory().get("/broken/")
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with this website" in html
    assert 'id="maincontent"' in html and "nhsuk-skip-link" in html


def test_csrf_failure_gives_friendly_403(home):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Sorry, your form could not be sent" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", "page=-5", "page=99999999999999999999", "q=%00%ff", "x=" + "a" * 5000]
)
def test_junk_query_strings_never_give_500(client, home, query):
    publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="X"))
    for path in ("/", "/our-vision/", "/no-such-page/"):
        assert client.get(f"{path}?{query}").status_code in (200, 404)


def test_health_answers_ok(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_robots_txt_disallows_admin_and_links_sitemap(client, home):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon_redirects_to_static_file(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.ico")


def test_alert_banner_shows_only_between_its_dates(client, home):
    from datetime import timedelta

    from django.utils import timezone

    alert = AlertBanner.load()
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
    vision = publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="X", show_in_menus=True))
    html = client.get("/").content.decode()
    assert 'class="nhsuk-header__navigation-link" href="/our-vision/"' in html
    vision.unpublish()
    html = client.get("/").content.decode()
    assert 'href="/our-vision/"' not in html


def test_page_queries_stay_small(client, home, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # measure the render, not the whole-page cache
    publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="X", show_in_menus=True))
    client.get("/our-vision/")  # fill the menu cache
    with django_assert_max_num_queries(10):
        assert client.get("/our-vision/").status_code == 200


def test_anonymous_pages_are_cached_and_publishing_is_live_at_once(client, home):
    vision = publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="First words"))
    assert client.get("/our-vision/")["X-Page-Cache"] == "miss"
    assert client.get("/our-vision/")["X-Page-Cache"] == "hit"
    vision.vision_statement = "Second words"
    vision.save_revision().publish()
    response = client.get("/our-vision/")
    assert "Second words" in response.content.decode()
    assert response["X-Page-Cache"] == "miss"


def test_requests_with_cookies_and_errors_bypass_the_page_cache(client, home):
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get("/")
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get("/not-here/")
