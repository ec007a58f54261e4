"""A question sent while PostgreSQL is unreachable is kept on disk before the resident is thanked, and
stored exactly once, against its meeting, when the database answers again; one sent after the deadline
is kept too, marked late. Nothing about the person is in a file name or a log line."""

import datetime
import io
import logging

import pytest

from django.core.management import call_command
from django.utils import timezone

from get_involved import spool
from get_involved.models import PublicQuestion
from tests.get_involved.test_spool import database_down

from .factories import MeetingPageFactory, make_governance
from .test_questions import EMAIL, NAME, QUESTION, form_url, good

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def meeting(home):
    section = make_governance(home)
    return MeetingPageFactory(
        parent=section["index"], committees=[section["board"]], date=timezone.localdate() + datetime.timedelta(weeks=3)
    )


def test_a_question_while_the_database_is_down_is_kept_and_stored_once(client, meeting, caplog):
    caplog.set_level(logging.DEBUG)
    assert client.get(form_url(meeting)).status_code == 200  # the form was shown: its address is known
    with database_down():
        response = client.post(form_url(meeting), good())
        assert response.status_code == 200
        assert "Question sent" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
        (entry,) = spool.waiting()
        assert NAME not in entry.name and EMAIL not in entry.name
    logs = "\n".join(record.getMessage() for record in caplog.records)
    assert NAME not in logs and EMAIL not in logs and QUESTION not in logs

    out = io.StringIO()
    call_command("replay_spooled_signups", stdout=out)
    assert "1 stored, 0 already stored, 0 waiting" in out.getvalue()
    stored = PublicQuestion.objects.get()
    assert (stored.meeting_id, stored.full_name, stored.question, stored.late) == (meeting.pk, NAME, QUESTION, False)
    assert stored.spool_id is not None
    call_command("replay_spooled_signups", stdout=io.StringIO())
    assert PublicQuestion.objects.count() == 1


def test_bad_input_while_the_database_is_down_asks_them_to_try_again(client, meeting):
    assert client.get(form_url(meeting)).status_code == 200
    with database_down():
        response = client.post(form_url(meeting), good(question=""))
    assert response.status_code == 503
    assert "Sorry, we could not send your form" in response.content.decode()
    assert "join by phone" not in response.content.decode()
    assert spool.waiting() == []
