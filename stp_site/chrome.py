"""The parts of every page that are not the page itself: menu, organisation details, alert banner.

They are read on every request, so they are cached under the content version (content_version.py),
which changes whenever staff publish, move or delete a page or save the site settings.
"""

from django.core.cache import cache

from wagtail.models import Site

from . import content_version
from .models import AlertBanner, SiteSettings


def get_chrome():
    key = f"stp_site:chrome:{content_version.current()}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = build_chrome()
        cache.set(key, chrome, 60 * 60)
    return chrome


def build_chrome():
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    menu = []
    if site:
        for page in site.root_page.get_children().live().public().in_menu().order_by("path"):
            menu.append({"title": page.title, "url": page.get_url()})
    site_settings = SiteSettings.load()
    return {
        "menu": menu,
        "organisation_name": site_settings.organisation_name,
        "organisation_descriptor": site_settings.organisation_descriptor,
        "phone": site_settings.phone,
        "email": site_settings.email,
        "address": site_settings.address,
        "footer_links": [
            {"title": link.value["title"], "url": link.value.href()} for link in site_settings.footer_links
        ],
        "social_links": [
            {"title": link.value["title"], "url": link.value.href()} for link in site_settings.social_links
        ],
        "alert": AlertBanner.load(),
    }
