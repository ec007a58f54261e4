"""Each partnership's coordinators see, add, correct and delete the responses to their own site's
consultations (consultations.view/add/change/delete_consultationresponse, for that site only).
`add_partnership` gives them to the coordinators groups it makes from now on (staff_groups.py); this gives
them to the groups it made before, the same way. Only adds; going back leaves them."""

from django.db import migrations

ACTIONS = ["view", "add", "change", "delete"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    Partnership = apps.get_model("partnerships", "Partnership")
    partnerships = [p for p in Partnership.objects.all() if p.coordinators_id is not None]
    if not partnerships:
        return  # a new install: add_partnership gives them
    # Django makes a new model's permissions only after every migration has run.
    content_type, _ = ContentType.objects.get_or_create(app_label="consultations", model="consultationresponse")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_consultationresponse",
            defaults={"name": f"Can {action} consultation response"},
        )
        for partnership in partnerships:
            GroupSitePermission.objects.get_or_create(
                group_id=partnership.coordinators_id, site_id=partnership.site_id, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_consultations_and_outcomes"),
        ("partnerships", "0003_question_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
