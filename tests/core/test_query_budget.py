"""Issue 3's budget: a full render of every page type runs at most 10 SQL queries, with a few items
or many. Measured with the whole-page cache off (what a resident's first view after a publish costs,
once the site's shared caches are warm), on PostgreSQL."""

from datetime import date

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction, Site

from news.models import NewsIndexPage
from programmes.models import ProgrammeIndexPage, ProgrammePage
from stp_site.core import content_version
from stp_site.core.page_urls import local_url
from stp_site.home.models import StandardPage, VisionPage
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from tests.factories import make_document, make_image, publish
from tests.news_helpers import make_many_news, make_news
from tests.sites import add_site

pytestmark = pytest.mark.django_db

BUDGET = 10
PARTNER_TYPES = [choice for choice, _ in PartnerPage.PartnerType.choices]


def add_partners(index, start, count, image):
    return [
        publish(
            index,
            PartnerPage(
                title=f"Partner {number}",
                slug=f"partner-{number}",
                partner_type=PARTNER_TYPES[number % len(PARTNER_TYPES)],
                listing_summary="A line.",
                listing_image=image if number % 2 else make_image(f"Logo {number}", size=(300, 100)),
            ),
        )
        for number in range(start, start + count)
    ]


def add_programmes(index, start, count, image, partners):
    pages = []
    for number in range(start, start + count):
        page = ProgrammePage(
            title=f"Programme {number}",
            slug=f"programme-{number}",
            listing_summary="A line.",
            listing_image=image if number % 2 else make_image(f"Picture {number}"),
        )
        page.partners = partners[:2]
        pages.append(publish(index, page))
    return pages


@pytest.fixture
def site(home):
    """Every page type, with a few items in each list; `grow()` adds many more."""
    return build_every_page_type(home)


def build_every_page_type(home):
    image = make_image("Shared")
    vision = VisionPage(title="Our vision", slug="our-vision", vision_statement="Better care.", show_in_menus=True)
    publish(home, vision)
    publish(
        home,
        StandardPage(
            title="About us",
            slug="about-us",
            listing_summary="Who we are.",
            body=[{"type": "rich_text", "value": "<p>We are a partnership.</p>"}],
            show_in_menus=True,
        ),
    )
    our_work = publish(home, ProgrammeIndexPage(title="Our work", slug="our-work", show_in_menus=True))
    partners_index = publish(home, PartnerIndexPage(title="Our partners", slug="partners", show_in_menus=True))
    news_index = publish(home, NewsIndexPage(title="News", slug="news", show_in_menus=True))

    partners = add_partners(partners_index, 0, 3, image)
    programmes = add_programmes(our_work, 0, 3, image, partners)
    documents = [make_document(f"Document {number}") for number in range(3)]
    programme = ProgrammePage(
        title="Maternity",
        slug="maternity",
        listing_summary="Care for mums and babies.",
        listing_image=image,
        introduction="<p>About maternity.</p>",
        aims=[{"type": "aim", "value": {"aim": "Safer births.", "targets": []}}],
        resources=[{"type": "document", "value": {"document": doc.pk, "title": ""}} for doc in documents],
        lead_email="maternity@example.org",
    )
    programme.partners = partners
    programme = publish(our_work, programme)
    make_many_news(news_index, 5, programmes=[programme], image=image)
    item = make_news(
        news_index,
        "Every part",
        date(2026, 11, 1),
        programmes=[programme, programmes[0]],
        image=image,
        body=[
            {"type": "rich_text", "value": "<p>What happened.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "A view", "decorative": False, "caption": ""}},
            {"type": "document_link", "value": {"document": documents[0].pk, "title": ""}},
        ],
    )
    item.partners = partners[:2]
    item.save_revision().publish()

    def grow(count):
        """Many more partners, programmes and news items (all linked to the pages measured)."""
        more_partners = add_partners(partners_index, 100, count, image)
        add_programmes(our_work, 100, count, image, [partners[0], *more_partners])
        make_many_news(news_index, count * 10, programmes=[programme], image=image, start=date(2019, 1, 1))

    return {"grow": grow, "partner": partners[0], "programme": programme, "item": item}


def urls(site):
    return {
        "home": "/",
        "vision": "/our-vision/",
        "standard page": "/about-us/",
        "programme index": "/our-work/",
        "programme page": local_url(site["programme"]),
        "partner index": "/partners/",
        "partner page": local_url(site["partner"]),
        "news index": "/news/",
        "news index, page 2": "/news/?page=2",
        "news index, one programme": "/news/?programme=maternity",
        "news page": local_url(site["item"]),
    }


def measure(client, site, host="testserver"):
    """Queries per page type, each after a first view (which makes image renditions and fills the
    shared caches, as the first visitor after a publish does)."""
    counts, queries = {}, {}
    for name, url in urls(site).items():
        assert client.get(url, HTTP_HOST=host).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 200, url
        assert "X-Page-Cache" not in response  # a real render, not the whole-page cache
        counts[name] = len(captured)
        queries[name] = [query["sql"] for query in captured.captured_queries]
    return counts, queries


def over_budget(counts, queries):
    """The pages over budget, each with its count and the start of each query (pytest shows them)."""
    return {name: [count, *(sql[:200] for sql in queries[name])] for name, count in counts.items() if count > BUDGET}


def test_page_queries_stay_small(client, home, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # measure the render, not the whole-page cache
    publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="X", show_in_menus=True))
    client.get("/our-vision/")  # fill the menu cache
    with django_assert_max_num_queries(10):
        assert client.get("/our-vision/").status_code == 200


def test_every_page_type_stays_within_ten_queries_with_few_or_many_items(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    small, small_queries = measure(client, site)
    assert not over_budget(small, small_queries), small

    site["grow"](40)
    large, large_queries = measure(client, site)
    assert not over_budget(large, large_queries), large
    assert small == large, (small, large)  # no list costs a query per item

    # The pages really show the lists measured.
    assert client.get("/our-work/").content.decode().count("nhsuk-card__link") == 44
    assert client.get("/partners/").content.decode().count("nhsuk-card__link") == 43
    assert client.get("/").content.decode().count('href="/our-work/programme-') == 43
    partner_html = client.get(local_url(site["partner"])).content.decode()
    assert partner_html.count('href="/our-work/programme-') == 43


def test_the_budget_holds_on_each_partnership_site_and_each_lists_only_its_own(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    first = build_every_page_type(home)
    second_home = add_site("second.example").root_page.specific
    second = build_every_page_type(second_home)
    ProgrammePage.objects.filter(pk=second["programme"].pk).update(title="Second site maternity")
    content_version.bump()
    first_counts, first_queries = measure(client, first)
    second_counts, second_queries = measure(client, second, "second.example")
    assert not over_budget(first_counts, first_queries), first_counts
    assert not over_budget(second_counts, second_queries), second_counts
    assert first_counts == second_counts

    second["grow"](20)
    grown, grown_queries = measure(client, second, "second.example")
    assert grown == second_counts, (second_counts, grown)

    # Each site's home, programmes and partner lists name only its own pages.
    first_home = client.get("/").content.decode()
    second_home_html = client.get("/", HTTP_HOST="second.example").content.decode()
    assert first_home.count('href="/our-work/programme-') == 3
    assert second_home_html.count('href="/our-work/programme-') == 23
    assert "Second site maternity" in second_home_html and "Second site maternity" not in first_home
    assert client.get("/our-work/").content.decode().count("nhsuk-card__link") == 4


def test_shared_lists_are_read_again_when_staff_publish(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    html = client.get("/").content.decode()
    assert "Programme 0" in html and "Every part" in html
    # Publishing changes the content version: the lists are read again, and show the change.
    programme = ProgrammePage.objects.get(slug="programme-1")
    programme.title = "Renamed programme"
    programme.save_revision().publish()
    html = client.get("/").content.decode()
    assert "Renamed programme" in html and "Programme 1<" not in html


def test_a_page_made_private_leaves_every_list_at_once(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for url in ("/", "/our-work/", "/news/", local_url(site["partner"])):
        client.get(url)  # fill the cached lists
    programme = ProgrammePage.objects.get(slug="programme-0")
    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)

    assert 'href="/our-work/programme-0/"' not in client.get("/").content.decode()
    assert 'href="/our-work/programme-0/"' not in client.get("/our-work/").content.decode()
    assert 'href="/our-work/programme-0/"' not in client.get(local_url(site["partner"])).content.decode()
    response = client.get("/our-work/programme-0/")
    assert response.status_code == 302 and "login/?next=/our-work/programme-0/" in response["Location"]
    assert ">Programme 0<" not in client.get("/news/").content.decode()  # not a filter choice either

    PageViewRestriction.objects.filter(page=programme).delete()
    assert 'href="/our-work/programme-0/"' in client.get("/our-work/").content.decode()
    assert client.get("/our-work/programme-0/").status_code == 200


def test_private_sections_hide_their_descendants(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    index = ProgrammeIndexPage.objects.get()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert ProgrammePage.objects.live().public().count() == 0
    assert ProgrammePage.objects.live().not_public().count() == ProgrammePage.objects.live().count()
    html = client.get("/our-work/maternity/").content.decode()
    assert "password" in html.lower() and "Care for mums and babies" not in html


def test_the_cached_site_follows_changes_to_the_site(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert client.get("/our-vision/").status_code == 200
    vision = VisionPage.objects.get()
    Site.objects.update(root_page=vision)  # no signal: the cached copy is still used
    Site.objects.get().save()  # a save (as in the admin) bumps the content version
    response = client.get("/")
    assert response.status_code == 200 and "Better care." in response.content.decode()


def test_cached_evaluates_querysets_and_is_dropped_on_publish(home):
    built = []

    def build():
        built.append(1)
        return VisionPage.objects.all()

    assert content_version.cached("test", build) == []
    assert content_version.cached("test", build) == [] and len(built) == 1
    publish(home, VisionPage(title="Our vision", slug="our-vision", vision_statement="X"))
    assert [page.slug for page in content_version.cached("test", build)] == ["our-vision"]
    assert len(built) == 2
