"""Serving a reference group's page: the sign-up form (GET and POST) and the thank-you page.

Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging
from functools import partial

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from .forms import SignUpForm, make_started_token
from .models import EqualityAnswers, ReferralPartner, SignUp, expiry_for

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "get_involved.sign_up"


def _no_store(response):
    add_never_cache_headers(response)  # Cache-Control: no-cache, no-store, must-revalidate, private
    return response


def _partner_for(code):
    if not code or len(code) > 60:
        return None
    return ReferralPartner.objects.filter(code=code).first()


def _render(request, page, template, context=None, status=200):
    context = {**page.get_context(request), **(context or {})}
    return _no_store(TemplateResponse(request, template, context, status=status))


def sign_up(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return _no_store(HttpResponseNotAllowed(["GET", "POST"]))

    if page.closed:
        # Partners' links keep working: a clear message and other ways to have a say, never a 404.
        status = 409 if request.method == "POST" else 200
        return _render(request, page, page.template, {"closed": True}, status=status)

    if request.method != "POST":
        # Only ?ref= is read from the query string; other parameters never fill in or send the form.
        partner = _partner_for(request.GET.get("ref", ""))
        initial = {"started": make_started_token()}
        if partner:
            initial.update(ref=partner.code, heard_about=partner.name)
        return _render(request, page, page.template, {"form": SignUpForm(initial=initial)})

    form = SignUpForm(request.POST)

    if is_ratelimited(
        request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.SIGNUP_RATE_LIMIT, method="POST", increment=True
    ):
        logger.warning("Sign-up refused for group %s: rate limit", page.pk)
        return _render(request, page, page.template, {"form": form, "rate_limited": True, "show_errors": False}, 429)

    if form.is_honeypot_filled() or form.is_too_fast():
        # Most likely a bot. Store nothing and say nothing about why.
        logger.info("Sign-up discarded for group %s: spam checks", page.pk)
        return _render(request, page, "pages/reference_group_not_sent.html", status=400)

    if not form.is_valid():
        return _render(request, page, page.template, {"form": form, "show_errors": True})

    try:
        sign_up_id = save_sign_up(page, form.cleaned_data)
    except DatabaseError as error:
        logger.error("Sign-up for group %s could not be saved: %s", page.pk, type(error).__name__)
        return _render(request, page, page.template, {"form": form, "not_saved": True}, status=503)

    if sign_up_id is None:
        logger.info("Duplicate sign-up for group %s not stored again", page.pk)
    else:
        logger.info("Sign-up %s stored for group %s", sign_up_id, page.pk)
    thank_you_url = page.url + page.reverse_subpage("thank_you")
    return _no_store(HttpResponseRedirect(thank_you_url, status=303))


def save_sign_up(page, data):
    """Store one sign-up (and its equality answers) in one transaction. Returns its id, or None if a duplicate."""
    email, phone = data["email"], data["phone"]
    same_person = Q()
    if email:
        same_person |= Q(email=email)
    if phone:
        same_person |= Q(phone=phone)
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Fail fast with a clear page rather than hang while the table is locked.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(settings.SIGNUP_DB_LOCK_TIMEOUT_MS)}ms"])
            if SignUp.objects.filter(same_person, group=page).exists():
                return None
            record = SignUp.objects.create(
                group=page,
                expires_at=expiry_for(page),
                full_name=data["full_name"],
                email=email,
                phone=phone,
                postcode=data["postcode"],
                take_part=list(data["take_part"]),
                support_needs=data["support_needs"],
                heard_about=data["heard_about"],
                referral=_partner_for(data["ref"]),
                consent_to_contact=True,
            )
            if data.get("equality_consent"):
                EqualityAnswers.objects.create(
                    sign_up=record, consent=True, **{name: data[name] for name in SignUpForm.EQUALITY_FIELDS}
                )
            transaction.on_commit(partial(notify_coordinators, page.pk, record.pk))
    except IntegrityError:
        # The same person sent the form twice at the same moment: the first one is kept.
        return None
    return record.pk


def notify_coordinators(group_id, sign_up_id):
    """Tell the group's coordinators there is a new sign-up. No personal data: a link to the admin only."""
    from .models import ReferenceGroupPage

    try:
        group = ReferenceGroupPage.objects.get(pk=group_id)
        recipients = group.notification_addresses()
        if not recipients:
            return
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("signups:inspect", args=[sign_up_id])
        body = (
            f"Someone has asked to join the {group.title}.\n\n"
            f"Sign in to see their details:\n{link}\n\n"
            "Please do not forward their details by email.\n"
        )
        # A short timeout: the resident is waiting for the thank-you page while this runs.
        connection = get_connection(timeout=settings.SIGNUP_MAIL_TIMEOUT)
        send_mail(f"New sign-up: {group.title}", body, None, recipients, connection=connection)
    except Exception as error:  # noqa: BLE001 - the sign-up is stored; a mail problem must not undo that
        logger.error("Sign-up notification for group %s failed: %s", group_id, type(error).__name__)


def thank_you(request, page):
    if request.method not in ("GET", "HEAD"):
        return _no_store(HttpResponseNotAllowed(["GET"]))
    return _render(request, page, page.thank_you_template)
