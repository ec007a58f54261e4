"""Staff sessions end 8 hours after signing in and after an hour idle; signing out deletes them; and
residents' requests never get a session or any cookie."""

import time

import pytest

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session

from stp_site.staff_sign_in import sessions
from tests.staff import sign_in

from .helpers import make_staff

pytestmark = pytest.mark.django_db

HOUR = 60 * 60


@pytest.fixture
def staff_client(client, home):
    return sign_in(client, make_staff())


def set_times(client, signed_in_ago, last_seen_ago):
    session = client.session
    now = time.time()
    session[sessions.SIGNED_IN_AT] = now - signed_in_ago
    session[sessions.LAST_SEEN] = now - last_seen_ago
    session.save()
    return session.session_key


def test_signing_in_stamps_the_session_and_the_cookie_lasts_a_working_day(staff_client):
    session = staff_client.session
    assert time.time() - session[sessions.SIGNED_IN_AT] < 60
    assert session.get_expiry_age() == 8 * HOUR


def test_an_hour_idle_ends_the_session(staff_client):
    key = set_times(staff_client, signed_in_ago=2 * HOUR, last_seen_ago=HOUR + 1)
    response = staff_client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Session.objects.filter(session_key=key).exists()
    login = staff_client.get(response["Location"]).content.decode()
    assert "had not used the admin for an hour" in login


def test_eight_hours_after_signing_in_the_session_ends_however_busy(staff_client):
    key = set_times(staff_client, signed_in_ago=8 * HOUR + 1, last_seen_ago=10)
    response = staff_client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not Session.objects.filter(session_key=key).exists()


def test_activity_keeps_an_idle_session_alive(staff_client):
    set_times(staff_client, signed_in_ago=7 * HOUR, last_seen_ago=50 * 60)
    assert staff_client.get("/admin/").status_code == 200
    assert time.time() - staff_client.session[sessions.LAST_SEEN] < 60


def test_a_session_without_a_sign_in_time_has_ended(staff_client):
    session = staff_client.session
    del session[sessions.SIGNED_IN_AT]
    session.save()
    assert staff_client.get("/admin/").status_code == 302
    assert SESSION_KEY not in staff_client.session


def test_signing_out_deletes_the_session_row(staff_client):
    key = staff_client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    response = staff_client.post("/admin/logout/")
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert staff_client.get("/admin/")["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("path", ["/", "/search/?q=care", "/no-such-page/", "/robots.txt", "/sitemap.xml"])
def test_public_pages_set_no_cookies_and_make_no_session(client, home, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert not response.cookies, response.cookies
    assert "Set-Cookie" not in response.headers
    assert not Session.objects.exists()
