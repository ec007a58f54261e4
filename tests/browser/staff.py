"""Signing staff in, in Chromium.

`sign_in(browser, base_url, user, password)` goes through the real forms: it gives `user` an
authenticator app (TOTP) device if they have none, signs in with the password and that device's code,
and returns (context, page) on the dashboard.

`signed_in_context(browser, base_url, user)` skips the forms (for tests about other admin screens):
the session comes from `tests.staff.sign_in`, as every other test's does."""

from django.conf import settings
from django.test import Client

from tests.staff import sign_in as sign_in_client
from tests.staff import totp_device, unused_code


def new_page(browser, width=1280):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def password_step(page, base_url, username, password):
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()


def code_step(page, device, button="Continue"):
    page.get_by_label("Code from your authenticator app").fill(unused_code(device))
    page.get_by_role("button", name=button).click()


def sign_in(browser, base_url, user, password):
    device = totp_device(user)
    context, page = new_page(browser)
    password_step(page, base_url, user.get_username(), password)
    page.wait_for_url(f"{base_url}/admin/two-factor/?next=%2Fadmin%2F")
    code_step(page, device)
    page.wait_for_url(base_url + "/admin/")
    return context, page


def signed_in_context(browser, base_url, user, width=1280):
    client = sign_in_client(Client(), user)
    context = browser.new_context(viewport={"width": width, "height": 1000})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return context
