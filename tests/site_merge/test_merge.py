"""run_merge and what B's host answers afterwards: every address B served leads, with one 301, to a page
that answers 200 on A's host; B's Site stays, with its redirects, but no longer points into A's tree."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from news.models import NewsPage
from programmes.models import ProgrammePage
from stp_site.glossary.models import GlossaryTerm
from stp_site.home.models import KnownAccessibilityIssue
from stp_site.site_merge.merge import MergeRefused, run_merge
from stp_site.site_merge.models import SiteMerge
from stp_site.site_merge.plan import plan_merge
from tests.factories import make_document

from .conftest import A_HOST, A_URL, B_HOST, B_URL, SECTION, follow, get

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client, host):
    response = client.get("/sitemap.xml", HTTP_HOST=host)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
    return [loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP_NS)]


def merge(sites, **kwargs):
    return run_merge(plan_merge(sites.b_site, sites.a_site, **kwargs))


def test_running_the_plan_moves_bs_pages_into_a(sites, admin_user):
    record = run_merge(plan_merge(sites.b_site, sites.a_site), user=admin_user)

    story = NewsPage.objects.get(pk=sites.b_story.pk)
    assert story.get_parent().pk == sites.a_news.pk
    assert story.url_path == "/staffordshire/news/b-story/"
    assert set(ProgrammePage.objects.child_of(sites.a_work).values_list("slug", flat=True)) == {
        "mental-health",
        "mental-health-shropshire-telford-and-wrekin",
        "maternity",
    }
    section = Page.objects.get(pk=sites.b_home.pk)
    assert section.get_parent().pk == sites.a_home.pk and section.slug == "shropshire-telford-and-wrekin"
    history = Page.objects.get(pk=sites.b_history.pk)
    assert history.url_path == "/staffordshire/shropshire-telford-and-wrekin/our-vision/history/"
    # B's news and programme indexes were emptied into A's and removed; so was its alias of A's privacy notice.
    assert not Page.objects.filter(pk__in=[sites.b_news.pk, sites.b_work.pk, sites.b_privacy.pk]).exists()
    # B's glossary page too, merged into A's, which now explains B's terms (but A's own "ICS").
    assert not Page.objects.filter(pk=sites.b_glossary.pk).exists()
    assert sorted(GlossaryTerm.objects.filter(site=sites.a_site).values_list("term", "meaning")) == [
        ("ICS", "Integrated care system."),
        ("PCN", "Primary care network."),
    ]
    assert KnownAccessibilityIssue.objects.get(pk=sites.b_issue.pk).site == sites.a_site

    b_site = Site.objects.get(pk=sites.b_site.pk)
    assert b_site.hostname == B_HOST
    placeholder = b_site.root_page
    assert not placeholder.live and placeholder.depth == 2  # at the top of the tree, outside A's
    assert not placeholder.path.startswith(sites.a_home.path)

    assert record == SiteMerge.objects.get(source=b_site, target=sites.a_site)
    assert record.merged_by == admin_user
    assert record.summary == {
        "pages_moved": 9,
        "pages_renamed": 2,
        "pages_removed": 4,
        "redirects_made": 13,
        "redirects_repointed": 1,
        "records_moved": 2,
        "records_kept": 1,
    }


def test_a_renamed_page_keeps_its_new_slug_when_its_draft_is_published(sites):
    merge(sites)
    page = ProgrammePage.objects.get(pk=sites.b_mental_health.pk)
    assert page.slug == "mental-health-shropshire-telford-and-wrekin"
    assert page.latest_revision.content["slug"] == page.slug
    page.latest_revision.publish()
    assert Page.objects.get(pk=page.pk).slug == "mental-health-shropshire-telford-and-wrekin"
    # A's own programme keeps its slug.
    assert Page.objects.get(pk=sites.a_mental_health.pk).slug == "mental-health"


def test_every_address_in_bs_sitemap_redirects_once_to_a_page_on_a(client, sites):
    old_urls = sitemap_urls(client, B_HOST)  # all but its alias of A's privacy notice (A lists that)
    assert len(old_urls) == 12 and all(url.startswith(f"{B_URL}/") for url in old_urls)
    assert all(get(client, url).status_code == 200 for url in old_urls)

    merge(sites)

    new_urls = set(sitemap_urls(client, A_HOST))
    for url in old_urls:
        response = get(client, url)
        assert response.status_code == 301, url
        location = response["Location"]
        assert location.startswith(f"{A_URL}/"), (url, location)
        assert get(client, location).status_code == 200, (url, location)
        assert location in new_urls, location  # the page's own address on A, which A's sitemap lists
    assert get(client, f"{B_URL}/")["Location"] == f"{A_URL}{SECTION}"
    assert get(client, f"{B_URL}/our-work/mental-health/")["Location"] == (
        f"{A_URL}/our-work/mental-health-shropshire-telford-and-wrekin/"
    )
    # B's alias of A's privacy notice leads to the original.
    assert get(client, f"{B_URL}/privacy/")["Location"] == f"{A_URL}/privacy/"
    # A's sitemap now lists B's pages; B's host has no sitemap of its own (it redirects to A's).
    assert f"{A_URL}/news/b-story/" in new_urls
    assert get(client, f"{B_URL}/sitemap.xml")["Location"] == f"{A_URL}/sitemap.xml"


def test_feeds_paging_and_documents_on_bs_host_lead_to_a(client, sites):
    document = make_document("Annual report")
    document_path = urlsplit(document.url).path
    assert client.get("/news/feed/", HTTP_HOST=B_HOST).status_code == 200

    merge(sites)

    response = get(client, f"{B_URL}/news/feed/")
    assert response.status_code == 301 and response["Location"] == f"{A_URL}/news/feed/"
    feed, _ = follow(client, f"{B_URL}/news/feed/")
    assert feed.status_code == 200 and b"B story" in feed.content and b"A story" in feed.content
    assert get(client, f"{B_URL}/news/?page=2&utm_source=x")["Location"] == f"{A_URL}/news/?page=2&utm_source=x"
    response = get(client, f"{B_URL}{document_path}")
    assert response.status_code == 301 and response["Location"] == f"{A_URL}{document_path}"
    served, _ = follow(client, f"{B_URL}{document_path}")
    assert served.status_code == 200 and b"".join(served.streaming_content).startswith(b"%PDF")
    assert get(client, f"{B_URL}/search/?q=story")["Location"] == f"{A_URL}/search/?q=story"


def test_bs_old_site_redirects_still_land_on_their_pages(client, sites):
    assert get(client, f"{B_URL}/latest-news")["Location"].endswith("/news/")  # before: B's news
    merge(sites)
    # Its page (B's news index) was merged into A's: the redirect was pointed at A's before B's went.
    redirect = Redirect.objects.get(pk=sites.old_site_redirect.pk)
    assert redirect.redirect_page_id == sites.a_news.pk
    assert get(client, f"{B_URL}/latest-news")["Location"] == f"{A_URL}/news/"
    assert get(client, f"{B_URL}/about-us")["Location"] == f"{A_URL}{SECTION}our-vision/"


def test_as_host_is_unchanged_and_bs_admin_and_health_check_are_left_alone(client, sites):
    before = {url: get(client, url).status_code for url in sitemap_urls(client, A_HOST)}
    merge(sites)
    assert {url: get(client, url).status_code for url in before} == dict.fromkeys(before, 200)
    admin = client.get("/admin/", HTTP_HOST=B_HOST)
    assert admin.status_code == 302 and admin["Location"].startswith("/admin/login/")
    assert client.get("/health/", HTTP_HOST=B_HOST).status_code == 200


def test_other_hosts_cost_no_query_once_the_merged_hosts_are_cached(client, sites, django_assert_num_queries):
    merge(sites)
    client.get("/", HTTP_HOST=A_HOST)  # fills the caches (page, site, merged hosts)
    with django_assert_num_queries(0):
        assert client.get("/", HTTP_HOST=A_HOST)["X-Page-Cache"] == "hit"


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "//evil.example/news/",
        "/%2e%2e/%2e%2e/",
        "/news/%ff%fe/",
        "/news/\\evil.example",
        "/news/b-story/%0d%0aSet-Cookie:%20x=1",
        "/" + "a/" * 2000,
        "/news/?" + "q=" + "z" * 5000,
        "/news/?page=%00",
        "/%E2%80%AE/",
        "/news/;param",
    ],
)
def test_hostile_addresses_on_bs_host_are_redirected_to_as_host_never_an_error(client, sites, path):
    merge(sites)
    response = client.get(path, HTTP_HOST=B_HOST)
    assert response.status_code in (301, 400, 404), response.status_code
    if response.status_code == 301:
        location = response["Location"]
        assert location.startswith(f"{A_URL}/"), location
        assert "\r" not in location and "\n" not in location
        landed, _ = follow(client, location)
        assert landed.status_code < 500


def test_a_site_is_merged_once(sites):
    plan = plan_merge(sites.b_site, sites.a_site)
    run_merge(plan)
    again = plan_merge(Site.objects.get(pk=sites.b_site.pk), sites.a_site)
    assert again.problems == ["Shropshire, Telford and Wrekin has already been merged into Together We're Better."]
    with pytest.raises(MergeRefused):
        run_merge(again)
    into_merged = plan_merge(sites.a_site, Site.objects.get(pk=sites.b_site.pk))
    assert "nothing can be merged into it" in into_merged.problems[0]


def test_merging_the_default_site_makes_the_target_the_default(sites):
    Site.objects.filter(pk=sites.a_site.pk).update(is_default_site=False)
    Site.objects.filter(pk=sites.b_site.pk).update(is_default_site=True)
    run_merge(plan_merge(Site.objects.get(pk=sites.b_site.pk), Site.objects.get(pk=sites.a_site.pk)))
    assert Site.objects.get(is_default_site=True).pk == sites.a_site.pk
