"""Programme and partner pages in Chromium, built with factories as the demo builds them (partners of each
type, programmes that name them, a programme with every section, its news and reference group): axe-core
reports no WCAG 2.2 A/AA violations at 320px and 1280px, with JavaScript on (and off for the full programme
page), and nothing is fetched from a third party, not even for the video."""

from datetime import date

import pytest
from playwright.sync_api import expect

from stp_site.partners.models import PartnerPage
from tests.browser.conftest import WIDTHS
from tests.factories import make_document, make_image
from tests.get_involved.factories import (
    GetInvolvedPageFactory,
    ReferenceGroupIndexPageFactory,
    ReferenceGroupPageFactory,
)
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FULL = "/our-work/every-section/"


def target(measure, value, day, status="unknown", unit="%", baseline="2010 rate"):
    return {
        "measure": measure,
        "target_value": value,
        "unit": unit,
        "target_date": day,
        "baseline": baseline,
        "status": status,
    }


AIMS = [
    {
        "type": "aim",
        "value": {
            "aim": "Fewer babies die before they are born.",
            "targets": [
                target("Reduction in stillbirths", "20", "2021-12-31"),
                target("Reduction in stillbirths", "50", "2025-12-31", status="on_track"),
            ],
        },
    },
    {
        "type": "aim",
        "value": {
            "aim": "Women can choose where to give birth.",
            "targets": [target("Women able to choose from three birth settings", "90", "2021-12-31", baseline="")],
        },
    },
    {
        "type": "aim",
        "value": {
            "aim": "We spend less on agency staff.",
            "targets": [target("Money saved", "3.6", "2019-01-31", status="achieved", unit="£ million", baseline="")],
        },
    },
]
CASE_STUDIES = [
    {
        "type": "case_study",
        "value": {
            "title": "Introducing Bill and his Integrated Care Team",
            "body": "<p>Bill is 84 and lives on his own. A team of nurses, carers and his GP now plan his care "
            "together, so he tells his story once.</p>",
        },
    }
]


def documents(*titles):
    return [
        {"type": "document", "value": {"document": make_document(title, size=2048 * (n + 1)).pk, "title": ""}}
        for n, title in enumerate(titles)
    ]


@pytest.fixture
def programme_site(home):
    logo = make_image("Partner logo", size=(600, 200))
    picture = make_image("Midwives at a clinic")
    partners_index = PartnerIndexPageFactory(
        parent=home, show_in_menus=True, intro="<p>Our partnership is made up of many groups.</p>"
    )
    partners = [
        PartnerPageFactory(
            parent=partners_index,
            title=title,
            slug=slug,
            partner_type=partner_type,
            listing_summary=f"What {title} does.",
            listing_image=logo if partner_type == PartnerPage.PartnerType.HEALTHWATCH else None,
            who_they_are=f"<p>{title} works across Staffordshire and Stoke-on-Trent.</p>",
            role_in_partnership="<p>It helps plan care with the other partners.</p>",
            area_served="Staffordshire and Stoke-on-Trent",
            website="https://www.example.org/",
            phone="0300 123 4567",
            email=f"enquiries.and.feedback@{slug}.example.org",
            strategic_objectives=[("objective", "Safe care for everyone."), ("objective", "Using money well.")],
        )
        for title, slug, partner_type in [
            ("University Hospitals of North Midlands", "university-hospitals-of-north-midlands", "nhs_trust"),
            ("Stoke-on-Trent City Council", "stoke-on-trent-city-council", "council"),
            ("GP practices", "gp-practices", "primary_care"),
            ("West Midlands Ambulance Service", "west-midlands-ambulance-service", "ambulance"),
            ("Healthwatch Staffordshire", "healthwatch-staffordshire", "healthwatch"),
            ("Support Staffordshire", "support-staffordshire", "voluntary"),
        ]
    ]
    by_slug = {partner.slug: partner for partner in partners}

    our_work = ProgrammeIndexPageFactory(
        parent=home, show_in_menus=True, intro="<p>Our work is split into programmes.</p>"
    )
    ProgrammePageFactory(
        parent=our_work,
        title="Maternity and children",
        slug="maternity-and-children",
        listing_summary="Safe, kind care for mums, babies and children.",
        listing_image=picture,
        summary="<p>Maternity care is the care you get when you are pregnant.</p>",
        introduction="<p>Having a baby is a big moment in anyone's life.</p>",
        priorities="<h3>Maternity</h3><ul><li>Learn from incidents</li></ul>",
        aims=AIMS,
        resources=documents("LMNS newsletter, issue 1: meet the team and our maternity champions"),
        archive=documents("Maternity transformation plan (2018)"),
        partners=[by_slug["university-hospitals-of-north-midlands"], by_slug["healthwatch-staffordshire"]],
        lead_name="Local Maternity and Neonatal System team",
        lead_email="maternity@twbstaffsandstoke.org.uk",
        lead_phone="01782 123456",
        last_reviewed=date(2026, 11, 1),
    )
    ProgrammePageFactory(
        parent=our_work,
        title="111 First",
        slug="111-first",
        listing_summary="Call 111 before you go to A&E.",
        listing_image=picture,
        partners=[by_slug["west-midlands-ambulance-service"], by_slug["gp-practices"]],
    )
    ProgrammePageFactory(
        parent=our_work,
        title="Mental health",
        slug="mental-health",
        listing_summary="Support for your mental health.",
        partners=[by_slug["healthwatch-staffordshire"], by_slug["support-staffordshire"]],
    )
    full = ProgrammePageFactory(
        parent=our_work,
        title="Every section",
        slug="every-section",
        listing_summary="A programme page with every section filled in.",
        summary="<p>What the programme is.</p>",
        introduction="<p>Why it matters.</p>",
        video_url="https://www.youtube.com/watch?v=abc123",
        video_title="Meet the team",
        video_transcript=make_document("Meet the team: video transcript", size=3000),
        priorities="<h3>Projects</h3><ul><li>One</li><li>Two</li></ul>",
        aims=AIMS,
        case_studies=CASE_STUDIES,
        resources=documents("LMNS newsletter, issue 1", "Maternity Voices Partnership newsletter"),
        archive=documents("Maternity transformation plan (2018)"),
        partners=partners[:4],
        lead_name="Maternity team",
        lead_role="Programme lead",
        lead_email="maternity@example.org",
        lead_phone="01234 567890",
        last_reviewed=date(2026, 11, 1),
    )

    news_index = NewsIndexPageFactory(parent=home)
    for number, (title, day) in enumerate(
        [
            ("New birth centre opens", date(2026, 10, 3)),
            ("Birth partners can stay overnight", date(2026, 9, 1)),
            ("Pregnancy notes go online", date(2026, 8, 12)),
        ]
    ):
        NewsPageFactory(
            parent=news_index, title=title, slug=f"every-section-news-{number}", date=day, programmes=[full]
        )
    groups = ReferenceGroupIndexPageFactory(parent=GetInvolvedPageFactory(parent=home))
    ReferenceGroupPageFactory(
        parent=groups,
        title="Every section patient reference group",
        slug="every-section",
        what_it_does="<p>Helps to shape this programme.</p>",
        programme=full,
    )


@pytest.mark.parametrize(
    "path",
    ["/our-work/", "/partners/", FULL, "/our-work/maternity-and-children/", "/partners/healthwatch-staffordshire/"],
)
def test_pages_have_no_wcag_violations(live_server, programme_site, open_page, assert_accessible, path):
    for width in WIDTHS:
        page = open_page(live_server.url + path, width=width)
        assert page.locator("main#maincontent h1").count() == 1
        # Nothing (not even a long email address) makes the page scroll sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_full_programme_page_without_javascript(live_server, programme_site, open_page, assert_accessible, width):
    page = open_page(live_server.url + FULL, width=width, javascript=False)
    assert page.evaluate("document.body.classList.contains('js-enabled')") is False
    for heading in ["Aims and outcomes", "Documents", "Who is involved", "Have your say", "Latest news"]:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    # The "On this page" links move to their sections with no script.
    page.get_by_role("link", name="Contact the programme team").click()
    expect(page).to_have_url(live_server.url + FULL + "#contact")
    assert_accessible(page)


def test_full_programme_page_fetches_nothing_from_a_third_party(live_server, programme_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + FULL)
    page.mouse.wheel(0, 20000)  # bring every lazy image into view
    page.wait_for_load_state("networkidle")  # every request the page makes has been made
    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert page.locator("iframe").count() == 0
    video_link = page.get_by_role("link", name="Watch 'Meet the team' on YouTube")
    expect(video_link).to_have_attribute("href", "https://www.youtube.com/watch?v=abc123")
    expect(page.get_by_text("Reduction in stillbirths").first).to_be_visible()
    context.close()


def test_partner_page_links_back_to_its_programmes(live_server, programme_site, open_page):
    page = open_page(live_server.url + "/partners/west-midlands-ambulance-service/", width=320)
    page.get_by_role("link", name="111 First").click()
    expect(page).to_have_url(live_server.url + "/our-work/111-first/")
    expect(page.locator("h1")).to_have_text("111 First")
    expect(page.get_by_role("link", name="West Midlands Ambulance Service")).to_be_visible()
