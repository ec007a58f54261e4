from django.apps import AppConfig


class InvolvementRecordConfig(AppConfig):
    name = "stp_site.involvement_record"
    label = "involvement_record"
    verbose_name = "Involvement record"

    def ready(self):
        from .sources import connect_sources

        connect_sources()
