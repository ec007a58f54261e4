"""Programme and partner pages in Chromium, built from the demo content plus one programme with every
section: axe-core reports no WCAG 2.2 A/AA violations at 320px and 1280px, with JavaScript on (and off for
the full programme page), and nothing is fetched from a third party, not even for the video."""

from datetime import date

import pytest

from django.core.management import call_command

from get_involved.models import ReferenceGroupIndexPage, ReferenceGroupPage
from news.models import NewsIndexPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.partners.models import PartnerPage
from tests.browser.conftest import WIDTHS
from tests.conftest import publish
from tests.factories import make_document
from tests.news_helpers import make_news

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FULL = "/our-work/every-section/"


@pytest.fixture
def demo_site(home):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    index = ProgrammeIndexPage.objects.get()
    transcript = make_document("Meet the team: video transcript", size=3000)
    page = ProgrammePage(
        title="Every section",
        slug="every-section",
        listing_summary="A programme page with every section filled in.",
        summary="<p>What the programme is.</p>",
        introduction="<p>Why it matters.</p>",
        video_url="https://www.youtube.com/watch?v=abc123",
        video_title="Meet the team",
        video_transcript=transcript,
        priorities="<h3>Projects</h3><ul><li>One</li><li>Two</li></ul>",
        aims=ProgrammePage.objects.get(slug="maternity-and-children").aims.raw_data,
        case_studies=ProgrammePage.objects.get(slug="enhanced-primary-and-community-care").case_studies.raw_data,
        resources=ProgrammePage.objects.get(slug="maternity-and-children").resources.raw_data,
        archive=ProgrammePage.objects.get(slug="maternity-and-children").archive.raw_data,
        lead_name="Maternity team",
        lead_role="Programme lead",
        lead_email="maternity@example.org",
        lead_phone="01234 567890",
        last_reviewed=date(2026, 11, 1),
    )
    page.partners = list(PartnerPage.objects.all()[:4])
    page = publish(index, page)
    news_index = NewsIndexPage.objects.get()
    for number, (title, day) in enumerate(
        [
            ("New birth centre opens", date(2026, 10, 3)),
            ("Birth partners can stay overnight", date(2026, 9, 1)),
            ("Pregnancy notes go online", date(2026, 8, 12)),
        ]
    ):
        make_news(news_index, title, day, programmes=[page], slug=f"every-section-news-{number}")
    publish(
        ReferenceGroupIndexPage.objects.get(),
        ReferenceGroupPage(
            title="Every section patient reference group",
            slug="every-section",
            what_it_does="<p>Helps to shape this programme.</p>",
            programme=page,
        ),
    )


@pytest.mark.parametrize(
    "path",
    ["/our-work/", "/partners/", FULL, "/our-work/maternity-and-children/", "/partners/healthwatch-staffordshire/"],
)
def test_pages_have_no_wcag_violations(live_server, demo_site, open_page, assert_accessible, path):
    for width in WIDTHS:
        page = open_page(live_server.url + path, width=width)
        assert page.locator("main#maincontent h1").count() == 1
        # Nothing (not even a long email address) makes the page scroll sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_full_programme_page_without_javascript(live_server, demo_site, open_page, assert_accessible, width):
    page = open_page(live_server.url + FULL, width=width, javascript=False)
    assert page.evaluate("document.body.classList.contains('js-enabled')") is False
    for heading in ["Aims and outcomes", "Documents", "Who is involved", "Have your say", "Latest news"]:
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    # The "On this page" links move to their sections with no script.
    page.get_by_role("link", name="Contact the programme team").click()
    assert page.url.endswith("#contact")
    assert_accessible(page)


def test_full_programme_page_fetches_nothing_from_a_third_party(live_server, demo_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + FULL)
    page.mouse.wheel(0, 20000)  # bring every lazy image into view
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert page.locator("iframe").count() == 0
    video_link = page.get_by_role("link", name="Watch 'Meet the team' on YouTube")
    assert video_link.get_attribute("href") == "https://www.youtube.com/watch?v=abc123"
    target = page.get_by_text("Reduction in stillbirths").first
    assert target.is_visible()
    context.close()


def test_partner_page_links_back_to_its_programmes(live_server, demo_site, open_page):
    page = open_page(live_server.url + "/partners/west-midlands-ambulance-service/", width=320)
    page.get_by_role("link", name="111 First").click()
    assert page.locator("h1").inner_text() == "111 First"
    assert page.get_by_role("link", name="West Midlands Ambulance Service").is_visible()
