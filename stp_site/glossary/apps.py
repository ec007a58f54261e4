from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "stp_site.glossary"
    label = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from . import signals  # noqa: F401 - a change to a term changes every page that uses it
