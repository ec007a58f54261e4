from django.apps import AppConfig


class FrontendCacheConfig(AppConfig):
    name = "stp_site.frontend_cache"
    label = "frontend_cache"
    verbose_name = "Front-end cache"

    def ready(self):
        from . import signals  # noqa: F401 - every publish-type change purges what shows it from Varnish
