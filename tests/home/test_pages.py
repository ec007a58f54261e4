"""Each page type of the partnership renders its content on PostgreSQL, and the page tree rules hold."""

from datetime import date

import pytest

from django.db import connection

from wagtail.models import Page

from stp_site.home.models import HomePage, StandardPage, VisionPage
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_home_page_renders_hero_and_section_cards(client, home):
    home.vision_in_brief = "<p>We want the healthiest places to live and work.</p>"
    home.save_revision().publish()
    publish(
        home,
        VisionPage(
            title="Our vision",
            slug="our-vision",
            vision_statement="X",
            show_in_menus=True,
            listing_summary="What we want to achieve.",
        ),
    )
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Together we&#x27;re better</h1>" in html
    assert "healthiest places to live and work" in html
    assert 'href="/our-vision/"' in html and "What we want to achieve." in html
    assert '<html lang="en">' in html
    assert html.index('class="nhsuk-skip-link"') < html.index("<header")
    assert '<main class="nhsuk-main-wrapper" id="maincontent"' in html


def test_vision_page_renders_statement_and_body(client, home):
    publish(
        home,
        VisionPage(
            title="Our vision",
            slug="our-vision",
            vision_statement="The healthiest places to live and work",
            body=[("rich_text", "<h2>How it began</h2><p>In 2016 we wrote our first plans.</p>")],
            last_reviewed=date(2026, 11, 1),
            next_review_due=date(2027, 11, 1),
        ),
    )
    html = client.get("/our-vision/").content.decode()
    assert "The healthiest places to live and work" in html
    assert "<h2>How it began</h2>" in html
    assert "Page last reviewed: 1 November 2026" in html
    assert "Next review due: 1 November 2027" in html
    assert 'aria-label="Breadcrumb"' in html


def test_standard_page_renders_every_shared_block(client, home):
    from tests.factories import make_document, make_image

    document = make_document("Accessibility audit", size=2048)
    image = make_image("A nurse talking to a patient")
    page = publish(
        home,
        StandardPage(
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
        ),
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "We want everyone to use this website." in html
    assert 'class="nhsuk-inset-text"' in html and "You can ask for large print." in html
    assert 'class="nhsuk-warning-callout"' in html and "Call 999 in an emergency." in html
    assert '<details class="nhsuk-details">' in html and "Who made this site?" in html
    assert 'class="nhsuk-action-link__link" href="/"' in html
    assert 'alt="A nurse"' in html and "<figcaption" in html and "srcset=" in html
    assert '<caption class="nhsuk-table__caption">Opening times</caption>' in html
    assert '<th scope="col" class="nhsuk-table__header">Day</th>' in html
    assert "Accessibility audit" in html and "(PDF, 2.0\xa0KB," in html
    assert (
        '<meta name="description" content="How accessible this website is, and how to tell us about a problem.">'
        in html
    )
    assert '<link rel="canonical" href="http://localhost/accessibility-statement/">' in html
    assert '<meta property="og:title" content="Accessibility statement">' in html


@pytest.mark.parametrize(
    ("parent_model", "child_model", "allowed"),
    [
        (Page, HomePage, True),
        (HomePage, VisionPage, True),
        (HomePage, StandardPage, True),
        (VisionPage, HomePage, False),
        (StandardPage, VisionPage, False),
        (StandardPage, StandardPage, True),
    ],
)
def test_page_tree_rules(parent_model, child_model, allowed):
    assert (child_model in parent_model.allowed_subpage_models()) is allowed
    assert (parent_model in child_model.allowed_parent_page_models()) is allowed


def test_home_and_vision_are_singletons(home):
    publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="X"))
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert not VisionPage.can_create_at(home)
