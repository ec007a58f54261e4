"""What the site tells a front-end cache: which responses it may keep and under which keys, and which
keys each change purges, sent to a real HTTP server standing in for Varnish's purge socket."""

import http.server
import logging
import threading
from datetime import date

import pytest

from wagtail.models import PageViewRestriction

from scripts.pgcluster import free_port
from stp_site.frontend_cache.keys import page_key, site_key, tree_key
from tests.news_helpers import make_news, make_news_section


class PurgeServer(http.server.ThreadingHTTPServer):
    """Records each PURGE's keys and answers 200, as Varnish's purge socket does."""

    def __init__(self):
        self.purges = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
                server.purges.append(set(self.headers["xkey-purge"].split()))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", free_port()), Handler)


@pytest.fixture
def varnish(settings):
    server = PurgeServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONTEND_CACHE_URLS = [f"http://127.0.0.1:{server.server_address[1]}"]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def news(home):
    news_index, programmes = make_news_section(home)
    item = make_news(news_index, "Clinic opens", date(2026, 11, 1), programmes=[programmes["digital"]])
    return news_index, programmes["digital"], item


def test_a_public_page_is_cacheable_for_shared_caches_under_the_keys_of_what_it_shows(client, home, news):
    news_index, _, item = news
    response = client.get("/news/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "s-maxage=600" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"].split(", ")
    tags = set(response["xkey"].split())
    site_id = home.get_site().pk
    assert {site_key(site_id), page_key(news_index.pk), page_key(item.pk), tree_key(news_index.path)} <= tags
    assert tree_key(home.path) in tags
    cached = client.get("/news/")  # from the whole-page cache: the same headers
    assert cached["X-Page-Cache"] == "hit" and cached["xkey"] == response["xkey"]


def test_staff_responses_are_private(admin_client, home, news):
    for response in (admin_client.get("/news/"), admin_client.get("/admin/")):
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "s-maxage" not in response["Cache-Control"] and "xkey" not in response


def test_publishing_purges_the_item_its_index_the_home_page_and_what_it_names(
    varnish, news, home, django_capture_on_commit_callbacks
):
    news_index, programme, item = news
    varnish.purges.clear()
    with django_capture_on_commit_callbacks(execute=True):
        item.listing_summary = "A new summary."
        item.save_revision().publish()
        assert varnish.purges == []  # nothing before the commit
    (purged,) = varnish.purges
    assert {page_key(item.pk), page_key(news_index.pk), page_key(home.pk), page_key(programme.pk)} <= purged
    assert tree_key(item.path) not in purged  # same title and slug: nothing under it changed


def test_a_new_title_a_view_restriction_or_an_unpublish_purge_everything_under_the_page(
    varnish, news, django_capture_on_commit_callbacks
):
    news_index, _, _ = news
    with django_capture_on_commit_callbacks(execute=True):
        news_index.title = "Latest news"
        news_index.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        news_index.unpublish()
    assert len(varnish.purges) >= 3
    assert all(tree_key(news_index.path) in purged for purged in varnish.purges)
    # A section in the menu changed: every page of its site.
    assert all(site_key(news_index.get_site().pk) in purged for purged in varnish.purges)


def test_a_cache_that_is_down_never_fails_a_publish(settings, news, caplog, django_capture_on_commit_callbacks):
    settings.FRONTEND_CACHE_URLS = [f"http://127.0.0.1:{free_port()}"]  # nothing listens there
    _, _, item = news
    with (
        caplog.at_level(logging.WARNING, logger="stp_site.frontend_cache.purge"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        item.title = "Clinic opens on Monday"
        item.save_revision().publish()
    item.refresh_from_db()
    assert item.live and item.title == "Clinic opens on Monday"
    (record,) = [record for record in caplog.records if "could not be purged" in record.getMessage()]
    assert "Clinic" not in record.getMessage()
