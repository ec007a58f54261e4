"""The "Equality monitoring" group: the staff who may see the equality summary (counts only, small
numbers hidden). Nobody gets it by default; an administrator adds the people whose role needs it."""

from django.db import migrations

GROUP = "Equality monitoring"
CODENAME = "view_equality_summary"
NAME = "Can view the equality monitoring summary (counts only)"


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    answers_type, _ = ContentType.objects.get_or_create(app_label="get_involved", model="equalityanswers")
    permission, _ = Permission.objects.get_or_create(
        content_type=answers_type, codename=CODENAME, defaults={"name": NAME}
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(permission, access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("get_involved", "0002_reference_group_coordinators")]

    operations = [
        migrations.AlterModelOptions(
            name="equalityanswers",
            options={
                "default_permissions": (),
                "permissions": [(CODENAME, NAME)],
                "verbose_name": "equality answers",
                "verbose_name_plural": "equality answers",
            },
        ),
        migrations.RunPython(create_group, remove_group),
    ]
