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
