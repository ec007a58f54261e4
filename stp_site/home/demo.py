"""Demo content for each partnership's own pages, from its fixtures: its site and home page, the
vision, standard pages, the site settings and alert banner, and the known accessibility issues. Runs
first, so the other loaders find the partnership's site."""

from django.conf import settings

from wagtail.models import Page, Site

from stp_site.core.demo import REVIEW_DUE, REVIEWED, common_fields, ensure_child, stream
from stp_site.core.models import AlertBanner, SiteSettings

from .models import HomePage, KnownAccessibilityIssue, StandardPage, VisionPage


def load(stdout, partnership):
    """The partnership's site and home page, its vision and standard pages, its site settings and its
    known accessibility issues."""
    home = ensure_home(stdout, partnership)
    site = partnership.site

    site_data = partnership.fixture("site.json")
    site_settings = SiteSettings.for_site(site)
    if not site_settings.phone and not site_settings.email:
        site_settings.organisation_name = site_data["organisation_name"]
        site_settings.organisation_descriptor = site_data.get("organisation_descriptor", "")
        site_settings.area_served = site_data.get("area_served", "")
        site_settings.phone = site_data.get("phone", "")
        site_settings.email = site_data.get("email", "")
        site_settings.address = site_data.get("address", "")
        site_settings.footer_links = [
            ("link", {"title": link["title"], "url": link["url"], "page": None}) for link in site_data["footer_links"]
        ]
        site_settings.social_links = [
            ("link", {"title": link["title"], "url": link["url"], "page": None})
            for link in site_data.get("social_links", [])
        ]
        site_settings.save()
    alert = AlertBanner.for_site(site)
    if not alert.title and site_data.get("alert_banner"):
        banner = site_data["alert_banner"]
        alert.title = banner["title"]
        alert.body = banner["body"]
        alert.starts_at = f"{banner['start']}T00:00:00Z" if banner.get("start") else None
        alert.ends_at = f"{banner['end']}T00:00:00Z" if banner.get("end") else None
        alert.save()

    vision = partnership.fixture("vision.json")
    ensure_child(
        home,
        VisionPage,
        vision["slug"],
        vision_statement=vision["vision_statement"],
        body=stream(vision["body"], site),
        show_in_menus=True,
        **common_fields(vision),
    )
    for data in partnership.fixture("standard_pages.json"):
        ensure_child(home, StandardPage, data["slug"], body=stream(data["body"], site), **common_fields(data))

    key_pages = {"privacy_notice_page": site_data.get("privacy_notice"), "contact_page": site_data.get("contact")}
    changed = False
    for field, path in key_pages.items():
        if path and getattr(site_settings, f"{field}_id") is None:
            setattr(site_settings, field, partnership.page(path))
            changed = True
    if changed:
        site_settings.save()

    if not KnownAccessibilityIssue.objects.filter(site=site).exists():
        for order, item in enumerate(partnership.fixture("accessibility_issues.json") or []):
            KnownAccessibilityIssue.objects.create(site=site, sort_order=order, **item)


def ensure_home(stdout, partnership):
    """The partnership's home page, straight under the tree's root, and the Wagtail Site that serves it
    at its host name (the default site answers any host no other site claims)."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=partnership.home_slug).first()
    if home is None:
        data = partnership.fixture("home.json")
        default_site = Site.objects.filter(is_default_site=True).first() if partnership.default else None
        # Wagtail's migration makes a placeholder page (and a site for it) at the slug we need; replace it.
        for placeholder in root.get_children().filter(slug=partnership.home_slug):
            placeholder.delete()
        home = HomePage(
            slug=partnership.home_slug,
            hero_heading=data["hero_heading"],
            hero_text=data.get("hero_text", ""),
            vision_in_brief=data.get("vision_in_brief", ""),
            seo_title=data.get("seo_title", ""),
            last_reviewed=REVIEWED,
            next_review_due=REVIEW_DUE,
            **common_fields(data),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if default_site is not None:
            default_site.root_page = home
            default_site.save()  # saved again if deleting the placeholder page took it with it
        stdout.write(f"Created the home page of {partnership.site_name}.")
    partnership.site = ensure_site(partnership, home)
    return home


def ensure_site(partnership, home):
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site(root_page=home)
    if site.is_default_site and site.hostname == "localhost" and partnership.hostname != "localhost":
        site.hostname = ""  # an older demo served this partnership at localhost: that is the other's now
    if not site.hostname:
        site.hostname, site.port = partnership.hostname, settings.DEMO_SITE_PORT
    # The admin calls each site by its name (it showed "localhost" without one).
    site.site_name = site.site_name or partnership.site_name
    site.is_default_site = site.is_default_site or partnership.default
    site.save()
    return site
