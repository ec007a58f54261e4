from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stp_site.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from get_involved import resident_records

        from . import bookings

        resident_records.register(bookings.RECORD_KIND)
