"""An exercise's events are the events pages that name it (their "linked consultation"): its own list of
event pages goes. A link to an events page that names no consultation yet moves onto that event first, so
no link is lost; links to other pages are dropped (docs/consultations.md)."""

from django.db import migrations


def move_links_to_the_events(apps, schema_editor):
    ConsultationEvent = apps.get_model("consultations", "ConsultationEvent")
    EventPage = apps.get_model("events", "EventPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for link in ConsultationEvent.objects.order_by("sort_order", "pk"):
        event = EventPage.objects.filter(pk=link.page_id, consultation__isnull=True).first()
        if event is None:
            continue
        event.consultation_id = link.page_owner_id
        event.save(update_fields=["consultation"])
        # The event's latest revision too, so the next publish from the editor keeps the link.
        revision = Revision.objects.filter(pk=event.latest_revision_id).first()
        if revision is not None:
            revision.content["consultation"] = link.page_owner_id
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_coordinators_see_responses"),
        ("events", "0001_events_and_bookings"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.RunPython(move_links_to_the_events, migrations.RunPython.noop),
        migrations.DeleteModel(name="ConsultationEvent"),
    ]
