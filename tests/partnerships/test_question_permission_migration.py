"""partnerships 0003: coordinators groups `add_partnership` made before there were questions to meetings
get the question permissions for their own site, as it gives them now; nobody else gets any. Run with
Django's MigrationExecutor, backwards to 0002, then forwards, on groups made without them."""

import pytest

from django.contrib.auth.models import Permission
from django.test import Client

from wagtail.models import GroupSitePermission

from get_involved.models import PublicQuestion
from tests.governance.factories import MeetingPageFactory, make_governance

from .conftest import signed_in
from .test_governance_permission_migration import migrate

pytestmark = pytest.mark.django_db

BEFORE = [("partnerships", "0002_governance_settings_permission")]
AFTER = [("partnerships", "0003_question_permissions")]


def question_grants():
    return set(
        GroupSitePermission.objects.filter(permission__codename__endswith="_publicquestion").values_list(
            "group__name", "site__site_name", "permission__codename"
        )
    )


def test_existing_coordinators_get_the_question_permissions_for_their_own_site(partnerships):
    staffordshire, shropshire = partnerships
    migrate(BEFORE)
    Permission.objects.filter(codename__endswith="_publicquestion").delete()  # as before the model existed
    assert not question_grants()
    sites_before = GroupSitePermission.objects.count()

    migrate(AFTER)

    expected = {
        (side.partnership.coordinators.name, side.site.site_name, f"{action}_publicquestion")
        for side in partnerships
        for action in ("view", "change", "delete")
    }
    assert question_grants() == expected
    assert GroupSitePermission.objects.count() == sites_before + 6

    for side in partnerships:
        section = make_governance(side.home)
        meeting = MeetingPageFactory(parent=section["index"], committees=[section["board"]])
        PublicQuestion.objects.create(meeting=meeting, full_name="Asker", question=f"{side.town} question?")
    coordinator = signed_in(Client(), shropshire.staff["coordinator"])
    listing = coordinator.get("/admin/public_questions/").content.decode()
    assert "Ludlow question?" in listing and "Leek question?" not in listing
