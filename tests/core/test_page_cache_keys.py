"""What the whole-page cache stores, and under which key: only what routing and the page read."""

import pytest

from django.core.cache import caches

from stp_site.core.models import SiteSettings
from stp_site.home.models import StandardPage
from tests.factories import publish
from tests.sites import add_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    return publish(home, StandardPage(title="About us", slug="about", listing_summary="Who we are."))


def test_tracking_parameters_share_the_one_copy(client, about):
    assert client.get("/about/?utm_source=newsletter")["X-Page-Cache"] == "miss"
    assert client.get("/about/?fbclid=abc123")["X-Page-Cache"] == "hit"
    assert client.get("/about/")["X-Page-Cache"] == "hit"
    assert client.get("/about/?junk=" + "x" * 50)["X-Page-Cache"] == "hit"


def test_parameters_a_page_reads_get_copies_of_their_own(client, home):
    assert client.get("/search/?q=care")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=dentist")["X-Page-Cache"] == "miss"
    assert client.get("/search/?q=care&utm_source=x")["X-Page-Cache"] == "hit"


def test_a_request_under_a_path_prefix_is_never_cached(client, home, about):
    """With SCRIPT_NAME '/about' a GET for /about/ routes to the home page: it must not be stored as /about/."""
    response = client.get("/about/", SCRIPT_NAME="/about")
    assert "X-Page-Cache" not in response
    page = client.get("/about/")
    assert page["X-Page-Cache"] == "miss"
    assert "<h1>About us</h1>" in page.content.decode()


def test_pages_live_in_their_own_cache(client, about):
    client.get("/about/")
    page_keys = [key for key in caches["pages"]._cache if ":stp_site:page:" in key]
    assert len(page_keys) == 1
    assert not [key for key in caches["default"]._cache if ":stp_site:page:" in key]


def test_get_and_head_share_a_copy(client, about):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    assert client.head("/about/")["X-Page-Cache"] == "hit"


def test_each_partnership_site_gets_its_own_copy_of_the_same_address(client, home, about):
    """Two sites serve /about/: a copy made for one host is never served for the other."""
    second = add_site("second.example", title="Second partnership")
    SiteSettings.objects.update_or_create(site=second, defaults={"organisation_name": "Second partnership"})
    publish(second.root_page, StandardPage(title="About the second", slug="about", listing_summary="Us."))

    first_copy = client.get("/about/")
    second_copy = client.get("/about/", HTTP_HOST="second.example")
    assert (first_copy["X-Page-Cache"], second_copy["X-Page-Cache"]) == ("miss", "miss")
    again_first, again_second = client.get("/about/"), client.get("/about/", HTTP_HOST="second.example")
    assert (again_first["X-Page-Cache"], again_second["X-Page-Cache"]) == ("hit", "hit")
    assert "<h1>About us</h1>" in again_first.content.decode()
    second_html = again_second.content.decode()
    assert "<h1>About the second</h1>" in second_html and "Second partnership" in second_html


def test_an_address_with_a_space_or_control_character_is_not_looked_up(client, about):
    """No page's address has one, and some caches refuse such a key (Django warns of it: an error here)."""
    assert client.get("/about/%0d%0aSet-Cookie:%20x=1").status_code == 404
    assert client.get("/about/%20/").status_code == 404
