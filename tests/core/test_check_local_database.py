"""`make run` stops with a plain-English message on a database made by the old layout (app `stp_site`)."""

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder


def test_a_current_database_passes(db):
    call_command("check_local_database")


@pytest.mark.parametrize(
    ("app", "name"),
    [
        ("stp_site", "0004_glossaryterm_knownaccessibilityissue_and_more"),  # an app label that no longer exists
        ("programmes", "0002_alter_programmepage_options_programmepage_aims_and_more"),  # a migration since merged
    ],
)
def test_a_database_from_the_old_layout_is_refused(db, app, name):
    MigrationRecorder(connection).record_applied(app, name)

    with pytest.raises(CommandError) as error:
        call_command("check_local_database")

    message = str(error.value)
    assert "made by an older version of the site, before its apps were reorganised" in message
    assert "Run `make clean` to remove it, then `make run` again." in message
    assert f"{app}.{name}" in message
