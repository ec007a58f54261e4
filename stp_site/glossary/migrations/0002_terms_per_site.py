"""Glossary terms per site: each partnership explains its own words.

Existing rows belong to the default site (the one partnership the install served until now)."""

import django.db.models.deletion
from django.db import migrations, models


def attach_to_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    for name in ("GlossaryTerm",):
        model = apps.get_model("glossary", name)
        if site is None:
            model.objects.all().delete()
        else:
            model.objects.update(site=site)


class Migration(migrations.Migration):
    dependencies = [
        ("glossary", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="glossaryterm",
            name="site",
            field=models.ForeignKey(
                help_text="The partnership's website this term is explained on.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="glossary_terms",
                to="wagtailcore.site",
            ),
        ),
        migrations.RunPython(attach_to_default_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="glossaryterm",
            name="site",
            field=models.ForeignKey(
                help_text="The partnership's website this term is explained on.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="glossary_terms",
                to="wagtailcore.site",
            ),
        ),
        migrations.AlterField(
            model_name="glossaryterm",
            name="term",
            field=models.CharField(help_text="The word or abbreviation, as it is written, e.g. ICB.", max_length=80),
        ),
        migrations.AddConstraint(
            model_name="glossaryterm",
            constraint=models.UniqueConstraint(fields=("site", "term"), name="glossary_term_once_per_site"),
        ),
    ]
