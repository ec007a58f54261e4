"""The "Reference group coordinators" group: the only staff who can see sign-ups."""

from django.db import migrations

GROUP = "Reference group coordinators"
SIGNUP_PERMISSIONS = [("view", "View"), ("add", "Add"), ("change", "Change"), ("delete", "Delete")]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    signup_type, _ = ContentType.objects.get_or_create(app_label="get_involved", model="signup")
    for codename, label in SIGNUP_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=signup_type, codename=f"{codename}_signup", defaults={"name": f"Can {label.lower()} sign-up"}
        )
        group.permissions.add(permission)
    # Coordinators also keep the list of referral partners (the ?ref= codes in partners' links).
    partner_type, _ = ContentType.objects.get_or_create(app_label="get_involved", model="referralpartner")
    for codename, label in SIGNUP_PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=partner_type,
            codename=f"{codename}_referralpartner",
            defaults={"name": f"Can {label.lower()} referral partner"},
        )
        group.permissions.add(permission)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    group.permissions.add(access_admin)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("get_involved", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
