"""Responses as a registered kind of resident record (get_involved/resident_records.py): stored from the
spool exactly once, checked while the database is down from the questions kept in the cache, found,
exported and erased by email or phone, and purged after the retention period (the count of who took part
is kept)."""

import datetime
import io
import json
import uuid

import pytest

from django.db import connections
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from get_involved import resident_records, spool
from get_involved.models import DataProtectionLog
from get_involved.resident_records import PageGone
from stp_site.consultations.models import ConsultationResponse, ConsultationSettings
from stp_site.consultations.responses import KIND, remember_questions
from tests.sites import default_site

from .conftest import good
from .factories import ConsultationPageFactory, ResponseFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def kind():
    return resident_records.kind_named(KIND)


def test_the_kind_is_registered():
    assert kind().label == "consultation response(s)"
    assert kind() in resident_records.all_kinds()


def test_a_spooled_response_is_stored_exactly_once(exercise):
    entry = {
        "id": str(uuid.uuid4()),
        "kind": KIND,
        "group_id": exercise.pk,
        "privacy_notice_url": "/privacy/",
        "data": {"answers": {"a": "b"}, "labels": {"a": "A?"}, "email": "x@example.com", "hear_back": True, "ref": ""},
    }
    first = kind().store_spooled(entry)
    assert first is not None
    assert kind().store_spooled(entry) is None
    stored = ConsultationResponse.objects.get()
    assert (stored.pk, str(stored.spool_id), stored.answers, stored.hear_back) == (
        first,
        entry["id"],
        {"a": "b"},
        True,
    )
    with pytest.raises(PageGone):
        kind().store_spooled({**entry, "id": str(uuid.uuid4()), "group_id": 999999})


@pytest.mark.django_db(transaction=True)
def test_a_response_the_database_cannot_take_is_spooled_then_stored_once(client, exercise, settings):
    """The responses table is locked by another session for longer than the lock timeout: the answers go
    to the spool, the resident is thanked, and a replay stores them once."""
    settings.SIGNUP_DB_LOCK_TIMEOUT_MS = 200
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute(f"LOCK TABLE {ConsultationResponse._meta.db_table} IN ACCESS EXCLUSIVE MODE")
            response = client.post(exercise.url + "respond/", good())
            cursor.execute("ROLLBACK")
    finally:
        other.close()
    assert response.status_code == 200
    assert "Answers sent" in response.content.decode() and "no-store" in response["Cache-Control"]
    (path,) = spool.waiting()
    entry = json.loads(path.read_text())
    assert entry["kind"] == KIND and entry["group_id"] == exercise.pk
    assert "sian" not in path.name.lower()
    assert entry["data"]["answers"]["which_town_do_you_live_in"] == "Leek"
    assert ConsultationResponse.objects.count() == 0
    assert kind().store_spooled(entry) is not None
    assert kind().store_spooled(entry) is None
    assert ConsultationResponse.objects.get().spool_id == uuid.UUID(entry["id"])


def test_the_outage_form_checks_answers_from_the_cached_questions(exercise):
    remember_questions(exercise)
    known = {"group_id": exercise.pk, "title": exercise.title, "closed": False,
             "closes_at": exercise.closes_on.timestamp(), "privacy": "/privacy/"}  # fmt: skip
    data = QueryDict(mutable=True)
    for key, value in good().items():
        data.setlist(key, value if isinstance(value, list) else [value])
    form = kind().outage_form(known, data)
    assert form.is_valid(), form.errors
    assert not form.is_too_fast() and not form.is_honeypot_filled()
    response = kind().spool_and_thank(RequestFactory().post("/"), known, form)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    (path,) = spool.waiting()
    assert json.loads(path.read_text())["data"]["email"] == "sian@example.com"

    bad = data.copy()
    bad["q_what_matters_most_to_you"] = ""
    assert not kind().outage_form(known, bad).is_valid()
    assert not kind().outage_form({**known, "closes_at": timezone.now().timestamp() - 1}, data).is_valid()
    assert not kind().outage_form({**known, "group_id": 424242}, data).is_valid()  # no questions kept


def test_records_are_found_exported_and_erased_by_email_or_phone(exercise):
    mine = ResponseFactory(consultation=exercise, email="me@example.com", full_name="Me")
    by_phone = ResponseFactory(consultation=exercise, phone="+441782683080", route=ConsultationResponse.PHONE)
    ResponseFactory(consultation=exercise, email="someone-else@example.com")
    ResponseFactory(consultation=exercise)  # anonymous
    found = kind().records_for("ME@example.com", "01782 683080")
    assert set(found) == {mine, by_phone}
    assert kind().records_for("", "").count() == 0  # a blank never matches every anonymous response
    export = mine.as_export()
    assert export["answers"] == {"What matters most to you?": "Being seen quickly"}
    assert export["consultation"] == exercise.title and export["email"] == "me@example.com"
    assert "A new clinic for Leek" in mine.describe() and "me@example.com" not in mine.describe()
    found.delete()
    assert ConsultationResponse.objects.count() == 2


def test_purge_keeps_the_count_but_deletes_details_after_the_retention_period(consultations):
    old = ConsultationPageFactory(
        parent=consultations, opens_on=timezone.now() - 500 * DAY, closes_on=timezone.now() - 400 * DAY
    )
    recent = ConsultationPageFactory(parent=consultations)
    expired = ResponseFactory(consultation=old, email="old@example.com", full_name="Old", hear_back=True)
    kept = ResponseFactory(consultation=recent, email="new@example.com")
    assert kind().purge_expired(timezone.now()) == 1
    expired.refresh_from_db()
    assert (expired.email, expired.full_name, expired.answers, expired.labels, expired.hear_back) == (
        "",
        "",
        {},
        {},
        False,
    )
    assert expired.details_deleted_at is not None and expired.route == ConsultationResponse.ONLINE
    kept.refresh_from_db()
    assert kept.email == "new@example.com"
    assert DataProtectionLog.objects.filter(action="purge", count=1).exists()
    assert kind().purge_expired(timezone.now()) == 0  # already done

    settings_row = ConsultationSettings.for_site(default_site())
    settings_row.retention_months = 1
    settings_row.save()
    later = timezone.now() + 40 * DAY + (recent.closes_on - timezone.now())
    assert kind().purge_expired(later) == 1  # a shorter period applies to what is held already


def test_the_retention_period_counts_from_the_close(exercise):
    response = ResponseFactory(consultation=exercise)
    assert exercise.closes_on + 364 * DAY < response.expires_at < exercise.closes_on + 367 * DAY


@pytest.mark.django_db(transaction=True)
def test_a_response_while_the_database_is_down_is_kept_and_stored_once(client, exercise):
    from django.core.management import call_command

    from stp_site.involvement_record.models import Participation
    from tests.get_involved.test_spool import database_down

    url = exercise.url + "respond/"
    assert client.get(url).status_code == 200  # the form was shown: its address and questions are known
    with database_down():
        response = client.post(url, good())
        assert response.status_code == 200
        assert "Answers sent" in response.content.decode() and "no-store" in response["Cache-Control"]
        bad = client.post(url, good(q_what_matters_most_to_you=""))
        assert bad.status_code == 503
        assert len(spool.waiting()) == 1
    out = io.StringIO()
    call_command("replay_spooled_signups", stdout=out)
    assert "1 stored" in out.getvalue()
    stored = ConsultationResponse.objects.get()
    assert stored.answers["which_town_do_you_live_in"] == "Leek" and stored.spool_id is not None
    call_command("replay_spooled_signups", stdout=io.StringIO())
    assert ConsultationResponse.objects.count() == 1
    counted = Participation.objects.get()
    assert (counted.kind, counted.route, counted.page_id) == ("consultation", "online", exercise.pk)


def test_the_data_protection_commands_cover_responses(exercise):
    from django.core.management import call_command

    ResponseFactory(consultation=exercise, email="me@example.com")
    out = io.StringIO()
    call_command("export_personal_data", "--email", "me@example.com", stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["consultation_responses"][0]["email"] == "me@example.com"
    call_command("erase_personal_data", "--email", "me@example.com", stdout=io.StringIO())
    assert ConsultationResponse.objects.count() == 0
    purged = io.StringIO()
    call_command("purge_expired_signups", stdout=purged)
    assert "consultation response(s)" in purged.getvalue()
