from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "stp_site.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
