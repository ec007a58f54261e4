"""Machine-readable parts (sitemap, robots.txt, meta, JSON-LD), redirects, the review report and the glossary."""

import datetime
import io
import json
import re
import tempfile
import xml.etree.ElementTree as ET

import pytest

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction

from stp_site.core.demo import FIXTURES
from stp_site.glossary.models import GlossaryPage, GlossaryTerm
from stp_site.home.models import KnownAccessibilityIssue, StandardPage, VisionPage
from stp_site.redirects.importer import import_redirects
from tests.conftest import publish

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def demo(db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


# --- sitemap, robots.txt, meta ---


def test_sitemap_lists_every_live_public_page_with_lastmod_and_each_url_answers_200(client, demo):
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


def test_robots_txt_disallows_admin_and_links_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_every_page_has_description_canonical_and_open_graph(client, demo):
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        html = client.get(page.url).content.decode()
        assert f'<link rel="canonical" href="{page.full_url}">' in html, page.url
        assert f'<meta property="og:url" content="{page.full_url}">' in html
        assert '<meta property="og:title" content="' in html
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), page.url


def test_home_page_has_government_organization_json_ld(client, demo):
    response = client.get("/")
    html = response.content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Together We're Better"
    assert data["url"] == "http://testserver/"
    assert data["telephone"]
    # The policy still allows no inline script: the JSON-LD block is data, never run.
    assert "script-src 'self';" in response["Content-Security-Policy"]


def test_json_ld_cannot_break_out_of_its_script_element(client, home):
    from stp_site.core.models import SiteSettings

    settings = SiteSettings.load()
    settings.organisation_name = "Us </script><script>alert(1)</script>"
    settings.save()
    html = client.get("/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["name"] == "Us </script><script>alert(1)</script>"


# --- redirects ---


def test_renamed_page_old_url_redirects_301(client, home, django_capture_on_commit_callbacks):
    page = publish(home, StandardPage(title="Help", slug="help", listing_summary="Help."))
    assert client.get("/help/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes the redirect once the rename commits
        page.slug = "get-help"
        page.save_revision().publish()
    response = client.get("/help/")
    assert response.status_code == 301
    assert response["Location"].endswith("/get-help/")
    assert client.get("/get-help/").status_code == 200


def test_moved_page_old_url_redirects_301(client, home):
    parent = publish(home, StandardPage(title="About", slug="about"))
    page = publish(home, StandardPage(title="Team", slug="team"))
    page.move(parent, pos="last-child", user=None)
    response = client.get("/team/")
    assert response.status_code == 301
    assert response["Location"].endswith("/about/team/")


def test_demo_redirects_from_the_old_site_work_and_load_idempotently(client, demo):
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
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Redirect.objects.count() == before
    # Targets that exist are linked to the page, so the redirect follows the page if it moves.
    assert Redirect.objects.get(old_path="/contact-us.html").redirect_page.url_path == "/home/contact-us/"
    old_news = Redirect.objects.get(old_path="/news-and-events")
    assert old_news.link == "/news/"  # the news page itself once it exists, else the path


def test_staff_can_import_old_site_redirects_in_the_admin(admin_client, home):
    """Wagtail's redirect import (Settings > Redirects > Import) with the demo's from,to CSV format.
    The admin import wants absolute URLs in the 'to' column; see docs/findability.md."""
    publish(home, StandardPage(title="Privacy notice", slug="privacy"))
    csv = (
        b"from,to\n/privacy-policy,https://www.twbstaffsandstoke.org.uk/privacy/\n"
        b"/news-and-events/1-old-story,https://www.twbstaffsandstoke.org.uk/news/\n"
    )
    response = admin_client.post(
        "/admin/redirects/import/", {"import_file": SimpleUploadedFile("old-site.csv", csv, "text/csv")}
    )
    assert response.status_code == 200
    form = response.context["form"]
    response = admin_client.post(
        "/admin/redirects/import/process/",
        {
            "import_file_name": form.initial["import_file_name"],
            "input_format": form.initial["input_format"],
            "from_index": 0,
            "to_index": 1,
            "permanent": "on",
            "site": "",
        },
    )
    assert response.status_code == 302, response.context.get("import_summary")
    assert Redirect.objects.filter(old_path="/privacy-policy", is_permanent=True).exists()
    response = admin_client.get("/privacy-policy")
    assert response.status_code == 301
    assert response["Location"] == "https://www.twbstaffsandstoke.org.uk/privacy/"


def test_admin_import_rejects_relative_targets_so_paths_use_the_command(admin_client, home):
    """Wagtail's admin import checks the 'to' column as a full URL, so the demo CSV's paths
    (/privacy/) are refused there; `manage.py import_old_site_redirects` takes paths."""
    csv = b"from,to\n/privacy-policy,/privacy/\n"
    response = admin_client.post(
        "/admin/redirects/import/", {"import_file": SimpleUploadedFile("old-site.csv", csv, "text/csv")}
    )
    form = response.context["form"]
    response = admin_client.post(
        "/admin/redirects/import/process/",
        {
            "import_file_name": form.initial["import_file_name"],
            "input_format": form.initial["input_format"],
            "from_index": 0,
            "to_index": 1,
            "permanent": "on",
            "site": "",
        },
    )
    assert response.context["import_summary"]["errors"] == [["/privacy-policy", "/privacy/", "Enter a valid URL."]]

    publish(home, StandardPage(title="Privacy notice", slug="privacy"))

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
        handle.write("from,to\n/privacy-policy,/privacy/\n/old-news,/news/\n")
    out = io.StringIO()
    call_command("import_old_site_redirects", handle.name, stdout=out)
    assert "Added 2 redirects" in out.getvalue()
    assert Redirect.objects.get(old_path="/privacy-policy").redirect_page.title == "Privacy notice"
    response = admin_client.get("/old-news")
    assert response.status_code == 301 and response["Location"] == "/news/"


# --- review report ---


def test_review_report_lists_overdue_and_soon_due_pages_with_owner(admin_client, home):
    today = timezone.localdate()
    overdue = publish(
        home,
        StandardPage(
            title="Old opening times",
            slug="old",
            next_review_due=today - datetime.timedelta(days=10),
            last_reviewed=today - datetime.timedelta(days=375),
            owner=admin_client.user,
        ),
    )
    publish(
        home, StandardPage(title="Due soon page", slug="soon", next_review_due=today + datetime.timedelta(days=20))
    )
    publish(home, StandardPage(title="Fresh page", slug="fresh", next_review_due=today + datetime.timedelta(days=200)))
    publish(home, VisionPage(title="Vision due", slug="vision", vision_statement="X", next_review_due=today))

    response = admin_client.get("/admin/reports/review-due/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pages due for review" in html
    assert "Old opening times" in html and "Overdue by 10 days" in html
    assert "editor" in html  # the owner
    assert "Due soon page" in html and "Due in 20 days" in html
    assert "Vision due" in html and "Due today" in html
    assert "Fresh page" not in html
    assert html.index("Old opening times") < html.index("Vision due") < html.index("Due soon page")
    assert f"/admin/pages/{overdue.pk}/edit/" in html
    # The report is in the admin's Reports menu.
    assert "/admin/reports/review-due/" in admin_client.get("/admin/").content.decode()


def test_review_report_is_staff_only(client, home):
    response = client.get("/admin/reports/review-due/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- glossary and known accessibility issues ---


@pytest.fixture
def glossary_page(home):
    return publish(home, GlossaryPage(title="Glossary", slug="glossary"))


def test_glossary_lists_terms_and_first_use_on_a_page_is_linked(
    client, home, glossary_page, django_assert_max_num_queries
):
    GlossaryTerm.objects.create(term="ICB", meaning="The NHS body that plans and pays for care. It is short.")
    GlossaryTerm.objects.create(term="Elective care", meaning="Planned care.")
    publish(
        home,
        StandardPage(
            title="Plans",
            slug="plans",
            body=[
                {"type": "rich_text", "value": "<h2>The ICB</h2><p>The ICB plans care. Ask the ICB.</p>"},
                {
                    "type": "rich_text",
                    "value": "<p>The ICB pays for <a href='/x/'>elective care</a>. Elective care is planned.</p>",
                },
            ],
        ),
    )
    html = client.get("/plans/").content.decode()
    links = re.findall(r'<a class="glossary-link" href="([^"]+)" title="([^"]+)">([^<]+)</a>', html)
    assert links == [
        ("/glossary/#term-icb", "The NHS body that plans and pays for care.", "ICB"),
        ("/glossary/#term-elective-care", "Planned care.", "Elective care"),
    ]
    assert "<h2>The ICB</h2>" in html  # not inside a heading

    glossary = client.get("/glossary/")
    page = glossary.content.decode()
    assert glossary.status_code == 200
    assert '<div class="glossary__item" id="term-icb" tabindex="-1">' in page
    assert "Planned care." in page
    # The terms are cached: a page with rich text costs no extra query for the glossary.
    client.get("/plans/")
    with django_assert_max_num_queries(12):
        client.get("/plans/")


def test_glossary_cache_is_dropped_when_a_term_changes(client, home, glossary_page):
    publish(
        home,
        StandardPage(title="Plans", slug="plans", body=[{"type": "rich_text", "value": "<p>The LMNS helps.</p>"}]),
    )
    assert "glossary-link" not in client.get("/plans/").content.decode()
    GlossaryTerm.objects.create(term="LMNS", meaning="A maternity group.")
    assert 'href="/glossary/#term-lmns"' in client.get("/plans/").content.decode()


def test_accessibility_statement_follows_the_model_and_lists_known_issues(client, demo):
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
