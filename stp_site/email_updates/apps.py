from django.apps import AppConfig


class EmailUpdatesConfig(AppConfig):
    name = "stp_site.email_updates"
    label = "email_updates"
    verbose_name = "Email updates"

    def ready(self):
        from . import signals  # noqa: F401 - page_published sends the updates
        from .record_kinds import register_kinds

        register_kinds()
