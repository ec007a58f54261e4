from django.apps import AppConfig


class StpSiteConfig(AppConfig):
    name = "stp_site"
    verbose_name = "The partnership"

    def ready(self):
        from . import signals  # noqa: F401 - connects cache invalidation on publish
