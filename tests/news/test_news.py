"""News: the index (order, dates, pages, programme filter, bad input), news pages, feeds, the news on
home and programme pages, publishing (groups, workflow, schedule, preview) and the admin's checks."""

import re
from datetime import date, timedelta

import feedparser
import pytest
from pytest_django.asserts import assertInHTML

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from news.models import NewsIndexPage, NewsPage
from news.publishing import APPROVERS, COMMS_EDITORS, WORKFLOW_NAME
from stp_site.home.models import HomePage
from stp_site.partners.models import PartnerIndexPage, PartnerPage
from tests import html as h
from tests.factories import make_document, make_image
from tests.news_helpers import make_many_news, make_news, make_news_section, publish
from tests.sites import demo_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home):
    news_index, programmes = make_news_section(home)
    return {"home": home, "index": news_index, **programmes}


def cards(html):
    """The addresses the news cards link to, in order."""
    return h.hrefs(html, class_="nhsuk-card__link")


# --- The index -------------------------------------------------------------------------------------


def test_index_is_newest_first_ten_a_page_with_dates(client, section):
    for number in range(12):
        make_news(section["index"], f"Item {number:02d}", date(2016, 12, 1) + timedelta(days=number))
    first = client.get("/news/")
    html = first.content.decode()
    assert first.status_code == 200
    links = cards(html)
    assert len(links) == 10
    assert links[0] == "/news/item-11/" and links[-1] == "/news/item-02/"
    assert "12 December 2016" in html  # dates always shown, as "15 December 2016"
    pagination = h.element(html, class_="nhsuk-pagination nhsuk-pagination--numbered")
    assert h.elements(pagination, "a", href="?page=2", rel="next")
    assert h.texts(pagination, "a", aria_current="page") == ["1"]
    second = client.get("/news/?page=2").content.decode()
    assert cards(second) == ["/news/item-01/", "/news/item-00/"]
    assert "1 December 2016" in second
    assert h.elements(second, "a", href="?page=1", rel="prev")
    assert h.texts(second, "title")[0].startswith("Page 2 of 2 - News")


def test_index_shows_only_live_public_news(client, section):
    make_news(section["index"], "Draft item", date(2020, 1, 1), publish_it=False)
    private = make_news(section["index"], "Private item", date(2020, 1, 2))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_news(section["index"], "Public item", date(2020, 1, 3))
    html = client.get("/news/").content.decode()
    assert cards(html) == ["/news/public-item/"]


def test_filter_by_programme_with_a_plain_get_form(client, section):
    make_news(section["index"], "About digital", date(2021, 1, 1), programmes=[section["digital"]])
    make_news(section["index"], "About maternity", date(2021, 1, 2), programmes=[section["maternity-and-children"]])
    html = client.get("/news/").content.decode()
    assert h.elements(html, "form", class_="news-filter", method="get", action="/news/")
    assertInHTML('<label class="nhsuk-label" for="programme">Show news about</label>', html)
    assertInHTML('<option value="digital">Digital</option>', html)
    filtered = client.get("/news/?programme=digital").content.decode()
    assert cards(filtered) == ["/news/about-digital/"]
    assertInHTML('<option value="digital" selected>Digital</option>', filtered)
    feed = {"type": "application/rss+xml", "title": "News about Digital", "href": "/news/feed/digital/"}
    assert h.elements(filtered, "link", **feed)


def test_filter_keeps_programme_in_pagination_links(client, section):
    for number in range(11):
        make_news(section["index"], f"Digital {number}", date(2021, 1, 1 + number), programmes=[section["digital"]])
    html = client.get("/news/?programme=digital").content.decode()
    assert h.elements(html, "a", href="?programme=digital&page=2", rel="next")
    assert len(cards(client.get("/news/?programme=digital&page=2").content.decode())) == 1


@pytest.mark.parametrize(
    ("query", "expect"),
    [
        ("?page=abc", "first"),
        ("?page=0", "first"),
        ("?page=-3", "first"),
        ("?page=1.5", "first"),
        ("?page=99999", "last"),
        ("?page=" + "9" * 400, "last"),
        ("?programme=unknown", "empty"),
        ("?programme=" + "x" * 5000, "empty"),
        ("?programme=%3Cscript%3E%ff", "empty"),
        ("?programme=%00%ff%3Cscript%3E", "bad request"),
        ("?programme=digital&page=abc", "first"),
        ("?" + "&".join(f"p{n}=v" for n in range(150)), "first"),
    ],
)
def test_bad_input_never_gives_an_error(client, section, query, expect):
    for number in range(12):
        make_news(section["index"], f"Item {number:02d}", date(2020, 1, 1 + number), programmes=[section["digital"]])
    response = client.get("/news/" + query)
    html = response.content.decode()
    if expect == "bad request":  # a NUL byte gets the 400 page (tests/core/test_nul_bytes.py)
        assert response.status_code == 400
        return
    assert response.status_code == 200
    if expect == "first":
        assert cards(html)[0] == "/news/item-11/"
    elif expect == "last":
        assert cards(html) == ["/news/item-01/", "/news/item-00/"]
    else:
        assert cards(html) == []
        assert "We could not find that programme." in html
        assert "<script>" not in html.split("<main", 1)[1]


def test_empty_index_says_so(client, section):
    html = client.get("/news/").content.decode()
    assert "There is no news yet." in html
    html = client.get("/news/?programme=digital").content.decode()
    assert "There is no news about Digital yet." in html


def test_index_query_count_is_the_same_at_10_and_1000_items(client, section, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0  # count a full render, not a whole-page cache hit
    image = make_image("A blue square")
    make_many_news(section["index"], 10, programmes=[section["digital"]], image=image)
    client.get("/news/")  # make the renditions once, as the first visitor would
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as small:
        html = client.get("/news/").content.decode()
    assert len(cards(html)) == 10 and html.count("<picture") == 10

    make_many_news(section["index"], 990, programmes=[section["digital"]], image=image, start=date(2019, 1, 1))
    assert NewsPage.objects.live().count() == 1000
    client.get("/news/?page=50")
    with django_assert_max_num_queries(10), CaptureQueriesContext(connection) as large:
        html = client.get("/news/?page=50").content.decode()
    assert len(cards(html)) == 10 and html.count("<picture") == 10
    assert "page 50 of 100" in html
    assert len(small) == len(large), [q["sql"][:150] for q in large.captured_queries]


# --- A news page ----------------------------------------------------------------------------------


@pytest.fixture
def full_news_page(section):
    home = section["home"]
    partners = publish(home, PartnerIndexPage(title="Partners", slug="partners"))
    partner = publish(partners, PartnerPage(title="Healthwatch Staffordshire", slug="healthwatch-staffordshire"))
    image = make_image("Sunrise")
    document = make_document("Our plan")
    other = make_news(section["index"], "Older digital news", date(2020, 5, 1), programmes=[section["digital"]])
    page = make_news(
        section["index"],
        "Every block",
        date(2016, 12, 15),
        programmes=[section["digital"]],
        image=image,
        listing_summary="A summary for cards.",
        body=[
            {"type": "rich_text", "value": "<h2>What happened</h2><p>We met.</p>"},
            {"type": "inset_text", "value": {"body": "<p>Ask for large print.</p>"}},
            {"type": "warning_callout", "value": {"title": "Important", "body": "<p>Call 999.</p>"}},
            {"type": "details", "value": {"summary": "Who can join?", "body": "<p>Anyone.</p>"}},
            {"type": "action_link", "value": {"text": "Read our plan", "page": None, "url": "https://example.org/"}},
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "A sunrise", "decorative": False, "caption": "Dawn"},
            },
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
    page.partners = [partner]
    page.save_revision().publish()
    return {"page": page, "other": other, "partner": partner, **section}


def test_news_page_shows_date_image_body_programmes_partners_and_related(client, full_news_page):
    html = client.get("/news/every-block/").content.decode()
    assertInHTML("<h1>Every block</h1>", html)
    assertInHTML('<time datetime="2016-12-15">15 December 2016</time>', html)
    assert "A summary for cards." in html
    assert h.elements(html, "img", alt="A test picture")
    for text in ("What happened", "Ask for large print.", "Call 999.", "Who can join?", "Read our plan", "Dawn"):
        assert text in html
    links = h.links(html)
    assert ("/our-work/digital/", "Digital") in links
    assert ("/partners/healthwatch-staffordshire/", "Healthwatch Staffordshire") in links
    assert "Related news" in html and "/news/older-digital-news/" in h.hrefs(html)


def test_news_page_has_open_graph_canonical_and_news_article_data(client, full_news_page):
    html = client.get("/news/every-block/").content.decode()
    assert h.attribute(html, "link", "href", rel="canonical") == "http://localhost/news/every-block/"
    assert h.meta(html, property="og:type") == "article"
    assert h.meta(html, property="article:published_time") == "2016-12-15"
    assert h.meta(html, property="og:image").startswith("http://testserver/")
    assert h.elements(html, "link", type="application/rss+xml", title="All news", href="/news/feed/")
    data = h.json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Every block"
    assert data["datePublished"] == "2016-12-15"
    assert data["mainEntityOfPage"] == "http://localhost/news/every-block/"
    assert data["image"].startswith("http://testserver/")
    assert data["publisher"]["name"]


def test_structured_data_cannot_break_out_of_its_script(client, section):
    make_news(section["index"], "Tricky", date(2020, 1, 1), listing_summary="</script><script>alert(1)</script>")
    html = client.get("/news/tricky/").content.decode()
    assert h.json_ld(html)["description"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_decorative_lead_image_has_empty_alt(client, section):
    item = make_news(section["index"], "Decorative", date(2020, 1, 1), image=make_image())
    item.image_alt = ""
    item.image_decorative = True
    item.save_revision().publish()
    html = client.get("/news/decorative/").content.decode()
    lead_image = h.element(h.element(html, class_="news-lead-image"), "img")
    assert dict(lead_image.attributes)["alt"] == ""


def test_publication_date_defaults_to_first_publish(section):
    page = NewsPage(title="No date given", slug="no-date-given", listing_summary="x")
    section["index"].add_child(instance=page)
    assert page.date is None
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.date == timezone.localdate()


def test_chosen_related_news_come_first(client, section):
    chosen = make_news(section["index"], "Chosen", date(2019, 1, 1))
    page = make_news(section["index"], "Main", date(2020, 1, 1), programmes=[section["digital"]])
    make_news(section["index"], "Same programme", date(2020, 2, 1), programmes=[section["digital"]])
    page.related_links.create(related_page=chosen)
    page.save_revision().publish()
    html = client.get("/news/main/").content.decode()
    assert "Related news" in h.texts(html, "h2")
    assert cards(h.element(html, "ul", class_="nhsuk-card-group")) == ["/news/chosen/"]


# --- Feeds ----------------------------------------------------------------------------------------


def test_feeds_are_valid_rss_with_the_right_items(client, section):
    for number in range(25):
        programmes = [section["digital"]] if number % 2 else [section["maternity-and-children"]]
        make_news(section["index"], f"Item {number:02d}", date(2020, 1, 1) + timedelta(days=number), programmes)

    response = client.get("/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert len(feed.entries) == 20
    assert feed.entries[0].title == "Item 24"
    assert feed.entries[0].link == "http://localhost/news/item-24/"
    assert feed.entries[0].summary == "Summary of Item 24."
    assert feed.entries[0].published_parsed[:3] == (2020, 1, 25)
    item = NewsPage.objects.get(slug="item-24")
    assert feed.entries[0].id == f"urn:uuid:{item.translation_key}"
    assert feed.entries[0].guidislink is False

    programme_feed = feedparser.parse(client.get("/news/feed/digital/").content)
    assert programme_feed.bozo == 0
    assert "Digital" in programme_feed.feed.title
    assert [entry.title for entry in programme_feed.entries] == [f"Item {n:02d}" for n in range(23, 0, -2)]


def test_guid_stays_the_same_when_the_slug_changes(client, section):
    item = make_news(section["index"], "First title", date(2020, 1, 1))
    before = feedparser.parse(client.get("/news/feed/").content).entries[0].id
    item.slug = "new-slug"
    item.title = "New title"
    item.save_revision().publish()
    after = feedparser.parse(client.get("/news/feed/").content).entries[0]
    assert after.id == before and after.link.endswith("/news/new-slug/")


def test_unknown_or_unpublished_programme_feed_is_404(client, section):
    assert client.get("/news/feed/no-such-programme/").status_code == 404
    section["digital"].unpublish()
    assert client.get("/news/feed/digital/").status_code == 404
    assert client.get("/news/feed/" + "x" * 3000 + "/").status_code == 404


def test_feed_slug_is_reserved(section):
    page = NewsPage(title="Feed", slug="feed", listing_summary="x")
    with pytest.raises(Exception, match="used by the news feed"):
        section["index"].add_child(instance=page)


# --- News on the home page and programme pages -------------------------------------------------------


def test_programme_page_shows_its_latest_three_and_links_its_feed(client, section):
    for number in range(4):
        make_news(section["index"], f"Digital {number}", date(2021, 1, 1 + number), programmes=[section["digital"]])
    make_news(section["index"], "Maternity only", date(2022, 1, 1), programmes=[section["maternity-and-children"]])
    response = client.get("/our-work/digital/")
    items = response.context["related_news"]
    assert [item.title for item in items] == ["Digital 3", "Digital 2", "Digital 1"]
    assert items[0].url == "/news/digital-3/" and items[0].date == date(2021, 1, 4)
    assert items[0].listing_summary == "Summary of Digital 3."
    html = response.content.decode()
    assert cards(html) == ["/news/digital-3/", "/news/digital-2/", "/news/digital-1/"]
    assert response.context["news_feed_url"] == "/news/feed/digital/"
    assertInHTML(
        '<link rel="alternate" type="application/rss+xml" title="News about Digital" href="/news/feed/digital/">', html
    )


def test_home_page_shows_the_latest_three_and_the_feed(client, section):
    for number in range(5):
        make_news(section["index"], f"Item {number}", date(2021, 1, 1 + number))
    response = client.get("/")
    assert [item.title for item in response.context["latest_news"]] == ["Item 4", "Item 3", "Item 2"]
    html = response.content.decode()
    assert "Latest news" in html and "/news/item-4/" in h.hrefs(html)
    assert h.elements(html, "link", type="application/rss+xml", title="All news", href="/news/feed/")


def test_publish_and_unpublish_show_everywhere_at_once(client, section):
    make_news(section["index"], "Old news", date(2020, 1, 1), programmes=[section["digital"]])
    urls = ["/news/", "/our-work/digital/", "/", "/news/feed/", "/news/feed/digital/"]
    for url in urls:  # fill any cache there is
        assert "/news/fresh-news/" not in client.get(url).content.decode()
    fresh = make_news(section["index"], "Fresh news", date(2026, 11, 20), programmes=[section["digital"]])
    for url in urls:
        assert "/news/fresh-news/" in client.get(url).content.decode(), url
    fresh.unpublish()
    for url in urls:
        assert "/news/fresh-news/" not in client.get(url).content.decode(), url
    assert client.get("/news/fresh-news/").status_code == 404


# --- Publishing ------------------------------------------------------------------------------------


def test_scheduled_item_appears_only_after_publish_scheduled(client, section, monkeypatch):
    page = make_news(section["index"], "Scheduled", date(2026, 12, 1), publish_it=False)
    page.go_live_at = timezone.now() + timedelta(minutes=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live is False
    call_command("publish_scheduled")
    for url in ("/news/", "/", "/news/feed/"):
        assert "/news/scheduled/" not in client.get(url).content.decode(), url
    assert client.get("/news/scheduled/").status_code == 404

    # The go-live time passes: publish_scheduled runs with the clock moved on, rather than the test waiting.
    later = timezone.now() + timedelta(minutes=2)
    with monkeypatch.context() as clock:
        clock.setattr(timezone, "now", lambda: later)
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live is True
    for url in ("/news/", "/", "/news/feed/"):
        assert "/news/scheduled/" in client.get(url).content.decode(), url
    assert client.get("/news/scheduled/").status_code == 200


def test_preview_renders_the_real_template(section):
    page = make_news(section["index"], "Preview me", date(2020, 1, 1), programmes=[section["digital"]])
    page.title = "Changed but not published"
    response = page.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assertInHTML("<h1>Changed but not published</h1>", html)
    assert h.meta(html, property="og:type") == "article"


def test_groups_and_workflow_are_set_up_on_the_news_section(section):
    index = section["index"]
    editors = Group.objects.get(name=COMMS_EDITORS)
    approvers = Group.objects.get(name=APPROVERS)
    User = get_user_model()
    editor = User.objects.create_user("editor-test", password="x")
    editor.groups.add(editors)
    approver = User.objects.create_user("approver-test", password="x")
    approver.groups.add(approvers)
    item = make_news(index, "Item", date(2020, 1, 1))

    editor_perms = item.permissions_for_user(editor)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert index.permissions_for_user(editor).can_add_subpage()
    assert item.permissions_for_user(approver).can_publish()
    assert not section["home"].permissions_for_user(editor).can_edit()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert image_permissions.user_has_permission(editor, "add")
    assert image_permissions.user_has_permission(editor, "choose")
    assert document_permissions.user_has_permission(editor, "choose")
    assert item.get_workflow().name == WORKFLOW_NAME
    task = item.get_workflow().tasks.get().specific
    assert list(task.groups.all()) == [approvers]
    # Setting up twice changes nothing.
    from news.publishing import ensure_publishing_setup

    ensure_publishing_setup(index)
    assert Group.objects.filter(name=COMMS_EDITORS).count() == 1
    assert editors.page_permissions.count() == 2


def test_ensure_demo_users_prints_each_password_once(section, capsys):
    from io import StringIO

    out = StringIO()
    call_command("ensure_demo_users", stdout=out)
    text = out.getvalue()
    User = get_user_model()
    for username, group in (("comms_editor", COMMS_EDITORS), ("approver", APPROVERS)):
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        password = re.search(rf"as {username} / (\S+)", text).group(1)
        assert user.check_password(password)
        assert password not in User.objects.get(username=username).password
    again = StringIO()
    call_command("ensure_demo_users", stdout=again)
    assert " / " not in again.getvalue() and "already exists" in again.getvalue()


# --- The admin refuses bad news items -------------------------------------------------------------


def add_form(admin_client, index):
    url = f"/admin/pages/add/news/newspage/{index.pk}/"
    data = querydict_from_html(admin_client.get(url).content.decode(), form_id="page-edit-form")
    data["body-count"] = "0"  # the StreamField's inputs are drawn by the admin's JavaScript
    return url, data


def test_admin_creates_a_news_item(admin_client, section):
    url, data = add_form(admin_client, section["index"])
    data["title"] = "Made in the admin"
    data["slug"] = "made-in-the-admin"
    data["listing_summary"] = "A summary."
    data.setlist("programmes", [str(section["digital"].pk)])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(slug="made-in-the-admin")
    assert [p.slug for p in page.programmes.all()] == ["digital"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"slug": "taken"}, "The slug &#x27;taken&#x27; is already in use within the parent page"),
        ({"slug": "feed"}, "is used by the news feed"),
        ({"listing_image": "IMAGE", "image_alt": "  "}, "Add alt text for the lead image, or tick"),
    ],
)
def test_admin_refuses_bad_news_items_with_a_clear_message(admin_client, section, change, message):
    make_news(section["index"], "Taken", date(2020, 1, 1), slug="taken")
    url, data = add_form(admin_client, section["index"])
    data.update({"title": "A new item", "slug": "a-new-item", "listing_summary": "Summary."})
    for key, value in change.items():
        data[key] = str(make_image().pk) if value == "IMAGE" else value
    response = admin_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert not NewsPage.objects.filter(slug="a-new-item").exists()


def test_decorative_image_without_alt_is_accepted(admin_client, section):
    url, data = add_form(admin_client, section["index"])
    data.update(
        {"title": "Decorative", "slug": "decorative", "listing_image": str(make_image().pk), "image_decorative": "on"}
    )
    assert admin_client.post(url, data).status_code == 302


# --- Page tree and demo content -----------------------------------------------------------------


def test_news_index_lives_once_under_the_home_page(section):
    assert NewsIndexPage in HomePage.allowed_subpage_models()
    assert NewsIndexPage.max_count_per_parent == 1  # one per partnership's home page
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_demo_news_loads_once_with_dates_and_programmes(section):
    from news.demo import load

    Page.objects.filter(pk=section["index"].pk).delete()
    out = type("Out", (), {"write": lambda self, text: None})()
    load(out, demo_partnership())
    load(out, demo_partnership())
    assert NewsPage.objects.live().count() == 31  # with the news item written jointly with Shropshire
    vision = NewsPage.objects.get(slug="new-vision-launched")
    assert vision.date == date(2018, 6, 14)
    assert timezone.localdate(vision.first_published_at) == date(2018, 6, 14)
    notes = NewsPage.objects.get(slug="my-pregnancy-notes")
    assert sorted(p.slug for p in notes.programmes.all()) == ["digital", "maternity-and-children"]
    assert notes.listing_image is not None and notes.image_alt
    index = NewsIndexPage.objects.get()
    assert index.get_workflow().name == WORKFLOW_NAME


def test_preview_of_a_new_item_with_programmes_and_image(admin_client, section):
    """The admin's live preview of an item that has never been saved, as a comms editor first sees it."""
    url, data = add_form(admin_client, section["index"])
    data.update(
        {
            "title": "Not saved yet",
            "slug": "not-saved-yet",
            "listing_summary": "Summary.",
            "listing_image": str(make_image().pk),
            "image_alt": "A blue square",
        }
    )
    data.setlist("programmes", [str(section["digital"].pk)])
    preview_url = f"/admin/pages/add/news/newspage/{section['index'].pk}/preview/"
    response = admin_client.post(preview_url, data)
    assert response.json()["is_valid"] is True
    response = admin_client.get(preview_url)
    html = response.content.decode()
    assert response.status_code == 200, html[:2000]
    assertInHTML("<h1>Not saved yet</h1>", html)
    assert ("/our-work/digital/", "Digital") in h.links(html)
    assert h.elements(html, "img", alt="A blue square")
