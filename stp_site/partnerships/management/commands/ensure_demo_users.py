import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from stp_site.partnerships.demo import demo_site
from stp_site.partnerships.staff_groups import ensure_partnership

STAFFORDSHIRE = "staffordshire-and-stoke-on-trent"
SHROPSHIRE = "shropshire-telford-and-wrekin"
# (username, the partnership's fixtures, the role): `make run` gives each an authenticator app too.
DEMO_USERS = [
    ("comms_editor", STAFFORDSHIRE, "comms_editors"),
    ("approver", STAFFORDSHIRE, "approvers"),
    ("shropshire_editor", SHROPSHIRE, "comms_editors"),
    ("shropshire_approver", SHROPSHIRE, "approvers"),
]


class Command(BaseCommand):
    help = (
        "Create the demo staff accounts: 'comms_editor' and 'approver' for Together We're Better, "
        "'shropshire_editor' and 'shropshire_approver' for Shropshire, Telford and Wrekin, each in its "
        "partnership's group, with generated passwords printed once and saved nowhere. Run after "
        "load_demo_content. For `make run` only: never in production."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        for username, fixtures, role in DEMO_USERS:
            site = demo_site(fixtures)
            if site is None:
                raise CommandError("The demo sites are missing: run `python manage.py load_demo_content` first.")
            group = getattr(ensure_partnership(site)[0], role)
            user = User.objects.filter(username=username).first()
            if user is not None:
                user.groups.add(group)
                self.stdout.write(
                    f"Demo account '{username}' ({group.name}) already exists. To set a new password: "
                    f"python manage.py changepassword {username}"
                )
                continue
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, email="", password=password)
            user.groups.add(group)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo account created ({group.name}). Sign in at /admin/ as {username} / {password}"
                )
            )
        self.stdout.write("These passwords are shown only once and are not saved anywhere.")
