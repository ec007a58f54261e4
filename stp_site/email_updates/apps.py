from django.apps import AppConfig


class EmailUpdatesConfig(AppConfig):
    name = "stp_site.email_updates"
    label = "email_updates"
    verbose_name = "Email updates"

    def ready(self):
        from get_involved import resident_records

        from . import records, signals  # noqa: F401 - page_published sends the updates

        resident_records.register(records.RECORD_KIND)
