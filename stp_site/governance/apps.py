from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "stp_site.governance"
    label = "governance"
    verbose_name = "How we are run"

    def ready(self):
        from . import signals  # noqa: F401 - the governance settings change what meeting pages say
