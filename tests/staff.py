"""Signing staff in, for tests: the one way every test does it, so that what signing in needs (two
factors, from issue 12 on) is added here once.

`sign_in(client, user)` signs a Django test client in as `user`, ready to use the admin: the user gets a
confirmed authenticator app (TOTP) device, if they have none, and the session is marked as having passed
the second step with it, as `django_otp.login` does after a right code.

`totp_device(user)` is that device; `current_code(device)` the code its app would show now, and
`unused_code(device)` one the device will still accept (the next step's, when this step's was used:
django-otp accepts one step either side and refuses a code twice), so no test waits for the clock."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Page

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def totp_device(user):
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device, offset_steps=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def unused_code(device):
    """The next code the device will accept, once it accepts codes again: django-otp refuses every code,
    right or wrong, for a second after a wrong one (then 2, 4, ... seconds), so a test that has just typed
    a wrong code waits for that to pass rather than see the right one refused."""
    deadline = time.monotonic() + 30
    device.refresh_from_db()
    while not device.verify_is_allowed()[0]:
        if time.monotonic() > deadline:
            raise AssertionError("the device still refuses codes after 30 seconds")
        time.sleep(0.05)
        device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    last_t = device.last_t if device.last_t is not None else -1
    return current_code(device, offset_steps=max(0, last_t - totp.t() + 1))


def sign_in(client, user):
    device = totp_device(user)
    client.force_login(user, backend=PASSWORD_BACKEND)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def page_editor(page, username):
    """A member of staff who may edit `page` and what is below it (as a partnership's staff on its home page)."""
    group = Group.objects.create(name=f"{username} editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for action in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.objects.get(pk=page.pk), permission=Permission.objects.get(codename=action)
        )
    person = get_user_model().objects.create_user(username, password="x" * 16)
    person.groups.add(group)
    return person
