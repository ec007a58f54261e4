"""schema.org data about the partnership for search engines, as a JSON-LD block on the home page.

A <script type="application/ld+json"> block is data, never run, so the site's CSP (no inline
script) does not apply to it. The JSON is escaped so no text in it can close the element.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def organisation_data(request, chrome, page=None):
    site_root = request.build_absolute_uri("/")
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": chrome.get("organisation_name") or "Together We're Better",
        "url": site_root,
        "logo": request.build_absolute_uri("/static/wagtailnhsukfrontend/favicons/apple-touch-icon-180x180.png"),
        "areaServed": {"@type": "AdministrativeArea", "name": "Staffordshire and Stoke-on-Trent"},
    }
    description = page.meta_description if page is not None and hasattr(page, "meta_description") else ""
    if description:
        data["description"] = description
    if chrome.get("organisation_descriptor"):
        data["alternateName"] = chrome["organisation_descriptor"]
    if chrome.get("phone"):
        data["telephone"] = chrome["phone"]
    if chrome.get("email"):
        data["email"] = chrome["email"]
    if chrome.get("address"):
        data["address"] = {"@type": "PostalAddress", "streetAddress": " ".join(chrome["address"].split())}
    # Profiles that identify the organisation (not hashtag or search pages).
    same_as = [
        link["url"]
        for link in chrome.get("social_links", [])
        if link["url"].startswith("https://") and "/hashtag/" not in link["url"] and "?" not in link["url"]
    ]
    if same_as:
        data["sameAs"] = same_as
    return data


def organisation_json_ld(context):
    from .chrome import get_chrome

    request = context.get("request")
    if request is None:
        return ""
    data = organisation_data(request, get_chrome(), context.get("page"))
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308
