from django.apps import AppConfig


class GetInvolvedConfig(AppConfig):
    name = "get_involved"
    verbose_name = "Get involved"
