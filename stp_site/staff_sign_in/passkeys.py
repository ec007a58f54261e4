"""django-otp-webauthn's settings that depend on the request."""


def relying_party_id(request):
    """The passkey's domain: the host the admin was reached on (ALLOWED_HOSTS has already checked it)."""
    return request.get_host().rsplit(":", 1)[0] if not request.get_host().startswith("[") else request.get_host()
