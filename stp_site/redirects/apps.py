from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    name = "stp_site.redirects"
    label = "redirects"
    verbose_name = "Redirects from old addresses"
