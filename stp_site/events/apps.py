from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "stp_site.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from .record_kind import register_kind

        register_kind()
