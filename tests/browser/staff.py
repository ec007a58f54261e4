"""Signing staff in through the real forms in Chromium: the password, then the authenticator app's code.

`sign_in(browser, base_url, user, password)` gives `user` an authenticator app (TOTP) device if they have
none, signs in with the password and that device's code, and returns (context, page) on the dashboard."""

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
