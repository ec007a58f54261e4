"""The demo sites that `manage.py load_demo_content` builds from fixtures/demo/ (every app's demo.py, in
the order DEMO_CONTENT_LOADERS gives, once per partnership in fixtures/demo/partnerships.json): what it
makes, that it is safe to run again, that each partnership's site shows only its own content and what
the two share, and that the real demo pages are findable, plain and free of leftovers from the old site.

Building the demo takes about 20 seconds, so this module builds it once (the `demo_content` fixture)
and every test here runs in a savepoint inside that build. Tests of one app's own behaviour build the
little they need with factories, in tests/<app>/; a test that only needs one app's loader calls that
loader (see tests/news/test_news.py, tests/get_involved/test_get_involved.py, tests/search/test_search.py).
"""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from io import StringIO
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision, Site

from get_involved.models import ReferenceGroupPage
from news.models import NewsPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.core.demo import partnerships, read_fixture
from stp_site.core.models import AlertBanner, BasePage, SiteSettings
from stp_site.home.models import HomePage, KnownAccessibilityIssue, StandardPage, VisionPage
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from stp_site.plain_english import readability
from stp_site.redirects.importer import import_redirects
from tests import html as h
from tests.factories import publish

pytestmark = pytest.mark.usefixtures("demo")

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
STAFFORDSHIRE, SHROPSHIRE = (item.fixtures for item in partnerships())


def load_again():
    call_command("load_demo_content", stdout=StringIO())


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "urls": sorted(Page.objects.values_list("url_path", flat=True)),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
        "redirects": Redirect.objects.count(),
    }


def partnership_named(fixtures):
    partnership = next(item for item in partnerships() if item.fixtures == fixtures).with_site()
    assert partnership.site is not None
    return partnership


@pytest.fixture(params=[item.fixtures for item in partnerships()])
def partnership(request):
    """Each demo partnership in turn, with its site."""
    return partnership_named(request.param)


def get(client, url, **extra):
    """GET a full URL (or a path on the default site) as a browser would: the host from the URL."""
    parts = urlsplit(url)
    return client.get(
        parts.path + (f"?{parts.query}" if parts.query else ""), HTTP_HOST=parts.netloc or "testserver", **extra
    )


def on_site(client, partnership, path):
    return client.get(path, HTTP_HOST=partnership.site.hostname)


def site_pages(partnership, model=Page):
    return model.objects.filter(path__startswith=partnership.site.root_page.path)


# --- The command -----------------------------------------------------------------------------------


def test_demo_content_builds_both_sites_and_a_second_run_changes_nothing():
    first = snapshot()
    load_again()
    assert snapshot() == first

    sites = {site.hostname: site for site in Site.objects.select_related("root_page")}
    assert set(sites) == {"127.0.0.1", "localhost"}
    assert sites["127.0.0.1"].is_default_site and not sites["localhost"].is_default_site
    assert {site.root_page.specific_class for site in sites.values()} == {HomePage}
    assert HomePage.objects.count() == 2
    assert SiteSettings.for_site(sites["127.0.0.1"]).organisation_name == "Together We're Better"
    assert SiteSettings.for_site(sites["localhost"]).organisation_name == "Shropshire, Telford and Wrekin"
    assert AlertBanner.for_site(sites["127.0.0.1"]).is_showing()
    assert not AlertBanner.for_site(sites["localhost"]).is_showing()


def test_each_site_has_its_own_pages_at_the_same_addresses(client, partnership):
    vision = site_pages(partnership, VisionPage).live().get()
    assert vision.get_url(current_site=partnership.site) == "/our-vision/"
    slugs = set(site_pages(partnership, StandardPage).live().values_list("slug", flat=True))
    assert {"accessibility-statement", "privacy", "cookies", "contact-us"} <= slugs
    name = SiteSettings.for_site(partnership.site).organisation_name
    for path in ("/", "/our-vision/", "/accessibility-statement/", "/privacy/", "/cookies/", "/contact-us/"):
        response = on_site(client, partnership, path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert h.text(h.elements(html, "span", class_="nhsuk-header__organisation-name")[0]) == name
        assert "Pin It" not in html
        assert "protected from spambots" not in html
        assert " on ." not in html


def test_demo_content_keeps_staff_edits(partnership):
    vision = site_pages(partnership, VisionPage).get()
    vision.vision_statement = "Edited by the comms team"
    vision.save_revision().publish()
    load_again()
    assert site_pages(partnership, VisionPage).get().vision_statement == "Edited by the comms team"


# --- Findability: the sitemap and every page's description, canonical address and Open Graph -------


def sitemap_locations(client, partnership):
    response = on_site(client, partnership, "/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap; parses as XML
    entries = root.findall("sm:url", SITEMAP_NS)
    assert all(entry.find("sm:lastmod", SITEMAP_NS) is not None for entry in entries)
    return [entry.find("sm:loc", SITEMAP_NS).text for entry in entries]


def test_each_sitemap_lists_its_own_live_public_pages_with_lastmod_and_each_url_answers_200(client, partnership):
    home = partnership.home
    draft = StandardPage(title="Draft", slug="draft", live=False)
    home.add_child(instance=draft)
    private = publish(home, StandardPage(title="Private", slug="private"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    locations = sitemap_locations(client, partnership)
    # Its own pages, without the pages it shows from the other partnership (their original is listed there).
    expected = {page.full_url for page in site_pages(partnership).live().public().filter(alias_of__isnull=True)}
    assert set(locations) == expected
    assert all(urlsplit(url).hostname == partnership.site.hostname for url in locations)
    assert home.full_url + "glossary/" in locations
    assert not any("/draft/" in url or "/private/" in url for url in locations)
    for url in locations:
        assert get(client, url).status_code == 200, url


def test_every_page_has_description_canonical_and_open_graph(client):
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        document = h.document(get(client, page.full_url).content)
        canonical = (page.alias_of.specific if page.alias_of_id else page).full_url
        assert h.attribute(document, "link", "href", rel="canonical") == canonical, page.full_url
        assert h.meta(document, property="og:url") == page.full_url
        assert h.meta(document, property="og:title")
        assert len(h.meta(document, name="description")) >= 20, page.full_url


# --- Redirects from the old website -----------------------------------------------------------------


def test_demo_redirects_from_each_old_site_work_on_that_site_and_load_idempotently(client, partnership):
    csv_path = partnership.directory / "redirects.csv"
    rows = csv_path.read_text().strip().splitlines()[1:]
    assert Redirect.objects.filter(site=partnership.site, is_permanent=True).count() >= len(rows)
    for row in rows:
        old, new = row.split(",")
        response = on_site(client, partnership, old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(new), (old, response["Location"])
    # Run again: nothing new.
    before = Redirect.objects.count()
    assert import_redirects(csv_path, site=partnership.site) == 0
    load_again()
    assert Redirect.objects.count() == before


def test_an_old_address_redirects_only_on_its_own_site(client):
    staffordshire = partnership_named(STAFFORDSHIRE)
    shropshire = partnership_named(SHROPSHIRE)
    # Targets that exist are linked to the page, so the redirect follows the page if it moves.
    contact = Redirect.objects.get(old_path="/contact-us.html", site=staffordshire.site)
    assert contact.redirect_page.url_path == "/home/contact-us/"
    assert on_site(client, staffordshire, "/contact-us.html").status_code == 301
    assert on_site(client, shropshire, "/contact-us.html").status_code == 404
    old_news = Redirect.objects.get(old_path="/news-and-events", site=staffordshire.site)
    assert old_news.redirect_page.url_path == "/home/news/"  # the news page itself, once it exists


# --- The accessibility statement ------------------------------------------------------------------


def test_each_accessibility_statement_follows_the_model_and_lists_its_own_known_issues(client, partnership):
    html = on_site(client, partnership, "/accessibility-statement/").content.decode()
    for heading in [
        "How accessible this website is",
        "What to do if you need this content in another format",
        "Reporting problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert heading in html, heading
    assert "WCAG" in html and "2.2" in html and "axe-core" in html
    text = html.replace("&#x27;", "'")
    own = set(
        KnownAccessibilityIssue.objects.filter(fixed=False, site=partnership.site).values_list(
            "description", flat=True
        )
    )
    others = set(KnownAccessibilityIssue.objects.exclude(site=partnership.site).values_list("description", flat=True))
    assert own and others - own
    assert all(description in text for description in own)
    assert not any(description in text for description in others - own)
    issue = KnownAccessibilityIssue.objects.filter(site=partnership.site).first()
    issue.fixed = True
    issue.save()
    assert issue.description not in on_site(client, partnership, "/accessibility-statement/").content.decode()


# --- Plain English ----------------------------------------------------------------------------------


def test_every_demo_page_has_a_reading_age_of_11_or_below():
    pages = [page for page in Page.objects.live().public().specific() if isinstance(page, BasePage)]
    assert len(pages) >= 100
    too_hard = {}
    for page in pages:
        report = readability.check_page(page)
        if report.reading_age is not None and report.reading_age > 11:
            too_hard[page.url_path] = report.reading_age
    assert too_hard == {}


# --- Partners ----------------------------------------------------------------------------------------


def test_demo_content_creates_every_partner_once_and_links_programmes(client, partnership):
    fixture = partnership.fixture("partners.json")["partners"]
    shared = (
        read_fixture("shared.json")["partners"] if partnership.fixtures in read_fixture("shared.json")["to"] else []
    )
    index = site_pages(partnership, PartnerIndexPage).get()
    assert sorted(PartnerPage.objects.child_of(index).live().values_list("slug", flat=True)) == sorted(
        [partner["slug"] for partner in fixture] + shared
    )

    hrefs = h.hrefs(on_site(client, partnership, "/partners/").content)
    for slug in [partner["slug"] for partner in fixture] + shared:
        assert f"/partners/{slug}/" in hrefs

    # Every programme that names a partner shows on that partner's page, from the programme data alone.
    programmes = partnership.fixture("programmes.json")["programmes"]
    for partner in fixture:
        named_by = [p["title"] for p in programmes if partner["slug"] in p["partners"]]
        partner_html = on_site(client, partnership, f"/partners/{partner['slug']}/").content.decode()
        link_texts = [text for _, text in h.links(partner_html)]
        for title in named_by:
            assert title in link_texts, (partner["slug"], title)
        for leftover in ["Pin It", "protected from spambots"]:
            assert leftover not in partner_html

    pages_before = Page.objects.count()
    load_again()
    assert Page.objects.count() == pages_before


def test_the_demo_partners_of_staffordshire():
    assert len(read_fixture(f"{STAFFORDSHIRE}/partners.json")["partners"]) == 14
    stockport = PartnerPage.objects.get(slug="stockport-nhs-foundation-trust")
    assert len(stockport.strategic_objectives) == 6
    assert stockport.phone == "0161 483 1010"


# --- Programmes -------------------------------------------------------------------------------------


def test_demo_content_creates_every_programme_once(partnership):
    fixture = partnership.fixture("programmes.json")
    slugs = [programme["slug"] for programme in sorted(fixture["programmes"], key=lambda p: p.get("order", 0))]
    index = site_pages(partnership, ProgrammeIndexPage).get()
    assert [page.slug for page in ProgrammePage.objects.child_of(index).live().order_by("path")] == slugs

    for programme in fixture["programmes"]:
        page = site_pages(partnership, ProgrammePage).get(slug=programme["slug"])
        assert {partner.slug for partner in page.partners.all()} == set(programme["partners"]), programme["slug"]
        assert page.lead_email == (programme.get("lead") or {}).get("email", "")
        assert len(page.aims) == len(programme.get("aims", []))
        assert len(page.resources) + len(page.archive) == len(programme.get("resources", []))

    before = snapshot()
    load_again()
    assert snapshot() == before


def test_the_demo_programmes_of_staffordshire():
    assert len(read_fixture(f"{STAFFORDSHIRE}/programmes.json")["programmes"]) == 15
    maternity = ProgrammePage.objects.get(slug="maternity-and-children")
    targets = [target for aim in maternity.aims for target in aim.value["targets"]]
    assert len(targets) == 5 and targets[0]["target_value"] == Decimal("20")
    assert len(maternity.resources) == 2 and len(maternity.archive) == 1
    assert maternity.lead_email == "maternity@twbstaffsandstoke.org.uk"
    enhanced = ProgrammePage.objects.get(slug="enhanced-primary-and-community-care")
    assert enhanced.case_studies[0].value["title"] == "Introducing Bill and his Integrated Care Team"


def test_demo_programme_pages_have_no_leftovers(client):
    for page in ProgrammePage.objects.live():
        response = get(client, page.full_url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        for leftover in ["Pin It", "protected from spambots", "{loadposition", "Joomla", "<h2>Maternity</h2>"]:
            assert leftover not in html, (page.url, leftover)
        # Every document link shows type, size and a date; no empty dates.
        document_links = h.elements(html, "p", class_="document-link")
        for link in document_links:
            meta = h.text(h.elements(link, "span")[-1])
            assert re.fullmatch(r"\([A-Z]+, [\d.]+\xa0(bytes|KB|MB), \d{1,2} \w+ \d{4}\)", meta), meta
        assert len(document_links) == len(page.resources) + len(page.archive)
        # Email addresses are plain mailto links.
        text_emails = re.findall(r">[^<]*?([\w.+-]+@[\w-]+\.[\w.-]+)[^<]*<", html)
        linked = [href.removeprefix("mailto:") for href in h.hrefs(html) if href and href.startswith("mailto:")]
        assert set(text_emails) <= set(linked), (page.url, text_emails)


# --- Get involved -----------------------------------------------------------------------------------


def test_demo_loader_runs_from_command(partnership):
    """The get involved loader is one of the command's loaders (its own test: tests/get_involved/)."""
    groups = partnership.fixture("get_involved.json")["groups"]
    assert site_pages(partnership, ReferenceGroupPage).live().count() == len(groups) >= 2


# --- Each site its own; what the two share ------------------------------------------------------------


def test_each_site_shows_only_its_own_programmes_news_and_search_results(client):
    staffordshire, shropshire = partnership_named(STAFFORDSHIRE), partnership_named(SHROPSHIRE)
    for this, other in ((staffordshire, shropshire), (shropshire, staffordshire)):
        theirs = {page.title for page in site_pages(other, ProgrammePage)}
        ours = {page.title for page in site_pages(this, ProgrammePage)}
        for path in ("/", "/our-work/", "/our-vision/"):
            text = h.text(h.document(on_site(client, this, path).content))
            assert not [title for title in theirs - ours if title in text], (this.fixtures, path)
    # Search finds a partner's page on its own partnership's site only.
    for this, other, name, slug in (
        (staffordshire, shropshire, "Stockport", "stockport-nhs-foundation-trust"),
        (shropshire, staffordshire, "Shrewsbury", "shrewsbury-and-telford-hospital"),
    ):
        found = h.hrefs(on_site(client, this, f"/search/?q={name}").content)
        elsewhere = h.hrefs(on_site(client, other, f"/search/?q={name}").content)
        assert f"/partners/{slug}/" in found
        assert f"/partners/{slug}/" not in elsewhere, (other.fixtures, name)


def test_a_shared_partner_and_joint_news_are_written_once_and_shown_on_both_sites(client):
    staffordshire, shropshire = partnership_named(STAFFORDSHIRE), partnership_named(SHROPSHIRE)
    shared = read_fixture("shared.json")
    for section, slug in [("partners", shared["partners"][0]), ("news", shared["news"][0])]:
        original = site_pages(staffordshire).get(url_path__endswith=f"/{section}/{slug}/")
        copy = site_pages(shropshire).get(url_path__endswith=f"/{section}/{slug}/")
        assert copy.alias_of_id == original.pk
        for partnership in (staffordshire, shropshire):
            response = on_site(client, partnership, f"/{section}/{slug}/")
            assert response.status_code == 200
            document = h.document(response.content)
            assert h.attribute(document, "link", "href", rel="canonical") == original.full_url
        assert f"/{section}/{slug}/" in h.hrefs(on_site(client, shropshire, f"/{section}/").content)

    # Kept in step: publishing the original changes what both sites show.
    joint = NewsPage.objects.get(pk=site_pages(staffordshire).get(url_path__endswith=f"/news/{shared['news'][0]}/").pk)
    joint.title = "Our two partnerships agree to join"
    joint.save_revision().publish()
    for partnership in (staffordshire, shropshire):
        html = on_site(client, partnership, f"/news/{shared['news'][0]}/").content.decode()
        assert "Our two partnerships agree to join" in html
        assert "Our two partnerships agree to join" in on_site(client, partnership, "/news/").content.decode()
