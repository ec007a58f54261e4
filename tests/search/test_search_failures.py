"""When the search backend fails, residents are told so, and no cache keeps the failure."""

import pytest

from django.db import OperationalError

from stp_site.search import views

pytestmark = pytest.mark.django_db


def test_a_failed_search_says_so_and_is_never_cached(client, home, monkeypatch):
    def fail(query, site_root_path):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "promoted_results", fail)
    response = client.get("/search/", {"q": "maternity"})
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    html = response.content.decode()
    assert "Sorry, search is not working right now" in html
    assert "No results for" not in html

    monkeypatch.undo()
    again = client.get("/search/", {"q": "maternity"})
    assert again.status_code == 200
    assert "No results for maternity" in again.content.decode()
