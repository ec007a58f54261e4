"""Serving a reference group's page: the sign-up form (GET and POST) and the thank-you page.

ReferenceGroupPage's routes call these; storing the sign-up is the service's job (sign_ups.py).
Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.html import format_html

from stp_site.core.navigation import get_navigation
from stp_site.core.page_urls import local_url

from .flood import count_post
from .forms import SignUpForm, make_started_token
from .known_forms import remember_form
from .sign_ups import partner_for, save_or_spool
from .spool import SIGN_UP

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "get_involved.sign_up"


def no_store(response):
    add_never_cache_headers(response)  # Cache-Control: no-cache, no-store, must-revalidate, private
    return response


def privacy_notice_context(request, hint="We will use your details only to run this group."):
    """The privacy notice a form links to, and the consent question's hint that links to it."""
    url = get_navigation(request)["privacy_url"]
    if url:
        hint = format_html(
            '{} <a href="{}">Read our privacy notice</a> to find out how we keep them safe and when we delete them.',
            hint,
            url,
        )
    return {"privacy_notice_url": url, "consent_hint": hint}


def _render(request, page, template, context=None, status=200):
    context = {**page.get_context(request), **(context or {})}
    return no_store(TemplateResponse(request, template, context, status=status))


def sign_up(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))

    if page.closed:
        # Partners' links keep working: a clear message and other ways to have a say, never a 404.
        status = 409 if request.method == "POST" else 200
        return _render(request, page, page.template, {"closed": True}, status=status)

    if request.method != "POST":
        # Only ?ref= is read from the query string; other parameters never fill in or send the form.
        partner = partner_for(request.GET.get("ref", ""))
        initial = {"started": make_started_token()}
        if partner:
            initial.update(ref=partner.code, heard_about=partner.name)
        remember_form(
            request.path,
            kind=SIGN_UP,
            page_id=page.pk,
            title=page.title,
            closed=page.closed,
            privacy=privacy_notice_context(request)["privacy_notice_url"],
        )
        return _render(request, page, page.template, {"form": SignUpForm(initial=initial)})

    form = SignUpForm(request.POST)
    count_post()

    if form.is_honeypot_filled() or form.is_too_fast():
        # Most likely a bot. Store nothing and say nothing about why. Not counted against the address's
        # limit: junk must not use up a household's sign-ups.
        logger.info("Sign-up discarded for group %s: spam checks", page.pk)
        return _render(request, page, "pages/reference_group_not_sent.html", status=400)

    if is_ratelimited(
        request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.SIGNUP_RATE_LIMIT, method="POST", increment=True
    ):
        logger.warning("Sign-up refused for group %s: rate limit", page.pk)
        return _render(request, page, page.template, {"form": form, "rate_limited": True, "show_errors": False}, 429)

    if not form.is_valid():
        return _render(request, page, page.template, {"form": form, "show_errors": True})

    outcome, record_id = save_or_spool(
        page, form.cleaned_data, privacy_notice_url=privacy_notice_context(request)["privacy_notice_url"]
    )
    if outcome == "spooled":
        return spooled_response(request, page.title, privacy_notice_context(request)["privacy_notice_url"])
    if outcome == "duplicate":
        logger.info("Duplicate sign-up for group %s not stored again", page.pk)
    else:
        logger.info("Sign-up %s stored for group %s", record_id, page.pk)
    thank_you_url = local_url(page) + page.reverse_subpage("thank_you")
    return no_store(HttpResponseRedirect(thank_you_url, status=303))


def spooled_response(request, group_title, privacy_notice_url):
    """Thank the resident whose sign-up waits in the spool, reading nothing from the database."""
    context = {"group_title": group_title, "privacy_notice_url": privacy_notice_url, "with_database": False}
    return no_store(TemplateResponse(request, "pages/reference_group_thank_you.html", context))


def thank_you(request, page):
    if request.method not in ("GET", "HEAD"):
        return no_store(HttpResponseNotAllowed(["GET"]))
    return _render(request, page, page.thank_you_template)
