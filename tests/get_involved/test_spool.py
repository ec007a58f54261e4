"""A sign-up sent while PostgreSQL is unreachable is kept on disk, fsynced, before the resident is
thanked, and stored exactly once when the database answers again: by the next request a worker
serves, and by `manage.py replay_spooled_signups`.

"Unreachable" here is real: the test's database connection is pointed at a port where nothing listens,
so every query fails as it does when PostgreSQL is down."""

import contextlib
import io
import json
import logging
import shutil
import stat
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.db import connection

from get_involved import spool
from get_involved.models import EqualityAnswers, SignUp
from scripts.pgcluster import free_port
from tests.get_involved.fixtures import EMAIL, NAME, POSTCODE, valid_data

pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def database_down():
    """PostgreSQL unreachable for this process until the block ends."""
    connection.close()
    port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = str(free_port())
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port


@pytest.fixture
def form_shown(client, group):
    """The resident has opened the form (so the site knows its address while the database is down)."""
    assert client.get(group.url).status_code == 200
    return group


def test_a_sign_up_while_the_database_is_down_is_kept_and_stored_once(client, form_shown, caplog):
    caplog.set_level(logging.DEBUG)
    with database_down():
        response = client.post(form_shown.url, valid_data(equality_consent="on", age_band="45_54"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Thank you for signing up" in html
        assert "digital patient reference group" in html
        assert "no-store" in response["Cache-Control"]
        entries = spool.waiting()
        assert len(entries) == 1
        # Only the app user may read it; its name says nothing about the person.
        assert stat.S_IMODE(entries[0].stat().st_mode) == 0o600
        assert stat.S_IMODE(Path(entries[0].parent).stat().st_mode) == 0o700
        assert NAME not in entries[0].name and EMAIL not in entries[0].name
        assert json.loads(entries[0].read_text(encoding="utf-8"))["data"]["full_name"] == NAME
    logs = "\n".join(record.getMessage() for record in caplog.records)
    for personal in (NAME, EMAIL, POSTCODE.upper()):
        assert personal not in logs

    assert SignUp.objects.count() == 0
    out = io.StringIO()
    call_command("replay_spooled_signups", stdout=out)
    assert "1 stored, 0 already stored, 0 waiting" in out.getvalue()
    stored = SignUp.objects.get()
    assert (stored.full_name, stored.email, stored.group_id) == (NAME, EMAIL, form_shown.pk)
    assert stored.spool_id is not None
    assert EqualityAnswers.objects.get(sign_up=stored).age_band == "45_54"
    assert spool.waiting() == []
    call_command("replay_spooled_signups", stdout=io.StringIO())
    assert SignUp.objects.count() == 1


def test_the_next_request_replays_the_spool(client, form_shown, settings):
    settings.SIGNUP_SPOOL_REPLAY_SECONDS = 0
    with database_down():
        assert client.post(form_shown.url, valid_data()).status_code == 200
    assert SignUp.objects.count() == 0
    assert client.get("/").status_code == 200  # any page: the worker replays after serving it
    assert SignUp.objects.count() == 1
    assert spool.waiting() == []


def test_a_replay_cut_short_never_stores_twice(client, form_shown, tmp_path):
    """The sign-up was stored but the worker died before it removed the file: the next replay skips it."""
    with database_down():
        assert client.post(form_shown.url, valid_data()).status_code == 200
    entry = spool.waiting()[0]
    copy = tmp_path / entry.name
    shutil.copy(entry, copy)
    call_command("replay_spooled_signups", stdout=io.StringIO())
    shutil.copy(copy, entry)  # as if the file had never been removed
    out = io.StringIO()
    call_command("replay_spooled_signups", stdout=out)
    assert "0 stored, 1 already stored, 0 waiting" in out.getvalue()
    assert SignUp.objects.count() == 1


def test_the_command_says_when_the_database_is_still_down(client, form_shown):
    with database_down():
        assert client.post(form_shown.url, valid_data()).status_code == 200
        with pytest.raises(CommandError, match="1 record"):
            call_command("replay_spooled_signups", stdout=io.StringIO())
    assert len(spool.waiting()) == 1


def test_answers_that_cannot_be_checked_ask_the_resident_to_try_again(client, form_shown):
    with database_down():
        response = client.post(form_shown.url, valid_data(postcode="not a postcode"))
    assert response.status_code == 503
    assert "Sorry, we could not send your form" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert spool.waiting() == []


def test_spam_is_not_spooled(client, form_shown):
    with database_down():
        response = client.post(form_shown.url, valid_data(website="http://spam.example"))
    assert response.status_code == 503
    assert spool.waiting() == []
