from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "stp_site.core"
    label = "core"
    verbose_name = "The partnership"

    def ready(self):
        from . import signals  # noqa: F401 - connects the content version to publishing
