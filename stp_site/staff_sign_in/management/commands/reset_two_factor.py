import logging

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stp_site.staff_sign_in import devices, sessions

logger = logging.getLogger("stp_site.staff_sign_in")


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-step verification (authenticator app, recovery codes and passkeys), "
        "for a lost or replaced phone, and end their sessions. Their next sign-in sets it up again. Check who "
        "is asking first."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No staff account is called {username!r}.") from None
        count = devices.delete_all(user)
        # Whoever has the lost phone may be signed in as them: those sessions end too.
        ended = sessions.end_sessions_of(user)
        logger.info(
            "Two-step verification reset for staff username %r (%d devices removed, %d sessions ended)",
            username, count, ended,
        )  # fmt: skip
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-step verification removed for {username} ({count} device{'s' if count != 1 else ''}), "
                f"and signed out everywhere ({ended} session{'s' if ended != 1 else ''}). "
                "Their next sign-in will ask them to set it up again."
            )
        )
