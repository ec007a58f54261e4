"""The confirmation link's token: signed with the time it was made, so it expires, and bound to the
subscriber's current nonce, so it works once (confirming empties the nonce; a new sign-up replaces it)."""

from django.conf import settings
from django.core import signing

SALT = "email_updates.confirm"


def confirm_token(subscriber):
    return signing.TimestampSigner(salt=SALT).sign(f"{subscriber.pk}:{subscriber.confirm_nonce}")


def read_confirm_token(token):
    """(subscriber id, nonce), or raises signing.BadSignature (forged) / signing.SignatureExpired (too old)."""
    max_age = settings.EMAIL_UPDATES_CONFIRM_DAYS * 24 * 60 * 60
    value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    subscriber_id, _, nonce = value.partition(":")
    if not subscriber_id.isdigit() or not nonce:
        raise signing.BadSignature("malformed")
    return int(subscriber_id), nonce
