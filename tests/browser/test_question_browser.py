"""A meeting's question form in Chromium: a keyboard-only journey through errors to the thank-you page,
then the answer published on the meeting's page; axe-core on the form, its error state, the thank-you
page, the closed form and the meeting with its answers, at 320px and 1280px, with JavaScript on and off."""

import datetime

import pytest

from django.utils import timezone

from get_involved.models import PublicQuestion
from tests.browser.conftest import WIDTHS
from tests.browser.test_signup_browser import SEND_BUTTON, tab_to, tab_to_id
from tests.governance.factories import MeetingPageFactory, make_governance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting(home, settings):
    settings.SIGNUP_MIN_SECONDS = 0  # the browser is quicker than a person; the trap has its own tests
    section = make_governance(home)
    return MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + datetime.timedelta(weeks=3)
    )


def test_keyboard_only_journey_through_errors_to_the_published_answer(live_server, meeting, open_page):
    page = open_page(live_server.url + meeting.url, width=1280)
    tab_to(page, "document.activeElement && document.activeElement.textContent.trim() === 'Send a question'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/")

    tab_to_id(page, "id_full_name")
    page.keyboard.type("Siân O'Brien")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error: ")
    links = page.locator(".nhsuk-error-summary a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_question",
        "#id_email",
        "#id_consent",
    ]
    assert page.input_value("#id_full_name") == "Siân O'Brien"
    assert PublicQuestion.objects.count() == 0

    page.keyboard.press("Tab")  # the summary has focus; its first link goes to the question
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'id_question'")
    page.keyboard.type("Will the new diagnostic centre open at weekends?")
    tab_to_id(page, "id_email")
    page.keyboard.type("sian@example.com")
    tab_to_id(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/questions/thank-you/")
    assert page.locator("h1").inner_text() == "Question sent"

    question = PublicQuestion.objects.get()
    assert (question.email, question.publish_name) == ("sian@example.com", False)
    question.answer, question.is_published = "Yes, on Saturdays from April.", True
    question.save()
    page = open_page(live_server.url + meeting.url, width=320)
    answers = page.locator("section[aria-labelledby=questions]").inner_text()
    assert "From a member of the public" in answers and "Yes, on Saturdays from April." in answers
    assert "Siân" not in page.content()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_question_pages_have_no_wcag_violations(live_server, meeting, open_page, assert_accessible, width, javascript):
    PublicQuestion.objects.create(
        meeting=meeting, full_name="Margaret Hollins", publish_name=True, question="Is there parking?",
        answer="Yes, 40 spaces, 4 of them for disabled drivers.", is_published=True, status="answered",
    )  # fmt: skip
    assert_accessible(open_page(live_server.url + meeting.url, width=width, javascript=javascript))

    form = live_server.url + meeting.url + "questions/"
    page = open_page(form, width=width, javascript=javascript)
    assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_selector(".nhsuk-error-summary")
    assert_accessible(page)
    page.fill("#id_question", "When will the papers be online?")
    page.fill("#id_full_name", "李小龙")
    page.fill("#id_phone", "01782 683080")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/thank-you/")
    assert_accessible(page)

    meeting.date = timezone.localdate()  # the deadline has passed
    meeting.save_revision().publish()
    page = open_page(form, width=width, javascript=javascript)
    assert "Questions for this meeting closed" in page.content()
    assert_accessible(page)
