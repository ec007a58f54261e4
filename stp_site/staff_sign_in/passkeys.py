"""Passkeys (django-otp-webauthn): its JSON endpoints, with registration for verified sessions only, and
its settings that depend on the request."""

from django_otp_webauthn import exceptions, views
from django_otp_webauthn.urls import urlpatterns as webauthn_urlpatterns

from django.urls import path


def relying_party_id(request):
    """The passkey's domain: the host the admin was reached on (ALLOWED_HOSTS has already checked it)."""
    host = request.get_host()
    return host if host.startswith("[") else host.rsplit(":", 1)[0]


class OnlyOnceVerified:
    """Adding a passkey needs the second step passed in this session. (The library allows it to someone
    with no device yet on the password alone; here the first device is always the authenticator app.)"""

    def check_can_register(self):
        if not self.request.user.is_verified():
            raise exceptions.NotVerified(detail="Sign in with your authenticator app before you add a passkey.")


class BeginRegistration(OnlyOnceVerified, views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(OnlyOnceVerified, views.CompleteCredentialRegistrationView):
    pass


REPLACED = {
    "credential-registration-begin": BeginRegistration,
    "credential-registration-complete": CompleteRegistration,
}

# The library's URLs (its template tags reverse them as "otp_webauthn:..."), registration replaced.
app_name = "otp_webauthn"
urlpatterns = [
    path(str(pattern.pattern), REPLACED[pattern.name].as_view(), name=pattern.name)
    if pattern.name in REPLACED
    else pattern
    for pattern in webauthn_urlpatterns
]
