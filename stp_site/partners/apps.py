from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "stp_site.partners"
    label = "partners"
    verbose_name = "Partners"
