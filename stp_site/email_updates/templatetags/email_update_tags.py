"""`{% email_updates_signpost for_page=page %}`: the way to the site's "Get email updates" page, on Get
involved, the news page and each programme's page (where it asks for that programme's news). Those pages
name this tag in their templates and never import this app. No query once the content version's cache is
warm; nothing at all when the site has no live, public email updates page."""

from urllib.parse import urlencode

from django import template

from stp_site.core import content_version

from ..models import EmailUpdatesPage
from ..models.records import PROGRAMME_PREFIX

register = template.Library()


def _signup_page_url(site_root_path, request):
    page = EmailUpdatesPage.objects.in_site(site_root_path).live().public().first()
    return page.get_url(request) if page else None


@register.inclusion_tag("email_updates/signpost.html", takes_context=True)
def email_updates_signpost(context, for_page):
    page = getattr(for_page, "specific", for_page)
    root_path = page.site_root_path
    request = context.get("request")
    url = content_version.cached(f"email_updates_page:{root_path}", lambda: _signup_page_url(root_path, request))
    if url is None:
        return {"value": None}
    if page._meta.label == "programmes.ProgrammePage":
        programme = page.alias_of_id or page.pk
        return {
            "value": {
                "url": f"{url}?{urlencode({'topic': f'{PROGRAMME_PREFIX}{programme}'})}",
                "text": "Get email updates about this work",
            }
        }
    return {"value": {"url": url, "text": "Get email updates"}}
