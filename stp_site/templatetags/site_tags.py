from django import template

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


def _ancestors(page):
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "depth"))
