"""The glossary page lists every term with its own anchor; the first use of a term on a page links to it
(never inside a heading), and the cached terms are read again when a term changes."""

import pytest
from pytest_django.asserts import assertInHTML

from tests import html as h
from tests.glossary.factories import GlossaryPageFactory, GlossaryTermFactory
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary_page(home):
    return GlossaryPageFactory(parent=home)


def test_glossary_lists_terms_and_first_use_on_a_page_is_linked(
    client, home, glossary_page, django_assert_max_num_queries
):
    GlossaryTermFactory(term="ICB", meaning="The NHS body that plans and pays for care. It is short.")
    GlossaryTermFactory(term="Elective care", meaning="Planned care.")
    StandardPageFactory(
        parent=home,
        title="Plans",
        slug="plans",
        body=[
            {"type": "rich_text", "value": "<h2>The ICB</h2><p>The ICB plans care. Ask the ICB.</p>"},
            {
                "type": "rich_text",
                "value": "<p>The ICB pays for <a href='/x/'>elective care</a>. Elective care is planned.</p>",
            },
        ],
    )
    html = client.get("/plans/").content.decode()
    links = [
        (h.text(link), dict(link.attributes)["href"], dict(link.attributes)["title"])
        for link in h.elements(html, "a", class_="glossary-link")
    ]
    assert links == [
        ("ICB", "/glossary/#term-icb", "The NHS body that plans and pays for care."),
        ("Elective care", "/glossary/#term-elective-care", "Planned care."),
    ]
    assertInHTML("<h2>The ICB</h2>", html)  # not inside a heading

    glossary = client.get("/glossary/")
    page = glossary.content.decode()
    assert glossary.status_code == 200
    assert h.element(page, "div", id="term-icb", class_="glossary__item", tabindex="-1")
    assert "Planned care." in page
    # The terms are cached: a page with rich text costs no extra query for the glossary.
    client.get("/plans/")
    with django_assert_max_num_queries(12):
        client.get("/plans/")


def test_glossary_cache_is_dropped_when_a_term_changes(client, home, glossary_page):
    StandardPageFactory(
        parent=home,
        title="Plans",
        slug="plans",
        body=[{"type": "rich_text", "value": "<p>The LMNS helps.</p>"}],
    )
    assert not h.elements(client.get("/plans/").content, "a", class_="glossary-link")
    GlossaryTermFactory(term="LMNS", meaning="A maternity group.")
    assert "/glossary/#term-lmns" in h.hrefs(client.get("/plans/").content, class_="glossary-link")
