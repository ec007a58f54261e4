"""The online questionnaire: staff's questions rendered with the NHS.UK components, good answers stored in
one row (with the labels as asked, the referral code, consent and the privacy notice), bad answers shown
again with the error summary and every value kept, spam and closed exercises refused, and the page
never cached."""

import datetime

import pytest

from django.utils import timezone

from get_involved.forms import make_started_token
from stp_site.consultations.models import ConsultationResponse
from tests import html as h

from .conftest import good
from .factories import ConsultationPageFactory, with_questionnaire

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def respond_url(exercise):
    return exercise.url + "respond/"


def test_the_questionnaire_renders_every_kind_of_question_with_nhs_components(client, exercise):
    response = client.get(respond_url(exercise))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert h.element(html, "textarea", name="q_what_matters_most_to_you", class_="nhsuk-textarea")
    radios = h.elements(html, "input", type="radio", name="q_which_town_do_you_live_in", class_="nhsuk-radios__input")
    assert len(radios) == 3
    assert len(h.elements(html, "input", type="checkbox", name="q_which_services_have_you_used")) == 3
    assert h.element(html, "select", name="q_your_age_group", class_="nhsuk-select")
    assert h.element(html, "input", name="q_how_far_would_you_travel_in_miles", inputmode="decimal")
    for part in range(3):
        assert h.element(html, "input", name=f"q_when_did_you_last_see_a_gp_{part}", class_="nhsuk-date-input__input")
    assert h.element(html, "input", name="q_another_email_for_a_friend", type="email")
    legends = h.texts(html, "legend")
    assert "Which town do you live in?" in legends and "When did you last see a GP?" in legends
    assert h.element(html, "input", name="website", tabindex="-1")  # the honeypot
    assert h.element(html, "input", type="checkbox", name="consent")


def test_good_answers_are_stored_in_one_row_with_the_questions_as_asked(client, exercise, partner):
    form = client.get(respond_url(exercise) + f"?ref={partner.code}").content.decode()
    assert h.attribute(form, "input", "value", name="ref") == partner.code
    response = client.post(respond_url(exercise), good(ref=partner.code))
    assert response.status_code == 303
    assert response["Location"] == respond_url(exercise) + "thank-you/"
    stored = ConsultationResponse.objects.get()
    assert stored.consultation_id == exercise.pk
    assert stored.route == ConsultationResponse.ONLINE
    assert stored.answers == {
        "what_matters_most_to_you": "Being seen quickly, near home.",
        "which_town_do_you_live_in": "Leek",
        "which_services_have_you_used": ["GP", "Pharmacy"],
        "how_far_would_you_travel_in_miles": "5",
        "your_age_group": "65 or over",
        "when_did_you_last_see_a_gp": "2026-11-03",
        "your_postcode_area": "ST13",
        "another_email_for_a_friend": "",
    }
    assert stored.labels["which_town_do_you_live_in"] == "Which town do you live in?"
    assert (stored.full_name, stored.email, stored.hear_back) == ("Siân O'Brien", "sian@example.com", True)
    assert stored.referral == partner
    assert stored.consent and stored.consent_privacy_notice_url == "/privacy/"
    assert stored.expires_at > exercise.closes_on + 360 * DAY  # 12 months after it closes
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "no-store" in thanks["Cache-Control"]
    assert h.text(h.element(thanks.content.decode(), "h1")) == "Answers sent"


def test_contact_details_are_optional(client, exercise):
    response = client.post(respond_url(exercise), good(full_name="", email="", hear_back=None))
    assert response.status_code == 303
    stored = ConsultationResponse.objects.get()
    assert (stored.full_name, stored.email, stored.hear_back) == ("", "", False)


def test_bad_answers_get_the_error_summary_and_keep_every_value(client, exercise):
    data = good(
        q_what_matters_most_to_you="",
        q_which_town_do_you_live_in="Paris",
        q_how_far_would_you_travel_in_miles="far",
        q_when_did_you_last_see_a_gp_0="31",
        q_when_did_you_last_see_a_gp_1="2",
        q_another_email_for_a_friend="not an email",
        email="",
        consent=None,
    )
    response = client.post(respond_url(exercise), data)
    assert response.status_code == 200
    assert ConsultationResponse.objects.count() == 0
    html = response.content.decode()
    assert h.text(h.elements(html, "title")[0]).startswith("Error: ")
    summary = h.element(html, "div", class_="nhsuk-error-summary")
    assert h.links(summary) == [
        ("#id_q_what_matters_most_to_you", "Enter your answer to: What matters most to you?"),
        ("#id_q_which_town_do_you_live_in_0", "For 'Which town do you live in?', choose one of the answers shown"),
        ("#id_q_how_far_would_you_travel_in_miles", "Your answer to 'How far would you travel, in miles?' must be a number, like 12"),  # noqa: E501
        ("#id_q_when_did_you_last_see_a_gp_0", "Enter a real date for 'When did you last see a GP?', like 27 3 2026"),
        ("#id_q_another_email_for_a_friend", "Enter an email address in the correct format, like name@example.com"),
        ("#id_email", "Enter your email address so we can tell you what happens"),
        ("#id_consent", "Tick the box to say we can use your answers"),
    ]  # fmt: skip
    # What they typed is still there.
    assert h.attribute(html, "input", "value", name="q_how_far_would_you_travel_in_miles") == "far"
    assert h.attribute(html, "input", "value", name="q_when_did_you_last_see_a_gp_0") == "31"
    assert h.attribute(html, "input", "value", name="q_another_email_for_a_friend") == "not an email"
    assert h.element(html, "input", name="q_which_services_have_you_used", value="GP", checked=True)
    assert h.element(html, "option", value="65 or over", selected=True)
    assert h.element(html, "input", name="hear_back", checked=True)
    assert h.element(html, "input", name="full_name", value="Siân O'Brien")
    assert h.elements(html, "span", class_="nhsuk-error-message")
    described = h.attribute(html, "input", "aria-describedby", name="q_how_far_would_you_travel_in_miles")
    assert described == "id_q_how_far_would_you_travel_in_miles-error"


def test_hidden_characters_in_an_answer_are_refused(client, exercise):
    response = client.post(respond_url(exercise), good(q_what_matters_most_to_you="Fine\u202e"))
    assert response.status_code == 200
    assert "hidden text direction marks" in response.content.decode()
    assert ConsultationResponse.objects.count() == 0


@pytest.mark.parametrize("spam", ["honeypot", "no token", "too fast"])
def test_spam_is_discarded_without_storing(client, exercise, spam):
    changes = {"honeypot": {"website": "http://spam.example"}, "no token": {"started": ""}}
    response = client.post(respond_url(exercise), good(**changes.get(spam, {"started": make_started_token()})))
    assert response.status_code == 400
    assert "was not sent" in response.content.decode()
    assert ConsultationResponse.objects.count() == 0


def test_the_rate_limit_keeps_the_answers(client, exercise, settings):
    settings.SIGNUP_RATE_LIMIT = "1/h"
    assert client.post(respond_url(exercise), good()).status_code == 303
    response = client.post(respond_url(exercise), good(q_your_postcode_area="ST14"))
    assert response.status_code == 429
    assert h.element(response.content.decode(), "input", name="q_your_postcode_area", value="ST14")
    assert ConsultationResponse.objects.count() == 1


def test_an_unknown_referral_code_is_dropped_quietly(client, exercise):
    assert client.post(respond_url(exercise), good(ref="no-such-partner")).status_code == 303
    assert ConsultationResponse.objects.get().referral is None


def test_a_closed_exercise_says_so_and_refuses_answers_with_409(client, consultations):
    closed = with_questionnaire(
        ConsultationPageFactory(
            parent=consultations, opens_on=timezone.now() - 60 * DAY, closes_on=timezone.now() - DAY, slug="closed"
        )
    )
    page = client.get(respond_url(closed))
    assert page.status_code == 200
    assert "so we cannot take any more answers" in page.content.decode()
    assert not h.elements(page.content.decode(), "form", method="post")
    refused = client.post(respond_url(closed), good())
    assert refused.status_code == 409
    assert "cannot take any more answers" in refused.content.decode()
    assert ConsultationResponse.objects.count() == 0


def test_an_exercise_not_open_yet_refuses_answers(client, consultations):
    later = with_questionnaire(
        ConsultationPageFactory(
            parent=consultations, opens_on=timezone.now() + DAY, closes_on=timezone.now() + 30 * DAY, slug="later"
        )
    )
    assert "opens on" in client.get(respond_url(later)).content.decode()
    assert client.post(respond_url(later), good()).status_code == 409


def test_only_get_and_post(client, exercise):
    assert client.put(respond_url(exercise)).status_code == 405
    assert client.post(respond_url(exercise) + "thank-you/").status_code == 405
