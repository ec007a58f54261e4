"""Staff sessions: their time limits, and no admin page before the second step.

Both run after django_otp's OTPMiddleware (which gives request.user `is_verified()`) and act only on a
request that carries a session cookie, so a resident's request never touches, let alone makes, a session."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from . import sessions

ENDED_MESSAGES = {
    "idle": "You were signed out because you had not used the admin for an hour. Sign in again to carry on.",
    "absolute": "You were signed out because you signed in more than 8 hours ago. Sign in again to carry on.",
}


def _has_session(request):
    return settings.SESSION_COOKIE_NAME in request.COOKIES


class StaffSessionMiddleware:
    """Ends a signed-in session 8 hours after signing in or after an hour idle (settings
    STAFF_SESSION_ABSOLUTE_SECONDS and STAFF_SESSION_IDLE_SECONDS); otherwise records the activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_session(request) and request.user.is_authenticated:
            reason = sessions.expired(request.session)
            if reason:
                logout(request)  # deletes the session row, and the cookie with the response
                if request.path_info.startswith(admin_prefix()):
                    messages.info(request, ENDED_MESSAGES[reason])
            else:
                sessions.touch(request.session)
        return self.get_response(request)


def admin_prefix():
    return reverse("wagtailadmin_home")


def exempt_paths():
    """Admin addresses open to a user who has passed the password step but not the second: the ones
    Wagtail serves to anyone (sign-in, password reset, its icons and translations), and signing out."""
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_sprite"),
        reverse("wagtailadmin_javascript_catalog"),
        reverse("wagtailadmin_password_reset"),
        reverse("staff_sign_in:verify"),  # the prefix of every two-step page and passkey endpoint
    )


class RequireTwoFactorMiddleware:
    """Every admin address, for a signed-in user who has not passed the second step in this session,
    redirects to that step (which sends a user with no device on to setting one up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith(admin_prefix())
            and _has_session(request)
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not path.startswith(exempt_paths())
        ):
            return redirect(reverse("staff_sign_in:verify") + "?" + urlencode({"next": request.get_full_path()}))
        return self.get_response(request)
