from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "stp_site.home"
    label = "home"
    verbose_name = "Home and content pages"

    def ready(self):
        from . import signals  # noqa: F401 - a change to a known issue changes the accessibility statement
