"""Signing in through the real forms, for the staff sign-in tests (tests/staff.py skips the forms)."""

from django.contrib.auth import get_user_model

PASSWORD = "a-long-test-password"


def make_staff(username="editor", superuser=True):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    return User.objects.create_user(username, f"{username}@example.com", PASSWORD)


def password_step(client, username="editor", password=PASSWORD, address="198.51.100.7", **extra):
    """POST Wagtail's sign-in form, from `address` behind our proxy (tests' REMOTE_ADDR is 127.0.0.1)."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        HTTP_X_FORWARDED_FOR=address,
        **extra,
    )
