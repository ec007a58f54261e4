"""Public pages are sent compressed (brotli or gzip) and each encoding has its own cached copy; pages that
hold a secret (a form's CSRF token) or belong to one person (staff) are never compressed (BREACH)."""

import gzip

import brotli
import pytest

from tests.home.factories import VisionPageFactory

pytestmark = pytest.mark.django_db

WORDS = "We will join up care closer to home for everyone who lives here."


@pytest.fixture
def vision(home):
    return VisionPageFactory(parent=home, vision_statement=WORDS)


def decoded(response):
    encoding = response.get("Content-Encoding", "")
    body = response.content
    if encoding == "br":
        return brotli.decompress(body).decode()
    if encoding == "gzip":
        return gzip.decompress(body).decode()
    assert encoding == ""
    return body.decode()


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip;q=0.5", "gzip"),
        ("identity", ""),
        ("", ""),
    ],
)
def test_a_public_page_is_sent_in_the_best_encoding_the_browser_accepts(client, vision, accept, expected):
    plain = client.get("/our-vision/")
    response = client.get("/our-vision/", headers={"Accept-Encoding": accept})
    assert response.get("Content-Encoding", "") == expected
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content)
    assert decoded(response) == plain.content.decode()
    if expected:
        assert len(response.content) < len(plain.content) / 2


def test_each_encoding_is_a_cached_copy_of_its_own(client, vision):
    assert client.get("/our-vision/", headers={"Accept-Encoding": "br"})["X-Page-Cache"] == "miss"
    plain = client.get("/our-vision/")
    assert plain["X-Page-Cache"] == "miss"
    assert "Content-Encoding" not in plain
    again = client.get("/our-vision/", headers={"Accept-Encoding": "gzip, br"})
    assert again["X-Page-Cache"] == "hit"
    assert again["Content-Encoding"] == "br"
    assert decoded(again) == plain.content.decode()


def test_pages_rendered_in_full_are_compressed_too(client, vision, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/our-vision/", headers={"Accept-Encoding": "gzip"})
    assert "X-Page-Cache" not in response
    assert response["Content-Encoding"] == "gzip"


def test_a_form_page_with_its_csrf_token_is_never_compressed(client, group):
    response = client.get(group.url, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_staff_pages_are_never_compressed(admin_client, vision):
    response = admin_client.get("/our-vision/", headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    admin = admin_client.get("/admin/", headers={"Accept-Encoding": "br, gzip"})
    assert admin.status_code == 200
    assert "Content-Encoding" not in admin


def test_a_not_found_page_is_not_compressed(client, home):
    response = client.get("/not-here/", headers={"Accept-Encoding": "br"})
    assert response.status_code == 404
    assert "Content-Encoding" not in response
