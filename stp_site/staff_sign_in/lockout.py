"""Too many failed sign-ins (django-axes): the sign-in page says so, with status 429.

Failures are counted per staff username *and* client address (AXES_LOCKOUT_PARAMETERS), the address
from stp_site.proxies.client_address (AXES_CLIENT_IP_CALLABLE), so one person guessing does not lock
everyone behind the TLS proxy, and a guesser elsewhere cannot lock a member of staff out. A wrong
second-step code counts as a failed sign-in too (`record_failure`)."""

import logging
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.utils import reset

from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.template.response import TemplateResponse

from wagtail.admin.forms.auth import LoginForm

from stp_site.proxies import client_address

logger = logging.getLogger(__name__)


def cool_off_minutes(request=None):
    cool_off = get_cool_off(request)
    return math.ceil(cool_off.total_seconds() / 60) if cool_off else None


def lockout_message(request=None):
    minutes = cool_off_minutes(request)
    wait = f"Try again in {minutes} minutes" if minutes else "Try again later"
    return f"You have tried to sign in too many times. {wait}, or ask an administrator to unlock your account."


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: Wagtail's sign-in page, with the lockout message above the form. Made once
    per request (a lockout at the second step is answered by the view and by AxesMiddleware)."""
    if hasattr(request, "_staff_sign_in_lockout"):
        return request._staff_sign_in_lockout
    if request.user.is_authenticated:  # locked at the second step: the password step is undone too
        logout(request)
    username = (credentials or {}).get("username") or ""
    logger.warning("Sign-in locked after repeated failures for staff username %r", username[:150])
    context = {"form": LoginForm(request), "lockout_message": lockout_message(request), "next": ""}
    response = TemplateResponse(request, "staff_sign_in/locked_out.html", context, status=429)
    response["Retry-After"] = str((cool_off_minutes(request) or 30) * 60)
    request._staff_sign_in_lockout = response.render()
    return response


def _credentials(user):
    return {"username": user.get_username()}


def is_locked(request, user):
    return AxesProxyHandler.is_locked(request, _credentials(user))


def record_failure(request, user):
    """Count a wrong second-step code as a failed sign-in; True when that locks the account out."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def clear_failures(request, user):
    """Both steps passed: earlier failures for this username from this address are forgotten."""
    reset(ip=client_address(request), username=user.get_username())
