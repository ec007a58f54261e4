"""Each partnership's coordinators read, answer and delete the questions from the public to their own
site's meetings (get_involved.view/change/delete_publicquestion, for that site only). `add_partnership`
gives them to the coordinators groups it makes from now on (staff_groups.py); this gives them to the
groups it made before, the same way. Only adds; going back leaves them (staff may have given them too)."""

from django.db import migrations

ACTIONS = {"view": "Can view question to a meeting", "change": "Can change question to a meeting",
           "delete": "Can delete question to a meeting"}  # fmt: skip


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Partnership = apps.get_model("partnerships", "Partnership")
    partnerships = [p for p in Partnership.objects.all() if p.coordinators_id is not None]
    if not partnerships:
        return  # a new install: add_partnership gives them
    # Django makes a new model's permissions only after every migration has run.
    content_type, _ = ContentType.objects.get_or_create(app_label="get_involved", model="publicquestion")
    for action, name in ACTIONS.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_publicquestion", defaults={"name": name}
        )
        for partnership in partnerships:
            GroupSitePermission.objects.get_or_create(
                group_id=partnership.coordinators_id, site_id=partnership.site_id, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0002_governance_settings_permission"),
        ("get_involved", "0005_questions_to_meetings"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
