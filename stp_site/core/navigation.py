"""The parts of every page that are not the page itself: menu, organisation details, key links and
the alert banner, each from the request's own site (one per partnership) and its site settings.

They are read on every request, so they are cached per site under the content version
(content_version.py), which changes whenever staff publish, move or delete a page or save any site's
settings.
"""

from django.conf import settings

from wagtail.models import Site

from . import content_version
from .models import AlertBanner, SiteSettings
from .page_urls import local_url, url_from_site
from .sites import default_site


def get_navigation(request):
    """The navigation of the site that serves `request` (Wagtail's default site for an unknown host)."""
    return for_site(Site.find_for_request(request) if request is not None else None)


def for_site(site):
    if site is None:
        site = content_version.cached("default_site", default_site)
    if site is None:
        return without_database(None)
    return content_version.cached(f"navigation:{site.pk}", lambda: build_navigation(site))


def without_database(request=None):
    """What the 500 page shows: it must not read the database, which may be why it is shown. The
    partnership's name comes from its cached navigation when the cache still has it (the site itself
    is found from the cache too, by CachedSiteMiddleware); else the install's name."""
    site = getattr(request, "_wagtail_site", None)
    cached = content_version.peek(f"navigation:{site.pk}") if site is not None else None
    name = cached["organisation_name"] if cached else settings.WAGTAIL_SITE_NAME
    return {"organisation_name": name, "menu": [], "alert": AlertBanner()}


def build_navigation(site):
    menu = [
        {"title": page.title, "url": local_url(page)}
        for page in site.root_page.get_children().live().public().in_menu().order_by("path")
    ]
    site_settings = SiteSettings.for_site(site)
    return {
        "menu": menu,
        "site_root_path": site.root_page.path,
        "organisation_name": site_settings.organisation_name or site.site_name or settings.WAGTAIL_SITE_NAME,
        "organisation_descriptor": site_settings.organisation_descriptor,
        "area_served": site_settings.area_served,
        "phone": site_settings.phone,
        "email": site_settings.email,
        "address": site_settings.address,
        "privacy_url": _live_url(site_settings.privacy_notice_page, site),
        "contact_url": _live_url(site_settings.contact_page, site),
        "footer_links": [
            {"title": link.value["title"], "url": link.value.href(site)} for link in site_settings.footer_links
        ],
        "social_links": [
            {"title": link.value["title"], "url": link.value.href(site)} for link in site_settings.social_links
        ],
        "alert": AlertBanner.for_site(site),
    }


def _live_url(page, site):
    return url_from_site(page, site) if page is not None and page.live else ""
