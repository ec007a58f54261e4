"""Serving an exercise's online questionnaire (GET and POST) and its thank-you page; ConsultationPage's
routes (`respond/`, `respond/thank-you/`) call these. Storing a response is the service's job
(responses.py). The checks are the sign-up form's: a honeypot and a minimum time (no CAPTCHA), a per-address
rate limit, and every answer checked on the server. Nothing here logs personal data.
"""

import logging
import time

from django_ratelimit.core import is_ratelimited

from django import forms
from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from get_involved import spool
from get_involved.flood import count_post
from get_involved.forms import make_started_token
from get_involved.known_forms import remember_form
from get_involved.sign_ups import partner_for
from get_involved.views import no_store, privacy_notice_context
from stp_site.core.page_urls import local_url

from . import responses
from .questionnaire import as_definitions, questionnaire_form_class

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "consultations.response"
NOT_SENT_TEMPLATE = "pages/reference_group_not_sent.html"
PRIVACY_HINT = "We will use your answers only for this exercise."


def _render(request, page, template, context=None, status=200):
    context = {**page.get_context(request), **privacy_notice_context(request, PRIVACY_HINT), **(context or {})}
    return no_store(TemplateResponse(request, template, context, status=status))


def respond(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))

    if not page.is_open() or not page.has_questionnaire:
        # A closed (or not yet open) exercise's link keeps working with a clear page; answers are refused.
        status = 409 if request.method == "POST" else 200
        return _render(request, page, page.respond_template, {"closed": True}, status=status)

    form_class = questionnaire_form_class(page.questionnaire_fields())
    privacy_url = privacy_notice_context(request)["privacy_notice_url"]
    if request.method != "POST":
        partner = partner_for(request.GET.get("ref", ""))
        initial = {"started": make_started_token(), "ref": partner.code if partner else ""}
        remember_form(
            request.path,
            kind=responses.KIND,
            page_id=page.pk,
            title=page.title,
            privacy=privacy_url,
            closes_at=page.closes_on.timestamp(),
        )
        responses.remember_questions(page)
        return _render(request, page, page.respond_template, {"form": form_class(initial=initial)})

    form = form_class(request.POST)
    count_post()
    if form.is_honeypot_filled() or form.is_too_fast():
        logger.info("Response discarded for consultation %s: spam checks", page.pk)
        return _render(request, page, NOT_SENT_TEMPLATE, {"form_url": page.respond_url}, status=400)

    if is_ratelimited(
        request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.SIGNUP_RATE_LIMIT, method="POST", increment=True
    ):
        logger.warning("Response refused for consultation %s: rate limit", page.pk)
        return _render(request, page, page.respond_template, {"form": form, "rate_limited": True}, status=429)

    if not form.is_valid():
        return _render(request, page, page.respond_template, {"form": form, "show_errors": True})

    outcome, record_id = responses.save_or_spool(page, form.stored_data(), privacy_url)
    if outcome == "spooled":
        return spooled_response(request, page.title)
    logger.info("Response %s stored for consultation %s", record_id, page.pk)
    thank_you_url = local_url(page) + page.reverse_subpage("respond_thank_you")
    return no_store(HttpResponseRedirect(thank_you_url, status=303))


def thank_you(request, page):
    if request.method not in ("GET", "HEAD"):
        return no_store(HttpResponseNotAllowed(["GET"]))
    return _render(request, page, page.thank_you_template, {"exercise_title": page.title})


def spooled_response(request, title):
    """Thank the resident whose response waits in the spool, reading nothing from the database."""
    context = {"exercise_title": title, "with_database": False}
    return no_store(TemplateResponse(request, "pages/consultation_thank_you.html", context))


# --- While the database is down (the record kind's functions: kind.py) ------------------------------------


def outage_form(known, data):
    """The questionnaire's form for a POST while the database is down, built from the questions kept in the
    cache when the form was shown. Without them, or once the exercise has closed, it is invalid: the
    resident is asked to try again in a few minutes."""
    definitions = responses.remembered_questions(known["group_id"])
    closed = bool(known.get("closed") or (known.get("closes_at") and time.time() >= known["closes_at"]))
    form_class = questionnaire_form_class(as_definitions(definitions or []))

    class OutageForm(form_class):
        def clean(self):
            cleaned = super().clean()
            if definitions is None or closed:
                raise forms.ValidationError("The questionnaire cannot be checked just now.", code="unavailable")
            return cleaned

    return OutageForm(data)


def spool_and_thank(request, known, form):
    spool.write(known["group_id"], form.stored_data(), known["privacy"], kind=responses.KIND)
    return spooled_response(request, known["title"])
