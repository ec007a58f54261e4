"""Each partnership's coordinators see, add, correct and delete the responses to their own site's
consultations (consultations.view/add/change/delete_consultationresponse, for that site only), as
`add_partnership` gives new partnerships (staff_groups.py). Only adds; going back leaves them."""

from django.db import migrations

from stp_site.partnerships.grants import grant


def grant_response_permissions(apps, schema_editor):
    codenames = {
        f"{action}_consultationresponse": f"Can {action} consultation response"
        for action in ("view", "add", "change", "delete")
    }
    grant(apps, "consultations", "consultationresponse", codenames, groups=["coordinators"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_consultations_and_outcomes"),
        ("partnerships", "0003_question_permissions"),
    ]

    operations = [migrations.RunPython(grant_response_permissions, migrations.RunPython.noop)]
