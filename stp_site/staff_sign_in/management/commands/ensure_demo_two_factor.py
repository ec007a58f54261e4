from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stp_site.staff_sign_in import devices


class Command(BaseCommand):
    help = (
        "Give the named local demo accounts an authenticator app secret, printed once (they have no phone "
        "to set one up with). Only with DEBUG on (`make run`): never in production. Accounts that already "
        "have two-step verification are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+")

    def handle(self, *args, usernames, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_demo_two_factor is for local development (DEBUG) only.")
        User = get_user_model()
        for user in User.objects.filter(username__in=usernames).order_by("username"):
            if devices.is_enrolled(user):
                self.stdout.write(
                    f"Two-step verification for '{user.username}' is already set up. If the secret is lost: "
                    f"python manage.py reset_two_factor {user.username}"
                )
                continue
            device = TOTPDevice.objects.create(user=user, name=devices.AUTHENTICATOR_APP, confirmed=True)
            devices.new_recovery_codes(user)
            code = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
            self.stdout.write(
                self.style.SUCCESS(
                    f"Two-step verification for '{user.username}': add this secret to your authenticator app: "
                    f"{devices.secret_text(device)} (the code now is {code:06d})"
                )
            )
        self.stdout.write(
            "These secrets are shown only once. Recovery codes: sign in, then open Account > Two-step verification."
        )
