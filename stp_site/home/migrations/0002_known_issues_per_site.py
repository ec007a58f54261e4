"""Known accessibility issues per site: each partnership's statement lists its own.

Existing rows belong to the default site (the one partnership the install served until now)."""

import django.db.models.deletion
from django.db import migrations, models


def attach_to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    for name in ("KnownAccessibilityIssue",):
        model = apps.get_model("home", name)
        if site is None:
            model.objects.all().delete()
        else:
            model.objects.update(site=site)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="knownaccessibilityissue",
            name="site",
            field=models.ForeignKey(
                help_text="The partnership's website with this problem.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="known_accessibility_issues",
                to="wagtailcore.site",
            ),
        ),
        migrations.RunPython(attach_to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="knownaccessibilityissue",
            name="site",
            field=models.ForeignKey(
                help_text="The partnership's website with this problem.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="known_accessibility_issues",
                to="wagtailcore.site",
            ),
        ),
    ]
