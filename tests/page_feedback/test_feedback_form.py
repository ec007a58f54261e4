"""'Is this page useful?': a vote stores one anonymous row and sets no cookie, as a plain HTML form and with
JavaScript's fragment; a comment is checked like every answer residents type; forged tokens, the honeypot,
cross-site posts and the rate limit are refused, never with a 500; the page stays in the whole-page cache."""

import datetime

import pytest
from pytest_django.asserts import assertInHTML

from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

from stp_site.page_feedback.models import PageFeedback
from stp_site.page_feedback.offered import view_token, vote_token
from tests import html as h
from tests.governance.factories import MeetingPageFactory, make_governance
from tests.home.factories import StandardPageFactory

from .helpers import COMMENT_URL, FRAGMENT, VOTE_URL, comment, vote, vote_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home):
    return StandardPageFactory(parent=home, title="Winter vaccinations", slug="winter-vaccinations")


def page_content(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def assert_never_stored(response):
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_content_page_asks_and_stays_in_the_page_cache(client, page):
    first = client.get(page.url)
    second = client.get(page.url)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    for response in (first, second):
        content = response.content.decode()
        assert h.texts(content, "h2", id="page-feedback-heading") == ["Is this page useful?"]
        assert vote_form(content)["page"] == str(page.pk)
        assert "csrfmiddlewaretoken" not in content
        assert not response.cookies
    form = h.element(first.content.decode(), "form", class_="app-page-feedback__vote")
    assert dict(form.attributes)["action"] == VOTE_URL
    assert [dict(b.attributes)["value"] for b in h.elements(form, "button", name="useful")] == ["yes", "no"]


def test_home_page_asks_too(client, home):
    assert vote_form(client.get("/").content.decode())["page"] == str(home.pk)


@pytest.mark.parametrize("useful", ["yes", "no"])
def test_a_plain_form_vote_stores_one_row_and_sets_no_cookie(page, useful):
    client = Client(enforce_csrf_checks=True)  # as a browser: no CSRF token is needed, none is sent
    response = vote(client, page_content(client, page), useful)
    assert response.status_code == 200
    assert_never_stored(response)
    content = response.content.decode()
    assert h.texts(content, "h1") == ["Thank you for your feedback"]
    assert "<html" in content  # a page of its own, without JavaScript
    assertInHTML(f'<a href="{page.url}">Go back to Winter vaccinations</a>', content)
    (row,) = PageFeedback.objects.all()
    assert (row.page_id, row.useful, row.comment) == (page.pk, useful == "yes", "")
    # The comment step warns against personal details.
    assert "Do not include personal information like your name, contact details or health conditions" in content


def test_with_javascript_the_answer_is_the_panel_alone(client, page):
    response = vote(client, page_content(client, page), "no", **FRAGMENT)
    assert response.status_code == 200
    assert_never_stored(response)
    content = response.content.decode()
    assert "<html" not in content
    assert h.texts(content, "h2", id="page-feedback-heading") == ["Thank you for your feedback"]
    assert PageFeedback.objects.get().useful is False
    reply = comment(Client(), response, "Say when the clinics open.", **FRAGMENT)
    assert h.texts(reply.content.decode(), "h2", id="page-feedback-heading") == ["Thank you for your comment"]


def test_a_comment_is_stored_with_its_vote_once(client, page):
    voted = vote(client, page_content(client, page), "no")
    response = comment(client, voted, "  The opening times are missing.  ")
    assert response.status_code == 200
    assert_never_stored(response)
    assert h.texts(response.content.decode(), "h1") == ["Thank you for your comment"]
    assert PageFeedback.objects.get().comment == "The opening times are missing."
    comment(client, voted, "Something else")  # the same form sent again changes nothing
    assert PageFeedback.objects.get().comment == "The opening times are missing."
    assert PageFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 501, "Your comment must be 500 characters or fewer"),
        ("Bad\x00byte", "Your comment contains a character we cannot store. Type it again."),
        ("Hidden \u202e direction", "Your comment contains hidden text direction marks."),
        ("Bell\x07", "Your comment contains a character we cannot store. Type it again."),
        ("   ", "Enter how we can improve this page"),
    ],
)
@pytest.mark.parametrize("extra", [{}, FRAGMENT], ids=["plain", "fragment"])
def test_a_bad_comment_gets_the_error_summary_and_stores_nothing(client, page, text, message, extra):
    voted = vote(client, page_content(client, page), "no")
    response = comment(client, voted, text, **extra)
    assert response.status_code == 200
    assert_never_stored(response)
    content = response.content.decode()
    summary = h.element(content, class_="nhsuk-error-summary", role="alert", tabindex="-1")
    assert message in h.text(summary)
    assert h.attribute(summary, "a", "href") == "#id_comment"
    assert h.elements(content, "textarea", id="id_comment", aria_describedby="id_comment-hint id_comment-error")
    if not extra:
        assert "<title>Error: " in content
    assert PageFeedback.objects.get().comment == ""


def test_a_forged_page_id_or_token_is_refused(client, page, home):
    form = vote_form(page_content(client, page))
    cases = [
        {**form, "page": str(home.pk)},  # another page's id with this page's token
        {**form, "token": view_token(home.pk)},  # another page's token
        {**form, "token": form["token"] + "x"},
        {**form, "token": ""},
        {**form, "page": "not a number"},
        {**form, "useful": "maybe"},
        {"page": str(page.pk)},
    ]
    for data in cases:
        data.setdefault("useful", "yes")
        response = client.post(VOTE_URL, data)
        assert response.status_code == 400, data
        assert_never_stored(response)
        assert "Sorry, your feedback was not sent" in response.content.decode()
    assert PageFeedback.objects.count() == 0


def test_a_token_for_a_page_that_does_not_ask_is_refused(client, group):
    data = {"page": str(group.pk), "token": view_token(group.pk), "useful": "yes", "website": ""}
    assert client.post(VOTE_URL, data).status_code == 400
    assert PageFeedback.objects.count() == 0


def test_an_old_token_is_refused_with_a_link_back(client, page, settings):
    form = vote_form(page_content(client, page))
    settings.PAGE_FEEDBACK_TOKEN_SECONDS = -1  # every token is too old
    response = client.post(VOTE_URL, {**form, "useful": "yes"})
    assert response.status_code == 400
    assertInHTML(f'<a href="{page.url}">Go back to Winter vaccinations</a>', response.content.decode())
    assert PageFeedback.objects.count() == 0


def test_a_forged_vote_token_is_refused(client, page):
    vote(client, page_content(client, page), "no")
    row = PageFeedback.objects.get()
    for token in ["", "12", vote_token(row.pk) + "x", view_token(row.pk)]:
        response = client.post(COMMENT_URL, {"vote": token, "comment": "Hello", "website": ""})
        assert response.status_code == 400, token
    assert PageFeedback.objects.get().comment == ""


def test_the_honeypot_stores_nothing(client, page):
    voted = vote(client, page_content(client, page), "yes")
    assert PageFeedback.objects.count() == 1
    form = {**vote_form(page_content(client, page)), "website": "http://spam.example", "useful": "yes"}
    assert client.post(VOTE_URL, form).status_code == 400
    assert PageFeedback.objects.count() == 1
    token = h.attribute(voted.content.decode(), "input", "value", name="vote")
    response = client.post(COMMENT_URL, {"vote": token, "comment": "Buy now", "website": "spam"})
    assert response.status_code == 400
    assert PageFeedback.objects.get().comment == ""


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_ORIGIN": "https://elsewhere.example"},
        {"HTTP_ORIGIN": "http://testserver.evil.example"},
    ],
)
def test_a_post_from_another_site_is_refused(client, page, headers):
    response = vote(client, page_content(client, page), "yes", **headers)
    assert response.status_code == 400
    assert PageFeedback.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [{"HTTP_SEC_FETCH_SITE": "same-origin"}, {"HTTP_ORIGIN": "http://testserver"}, {"HTTP_ORIGIN": "null"}, {}],
)
def test_a_post_from_this_site_is_taken(client, page, headers):
    assert vote(client, page_content(client, page), "yes", **headers).status_code == 200
    assert PageFeedback.objects.count() == 1


def test_the_rate_limit(client, page, settings):
    settings.PAGE_FEEDBACK_RATE_LIMIT = "2/h"
    content = page_content(client, page)
    first = vote(client, content, "yes")
    assert vote(client, content, "no").status_code == 200
    response = vote(client, content, "no")
    assert response.status_code == 429
    assert_never_stored(response)
    assert "Please wait" in response.content.decode()
    assert PageFeedback.objects.count() == 2
    # A comment is refused too, and what was typed is shown again with no error.
    response = comment(client, first, "Kept for later")
    assert response.status_code == 429
    content = response.content.decode()
    assert "Kept for later" in content
    assert "nhsuk-error-summary" not in content
    assert not PageFeedback.objects.exclude(comment="").exists()
    # Another address has its own count.
    assert vote(Client(REMOTE_ADDR="192.0.2.9"), page_content(client, page), "yes").status_code == 200


def test_spam_does_not_use_up_the_limit(client, page, settings):
    settings.PAGE_FEEDBACK_RATE_LIMIT = "1/h"
    content = page_content(client, page)
    for _ in range(3):
        client.post(VOTE_URL, {**vote_form(content), "useful": "yes", "website": "x"})
    assert vote(client, content, "yes").status_code == 200


def test_the_endpoints_take_posts_only(client):
    for url in (VOTE_URL, COMMENT_URL):
        response = client.get(url)
        assert response.status_code == 405
        assert "no-store" in response["Cache-Control"]


def test_pages_that_do_not_ask(client, home, group):
    # A reference group's page is its sign-up form; its thank-you page is another view of it.
    for url in (group.url, group.url + "thank-you/", "/search/?q=care", "/not-here/"):
        assert "app-page-feedback" not in client.get(url).content.decode(), url


def test_a_meeting_asks_but_its_question_form_and_thank_you_page_do_not(client, home):
    section = make_governance(home)
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + datetime.timedelta(weeks=3)
    )
    assert "app-page-feedback__vote" in client.get(meeting.url).content.decode()
    for route in ("questions/", "questions/thank-you/"):
        response = client.get(meeting.url + route)
        assert response.status_code == 200, route
        assert "app-page-feedback" not in response.content.decode(), route


def test_previews_do_not_ask(editor_client, page):
    response = editor_client.get(f"/admin/pages/{page.pk}/view_draft/")
    assert response.status_code == 200
    assert "app-page-feedback" not in response.content.decode()


def test_a_vote_and_a_comment_cost_a_few_queries(client, page, django_assert_max_num_queries):
    content = page_content(client, page)
    with django_assert_max_num_queries(3):  # the page and its specific row, the insert
        voted = vote(client, content, "yes")
    with django_assert_max_num_queries(4):  # the vote with its page, the specific page, the update
        comment(client, voted, "Clear.")


def test_the_panel_adds_no_query(client, home, settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 0  # a full render: the home page costs no query (docs/performance.md)
    client.get("/")  # the menu, the site and the page's lists into their caches
    with django_assert_num_queries(0):
        assert "app-page-feedback__vote" in client.get("/").content.decode()


def test_a_private_page_does_not_ask_and_its_id_is_refused(client, page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x" * 12)
    data = {"page": str(page.pk), "token": view_token(page.pk), "useful": "yes", "website": ""}
    response = client.post(VOTE_URL, data)
    assert response.status_code == 400
    assert "Winter vaccinations" not in response.content.decode()
    data["token"] = "forged"
    assert "Winter vaccinations" not in client.post(VOTE_URL, data).content.decode()
    assert PageFeedback.objects.count() == 0
