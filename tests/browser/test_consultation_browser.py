"""An exercise's questionnaire in Chromium: keyboard only, bad answers then good, with JavaScript on and
off; axe-core on the exercise, the questionnaire (and its error state), the thank-you page, the closed
questionnaire and the outcome page, at 320px and 1280px."""

import datetime

import pytest

from django.utils import timezone

from stp_site.consultations.models import ConsultationResponse
from tests.browser.conftest import WIDTHS
from tests.browser.test_signup_browser import SEND_BUTTON, tab_to, tab_to_id
from tests.consultations.factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    OutcomePageFactory,
    add_themes,
    with_questionnaire,
)
from tests.get_involved.factories import GetInvolvedPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def exercise(home, settings):
    settings.SIGNUP_MIN_SECONDS = 0  # the browser is quicker than a person; the trap has its own tests
    index = ConsultationIndexPageFactory(parent=GetInvolvedPageFactory(parent=home))
    return with_questionnaire(ConsultationPageFactory(parent=index, title="A new clinic for Leek", slug="leek-clinic"))


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_keyboard_only_through_errors_to_thank_you(live_server, exercise, open_page, javascript):
    page = open_page(live_server.url + exercise.url, width=1280, javascript=javascript)
    tab_to(page, "document.activeElement && document.activeElement.textContent.trim() === 'Answer the questionnaire'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/respond/")

    tab_to_id(page, "id_q_how_far_would_you_travel_in_miles")
    page.keyboard.type("far")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_selector(".nhsuk-error-summary")
    assert page.title().startswith("Error: ")
    links = page.locator(".nhsuk-error-summary a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_q_what_matters_most_to_you",
        "#id_q_which_town_do_you_live_in_0",
        "#id_q_how_far_would_you_travel_in_miles",
        "#id_consent",
    ]
    assert page.input_value("#id_q_how_far_would_you_travel_in_miles") == "far"
    assert ConsultationResponse.objects.count() == 0

    if javascript:  # NHS.UK's error summary takes focus; its first link goes to the first question
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.id === 'id_q_what_matters_most_to_you'")
    else:
        tab_to_id(page, "id_q_what_matters_most_to_you")
    page.keyboard.type("Being seen near home.")
    tab_to_id(page, "id_q_which_town_do_you_live_in_0")
    page.keyboard.press("Space")
    tab_to_id(page, "id_q_how_far_would_you_travel_in_miles")
    page.keyboard.press("Control+A")
    page.keyboard.type("7")
    tab_to_id(page, "id_q_when_did_you_last_see_a_gp_0")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("11")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    tab_to_id(page, "id_email")
    page.keyboard.type("sian@example.com")
    tab_to_id(page, "id_hear_back")
    page.keyboard.press("Space")
    tab_to_id(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, SEND_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url("**/respond/thank-you/")
    assert page.locator("h1").inner_text() == "Answers sent"

    stored = ConsultationResponse.objects.get()
    assert stored.answers["which_town_do_you_live_in"] == "Leek"
    assert stored.answers["how_far_would_you_travel_in_miles"] == "7"
    assert stored.answers["when_did_you_last_see_a_gp"] == "2026-11-03"
    assert (stored.email, stored.hear_back) == ("sian@example.com", True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_consultation_pages_have_no_wcag_violations(
    live_server, exercise, open_page, assert_accessible, width, javascript
):
    assert_accessible(open_page(live_server.url + exercise.get_parent().url, width=width, javascript=javascript))
    assert_accessible(open_page(live_server.url + exercise.url, width=width, javascript=javascript))
    page = open_page(live_server.url + exercise.url + "respond/", width=width, javascript=javascript)
    assert_accessible(page)
    page.click("main button[type=submit]")
    page.wait_for_selector(".nhsuk-error-summary")
    assert_accessible(page)
    page.fill("#id_q_what_matters_most_to_you", "Shorter waits.")
    page.check("#id_q_which_town_do_you_live_in_1")
    page.check("#id_consent")
    page.click("main button[type=submit]")
    page.wait_for_url("**/thank-you/")
    assert_accessible(page)

    closed = ConsultationPageFactory(
        parent=exercise.get_parent(),
        title="Our vision",
        slug="our-vision",
        opens_on=timezone.now() - 90 * DAY,
        closes_on=timezone.now() - DAY,
    )
    with_questionnaire(closed)
    outcome = add_themes(OutcomePageFactory(parent=closed), ("Care closer to home", 120), ("Travel", 45))
    page = open_page(live_server.url + closed.url + "respond/", width=width, javascript=javascript)
    assert "cannot take any more answers" in page.content()
    assert_accessible(page)
    assert_accessible(open_page(live_server.url + closed.url, width=width, javascript=javascript))
    assert_accessible(open_page(live_server.url + outcome.url, width=width, javascript=javascript))
