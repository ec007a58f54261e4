"""Two-step verification: nothing in the admin before it, setting it up on the first sign-in, codes,
recovery codes, the reset command, and the pages' accessible errors."""

from base64 import b32decode
from io import StringIO

import pytest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.core.management import CommandError, call_command
from django.test import Client

from stp_site.staff_sign_in.devices import new_recovery_codes
from tests import html as h
from tests.staff import current_code, sign_in, totp_device

from .helpers import make_staff, password_step

pytestmark = pytest.mark.django_db

ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/snippets/glossary/glossaryterm/",
    "/admin/signups/",
    "/admin/reports/sign-ups/",
    "/admin/reports/review-due/",
    "/admin/reports/site-history/",
    "/admin/api/main/pages/",
    "/admin/users/",
    "/admin/account/",
    "/admin/images/",
    "/admin/documents/",
]


@pytest.fixture
def staff(home):
    return make_staff()


def test_a_password_alone_reaches_no_admin_page(client, staff):
    totp_device(staff)
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    for url in ADMIN_URLS:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/two-factor/?next="), (url, response["Location"])


def test_a_verified_session_reaches_the_admin(client, staff):
    sign_in(client, staff)
    for url in ["/admin/", "/admin/pages/", "/admin/signups/", "/admin/reports/sign-ups/"]:
        assert client.get(url).status_code == 200, url


def test_first_sign_in_sets_up_an_authenticator_app_then_shows_recovery_codes_once(client, staff):
    password_step(client)
    response = client.get("/admin/two-factor/?next=/admin/pages/")
    assert response.status_code == 302 and response["Location"] == "/admin/two-factor/set-up/?next=%2Fadmin%2Fpages%2F"

    page = client.get(response["Location"])
    body = page.content.decode()
    assert page.status_code == 200
    assert "Set up two-step verification" in body
    assert "<svg" in body and 'role="img"' in body and "https://" not in body.split("<svg", 1)[1].split("</svg>")[0]
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    secret = h.text(h.element(body, "code", id="totp-secret")).replace(" ", "")
    assert secret and device.bin_key == b32decode(secret + "=" * (-len(secret) % 8))
    assert client.get("/admin/two-factor/set-up/").status_code == 200
    assert TOTPDevice.objects.filter(user=staff).count() == 1  # reloading keeps the same secret

    done = client.post("/admin/two-factor/set-up/", {"code": current_code(device), "next": "/admin/pages/"})
    assert done.status_code == 302 and done["Location"].startswith("/admin/two-factor/recovery-codes/")
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(done["Location"]).content.decode()
    codes = h.texts(codes_page, "code")
    assert len(codes) == 10 and set(codes) == set(StaticToken.objects.values_list("token", flat=True))
    again = client.get(done["Location"]).content.decode()
    assert not any(code in again for code in codes)  # shown once
    assert client.get("/admin/pages/").status_code == 200


def test_someone_with_a_device_cannot_set_up_another_with_the_password_alone(client, staff):
    totp_device(staff)
    password_step(client)
    response = client.get("/admin/two-factor/set-up/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/two-factor/?")
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_every_sign_in_asks_for_a_code(client, staff):
    device = totp_device(staff)
    password_step(client)
    page = client.get("/admin/two-factor/?next=/admin/pages/")
    body = page.content.decode()
    assert page.status_code == 200 and "Check it" in body
    code_input = dict(h.element(body, "input", id="id_code").attributes)
    assert code_input["autocomplete"] == "one-time-code" and code_input["inputmode"] == "numeric"
    assert h.elements(body, "label", for_="id_code")
    response = client.post("/admin/two-factor/", {"code": current_code(device), "next": "/admin/pages/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get("/admin/pages/").status_code == 200


def test_a_wrong_code_gives_an_error_tied_to_the_field(client, staff):
    device = totp_device(staff)
    password_step(client)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post("/admin/two-factor/", {"code": wrong, "next": "/admin/"})
    body = response.content.decode()
    assert response.status_code == 400
    code_input = dict(h.element(body, "input", id="id_code").attributes)
    assert code_input["aria-invalid"] == "true"
    assert "id_code-error" in code_input["aria-describedby"].split()
    assert "The code is not right" in h.text(h.element(body, id="id_code-error"))
    summary = h.element(body, role="alert")
    assert h.links(summary) == [("#id_code", h.text(h.element(summary, "a")))]
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_code_from_a_different_time_step_far_away_is_refused(client, staff):
    device = totp_device(staff)
    password_step(client)
    response = client.post("/admin/two-factor/", {"code": current_code(device, offset_steps=-20)})
    assert response.status_code == 400


def test_a_recovery_code_works_once(client, staff):
    totp_device(staff)
    code = new_recovery_codes(staff)[0]
    password_step(client)
    response = client.post("/admin/two-factor/", {"recovery_code": code.upper(), "next": "/admin/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9

    client.post("/admin/logout/")
    password_step(client)
    again = client.post("/admin/two-factor/", {"recovery_code": code, "next": "/admin/"})
    assert again.status_code == 400
    assert "has been used" in h.text(h.element(again.content.decode(), id="id_recovery_code-error"))


def test_no_admin_page_shows_a_passkey_to_someone_without_one(client, staff):
    totp_device(staff)
    password_step(client)
    assert "passkey-verification-button" not in client.get("/admin/two-factor/").content.decode()


def test_passkey_registration_needs_the_second_step_first(client, staff):
    password_step(client)  # no device yet: the first one is always the authenticator app
    response = client.post("/admin/two-factor/passkey/registration/begin/")
    assert response.status_code == 403
    assert "otp_webauthn_register_state" not in client.session
    sign_in(client, staff)
    begun = client.post("/admin/two-factor/passkey/registration/begin/")
    assert begun.status_code == 200
    options = begun.json()
    assert options["rp"]["id"] == "testserver" and options["user"]["name"] == "editor"
    assert client.get("/admin/two-factor/passkeys/").status_code == 200


def test_reset_two_factor_deletes_every_device_and_the_next_sign_in_sets_up_again(client, staff, caplog):
    totp_device(staff)
    new_recovery_codes(staff)
    with_the_lost_phone = sign_in(Client(), staff)
    assert with_the_lost_phone.get("/admin/").status_code == 200
    out = StringIO()
    with caplog.at_level("INFO", logger="stp_site.staff_sign_in"):
        call_command("reset_two_factor", "editor", stdout=out)
    assert "removed for editor (2 devices), and signed out everywhere (1 session)" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=staff).exists() and not StaticToken.objects.exists()
    assert [record.getMessage() for record in caplog.records] == [
        "Two-step verification reset for staff username 'editor' (2 devices removed, 1 sessions ended)"
    ]
    assert with_the_lost_phone.get("/admin/")["Location"].startswith("/admin/login/")
    password_step(client)
    assert client.get("/admin/two-factor/")["Location"].startswith("/admin/two-factor/set-up/")
    with pytest.raises(CommandError, match="No staff account"):
        call_command("reset_two_factor", "nobody", stdout=StringIO())


def test_demo_secrets_are_only_for_local_development(staff, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("ensure_demo_two_factor", "editor", stdout=StringIO())
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_demo_two_factor", "editor", stdout=out)
    assert "add this secret to your authenticator app" in out.getvalue()
    assert TOTPDevice.objects.get(user=staff).confirmed
    second = StringIO()
    call_command("ensure_demo_two_factor", "editor", stdout=second)
    assert "already set up" in second.getvalue()
    assert TOTPDevice.objects.filter(user=staff).count() == 1


def test_an_unsafe_next_address_is_not_followed(client, staff):
    device = totp_device(staff)
    password_step(client)
    response = client.post("/admin/two-factor/", {"code": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_what_wagtail_serves_to_anyone_still_works_between_the_steps(client, staff):
    """The sign-in pages need Wagtail's icons and translations: those are not redirected."""
    totp_device(staff)
    password_step(client)
    for url in ["/admin/sprite/", "/admin/jsi18n/", "/admin/login/", "/admin/password_reset/"]:
        assert client.get(url).status_code in (200, 302), url
    assert b"<svg" in client.get("/admin/sprite/").content
    assert client.get("/admin/two-factor/").status_code == 200
