from django.apps import AppConfig


class PlainEnglishConfig(AppConfig):
    name = "stp_site.plain_english"
    label = "plain_english"
    verbose_name = "Plain English check"
