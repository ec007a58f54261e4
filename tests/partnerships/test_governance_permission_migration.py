"""partnerships 0002: groups `add_partnership` made before the governance settings existed get
governance.change_governancesettings as it gives it now (staff_groups.py): each partnership's approvers
on their own site only, the cluster administrators on every site; nobody else, and nothing else
changes. Run with Django's MigrationExecutor, backwards to 0001, then forwards, on groups made without
it (on an install migrating to the governance app, the permission itself does not exist yet)."""

import pytest

from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from wagtail.models import GroupSitePermission

from .conftest import member, refused, signed_in

pytestmark = pytest.mark.django_db

BEFORE = [("partnerships", "0001_initial")]
AFTER = [("partnerships", "0002_governance_settings_permission")]
CODENAME = "change_governancesettings"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def governance_permission():
    return Permission.objects.filter(content_type__app_label="governance", codename=CODENAME).first()


def site_grants():
    """(group, site) of every per-site grant of the permission."""
    return set(
        GroupSitePermission.objects.filter(permission__codename=CODENAME).values_list("group__name", "site__site_name")
    )


def test_existing_approvers_and_cluster_administrators_get_the_governance_settings(partnerships):
    staffordshire, shropshire = partnerships
    migrate(BEFORE)
    # As add_partnership made them before: no governance permission anywhere, and none to give yet.
    governance_permission().delete()
    assert not site_grants()
    cluster = staffordshire.partnership.cluster_administrators
    assert not cluster.permissions.filter(codename=CODENAME).exists()
    # Staff renamed Shropshire's approvers, and made a group of their own: the record finds the first.
    shropshire_approvers = shropshire.partnership.approvers
    shropshire_approvers.name = "Shropshire approvers (renamed)"
    shropshire_approvers.save()
    own_group = Group.objects.create(name="Board secretaries")
    before = {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}
    sites_before = GroupSitePermission.objects.count()

    migrate(AFTER)

    permission = governance_permission()
    assert permission is not None and permission.name == "Can change meeting papers and minutes"
    assert site_grants() == {
        (staffordshire.partnership.approvers.name, "Together We're Better"),
        ("Shropshire approvers (renamed)", "Shropshire, Telford and Wrekin"),
    }
    assert GroupSitePermission.objects.count() == sites_before + 2  # nothing else given per site
    after = {group.name: set(group.permissions.values_list("codename", flat=True)) for group in Group.objects.all()}
    assert after.pop(cluster.name) == before.pop(cluster.name) | {CODENAME}  # in its own list: every site
    assert after == before  # no other group's own list changed
    assert not own_group.permissions.exists()

    # What it means in the admin: each approver changes their own site's deadlines only; the cluster
    # administrators every site's.
    for side, other in ((staffordshire, shropshire), (shropshire, staffordshire)):
        approver = signed_in(Client(), side.staff["approver"])
        assert approver.get(f"/admin/settings/governance/governancesettings/{side.site.pk}/").status_code == 200
        assert refused(approver.get(f"/admin/settings/governance/governancesettings/{other.site.pk}/"))
        editor = signed_in(Client(), side.staff["comms editor"])
        assert refused(editor.get(f"/admin/settings/governance/governancesettings/{side.site.pk}/"))
    administrator = signed_in(Client(), member("cluster_admin", cluster))
    for side in partnerships:
        assert administrator.get(f"/admin/settings/governance/governancesettings/{side.site.pk}/").status_code == 200

    migrate(AFTER)  # already applied: nothing happens
    assert GroupSitePermission.objects.count() == sites_before + 2


def test_a_new_install_with_no_partnerships_is_left_alone(db):
    migrate(BEFORE)
    sites_before = GroupSitePermission.objects.count()
    migrate(AFTER)
    assert GroupSitePermission.objects.count() == sites_before
