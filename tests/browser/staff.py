"""A Chromium context signed in as a member of staff, without going through the sign-in form: the
session comes from `tests.staff.sign_in`, as every other test's does. (The form itself has browser
tests of its own.)"""

from django.conf import settings
from django.test import Client

from tests.staff import sign_in


def signed_in_context(browser, base_url, user, width=1280):
    client = sign_in(Client(), user)
    context = browser.new_context(viewport={"width": width, "height": 1000})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": base_url}])
    return context
