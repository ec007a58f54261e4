"""What protects the personal data residents send: groups with sign-ups are closed, never deleted; every
deletion leaves a count; the data protection commands refuse blank identifiers and can show what they
would touch; a household sharing a phone is stored and flagged, never dropped."""

import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import ProtectedError

from get_involved.models import DataProtectionLog, SignUp
from tests.get_involved.factories import SignUpFactory
from tests.get_involved.fixtures import PHONE, PHONE_E164, valid_data
from tests.staff import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    sign_in(client, get_user_model().objects.create_superuser("dpo", "dpo@example.org", "a-long-test-password"))
    return client


def test_a_group_with_sign_ups_cannot_be_deleted_in_the_admin(superuser_client, group):
    SignUpFactory(group=group)
    response = superuser_client.post(f"/admin/pages/{group.pk}/delete/", follow=True)
    assert group.__class__.objects.filter(pk=group.pk).exists()
    assert SignUp.objects.filter(group=group).count() == 1
    html = response.content.decode()
    assert "This cannot be deleted: 1 sign-up belong to its reference groups." in html
    assert "Close the group to new members instead" in html


def test_nor_can_the_section_above_it(superuser_client, group, get_involved):
    SignUpFactory(group=group)
    SignUpFactory(group=group)
    superuser_client.post(f"/admin/pages/{get_involved['page'].pk}/delete/", follow=True)
    assert SignUp.objects.count() == 2
    with pytest.raises(ProtectedError):  # and no other path deletes them unrecorded
        group.delete()


def test_a_group_without_sign_ups_can_be_deleted(superuser_client, group):
    superuser_client.post(f"/admin/pages/{group.pk}/delete/")
    assert not group.__class__.objects.filter(pk=group.pk).exists()


def test_a_coordinator_deleting_a_sign_up_leaves_a_count(superuser_client, group):
    sign_up = SignUpFactory(group=group)
    response = superuser_client.post(f"/admin/signups/delete/{sign_up.pk}/")
    assert response.status_code == 302
    assert not SignUp.objects.exists()
    assert list(DataProtectionLog.objects.values_list("action", "count")) == [("delete", 1)]


@pytest.mark.parametrize("command", ["erase_personal_data", "export_personal_data"])
@pytest.mark.parametrize(
    "identifiers", [{}, {"email": ""}, {"email": "   "}, {"phone": " "}, {"email": " ", "phone": ""}]
)
def test_blank_identifiers_are_refused(group, command, identifiers):
    SignUpFactory(group=group, email="", phone=PHONE_E164)  # a phone-only sign-up, which blank email would match
    with pytest.raises(CommandError, match="Give --email or --phone"):
        call_command(command, stdout=io.StringIO(), **identifiers)
    assert SignUp.objects.count() == 1
    assert not DataProtectionLog.objects.exists()


def test_dry_run_says_what_would_be_erased_and_changes_nothing(group):
    SignUpFactory(group=group, email="ann@example.com", full_name="Ann Example")
    SignUpFactory(group=group, email="someone.else@example.com")
    out = io.StringIO()
    call_command("erase_personal_data", email="ANN@example.com", dry_run=True, stdout=out)
    text = out.getvalue()
    assert "1 sign-up(s) match:" in text and "Digital patient reference group" in text
    assert "Nothing was deleted (--dry-run)." in text
    assert "Ann Example" not in text and "ann@example.com" not in text
    assert SignUp.objects.count() == 2
    assert not DataProtectionLog.objects.exists()


def test_dry_run_export_writes_no_log(group):
    SignUpFactory(group=group, email="ann@example.com")
    call_command("export_personal_data", email="ann@example.com", dry_run=True, stdout=io.StringIO())
    assert not DataProtectionLog.objects.exists()


def test_a_household_sharing_a_landline_is_stored_and_flagged(client, group):
    first = valid_data(full_name="Ann Jones", email="", phone="01782 123456")
    second = valid_data(full_name="Bob Jones", email="", phone="01782 123456")
    assert client.post(group.url, first).status_code == 303
    assert client.post(group.url, second).status_code == 303
    stored = {row.full_name: row.possible_duplicate for row in SignUp.objects.all()}
    assert stored == {"Ann Jones": False, "Bob Jones": True}


def test_the_same_person_again_is_not_stored_twice(client, group):
    assert client.post(group.url, valid_data(email="", phone=PHONE)).status_code == 303
    assert client.post(group.url, valid_data(email="", phone=PHONE)).status_code == 303
    assert SignUp.objects.count() == 1
    assert client.post(group.url, valid_data(phone="")).status_code == 303  # with an email now
    assert client.post(group.url, valid_data(phone="")).status_code == 303
    assert SignUp.objects.count() == 2
