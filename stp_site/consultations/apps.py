from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "stp_site.consultations"
    label = "consultations"
    verbose_name = "Consultations and engagement"

    def ready(self):
        from get_involved import resident_records

        from . import signals  # noqa: F401 - an outcome's first publication emails those who asked to hear back
        from .kind import RECORD_KIND

        resident_records.register(RECORD_KIND)
