"""The two-step pages, between Wagtail's password step and the admin.

verify          every sign-in: a code from the app, a recovery code, or a passkey
set_up          the first sign-in (or after `reset_two_factor`): QR code and secret, then a code
recovery_codes  shown once after setting up; new ones on request
passkeys        add a passkey (WebAuthn) once verified
"""

from django_otp import login as otp_login
from django_otp_webauthn.models import WebAuthnCredential

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import devices, lockout
from .forms import CodeForm, RecoveryCodeForm, tie_errors

SHOW_RECOVERY_CODES = "staff_sign_in.show_recovery_codes"
WRONG_CODE = "The code is not right. Check your authenticator app and enter the code it shows now"
WRONG_RECOVERY_CODE = "The recovery code is not right or has been used. Check it and try again"


def _next(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def _with_next(name, request):
    return reverse(name) + "?" + urlencode({"next": _next(request)})


def _signed_in(view):
    """The password step passed (Wagtail's sign-in page otherwise)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _wrong_code(request, form, field, message):
    """Count the failure (it may lock the account out: then the sign-in page says so)."""
    if lockout.record_failure(request, request.user):
        return lockout.locked_out(request, credentials={"username": request.user.get_username()})
    form.add_error(field, message)
    return None


@never_cache
@sensitive_post_parameters("code", "recovery_code")
@_signed_in
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next(request))
    if not devices.is_enrolled(user):
        return redirect(_with_next("staff_sign_in:set_up", request))
    form, recovery_form = CodeForm(), RecoveryCodeForm()
    if request.method == "POST":
        if lockout.is_locked(request, user):
            return lockout.locked_out(request, credentials={"username": user.get_username()})
        if "recovery_code" in request.POST:
            recovery_form = RecoveryCodeForm(request.POST)
            if recovery_form.is_valid():
                device = devices.verify_recovery_code(user, recovery_form.cleaned_data["recovery_code"])
                if device is not None:
                    return _verified(request, device)
                if response := _wrong_code(request, recovery_form, "recovery_code", WRONG_RECOVERY_CODE):
                    return response
        else:
            form = CodeForm(request.POST)
            if form.is_valid():
                device = devices.verify_code(user, form.cleaned_data["code"])
                if device is not None:
                    return _verified(request, device)
                if response := _wrong_code(request, form, "code", WRONG_CODE):
                    return response
    tie_errors(form)
    tie_errors(recovery_form)
    context = {
        "form": form,
        "recovery_form": recovery_form,
        "next": _next(request),
        "has_passkeys": devices.has_passkeys(user),
        "show_recovery": "recovery_code" in request.POST or request.GET.get("method") == "recovery",
        "title": "Check it's you",
    }
    status = 200 if not (form.errors or recovery_form.errors) else 400
    return TemplateResponse(request, "staff_sign_in/verify.html", context, status=status)


def _verified(request, device):
    otp_login(request, device)
    lockout.clear_failures(request, request.user)
    return redirect(_next(request))


@never_cache
@sensitive_post_parameters("code")
@_signed_in
def set_up(request):
    user = request.user
    if devices.is_enrolled(user):
        # Never a second device for someone who has not passed the first: the password alone is not enough.
        return redirect(
            _with_next("staff_sign_in:verify" if not user.is_verified() else "staff_sign_in:passkeys", request)
        )
    device = devices.pending_totp_device(user)
    form = CodeForm()
    if request.method == "POST":
        if lockout.is_locked(request, user):
            return lockout.locked_out(request, credentials={"username": user.get_username()})
        form = CodeForm(request.POST)
        if form.is_valid():
            code = "".join(form.cleaned_data["code"].split())
            if code.isdigit() and device.verify_token(code):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                devices.new_recovery_codes(user)
                otp_login(request, device)
                lockout.clear_failures(request, user)
                request.session[SHOW_RECOVERY_CODES] = True
                return redirect(_with_next("staff_sign_in:recovery_codes", request))
            if response := _wrong_code(request, form, "code", WRONG_CODE):
                return response
    tie_errors(form)
    context = {
        "form": form,
        "qr_code": devices.qr_code_svg(device),
        "secret": devices.secret_text(device),
        "next": _next(request),
        "title": "Set up two-step verification",
    }
    return TemplateResponse(request, "staff_sign_in/set_up.html", context, status=400 if form.errors else 200)


def _verified_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_verified():
            return redirect(_with_next("staff_sign_in:verify", request))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


@never_cache
@_signed_in
@_verified_only
def recovery_codes(request):
    """The codes, shown once: straight after setting up, or after asking for new ones (POST)."""
    user = request.user
    codes = None
    if request.method == "POST":
        devices.new_recovery_codes(user)
        request.session[SHOW_RECOVERY_CODES] = True
        return redirect(_with_next("staff_sign_in:recovery_codes", request))
    if request.session.pop(SHOW_RECOVERY_CODES, False):
        codes = list(
            devices.StaticToken.objects.filter(device__user=user, device__confirmed=True)
            .order_by("pk")
            .values_list("token", flat=True)
        )
    context = {
        "codes": codes,
        "codes_left": devices.recovery_codes_left(user),
        "next": _next(request),
        "title": "Your recovery codes",
    }
    response = TemplateResponse(request, "staff_sign_in/recovery_codes.html", context)
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@_signed_in
@_verified_only
def passkeys(request):
    credentials = WebAuthnCredential.objects.filter(user=request.user, confirmed=True).order_by("pk")
    context = {"credentials": credentials, "next": _next(request), "title": "Passkeys"}
    return TemplateResponse(request, "staff_sign_in/passkeys.html", context)
