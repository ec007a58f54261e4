"""What every page shares, on PostgreSQL: the shared blocks and BasePage's description, canonical address
and Open Graph tags (shown on a standard page, which takes every shared block)."""

import pytest
from pytest_django.asserts import assertInHTML

from django.db import connection

from tests import html as h
from tests.factories import make_document, make_image
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_standard_page_renders_every_shared_block(client, home):
    document = make_document("Accessibility audit", size=2048)
    image = make_image("A nurse talking to a patient")
    page = StandardPageFactory(
        parent=home,
        title="Accessibility statement",
        slug="accessibility-statement",
        listing_summary="How accessible this website is.",
        search_description="How accessible this website is, and how to tell us about a problem.",
        body=[
            {"type": "rich_text", "value": "<p>We want everyone to use this website.</p>"},
            {"type": "inset_text", "value": {"body": "<p>You can ask for large print.</p>"}},
            {
                "type": "warning_callout",
                "value": {"title": "Important", "body": "<p>Call 999 in an emergency.</p>"},
            },
            {"type": "details", "value": {"summary": "Who made this site?", "body": "<p>Our comms team.</p>"}},
            {"type": "action_link", "value": {"text": "Go home", "page": home.pk, "url": ""}},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "A nurse", "decorative": False, "caption": "Our staff"},
            },
            {
                "type": "table",
                "value": {
                    "table_caption": "Opening times",
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["Day", "Time"], ["Monday", "9am to 5pm"]],
                },
            },
            {"type": "document_link", "value": {"document": document.pk, "title": ""}},
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "We want everyone to use this website." in html
    assert "You can ask for large print." in h.texts(html, class_="nhsuk-inset-text")[0]
    assert "Call 999 in an emergency." in h.texts(html, class_="nhsuk-warning-callout")[0]
    assert "Who made this site?" in h.texts(html, "details", class_="nhsuk-details")[0]
    assert h.hrefs(html, class_="nhsuk-action-link__link") == ["/"]
    image_tag = h.element(html, "img", alt="A nurse")
    assert dict(image_tag.attributes).get("srcset") and h.texts(html, "figcaption") == ["Our staff"]
    assertInHTML('<caption class="nhsuk-table__caption">Opening times</caption>', html)
    assertInHTML('<th class="nhsuk-table__header" scope="col">Day</th>', html)
    assert "Accessibility audit" in html and "(PDF, 2.0\xa0KB," in html
    assert h.meta(html, name="description") == "How accessible this website is, and how to tell us about a problem."
    assert h.attribute(html, "link", "href", rel="canonical") == "http://localhost/accessibility-statement/"
    assert h.meta(html, property="og:title") == "Accessibility statement"
