"""schema.org data for search engines, as JSON-LD blocks.

A <script type="application/ld+json"> block is data, never run, so the site's CSP (no inline
script) does not apply to it. The JSON is escaped so no text in it can close the element.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`data` as a JSON-LD <script> element, escaped so that nothing in it can end the element."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def organisation_data(request, navigation, page=None):
    """schema.org GovernmentOrganization for the partnership, from the site settings."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": navigation["organisation_name"],
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri("/static/wagtailnhsukfrontend/favicons/apple-touch-icon-180x180.png"),
    }
    if navigation.get("area_served"):
        data["areaServed"] = {"@type": "AdministrativeArea", "name": navigation["area_served"]}
    description = getattr(page, "meta_description", "") if page is not None else ""
    if description:
        data["description"] = description
    if navigation.get("organisation_descriptor"):
        data["alternateName"] = navigation["organisation_descriptor"]
    if navigation.get("phone"):
        data["telephone"] = navigation["phone"]
    if navigation.get("email"):
        data["email"] = navigation["email"]
    if navigation.get("address"):
        data["address"] = {"@type": "PostalAddress", "streetAddress": " ".join(navigation["address"].split())}
    # Profiles that identify the organisation (not hashtag or search pages).
    same_as = [
        link["url"]
        for link in navigation.get("social_links", [])
        if link["url"].startswith("https://") and "/hashtag/" not in link["url"] and "?" not in link["url"]
    ]
    if same_as:
        data["sameAs"] = same_as
    return data
