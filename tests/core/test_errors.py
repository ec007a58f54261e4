"""Error pages in the site's style, and bad input that must never give a 500."""

import pytest
from pytest_django.asserts import assertInHTML

from django.test import Client, RequestFactory

from stp_site import views
from stp_site.core.models import SiteSettings
from tests import html as h
from tests.home.factories import VisionPageFactory
from tests.sites import add_site

pytestmark = pytest.mark.django_db


def test_unknown_url_gives_404_page_with_site_chrome(client, home):
    response = client.get("/there-is-nothing-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assertInHTML("<h1>Page not found</h1>", html)
    assert h.elements(html, "header", class_="nhsuk-header") and h.elements(html, "footer", class_="nhsuk-footer")
    assert h.texts(html, "title")[0].startswith(
        "Page not found - Test"
    )  # the site's name, with no organisation name set


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
    assert h.elements(html, id="maincontent") and h.elements(html, "a", class_="nhsuk-skip-link")


def test_csrf_failure_gives_friendly_403(home):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Sorry, your form could not be sent" in response.content.decode()


@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", "page=-5", "page=99999999999999999999", "q=%00%ff", "x=" + "a" * 5000]
)
def test_junk_query_strings_never_give_500(client, home, query):
    VisionPageFactory(parent=home, vision_statement="X")
    expected = (400,) if "%00" in query else (200, 404)  # a NUL byte gets the 400 page (test_nul_bytes.py)
    for path in ("/", "/our-vision/", "/no-such-page/"):
        assert client.get(f"{path}?{query}").status_code in expected


def test_500_page_names_the_partnership_whose_site_it_is_from_the_cache_alone(client, home, django_assert_num_queries):
    second = add_site("second.example", title="Second partnership")
    SiteSettings.objects.update_or_create(site=second, defaults={"organisation_name": "Second partnership"})
    assert client.get("/", HTTP_HOST="second.example").status_code == 200  # the navigation is now cached
    request = RequestFactory().get("/broken/", HTTP_HOST="second.example")
    request._wagtail_site = second  # as CachedSiteMiddleware finds it, from the cache
    with django_assert_num_queries(0):
        response = views.server_error(request)
    assert h.texts(response.content.decode(), "title")[0].endswith("- Second partnership")
