"""The staff member's second factors: an authenticator app (TOTP), recovery codes and passkeys.

All three are django-otp devices, so `user.is_verified()` (django_otp's middleware) means "passed a
second factor in this session", whichever was used."""

from base64 import b32encode

import segno
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.db import transaction
from django.utils.safestring import mark_safe

AUTHENTICATOR_APP = "Authenticator app"
RECOVERY_CODES = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def is_enrolled(user):
    """Whether `user` has set up two-step verification (any confirmed device)."""
    return user_has_device(user, confirmed=True)


def pending_totp_device(user):
    """The authenticator app being set up: made once, so reloading the set-up page keeps its secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_APP, confirmed=False)


def secret_text(device):
    """The device's secret in base32, in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device):
    """The set-up QR code as inline SVG, drawn here: no request leaves the server."""
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, border=4, dark="#000", light="#fff", svgclass="staff-sign-in-qr", omitsize=False)
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-labelledby="qr-code-label" ', 1))  # noqa: S308


@transaction.atomic
def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones, each usable once; returns them."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(user, code):
    """The confirmed authenticator app that accepts `code` now, or None. django-otp's TOTP devices refuse
    a code already used and slow down repeated failures themselves (exponential back-off)."""
    code = "".join(code.split())
    if not code.isdigit():
        return None
    with transaction.atomic():  # locked while checked, so one code cannot pass twice at once
        for device in TOTPDevice.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def verify_recovery_code(user, code):
    """The recovery codes device if `code` is one of the user's unused codes (it is then used up)."""
    code = "".join(code.split()).lower()
    if not code:
        return None
    with transaction.atomic():
        for device in StaticDevice.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def delete_all(user):
    """Every second factor `user` has, confirmed or not. Returns how many were deleted."""
    count = 0
    for device in devices_for_user(user, confirmed=None):
        device.delete()
        count += 1
    return count


def has_passkeys(user):
    from django_otp_webauthn.models import WebAuthnCredential

    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
