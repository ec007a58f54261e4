"""Approvers and cluster administrators change their site's meeting papers and minutes deadlines
(Settings → Meeting papers and minutes, governance.change_governancesettings). `add_partnership` gives
that to the groups it makes from now on (staff_groups.py); this gives it to the groups it made before,
the same way: each partnership's approvers on its own site (a GroupSitePermission), the cluster
administrators in their own list (every site).

Only what `add_partnership` made is changed (the groups its Partnership rows name, whatever they are
called now), and only by adding this one permission: nothing staff set in Settings → Groups is taken
away. Going back leaves the permission where it is (staff may have given it by hand too)."""

from django.db import migrations

APP_LABEL, MODEL, CODENAME = "governance", "governancesettings", "change_governancesettings"
NAME = "Can change meeting papers and minutes"  # what Django names it, from the model's verbose name


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Partnership = apps.get_model("partnerships", "Partnership")
    partnerships = list(Partnership.objects.all())
    if not partnerships:
        return  # a new install: add_partnership gives it
    # Django makes a model's permissions after every migration has run, so on an install that is
    # migrating to the governance app now it does not exist yet.
    content_type, _ = ContentType.objects.get_or_create(app_label=APP_LABEL, model=MODEL)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    for partnership in partnerships:
        if partnership.approvers_id is not None:
            GroupSitePermission.objects.get_or_create(
                group_id=partnership.approvers_id, site_id=partnership.site_id, permission=permission
            )
    administrators = {p.cluster_administrators_id for p in partnerships if p.cluster_administrators_id is not None}
    for group in Group.objects.filter(pk__in=administrators):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("governance", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
