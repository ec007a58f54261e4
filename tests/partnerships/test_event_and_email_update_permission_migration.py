"""partnerships 0004: the groups `add_partnership` made before events and email updates get what it gives
now: coordinators the booking and subscriber-count permissions for their own site, approvers the event
booking settings for theirs. Run with Django's MigrationExecutor, backwards to 0003, then forwards."""

import pytest

from django.contrib.auth.models import Permission

from wagtail.models import GroupSitePermission

from .test_governance_permission_migration import migrate

pytestmark = pytest.mark.django_db

BEFORE = [("partnerships", "0003_question_permissions")]
AFTER = [("partnerships", "0004_event_and_email_update_permissions")]
CODENAMES = ["view_eventbooking", "delete_eventbooking", "view_subscriber", "change_eventsettings"]


def grants():
    return set(
        GroupSitePermission.objects.filter(permission__codename__in=CODENAMES).values_list(
            "group__name", "site__site_name", "permission__codename"
        )
    )


def test_existing_groups_get_the_event_and_email_update_permissions_for_their_own_site(partnerships):
    migrate(BEFORE)
    Permission.objects.filter(codename__in=CODENAMES).delete()  # as before the models existed
    assert not grants()

    migrate(AFTER)

    expected = set()
    for side in partnerships:
        coordinators, approvers = side.partnership.coordinators.name, side.partnership.approvers.name
        site = side.site.site_name
        expected |= {(coordinators, site, codename) for codename in CODENAMES[:3]}
        expected.add((approvers, site, "change_eventsettings"))
    assert grants() == expected
