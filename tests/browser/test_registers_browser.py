"""The registers and the publication scheme in Chromium: axe-core reports no WCAG 2.2 A/AA violations at
320px and 1280px, with JavaScript off (they need none); on a phone the register's rows become blocks that
fit the screen, each cell with its heading beside it, and on a wide screen it is an ordinary table."""

import os

import pytest

from tests.browser.conftest import WIDTHS
from tests.governance.factories import (
    GiftsRegisterPageFactory,
    InterestsRegisterPageFactory,
    PublicationSchemePageFactory,
    gift,
    interest,
    make_governance,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOTS_DIR")  # set it to keep a screenshot of each page at each width


@pytest.fixture
def registers(home):
    section = make_governance(home)["section"]
    InterestsRegisterPageFactory(
        parent=section,
        interests=[
            interest(),
            interest(
                member_name="Dev Sharma",
                role="Chief finance officer",
                interest="Wife is a partner at Trent Valley Medical Practice, a GP practice in Stafford",
                interest_type="indirect",
            ),
        ],
    )
    GiftsRegisterPageFactory(parent=section, gifts=[gift(), gift(member_name="Ruth Evans", outcome="accepted")])
    PublicationSchemePageFactory(parent=section)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path",
    [
        "/how-we-are-run/register-of-interests/",
        "/how-we-are-run/gifts-and-hospitality/",
        "/how-we-are-run/publication-scheme/",
    ],
)
def test_the_pages_are_accessible_without_javascript(
    live_server, registers, open_page, assert_accessible, path, width
):
    page = open_page(live_server.url + path, width=width, javascript=False)
    assert_accessible(page)
    # Nothing is wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{path.strip('/').replace('/', '_')}-{width}.png", full_page=True)


def test_on_a_phone_each_row_is_a_block_with_its_headings(live_server, registers, open_page):
    page = open_page(live_server.url + "/how-we-are-run/register-of-interests/", width=320, javascript=False)
    heading = page.locator("tbody .nhsuk-table-responsive__heading").first
    assert heading.is_visible() and heading.inner_text().strip() == "Name"
    assert page.locator("thead").bounding_box()["height"] <= 1  # the header row is hidden visually
    row = page.locator("tbody tr").first
    assert page.evaluate("(row) => getComputedStyle(row).display", row.element_handle()) == "block"

    wide = open_page(live_server.url + "/how-we-are-run/register-of-interests/", width=1280, javascript=False)
    assert not wide.locator("tbody .nhsuk-table-responsive__heading").first.is_visible()
    assert wide.evaluate(
        "(row) => getComputedStyle(row).display", wide.locator("tbody tr").first.element_handle()
    ) == ("table-row")
