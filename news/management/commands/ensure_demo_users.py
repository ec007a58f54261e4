import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from news.publishing import APPROVERS, COMMS_EDITORS, ensure_groups

DEMO_USERS = [("comms_editor", COMMS_EDITORS), ("approver", APPROVERS)]


class Command(BaseCommand):
    help = (
        "Create the demo accounts 'comms_editor' (Comms editors) and 'approver' (Approvers) with generated "
        "passwords, printed once and saved nowhere. For `make run` only: never in production."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        groups = ensure_groups()
        for username, group_name in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is not None:
                user.groups.add(groups[group_name])
                self.stdout.write(
                    f"Demo account '{username}' ({group_name}) already exists. To set a new password: "
                    f"python manage.py changepassword {username}"
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, email="", password=password)
            user.groups.add(groups[group_name])
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo account created ({group_name}). Sign in at /admin/ as {username} / {password}"
                )
            )
        self.stdout.write("These passwords are shown only once and are not saved anywhere.")
