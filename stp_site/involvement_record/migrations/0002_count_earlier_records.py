"""Count the sign-ups and questions to meetings stored before the involvement record existed, once each."""

from django.db import migrations


def site_for(sites, path):
    for root_path, site_id in sites:
        if path.startswith(root_path):
            return site_id
    return None


def count_earlier_records(apps, schema_editor):
    Participation = apps.get_model("involvement_record", "Participation")
    Site = apps.get_model("wagtailcore", "Site")
    sites = list(Site.objects.values_list("root_page__path", "id"))
    sources = [
        ("get_involved", "SignUp", "reference_group", "group"),
        ("get_involved", "PublicQuestion", "meeting_questions", "meeting"),
    ]
    for app_label, model_name, kind, page_field in sources:
        model = apps.get_model(app_label, model_name)
        related = [page_field] + (["referral"] if model_name == "SignUp" else [])
        rows = []
        for record in model.objects.select_related(*related).iterator(chunk_size=500):
            page = getattr(record, page_field)
            referral = getattr(record, "referral", None)
            rows.append(
                Participation(
                    record=f"{app_label}.{model_name.lower()}:{record.pk}",
                    kind=kind,
                    page_id=page.pk,
                    page_title=page.title,
                    site_id=site_for(sites, page.path),
                    referral_partner=referral.name if referral else "",
                    happened_at=record.created_at,
                )
            )
        Participation.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("involvement_record", "0001_participation"),
        ("get_involved", "0005_questions_to_meetings"),
    ]

    operations = [migrations.RunPython(count_earlier_records, migrations.RunPython.noop)]
