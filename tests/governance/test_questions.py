"""Questions from the public to a meeting: the form is open until a deadline worked out in working days,
good input is stored and staff told without personal data, bad input gets the NHS error summary and
stores nothing, a question sent late is kept and marked, the answers are published with the meeting
(with the asker's name only if they agreed), a meeting held in common takes them on both sites, and the
data protection commands and the admin's scoping cover them."""

import datetime
import html
import io
import json
import time

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from get_involved.forms import make_started_token
from get_involved.models import DataProtectionLog, PublicQuestion
from stp_site.governance.models import GovernanceSettings, MeetingPage
from tests import html as h
from tests.sites import add_site, default_site

from .factories import MeetingPageFactory, make_governance

pytestmark = pytest.mark.django_db

NAME = "Siân O'Brien-Nguyễn"
EMAIL = "sian.obrien@example.com"
QUESTION = "Will the new diagnostic centre in Leek open at weekends?"
SECRETARY = "board.secretary@example.org"


@pytest.fixture
def section(home):
    return make_governance(home)


@pytest.fixture
def meeting(section):
    settings_row = GovernanceSettings.for_site(default_site())
    settings_row.question_emails = SECRETARY
    settings_row.save()
    return MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + datetime.timedelta(weeks=3)
    )


def good(**changes):
    data = {
        "question": QUESTION,
        "full_name": NAME,
        "email": EMAIL,
        "phone": "",
        "organisation": "",
        "consent": "on",
        "started": make_started_token(time.time() - 60),
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def form_url(meeting):
    return meeting.url + "questions/"


# --- The deadline ----------------------------------------------------------------------------------------


def test_questions_close_at_5pm_three_working_days_before_skipping_a_bank_holiday(section):
    # Tuesday 26 May 2026: Monday 25 May is the spring bank holiday, so Friday 22, Thursday 21 and
    # Wednesday 20 May are the three working days before it.
    meeting = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=datetime.date(2026, 5, 26)
    )
    closes = timezone.localtime(meeting.questions_close_at)
    assert (closes.date(), closes.hour, closes.minute) == (datetime.date(2026, 5, 20), 17, 0)
    assert closes.utcoffset() == datetime.timedelta(hours=1)  # British Summer Time
    assert meeting.questions_close_text == "5pm on Wednesday 20 May 2026"

    settings_row = GovernanceSettings.for_site(default_site())
    settings_row.questions_working_days, settings_row.questions_close_time = 1, datetime.time(12, 0)
    settings_row.save()
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    assert meeting.questions_close_text == "midday on Friday 22 May 2026"


# --- The form ------------------------------------------------------------------------------------------


def test_the_form_is_linked_from_the_meeting_and_is_never_cached(client, meeting):
    page = client.get(meeting.url).content.decode()
    assert form_url(meeting) in h.hrefs(page)
    assert meeting.questions_close_text in page

    response = client.get(form_url(meeting))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    content = response.content.decode()
    assert h.elements(content, "textarea", name="question")
    assert h.elements(content, "input", name="full_name", autocomplete="name")
    assert f"Send it by {meeting.questions_close_text}" in content
    # The way back is the meeting: the last breadcrumb and the back link on phones.
    trail = h.element(content, "nav", class_="nhsuk-breadcrumb")
    assert h.hrefs(trail)[-1] == meeting.url and h.hrefs(trail)[-2] == meeting.url


def test_a_good_question_is_stored_and_staff_told_without_personal_data(
    client, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_url(meeting), good(publish_name="on", organisation="Leek Patient Group"))
    assert response.status_code == 303
    assert response["Location"] == form_url(meeting) + "thank-you/"
    question = PublicQuestion.objects.get()
    assert (question.meeting_id, question.full_name, question.email, question.question) == (
        meeting.pk,
        NAME,
        EMAIL,
        QUESTION,
    )
    assert question.publish_name and question.organisation == "Leek Patient Group"
    assert not question.late and not question.is_published and question.status == PublicQuestion.RECEIVED
    assert question.expires_at - question.created_at > datetime.timedelta(days=360)  # 12 months by default

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [SECRETARY]
    for personal in (NAME, EMAIL, "diagnostic centre", "Leek Patient Group"):
        assert personal not in message.subject + message.body
    assert f"/admin/public_questions/edit/{question.pk}/" in message.body

    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Question sent" in thanks.content.decode()
    assert "no-store" in thanks["Cache-Control"]


@pytest.mark.parametrize(
    ("changes", "messages"),
    [
        (
            {"question": "", "full_name": "", "email": "", "consent": None},
            [
                "Enter your question",
                "Enter your full name",
                "Enter an email address or a phone number, so we can send you the answer",
                "Tick the box to say we can contact you about your question",
            ],
        ),
        ({"question": "   "}, ["Enter your question"]),
        ({"question": "Why? " * 400}, ["Your question must be 1500 characters or fewer"]),
        ({"question": "Why\x00 not?"}, ["Your question contains a character we cannot store. Type it again."]),
        ({"email": "not an email"}, ["Enter an email address in the correct format, like name@example.com"]),
        ({"email": "", "phone": "call me"}, ["Enter a phone number, like 01782 123456 or 07123 456789"]),
        ({"full_name": "12345"}, ["Enter your name using letters"]),
    ],
)
def test_bad_input_gets_the_error_summary_and_stores_nothing(client, meeting, changes, messages):
    response = client.post(form_url(meeting), good(**changes))
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: " in content
    summary = h.element(content, "div", class_="nhsuk-error-summary")
    for message in messages:
        assert html.escape(message) in summary, message
    assert PublicQuestion.objects.count() == 0
    if changes.get("question", "").strip():
        assert html.escape(changes["question"].strip()[:40]) in content  # what they typed is still there


def test_spam_is_refused_quietly(client, meeting):
    assert client.post(form_url(meeting), good(website="http://spam.example")).status_code == 400
    assert client.post(form_url(meeting), good(started=make_started_token())).status_code == 400
    assert PublicQuestion.objects.count() == 0


def test_after_the_deadline_the_form_says_when_the_next_meeting_is(client, section, meeting):
    soon = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + datetime.timedelta(days=1)
    )
    response = client.get(form_url(soon))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Questions for this meeting closed at" in content
    assert not h.elements(content, "textarea", name="question")
    assert meeting.url in h.hrefs(content) and form_url(meeting) in h.hrefs(content)
    assert f"until {meeting.questions_close_text}" in content


def test_a_question_sent_after_the_deadline_is_kept_and_marked_late(client, section):
    soon = MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + datetime.timedelta(days=1)
    )
    response = client.post(form_url(soon), good())
    assert response.status_code == 303
    assert PublicQuestion.objects.get().late is True
    assert "arrived after the deadline" in client.get(response["Location"]).content.decode()


def test_a_cancelled_meeting_takes_no_questions(client, meeting):
    meeting.status, meeting.status_notice = MeetingPage.CANCELLED, "The chair is ill."
    meeting.save_revision().publish()
    assert "not taking questions" in client.get(form_url(meeting)).content.decode()
    assert client.post(form_url(meeting), good()).status_code == 409
    assert PublicQuestion.objects.count() == 0


# --- Answers on the meeting's page -----------------------------------------------------------------------


def test_published_answers_show_on_the_meeting_with_the_name_only_if_agreed(client, meeting):
    named = PublicQuestion.objects.create(
        meeting=meeting, full_name="Margaret Hollins", email="m@example.org", question="Named question?",
        publish_name=True, organisation="Leek Patient Group",
    )  # fmt: skip
    anonymous = PublicQuestion.objects.create(
        meeting=meeting, full_name="Sam Oduya", email="s@example.org", question="Private details here",
        question_as_published="Anonymous question?",
    )  # fmt: skip
    PublicQuestion.objects.create(meeting=meeting, full_name="Not Yet", email="n@example.org", question="Waiting?")
    assert "Named question?" not in client.get(meeting.url).content.decode()

    for question, answer in ((named, "Yes, from December."), (anonymous, "Most people wait 4 weeks.")):
        question.answer, question.is_published = answer, True
        question.full_clean()
        question.save()
    content = client.get(meeting.url).content.decode()  # the page cache is stale once an answer is published
    section = h.element(content, "section", aria_labelledby="questions")
    assert "Margaret Hollins, Leek Patient Group" in section and "Yes, from December." in section
    assert "From a member of the public" in section and "Anonymous question?" in section
    assert "Sam Oduya" not in content and "Private details here" not in content
    assert "Waiting?" not in content and "Not Yet" not in content


def test_a_question_cannot_be_shown_without_an_answer(meeting):
    question = PublicQuestion(meeting=meeting, full_name=NAME, email=EMAIL, question=QUESTION, is_published=True)
    with pytest.raises(Exception, match="Write the answer"):
        question.full_clean()


def test_a_meeting_held_in_common_takes_questions_on_both_sites(client, home, meeting):
    other = add_site()
    other_section = make_governance(other.root_page)
    alias = meeting.create_alias(parent=other_section["index"])
    response = client.post(
        alias.url.replace("http://second.example", "") + "questions/", good(), HTTP_HOST="second.example"
    )
    assert response.status_code == 303
    assert PublicQuestion.objects.get().meeting_id == meeting.pk  # the original meeting's

    question = PublicQuestion.objects.get()
    question.answer, question.is_published = "An answer for both sites.", True
    question.save()
    for url, host in ((meeting.url, "localhost"), (alias.url.replace("http://second.example", ""), "second.example")):
        assert "An answer for both sites." in client.get(url, HTTP_HOST=host).content.decode()


# --- Data protection ---------------------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_export_erase_and_purge_cover_questions(meeting):
    asked = PublicQuestion.objects.create(meeting=meeting, full_name=NAME, email=EMAIL, question=QUESTION)
    other = PublicQuestion.objects.create(meeting=meeting, full_name="Other", email="other@example.org", question="?")

    exported = json.loads(run("export_personal_data", "--email", EMAIL.upper()))
    assert [item["id"] for item in exported["questions"]] == [asked.pk]
    assert exported["questions"][0]["question"] == QUESTION

    assert "1 question(s) match" in run("erase_personal_data", "--email", EMAIL, "--dry-run")
    assert PublicQuestion.objects.filter(pk=asked.pk).exists()
    assert " 0 sign-up(s), 1 question(s)," in run("erase_personal_data", "--email", EMAIL)
    assert list(PublicQuestion.objects.all()) == [other]


def test_the_purge_deletes_expired_details_and_keeps_published_answers_anonymously(meeting):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    published = PublicQuestion.objects.create(
        meeting=meeting, created_at=long_ago, full_name=NAME, email=EMAIL, question="As sent, with details",
        question_as_published="As shown", answer="The answer.", is_published=True, publish_name=True,
        status=PublicQuestion.ANSWERED,
    )  # fmt: skip
    unpublished = PublicQuestion.objects.create(meeting=meeting, created_at=long_ago, full_name="Old", question="?")
    recent = PublicQuestion.objects.create(meeting=meeting, full_name="New", email="new@example.org", question="?")

    assert ", 2 question(s)" in run("purge_expired_signups")
    published.refresh_from_db()
    assert (published.full_name, published.email, published.publish_name) == ("", "", False)
    assert published.question == "As shown" and published.answer == "The answer."
    assert published.asked_by == "a member of the public"
    assert not PublicQuestion.objects.filter(pk=unpublished.pk).exists()
    assert PublicQuestion.objects.filter(pk=recent.pk, full_name="New").exists()
    assert DataProtectionLog.objects.filter(action=DataProtectionLog.Action.QUESTION_PURGE, count=2).exists()
    assert ", 0 question(s)" in run("purge_expired_signups")  # nothing twice
