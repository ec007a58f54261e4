"""The partnership's own page types (home, vision) render their content, and the page tree rules hold.
The shared blocks, on a standard page: tests/core/test_pages.py."""

from datetime import date

import pytest
from pytest_django.asserts import assertInHTML

from wagtail.models import Page

from stp_site.home.models import HomePage, StandardPage, VisionPage
from tests import html as h
from tests.home.factories import VisionPageFactory
from tests.sites import add_site

pytestmark = pytest.mark.django_db


def test_home_page_renders_hero_and_section_cards(client, home):
    home.vision_in_brief = "<p>We want the healthiest places to live and work.</p>"
    home.save_revision().publish()
    VisionPageFactory(
        parent=home, vision_statement="X", show_in_menus=True, listing_summary="What we want to achieve."
    )
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assertInHTML("<h1>Together we&#x27;re better</h1>", html)
    assert "healthiest places to live and work" in html
    assert "/our-vision/" in h.hrefs(html) and "What we want to achieve." in html
    assert h.elements(html, "html", lang="en")
    assert html.index('class="nhsuk-skip-link"') < html.index("<header")
    assert h.elements(html, "main", id="maincontent", class_="nhsuk-main-wrapper")


def test_vision_page_renders_statement_and_body(client, home):
    VisionPageFactory(
        parent=home,
        vision_statement="The healthiest places to live and work",
        body=[("rich_text", "<h2>How it began</h2><p>In 2016 we wrote our first plans.</p>")],
        last_reviewed=date(2026, 11, 1),
        next_review_due=date(2027, 11, 1),
    )
    html = client.get("/our-vision/").content.decode()
    assert "The healthiest places to live and work" in html
    assertInHTML("<h2>How it began</h2>", html)
    assert "Page last reviewed: 1 November 2026" in html
    assert "Next review due: 1 November 2027" in html
    assert h.elements(html, "nav", aria_label="Breadcrumb")


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


def test_each_partnership_has_one_home_page_and_one_vision(home):
    """A cluster adds a home page (and a site) per partnership; each home has one vision page."""
    VisionPageFactory(parent=home, vision_statement="X")
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not VisionPage.can_create_at(home)
    second_home = add_site("second.example").root_page.specific
    assert VisionPage.can_create_at(second_home)
