"""Lockout (django-axes): five failures lock that username from that address for 30 minutes, counted by
the client's address behind our proxy (stp_site.proxies.client_address), never by the proxy's."""

from io import StringIO

import pytest
from axes.models import AccessAttempt

from django.contrib.auth import SESSION_KEY
from django.core.management import call_command

from tests import html as h
from tests.staff import current_code, totp_device

from .helpers import PASSWORD, make_staff, password_step

pytestmark = pytest.mark.django_db

MESSAGE = (
    "You have tried to sign in too many times. Try again in 30 minutes, "
    "or ask an administrator to unlock your account."
)
HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.9"


@pytest.fixture
def staff(home):
    user = make_staff()
    totp_device(user)
    return user


def fail(client, times, address=HOME):
    return [password_step(client, password="wrong-password", address=address) for _ in range(times)]


def assert_locked_page(response):
    assert response.status_code == 429
    assert response["Retry-After"] == "1800"
    body = response.content.decode()
    assert h.text(h.element(body, role="alert")) == MESSAGE
    assert h.elements(body, "input", id="id_username")  # still Wagtail's sign-in page


def test_five_failures_lock_the_username_from_that_address(client, staff):
    responses = fail(client, 5)
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert_locked_page(responses[4])
    assert_locked_page(password_step(client))  # the right password too
    assert SESSION_KEY not in client.session


def test_the_lock_is_for_that_address_only(client, staff):
    fail(client, 5)
    response = password_step(client, address=ELSEWHERE)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_address_is_the_clients_not_the_proxys(client, staff, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1", "10.0.0.0/8"]
    for _ in range(5):
        password_step(client, password="wrong", address=HOME, REMOTE_ADDR="10.1.2.3")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [HOME]
    # Another resident behind the same proxy is not locked out...
    assert password_step(client, address=ELSEWHERE, REMOTE_ADDR="10.1.2.3").status_code == 302
    client.logout()
    # ...and a stranger's own X-Forwarded-For is not believed: its address is its peer's.
    stranger = password_step(client, address=HOME, REMOTE_ADDR="192.0.2.77")
    assert stranger.status_code == 302


def test_attempts_keep_no_password(client, staff):
    fail(client, 2)
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "editor" and attempt.failures_since_start == 2
    assert "wrong-password" not in attempt.post_data and PASSWORD not in attempt.post_data


def test_wrong_second_step_codes_count_and_end_the_half_signed_in_session(client, staff):
    device = totp_device(staff)
    assert password_step(client, address=HOME).status_code == 302
    wrong = "000000" if current_code(device) != "000000" else "111111"
    responses = [client.post("/admin/two-factor/", {"code": wrong}, HTTP_X_FORWARDED_FOR=HOME) for _ in range(5)]
    assert [r.status_code for r in responses[:4]] == [400] * 4
    assert_locked_page(responses[4])
    assert SESSION_KEY not in client.session
    assert "000000" not in AccessAttempt.objects.get().post_data
    assert_locked_page(password_step(client, address=HOME))


def test_passing_both_steps_forgets_earlier_failures(client, staff):
    device = totp_device(staff)
    fail(client, 3)
    password_step(client)
    client.post("/admin/two-factor/", {"code": current_code(device)}, HTTP_X_FORWARDED_FOR=HOME)
    assert client.get("/admin/").status_code == 200
    assert not AccessAttempt.objects.exists()


def test_an_administrator_unlocks_with_axes_reset_username(client, staff):
    fail(client, 5)
    call_command("axes_reset_username", "editor", stdout=StringIO())
    assert password_step(client).status_code == 302
