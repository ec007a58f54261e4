"""The demo site that `manage.py load_demo_content` builds from fixtures/demo/ (every app's demo.py, in
the order DEMO_CONTENT_LOADERS gives): what it makes, that it is safe to run again, and that the real
demo pages are findable, plain and free of leftovers from the old site.

Building the demo takes about 15 seconds, so this module builds it once (the `demo_content` fixture)
and every test here runs in a savepoint inside that build. Tests of one app's own behaviour build the
little they need with factories, in tests/<app>/; a test that only needs one app's loader calls that
loader (see tests/news/test_news.py, tests/get_involved/test_get_involved.py, tests/search/test_search.py).
"""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command

from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, Revision, Site

from get_involved.models import ReferenceGroupPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.core.demo import FIXTURES, read_fixture
from stp_site.core.models import AlertBanner, BasePage, SiteSettings
from stp_site.home.models import HomePage, KnownAccessibilityIssue, StandardPage, VisionPage
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from stp_site.plain_english import readability
from stp_site.redirects.importer import import_redirects
from tests import html as h
from tests.factories import publish

pytestmark = pytest.mark.usefixtures("demo")

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


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


# --- The command -----------------------------------------------------------------------------------


def test_demo_content_builds_the_site_and_a_second_run_changes_nothing(client):
    first = snapshot()
    load_again()
    assert snapshot() == first

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert VisionPage.objects.live().get().url == "/our-vision/"
    slugs = set(StandardPage.objects.live().values_list("slug", flat=True))
    assert {"accessibility-statement", "privacy", "cookies", "contact-us"} <= slugs
    assert SiteSettings.load().organisation_name == "Together We're Better"
    assert AlertBanner.load().is_showing()

    for path in ("/", "/our-vision/", "/accessibility-statement/", "/privacy/", "/cookies/", "/contact-us/"):
        html = client.get(path).content.decode()
        assert "Pin It" not in html
        assert "protected from spambots" not in html
        assert " on ." not in html


def test_demo_content_keeps_staff_edits():
    vision = VisionPage.objects.get()
    vision.vision_statement = "Edited by the comms team"
    vision.save_revision().publish()
    load_again()
    assert VisionPage.objects.get().vision_statement == "Edited by the comms team"


# --- Findability: the sitemap and every page's description, canonical address and Open Graph -------


def test_sitemap_lists_every_live_public_page_with_lastmod_and_each_url_answers_200(client):
    home = Page.objects.get(url_path="/home/")
    draft = StandardPage(title="Draft", slug="draft", live=False)
    home.add_child(instance=draft)
    private = publish(home, StandardPage(title="Private", slug="private"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap; parses as XML
    entries = root.findall("sm:url", SITEMAP_NS)
    locations = [entry.find("sm:loc", SITEMAP_NS).text for entry in entries]
    assert all(entry.find("sm:lastmod", SITEMAP_NS) is not None for entry in entries)

    expected = {page.full_url for page in Page.objects.live().public().filter(depth__gt=1)}
    assert set(locations) == expected
    assert Page.objects.get(url_path="/home/").full_url + "glossary/" in locations
    assert not any("/draft/" in url or "/private/" in url for url in locations)
    for url in locations:
        path = re.sub(r"^https?://[^/]+", "", url)
        assert client.get(path).status_code == 200, path


def test_every_page_has_description_canonical_and_open_graph(client):
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        document = h.document(client.get(page.url).content)
        assert h.attribute(document, "link", "href", rel="canonical") == page.full_url, page.url
        assert h.meta(document, property="og:url") == page.full_url
        assert h.meta(document, property="og:title")
        assert len(h.meta(document, name="description")) >= 20, page.url


# --- Redirects from the old website -----------------------------------------------------------------


def test_demo_redirects_from_the_old_site_work_and_load_idempotently(client):
    rows = (FIXTURES / "redirects.csv").read_text().strip().splitlines()[1:]
    assert Redirect.objects.filter(is_permanent=True).count() >= len(rows)
    for row in rows:
        old, new = row.split(",")
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(new), (old, response["Location"])
    # Run again: nothing new.
    before = Redirect.objects.count()
    assert import_redirects(FIXTURES / "redirects.csv") == 0
    load_again()
    assert Redirect.objects.count() == before
    # Targets that exist are linked to the page, so the redirect follows the page if it moves.
    assert Redirect.objects.get(old_path="/contact-us.html").redirect_page.url_path == "/home/contact-us/"
    old_news = Redirect.objects.get(old_path="/news-and-events")
    assert old_news.link == "/news/"  # the news page itself once it exists, else the path


# --- The accessibility statement ------------------------------------------------------------------


def test_accessibility_statement_follows_the_model_and_lists_known_issues(client):
    html = client.get("/accessibility-statement/").content.decode()
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
    for issue in KnownAccessibilityIssue.objects.filter(fixed=False):
        assert issue.description in html.replace("&#x27;", "'")
    issue = KnownAccessibilityIssue.objects.first()
    issue.fixed = True
    issue.save()
    assert issue.description not in client.get("/accessibility-statement/").content.decode()


# --- Plain English ----------------------------------------------------------------------------------


def test_every_demo_page_has_a_reading_age_of_11_or_below():
    pages = [page for page in Page.objects.live().public().specific() if isinstance(page, BasePage)]
    assert len(pages) >= 6
    too_hard = {}
    for page in pages:
        report = readability.check_page(page)
        if report.reading_age is not None and report.reading_age > 11:
            too_hard[page.url_path] = report.reading_age
    assert too_hard == {}


# --- Partners ----------------------------------------------------------------------------------------


def test_demo_content_creates_every_partner_once_and_links_programmes(client):
    fixture = read_fixture("partners.json")["partners"]
    assert len(fixture) == 14
    index = PartnerIndexPage.objects.get()
    assert sorted(PartnerPage.objects.child_of(index).live().values_list("slug", flat=True)) == sorted(
        partner["slug"] for partner in fixture
    )
    stockport = PartnerPage.objects.get(slug="stockport-nhs-foundation-trust")
    assert len(stockport.strategic_objectives) == 6
    assert stockport.phone == "0161 483 1010"

    hrefs = h.hrefs(client.get("/partners/").content)
    for partner in fixture:
        assert f"/partners/{partner['slug']}/" in hrefs

    # Every programme that names a partner shows on that partner's page, from the programme data alone.
    programmes = read_fixture("programmes.json")["programmes"]
    for partner in fixture:
        named_by = [p["title"] for p in programmes if partner["slug"] in p["partners"]]
        partner_html = client.get(f"/partners/{partner['slug']}/").content.decode()
        link_texts = [text for _, text in h.links(partner_html)]
        for title in named_by:
            assert title in link_texts, (partner["slug"], title)
        for leftover in ["Pin It", "protected from spambots"]:
            assert leftover not in partner_html

    pages_before = Page.objects.count()
    load_again()
    assert Page.objects.count() == pages_before


# --- Programmes -------------------------------------------------------------------------------------


def test_demo_content_creates_every_programme_once():
    fixture = read_fixture("programmes.json")
    slugs = [programme["slug"] for programme in sorted(fixture["programmes"], key=lambda p: p["order"])]
    assert len(slugs) == 15
    index = ProgrammeIndexPage.objects.get()
    assert [page.slug for page in ProgrammePage.objects.child_of(index).live().order_by("path")] == slugs
    assert HomePage.objects.count() == 1

    for programme in fixture["programmes"]:
        page = ProgrammePage.objects.get(slug=programme["slug"])
        assert {partner.slug for partner in page.partners.all()} == set(programme["partners"]), programme["slug"]
        assert page.lead_email == programme["lead"]["email"]
        assert len(page.aims) == len(programme["aims"])
        assert len(page.resources) + len(page.archive) == len(programme["resources"])
    maternity = ProgrammePage.objects.get(slug="maternity-and-children")
    targets = [target for aim in maternity.aims for target in aim.value["targets"]]
    assert len(targets) == 5 and targets[0]["target_value"] == Decimal("20")
    assert len(maternity.resources) == 2 and len(maternity.archive) == 1
    assert maternity.lead_email == "maternity@twbstaffsandstoke.org.uk"
    enhanced = ProgrammePage.objects.get(slug="enhanced-primary-and-community-care")
    assert enhanced.case_studies[0].value["title"] == "Introducing Bill and his Integrated Care Team"

    before = snapshot()
    load_again()
    assert snapshot() == before


def test_demo_programme_pages_have_no_leftovers(client):
    for page in ProgrammePage.objects.live():
        response = client.get(page.url)
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


def test_demo_loader_runs_from_command():
    """The get involved loader is one of the command's loaders (its own test: tests/get_involved/)."""
    assert ReferenceGroupPage.objects.live().count() == 6
