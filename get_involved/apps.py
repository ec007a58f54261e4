from django.apps import AppConfig


class GetInvolvedConfig(AppConfig):
    name = "get_involved"
    verbose_name = "Get involved"

    def ready(self):
        from . import signals  # noqa: F401 - workers replay spooled sign-ups after serving a request
        from .record_kinds import register_kinds

        register_kinds()
