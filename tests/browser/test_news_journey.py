"""News in Chromium: a comms editor writes, previews and submits a news item; an approver approves it;
it shows on every list and feed that carries it, and leaves them all when unpublished. And axe-core
finds nothing on the news index, its second page and a news item with every block, at 320px and 1280px."""

import urllib.request
from datetime import date, timedelta

import feedparser
import pytest
from playwright.sync_api import expect

from django.contrib.auth import get_user_model

from wagtail.models import Site

from news.models import NewsPage
from stp_site.partnerships.staff_groups import ensure_partnership
from tests.browser.conftest import WIDTHS
from tests.browser.staff import sign_in as sign_in_with_code
from tests.factories import make_document, make_image
from tests.news_helpers import make_news, make_news_section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "journey-test-password"


def sign_in(browser, base_url, username):
    return sign_in_with_code(browser, base_url, get_user_model().objects.get(username=username), PASSWORD)


def is_post_to(response, path):
    """The response to the form post to `path` (the admin answers a saved form with a redirect)."""
    return response.request.method == "POST" and path in response.url


def fetch(url):
    with urllib.request.urlopen(url) as response:  # noqa: S310 - the test's own live server
        return response.read()


def feed_titles(url):
    feed = feedparser.parse(fetch(url))
    assert feed.bozo == 0, feed.get("bozo_exception")
    return [entry.title for entry in feed.entries]


def public_places(live_server):
    return {
        "/news/": fetch(live_server.url + "/news/").decode(),
        "/our-work/digital/": fetch(live_server.url + "/our-work/digital/").decode(),
        "/": fetch(live_server.url + "/").decode(),
    }


@pytest.fixture
def newsroom(home):
    news_index, programmes = make_news_section(home)
    make_news(news_index, "Older news", date(2020, 1, 1), programmes=[programmes["digital"]])
    partnership, _ = ensure_partnership(Site.objects.get(is_default_site=True))
    User = get_user_model()
    editor = User.objects.create_user("comms_editor", password=PASSWORD)
    editor.groups.add(partnership.comms_editors)
    approver = User.objects.create_user("approver", password=PASSWORD)
    approver.groups.add(partnership.approvers)
    image = make_image("Volunteers at a stall")
    image.collection = partnership.collection  # the partnership's own library: its editors choose from it
    image.save()
    return {"index": news_index, "image": image, **programmes}


def test_editor_writes_previews_submits_approver_publishes_then_unpublishes(live_server, browser, newsroom):
    title = "New clinics open in Leek"

    # The comms editor writes the item, with an image and a programme, and previews it.
    context, page = sign_in(browser, live_server.url, "comms_editor")
    page.goto(f"{live_server.url}/admin/pages/add/news/newspage/{newsroom['index'].pk}/")
    page.fill("#id_title", title)
    page.fill("#id_listing_summary", "Two new clinics open this month.")
    page.get_by_role("button", name="Choose an image").click()
    page.get_by_role("link", name="Volunteers at a stall").click()
    page.wait_for_function("document.querySelector('input[name=listing_image]').value !== ''")
    page.fill("#id_image_alt", "Volunteers standing at a stall")
    page.locator(f'input[name="programmes"][value="{newsroom["digital"].pk}"]').check()
    assert page.locator('button[name="action-publish"]').count() == 0  # editors cannot publish

    page.locator('button[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.locator("h1").inner_text(timeout=20_000) == title
    assert "Two new clinics open this month." in preview.locator("main").inner_text()

    page.get_by_role("button", name="More actions").click()
    page.locator('button[name="action-submit"]').click()
    page.wait_for_url(lambda url: "/admin/pages/" in url and "/add/" not in url)  # the add page matched at once
    item = NewsPage.objects.get(title=title)
    assert item.live is False
    assert item.current_workflow_state.status == "in_progress"
    context.close()

    # Nothing shows before approval.
    for url, html in public_places(live_server).items():
        assert title not in html, url
    assert title not in feed_titles(live_server.url + "/news/feed/")

    # The approver approves it, which publishes it.
    context, page = sign_in(browser, live_server.url, "approver")
    page.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    with page.expect_response(lambda response: is_post_to(response, f"/admin/pages/{item.pk}/")) as approved:
        page.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').click()
    assert approved.value.status == 302  # the approval is saved (and committed) before the redirect
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.live is True
    assert item.date == date.today() or item.date == date.today() - timedelta(days=1)

    # It is on /news/, the programme page, the home page and both feeds at once.
    for url, html in public_places(live_server).items():
        assert title in html, url
    assert feed_titles(live_server.url + "/news/feed/")[0] == title
    assert feed_titles(live_server.url + "/news/feed/digital/")[0] == title
    visitor = browser.new_page()
    visitor.goto(live_server.url + "/news/")
    visitor.get_by_role("link", name=title).click()
    expect(visitor.locator("h1")).to_have_text(title)
    expect(visitor.locator(".news-lead-image img")).to_have_attribute("alt", "Volunteers standing at a stall")
    visitor.close()

    # Unpublishing removes it everywhere.
    page.goto(f"{live_server.url}/admin/pages/{item.pk}/unpublish/")
    with page.expect_response(lambda response: is_post_to(response, f"/admin/pages/{item.pk}/unpublish/")) as done:
        page.get_by_role("button", name="Yes, unpublish it").click()
    assert done.value.status == 302
    page.wait_for_load_state()
    context.close()
    item.refresh_from_db()
    assert item.live is False
    for url, html in public_places(live_server).items():
        assert title not in html, url
    assert title not in feed_titles(live_server.url + "/news/feed/")
    assert title not in feed_titles(live_server.url + "/news/feed/digital/")


@pytest.fixture
def news_pages(home):
    news_index, programmes = make_news_section(home)
    image = make_image("Sunrise")
    document = make_document("Our plan")
    for number in range(12):
        make_news(
            news_index,
            f"News item {number}",
            date(2020, 1, 1) + timedelta(days=number),
            programmes=[programmes["digital"]],
            image=image if number % 3 == 0 else None,
        )
    make_news(
        news_index,
        "Every block",
        date(2016, 12, 15),
        programmes=[programmes["digital"], programmes["maternity-and-children"]],
        image=image,
        body=[
            {"type": "rich_text", "value": "<h2>What happened</h2><p>We met <a href='/news/'>people</a>.</p>"},
            {"type": "inset_text", "value": {"body": "<p>Ask for large print.</p>"}},
            {"type": "warning_callout", "value": {"title": "Important", "body": "<p>Call 999.</p>"}},
            {"type": "details", "value": {"summary": "Who can join?", "body": "<p>Anyone.</p>"}},
            {"type": "action_link", "value": {"text": "See all news", "page": news_index.pk, "url": ""}},
            {"type": "image", "value": {"image": image.pk, "alt_text": "A sunrise", "decorative": False}},
            {
                "type": "table",
                "value": {
                    "table_caption": "Dates",
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "data": [["Day", "Event"], ["Monday", "Meeting"]],
                },
            },
            {"type": "document_link", "value": {"document": document.pk, "title": ""}},
        ],
    )
    return news_index


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize(
    "path", ["/news/", "/news/?page=2", "/news/every-block/", "/news/?programme=digital", "/our-work/digital/", "/"]
)
def test_news_pages_have_no_wcag_violations(
    live_server, news_pages, open_page, assert_accessible, path, width, javascript
):
    page = open_page(live_server.url + path, width=width, javascript=javascript)
    assert page.locator("main#maincontent h1").count() == 1
    assert_accessible(page)


def test_programme_filter_works_without_javascript(live_server, news_pages, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/news/")
    page.select_option("#programme", "maternity-and-children")
    page.get_by_role("button", name="Show news").click()
    expect(page).to_have_url(live_server.url + "/news/?programme=maternity-and-children")
    links = page.locator(".nhsuk-card__link").all_inner_texts()
    assert links == ["Every block"]
    context.close()
