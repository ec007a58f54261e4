"""Never lose a sign-up, and keep personal data lawful: database failures, mail failures, retention,
subject access and erasure, and nothing personal in any log line."""

import io
import json
import logging
from datetime import date, timedelta

import psycopg2
import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from get_involved import spool
from get_involved.models import DataProtectionLog, EqualityAnswers, SignUp, SignUpSettings, expiry_for
from get_involved.replay import replay_spooled
from tests.get_involved.fixtures import EMAIL, NAME, PHONE, PHONE_E164, valid_data
from tests.sites import default_site

pytestmark = pytest.mark.django_db

PERSONAL = [NAME, "Siân", "O'Brien", "Nguyễn", EMAIL, PHONE, PHONE_E164, "7123456789", "ST4 1AA", "st4 1aa"]


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def all_logs():
    """Every log record from every logger, at every level, formatted with tracebacks."""
    handler = ListHandler()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield handler
    root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.fixture
def locked_signup_table():
    """Another real database session holding an exclusive lock on the sign-up table."""
    params = connection.get_connection_params()
    other = psycopg2.connect(**{key: value for key, value in params.items() if key != "cursor_factory"})
    other.autocommit = False
    with other.cursor() as cursor:
        cursor.execute("SET lock_timeout = '10s'")
        cursor.execute("LOCK TABLE get_involved_signup IN ACCESS EXCLUSIVE MODE")
    yield
    other.rollback()
    other.close()


@pytest.fixture
def failing_mail(settings):
    """A real SMTP backend pointed at a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: connection refused
    settings.EMAIL_TIMEOUT = 2


@pytest.mark.django_db(transaction=True)
def test_a_locked_table_keeps_the_sign_up_in_the_spool_and_thanks_the_resident(
    client, group, settings, locked_signup_table
):
    settings.SIGNUP_DB_LOCK_TIMEOUT_MS = 300
    response = client.post(group.url, valid_data(equality_consent="on", age_band="45_54"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Thank you for signing up" in content
    assert "Traceback" not in content
    assert "no-store" in response["Cache-Control"]
    assert len(spool.waiting()) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(60)  # the bug this guards against was a worker waiting on the lock for ever
def test_a_replay_while_the_table_is_locked_gives_up_and_keeps_the_entry(client, group, settings, locked_signup_table):
    """The request that spools a sign-up replays the spool when it finishes; with the table still
    locked, that replay must give up within the lock timeout, not wait for the lock."""
    settings.SIGNUP_DB_LOCK_TIMEOUT_MS = 300
    settings.SIGNUP_SPOOL_REPLAY_SECONDS = 0  # replay after every request, as the first one a worker serves
    assert client.post(group.url, valid_data()).status_code == 200
    assert len(spool.waiting()) == 1
    assert replay_spooled() == (0, 0, 1)


@pytest.mark.django_db(transaction=True)
def test_a_locked_table_writes_nothing_half(client, group, settings, locked_signup_table):
    settings.SIGNUP_DB_LOCK_TIMEOUT_MS = 300
    assert client.post(group.url, valid_data(equality_consent="on", sex="male")).status_code == 200
    assert EqualityAnswers.objects.count() == 0


def test_nothing_half_written_after_failure(client, group, settings):
    # Equality answers are written after the sign-up in the same transaction: make that second write fail
    # for real (a value too long for its column) and check neither row survives.
    from get_involved import sign_ups
    from get_involved.forms import SignUpForm

    original = SignUpForm.EQUALITY_FIELDS
    data = valid_data(equality_consent="on", age_band="45_54")
    form = SignUpForm(data)
    assert form.is_valid()
    cleaned = dict(form.cleaned_data, age_band="x" * 50)
    with pytest.raises(Exception):  # noqa: B017 - a real DataError from PostgreSQL
        sign_ups.save_sign_up(group, cleaned, privacy_notice_url="")
    assert original == SignUpForm.EQUALITY_FIELDS
    assert SignUp.objects.count() == 0
    assert EqualityAnswers.objects.count() == 0


def test_mail_failure_still_stores_and_shows_success(
    client, group, failing_mail, django_capture_on_commit_callbacks, all_logs
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(group.url, valid_data())
    assert response.status_code == 303
    assert client.get(response["Location"]).status_code == 200
    assert SignUp.objects.count() == 1
    assert any("notification" in line and "failed" in line for line in all_logs.lines)


@pytest.mark.django_db(transaction=True)
def test_no_personal_data_in_any_log(
    client, group, partner, settings, failing_mail, django_capture_on_commit_callbacks, all_logs
):
    data = valid_data(ref=partner.code, equality_consent="on", age_band="45_54")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(group.url, data)  # stored; the notification fails
    client.post(group.url, data)  # duplicate
    client.post(group.url, valid_data(postcode="nope"))  # invalid
    client.post(group.url, valid_data(website="spam"))  # honeypot
    settings.SIGNUP_DB_LOCK_TIMEOUT_MS = 300
    params = connection.get_connection_params()
    other = psycopg2.connect(**{key: value for key, value in params.items() if key != "cursor_factory"})
    with other.cursor() as cursor:
        cursor.execute("SET lock_timeout = '10s'")
        cursor.execute("LOCK TABLE get_involved_signup IN ACCESS EXCLUSIVE MODE")
        assert client.post(group.url, valid_data(email="new@example.com", phone="")).status_code == 200  # spooled
    other.rollback()
    other.close()
    settings.SIGNUP_RATE_LIMIT = "1/h"
    client.post(group.url, data)  # rate limited
    call_command("export_personal_data", email=EMAIL, stdout=io.StringIO())
    call_command("erase_personal_data", email=EMAIL, stdout=io.StringIO())

    assert all_logs.lines, "the handler should have seen the sign-up log lines"
    text = "\n".join(all_logs.lines)
    assert "stored for group" in text
    for personal in [*PERSONAL, "new@example.com"]:
        assert personal.lower() not in text.lower(), personal


def test_closed_group_post_refused_kindly(client, group):
    group.is_closed = True
    group.closed_on = date.today()
    group.save_revision().publish()
    response = client.post(group.url, valid_data())
    assert response.status_code == 409
    assert "not taking new members" in response.content.decode()
    assert SignUp.objects.count() == 0


def test_retention_default_and_setting(group):
    assert SignUpSettings.for_site(default_site()).retention_months == 24
    now = timezone.now()
    assert abs((expiry_for(group, now) - now).days - 730) <= 1
    settings_row = SignUpSettings.for_site(default_site())
    settings_row.retention_months = 6
    settings_row.save()
    assert abs((expiry_for(group, now) - now).days - 183) <= 1


def test_closing_a_group_sets_an_earlier_expiry(group):
    group.closed_on = date.today() + timedelta(days=10)
    now = timezone.now()
    assert (expiry_for(group, now) - now).days <= 42


def make_sign_up(group, created_days_ago=0, **fields):
    created = timezone.now() - timedelta(days=created_days_ago)
    defaults = {
        "full_name": "Test Person",
        "email": f"person{SignUp.objects.count()}@example.com",
        "postcode": "ST4 1AA",
        "take_part": ["online"],
        "consent_to_contact": True,
    }
    defaults.update(fields)
    return SignUp.objects.create(group=group, created_at=created, expires_at=expiry_for(group, created), **defaults)


def test_purge_deletes_expired_and_logs_only_a_count(group):
    old = make_sign_up(group, created_days_ago=800)
    EqualityAnswers.objects.create(sign_up=old, consent=True, age_band="45_54")
    make_sign_up(group, created_days_ago=700)
    keep = make_sign_up(group, created_days_ago=10)
    out = io.StringIO()
    call_command("purge_expired_signups", stdout=out)
    assert " 1 sign-up(s)," in out.getvalue()
    assert list(SignUp.objects.values_list("pk", flat=True).order_by("pk")) != [old.pk]
    assert SignUp.objects.filter(pk=old.pk).count() == 0
    assert SignUp.objects.filter(pk=keep.pk).exists()
    assert EqualityAnswers.objects.count() == 0
    # One row a kind that purges by deleting (the questions have their own action): counts, never who.
    logs = DataProtectionLog.objects.filter(action="purge")
    assert sum(log.count for log in logs) == 1
    assert {log.created_at.date() for log in logs} == {timezone.now().date()}
    assert {field.name for field in DataProtectionLog._meta.fields} == {"id", "action", "count", "created_at"}


def test_purge_applies_a_shorter_retention_setting_to_existing_sign_ups(group):
    make_sign_up(group, created_days_ago=200)
    settings_row = SignUpSettings.for_site(default_site())
    settings_row.retention_months = 6
    settings_row.save()
    call_command("purge_expired_signups", stdout=io.StringIO())
    assert SignUp.objects.count() == 0


def test_purge_deletes_sign_ups_a_month_after_their_group_closed(group):
    make_sign_up(group, created_days_ago=5)
    group.is_closed = True
    group.closed_on = date.today() - timedelta(days=40)
    group.save()
    call_command("purge_expired_signups", stdout=io.StringIO())
    assert SignUp.objects.count() == 0


def test_export_personal_data_prints_every_record(client, group, get_involved):
    from get_involved.models import ReferenceGroupPage
    from tests.factories import publish

    other = publish(get_involved["index"], ReferenceGroupPage(title="Planned care", slug="planned", what_it_does="x"))
    client.post(group.url, valid_data(equality_consent="on", age_band="45_54"))
    client.post(other.url, valid_data(email=""))
    make_sign_up(group, email="someone.else@example.com")
    out = io.StringIO()
    call_command("export_personal_data", phone="+44 7123 456789", stdout=out)
    data = json.loads(out.getvalue())["sign_ups"]
    assert len(data) == 2
    assert {record["group"] for record in data} == {group.title, "Planned care"}
    first = next(record for record in data if record["group"] == group.title)
    assert first["full_name"] == NAME and first["postcode"] == "ST4 1AA"
    assert first["equality_answers"]["age_band"] == "45_54"
    out = io.StringIO()
    call_command("export_personal_data", email=EMAIL.upper(), stdout=out)
    assert len(json.loads(out.getvalue())["sign_ups"]) == 1


def test_erase_personal_data_deletes_and_logs_the_count(client, group):
    client.post(group.url, valid_data(equality_consent="on", age_band="45_54"))
    keep = make_sign_up(group, email="someone.else@example.com")
    out = io.StringIO()
    call_command("erase_personal_data", email=EMAIL, phone=PHONE, stdout=out)
    assert " 1 sign-up(s)," in out.getvalue()
    assert list(SignUp.objects.all()) == [keep]
    assert EqualityAnswers.objects.count() == 0
    log = DataProtectionLog.objects.get(action="erase")
    assert log.count == 1


def test_commands_need_an_identifier():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("erase_personal_data", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("export_personal_data", stdout=io.StringIO())


def test_notification_goes_to_coordinator_users_too(client, group, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("coord", email="coord.user@example.org", password="x" * 16)
    group.coordinators.add(user)
    group.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(group.url, valid_data())
    assert sorted(mail.outbox[0].to) == ["coord.user@example.org", "coordinator@example.org"]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_duplicates_store_one_row(group):
    """Two identical posts at the same moment: the unique constraints keep one, the other is a duplicate."""
    import threading

    from django.db import connections

    from get_involved.forms import SignUpForm
    from get_involved.sign_ups import save_sign_up

    form = SignUpForm(valid_data())
    assert form.is_valid()
    barrier = threading.Barrier(4)
    results = []

    def submit():
        try:
            barrier.wait()
            results.append(save_sign_up(group, form.cleaned_data, privacy_notice_url="/privacy/"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4
    assert sum(result is not None for result in results) == 1
    assert SignUp.objects.count() == 1
