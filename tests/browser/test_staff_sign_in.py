"""Staff sign-in in Chromium: setting up two-step verification on the first sign-in (QR code and secret,
a code, recovery codes), signing in again with a code, a lockout and its message; axe-core finds nothing
on the sign-in, set-up, recovery codes, verification and lockout pages."""

from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from tests.browser.staff import code_step, new_page, password_step, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "sign-in-test-password"
LOCKED = (
    "You have tried to sign in too many times. Try again in 30 minutes, "
    "or ask an administrator to unlock your account."
)


@pytest.fixture
def staff(home):
    return get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)


def code_from_secret(text):
    """What an authenticator app shows for the secret typed in by hand."""
    secret = text.replace(" ", "")
    return f"{TOTP(b32decode(secret + '=' * (-len(secret) % 8))).token():06d}"


def test_first_sign_in_sets_up_two_step_verification_then_every_sign_in_asks_for_a_code(
    live_server, browser, staff, assert_accessible
):
    context, page = new_page(browser)
    password_step(page, live_server.url, "editor", PASSWORD)
    page.wait_for_url("**/admin/two-factor/set-up/**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step verification")
    expect(page.get_by_role("img", name="Scan this QR code with your authenticator app.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Code from your authenticator app").fill(
        code_from_secret(page.locator("#totp-secret").inner_text())
    )
    page.get_by_role("button", name="Confirm and continue").click()
    page.wait_for_url("**/admin/two-factor/recovery-codes/**")
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(10)
    assert_accessible(page)
    page.get_by_role("link", name="Continue to the admin").click()
    page.wait_for_url(live_server.url + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Together We're Better")  # the dashboard
    context.close()

    device = TOTPDevice.objects.get(user=staff, confirmed=True)
    context, page = new_page(browser)
    password_step(page, live_server.url, "editor", PASSWORD)
    page.wait_for_url("**/admin/two-factor/?next=**")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check it's you")
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill("000000" if device.last_t else "111111")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#id_code-error")).to_contain_text("The code is not right")
    assert_accessible(page)
    code_step(page, device)
    page.wait_for_url(live_server.url + "/admin/")
    context.close()


def test_the_sign_in_page_is_accessible_at_every_width(live_server, open_page, assert_accessible, home):
    for width in (320, 1280):
        page = open_page(live_server.url + "/admin/login/", width=width)
        assert_accessible(page)


def test_five_wrong_passwords_lock_the_account_with_a_clear_message(live_server, browser, staff, assert_accessible):
    context, page = new_page(browser)
    statuses = []
    page.on(
        "response", lambda response: statuses.append(response.status) if response.request.method == "POST" else None
    )
    for _ in range(5):
        password_step(page, live_server.url, "editor", "not-the-password")
        page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_have_text(LOCKED)
    assert statuses[-1] == 429
    assert_accessible(page)
    password_step(page, live_server.url, "editor", PASSWORD)  # the right password is refused too
    expect(page.get_by_role("alert")).to_have_text(LOCKED)
    assert "/admin/two-factor/" not in page.url
    context.close()


def test_the_passkeys_page_is_accessible(live_server, browser, staff, assert_accessible):
    context, page = sign_in(browser, live_server.url, staff, PASSWORD)
    assert page.url == live_server.url + "/admin/"
    page.goto(live_server.url + "/admin/two-factor/passkeys/")
    expect(page.get_by_role("button", name="Add a passkey")).to_be_visible()  # Chromium has WebAuthn
    assert_accessible(page)
    context.close()


def test_a_passkey_added_once_verified_does_the_second_step(live_server, browser, staff, settings):
    """Chromium's virtual authenticator (DevTools' WebAuthn domain) stands in for a fingerprint."""
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]  # http://localhost:<port>, a secure context
    context, page = sign_in(browser, live_server.url, staff, PASSWORD)
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    page.goto(live_server.url + "/admin/two-factor/passkeys/")
    page.get_by_role("button", name="Add a passkey").click()
    expect(page.locator("#passkey-register-status-message")).to_contain_text("Registration successful")
    assert WebAuthnCredential.objects.filter(user=staff, confirmed=True).count() == 1

    context.clear_cookies()
    password_step(page, live_server.url, "editor", PASSWORD)
    page.wait_for_url("**/admin/two-factor/?next=**")
    page.get_by_role("button", name="Use a passkey").click()
    page.wait_for_url(live_server.url + "/admin/")
    context.close()
