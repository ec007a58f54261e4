from django.apps import AppConfig


class SiteMergeConfig(AppConfig):
    name = "stp_site.site_merge"
    label = "site_merge"
    verbose_name = "Merging sites"

    def ready(self):
        from . import signals  # noqa: F401 - a change to a merged site's redirects changes where its host sends people
