"""Each partnership's coordinators see and delete its events' bookings and see its email update
subscriber counts; its approvers and the cluster administrators change the event booking settings, as
`add_partnership` gives new partnerships (staff_groups.py). Only adds; going back leaves them."""

from django.db import migrations

from stp_site.partnerships.grants import grant


def grant_event_and_email_update_permissions(apps, schema_editor):
    bookings = {"view_eventbooking": "Can view event booking", "delete_eventbooking": "Can delete event booking"}
    grant(apps, "events", "eventbooking", bookings, groups=["coordinators"])
    grant(apps, "email_updates", "subscriber", {"view_subscriber": "Can view subscriber"}, groups=["coordinators"])
    grant(
        apps,
        "events",
        "eventsettings",
        {"change_eventsettings": "Can change event bookings"},
        groups=["approvers"],
        cluster_administrators=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0003_question_permissions"),
        ("events", "0001_events_and_bookings"),
        ("email_updates", "0001_subscribers_and_sent_updates"),
    ]

    operations = [migrations.RunPython(grant_event_and_email_update_permissions, migrations.RunPython.noop)]
