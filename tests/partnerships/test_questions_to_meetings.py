"""Questions to meetings in the admin: each partnership's coordinators see and answer the questions to
their own site's meetings, and nobody else's; other staff see none."""

import pytest

from django.utils import timezone

from get_involved.models import PublicQuestion
from get_involved.permissions import question_policy
from tests.governance.factories import MeetingPageFactory, make_governance
from tests.partnerships.conftest import member, signed_in

pytestmark = pytest.mark.django_db


def test_only_a_partnerships_coordinators_see_its_questions(partnerships):
    staffordshire, shropshire = partnerships
    meetings = {}
    for side in partnerships:
        section = make_governance(side.home)
        meetings[side.town] = MeetingPageFactory(parent=section["index"], committees=[section["board"]])
        PublicQuestion.objects.create(meeting=meetings[side.town], full_name=f"{side.town} Asker", question="?")
    ludlow = shropshire.staff["coordinator"]
    assert {q.full_name for q in question_policy.instances_user_has_permission_for(ludlow, "view")} == {"Ludlow Asker"}
    leek_question = PublicQuestion.objects.get(full_name="Leek Asker")
    assert not question_policy.user_has_permission_for_instance(ludlow, "change", leek_question)
    for role in ("comms editor", "approver", "equality monitor"):
        assert not question_policy.user_has_permission(shropshire.staff[role], "view"), role
    outsider = member("someone")
    assert not question_policy.instances_user_has_permission_for(outsider, "view").exists()


def test_a_coordinator_answers_their_partnerships_questions_in_the_admin(client, partnerships):
    staffordshire, shropshire = partnerships
    asked = {}
    for side in partnerships:
        section = make_governance(side.home)
        meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]])
        asked[side.town] = PublicQuestion.objects.create(
            meeting=meeting, full_name=f"{side.town} Asker", email="a@example.org", question=f"{side.town} question?"
        )
    coordinator = signed_in(client, shropshire.staff["coordinator"])
    listing = coordinator.get("/admin/public_questions/")
    assert listing.status_code == 200
    assert "Ludlow question?" in listing.content.decode() and "Leek" not in listing.content.decode()
    assert coordinator.get(f"/admin/public_questions/edit/{asked['Leek'].pk}/").status_code == 404

    edit_url = f"/admin/public_questions/edit/{asked['Ludlow'].pk}/"
    form = coordinator.get(edit_url)
    assert form.status_code == 200 and "Ludlow question?" in form.content.decode()
    response = coordinator.post(
        edit_url,
        {"status": "answered", "question_as_published": "", "answer": "Yes.", "answered_on": "", "is_published": "on",
         "full_name": "Ludlow Asker", "email": "a@example.org", "phone": "", "organisation": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    answered = PublicQuestion.objects.get(pk=asked["Ludlow"].pk)
    assert (answered.answer, answered.is_published, answered.answered_on) == ("Yes.", True, timezone.localdate())
    for role in ("comms editor", "approver"):
        other = signed_in(type(client)(), shropshire.staff[role])
        assert other.get("/admin/public_questions/").status_code in (302, 403), role


def test_the_dashboard_counts_questions_waiting_for_an_answer(client, partnerships):
    staffordshire, shropshire = partnerships
    section = make_governance(shropshire.home)
    meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]])
    for number in range(2):
        PublicQuestion.objects.create(meeting=meeting, full_name="Ludlow Asker", question=f"Question {number}?")
    PublicQuestion.objects.create(meeting=meeting, full_name="Done", question="?", status=PublicQuestion.ANSWERED)
    dashboard = signed_in(client, shropshire.staff["coordinator"]).get("/admin/").content.decode()
    assert "2 questions to meetings waiting for an answer" in " ".join(dashboard.split())
    other = signed_in(type(client)(), staffordshire.staff["coordinator"]).get("/admin/").content.decode()
    assert "0 questions to meetings waiting for an answer" in " ".join(other.split())
