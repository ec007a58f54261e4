"""The emails: built from templates, each with a plain-text part and an HTML part, and, except the
confirmation request, a one-click unsubscribe (RFC 8058) and a "manage your choices" link.

No tracking pixels and no redirected links: every link is the page's own address. Nothing here logs an
address; log lines carry row ids and counts.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from stp_site.core.models import SiteSettings

from .tokens import confirm_token


def absolute(site, path):
    return site.root_url.rstrip("/") + path


def organisation_name(site):

    name = getattr(SiteSettings.for_site(site), "organisation_name", "")
    return name or site.site_name or settings.WAGTAIL_SITE_NAME


def links(subscriber):
    site = subscriber.site
    return {
        "unsubscribe_url": absolute(site, reverse("email_updates:unsubscribe", args=[subscriber.key])),
        "manage_url": absolute(site, reverse("email_updates:manage", args=[subscriber.key])),
    }


def unsubscribe_mailto():
    return settings.EMAIL_UPDATES_UNSUBSCRIBE_MAILTO or settings.DEFAULT_FROM_EMAIL


def _message(subscriber, subject, template, context, one_click=True, organisation=None):
    context = {"organisation": organisation or organisation_name(subscriber.site), **context}
    headers = {"Auto-Submitted": "auto-generated"}
    if one_click:
        context.update(links(subscriber))
        headers["List-Unsubscribe"] = (
            f"<{context['unsubscribe_url']}>, <mailto:{unsubscribe_mailto()}?subject=unsubscribe>"
        )
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"email_updates/email/{template}.txt", context),
        to=[subscriber.email],
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"email_updates/email/{template}.html", context), "text/html")
    return message


def confirmation(subscriber):
    """Asks the owner of the address to confirm. Nothing else is sent to a pending subscriber."""
    url = absolute(subscriber.site, reverse("email_updates:confirm", args=[confirm_token(subscriber)]))
    context = {"confirm_url": url, "days": settings.EMAIL_UPDATES_CONFIRM_DAYS}
    return _message(subscriber, "Confirm you want email updates", "confirm", context, one_click=False)


def already_subscribed(subscriber):
    """Someone asked again for an address that is already subscribed: its owner may change their choices."""
    return _message(subscriber, "You already get our email updates", "already_subscribed", {})


def update(subscriber, page, kind, reason, organisation=None):
    """One news item or one new consultation, with why they are getting it."""
    context = {
        "page_title": page.title,
        "summary": page.meta_description,
        "page_url": page.get_full_url(),
        "kind": kind,
        "reason": reason,
    }
    prefix = "New consultation" if kind == "consultation" else "News"
    return _message(subscriber, f"{prefix}: {page.title}", "update", context, organisation=organisation)
