from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News"

    def ready(self):
        from . import signals  # noqa: F401 - a new news index gets its groups and workflow
