"""Search results, the empty state, the no-query state and the glossary in Chromium: axe-core clean at
320px and 1280px, with and without JavaScript, and the search works from the keyboard."""

import pytest
from playwright.sync_api import expect

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.glossary.models import GlossaryPage, GlossaryTerm
from stp_site.home.models import StandardPage
from tests.browser.conftest import WIDTHS
from tests.factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def search_site(home):
    index = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work", show_in_menus=True))
    maternity = publish(
        index,
        ProgrammePage(
            title="Maternity and children",
            slug="maternity-and-children",
            listing_summary="Care for mums, babies and children. Run with the LMNS.",
        ),
    )
    urgent = publish(
        index, ProgrammePage(title="111 First", slug="111-first", listing_summary="Call 111 before you go to A&E.")
    )
    for number in range(12):
        publish(
            home,
            StandardPage(
                title=f"Antenatal clinic {number}",
                slug=f"antenatal-clinic-{number}",
                listing_summary="A clinic for mums-to-be.",
                body=[{"type": "rich_text", "value": "<p>The LMNS runs this maternity clinic.</p>"}],
            ),
        )
    query = Query.objects.create(query_string="111")
    SearchPromotion.objects.create(query=query, page=urgent, description="Get urgent help.", sort_order=0)
    publish(home, GlossaryPage(title="Glossary", slug="glossary"))
    GlossaryTerm.objects.create(
        site=home.get_site(), term="LMNS", meaning="A group that makes care better for mums and babies."
    )
    GlossaryTerm.objects.create(
        site=home.get_site(), term="A&E", meaning="The part of a hospital for people who are badly hurt."
    )
    return {"maternity": maternity}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize(
    "path",
    ["/search/?q=maternity", "/search/?q=maternity&page=2", "/search/?q=111", "/search/?q=zebra", "/search/",
     "/search/?q=maternaty",
     "/glossary/", "/antenatal-clinic-1/"],
)  # fmt: skip
def test_search_and_glossary_have_no_wcag_violations(
    live_server, search_site, open_page, assert_accessible, path, width, javascript
):
    page = open_page(live_server.url + path, width=width, javascript=javascript)
    assert page.locator("main#maincontent h1").count() == 1
    assert_accessible(page)


def test_search_from_the_page_form_with_the_keyboard(live_server, search_site, open_page):
    page = open_page(live_server.url + "/search/", width=320)
    page.get_by_label("Search this website", exact=True).last.fill("maternity")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=maternity")
    first = page.locator(".search-results__item h2 a").first
    assert first.inner_text() == "Maternity and children"
    expect(page.get_by_text("Programme page").first).to_be_visible()
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**page=2")
    expect(page.locator(".search-results__item")).to_have_count(3)


def test_glossary_link_goes_to_the_term(live_server, search_site, open_page):
    page = open_page(live_server.url + "/antenatal-clinic-1/", javascript=False)
    page.get_by_role("link", name="LMNS").click()
    page.wait_for_url("**/glossary/#term-lmns")
    expect(page.locator("#term-lmns")).to_be_visible()
