import datetime

from django import template
from django.utils import timezone

from stp_site.core import content_version, fragments
from stp_site.core.jsonld import json_ld_script, organisation_data
from stp_site.core.navigation import get_navigation, without_database
from stp_site.core.times import clock

register = template.Library()


@register.simple_tag(takes_context=True)
def site_navigation(context, with_database=True):
    """Menu, organisation details, key links and the alert banner (if showing now), from the cache.
    Without the database (the 500 page) only the organisation's name."""
    if not with_database:
        return without_database(context.get("request"))
    navigation = dict(get_navigation(context.get("request")))
    path = context["request"].path if "request" in context else ""
    navigation["menu"] = [
        {**item, "current": path == item["url"], "active": path.startswith(item["url"]) and path != item["url"]}
        for item in navigation["menu"]
    ]
    navigation["alert_showing"] = navigation["alert"].is_showing()
    # What the header's menu varies with, for its fragment: which item is current or active, if any.
    navigation["menu_state"] = " ".join(
        f"{item['url']}:{item['current']:d}{item['active']:d}"
        for item in navigation["menu"]
        if item["current"] or item["active"]
    )
    return navigation


class FragmentNode(template.Node):
    child_nodelists = ("nodelist",)  # {% block %}s inside a fragment are still overridden by child templates

    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        if context.get("with_database") is False:
            return self.nodelist.render(context)  # the 500 page: no cache either
        parts = [part.resolve(context, ignore_failures=True) for part in self.parts]
        if None in parts:
            return self.nodelist.render(context)  # e.g. no page to key a page's content by
        return fragments.render(
            context.get("request"), self.name.resolve(context), parts, lambda: self.nodelist.render(context)
        )


@register.tag
def fragment(parser, token):
    """{% fragment "name" part ... %}…{% endfragment %}: the output, cached until the next publish and
    shared by everyone (stp_site/core/fragments.py). Each part is something the output varies with; if
    one is None (e.g. page.pk on a view with no page) the output is rendered every time. Never put
    anything personal in one."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page, include_page=False):
    """Ancestors below the site root, oldest first; none on the home page. Cached: titles and places only
    change when staff publish or move pages. With include_page, the page itself comes last: for a view of
    its own, such as a meeting's question form, whose way back is the page."""
    ancestors = []
    if page and page.pk and page.path:
        ancestors = content_version.cached(f"breadcrumbs:{page.path}", lambda: _ancestors(page))
    elif page:
        ancestors = _ancestors(page)
    if include_page and page and page.pk:
        ancestors = [*ancestors, page]
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def organisation_json_ld(context):
    """schema.org GovernmentOrganization for the home page, as a JSON-LD data block (not executed)."""
    request = context.get("request")
    if request is None:
        return ""
    return json_ld_script(organisation_data(request, get_navigation(request), context.get("page")))


def _ancestors(page):
    return list(page.get_ancestors().filter(depth__gt=1).only("title", "url_path", "depth"))


@register.filter(name="clock")
def clock_filter(value):
    """{{ exercise.closes_on|clock }}: a time, or a moment's time on the clock in England, the NHS.UK way
    ("5pm", "10:30am", "midday")."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).time()
    return clock(value)
