from django import template
from django.utils.safestring import mark_safe

from stp_site import content_version
from stp_site.chrome import get_chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """Menu, organisation details and the alert banner (if showing now), from the cache."""
    chrome = dict(get_chrome())
    path = context["request"].path if "request" in context else ""
    chrome["menu"] = [
        {**item, "current": path == item["url"], "active": path.startswith(item["url"]) and path != item["url"]}
        for item in chrome["menu"]
    ]
    chrome["alert_showing"] = chrome["alert"].is_showing()
    return chrome


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """Ancestors below the site root, oldest first; none on the home page. Cached: titles and places only
    change when staff publish or move pages."""
    ancestors = []
    if page and page.pk and page.path:
        ancestors = content_version.cached(f"breadcrumbs:{page.path}", lambda: _ancestors(page))
    elif page:
        ancestors = _ancestors(page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def glossary_richtext(context, value):
    """Rich text with the first use of each glossary term on this page linked to the glossary."""
    from wagtail.rich_text import expand_db_html

    from stp_site.glossary import GLOSSARY_PATH, link_glossary_terms

    html = value.__html__() if hasattr(value, "__html__") else expand_db_html(value or "")
    request = context.get("request")
    if request is None or request.path == GLOSSARY_PATH:
        return mark_safe(html)  # noqa: S308 - rich text is already safe HTML
    seen = getattr(request, "_glossary_seen", None)
    if seen is None:
        seen = request._glossary_seen = set()
    return link_glossary_terms(html, seen)


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """schema.org GovernmentOrganization for the home page, as a JSON-LD data block (not executed)."""
    from stp_site.jsonld import organisation_json_ld as build

    return build(context)


@register.simple_tag
def readability_report(page):
    """The plain-English check for a page (used in previews, for editors only)."""
    from stp_site import readability
    from stp_site.models import ReadabilitySettings

    settings = ReadabilitySettings.load()
    limit = settings.enforced_limit_for(page=page, parent=page.get_parent() if page.pk is None else None)
    return readability.check_page(page, target=limit if limit is not None else settings.target_reading_age)


def _ancestors(page):
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "depth"))
