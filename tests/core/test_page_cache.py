"""The whole-page cache for anonymous visitors: a publish is live at once; cookies and errors bypass it.
The caches keyed by the content version are tested with the query budget (test_query_budget.py)."""

import pytest

from tests.home.factories import VisionPageFactory

pytestmark = pytest.mark.django_db


def test_anonymous_pages_are_cached_and_publishing_is_live_at_once(client, home):
    vision = VisionPageFactory(parent=home, vision_statement="First words")
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


def test_a_resident_with_only_a_csrf_cookie_or_a_cookie_the_site_never_set_gets_the_cached_page(client, home):
    VisionPageFactory(parent=home, vision_statement="Our words")
    assert client.get("/our-vision/")["X-Page-Cache"] == "miss"
    client.cookies["csrftoken"] = "a-token-from-a-form-a-year-ago"
    client.cookies["_ga"] = "GA1.1.someone-elses-analytics"
    response = client.get("/our-vision/")
    assert response["X-Page-Cache"] == "hit"
    assert "Our words" in response.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_cookie_that_changes_the_page_keeps_the_request_out_of_the_cache(client, home, cookie):
    VisionPageFactory(parent=home)
    assert client.get("/our-vision/")["X-Page-Cache"] == "miss"
    client.cookies["csrftoken"] = "a-token"
    client.cookies[cookie] = "anything"
    response = client.get("/our-vision/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_staff_signed_in_never_get_or_make_cached_pages(admin_client, home):
    VisionPageFactory(parent=home, vision_statement="Our words")
    for _ in range(2):
        response = admin_client.get("/our-vision/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
