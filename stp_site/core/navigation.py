"""The parts of every page that are not the page itself: menu, organisation details, key links and
the alert banner.

They are read on every request, so they are cached under the content version (content_version.py),
which changes whenever staff publish, move or delete a page or save the site settings.
"""

from django.conf import settings

from wagtail.models import Site

from . import content_version
from .models import AlertBanner, SiteSettings


def get_navigation():
    return content_version.cached("navigation", build_navigation)


def without_database():
    """What the 500 page shows: it must not read the database, which may be why it is shown."""
    return {"organisation_name": settings.WAGTAIL_SITE_NAME, "menu": []}


def build_navigation():
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    menu = []
    if site:
        for page in site.root_page.get_children().live().public().in_menu().order_by("path"):
            menu.append({"title": page.title, "url": page.get_url()})
    site_settings = SiteSettings.load()
    return {
        "menu": menu,
        "organisation_name": site_settings.organisation_name or settings.WAGTAIL_SITE_NAME,
        "organisation_descriptor": site_settings.organisation_descriptor,
        "phone": site_settings.phone,
        "email": site_settings.email,
        "address": site_settings.address,
        "privacy_url": _live_url(site_settings.privacy_notice_page),
        "contact_url": _live_url(site_settings.contact_page),
        "footer_links": [
            {"title": link.value["title"], "url": link.value.href()} for link in site_settings.footer_links
        ],
        "social_links": [
            {"title": link.value["title"], "url": link.value.href()} for link in site_settings.social_links
        ],
        "alert": AlertBanner.load(),
    }


def _live_url(page):
    return page.get_url() if page is not None and page.live else ""
