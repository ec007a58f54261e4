"""Site settings and the alert banner per site: each partnership's site has its own.

Existing rows belong to the default site (the one partnership the install served until now)."""

import django.db.models.deletion
from django.db import migrations, models


def attach_to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    for name in ("SiteSettings", "AlertBanner"):
        model = apps.get_model("core", name)
        first = model.objects.order_by("pk").first()
        if first is None:
            continue
        if site is None:
            model.objects.all().delete()  # no site to belong to: made again when a site asks for them
            continue
        model.objects.exclude(pk=first.pk).delete()
        first.site = site
        first.save(update_fields=["site"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sitesettings",
            name="site",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.AddField(
            model_name="alertbanner",
            name="site",
            field=models.OneToOneField(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.RunPython(attach_to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sitesettings",
            name="site",
            field=models.OneToOneField(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.AlterField(
            model_name="alertbanner",
            name="site",
            field=models.OneToOneField(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                to="wagtailcore.site",
            ),
        ),
        migrations.AddField(
            model_name="sitesettings",
            name="area_served",
            field=models.CharField(
                blank=True,
                help_text="The area the partnership serves, for search engines, e.g. 'Staffordshire and Stoke-on-Trent'.",
                max_length=120,
            ),
        ),
        migrations.AlterField(
            model_name="sitesettings",
            name="organisation_name",
            field=models.CharField(
                blank=True,
                help_text="The partnership's name, shown in the header. Leave blank to use the site's name.",
                max_length=100,
            ),
        ),
    ]
