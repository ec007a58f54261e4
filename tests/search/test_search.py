"""Site search on PostgreSQL full text: ranking, promoted results, only live public pages, paging,
and bad input that never gives a 500."""

import time
from io import StringIO

import pytest
from pytest_django.asserts import assertInHTML

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.glossary.models import GlossaryPage
from stp_site.home.models import StandardPage
from stp_site.search import ranking
from stp_site.search.views import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, clean_query
from tests import html as h
from tests.factories import publish
from tests.home.factories import StandardPageFactory
from tests.news.factories import NewsIndexPageFactory, NewsPageFactory
from tests.programmes.factories import ProgrammeIndexPageFactory, ProgrammePageFactory
from tests.sites import demo_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes(home):
    index = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work", show_in_menus=True))
    pages = {}
    for slug, title, summary in [
        ("maternity-and-children", "Maternity and children", "Care for mums, babies and children."),
        ("urgent-and-emergency-care", "Urgent and emergency care", "Where to go when you need help fast."),
        ("mental-health", "Mental health", "Support for your mental health, including after having a baby."),
        ("111-first", "111 First", "Call 111 before you go to A&E."),
    ]:
        pages[slug] = publish(index, ProgrammePage(title=title, slug=slug, listing_summary=summary))
    # A page that mentions maternity once, in its body, should rank below the maternity programme.
    pages["contact"] = publish(
        home,
        StandardPage(
            title="Contact us",
            slug="contact-us",
            listing_summary="How to reach us.",
            body=[{"type": "rich_text", "value": "<p>For maternity questions, ask your midwife.</p>"}],
        ),
    )
    return pages


def result_titles(html):
    """The titles of the results listed, in order."""
    return [text for item in h.elements(html, "li", class_="search-results__item") for text in h.texts(item, "h2")]


def test_search_backend_is_postgresql_full_text():
    from wagtail.search.backends import get_search_backend

    assert connection.vendor == "postgresql"
    backend = get_search_backend()
    assert type(backend).__name__ == "PostgresSearchBackend"


def test_maternity_programme_ranks_first(client, programmes):
    response = client.get("/search/", {"q": "maternity"})
    html = response.content.decode()
    assert response.status_code == 200
    titles = result_titles(html)
    assert titles[0] == "Maternity and children"
    assert "Contact us" in titles
    # Each result shows its type, summary and date.
    assert "Programme page" in html
    assert "Care for mums, babies and children." in html
    assert "Updated: " in html


def test_promoted_result_comes_first(client, programmes):
    query = Query.objects.create(query_string="111")
    SearchPromotion.objects.create(
        query=query,
        page=programmes["urgent-and-emergency-care"],
        sort_order=0,
        description="Get urgent help with NHS 111.",
    )
    html = client.get("/search/", {"q": "111"}).content.decode()
    titles = result_titles(html)
    assert titles[0] == "Urgent and emergency care"
    assert "Recommended" in html and "Get urgent help with NHS 111." in html
    assert titles.count("Urgent and emergency care") == 1  # not listed twice
    assert "111 First" in titles


def test_searching_writes_nothing(client, programmes):
    """Query.get() would create a row per search; the view only reads promotions."""
    client.get("/search/", {"q": "something new"})
    assert not Query.objects.filter(query_string="something new").exists()


def test_drafts_and_private_pages_never_appear(client, home, programmes):
    draft = ProgrammePage(
        title="Maternity draft plans", slug="maternity-draft", listing_summary="Maternity draft.", live=False
    )
    programmes["maternity-and-children"].get_parent().add_child(instance=draft)
    draft.save_revision()  # saved, never published
    draft.refresh_from_db()
    assert not draft.live

    private = publish(
        home, StandardPage(title="Maternity staff only", slug="staff-only", listing_summary="Maternity.")
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    unpublished = programmes["mental-health"]
    unpublished.unpublish()

    titles = result_titles(client.get("/search/", {"q": "maternity"}).content.decode())
    assert "Maternity draft plans" not in titles
    assert "Maternity staff only" not in titles
    titles = result_titles(client.get("/search/", {"q": "mental health"}).content.decode())
    assert "Mental health" not in titles


def test_results_are_paginated(client, home):
    for number in range(RESULTS_PER_PAGE + 3):
        publish(home, StandardPage(title=f"Clinic {number}", slug=f"clinic-{number}", listing_summary="A clinic."))
    first = client.get("/search/", {"q": "clinic"}).content.decode()
    assert len(result_titles(first)) == RESULTS_PER_PAGE
    assert "13 results for <strong>clinic</strong>, page 1 of 2" in first
    assert "?q=clinic&page=2" in h.hrefs(first)
    second = client.get("/search/", {"q": "clinic", "page": "2"}).content.decode()
    assert len(result_titles(second)) == 3
    assert "?q=clinic&page=1" in h.hrefs(second)
    assert set(result_titles(first)).isdisjoint(result_titles(second))
    # A page number that is not a number, or too big, shows a real page of results.
    for page in ["abc", "999", "-1"]:
        response = client.get("/search/", {"q": "clinic", "page": page})
        assert response.status_code == 200 and result_titles(response.content.decode())


def test_no_query_state(client, home):
    response = client.get("/search/")
    html = response.content.decode()
    assert response.status_code == 200
    assertInHTML("<h1>Search</h1>", html)
    assertInHTML('<label class="nhsuk-label nhsuk-label--s" for="search-page-field">Search this website</label>', html)
    assert "Type a word or a few words" in html


def test_empty_state_suggests_what_to_do(client, home, programmes):
    publish(home, GlossaryPage(title="Glossary", slug="glossary"))
    html = client.get("/search/", {"q": "zebra crossing"}).content.decode()
    assert "No results for zebra crossing" in html
    assert "check the spelling" in html
    assert "/our-work/" in h.hrefs(html)  # browse the sections instead
    assert "/glossary/" in h.hrefs(html)


def test_search_is_not_indexed_by_search_engines(client, home):
    response = client.get("/search/", {"q": "health"})
    assert response["X-Robots-Tag"] == "noindex"
    assert h.meta(response.content, name="robots") == "noindex"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "a" * 10_000,
        "maternity " * 1_000,
        ".*(a+)+$[",
        "'; DROP TABLE wagtailcore_page; --",
        '" OR 1=1 --',
        "maternity & | ! : * ( ) <-> ' \\",
        "!!!",
        "&",
        "ñandú 日本語 🚑 مرحبا",
        "abc\x00def",
        "\u202e\u200b\ufeff",
        "<script>alert(1)</script>",
        "%s %(x)s {0}",
    ],
)
def test_bad_input_never_fails(client, programmes, query):
    start = time.perf_counter()
    response = client.get("/search/", {"q": query})
    elapsed = time.perf_counter() - start
    # A NUL byte gets the 400 page (tests/core/test_nul_bytes.py); anything else a page of results.
    assert response.status_code == (400 if "\x00" in query else 200)
    assert elapsed < 2.0
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html


def test_long_query_is_cut_and_the_page_says_so(client, programmes):
    html = client.get("/search/", {"q": "x" * 10_000}).content.decode()
    assert f"We searched for the first {MAX_QUERY_LENGTH} characters" in html
    # Repeated words count once, so a pasted wall of the same word still finds it.
    html = client.get("/search/", {"q": "maternity " * 1_000}).content.decode()
    assert "Maternity and children" in result_titles(html)


def test_clean_query():
    assert clean_query("  mental\t\nhealth  ") == ("mental health", False)
    assert clean_query("a\x00b") == ("a b", False)
    assert clean_query("care care CARE home care") == ("care CARE home", False)
    query, cut = clean_query("x" * 500)
    assert cut and len(query) == MAX_QUERY_LENGTH


def search_queries(client):
    """The queries one search for "dentist" runs (the header, footer and site cached, as in a running worker)."""
    client.get("/search/", {"q": "dentist"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "dentist"})
    return len(queries), response.content.decode()


def test_search_query_count_does_not_grow_with_results_or_page_types(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count a full render, not a whole-page cache hit
    for number in range(5):
        publish(home, StandardPage(title=f"Dentist {number}", slug=f"dentist-{number}", listing_summary="Teeth."))
    few, html = search_queries(client)
    assert "5 results" in html
    for number in range(5, 60):
        publish(home, StandardPage(title=f"Dentist {number}", slug=f"dentist-{number}", listing_summary="Teeth."))
    # Titles of one word rank first: news items and programmes, then standard pages, on one page of results.
    news = NewsIndexPageFactory(parent=home)
    index = ProgrammeIndexPageFactory(parent=home)
    for number in range(4):
        NewsPageFactory(parent=news, title="Dentist", slug=f"dentist-news-{number}")
        ProgrammePageFactory(parent=index, title="Dentist", slug=f"dentist-programme-{number}")
    many, html = search_queries(client)
    assert "68 results" in html
    types = set(h.texts(html, "p", class_="search-results__type"))
    assert types == {"News item", "Programme page", "Standard page"}
    assert "Published: " in html and "Updated: " in html  # news shows its own date
    assert few == many <= 10


def test_a_misspelt_word_finds_the_pages_for_the_right_one(client, programmes):
    html = client.get("/search/", {"q": "maternaty"}).content.decode()
    assert "No results for <strong>maternaty</strong>. Showing results for <strong>maternity</strong> instead." in html
    assert result_titles(html)[0] == "Maternity and children"
    html = client.get("/search/", {"q": "mental helth"}).content.decode()
    assert "Showing results for <strong>mental health</strong>" in html
    assert "Mental health" in result_titles(html)
    # A word found as typed is never corrected; a word too short or too far from any is left alone.
    html = client.get("/search/", {"q": "maternity"}).content.decode()
    assert "Showing results for" not in html
    html = client.get("/search/", {"q": "xylophone"}).content.decode()
    assert "No results for xylophone" in html and "Showing results for" not in html


def test_corrections_come_only_from_pages_anyone_may_read(client, home, programmes):
    draft = StandardPage(title="Reorganisation plans", slug="reorganisation", listing_summary="Draft.", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    private = publish(home, StandardPage(title="Redundancies", slug="redundancies", listing_summary="Staff."))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for typo in ("reorganisaton", "redundancys"):
        html = client.get("/search/", {"q": typo}).content.decode()
        assert f"No results for {typo}" in html
        assert "Showing results for" not in html


def test_past_the_fully_ranked_matches_every_match_is_still_listed_once(client, home, monkeypatch):
    monkeypatch.setattr(ranking, "RANKED_MATCHES", 3)
    for number in range(12):
        publish(
            home,
            StandardPage(
                title=f"Opening times {number}", slug=f"times-{number}", listing_summary="Our clinic is open daily."
            ),
        )
    publish(home, StandardPage(title="Clinic", slug="clinic", listing_summary="Where to find us."))
    first = client.get("/search/", {"q": "clinic"}).content.decode()
    second = client.get("/search/", {"q": "clinic", "page": "2"}).content.decode()
    assert "13 results for <strong>clinic</strong>, page 1 of 2" in first
    titles = result_titles(first) + result_titles(second)
    assert titles[0] == "Clinic"  # a title match ranks first
    assert sorted(titles) == sorted(["Clinic"] + [f"Opening times {number}" for number in range(12)])


def test_demo_loader_promotes_111_first_and_the_reference_groups_when_they_exist(client, home):
    """The search promotions' demo loader (it runs after the loaders that make the pages it promotes)."""
    from stp_site.search import demo

    index = ProgrammeIndexPageFactory(parent=home)
    ProgrammePageFactory(parent=index, title="111 First", slug="111-first", listing_summary="Call 111 first.")
    ProgrammePageFactory(parent=index, title="NHS 111 and urgent care", slug="urgent", listing_summary="Call 111.")
    involved = StandardPageFactory(parent=home, title="Get involved", slug="get-involved")
    StandardPageFactory(parent=involved, title="Patient reference groups", slug="patient-reference-groups")
    demo.load(StringIO(), demo_partnership())
    demo.load(StringIO(), demo_partnership())  # idempotent
    assert SearchPromotion.objects.count() == 2

    assert result_titles(client.get("/search/", {"q": "111"}).content.decode())[0] == "111 First"
    html = client.get("/search/", {"q": "Join"}).content.decode()
    assert result_titles(html)[0] == "Patient reference groups"
    assert "Join a patient reference group and have your say." in html
