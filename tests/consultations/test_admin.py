"""The admin: staff build a questionnaire in the exercise's editor; each partnership's coordinators see,
add and export only their own site's responses (another's is "not found"); the CSV has a column per
question and cannot run a formula; closing asks for an outcome (a notice in the editor, the report and the
dashboard panel)."""

import csv
import datetime
import io

import pytest

from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from stp_site.consultations.models import ConsultationResponse
from stp_site.consultations.permissions import response_policy
from tests import html as h
from tests.get_involved.factories import GetInvolvedPageFactory
from tests.partnerships.conftest import member, partnerships, signed_in  # noqa: F401 - the fixture

from .factories import (
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
    OutcomePageFactory,
    ResponseFactory,
    with_questionnaire,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_staff_build_a_questionnaire_in_the_editor(admin_client, consultations, privacy_notice):
    page = ConsultationPageFactory(parent=consultations, title="Pharmacy hours", slug="pharmacy-hours")
    questions = [
        {"label": "What times suit you?", "help_text": "", "field_type": "multiline", "required": "on", "choices": ""},
        {"label": "Which day?", "help_text": "Pick one", "field_type": "radio", "required": "on",
         "choices": "Saturday\nSunday"},
        {"label": "Anything else?", "help_text": "", "field_type": "radio", "required": "", "choices": ""},
    ]  # fmt: skip
    now = timezone.localtime()
    data = nested_form_data(
        {
            "title": "Pharmacy hours",
            "slug": "pharmacy-hours",
            "kind": "engagement",
            "what_is_decided": rich_text("<p>When pharmacies open.</p>"),
            "who_it_affects": rich_text(""),
            "opens_on": (now - DAY).strftime("%Y-%m-%d %H:%M"),
            "closes_on": (now + 20 * DAY).strftime("%Y-%m-%d %H:%M"),
            "questionnaire_intro": rich_text("<p>It takes 2 minutes.</p>"),
            "by_phone": rich_text(""),
            "by_post": rich_text(""),
            "through_healthwatch": rich_text(""),
            "formats": inline_formset([]),
            "questions": inline_formset(questions),
            "publication_scheme_classes": inline_formset([]),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/{page.pk}/edit/"
    refused = admin_client.post(url, data)
    assert refused.status_code == 200  # a radio question with no answers to choose
    assert "Give the answers people can choose, one a line." in refused.content.decode()

    data.update(nested_form_data({"questions": inline_formset(questions[:2])}))
    data["questions-TOTAL_FORMS"] = "2"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    form = admin_client.get(page.url + "respond/").content.decode()
    assert h.element(form, "textarea", name="q_what_times_suit_you")
    assert len(h.elements(form, "input", type="radio", name="q_which_day")) == 2
    assert "It takes 2 minutes." in form


def test_the_editor_asks_for_an_outcome_once_an_exercise_closes(admin_client, consultations):
    page = ConsultationPageFactory(
        parent=consultations, opens_on=timezone.now() - 30 * DAY, closes_on=timezone.now() - DAY, title="Closed"
    )
    ResponseFactory(consultation=page)
    editor = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    notice = h.element(editor, "div", class_="outcome-needed")
    assert "its outcome is not published yet. 1 response is stored." in h.text(notice)
    assert f"/admin/pages/add/consultations/outcomepage/{page.pk}/" in h.hrefs(notice)

    report = admin_client.get("/admin/reports/consultations-waiting/").content.decode()
    assert (f"/admin/pages/{page.pk}/edit/", "Closed") in h.links(report)
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Consultations waiting for an outcome" in dashboard

    OutcomePageFactory(parent=page)
    editor = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert not h.elements(editor, "div", class_="outcome-needed")
    report = admin_client.get("/admin/reports/consultations-waiting/").content.decode()
    assert "Every closed exercise has a published outcome." in report


def test_an_open_exercise_needs_no_outcome_yet(admin_client, consultations):
    page = ConsultationPageFactory(parent=consultations)
    editor = admin_client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert not h.elements(editor, "div", class_="outcome-needed")


def sides_with_responses(partnerships):  # noqa: F811
    made = {}
    for side in partnerships:
        index = ConsultationIndexPageFactory(parent=GetInvolvedPageFactory(parent=side.home, slug="have-your-say"))
        exercise = with_questionnaire(ConsultationPageFactory(parent=index, title=f"{side.town} clinic"))
        made[side.town] = (
            exercise,
            ResponseFactory(
                consultation=exercise, full_name=f"{side.town} Resident", email=f"{side.town}@example.org"
            ),
        )
    return made


def test_coordinators_see_only_their_partnerships_responses(client, partnerships):  # noqa: F811
    staffordshire, shropshire = partnerships
    made = sides_with_responses(partnerships)
    ludlow = shropshire.staff["coordinator"]
    seen = response_policy.instances_user_has_permission_for(ludlow, "view")
    assert [response.full_name for response in seen] == ["Ludlow Resident"]
    for role in ("comms editor", "approver", "equality monitor"):
        assert not response_policy.user_has_permission(shropshire.staff[role], "view"), role

    coordinator = signed_in(client, ludlow)
    listing = coordinator.get("/admin/consultation_responses/").content.decode()
    assert "Ludlow clinic" in listing and "Leek clinic" not in listing
    leek_exercise, leek_response = made["Leek"]
    assert coordinator.get(f"/admin/consultation_responses/inspect/{leek_response.pk}/").status_code == 404
    assert coordinator.get(f"/admin/consultation_responses/edit/{leek_response.pk}/").status_code == 404
    assert coordinator.get(f"/admin/consultations/{leek_exercise.pk}/responses.csv").status_code == 404
    ludlow_exercise, ludlow_response = made["Ludlow"]
    inspect = coordinator.get(f"/admin/consultation_responses/inspect/{ludlow_response.pk}/").content.decode()
    assert "What matters most to you?: Being seen quickly" in inspect
    assert coordinator.get(f"/admin/consultations/{ludlow_exercise.pk}/responses.csv").status_code == 200

    editor = signed_in(type(client)(), shropshire.staff["comms editor"])
    assert editor.get("/admin/consultation_responses/").status_code in (302, 403)
    refused = editor.get(f"/admin/consultations/{ludlow_exercise.pk}/responses.csv")
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # Wagtail's "no permission" redirect


def test_a_coordinator_adds_a_response_taken_by_phone_for_their_own_site_only(client, partnerships):  # noqa: F811
    staffordshire, shropshire = partnerships
    made = sides_with_responses(partnerships)
    coordinator = signed_in(client, shropshire.staff["coordinator"])
    form = coordinator.get("/admin/consultation_responses/new/").content.decode()
    choices = h.texts(h.element(form, "select", name="consultation"), "option")
    assert "Ludlow clinic" in choices and "Leek clinic" not in choices
    data = {
        "consultation": made["Ludlow"][0].pk,
        "route": "phone",
        "created_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "summary": "Wants Saturday opening.",
        "full_name": "",
        "email": "",
        "phone": "",
    }
    assert coordinator.post("/admin/consultation_responses/new/", data).status_code == 302
    added = ConsultationResponse.objects.get(route="phone")
    assert added.summary == "Wants Saturday opening." and added.expires_at > made["Ludlow"][0].closes_on
    refused = coordinator.post("/admin/consultation_responses/new/", {**data, "consultation": made["Leek"][0].pk})
    assert refused.status_code == 200 and ConsultationResponse.objects.filter(route="phone").count() == 1


def test_the_csv_has_a_column_per_question_and_runs_no_formula(admin_client, exercise):
    ResponseFactory(
        consultation=exercise,
        answers={
            "what_matters_most_to_you": '=HYPERLINK("http://evil.example")',
            "which_town_do_you_live_in": "Leek",
            "which_services_have_you_used": ["GP", "Pharmacy"],
            "an_old_question": "-1",
        },
        labels={"what_matters_most_to_you": "What matters most to you?", "an_old_question": "An old question"},
        full_name="@Someone",
    )  # fmt: skip
    ResponseFactory(consultation=exercise, route=ConsultationResponse.POST, summary="+44 wrote a letter", answers={})
    response = admin_client.get(f"/admin/consultations/{exercise.pk}/responses.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="leek-clinic-responses-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    questions = [label for label, *_ in [(q.label,) for q in exercise.questions.all()]]
    assert rows[0] == ["Received", "How it came", "Referred by", *questions, "An old question", "What they told us",
                       "Name", "Email", "Phone", "Tell them what happens"]  # fmt: skip
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["What matters most to you?"] == """'=HYPERLINK("http://evil.example")"""
    assert first["Which services have you used?"] == "GP, Pharmacy"
    assert first["An old question"] == "'-1"
    assert first["Name"] == "'@Someone"
    second = dict(zip(rows[0], rows[2], strict=True))
    assert (second["How it came"], second["What they told us"]) == ("By post", "'+44 wrote a letter")


def test_an_exercise_with_responses_cannot_be_deleted(admin_client, exercise):
    ResponseFactory(consultation=exercise)
    response = admin_client.post(f"/admin/pages/{exercise.pk}/delete/")
    assert response.status_code == 302
    assert ConsultationResponse.objects.count() == 1
    assert type(exercise).objects.filter(pk=exercise.pk).exists()
    index = exercise.get_parent()
    response = admin_client.post(f"/admin/pages/{index.pk}/delete/")
    assert type(exercise).objects.filter(pk=exercise.pk).exists()
