from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "stp_site.search"
    label = "search"
    verbose_name = "Site search"
