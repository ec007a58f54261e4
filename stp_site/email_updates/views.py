"""The public pages of email updates: the sign-up form and "check your email" (routes of the Get email
updates page), and, at /email-updates/, confirming, managing choices and unsubscribing (links in emails).

Every page here is no-store. Nothing here logs an address: log lines carry page and row ids only.
"""

import logging

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.core import signing
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from get_involved.flood import count_post
from get_involved.forms import make_started_token
from get_involved.known_forms import remember_form
from get_involved.sign_ups import partner_for
from get_involved.views import no_store, privacy_notice_context
from programmes.models import ProgrammePage
from stp_site.core.page_urls import local_url

from . import subscriptions
from .forms import ManageForm, SubscribeForm, topic_choices
from .models.records import Subscriber
from .tokens import read_confirm_token

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "email_updates.subscribe"
CONSENT_HINT = "We will use your email address only to send the updates you choose."


def _privacy(request):
    return privacy_notice_context(request, hint=CONSENT_HINT)


def _render(request, template, context, status=200, page=None):
    if page is not None:
        context = {**page.get_context(request), **context}
    return no_store(TemplateResponse(request, template, {**_privacy(request), **context}, status=status))


def spooled_response(request, privacy_notice_url):
    """ "Check your email", read from no database (the confirmation goes once the sign-up is replayed)."""
    context = {"privacy_notice_url": privacy_notice_url, "with_database": False}
    response = TemplateResponse(request, "pages/email_updates_check_email.html", context)
    add_never_cache_headers(response)
    return response


def subscribe(request, page):
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))
    programmes = subscriptions.programme_choices(page)
    privacy_url = _privacy(request)["privacy_notice_url"]
    if request.method != "POST":
        partner = partner_for(request.GET.get("ref", ""))
        # A programme's page links here with ?topic= set to that programme's news, ticked for them.
        topics = {value for value, _label in topic_choices(programmes)} & set(request.GET.getlist("topic"))
        initial = {"started": make_started_token(), "ref": partner.code if partner else "", "topics": sorted(topics)}
        remember_form(request.path, kind=subscriptions.KIND, page_id=page.pk, title=page.title, privacy=privacy_url)
        form = SubscribeForm(initial=initial, programmes=programmes)
        return _render(request, page.template, {"form": form}, page=page)

    form = SubscribeForm(request.POST, programmes=programmes)
    count_post()
    if form.is_honeypot_filled() or form.is_too_fast():
        logger.info("Email updates sign-up discarded on page %s: spam checks", page.pk)
        return _render(request, "pages/email_updates_not_sent.html", {}, status=400, page=page)
    rate = settings.EMAIL_UPDATES_RATE_LIMIT
    if is_ratelimited(request, group=RATE_LIMIT_GROUP, key="ip", rate=rate, method="POST", increment=True):
        logger.warning("Email updates sign-up refused on page %s: rate limit", page.pk)
        context = {"form": form, "rate_limited": True, "show_errors": False}
        return _render(request, page.template, context, status=429, page=page)
    if not form.is_valid():
        return _render(request, page.template, {"form": form, "show_errors": True}, page=page)

    outcome, record_id = subscriptions.save_or_spool(page, form.cleaned_data, privacy_url)
    if outcome == "spooled":
        return spooled_response(request, privacy_url)
    logger.info("Email updates sign-up on page %s: %s %s", page.pk, outcome, record_id or "")
    return no_store(HttpResponseRedirect(local_url(page) + page.reverse_subpage("check_email"), status=303))


def check_email(request, page):
    if request.method not in ("GET", "HEAD"):
        return no_store(HttpResponseNotAllowed(["GET"]))
    return _render(request, "pages/email_updates_check_email.html", {}, page=page)


def confirm(request, token):
    """The link in the confirmation email. It works once, for EMAIL_UPDATES_CONFIRM_DAYS."""
    if request.method not in ("GET", "HEAD"):
        return no_store(HttpResponseNotAllowed(["GET"]))
    try:
        subscriber_id, nonce = read_confirm_token(token)
    except signing.SignatureExpired:
        return _render(request, "email_updates/link_problem.html", {"problem": "expired"}, status=410)
    except signing.BadSignature:
        return _render(request, "email_updates/link_problem.html", {"problem": "broken"}, status=404)
    subscriber = Subscriber.objects.select_related("site").filter(pk=subscriber_id).first()
    if subscriber is None:
        return _render(request, "email_updates/link_problem.html", {"problem": "broken"}, status=404)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _render(request, "email_updates/confirmed.html", {"subscriber": subscriber, "already": True})
    if subscriber.confirm_nonce != nonce:
        return _render(request, "email_updates/link_problem.html", {"problem": "replaced"}, status=410)
    subscriptions.confirm(subscriber)
    return _render(request, "email_updates/confirmed.html", {"subscriber": subscriber})


@csrf_exempt
def unsubscribe(request, key):
    """One click (RFC 8058): a POST to the link in List-Unsubscribe, with no cookie or token, unsubscribes.
    A GET (a person following the link, or a mail scanner) only shows the button."""
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))
    subscriber = Subscriber.objects.filter(key=key).first()
    if request.method == "POST":
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        return _render(request, "email_updates/unsubscribed.html", {})
    if subscriber is None:
        return _render(request, "email_updates/unsubscribed.html", {"unknown": True}, status=404)
    return _render(request, "email_updates/unsubscribe.html", {"key": key})


def manage(request, key):
    """Change what you get: the link in every update."""
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))
    subscriber = Subscriber.objects.select_related("site").filter(key=key).first()
    if subscriber is None:
        return _render(request, "email_updates/unsubscribed.html", {"unknown": True}, status=404)
    programmes = list(
        ProgrammePage.objects.in_site(subscriber.site.root_page.path)
        .live()
        .public()
        .order_by("title")
        .values_list("pk", "title")
    )
    context = {"subscriber": subscriber, "key": key}
    if request.method != "POST":
        form = ManageForm(initial={"topics": subscriber.topics()}, programmes=programmes)
        return _render(request, "email_updates/manage.html", {**context, "form": form})
    form = ManageForm(request.POST, programmes=programmes)
    if not form.is_valid():
        return _render(request, "email_updates/manage.html", {**context, "form": form, "show_errors": True})
    subscriber.set_topics(form.cleaned_data["topics"])
    logger.info("Email updates: subscriber %s changed their choices", subscriber.pk)
    return _render(request, "email_updates/manage.html", {**context, "form": form, "saved": True})
