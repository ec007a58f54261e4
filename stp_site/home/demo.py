"""Demo content for the partnership's own pages, from fixtures/demo/: home, vision, standard pages,
the site settings and alert banner, and the known accessibility issues. Runs first."""

from django.conf import settings

from wagtail.models import Page, Site

from stp_site.core.demo import REVIEW_DUE, REVIEWED, common_fields, ensure_child, page_by_path, read_fixture, stream
from stp_site.core.models import AlertBanner, SiteSettings

from .models import HomePage, KnownAccessibilityIssue, StandardPage, VisionPage


def load(stdout):
    """The partnership's own pages (home, vision, standard pages), the site settings and the known
    accessibility issues."""
    home = ensure_home(stdout)

    site_data = read_fixture("site.json")
    site_settings = SiteSettings.load()
    if not site_settings.phone and not site_settings.email:
        site_settings.organisation_name = site_data["organisation_name"]
        site_settings.organisation_descriptor = site_data.get("organisation_descriptor", "")
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
    alert = AlertBanner.load()
    if not alert.title and site_data.get("alert_banner"):
        banner = site_data["alert_banner"]
        alert.title = banner["title"]
        alert.body = banner["body"]
        alert.starts_at = f"{banner['start']}T00:00:00Z" if banner.get("start") else None
        alert.ends_at = f"{banner['end']}T00:00:00Z" if banner.get("end") else None
        alert.save()

    vision = read_fixture("vision.json")
    ensure_child(
        home,
        VisionPage,
        vision["slug"],
        vision_statement=vision["vision_statement"],
        body=stream(vision["body"]),
        show_in_menus=True,
        **common_fields(vision),
    )
    for data in read_fixture("standard_pages.json"):
        ensure_child(home, StandardPage, data["slug"], body=stream(data["body"]), **common_fields(data))

    key_pages = {"privacy_notice_page": site_data.get("privacy_notice"), "contact_page": site_data.get("contact")}
    changed = False
    for field, path in key_pages.items():
        if path and getattr(site_settings, f"{field}_id") is None:
            setattr(site_settings, field, page_by_path(path))
            changed = True
    if changed:
        site_settings.save()

    if not KnownAccessibilityIssue.objects.exists():
        for order, item in enumerate(read_fixture("accessibility_issues.json")):
            KnownAccessibilityIssue.objects.create(sort_order=order, **item)


def ensure_home(stdout):
    """Put the demo HomePage at the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    data = read_fixture("home.json")
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's migration creates a placeholder page at the slug we need; remove it.
    for placeholder in root.get_children().filter(slug="home"):
        placeholder.delete()
    home = HomePage(
        slug="home",
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
    if site is None:
        # The admin calls itself by the site's name (it showed "localhost" without one).
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=settings.WAGTAIL_SITE_NAME
        )
    else:
        site.root_page = home
        site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
        site.save()
    stdout.write("Created the home page.")
    return home
