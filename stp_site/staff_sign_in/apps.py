from django.apps import AppConfig


class StaffSignInConfig(AppConfig):
    name = "stp_site.staff_sign_in"
    label = "staff_sign_in"
    verbose_name = "Staff sign-in"

    def ready(self):
        from . import signals  # noqa: F401 - connects the sign-in receivers
